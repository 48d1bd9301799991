"""The closed registry of check kinds: the whole extension model of the rules.

A check kind is a small pure function with a frozen pydantic options model.
It looks at one node (a ``Site``) and returns an iterable of ``Hit``s carrying
the values a message may quote: a generator where it may find several, a
tuple where it finds at most one (cheaper on the hot path). It never knows
rule codes, severities or wording. Rules in
TOML pick a kind by name from ``CHECKS``; nothing else is reachable from a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple

from pydantic import BaseModel, ConfigDict

from ..model import Goal, Indicator, Plan, PlanDocument



class Site(NamedTuple):
    """Where a check is looking: the plan and, as deep as the visit goes, the node."""

    plan: Plan
    document: PlanDocument | None = None
    goal: Goal | None = None
    indicator: Indicator | None = None
    position: int | None = None  # 1-based position of the indicator within its goal


class Bilingual(NamedTuple):
    """A value quoted in a message that must itself be translated."""

    id: str
    en: str


class Hit(NamedTuple):
    """One violation: values for the message and evidence, and optionally a more precise place."""

    data: dict[str, Any]
    site: Site | None = None
    line: int | None = None


class Unevaluated(NamedTuple):
    """The check could not decide for this node (units that do not convert, no
    signature…). Not a finding; ``check --explain`` lists it so that a silent
    pass is never mistaken for a real one."""

    reason: Bilingual
    site: Site | None = None


class Options(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class CheckKind:
    name: str
    function: Callable[[Site, Any], Iterable[Hit]]
    options: type[Options]
    visits: tuple[str, ...]
    placeholders: frozenset[str]
    summary: str


CHECKS: dict[str, CheckKind] = {}


def check(name: str, options: type[Options], visits: tuple[str, ...], placeholders: tuple[str, ...] = ()):
    """Register a check kind under ``name``; the registry refuses duplicates."""

    def register(function):
        if name in CHECKS:
            raise ValueError(f"check kind {name!r} registered twice")
        summary = (function.__doc__ or "").strip().splitlines()[0]
        CHECKS[name] = CheckKind(name, function, options, visits, frozenset(placeholders), summary)
        return function

    return register


def _load_all() -> None:
    from . import alignment, document, fields, indicator, structure  # noqa: F401  (registration)


_load_all()
