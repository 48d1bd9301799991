"""Reading a target cell the way a person reads it.

``100%``, ``35`` under a *Persentase* indicator, ``B``, ``WTP``, ``3,4``,
``1.500``, ``2 Lap``, ``4 Sertifikat``, ``6 kec. 29 kel``, ``0,9 Angka``,
``88/100.000 KH``, ``69,1-69,5``, ``≥ 80%``, ``Rp5.294.655.000,00``. A number
followed by words that are no unit of units.txt is a count of those words
(``2 Naskah`` counts *naskah*). Anything else is kept as ``unreadable`` with
its raw text and the reason, never guessed at and never an exception. Results are memoised by (text, percent hint): targets repeat
heavily across plans, and a ``Target`` is immutable so sharing is safe.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Number, Quantity, Target
from .units import PERCENT, unit_name

PLACEHOLDERS = frozenset({"-", "--", "---", "n/a", "na", "nil", "nihil", "tidak ada", "?", "tbd", "x"})
PERCENT_WORDS = ("persentase", "presentase", "prosentase", "persen")
PERCENT_WORD_LENGTH = max(map(len, PERCENT_WORDS))
COMPARATORS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "="}

_COMPARATOR = re.compile(r"^(≥|>=|≤|<=|>|<|=)\s*")
_GRADE = re.compile(r"^(?:[A-Z]|AA|BB|CC)$")
OPINIONS = frozenset({"WTP", "WDP", "TW", "TMP"})  # BPK audit opinions: WTP > WDP > TW / TMP
NUMBER_WORDS = frozenset({"angka"})  # "0,9 Angka": a plain number, its unit word says so
_RATE = re.compile(r"^(?P<value>[0-9][0-9.,]*)\s*(?:/|per)\s*(?P<per>[0-9][0-9.,]*)\s*(?P<unit>[^\W\d_][^\d]*)?$", re.IGNORECASE)
_NOUN = re.compile(r"^[^\W\d_]{2,}(?:[ /-][^\W\d_]{2,})*$")
_NUMBER = r"[+-]?[0-9](?:[0-9.,]*[0-9])?"
_TOKEN = re.compile(rf"{_NUMBER}|%|[^\W\d_]+\.?|\S")
_SPELLED = re.compile(r"\(\s*[^\W\d_][^\W\d_ ]*(?:\s+[^\W\d_]+)*\s*\)")
_RANGE = re.compile(
    rf"^(?P<low>{_NUMBER})\s*(?P<lu>%|[^\W\d_]+\.?)?\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?: dengan)?)\s*"
    rf"(?P<high>{_NUMBER})\s*(?P<hu>%|[^\W\d_]+\.?)?$",
    re.IGNORECASE | re.ASCII,
)
_THOUSANDS_DOT = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$")
_SEPARATOR_WORDS = frozenset({",", "+", ";", "dan", "&", "/"})
_ALTERNATIVE_WORDS = frozenset({"atau", "or"})


def is_percent_indicator(text: str) -> bool:
    """*Persentase …* indicators measure a share: a bare number under them is a percent."""
    return text.lstrip()[:PERCENT_WORD_LENGTH].lower().startswith(PERCENT_WORDS)  # the head only: texts run long


def _digits(text: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts ``¹`` and ``٣``."""
    return text.isascii() and text.isdigit()


def parse_number(text: str) -> Number | None:
    """An Indonesian-written number: ``.`` groups thousands, ``,`` marks decimals.

    English-style ``11,758,202,379`` and ``3.5`` are read too, where the
    grouping leaves no doubt: a single ``.`` followed by exactly three digits
    (``1.500``) is a thousands separator, as Indonesian writes it; a single
    ``,`` is always a decimal mark. Returns None for anything malformed.
    """
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    if not body or not _digits(body[0]) or not _digits(body[-1]):
        return None
    if "." in body and "," in body:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        whole, _, frac = body.rpartition(decimal)
        group = "." if decimal == "," else ","
        if not re.fullmatch(rf"[0-9]{{1,3}}(?:\{group}[0-9]{{3}})+", whole) or not _digits(frac):
            return None
        return sign * float(whole.replace(group, "") + "." + frac)
    if "," in body:
        if body.count(",") > 1:
            return sign * int(body.replace(",", "")) if _THOUSANDS_COMMA.match(body) else None
        whole, frac = body.split(",")
        return sign * float(f"{whole}.{frac}") if _digits(whole) and _digits(frac) else None
    if "." in body:
        if body.count(".") > 1 or (_THOUSANDS_DOT.match(body) and not body.startswith("0")):
            return sign * int(body.replace(".", "")) if _THOUSANDS_DOT.match(body) else None
        whole, frac = body.split(".")
        return sign * float(f"{whole}.{frac}") if _digits(whole) and _digits(frac) else None
    return sign * int(body) if _digits(body) else None


