"""Who and when a document is about: its type, unit, parent unit and year.

The evidence, strongest first: identity labels (``Unit Kerja : …``,
``Tahun Anggaran : 2024``), title lines (``PERJANJIAN KINERJA TAHUN 2017`` /
``DINAS KESEHATAN PROVINSI JAWA BARAT``), the first party's *Jabatan* (the unit
its head heads), the target header (``Target 2024``), the signature date.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from ...vocabulary import derived
from .words import (acronyms, after_words, fuzzy_prefix, heads, labels, layout, longest_prefix, squashed_prefix, starts_with_any, title_prefixes, title_qualifiers,
                    titles, unspaced, words_of)

_YEAR = re.compile(r"\b(19[89]\d|20\d\d|21\d\d)\b")
_PAGE_AFTER_YEAR = re.compile(r"(\b(?:19[89]\d|20\d\d|21\d\d))\s+\d{1,3}\s*$")
_PERIOD = re.compile(r"\b(19[89]\d|20\d\d)\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?)\s*(19[89]\d|20\d\d)\b", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^()]*\)")
_YEAR_WORDS = re.compile(r"\b(?:tahun\s+anggaran|tahun|ta\.?|periode)\s*$", re.IGNORECASE)
_TAHUN = re.compile(r"tahun\s+(?:anggaran\s+)?\d{4}", re.IGNORECASE)
MAX_TITLE_WORDS = 20


class Title(NamedTuple):
    kind: str          # a document type, or "report"
    rest: str          # the title line after its phrase (a unit, a year)


@lru_cache(maxsize=4096)
def title_of(text: str) -> Title | None:
    """The document type a title line names, or None when the line is no title.

    A title starts with its phrase (after ``LAMPIRAN``), is short, and is
    written in capitals or as a heading of a few words, so that a sentence
    beginning "Rencana kerja ini …" is not taken for a title."""
    first = text.lstrip("* ").split(None, 1)
    if not first:
        return None
    exact = first[0].lower().strip("*:,.") in title_starts()
    if not exact and not _heading(text):
        return None  # the common case, decided without splitting the line into words
    if not exact:
        text = unspaced(text)  # "R E N C A N A  S T R A T E G I S"
    words = words_of(text)
    if not words or len(words) > MAX_TITLE_WORDS:
        return None
    skip = starts_with_any(words, title_prefixes())
    start = len(skip) if skip else 0
    kind, length = longest_prefix(words[start:], titles())
    if kind is None and not exact:  # a heading misread by OCR, or letter-spaced with its word gaps lost
        kind, length = fuzzy_prefix(words[start:], titles())
        if kind is None:
            kind, length = squashed_prefix(" ".join(words[start:]), titles())
            if kind is not None and len(words) - start < length:
                return Title(kind, "")
    if kind is None:
        return None
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / max(1, len(letters))
    rest = after_words(text, start + length)
    if upper < 0.6 and (len(words) > 14 or (words[start + length:] and not _YEAR.search(text)) or _sentence(rest) or text.rstrip().endswith(":")):
        return None  # a sentence that starts with a document's name ("Renstra 2023-2026 antara lain :"), not its title
    if text.rstrip().endswith((".", ";")) and upper < 0.6:
        return None
    return Title(kind, after_words(text, start + length))


_TITLE_CONNECTORS = frozenset({"dan", "di", "ke", "dari", "serta", "atau", "untuk", "pada", "tahun", "s.d.", "s/d", "sampai", "dengan"})


def _sentence(rest: str) -> bool:
    """Words in lower case after a document's name (other than the connectors a unit's name holds): a sentence."""
    return any(word[:1].islower() and word.strip(",.:;()") not in _TITLE_CONNECTORS for word in rest.split())


def _heading(text: str) -> bool:
    """A short line in capitals: where a title misread by OCR or letter-spaced may be."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and len(text) <= 160 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


@derived
@cache
def title_starts() -> frozenset[str]:
    """The first words of every title phrase and prefix: a line starting otherwise is no title."""
    phrases = [phrase for group in titles().values() for phrase in group] + list(title_prefixes())
    return frozenset(phrase[0] for phrase in phrases)


@derived
@cache
def label_starts() -> frozenset[str]:
    """The first words of every label: a line starting otherwise is no label."""
    return frozenset(phrase[0] for group in labels().values() for phrase in group)


