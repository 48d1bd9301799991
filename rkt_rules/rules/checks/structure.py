"""Checks on the shape of a plan: counts, numbering, parse problems."""

from __future__ import annotations

from typing import Literal

from ...locale import has
from ...model import NO_TARGET_COLUMN
from . import Bilingual, Hit, Options, Site, check, each, phrase


class CountOptions(Options):
    of: Literal["indicators", "goals", "documents", "signatures", "programs"]
    min: int | None = None
    max: int | None = None


OWNER = {"indicators": 2, "goals": 1, "documents": 0, "signatures": 1, "programs": 1}  # the Site field that holds the collection


@check("count", CountOptions, visits=("plan", "document", "goal"), placeholders=("count", "min", "max"))
def count(sites: list[Site], options: CountOptions):
    """The number of items in a collection (a goal's indicators, a document's goals…) is within bounds."""
    of, low, high, owner_at = options.of, options.min, options.max, OWNER[options.of]
    for site in sites:
        owner = site[owner_at]
        if owner is not None:
            number = len(getattr(owner, of))
            if (low is not None and number < low) or (high is not None and number > high):
                yield Hit({"count": number, "min": low, "max": high}, site)


class SequenceOptions(Options):
    start: int = 1


@check("sequence", SequenceOptions, visits=("document",), placeholders=("number", "expected"))
@each
def sequence(site: Site, options: SequenceOptions):
    """Goals numbered start, start+1, … have no gap or repeat. Numbering that starts again at ``start``
    begins a new list (the next table, a new Tujuan's sasaran), not a repeat; a goal with no number, or
    with text where its number goes, keeps no sequence (the layout numbers otherwise, or OCR misread it)."""
    from ...read.recognise.table import code_depth

    goals = site.document.goals
    if goals and all(code_depth(goal.number) is not None for goal in goals):
        return  # rows numbered by their budget codes (kode rekening), not by a goal number
    expected = options.start
    for goal in goals:
        if not (goal.number.isascii() and goal.number.isdigit()):
            continue  # no number, or text where the number goes (a reading the layout left unsure): no sequence to keep
        if goal.number != str(expected) and goal.number != str(options.start):
            yield Hit({"number": goal.number or "(kosong)", "expected": expected}, site._replace(goal=goal))
        expected = int(goal.number) + 1


class NoOptions(Options):
    pass


class DiagnosticsOptions(Options):
    skip: tuple[str, ...] = ()  # problems kept in the plan's diagnostics (parse, --explain) that are no finding


@check("diagnostics", DiagnosticsOptions, visits=("plan",), placeholders=("problem", "text"))
@each
def diagnostics(site: Site, options: DiagnosticsOptions):
    """Every piece of the source the reader could not place is reported, never dropped; a problem named
    in ``skip`` (a report's or a context table inside a long plan) stays in the plan's diagnostics only."""
    for item in site.plan.diagnostics:
        if item.problem in options.skip:
            continue
        values = {"rows": item.rows} if item.rows is not None else {}
        problem = phrase(f"problem.{item.problem}", **values) if has(f"problem.{item.problem}") else Bilingual(item.problem, item.problem)
        yield Hit({"problem": problem, "text": item.text.strip()[:120]}, line=item.line)


@check("targets_given", NoOptions, visits=("document",), placeholders=("count",))
@each
def targets_given(site: Site, options: NoOptions):
    """A plan document states targets: one finding for a document none of whose indicators has a
    target column (a dashboard's lists, a table without a Target), not one per indicator."""
    indicators = [indicator for goal in site.document.goals for indicator in goal.indicators]
    if indicators and all(indicator.target.kind == "missing" and indicator.target.problem == NO_TARGET_COLUMN
                          and not indicator.targets for indicator in indicators):
        yield Hit({"count": len(indicators)})
