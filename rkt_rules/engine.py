"""The engine: walk a plan once, give each node to the rules that visit it.

Rules are bucketed by the node kind they visit when the engine is built, so
the walk pays only for rules that apply. The engine stamps code, name and
severity onto each hit and words its message; checks never see any of that.
"""

from __future__ import annotations

import math
import string
from functools import lru_cache
from typing import Any, Iterable

from .checks import Bilingual, Hit, Site, Unevaluated
from .checks.fields import SITE_VALUES
from .findings import Finding, Location
from .model import Plan
from .ruleset import Rule


def format_value(value: Any, lang: str) -> str:
    """A value as a message quotes it: Indonesian decimals use a comma."""
    if isinstance(value, Bilingual):
        return value.id if lang == "id" else value.en
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        text = f"{value:.4g}" if abs(value) < 1e6 else f"{value:.0f}"
        return text.replace(".", ",") if lang == "id" else text
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v, lang) for v in value)
    return str(value)


@lru_cache(maxsize=1024)
def _placeholders(template: str) -> tuple[str, ...]:
    """The names a message quotes (validated plain ``{name}`` fields at load)."""
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


def _evidence_value(value: Any) -> Any:
    if isinstance(value, Bilingual):
        return value.en
    if isinstance(value, tuple):
        return list(value)
    return value


TARGET_KINDS = ("percent", "grade", "quantity", "number", "compound", "range", "unreadable", "missing")


class Engine:
    """Rules compiled for one walk: bucketed by node kind, indicator rules also by target kind.

    A rule whose filter names target kinds is only ever offered indicators of
    those kinds, so the common case (most rules do not apply to most nodes)
    costs a dictionary lookup, not a predicate call per rule.
    """

    def __init__(self, rules: Iterable[Rule], lang: str = "id"):
        self.lang = lang
        self.rules = [rule for rule in rules if rule.enabled]
        self.by_visit = {kind: [r for r in self.rules if r.visits == kind] for kind in ("plan", "document", "goal", "indicator")}
        self.by_target = {
            kind: [r for r in self.by_visit["indicator"] if r.spec.where.target is None or kind in r.spec.where.target]
            for kind in TARGET_KINDS
        }

    def check(self, plan: Plan) -> list[Finding]:
        findings: list[Finding] = []
        visit, by_target, hit_to_finding = self.by_visit, self.by_target, self.finding
        make_site = Site._make  # tuple.__new__: a namedtuple's own __new__ is a slower Python function
        if visit["plan"]:
            self._run(visit["plan"], Site(plan), findings)
        goal_rules, document_rules = visit["goal"], visit["document"]
        any_indicator = bool(visit["indicator"])
        for document in plan.documents:
            if document_rules:
                self._run(document_rules, Site(plan, document), findings)
            for goal in document.goals:
                if goal_rules:
                    site = make_site((plan, document, goal, None, None))
                    for rule in goal_rules:
                        if rule.applies is None or rule.applies(site):
                            for hit in rule.kind.function(site, rule.options):
                                if hit.__class__ is not Unevaluated:
                                    findings.append(hit_to_finding(rule, hit, site))
                if any_indicator:
                    position = 0
                    for indicator in goal.indicators:
                        position += 1
                        rules = by_target[indicator.target.kind]
                        if rules:
                            site = make_site((plan, document, goal, indicator, position))
                            for rule in rules:
                                if rule.applies is None or rule.applies(site):
                                    for hit in rule.kind.function(site, rule.options):
                                        if hit.__class__ is not Unevaluated:
                                            findings.append(hit_to_finding(rule, hit, site))
        return findings

    def _run(self, rules: list[Rule], site: Site, findings: list[Finding]) -> None:
        for rule in rules:
            if rule.applies is None or rule.applies(site):
                for hit in rule.kind.function(site, rule.options):
                    if hit.__class__ is not Unevaluated:
                        findings.append(self.finding(rule, hit, site))

    def finding(self, rule: Rule, hit: Hit, visited: Site) -> Finding:
        site = hit.site or visited
        document, goal, indicator = site.document, site.goal, site.indicator
        line = hit.line or (indicator.line if indicator else goal.line if goal else document.line if document else None)
        node = indicator or goal or document
        cell = node.cell if node is not None else None
        template = rule.spec.message.id if self.lang == "id" else rule.spec.message.en
        values = {}
        for name in _placeholders(template):
            if name in hit.data:
                value = hit.data[name]
            elif name in SITE_VALUES:
                value = SITE_VALUES[name](site)
            else:
                value = rule.spec.options.get(name)
            values[name] = format_value(value, self.lang)
        message = template.format_map(values)
        evidence = {key: _evidence_value(value) for key, value in hit.data.items()}
        if indicator is not None:
            evidence.setdefault("target", indicator.target.raw)
        location = Location(site.plan.path, line, document.unit if document else None, goal.number if goal else None, site.position, cell)
        return Finding(rule.code, rule.name, rule.severity, message, location, evidence, indicator.text if indicator else None)
