"""Checks of an LKj's measures (the year's report against its PK): the capaian written against the one its
target and realisation give, the realisation reported and in the target's unit, a capaian far above target.

Capaian is realisasi ÷ target × 100 for an indicator better high; for one better low (the vocabulary's
polarity words: *temuan*, *kematian*, unless *penurunan* or *ditindaklanjuti* turns it round) either of the two
formulas reports use, (2 − realisasi ÷ target) × 100 or target ÷ realisasi × 100. A capaian written agrees when
it is one of them within the rounding it shows (``99,34`` to 0.005, ``100`` to 0.5).
"""

from __future__ import annotations

import re

from ...model import Indicator, Target
from ...read.units import convert
from . import Hit, Options, Site, Unevaluated, check, phrase
from .alignment import lower_is_better

_NUMBER_SHOWN = re.compile(r"\d+(?:[.,](\d+))?")


class PolarityOptions(Options):
    lower_is_better: tuple[str, ...] | None = None  # None: the vocabulary's [polarity] words
    unless: tuple[str, ...] | None = None


class AboveOptions(Options):
    max: float = 120.0


def _value(target: Target | None) -> float | None:
    return target.value if target is not None and target.kind in ("percent", "number", "quantity") else None


def _realised(site: Site) -> tuple[float, float] | None:
    return realised(site.indicator)


def realised(indicator: Indicator) -> tuple[float, float] | None:
    """(target, realisation) in the target's unit, or None where either is no number or they do not convert."""
    written = indicator.realisation
    target, realisation = _value(indicator.target), _value(written)
    if target is None or realisation is None or written is None:
        return None
    mine, theirs = indicator.target.unit, written.unit
    same = realisation if mine == theirs or theirs is None or mine is None else convert(realisation, theirs, mine)
    return None if same is None else (target, same)


def expected_achievements(target: float, realisation: float, lower: bool) -> tuple[float, ...]:
    """The capaian (%) a report may write for this target and realisation, by the indicator's polarity."""
    if target == 0:
        return ()
    if not lower:
        return (realisation / target * 100,)
    return ((2 - realisation / target) * 100,) + ((target / realisation * 100,) if realisation else ())


def rounding_shown(raw: str) -> float:
    """Half a unit of the last digit a number is written with: ``99,34`` → 0.005, ``100`` → 0.5 (a group of
    three digits after a separator is thousands, not decimals)."""
    found = _NUMBER_SHOWN.findall(raw)
    decimals = found[-1] if found else ""
    places = len(decimals) if decimals and len(decimals) != 3 else 0
    return 0.5 * 10 ** -places


@check("achievement_follows", PolarityOptions, visits=("indicator",),
       placeholders=("written", "computed", "target", "realisation", "inverted"))
def achievement_follows(sites: list[Site], options: PolarityOptions):
    """The capaian written is the one the target and realisation give, for the indicator's polarity."""
    for site in sites:
        indicator = site.indicator
        achievement, reported = indicator.achievement, indicator.realisation
        written = _value(achievement)
        if written is None or achievement is None or reported is None:
            continue
        pair = _realised(site)
        if pair is None:
            if _value(indicator.target) is not None and _value(reported) is not None:
                yield Unevaluated(phrase("phrase.units-incomparable", unit=reported.unit, other=indicator.target.unit), site)
            continue
        target, realisation = pair
        lower = lower_is_better(indicator.text, options.lower_is_better, options.unless)
        tolerance = rounding_shown(achievement.raw) + 1e-9
        expected = expected_achievements(target, realisation, lower)
        if not expected or any(abs(written - value) <= tolerance for value in expected):
            continue
        other = expected_achievements(target, realisation, not lower)
        inverted = any(abs(written - value) <= tolerance for value in other)
        yield Hit({"written": achievement.raw.strip(), "computed": f"{expected[0]:.2f}".replace(".", ","),
                   "target": indicator.target.raw.strip(), "realisation": reported.raw.strip(),
                   "inverted": phrase("phrase.achievement-inverted-low" if lower else "phrase.achievement-inverted-high") if inverted else ""},
                  site)


@check("realisation_reported", Options, visits=("indicator",), placeholders=("target", "realisation"))
def realisation_reported(sites: list[Site], options: Options):
    """A target with no realisation beside it (an empty cell, ``n/a``, ``-``) in a report that has the column."""
    for site in sites:
        indicator = site.indicator
        realisation = indicator.realisation
        if realisation is None or _value(indicator.target) is None and indicator.target.kind != "grade":
            continue
        if realisation.kind in ("missing", "unreadable") and not re.search(r"\d", realisation.raw):
            yield Hit({"target": indicator.target.raw.strip(), "realisation": realisation.raw.strip() or "–"}, site)


@check("realisation_in_target_unit", Options, visits=("indicator",), placeholders=("target", "realisation"))
def realisation_in_target_unit(sites: list[Site], options: Options):
    """The realisation is in the target's unit (``2 Lap`` against ``100%`` cannot be compared)."""
    for site in sites:
        indicator = site.indicator
        reported = indicator.realisation
        if _value(indicator.target) is None or reported is None or _value(reported) is None:
            continue
        mine, theirs = indicator.target.unit, reported.unit
        if mine and theirs and mine != theirs and convert(1.0, theirs, mine) is None:
            yield Hit({"target": indicator.target.raw.strip(), "realisation": reported.raw.strip()}, site)


