"""Checks on one indicator's target: readable, in range, of the kind its wording asks for."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from pydantic import Field, field_validator

from ...model import LIST_HEADING, NO_TARGET_COLUMN, Target, TargetKind
from ...read.units import PERCENT, convert, unit_name
from ...read.targets import is_percent_indicator, level_scales
from . import Bilingual, Hit, Options, Site, Unevaluated, check, phrase
from .fields import compile_pattern

def problem(text: str) -> Bilingual:
    """A reader's problem with a target (``unknown unit 'OO %'``) in the catalog's words."""
    if text.startswith("unknown unit '") and text.endswith("'"):
        return phrase("problem.unknown unit", unit=text[len("unknown unit '"):-1])
    from ...locale import has

    return phrase(f"problem.{text}") if has(f"problem.{text}") else Bilingual(text, text)


def numbers(target: Target) -> tuple[float, ...]:
    """The numbers a target sets: its value, or both ends of a range."""
    if target.kind == "range" and target.low is not None and target.high is not None:
        return (target.low, target.high)
    return (target.value,) if target.value is not None else ()


def _unit_known(unit: str | None) -> str | None:
    if unit is not None and unit_name(unit) is None:
        raise ValueError(f"unknown unit {unit!r} (see rkt_rules/units.txt)")
    return unit_name(unit) if unit is not None else None


class RangeOptions(Options):
    min: float | None = None
    max: float | None = None
    unit: str | None = None

    @field_validator("unit")
    @classmethod
    def _known(cls, unit: str | None) -> str | None:
        return _unit_known(unit)


INCOMPARABLE = object()


def _outside(target: Target, low: float | None, high: float | None, unit: str | None):
    """The first number of ``target`` outside [low, high] in ``unit``, None, or INCOMPARABLE."""
    for number in ((target.low, target.high) if target.kind == "range" else (target.value,)):
        if number is None:
            continue
        value = number if target.unit == unit else convert(number, target.unit, unit)
        if value is None:
            return INCOMPARABLE  # a different dimension: other rules report the unit itself
        if (low is not None and value < low) or (high is not None and value > high):
            return number
    return None


@check("range", RangeOptions, visits=("indicator",), placeholders=("value", "min", "max", "unit"))
def range_(sites: list[Site], options: RangeOptions):
    """Numeric target within [min, max], after converting it into ``unit`` with pint."""
    low, high, unit = options.min, options.max, options.unit
    for site in sites:
        target = site.indicator.target
        value = target.value
        if target.unit == unit and target.kind != "range" and (value is None or ((low is None or value >= low) and (high is None or value <= high))):
            continue  # the common case, decided without a call
        value = _outside(target, low, high, unit)
        if value is INCOMPARABLE:
            yield Unevaluated(phrase("phrase.units-incomparable", unit=target.unit, other=unit), site)
        elif value is not None:
            yield Hit({"value": value, "min": low, "max": high, "unit": unit or ""}, site)


class Scale(Options):
    """An assessment index with a fixed scale (vocabulary/scales.toml): its numbers, its grades, or both."""
    name: str
    pattern: str
    min: float | None = None
    max: float | None = None
    grades: tuple[str, ...] = ()
    also: tuple[float, float] | None = None  # a second interval the same index is stated on (IKM 1–4 beside 25–100)
    reference: str = ""
    example: str = ""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, regex: str) -> str:
        compile_pattern(regex)
        return regex


@lru_cache(maxsize=1)
def builtin_scales() -> tuple[Scale, ...]:
    """The one table of scales every scale rule uses unless its ruleset gives its own."""
    from ...vocabulary import load

    return tuple(Scale(**item) for item in load("scales").get("scale", ()))


def _a_share_or_count(text: str) -> bool:
    """"Persentase …", "Jumlah …": a share or a count of something about an index, not the index's score."""
    words = text.split(None, 1)
    return is_percent_indicator(text) or (bool(words) and words[0].lower() in _count_words())


@lru_cache(maxsize=1)
def _count_words() -> frozenset[str]:
    from ...vocabulary import load

    return frozenset(load("words")["outputs"]["count_words"])


class ScaleOptions(Options):
    scales: tuple[Scale, ...] = Field(default_factory=builtin_scales)


@lru_cache(maxsize=64)
def scale_finder(patterns: tuple[str, ...]) -> Callable[[str], int | None]:
    """Which of ``patterns`` a text names first (its position), or None: one search of all
    of them together rules out most texts, which name no scale at all."""
    searches = [compile_pattern(pattern).search for pattern in patterns]
    try:
        anything = compile_pattern("|".join(f"(?:{pattern})" for pattern in patterns)).search if patterns else None
    except ValueError:  # patterns that cannot be joined (inline flags): ask each one
        anything = None

    def find(text: str) -> int | None:
        if anything is not None and anything(text) is None:
            return None
        return next((n for n, search in enumerate(searches) if search(text)), None)

    return find


def _named(scales: tuple) -> Callable[[str], Any]:
    """The scale an indicator's text names, of ``scales`` (items with a ``pattern``: Scale, GradeScale)."""
    find = scale_finder(tuple(item.pattern for item in scales))

    def named(text: str):
        position = find(text)
        return scales[position] if position is not None else None

    return named


