"""Does a goal's indicator measure that goal? Told only where it can be told with confidence.

Wording alone cannot say that ``Nilai SAKIP`` measures ``Meningkatnya akuntabilitas``, so a goal
whose indicators share no word with it is no finding by itself. The confident case is a shift:
the goal's own indicators share nothing with it, while an indicator listed under *another* goal
shares at least two of its distinctive words and nothing with the goal it is listed under (rows
moved down by one when the table was typed: goal 10 measured by goal 11's indicator); only the goals
next to it in the same numbered list are looked at, since that is how a shift happens. Words that
most goals of the document repeat (the sector, the unit: *transportasi laut*) tell nothing and are
left out, as are the measure and function words (textnorm). A goal whose own indicator is an
acronym or a named index (``Nilai SAKIP``, ``Capaian ASPAK``) may well measure it by what the
acronym stands for: nothing is said of it.
"""

from __future__ import annotations

import re
from collections import Counter

from ...model import Goal
from ...read.textnorm import stems, unit_words
from . import Hit, Options, Site, check, each, goal_label, goal_sites
from .indicator import builtin_scales, scale_finder

SHARED = 2  # distinctive words an indicator must share with a goal to be said to measure it
COMMON = 0.4  # a word in more than this share of a document's goals (and more than two) is common
FEW_GOALS = 4  # below this, which words are common cannot be told


ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{2,}\b")


class NoOptions(Options):
    pass


def _opaque(text: str, named_scale) -> bool:
    """The indicator names an index or an acronym, whose words are not its own: what it measures
    cannot be told from its wording (``Nilai SAKIP`` measures accountability)."""
    if not text.isupper() and ACRONYM.search(text):
        return True
    return named_scale(text) is not None


def _restarts(goals: list[Goal]) -> list[bool]:
    """Whether each goal begins a numbered list again (``1`` after others): another table."""
    return [at > 0 and (goal.number or "").strip(". ") == "1" for at, goal in enumerate(goals)]


def _words(goal: Goal, ignore: frozenset[str]) -> tuple[frozenset[str], list[frozenset[str]]]:
    return stems(goal.text, ignore), [stems(indicator.text, ignore) for indicator in goal.indicators]


@check("measured_elsewhere", NoOptions, visits=("document",), placeholders=("other_goal", "other_indicator", "shared"))
@each
def measured_elsewhere(site: Site, options: NoOptions):
    """A goal none of whose indicators shares a distinctive word with it, while another goal's
    indicator, sharing nothing with its own goal, shares two or more with this one."""
    goals = [goal for goal in site.document.goals if goal.group is None and goal.indicators]
    if len(goals) < FEW_GOALS:
        return
    ignore = unit_words(site.document.unit)
    words = [_words(goal, ignore) for goal in goals]
    spread = Counter(word for own, _ in words for word in own)
    common = frozenset(word for word, count in spread.items() if count > max(2, COMMON * len(goals)))
    own = [text - common for text, _ in words]
    measures = [[indicator - common for indicator in indicators] for _, indicators in words]
    sites = {id(goal_site.goal): goal_site for goal_site in goal_sites(site.plan, site.document)}
    restarts = _restarts(goals)
    named_scale = scale_finder(tuple(scale.pattern for scale in builtin_scales()))
    for at, goal in enumerate(goals):
        if len(own[at]) < SHARED or any(indicator & own[at] for indicator in measures[at]):
            continue
        if any(_opaque(indicator.text, named_scale) for indicator in goal.indicators):
            continue
        neighbours = [other for other in (at - 1, at + 1) if 0 <= other < len(goals) and not restarts[max(at, other)]]
        found = _measuring(at, neighbours, own, measures)
        if found is not None:
            other, index, shared = found
            yield Hit({"other_goal": goal_label(site.document, goals[other]),
                       "other_indicator": goals[other].indicators[index].text,
                       "shared": ", ".join(sorted(shared))}, sites[id(goal)])


def _measuring(at: int, neighbours: list[int], own: list[frozenset[str]],
               measures: list[list[frozenset[str]]]) -> tuple[int, int, frozenset[str]] | None:
    """The indicator of a neighbouring goal that shares most of goal ``at``'s words (two or more) and
    none of its own goal's: the earliest on a tie."""
    best: tuple[int, int, frozenset[str]] | None = None
    for other in neighbours:
        for index, indicator in enumerate(measures[other]):
            shared = indicator & own[at]
            if len(shared) >= SHARED and not indicator & own[other] and (best is None or len(shared) > len(best[2])):
                best = (other, index, shared)
    return best