_DEFAULTS = dict(value=None, unit=None, grade=None, parts=(), unit_written=False, comparator=None, low=None, high=None, problem=None, per=None)


def _make(raw: str, kind: str, **fields) -> Target:
    return Target.trusted(raw=raw, kind=kind, **{**_DEFAULTS, **fields})


def _unreadable(raw: str, problem: str) -> Target:
    return _make(raw, "unreadable", problem=problem)


_GRADE_SCORE = re.compile(r"^(?P<grade>[A-Za-z]{1,3}[+-]?)\s*[(\[]\s*-?\d+(?:[.,]\d+)?\s*[)\]]$")


def _resolve_unit(words: list[str]) -> str | None:
    """Unit words as written → canonical unit; ``hari kerja`` is tried as one word first."""
    if not words:
        return None
    if len(words) > 1:
        joined = unit_name("_".join(w.rstrip(".") for w in words))
        if joined:
            return joined
    return unit_name(" ".join(words))


@lru_cache(maxsize=65536)
def read_target(raw: str, percent_hint: bool = False) -> Target:
    """Read one target cell; ``percent_hint`` says the indicator is a *Persentase*."""
    text = " ".join(raw.replace("\u00a0", " ").split())
    if not text:
        return _make(raw, "missing")
    lowered = text.lower()
    if lowered in PLACEHOLDERS:
        return _unreadable(raw, "placeholder")
    if text.startswith("#"):
        return _unreadable(raw, "spreadsheet error")
    if text.startswith("="):  # a formula as written: the workbook was never recalculated and saved
        return _unreadable(raw, "formula not computed")

    comparator = None
    match = _COMPARATOR.match(text)
    if match:
        comparator = COMPARATORS[match.group(1)]
        text = text[match.end():]
        if not text:
            return _unreadable(raw, "comparator without a value")

    scored = _GRADE_SCORE.match(text)
    if scored and _GRADE.match(scored["grade"]) and comparator is None:
        return _make(raw, "grade", grade=scored["grade"])  # "BB (73,5)": a grade with the score it stands for
    if _GRADE.match(text) or text in OPINIONS:
        if comparator:
            return _unreadable(raw, "comparator on a grade")
        return _make(raw, "grade", grade=text, unit="opini" if text in OPINIONS else None)

    rate = _RATE.match(text)
    if rate and comparator is None:
        found = _read_rate(raw, rate)
        if found is not None:
            return found

    ranged = _RANGE.match(text)
    if ranged and comparator is None:
        return _read_range(raw, ranged, percent_hint)
    if text[:1].isalpha():
        level = _level(raw, lowered, comparator)
        if level is not None:
            return level
    return _read_quantities(raw, text, comparator, percent_hint)


def _level(raw: str, lowered: str, comparator: str | None) -> Target | None:
    """A level of a named scale written as a word ("Paripurna", "Predikat Baik", "WBK": a grade on that
    scale) or a number after the scale's name ("Level 3", "Peringkat 2": that number)."""
    named, numbered, scales = _level_words()
    words = lowered.replace("-", " ").split()
    if len(words) == 2 and words[0] in numbered:
        value = parse_number(words[1])
        if value is not None:
            return _make(raw, "number", value=value, comparator=comparator)
    rest = " ".join(words)
    for name in named:
        if rest.startswith(name + " "):
            rest = rest[len(name) + 1:]
            break
    if comparator is not None:
        return None
    scale = scales.get(rest)
    if scale is None:
        letters = rest.upper()
        if rest != " ".join(words) and (_GRADE.match(letters) or letters in OPINIONS):  # "Predikat BB", "Opini WTP"
            return _make(raw, "grade", grade=letters, unit="opini" if letters in OPINIONS else None)
        return None
    return _make(raw, "grade", grade=" ".join(raw.split()[len(words) - len(rest.split()):]), unit=scale)


def level_scales() -> frozenset[str]:
    """The named scales whose levels are words (words.toml [levels]): a grade on one of them is on its scale."""
    return frozenset(_level_words()[2].values())


@lru_cache(maxsize=1)
def _level_words() -> tuple[tuple[str, ...], frozenset[str], dict[str, str]]:
    """(words naming a scale, longest first; words before a level's number; each level word → its scale)."""
    from ..vocabulary import load

    section = load("words").get("levels", {})
    scales: dict[str, str] = {}
    for scale, levels in section.items():
        if scale not in ("named", "numbered"):
            for level in levels:
                scales.setdefault(level.lower(), scale)
    named = tuple(sorted((w.lower() for w in section.get("named", ())), key=len, reverse=True))
    return named, frozenset(w.lower() for w in section.get("numbered", ())), scales


