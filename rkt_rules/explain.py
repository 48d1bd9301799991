"""``check --explain``: what each rule looked at, what its filter skipped, what
it compared for each finding, and where it could not decide."""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks import Site, Unevaluated
from .engine import Engine, format_value
from .findings import Finding
from .model import Plan

NODE_WORDS = {"plan": ("rencana", "plans"), "document": ("dokumen", "documents"), "goal": ("sasaran", "goals"), "indicator": ("indikator", "indicators")}


@dataclass
class RuleTrace:
    visited: int = 0
    skipped: int = 0
    findings: list[Finding] = field(default_factory=list)
    unevaluated: list[tuple[str, str]] = field(default_factory=list)  # (where, why)


def _where(site: Site) -> str:
    parts = [site.plan.path]
    if site.document is not None:
        parts.append(site.document.unit or "?")
    if site.goal is not None:
        parts.append(f"goal {site.goal.number}")
    if site.indicator is not None:
        parts.append(f"indicator {site.position}")
    line = (site.indicator.line if site.indicator else site.goal.line if site.goal else site.document.line if site.document else None)
    return " / ".join(parts) + (f" (line {line})" if line else "")


class ExplainingEngine(Engine):
    """The same rules, walked plainly, keeping a trace per rule."""

    def __init__(self, rules, lang: str = "id"):
        super().__init__(rules, lang)
        self.traces = {rule.code: RuleTrace() for rule in self.rules}

    def check(self, plan: Plan) -> list[Finding]:
        findings: list[Finding] = []
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

    def _visit(self, rule, site: Site, findings: list[Finding]) -> None:
        trace = self.traces[rule.code]
        trace.visited += 1
        kinds = rule.spec.where.target if rule.visits == "indicator" else None
        if (kinds is not None and site.indicator.target.kind not in kinds) or (rule.select is not None and not rule.select([site])):
            trace.skipped += 1
            return
        for hit in rule.kind.function([site], rule.options):
            if isinstance(hit, Unevaluated):
                trace.unevaluated.append((_where(hit.site), format_value(hit.reason, self.lang)))
            else:
                finding = self.finding(rule, hit)
                trace.findings.append(finding)
                findings.append(finding)

    def render(self) -> str:
        english = self.lang == "en"
        lines = []
        for rule in self.rules:
            trace = self.traces[rule.code]
            noun = NODE_WORDS[rule.visits][1 if english else 0]
            if english:
                lines.append(f"{rule.code} {rule.name} ({rule.severity}): visited {trace.visited} {noun}, skipped by filter {trace.skipped}, "
                             f"findings {len(trace.findings)}, could not evaluate {len(trace.unevaluated)}")
            else:
                lines.append(f"{rule.code} {rule.name} ({rule.severity}): {trace.visited} {noun} dikunjungi, {trace.skipped} dilewati filter, "
                             f"{len(trace.findings)} temuan, {len(trace.unevaluated)} tidak dapat dinilai")
            for finding in sorted(trace.findings, key=Finding.sort_key):
                compared = ", ".join(f"{k}={format_value(v, self.lang)}" for k, v in finding.evidence.items() if k != "shared")
                lines.append(f"    {'finding' if english else 'temuan'}: {finding.location.path}:{finding.location.line or ''} {finding.message}")
                lines.append(f"        {'compared' if english else 'dibandingkan'}: {compared}")
            for where, why in trace.unevaluated:
                lines.append(f"    {'could not evaluate' if english else 'tidak dapat dinilai'}: {where}: {why}")
        return "\n".join(lines) + "\n"
