"""Checks on one indicator's target: readable, in range, of the kind its wording asks for."""

from __future__ import annotations

from pydantic import field_validator

from ..model import Target, TargetKind
from ..units import PERCENT, convert, unit_name
from . import Bilingual, Hit, Options, Site, Unevaluated, check
from .fields import compile_pattern

PROBLEMS_ID = {
    "placeholder": "isian pengganti, bukan target",
    "spreadsheet error": "galat lembar kerja",
    "no number": "tidak ada angka",
    "unreadable number": "angka tidak terbaca",
    "text before the number": "ada teks sebelum angka",
    "range runs backwards": "rentang terbalik",
}


def numbers(target: Target) -> tuple[float, ...]:
    """The numbers a target sets: its value, or both ends of a range."""
    if target.kind == "range":
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
def range_(site: Site, options: RangeOptions):
    """Numeric target within [min, max], after converting it into ``unit`` with pint."""
    value = _outside(site.indicator.target, options.min, options.max, options.unit)
    if value is INCOMPARABLE:
        target = site.indicator.target
        return (Unevaluated(Bilingual(f"satuan {target.unit} tidak dapat dibandingkan dengan {options.unit}",
                                      f"unit {target.unit} does not compare with {options.unit}")),)
    if value is not None:
        return (Hit({"value": value, "min": options.min, "max": options.max, "unit": options.unit or ""}),)
    return ()


class Scale(Options):
    name: str
    pattern: str
    min: float
    max: float

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, regex: str) -> str:
        compile_pattern(regex)
        return regex


class ScaleOptions(Options):
    scales: tuple[Scale, ...]


@check("scale", ScaleOptions, visits=("indicator",), placeholders=("scale", "value", "min", "max"))
def scale(site: Site, options: ScaleOptions):
    """A score on a named index lies within that index's scale (SPIP maturity 0–5, KIP 0–100…)."""
    indicator = site.indicator
    for item in options.scales:
        if compile_pattern(item.pattern).search(indicator.text):
            if indicator.target.unit not in (None, PERCENT) and indicator.target.kind != "range":
                return
            for number in numbers(indicator.target):
                if number < item.min or number > item.max:
                    yield Hit({"scale": item.name, "value": number, "min": item.min, "max": item.max})
                    return
            return


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
def unit_matches(site: Site, options: UnitMatchesOptions):
    """The indicator's wording asks for a kind of target: *Persentase* a percent, *Jumlah* a count."""
    indicator = site.indicator
    if not indicator.target.readable:
        return (Unevaluated(Bilingual("target tidak terbaca", "the target does not read")),)
    words = indicator.text.lstrip().lower()
    for expectation in options.expectations:
        phrase = next((p for p in expectation.starts if words.startswith(p.lower())), None)
        if phrase is not None:
            if _effective_kind(indicator.target) not in expectation.kinds:
                return (Hit({"expected": Bilingual(expectation.label_id, expectation.label_en), "actual": indicator.target.kind, "phrase": phrase}),)
            return ()
    return ()


class NoOptions(Options):
    pass


@check("readable", NoOptions, visits=("indicator",), placeholders=("problem",))
def readable(site: Site, options: NoOptions):
    """The target is present and reads as a number, grade, quantity or range."""
    target = site.indicator.target
    if target.kind == "missing":
        return (Hit({"problem": Bilingual("target kosong", "target is empty")}),)
    elif target.kind == "unreadable":
        problem = target.problem or ""
        return (Hit({"problem": Bilingual(PROBLEMS_ID.get(problem, problem), problem)}),)
    return ()