def _read_range(raw: str, match: re.Match, percent_hint: bool) -> Target:
    low, high = parse_number(match["low"]), parse_number(match["high"])
    if low is None or high is None:
        return _unreadable(raw, "unreadable number")
    units = {unit_name(u) for u in (match["lu"], match["hu"]) if u}
    if None in units or len(units) > 1:
        return _unreadable(raw, "unknown or mixed units in range")
    unit = units.pop() if units else (PERCENT if percent_hint else None)
    if low > high:
        return _unreadable(raw, "range runs backwards")
    return _make(raw, "range", unit=unit, low=low, high=high, unit_written=bool(match["lu"] or match["hu"]))


def _read_rate(raw: str, match: re.Match) -> Target | None:
    """``88/100.000 KH``: so many per a round number of people (or births, households…)."""
    value, per = parse_number(match["value"]), parse_number(match["per"])
    if value is None or per is None or per < 10 or not float(per).is_integer() or str(int(per)).rstrip("0") != "1":
        return None
    words = (match["unit"] or "").split()
    unit = _resolve_unit(words) or (noun(words) if words else None)
    return _make(raw, "rate", value=value, per=per, unit=unit, unit_written=bool(words))


def noun(words: list[str]) -> str | None:
    """The thing a count counts when its words are no defined unit: ``Sertifikat`` → ``sertifikat``."""
    phrase = " ".join(words).replace(" / ", "/").replace(" /", "/").replace("/ ", "/").strip(" .,").lower()
    return phrase if _NOUN.match(phrase) else None


def _unit_or_noun(words: list[str]) -> str | None:
    return _resolve_unit(words) or noun(words)


def _read_quantities(raw: str, text: str, comparator: str | None, percent_hint: bool) -> Target:
    text = _SPELLED.sub(" ", text)
    tokens = _TOKEN.findall(text)
    items: list[tuple[Number, list[str]]] = []
    leading: list[str] = []
    for token in tokens:
        if _digits(token[0]) or (len(token) > 1 and token[0] in "+-" and _digits(token[1])):
            number = parse_number(token)
            if number is None:
                return _unreadable(raw, "unreadable number")
            items.append((number, []))
        elif token.lower() in _SEPARATOR_WORDS and items:
            continue
        elif items:
            items[-1][1].append(token)
        else:
            leading.append(token)
    if not items:
        return _unreadable(raw, "no number")
    if leading:  # a currency written first: ``Rp 1.500.000``
        if len(items) > 1 or items[0][1] or _resolve_unit(leading) is None:
            return _unreadable(raw, "text before the number")
        items[0] = (items[0][0], leading)

    if len(items) > 1 and any(word.lower() in _ALTERNATIVE_WORDS for _, words in items[:-1] for word in words):
        return _unreadable(raw, "alternatives")  # "75,4 atau index 2": two commitments, the reader cannot tell which holds
    if len(items) == 1:
        value, words = items[0]
        if not words:
            if percent_hint:
                return _make(raw, "percent", value=value, unit=PERCENT, comparator=comparator)
            return _make(raw, "number", value=value, comparator=comparator)
        if len(words) == 1 and words[0].lower() in NUMBER_WORDS:
            return _make(raw, "number", value=value, unit_written=True, comparator=comparator)
        unit = _resolve_unit(words)
        if unit is None:
            unit = noun(words) if not _glued(text) else None
            if unit is None:
                return _unreadable(raw, f"unknown unit '{' '.join(words)}'")
        kind = "percent" if unit == PERCENT else "quantity"
        return _make(raw, kind, value=value, unit=unit, unit_written=True, comparator=comparator)

    parts = []
    for value, words in items:
        unit = _unit_or_noun(words) if not _glued(text) else _resolve_unit(words)
        if unit is None:
            return _unreadable(raw, "compound part without a known unit")
        parts.append(Quantity.trusted(value=value, unit=unit))
    if comparator:
        return _unreadable(raw, "comparator on a compound target")
    return _make(raw, "compound", parts=tuple(parts), unit_written=True)


_GLUED = re.compile(r"[0-9][^\W\d_]")


def _glued(text: str) -> bool:
    """Letters stuck to a digit (``1OO%``): OCR damage rather than a count of something."""
    return bool(_GLUED.search(text))


def read_cell(raw: str, indicator_text: str, unit_column: str = "") -> Target:
    """A target cell as it sits in a row: a *Satuan* column's unit applies to it.

    A grade or an opinion (``B`` under Satuan *Nilai* or *Predikat*, ``WTP`` under
    *Opini*) reads as itself: a letter has no unit to take."""
    hint = is_percent_indicator(indicator_text)
    if not unit_column or not raw.strip() or unit_column in raw:
        return read_target(raw, hint)
    alone = read_target(raw, hint)
    if alone.kind == "grade":
        return alone
    target = read_target(f"{raw} {unit_column}", hint)
    return target.model_copy(update={"raw": raw})