def title_year(text: str) -> int | None:
    found = _YEAR.findall(text)
    return int(found[-1]) if found and not _PERIOD.search(text) else None


def title_period(text: str) -> tuple[int, int] | None:
    found = _PERIOD.search(text)
    if found:
        first, last = int(found.group(1)), int(found.group(2))
        return (first, last) if first < last else None
    return None


@lru_cache(maxsize=4096)
def unit_in_title(text: str) -> str | None:
    """The unit a title line names: what is left once brackets, the year and a head's title are gone."""
    text = _BRACKETS.sub(" ", text.replace("*", " "))
    text = _PAGE_AFTER_YEAR.sub(r"\1", text)  # a running header's page number (… Tahun 2019 29)
    text = _PERIOD.sub(" ", text)
    text = _TAHUN.sub(" ", text)  # "TAHUN 2024" anywhere in the line, not only at its end
    text = _YEAR.sub(" ", text)
    text = " ".join(text.split()).strip(" ,.:;-")
    while True:
        trimmed = _YEAR_WORDS.sub("", text).strip(" ,.:;-")
        if trimmed == text:
            break
        text = trimmed
    words = words_of(text)
    qualifier = starts_with_any(words, title_qualifiers())
    if qualifier:  # "KINERJA TAHUN 2022" after "RENCANA AKSI": the document's name goes on, no unit yet
        text = after_words(text, len(qualifier)).strip(" ,.:;-")
        return unit_in_title(text) if text else None
    if not text:
        return None
    if words and words[0] in ("atas", "dari", "untuk", "pada"):  # RENCANA AKSI ATAS PERJANJIAN KINERJA …
        inner = title_of(after_words(text, 1).strip())
        text = inner.rest.strip(" ,.:;-") if inner is not None else text
        if inner is not None:
            return unit_in_title(text)
    head, replacement = _head(words, "unit")
    if head:
        text = _replace_head(text, len(head), replacement)
    return text or None


@lru_cache(maxsize=4096)
def is_title_continuation(text: str) -> bool:
    """A line under a title that goes on naming the unit or the year: short, a heading, no label."""
    stripped = unspaced(text.replace("*", "")).strip()
    if not stripped or ":" in stripped or len(stripped) > 120:
        return False
    words = words_of(stripped)
    if not words or len(words) > 14:
        return False
    letters = [c for c in stripped if c.isalpha()]
    if not letters:
        return bool(_YEAR.search(stripped))
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper >= 0.6 or bool(_TAHUN.fullmatch(stripped))


class Label(NamedTuple):
    kind: str            # unit, year, name, role, nip, rank
    value: str | None    # None: the value comes on a later line


@lru_cache(maxsize=4096)
def label_of(text: str) -> Label | None:
    """``Unit Kerja : Dinas X`` → (unit, "Dinas X"); ``Tahun Anggaran`` alone → (year, None)."""
    first = text.split(None, 1)
    if not first or first[0].split("/", 1)[0].lower().strip("*:,.") not in label_starts():
        return None  # the common case, decided without splitting the line into words
    head, colon, value = text.partition(":")
    if not colon:
        head, tab, value = text.partition("\t")
        colon = tab
    words = words_of(head)
    if not words or len(words) > 6:
        return None
    kind = next((kind for kind, phrases in labels().items() if words in phrases), None)
    if kind is None:
        return None
    value = " ".join(value.replace("\t", " ").split()).strip()
    if not colon:
        if kind == "year" and words != ("tahun", "anggaran"):
            return None  # "Tahun" alone is too common a word to be a label without its colon
        return Label(kind, None)
    return Label(kind, value or None)


def _head(words: tuple[str, ...], kind: str) -> tuple[tuple[str, ...] | None, str]:
    for title, replacement in heads(kind):
        if words[: len(title)] == title and len(words) > len(title):
            return title, replacement
    return None, ""


def _replace_head(text: str, count: int, replacement: str) -> str:
    rest = after_words(text, count).strip(" ,.:;")
    if not replacement:
        return rest
    if text[:1].isupper() and text.split()[0].isupper():
        replacement = replacement.upper()
    else:
        replacement = replacement.title()
    return f"{replacement} {rest}".strip()


