"""Checks across the documents of a plan set: a PK against its RKT, an RKT against its
Renstra's year, an IKU against the year's RKT and PK, a unit against the unit above
it, a year against the year before.

One parametrised kind does them all, as data picks: ``counterpart``. The plan set
(rkt_rules.sets) finds each subject document's counterparts; indicators are matched
by their words as the alignment rules match them (weighted Dice over stems); then
``expect`` says what must hold. Findings sit on the document that must change, and
their evidence names the other one (path, goal, indicator, target).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ...model import DocumentType, Indicator, Target
from ...read.textnorm import opposite, stems, unit_words
from . import Bilingual, Hit, Options, Site, Unevaluated, check, each, indicator_sites, memo_for, phrase
from .alignment import GRADES, Match, _rank, lower_is_better, normal_text

if TYPE_CHECKING:
    from ...sets import Card, PlanSet

Expect = Literal["present", "covered", "not-weaker", "same"]


class CounterpartOptions(Options):
    subject: tuple[DocumentType, ...]
    counterpart: tuple[DocumentType, ...]
    link: Literal["same-year", "previous-year", "renstra-period", "parent-unit"] = "same-year"
    same_type: bool = False  # counterparts of the subject's own type only (an RKT with the RKT above it)
    expect: Expect
    threshold: float = 0.8  # the least share of stems in common for two indicators to be the same one
    on: Literal["subject", "counterpart"] = "subject"  # where a 'present' finding sits
    grades: tuple[str, ...] = GRADES
    lower_is_better: tuple[str, ...] | None = None  # None: the vocabulary's [polarity] words
    unless: tuple[str, ...] | None = None


PLACEHOLDERS = ("other_path", "other_type", "other_unit", "other_year", "other_goal", "other_indicator", "other_target",
                "types", "year", "score", "relation")


@check("counterpart", CounterpartOptions, visits=("set",), placeholders=PLACEHOLDERS, needs=("unit", "fiscal_year", "document_type"))
@each
def counterpart(plan_set: "PlanSet", options: CounterpartOptions):
    """A document agrees with its counterparts in the plan set: the same indicators, targets not weaker or not different."""
    for subject_card, cards in plan_set.counterparts(options.subject, options.counterpart, options.link, options.same_type):
        subject = Site(*plan_set.document(subject_card))
        others = [Site(*plan_set.document(card)) for card in cards]
        year = subject.document.fiscal_year
        if options.expect == "covered":
            yield from _covered(subject, others, year, options)
        elif options.expect == "present":
            yield from _present(subject, others, cards, options)
        else:
            yield from _compared(subject, others, year, options)


def _matches(mine: Site, theirs: list[Site]) -> list[Match]:
    """Each indicator of ``mine`` with the one of ``theirs`` worded most alike (memoised for the check).

    Documents of one unit repeat an indicator's words, so the measure is plain:
    the share of content stems two texts have in common (Dice), where a stem also
    meets its misspelling (*privalensi* / *prevalensi*) but not another word
    (*kematian bayi* is not *kematian ibu*). The best wins, the earliest on a tie."""
    key = ("across", id(mine.document), tuple(id(site.document) for site in theirs))
    memo = memo_for(mine.plan)
    if key not in memo:
        children = [s for other in theirs for s in indicator_sites(other.plan, other.document)]
        ignore = unit_words(mine.document.unit).union(*(unit_words(other.document.unit) for other in theirs))
        child_stems = [stems(child.indicator.text, ignore) for child in children]
        twins = {normal_text(child.indicator.text): child for child in reversed(children)}
        found = []
        for site in indicator_sites(mine.plan, mine.document):
            twin = twins.get(normal_text(site.indicator.text))
            if twin is not None:  # the same words, whatever they are (even none that says what it measures)
                found.append(Match(site, twin, 1.0, False, ()))
                continue
            words = stems(site.indicator.text, ignore)
            best, best_score = None, 0.0
            for child, other in zip(children, child_stems):
                score = _dice(words, other)
                if score > best_score:
                    best, best_score = child, score
            found.append(Match(site, best, round(best_score, 3), False, ()))
        memo[key] = found
    return memo[key]


def _dice(mine: frozenset[str], theirs: frozenset[str]) -> float:
    """2 × stems in common / stems in all, a misspelt stem counting as its twin."""
    if not mine or not theirs or opposite(mine, theirs):
        return 0.0
    common = mine & theirs
    left = sorted(theirs - common)
    met = 0
    for word in sorted(mine - common):
        twin = next((other for other in left if _misspelt(word, other)), None)
        if twin is not None:
            left.remove(twin)
            met += 1
    return 2 * (len(common) + met) / (len(mine) + len(theirs))


@lru_cache(maxsize=65536)
def _misspelt(a: str, b: str) -> bool:
    """One word written two ways: both of five letters or more, differing in a letter or two."""
    from difflib import SequenceMatcher

    return min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.8


def _same(match: Match, threshold: float) -> bool:
    return match.child is not None and match.score >= threshold


def _present(subject: Site, others: list[Site], cards: "tuple[Card, ...]", options: CounterpartOptions):
    """Every indicator of the subject is one of its counterparts'."""
    types = _types(cards)
    for match in _matches(subject, others):
        if not _same(match, options.threshold):
            other = others[0]
            data = {"types": types, "year": subject.document.fiscal_year, "score": match.score, **_about(other)}
            if options.on == "counterpart":  # the counterpart must take the indicator: the finding is there, naming the subject
                data.update(_about(subject), other_goal=match.parent.goal.number, other_indicator=match.parent.indicator.text,
                            other_target=match.parent.indicator.target.raw)
                yield Hit(data, other)
            else:
                yield Hit(data, match.parent)


