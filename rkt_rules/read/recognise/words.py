"""The layout vocabulary (vocabulary/layout.toml) compiled for fast lookups.

Phrases are compared as tuples of words, so "TUJUAN/ SASARAN STRATEGIS",
"Tujuan / Sasaran Strategis" and "tujuan/sasaran strategis" are one phrase,
and a phrase matches only on word boundaries ("no" is not "nomenklatur").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from ...vocabulary import derived, load

_WORD = re.compile(r"[^\W_]+|%|/", re.UNICODE)
_SPACED = re.compile(r"(?<!\S)(?:[^\W_] ){2,}[^\W_](?!\S)", re.UNICODE)  # "P R O V I N S I", "2 0 2 7"
FUZZY_MIN_LENGTH = 5   # shorter words must match exactly: "no" is not "ne"
FUZZY_SIMILARITY = 0.8  # one letter in five may differ: OCR's "Indlkator", "jumiah", "Stretegis"


def unspaced(text: str) -> str:
    """Letter-spaced words closed up: ``P R O V I N S I  J A W A`` → ``PROVINSI JAWA`` (a run of
    single characters separated by single spaces is one word; wider gaps stay between words)."""
    if " " not in text:
        return text
    return _SPACED.sub(lambda match: match.group(0).replace(" ", ""), text)


def words_of(text: str) -> tuple[str, ...]:
    """Lowercased words of ``text``, with ``/`` and ``%`` as words of their own; bold markers and brackets dropped."""
    return tuple(_WORD.findall(text.lower().replace("*", " ")))


def after_words(text: str, count: int) -> str:
    """``text`` after its first ``count`` words (as ``words_of`` counts them)."""
    if count == 0:
        return text
    for index, match in enumerate(_WORD.finditer(text.lower().replace("*", " ")), start=1):
        if index == count:
            return text[match.end():]
    return ""


def same_word(word: str, wanted: str) -> bool:
    """``word`` is ``wanted``, or (for words long enough to tell) ``wanted`` misread by OCR or a typist."""
    if word == wanted:
        return True
    if len(wanted) < FUZZY_MIN_LENGTH or abs(len(word) - len(wanted)) > 2 or word.isdigit():
        return False
    return Levenshtein.normalized_similarity(word, wanted) >= FUZZY_SIMILARITY


def fuzzy_prefix(words: tuple[str, ...], table: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[str | None, int]:
    """As longest_prefix, with each word of a phrase allowed to be misspelt (same_word)."""
    best, length = None, 0
    for key, phrases in table.items():
        for phrase in phrases:
            if len(phrase) > length and len(words) >= len(phrase) and all(map(same_word, words, phrase)):
                best, length = key, len(phrase)
                break
    return best, length


def squashed_prefix(text: str, table: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[str | None, int]:
    """A letter-spaced line whose word gaps were lost (``R E N C A N A K E R J A``): the key whose
    phrase, spaces removed, starts the line with its spaces removed, and the phrase's word count."""
    squashed = "".join(words_of(text))
    best, length, count = None, 0, 0
    for key, phrases in table.items():
        for phrase in phrases:
            joined = "".join(phrase)
            if len(joined) > length and squashed.startswith(joined):
                best, length, count = key, len(joined), len(phrase)
    return best, count


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    found = {words_of(item) for item in items}
    return tuple(sorted((p for p in found if p), key=len, reverse=True))  # longest first


def word_phrases(items) -> tuple[tuple[str, ...], ...]:
    """A vocabulary list as phrases of words, as every list of layout.toml is matched."""
    return _phrases(items)


def _starts(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return words[: len(phrase)] == phrase


def longest_prefix(words: tuple[str, ...], table: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[str | None, int]:
    """The key whose phrase is the longest prefix of ``words``, and that phrase's length."""
    best, length = None, 0
    for key, phrases in table.items():
        for phrase in phrases:
            if len(phrase) > length and _starts(words, phrase):
                best, length = key, len(phrase)
                break  # phrases are longest first
    return best, length


@derived
@cache
def layout() -> dict:
    return load("layout")


@derived
@cache
def titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    return {kind: _phrases(phrases) for kind, phrases in layout()["titles"].items()
            if isinstance(phrases, list) and kind not in ("title_prefixes", "title_qualifiers", "section_words", "front_matter")}


@derived
@cache
def title_prefixes() -> tuple[tuple[str, ...], ...]:
    return _phrases(layout()["titles"].get("title_prefixes", []))


@derived
@cache
def title_qualifiers() -> tuple[tuple[str, ...], ...]:
    return _phrases(layout()["titles"].get("title_qualifiers", []))


@derived
@cache
def labels() -> dict[str, tuple[tuple[str, ...], ...]]:
    return {kind: _phrases(phrases) for kind, phrases in layout()["labels"].items()}


@derived
@cache
def columns() -> dict[str, tuple[tuple[str, ...], ...]]:
    table = layout()["columns"]
    return {role: _phrases(phrases) for role, phrases in table.items()
            if role not in ("report_columns", "activity_columns", "months", "quarters", "group_words", "total_words")}


@derived
@cache
def column_lists() -> dict[str, tuple]:
    """The other word lists of [columns]: report columns, group and total words, months, quarters."""
    table = layout()["columns"]
    found: dict[str, tuple] = {key: _phrases(table[key]) for key in ("report_columns", "activity_columns", "group_words", "total_words", "quarters")}
    found["months"] = tuple(_phrases(names) for names in table["months"])
    return found


@derived
@cache
def month_number() -> dict[str, int]:
    return {name: number for number, names in enumerate(layout()["columns"]["months"], start=1) for name in names}


@derived
@cache
def measure_words() -> tuple[tuple[str, ...], ...]:
    """The words an indicator's name starts with to say what it measures (vocabulary/words.toml [measures])."""
    return _phrases(load("words")["measures"]["words"])


@derived
@cache
def parties() -> dict[str, tuple[tuple[str, ...], ...]]:
    return {key: _phrases(value) for key, value in layout()["parties"].items()}


@derived
@cache
def signature_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    return {key: _phrases(value) for key, value in layout()["signature"].items()}


@derived
@cache
def heads(kind: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(title words, replacement) pairs for unit heads or parents, longest title first."""
    pairs = [(words_of(title), replacement) for title, replacement in layout()["heads"][kind]]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@derived
@cache
def acronyms() -> frozenset[str]:
    return frozenset(layout()["heads"]["acronyms"])


@derived
@cache
def name_words() -> dict[str, frozenset[str]]:
    names = layout()["names"]
    return {"degrees": frozenset(names["degrees"]), "role_words": frozenset(names["role_words"]),
            "never": frozenset(names.get("never", ()))}


def starts_with_any(words: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The longest of ``phrases`` that ``words`` starts with, or None."""
    for phrase in phrases:
        if _starts(words, phrase):
            return phrase
    return None