@lru_cache(maxsize=4096)
def unit_of_role(role: str | None) -> str | None:
    """The unit a head's *Jabatan* heads: ``Kepala Dinas Kesehatan Provinsi X`` → ``Dinas Kesehatan Provinsi X``."""
    if not role:
        return None
    role = role.strip(" ,.")
    words = words_of(role)
    head, replacement = _head(words, "unit")
    if head is None:
        return None
    unit = _replace_head(role, len(head), replacement)
    return unit or None


@lru_cache(maxsize=4096)
def parent_of_role(role: str | None) -> str | None:
    """The unit a PK's second party heads: ``Gubernur Jawa Barat`` → ``Pemerintah Provinsi Jawa Barat``."""
    if not role:
        return None
    role = role.strip(" ,.")
    words = words_of(role)
    head, replacement = _head(words, "parent")
    if head is None:
        return None
    rest = after_words(role, len(head)).strip(" ,.")
    if not rest:
        return None
    region = replacement.split()[-1] if replacement.startswith("pemerintah") else None
    rest_words = words_of(rest)
    if region and rest_words and rest_words[0] in ("provinsi", "kabupaten", "kota", "kab", "prov"):
        rest = after_words(rest, 1).strip(" ,.")
    name = f"{replacement} {rest}".strip() if replacement else rest
    return title_case(name) if replacement or rest.isupper() else name


def title_case(text: str) -> str:
    """``PEMERINTAH PROVINSI JAWA BARAT`` → ``Pemerintah Provinsi Jawa Barat``, acronyms kept."""
    keep = acronyms()
    out = []
    for word in text.split():
        bare = word.strip(",.()")
        if bare.upper() in keep or any(c.isdigit() for c in word):
            out.append(word.upper() if bare.upper() in keep else word)
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)


def region_words() -> tuple[str, ...]:
    return tuple(layout()["heads"]["region_words"])


def more_specific(chosen: str, other: str) -> bool:
    """``other`` names the same unit with more words (``Dinas Kesehatan`` → ``… Provinsi Jawa Barat``)."""
    mine, theirs = set(words_of(chosen)), set(words_of(other))
    return bool(mine) and mine < theirs


_JOINERS = frozenset({"dan", "serta", "&"})
_REPEATED = re.compile(r"([a-z])(\d)")


def abbreviates(short: str, full: str) -> bool:
    """``short`` is ``full`` written as Indonesian offices shorten their names: each word of it the opening
    letters of consecutive words of the name, in order (``DINSOS`` ← *Din*as *Sos*ial, ``P3AKB`` ← three
    *P*-words, *A*nak, *K*eluarga, *B*erencana; ``dan`` may be skipped), the name going on only with the
    place (``Kabupaten Bondowoso``). At least one word of ``short`` must be shortened: a name merely
    lengthened is ``more_specific``'s."""
    tokens = [_REPEATED.sub(lambda m: m.group(1) * int(m.group(2)), token) for token in words_of(short)]
    words = [word for word in words_of(full) if word not in _JOINERS]
    if not tokens or len(words) <= len(tokens) or all(token in words for token in tokens) or sum(map(len, tokens)) > 40:
        return False

    def run(token: str, at: int) -> list[int]:
        """Where a run of words from ``at`` spelling ``token`` by their openings can end."""
        if not token:
            return [at]
        if at == len(words):
            return []
        word = words[at]
        return [end for size in range(min(len(word), len(token)), 0, -1) if token.startswith(word[:size])
                for end in run(token[size:], at + 1)]

    ends = {0}
    for token in tokens:
        ends = {end for start in ends for end in run(token, start)}
        if not ends:
            return False
    rest = set(layout()["signers"]["places"])
    return any(all(word in rest or not word.isalpha() for word in words[end:end + 1]) for end in ends)


_NUMERAL = re.compile(r"^(?:[ivxlc]+|\d{1,2})$")


def is_section_heading(text: str) -> bool:
    """``BAB III AKUNTABILITAS KINERJA``: a chapter's word and its number; ``RINGKASAN EKSEKUTIF``, ``KATA
    PENGANTAR``: the front matter every report prints. A heading, never a unit's name."""
    words = words_of(text)
    titles = layout()["titles"]
    if " ".join(words) in titles.get("front_matter", ()):
        return True
    return len(words) >= 2 and words[0] in titles.get("section_words", ()) and bool(_NUMERAL.match(words[1]))