@check("achievement_above", AboveOptions, visits=("indicator",), placeholders=("achievement", "max", "target", "realisation"))
def achievement_above(sites: list[Site], options: AboveOptions):
    """A capaian far above the target (written, else computed): a target set too low (LKE 1.b)."""
    for site in sites:
        indicator = site.indicator
        achievement = _value(indicator.achievement)
        if achievement is None and (pair := _realised(site)) is not None:
            lower = lower_is_better(indicator.text)
            achievement = max(expected_achievements(*pair, lower), default=None)
        if achievement is not None and achievement > options.max:
            yield Hit({"achievement": f"{achievement:.2f}".rstrip("0").rstrip(".").replace(".", ","), "max": f"{options.max:g}",
                       "target": indicator.target.raw.strip(),
                       "realisation": indicator.realisation.raw.strip() if indicator.realisation is not None else "–"}, site)


def _band(scale, value: float):
    """The band of ``scale`` holding ``value``, or None (a gap, or outside every band)."""
    return next((band for band in scale if (band.low is None or band.low <= value) and (band.high is None or value <= band.high)), None)


def computed_achievement(indicator: Indicator) -> float | None:
    """The capaian (%) target and realisation give, by the indicator's direction (the first formula of it)."""
    pair = realised(indicator)
    return next(iter(expected_achievements(*pair, lower_is_better(indicator.text))), None) if pair is not None else None


def _written_or_computed(indicator: Indicator) -> float | None:
    """An indicator's capaian as the report writes it, else as its target and realisation give it."""
    achievement = _value(indicator.achievement)
    return achievement if achievement is not None else computed_achievement(indicator)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


@check("category_follows_scale", Options, visits=("indicator",), placeholders=("category", "achievement", "expected", "band"))
def category_follows_scale(sites: list[Site], options: Options):
    """The category an LKj writes for a capaian is the one its own scale table gives that capaian."""
    for site in sites:
        indicator, scale = site.indicator, site.document.scale
        if not scale or not indicator.category:
            continue
        achievement = _written_or_computed(site.indicator)
        if achievement is None or (band := _band(scale, achievement)) is None:
            continue  # no capaian, or one in a gap of the scale (scale_complete says so)
        if " ".join(band.category.casefold().split()) != " ".join(indicator.category.casefold().split()):
            yield Hit({"category": indicator.category, "achievement": _number(achievement), "expected": band.category,
                       "band": band.raw}, site)


@check("scale_complete", Options, visits=("document",), placeholders=("gaps",))
def scale_complete(sites: list[Site], options: Options):
    """An LKj's scale of categories gives every capaian one: no gap between its bands, and a band above 100%."""
    for site in sites:
        bands = sorted(site.document.scale, key=lambda band: -1e18 if band.low is None else band.low)
        if len(bands) < 2:
            continue
        gaps = [f"{_number(before.high)}–{_number(after.low)}" for before, after in zip(bands, bands[1:])
                if before.high is not None and after.low is not None and after.low > before.high]
        top = max((band.high for band in bands if band.high is not None), default=None)
        open_above = any(band.high is None for band in bands)
        if not open_above and top is not None and top <= 100:
            gaps.append(f"> {_number(top)}")
        if gaps:
            yield Hit({"gaps": ", ".join(gaps)}, site)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def averages(goals) -> tuple[list[float], set[float]]:
    """Each indicator's capaian (written, else computed), and the averages a report may state of them: over the
    indicators or over each goal's average, each capaian taken as it is or capped at 100% (some reports count
    no indicator above its target)."""
    by_goal = [[value for indicator in goal.indicators if (value := _written_or_computed(indicator)) is not None] for goal in goals]
    values = [value for group in by_goal for value in group]
    candidates: set[float] = set()
    if not values:
        return values, candidates
    for cap in (None, 100.0):
        held = lambda value: min(value, cap) if cap is not None else value  # noqa: E731
        candidates.add(_mean([held(value) for value in values]))
        candidates.add(_mean([_mean([held(value) for value in group]) for group in by_goal if group]))
    return values, candidates


@check("average_follows", Options, visits=("document",), placeholders=("written", "computed", "count"))
def average_follows(sites: list[Site], options: Options):
    """The average capaian an LKj states is the average of its indicators' capaian: over the indicators or over
    the goals, capped at 100% or not, within half a point (an average is read for its whole points)."""
    for site in sites:
        average = site.document.average
        written = _value(average.achievement) if average is not None else None
        if average is None or written is None:
            continue
        values, candidates = averages(site.document.goals)
        if len(values) < 2:
            yield Unevaluated(phrase("phrase.average-too-few", count=len(values)), site)
            continue
        tolerance = max(0.5, rounding_shown(average.achievement.raw))
        if all(abs(candidate - written) > tolerance for candidate in candidates):
            yield Hit({"written": average.achievement.raw, "computed": _number(_mean(values)), "count": len(values)}, site,
                      average.line)
