"""The closed registry of check kinds: the whole extension model of the rules.

A check kind is a small pure function with a frozen pydantic options model.
It is given a batch of nodes (``Site``s: every goal of a document, the
indicators of a document that passed the rule's filter…) and yields a ``Hit``
for each node that fails, carrying the values a message may quote and the node
it is about. Taking the batch rather than one node keeps the loop inside the
check, where it costs what a hand-written loop costs, instead of a call per
rule per node. A check never knows rule codes, severities or wording. Rules in
TOML pick a kind by name from ``CHECKS``; nothing else is reachable from a rule.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from pydantic import BaseModel, ConfigDict

from ...model import Goal, Indicator, Plan, PlanDocument



class Site(NamedTuple):
    """Where a check is looking: the plan and, as deep as the visit goes, the node.

    A check kind declares the depth it visits and the engine hands it sites of
    that depth only (an indicator check always gets ``indicator``), so the fields
    are typed as present; the None defaults are for the levels above the visit."""

    plan: Plan
    document: PlanDocument = None  # type: ignore[assignment]
    goal: Goal = None  # type: ignore[assignment]
    indicator: Indicator = None  # type: ignore[assignment]
    position: int = None  # type: ignore[assignment]  # 1-based position of the indicator within its goal


_new_site = tuple.__new__  # a namedtuple's own constructors are Python functions; this is the C one
# What one plan's check computes once and its rules share (its indicator Sites, the
# pairing of its documents): owned by the check of that plan, set by the engine for
# its length (``plan_memo``), and so never shared between plans, threads or runs.
# A check of a plan set (rkt_rules.sets) owns one memo for the documents of all its files.
_PLAN_MEMO: ContextVar[tuple[object, dict] | None] = ContextVar("rkt_rules_plan_memo", default=None)


@contextmanager
def plan_memo(owner: object):
    """Share work between the rules checking ``owner`` (a plan, or a plan set), for the length of the block."""
    token = _PLAN_MEMO.set((owner, {}))
    try:
        yield
    finally:
        _PLAN_MEMO.reset(token)


def memo_for(plan: Plan) -> dict:
    """The memo of the check now running, if it is of ``plan`` or of a set (whose
    documents' keys never clash: they are alive for its length); else a fresh one."""
    current = _PLAN_MEMO.get()
    return current[1] if current is not None and (current[0] is plan or not isinstance(current[0], Plan)) else {}


def indicator_sites(plan: Plan, document: PlanDocument) -> list[Site]:
    """Every indicator of a document as a Site, in order: built once per plan's check
    and shared by the engine and the checks that look across indicators. Read-only."""
    memo = memo_for(plan)
    sites = memo.get(id(document))
    if sites is None:
        sites = memo[id(document)] = [_new_site(Site, (plan, document, goal, indicator, position))
                                      for goal in document.goals for position, indicator in enumerate(goal.indicators, 1)]
    return sites


def goal_label(document: PlanDocument | None, goal: Goal | None) -> str | None:
    """How a message names a goal: its number as written, or, for a goal the table leaves unnumbered,
    its place in the document (``3``), never an empty ``goal ()``."""
    if goal is None:
        return None
    if goal.number or document is None:
        return goal.number
    return next((str(at) for at, other in enumerate(document.goals, 1) if other is goal), goal.number)


def goal_sites(plan: Plan, document: PlanDocument) -> list[Site]:
    """Every goal of a document as a Site, in order."""
    return [_new_site(Site, (plan, document, goal, None, None)) for goal in document.goals]


class Bilingual(NamedTuple):
    """A value quoted in a message that must itself be translated."""

    id: str
    en: str


def phrase(key: str, **values: Any) -> Bilingual:
    """A value quoted in a message, from the message catalog (``phrase.…``, ``problem.…``), in both
    languages; a value that is itself Bilingual is given in each language its own."""
    from ...locale import say

    def given(lang: str) -> dict:
        return {name: (value.id if lang == "id" else value.en) if isinstance(value, Bilingual) else value for name, value in values.items()}

    return Bilingual(say(key, "id", **given("id")), say(key, "en", **given("en")))


def listed(items: list[Bilingual]) -> Bilingual:
    """``a``, ``a dan b``, ``a, b dan c``: phrases as a sentence lists them, in each language."""
    def join(words: list[str], conjunction: str) -> str:
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"

    conjunction = phrase("phrase.and")
    return Bilingual(join([i.id for i in items], conjunction.id), join([i.en for i in items], conjunction.en))


class Hit(NamedTuple):
    """One violation: values for the message and evidence, the node it is about, and optionally a line."""

    data: dict[str, Any]
    site: Site = None  # type: ignore[assignment]  # None only until ``each`` fills in the node it was given
    line: int | None = None


class Unevaluated(NamedTuple):
    """The check could not decide for this node (units that do not convert, no
    signature…). Not a finding; ``check --explain`` lists it so that a silent
    pass is never mistaken for a real one."""

    reason: Bilingual
    site: Site = None  # type: ignore[assignment]  # as Hit.site


class Options(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


@dataclass(frozen=True)
class CheckKind:
    name: str
    function: Callable[[Sequence[Site], Any], Iterable[Hit | Unevaluated]]
    options: type[Options]
    visits: tuple[str, ...]
    placeholders: frozenset[str]
    summary: str
    needs: frozenset[str] = frozenset()  # document fields it cannot judge without (unit, fiscal_year, document_type)


CHECKS: dict[str, CheckKind] = {}
IDENTITY_FIELDS = ("unit", "fiscal_year", "document_type")


def check(name: str, options: type[Options], visits: tuple[str, ...], placeholders: tuple[str, ...] = (), needs: tuple[str, ...] = ()):
    """Register a check kind under ``name``; the registry refuses duplicates.

    ``needs`` names the document fields the check cannot judge without: when a
    document reads without them, the ``identity`` check names the rules of this
    kind as not evaluated, so nothing is skipped in silence."""

    def register(function):
        if name in CHECKS:
            raise ValueError(f"check kind {name!r} registered twice")
        unknown = set(needs) - set(IDENTITY_FIELDS)
        if unknown:
            raise ValueError(f"check kind {name!r} needs unknown fields {sorted(unknown)}")
        summary = (function.__doc__ or "").strip().splitlines()[0]
        CHECKS[name] = CheckKind(name, function, options, visits, frozenset(placeholders), summary, frozenset(needs))
        return function

    return register


def each(function: Callable[[Any, Any], Iterable[Hit | Unevaluated]]):
    """A check written for one node, lifted to a batch: for kinds whose batches are
    one node anyway (documents, plans, plan sets), where a plain function reads better.
    A result without a site is about the node it was given."""

    @functools.wraps(function)
    def batch(sites: Sequence[Site], options):
        for site in sites:
            for result in function(site, options):
                yield result if result.site is not None else result._replace(site=site)

    return batch


def _load_all() -> None:
    from . import achievement, across, alignment, document, fields, fit, form, indicator, structure, wording  # noqa: F401  (registration)


_load_all()
