"""The engine: walk a plan once, give each node to the rules that visit it.

Rules are bucketed by the node kind they visit when the engine is built, so
the walk pays only for rules that apply. The engine stamps code, name and
severity onto each hit and words its message; checks never see any of that.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from .checks import Bilingual, Hit, Site
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
        visit, by_target = self.by_visit, self.by_target
        run = self._run
        if visit["plan"]:
            run(visit["plan"], Site(plan), findings)
        goal_rules, document_rules = visit["goal"], visit["document"]
        any_indicator = bool(visit["indicator"])
        for document in plan.documents:
            if document_rules:
                run(document_rules, Site(plan, document), findings)
            for goal in document.goals:
                if goal_rules:
                    run(goal_rules, Site(plan, document, goal), findings)
                if any_indicator:
                    for position, indicator in enumerate(goal.indicators, start=1):
                        rules = by_target[indicator.target.kind]
                        if rules:
                            run(rules, Site(plan, document, goal, indicator, position), findings)
        return findings

    def _run(self, rules: list[Rule], site: Site, findings: list[Finding]) -> None:
        for rule in rules:
            if rule.applies(site):
                for hit in rule.kind.function(site, rule.options):
                    findings.append(self.finding(rule, hit, site))
    def finding(self, rule: Rule, hit: Hit, visited: Site) -> Finding:
        site = hit.site or visited
        document, goal, indicator = site.document, site.goal, site.indicator
        line = hit.line or (indicator.line if indicator else goal.line if goal else document.line if document else None)
        values = {
            "target": indicator.target.raw if indicator else None,
            "indicator": indicator.text if indicator else None,
            "goal": goal.number if goal else None,
            "goal_text": goal.text if goal else None,
            "unit": document.unit if document else None,
            "document_kind": document.kind if document else None,
            "fiscal_year": document.fiscal_year if document else None,
            "position": site.position,
            **{k: v for k, v in rule.spec.options.items() if not isinstance(v, (dict, list))},
            **hit.data,
        }
        template = rule.spec.message.id if self.lang == "id" else rule.spec.message.en
        message = template.format_map({key: format_value(value, self.lang) for key, value in values.items()})
        evidence = {key: _evidence_value(value) for key, value in hit.data.items()}
        if indicator is not None:
            evidence.setdefault("target", indicator.target.raw)
        location = Location(site.plan.path, line, document.unit if document else None, goal.number if goal else None, site.position)
        return Finding(rule.code, rule.name, rule.severity, message, location, evidence)
