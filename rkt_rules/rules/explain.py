"""``check --explain``: what each rule looked at, what its filter skipped, what
it compared for each finding, and where it could not decide."""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks import Site, Unevaluated, plan_memo
from .engine import Engine, format_value
from ..findings import Finding
from ..locale import say
from ..model import Plan



@dataclass
class RuleTrace:
    visited: int = 0
    skipped: int = 0
    findings: list[Finding] = field(default_factory=list)
    compared: dict[int, str] = field(default_factory=dict)  # per finding: the values it compared, as shown
    unevaluated: list[tuple[str, str]] = field(default_factory=list)  # (where, why)


def _where(site: Site, lang: str) -> str:
    parts = [site.plan.path]
    if site.document is not None:
        parts.append(site.document.unit or "?")
    if site.goal is not None:
        parts.append(say("explain.where_goal", lang, number=site.goal.number))
    if site.indicator is not None:
        parts.append(say("explain.where_indicator", lang, position=site.position))
    line = (site.indicator.line if site.indicator else site.goal.line if site.goal else site.document.line if site.document else None)
    return " / ".join(parts) + (" " + say("explain.where_line", lang, line=line) if line else "")


class ExplainingEngine(Engine):
    """The same rules, walked plainly, keeping a trace per rule."""

    def __init__(self, rules, lang: str = "id", hierarchy: dict[str, str] | None = None):
        super().__init__(rules, lang, hierarchy)
        self.traces = {rule.code: RuleTrace() for rule in self.rules}

    def check(self, plan: Plan) -> list[Finding]:
        with plan_memo(plan):
            return self._check(plan)

    def check_set(self, plan_set) -> list[Finding]:
        findings: list[Finding] = []
        with plan_memo(plan_set):
            for rule in self.by_visit["set"]:
                self._visit(rule, plan_set, findings)
        return findings

    def _check(self, plan: Plan) -> list[Finding]:
        findings: list[Finding] = []
        if self.by_visit["set"]:
            from ..sets import PlanSet

            own = PlanSet.of_file(plan, self.hierarchy)
            for rule in self.by_visit["set"]:
                self._visit(rule, own, findings)
        for rule in self.by_visit["plan"]:
            self._visit(rule, Site(plan), findings)
        for document in plan.documents:
            visits = {kind: [r for r in self.by_visit[kind] if r.visits_document(document.document_type)] for kind in ("document", "goal", "indicator")}
            for rule in visits["document"]:
                self._visit(rule, Site(plan, document), findings)
            for goal in document.goals:
                for rule in visits["goal"]:
                    self._visit(rule, Site(plan, document, goal), findings)
                for position, indicator in enumerate(goal.indicators, start=1):
                    site = Site(plan, document, goal, indicator, position)
                    for rule in visits["indicator"]:
                        self._visit(rule, site, findings)
        return findings

    def _visit(self, rule, site, findings: list[Finding]) -> None:
        """One rule on one node (a Site), or on a plan set."""
        trace = self.traces[rule.code]
        trace.visited += 1
        kinds = rule.spec.where.target if rule.visits == "indicator" else None
        if (kinds is not None and site.indicator.target.kind not in kinds) or (rule.select is not None and not rule.select([site])):
            trace.skipped += 1
            return
        for hit in rule.kind.function([site], rule.options):
            if isinstance(hit, Unevaluated):
                trace.unevaluated.append((_where(hit.site, self.lang), format_value(hit.reason, self.lang)))
            else:
                # what was compared, worded in the report's language before the finding keeps it (in English) as evidence
                compared = ", ".join(f"{k}={format_value(v, self.lang)}" for k, v in hit.data.items() if k != "shared")
                finding = self.finding(rule, hit)
                indicator = hit.site.indicator
                if indicator is not None and "target" not in hit.data:
                    compared = ", ".join(part for part in (compared, f"target={indicator.target.raw}") if part)
                trace.findings.append(finding)
                trace.compared[id(finding)] = compared
                findings.append(finding)

    def render(self) -> str:
        lang = self.lang
        lines = []
        for rule in self.rules:
            trace = self.traces[rule.code]
            lines.append(say("explain.visited", lang, code=rule.code, name=rule.name, severity=say(f"severity.{rule.severity}", lang),
                             visited=trace.visited, nodes=say(f"explain.{rule.visits}", lang), skipped=trace.skipped,
                             findings=len(trace.findings), unevaluated=len(trace.unevaluated)))
            for finding in sorted(trace.findings, key=Finding.sort_key):
                compared = trace.compared[id(finding)]
                lines.append(f"    {say('explain.finding', lang)}: {finding.location.path}:{finding.location.line or ''} {finding.message}")
                lines.append(f"        {say('explain.compared', lang)}: {compared}")
            for where, why in trace.unevaluated:
                lines.append(f"    {say('explain.unevaluated', lang)}: {where}: {why}")
        return "\n".join(lines) + "\n"
