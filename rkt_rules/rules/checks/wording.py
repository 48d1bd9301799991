"""Checks on how goals and indicators are worded, with words from vocabulary/words.toml.

A goal names a condition to reach, not work to do; an indicator of a strategic
goal measures a result, not the documents produced or the activities held; a
percentage of the plan's own single office can only be 0 or 100.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import islice
from ...vocabulary import derived, load
from . import Hit, Options, Site, check
from .document import institution
from .fields import compile_pattern

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@derived
@cache
def word_classes() -> dict:
    """vocabulary/words.toml with the project's additions: the word classes the wording checks judge by."""
    return load("words")


@derived
@cache
def _activity() -> tuple[frozenset[str], tuple, frozenset[str], frozenset[str]]:
    data = word_classes()
    words = frozenset(w.lower() for w in data["activity"]["words"] + data["activity"]["verbs"])
    patterns = tuple(compile_pattern(p, ignore_case=False) for p in data["activity"].get("patterns", []))
    never = frozenset(w.lower() for w in data["activity"].get("not_activity", []) + data["state"]["words"] + data["result"]["words"])
    return words, patterns, never, frozenset(w.lower() for w in data["state"]["words"])


def names_an_activity(text: str) -> bool:
    """The goal is the *name* of a piece of work (a process noun: ``Penyediaan Rumah Khusus``,
    ``Dukungan Manajemen …``), as a kegiatan is named, not a verb of doing (``Melanjutkan …``)."""
    word = activity_word(text)
    if word is None:
        return False
    activity = word_classes()["activity"]
    return word.lower() not in activity["verbs"] and word.lower() not in activity.get("directions", ())


def activity_word(text: str) -> str | None:
    """The first word of ``text`` when it makes it an activity (``Pembentukan``, ``Melanjutkan``), else None."""
    found = [match.group(0) for match in islice(_WORD.finditer(text), 2)]  # only the first two words count
    if not found:
        return None
    first = found[0]
    lowered = first.lower()
    words, _, never, _ = _activity()
    two = " ".join(w.lower() for w in found[:2])
    if lowered in never or two in never:
        return None
    if lowered in words or _by_pattern(lowered):
        return first
    return None


@derived
@lru_cache(maxsize=8192)
def _by_pattern(word: str) -> bool:
    """A word of the activity patterns' form (pe-…-an): once per distinct word, the patterns run on RE2."""
    return any(pattern.match(word) for pattern in _activity()[1])


class NoOptions(Options):
    pass


@check("worded_as_activity", NoOptions, visits=("goal",), placeholders=("matched",))
def worded_as_activity(sites: list[Site], options: NoOptions):
    """A goal begins with a word of work to do (a process noun, a verb of doing) rather than of a state or result."""
    for site in sites:
        word = activity_word(site.goal.text)
        if word is not None:
            yield Hit({"matched": word}, site)


@derived
@cache
def _outputs() -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], frozenset[str]]:
    data = word_classes()["outputs"]
    counts = tuple(w.lower() for w in data["count_words"])
    nouns = tuple(sorted((tuple(n.lower().split()) for n in data["nouns"]), key=len, reverse=True))
    return counts, nouns, frozenset(w.lower() for w in data.get("taking_part", ()))


@derived
@cache
def measure_word_set() -> frozenset[str]:
    """The single words an indicator's name opens with to say what it measures (words.toml [measures])."""
    return frozenset(w.lower() for w in load("words")["measures"]["words"] if " " not in w)


def counted_output(text: str, unit: str | None = None) -> str | None:
    """What work product a count indicator counts, or None: the noun after the count word
    (``Jumlah dokumen … yang disusun`` → ``dokumen``), the work its people take part in
    (``Jumlah SDM yang mengikuti pelatihan`` → ``pelatihan``) or its target's unit
    (``Jumlah rekomendasi strategis`` at ``60 Rekomendasi``; ``Perda APBD Tepat Waktu`` at ``4 Dokumen``,
    a count however it is worded, unless it opens with what else it measures: ``Persentase``, ``Indeks``)."""
    counts, nouns, taking_part = _outputs()
    first = _WORD.search(text)
    if first is None:
        return None
    if first.group(0).lower() not in counts:
        # Not worded as a count, but its target counts work products ("Perda … Tepat Waktu" at "4 Dokumen"):
        # unless the wording says it measures something else (a share, an index, a value).
        if unit and first.group(0).lower() not in measure_word_set():
            return _noun_at(unit.lower().split(), nouns)
        return None  # most indicators: not a count at all, decided by the first word
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 2:
        return None
    found = _noun_at(words[1:], nouns)
    if found is None:
        for i, word in enumerate(words[:-1]):
            if word == "yang" and words[i + 1] in taking_part:
                found = _noun_at(words[i + 2:], nouns)
                break
    if found is None and unit:
        found = _noun_at(unit.lower().split(), nouns)
    return found


def _noun_at(words: list[str], nouns: tuple[tuple[str, ...], ...]) -> str | None:
    for noun in nouns:
        if tuple(words[: len(noun)]) == noun:
            return " ".join(noun)
    return None


@check("counts_outputs", NoOptions, visits=("indicator",), placeholders=("counted",))
def counts_outputs(sites: list[Site], options: NoOptions):
    """An indicator of a strategic goal counts documents produced or activities held, not a result.

    Rows under a group (``PROGRAM …``, ``KEGIATAN …``) measure programs and
    activities, whose outputs are rightly counted: they are left alone. So are the
    outputs of a goal that is the name of a piece of work (``Penyediaan Rumah Khusus``):
    that row is a kegiatan, its outputs fit it, and the defect is the goal's, reported
    once on it. A goal that is a verb of doing (``Melanjutkan reformasi regulasi``)
    means a result and words it badly: its counted outputs are reported too."""
    for site in sites:
        if site.goal.group is None and not names_an_activity(site.goal.text):
            target = site.indicator.target
            noun = counted_output(site.indicator.text, target.unit if target.unit_written else None)
            if noun is not None:
                yield Hit({"counted": noun}, site)


_PERCENT_START = re.compile(r"^\s*(?:persentase|presentase|prosentase)\s+(?P<subject>.+?)\s+yang\b", re.IGNORECASE)


@check("own_office", NoOptions, visits=("indicator",), placeholders=("office",))
def own_office(sites: list[Site], options: NoOptions):
    """A percentage whose counted subject is the plan's own single office (``Persentase KPU Kota X yang …``)."""
    for site in sites:
        unit = site.document.unit
        if not unit:
            continue
        match = _PERCENT_START.match(site.indicator.text)
        if match is None:
            continue
        subject = match["subject"]
        if institution(subject) == institution(unit) or institution(subject) == " ".join(_WORD.findall(unit.lower())):
            yield Hit({"office": subject}, site)