def _covered(subject: Site, others: list[Site], year: int | None, options: CounterpartOptions):
    """Every indicator of the counterparts (that has a target for the year) is one of the subject's."""
    for other in others:
        for match in _matches(other, [subject]):
            if _year_target(match.parent.indicator, year) is None or _same(match, options.threshold):
                continue
            yield Hit({**_about(other), "other_goal": match.parent.goal.number, "other_indicator": match.parent.indicator.text,
                       "other_target": _year_target(match.parent.indicator, year).raw, "year": year, "types": _type(other),  # type: ignore[union-attr]
                       "score": match.score}, subject)


def _compared(subject: Site, others: list[Site], year: int | None, options: CounterpartOptions):
    """Matched indicators' targets: the subject's not weaker than the counterpart's (``not-weaker``),
    or, where not weaker, not different (``same``)."""
    owner = {id(other.document): other for other in others}
    for match in _matches(subject, others):
        if not _same(match, options.threshold):
            continue
        assert match.child is not None
        mine, theirs = match.parent.indicator.target, _year_target(match.child.indicator, year)
        if theirs is None or not mine.readable or not theirs.readable:
            continue
        other = owner[id(match.child.document)]
        lower = lower_is_better(match.parent.indicator.text, options.lower_is_better, options.unless)
        weaker = _weaker(mine, theirs, options.grades, lower)
        data = {**_about(other), "other_goal": match.child.goal.number, "other_indicator": match.child.indicator.text,
                "other_target": theirs.raw, "year": year, "score": match.score, "relation": "<=" if lower else ">=",
                "types": _type(other)}
        if weaker is None:
            if options.expect == "same" and _written(mine) != _written(theirs):
                yield Hit(data, match.parent)
            elif options.expect == "not-weaker":
                yield Unevaluated(phrase("phrase.targets-incomparable", first=mine.raw, second=theirs.raw), match.parent)
        elif weaker if options.expect == "not-weaker" else (not weaker and _differ(mine, theirs, options.grades)):
            yield Hit(data, match.parent)


def _weaker(mine: Target, theirs: Target, grades: tuple[str, ...], lower_is_better: bool) -> bool | None:
    """Whether ``mine`` promises less than ``theirs`` (None: they cannot be compared)."""
    if (mine.kind == "grade") != (theirs.kind == "grade"):
        return None
    a, b = _rank(mine, theirs.unit, grades), _rank(theirs, theirs.unit, grades)
    if a is None or b is None:
        return None
    return a > b if lower_is_better else a < b


def _differ(mine: Target, theirs: Target, grades: tuple[str, ...]) -> bool:
    return _rank(mine, theirs.unit, grades) != _rank(theirs, theirs.unit, grades)


def _written(target: Target) -> str:
    return "".join(target.raw.casefold().split())


def _year_target(indicator: Indicator, year: int | None) -> Target | None:
    """An indicator's target for ``year``: its column for that year where the table has one per year."""
    if indicator.targets:
        return indicator.targets.get(str(year)) if year is not None else None
    return indicator.target


def _type(site: Site) -> str:
    from ...sets import TYPE_NAMES

    return TYPE_NAMES.get(site.document.document_type or "", "?")


def _types(cards: "tuple[Card, ...]") -> Bilingual:
    """The counterparts' types as a message names them: ``RKT atau PK``."""
    from ...sets import TYPE_NAMES

    names = list(dict.fromkeys(TYPE_NAMES.get(card.type or "", "?") for card in cards))
    return Bilingual(*(f" {phrase('phrase.or')[n]} ".join(names) for n in (0, 1)))


def _about(other: Site) -> dict:
    document = other.document
    return {"other_path": other.plan.path, "other_type": _type(other), "other_unit": document.unit, "other_year": document.fiscal_year}


class GivenOptions(Options):
    subject: tuple[DocumentType, ...]
    counterpart: tuple[DocumentType, ...]
    link: Literal["same-year", "previous-year", "renstra-period", "parent-unit"] = "same-year"


@check("counterpart_given", GivenOptions, visits=("set",), placeholders=("types", "unit", "year"), needs=("unit", "fiscal_year", "document_type"))
@each
def counterpart_given(plan_set: "PlanSet", options: GivenOptions):
    """A document whose counterpart was not given in the run (an LKj without its PK): the comparisons that need it
    were not made, said once on the document rather than passed over in silence."""
    from ...sets import TYPE_NAMES

    names = list(dict.fromkeys(TYPE_NAMES.get(kind, kind) for kind in options.counterpart))
    types = Bilingual(*(f" {phrase('phrase.or')[n]} ".join(names) for n in (0, 1)))
    for card in plan_set.unmatched(options.subject, options.counterpart, options.link):
        unit = card.unit if card.key else phrase("phrase.unit-unread")
        year = card.year if card.year is not None else phrase("phrase.year-unread")
        yield Hit({"types": types, "unit": unit, "year": year}, Site(*plan_set.document(card)))


@check("distinct", Options, visits=("set",), placeholders=("type", "year", "others"), needs=("unit", "fiscal_year", "document_type"))
@each
def distinct(plan_set: "PlanSet", options: Options):
    """One document of each type for a unit and year: two are ambiguous, and are compared with nothing across files."""
    from ...sets import TYPE_NAMES

    for group in plan_set.duplicates():
        first = Site(*plan_set.document(group[0]))
        others = [f"{card.path}" + (f" ({card.line})" if card.line and card.path == group[0].path else "") for card in group[1:]]
        yield Hit({"type": TYPE_NAMES.get(group[0].type or "", "?"), "year": group[0].year, "others": others}, first)
