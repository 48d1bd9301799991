"""Checks on what an indicator's wording says it measures, by the form of the words
(vocabulary/words.toml [change], [status], [inputs]; units.txt's counted things):

- a change (``Penurunan …``, ``Meningkatnya …``) given a level: by the target, or to it?
- a state reached, an absence or a category given a percentage: a share of nothing stated;
- a count (``Jumlah …``) given a fraction of a thing counted (``7.85`` ships);
- an input (the budget absorbed, the value of assets held) taken for performance.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ...read.textnorm import WORD as _WORD
from ...read.units import count_units, unit_name
from ...vocabulary import derived
from . import Hit, Options, Site, check, phrase
from .fields import compile_pattern
from .wording import measure_word_set, word_classes


class NoOptions(Options):
    pass


def _first_words(text: str, count: int) -> list[str]:
    found: list[str] = []
    for match in _WORD.finditer(text):
        found.append(match.group(0).lower())
        if len(found) == count:
            break
    return found


@derived
@cache
def _change() -> frozenset[str]:
    return frozenset(w.lower() for w in word_classes()["change"]["words"])


def change_word(text: str) -> str | None:
    """The word that makes an indicator a change (``Penurunan``), as written, or None."""
    first = _WORD.search(text)
    return first.group(0) if first is not None and first.group(0).lower() in _change() else None


@check("change_as_level", NoOptions, visits=("indicator",), placeholders=("word",))
def change_as_level(sites: list[Site], options: NoOptions):
    """An indicator worded as a change whose target reads as a level: not signed (``+5%``, a change) nor
    bounded (``≤ 60 Menit``, the level to reach)."""
    for site in sites:
        word = change_word(site.indicator.text)
        target = site.indicator.target
        if word is None or target.kind not in ("percent", "number", "quantity", "rate"):
            continue
        if target.comparator is not None or target.raw.lstrip().startswith(("+", "-", "−")):
            continue
        yield Hit({"word": word}, site)


@derived
@cache
def _status() -> tuple[tuple[tuple[str, ...], ...], frozenset[str], tuple]:
    data = word_classes()["status"]
    absence = tuple(sorted((tuple(p.lower().split()) for p in data["absence"]), key=len, reverse=True))
    patterns = tuple(compile_pattern(p, ignore_case=False) for p in data.get("patterns", []))
    return absence, frozenset(w.lower() for w in data["categories"]), patterns


def status_form(text: str) -> tuple[str, str] | None:
    """(form, words) when an indicator names an absence, a category or a state reached; else None."""
    absence, categories, _ = _status()
    words = _first_words(text, 3)
    if not words:
        return None
    for phrase_words in absence:
        if tuple(words[: len(phrase_words)]) == phrase_words:
            return "absence", " ".join(phrase_words)
    if words[0] in categories:
        return "category", words[0]
    if _stative(words[0]):
        return "state", words[0]
    return None


@derived
@lru_cache(maxsize=8192)
def _stative(word: str) -> bool:
    """A word of the ter-…-nya form, once per distinct word (the patterns run on RE2)."""
    return any(pattern.match(word) for pattern in _status()[2])


@check("status_as_percent", NoOptions, visits=("indicator",), placeholders=("form", "word"))
def status_as_percent(sites: list[Site], options: NoOptions):
    """An indicator naming a state reached, an absence or a category, given a percentage target."""
    for site in sites:
        target = site.indicator.target
        if target.kind != "percent" and not (target.kind == "range" and target.unit == "percent"):
            continue
        found = status_form(site.indicator.text)
        if found is not None:
            form, word = found
            yield Hit({"form": phrase(f"phrase.form-{form}"), "word": word}, site)


@derived
@cache
def _count_words() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(w.lower() for w in word_classes()["outputs"]["count_words"]), frozenset(w.lower() for w in word_classes()["change"]["measures"])


def counted_unit(unit: str) -> bool:
    """A thing counted one by one (``dokumen``, ``orang``, or a noun no table defines: ``kapal``,
    ``sertifikat``), not a measure that may be fractional (``km``, ``ha``, ``bulan``, ``rupiah``)."""
    _, measures = _count_words()
    if unit in count_units():
        return True
    return unit_name(unit) is None and not any(word in measures for word in _WORD.findall(unit.lower()))  # Mega Ton, Juta Liter/Tahun


@check("whole_count", NoOptions, visits=("indicator",))
def whole_count(sites: list[Site], options: NoOptions):
    """A count (``Jumlah …``) of things is a whole number: ``7.85`` ships or certificates cannot be."""
    counts, _ = _count_words()
    for site in sites:
        target = site.indicator.target
        if target.kind not in ("number", "quantity") or target.value is None or float(target.value).is_integer():
            continue
        first = _WORD.search(site.indicator.text)
        if first is None or first.group(0).lower() not in counts:
            continue
        if target.unit is None or counted_unit(target.unit):
            yield Hit({}, site)


@derived
@cache
def _inputs() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The input phrases by their first word, longest first: a text is scanned once, not once per phrase."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase_words in sorted((tuple(p.lower().split()) for p in word_classes()["inputs"]["phrases"]), key=len, reverse=True):
        by_first.setdefault(phrase_words[0], []).append(phrase_words)
    return {first: tuple(phrases) for first, phrases in by_first.items()}


@derived
@cache
def _not_inputs() -> tuple[tuple[str, ...], ...]:
    data = word_classes()["inputs"]
    return tuple(tuple(w.lower().split()) for w in [*data.get("relating", []), *data.get("directed", [])])


@derived
@cache
def _needs() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The nouns of a need, the words that say it is met, and the single measure words an indicator's name starts with."""
    inputs = word_classes()["inputs"]
    return frozenset(w.lower() for w in inputs.get("needs", [])), frozenset(w.lower() for w in inputs.get("met", [])), measure_word_set()


def _measured_noun(words: list[str], measures: frozenset[str]) -> str | None:
    """The first word after the measure words an indicator's name starts with (``Jumlah`` → ``kebutuhan``)."""
    return next((word for word in words if word not in measures), None)


def input_phrase(text: str) -> str | None:
    """The words that make an indicator measure an input (``realisasi belanja``, a need), or None: not when
    it relates the input to what it achieved (an efficiency) or says what the spending goes to (a policy's result)."""
    phrases = _inputs()
    words = [w.lower() for w in _WORD.findall(text)]
    for other in _not_inputs():
        if any(tuple(words[at:at + len(other)]) == other for at in range(len(words) - len(other) + 1)):
            return None
    needs, met, measures = _needs()
    noun = _measured_noun(words, measures)
    if noun in needs and met.isdisjoint(words):
        return noun
    for at, word in enumerate(words):
        for phrase_words in phrases.get(word, ()):
            if tuple(words[at:at + len(phrase_words)]) == phrase_words:
                return " ".join(phrase_words)
    return None


@check("measures_input", NoOptions, visits=("indicator",), placeholders=("input",))
def measures_input(sites: list[Site], options: NoOptions):
    """An indicator of a goal that measures what the unit spends or holds (its budget absorbed, its assets' value)."""
    for site in sites:
        if site.goal.group is None:
            found = input_phrase(site.indicator.text)
            if found is not None:
                yield Hit({"input": found}, site)