@check("scale", ScaleOptions, visits=("indicator",), placeholders=("scale", "value", "min", "max"))
def scale(sites: list[Site], options: ScaleOptions):
    """A score on a named index lies within that index's scale (SPIP maturity 0–5, KIP 0–100…)."""
    named = _named(options.scales)
    for site in sites:
        indicator = site.indicator
        item = named(indicator.text)
        if item is None or item.min is None or item.max is None or _a_share_or_count(indicator.text) \
                or (indicator.target.unit not in (None, PERCENT, "poin") and indicator.target.kind != "range"):
            continue
        also = item.also or (item.min, item.max)
        outside = next((n for n in numbers(indicator.target) if (n < item.min or n > item.max) and not also[0] <= n <= also[1]), None)
        if outside is not None:
            yield Hit({"scale": item.name, "value": outside, "min": item.min, "max": item.max}, site)


class Expectation(Options):
    starts: tuple[str, ...]
    kinds: tuple[TargetKind, ...]
    label_id: str
    label_en: str


class UnitMatchesOptions(Options):
    expectations: tuple[Expectation, ...]


def _effective_kind(target: Target) -> str:
    if target.kind == "range" and target.unit == PERCENT:
        return "percent"
    return target.kind


@check("unit_matches", UnitMatchesOptions, visits=("indicator",), placeholders=("expected", "actual", "phrase"))
def unit_matches(sites: list[Site], options: UnitMatchesOptions):
    """The indicator's wording asks for a kind of target: *Persentase* a percent, *Jumlah* a count."""
    # Per expectation: its phrases lowered (all tried in one startswith call), each with the phrase as written.
    expectations = [(tuple(p.lower() for p in e.starts), tuple(zip(e.starts, (p.lower() for p in e.starts))), frozenset(e.kinds),
                     Bilingual(e.label_id, e.label_en)) for e in options.expectations]
    longest = max((len(p) for phrases, *_ in expectations for p in phrases), default=0)
    for site in sites:
        target = site.indicator.target
        if target.kind in ("unreadable", "missing"):
            yield Unevaluated(phrase("phrase.target-unreadable"), site)
            continue
        words = site.indicator.text.lstrip()[:longest].lower()  # only the head can start with a phrase
        kind = target.kind if target.kind != "range" else _effective_kind(target)
        for phrases, written, kinds, expected in expectations:
            if words.startswith(phrases):
                if kind not in kinds:
                    opening = next(start for start, lowered in written if words.startswith(lowered))
                    yield Hit({"expected": expected, "actual": target.kind, "phrase": opening}, site)
                break


class NoOptions(Options):
    pass


class ReadableOptions(Options):
    present: bool = False  # True: the target is there (missing targets are this rule's); False: what is there reads


@check("readable", ReadableOptions, visits=("indicator",), placeholders=("problem",))
def readable(sites: list[Site], options: ReadableOptions):
    """The target is there (``present = true``), or what is written reads as a number, grade, quantity, rate or range.

    A table without a target column (an IKU listing its indicators and how they
    are measured) has no target to miss: such rows are not evaluated."""
    for site in sites:
        target = site.indicator.target
        if target.kind == "missing":
            if target.problem == NO_TARGET_COLUMN:
                yield Unevaluated(phrase("phrase.no-target-column"), site)
            elif target.problem == LIST_HEADING:
                yield Unevaluated(phrase("phrase.list-heading"), site)
            elif options.present:
                yield Hit({"problem": phrase("phrase.target-empty")}, site)
        elif target.kind == "unreadable" and not options.present:
            yield Hit({"problem": problem(target.problem or "")}, site)


class GradeScaleOptions(Options):
    values: tuple[str, ...]                 # the scale of any other letter grade
    scales: tuple[Scale, ...] = Field(default_factory=builtin_scales)  # named scales, chosen by the indicator's wording


@check("grade_scale", GradeScaleOptions, visits=("indicator",), placeholders=("values", "scale"))
def grade_scale(sites: list[Site], options: GradeScaleOptions):
    """A grade target lies on its scale: the one its indicator names (SAKIP predikat, BPK opinion), else the default."""
    named = _named(tuple(item for item in options.scales if item.grades))
    default = phrase("phrase.letter-grades")
    words = level_scales()
    for site in sites:
        if site.indicator.target.unit in words:
            continue  # a level the reader found on its named scale ("Paripurna", "Baik"): on it by construction
        grade = site.indicator.target.grade
        item = named(site.indicator.text)
        values = item.grades if item is not None else options.values
        if grade not in values:
            yield Hit({"values": list(values), "scale": item.name if item is not None else default}, site)


class TopOptions(Options):
    scales: tuple[Scale, ...] = Field(default_factory=builtin_scales)
    grades: tuple[str, ...] = ("AA",)  # the top of a grade scale, for the scales' indicators graded in letters


@check("at_scale_top", TopOptions, visits=("indicator",), placeholders=("scale", "max"))
def at_scale_top(sites: list[Site], options: TopOptions):
    """A target at the very top of its index's scale (KIP 100, SPIP 5, SAKIP AA): rarely achievable, seldom challenging-and-realistic."""
    named = _named(options.scales)
    for site in sites:
        indicator = site.indicator
        item = named(indicator.text)
        if item is None or _a_share_or_count(indicator.text):
            continue
        target = indicator.target
        if target.kind == "grade":
            if target.grade in options.grades:
                yield Hit({"scale": item.name, "max": target.grade}, site)
        elif target.unit in (None, PERCENT, "poin") and target.kind in ("number", "percent", "quantity"):
            if target.value is not None and item.max is not None and target.value == item.max:  # past it: RKT010
                yield Hit({"scale": item.name, "max": item.max}, site)
