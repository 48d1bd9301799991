"""The engine: give each rule the nodes it visits, a document's worth at a time.

Rules are bucketed by the node kind they visit when the engine is built. For
each document the engine lists its goals and its indicators once; each rule's
where-filter narrows that list and its check runs over what is left in one
call, so the cost of a rule on a node is a loop step, not a call. The engine
stamps code, name and severity onto each hit and words its message; checks
never see any of that.
"""

from __future__ import annotations

import math
import string
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from .checks import Bilingual, Hit, Site, goal_sites, indicator_sites, plan_memo
from .checks.fields import SITE_VALUES
from ..findings import Finding, Location
from ..model import Plan
from .ruleset import OWN_RULES_ONLY, Rule

if TYPE_CHECKING:
    from ..sets import PlanSet


def format_value(value: Any, lang: str) -> str:
    """A value as a message quotes it: Indonesian decimals use a comma."""
    if value.__class__ is str:
        return value
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


def _evidence(data: dict[str, Any]) -> dict[str, Any]:
    """A hit's values as evidence: translated values in English, tuples as lists (JSON's shape).

    Converted in place: a hit's dict is made for it and used once."""
    for key, value in data.items():
        if isinstance(value, tuple):
            data[key] = value.en if isinstance(value, Bilingual) else list(value)
    return data


_new = tuple.__new__  # Location's own constructor is a Python function; this is the C one


class Engine:
    """Rules compiled for one walk: bucketed by the node kind they visit, and
    indicator rules by the target kinds their filter names."""

    def __init__(self, rules: Iterable[Rule], lang: str = "id", hierarchy: dict[str, str] | None = None):
        self.lang = lang
        self.hierarchy = hierarchy or {}  # a project's [hierarchy]: child unit → parent unit, as written
        self.rules = _with_dependents([rule for rule in rules if rule.enabled])
        self.by_visit = {kind: [r for r in self.rules if r.visits == kind] for kind in ("set", "plan", "document", "goal", "indicator")}
        self.wordings = {id(rule): self._wording(rule) for rule in self.rules}
        self.per_document = _Buckets(self.by_visit)
        # An annexed action plan (rencana-aksi) and a performance report (lkj) are looked at only by the rules naming them.
        self.per_own_type = {kind: _Buckets({visit: [r for r in rules if r.visits_document(kind)] for visit, rules in self.by_visit.items()})
                             for kind in OWN_RULES_ONLY}

    @property
    def compares_sets(self) -> bool:
        """Whether any rule compares the documents of a plan set (and so a run must form sets)."""
        return bool(self.by_visit["set"])

    def check(self, plan: Plan) -> list[Finding]:
        with plan_memo(plan):
            findings = self._check(plan)
        if any(d.problem == "read with OCR" for d in plan.diagnostics):
            findings = [_read_by_ocr(f, self.lang) for f in findings]
        return findings

    def check_run(self, plan: Plan) -> list[Finding]:
        """A plan checked as a run of that one file is: its own checks, then the run's sets (where a report's
        counterpart missing from the whole run is said)."""
        from ..sets import cards_of, run_sets

        findings = self.check(plan)
        if self.by_visit["set"]:
            findings += run_sets(list(cards_of(plan)), self.hierarchy, self.check_set, lambda path: plan)
        return findings

    def check_set(self, plan_set: "PlanSet") -> list[Finding]:
        """The set rules over a plan set of several files (the run's comparisons across files)."""
        findings: list[Finding] = []
        with plan_memo(plan_set):
            self._run(self.by_visit["set"], [plan_set], findings)  # type: ignore[list-item]  # set rules visit sets
        return findings

    def _check(self, plan: Plan) -> list[Finding]:
        findings: list[Finding] = []
        run = self._run
        if self.by_visit["set"]:  # the file's own documents compared with each other
            from ..sets import PlanSet

            run(self.by_visit["set"], [PlanSet.of_file(plan, self.hierarchy)], findings)  # type: ignore[list-item]
        if self.by_visit["plan"]:
            run(self.by_visit["plan"], [Site(plan)], findings)
        for document in plan.documents:
            buckets = self.per_own_type.get(document.document_type or "", self.per_document)
            if buckets.document:
                run(buckets.document, [Site(plan, document)], findings)
            if buckets.goal:
                run(buckets.goal, goal_sites(plan, document), findings)
            if buckets.indicator:
                self._run_indicators(indicator_sites(plan, document), findings, buckets)
        return findings

    def _run(self, rules: list[Rule], sites: list[Site], findings: list[Finding]) -> None:
        for rule in rules:
            self._apply(rule, sites, findings)

    def _run_indicators(self, sites: list[Site], findings: list[Finding], buckets: _Buckets) -> None:
        """Like ``_run``, with the indicators sorted by target kind once for all rules that name kinds."""
        if not sites:
            return
        by_kind: dict[str, list[Site]] = {}
        if buckets.kinds_needed:
            for site in sites:
                kind = site[3].target.kind
                bucket = by_kind.get(kind)
                if bucket is None:
                    by_kind[kind] = [site]
                else:
                    bucket.append(site)
        for rule, kinds in buckets.indicator:
            if kinds is None:
                chosen = sites
            elif len(kinds) == 1:
                chosen = by_kind.get(kinds[0], [])
            else:
                chosen = [site for kind in kinds for site in by_kind.get(kind, ())]
            if chosen:
                self._apply(rule, chosen, findings)

    def _apply(self, rule: Rule, sites, findings: list[Finding]) -> None:
        """One rule over the part of a batch its filter keeps; results that are not hits are for --explain."""
        if rule.select is not None:
            sites = rule.select(sites)
        if sites:
            for hit in rule.kind.function(sites, rule.options):
                if hit.__class__ is Hit:
                    findings.append(self.finding(rule, hit))

    def _wording(self, rule: Rule) -> tuple[str, tuple]:
        """A rule's message template and, per placeholder, where its value comes from
        when the hit does not carry it: the node (SITE_VALUES) or the rule's options."""
        template = rule.spec.message(self.lang)
        sources = []
        for name in _placeholders(template):
            from_site = SITE_VALUES.get(name)
            sources.append((name, from_site, None if from_site else format_value(rule.spec.options.get(name), self.lang)))
        return template, tuple(sources)

    def finding(self, rule: Rule, hit: Hit) -> Finding:
        site, data, lang = hit.site, hit.data, self.lang
        document, goal, indicator = site.document, site.goal, site.indicator
        node = indicator or goal or document
        line = hit.line or (node.line if node is not None else None)
        template, sources = self.wordings[id(rule)]
        values = {}
        for name, from_site, from_options in sources:
            if name in data:
                values[name] = format_value(data[name], lang)
            elif from_site is not None:
                values[name] = format_value(from_site(site), lang)
            else:
                values[name] = from_options
        evidence = _evidence(data)
        if indicator is not None:
            evidence.setdefault("target", indicator.target.raw)
        location = _new(Location, (site.plan.path, line, document.unit if document else None, goal.number if goal else None, site.position,
                                   node.cell if node is not None else None))
        return Finding(rule.code, rule.name, rule.severity, template.format_map(values), location, evidence,
                       indicator.text if indicator else None, rule.spec.lke, document_label(document))


def document_label(document) -> str | None:
    """A document's type and year as a finding carries them (``pk 2024``): which of a file's documents it is about."""
    if document is None:
        return None
    return " ".join(str(part) for part in (document.document_type, document.fiscal_year) if part) or None


class _Buckets:
    """The rules run on each document, by the node kind they visit; indicator rules with the target kinds they take."""

    def __init__(self, by_visit: dict[str, list[Rule]]):
        self.document, self.goal = by_visit["document"], by_visit["goal"]
        self.indicator = [(rule, rule.spec.where.target) for rule in by_visit["indicator"]]
        self.kinds_needed = any(kinds is not None for _, kinds in self.indicator)


def _with_dependents(rules: list[Rule]) -> list[Rule]:
    """Rules of the ``identity`` check learn which of the other rules need each document field."""
    if not any(rule.kind.name == "identity" for rule in rules):
        return rules
    from dataclasses import replace

    dependents = {name: tuple(sorted(r.code for r in rules if name in r.needs)) for name in ("unit", "fiscal_year", "document_type")}
    return [replace(rule, options=rule.options.model_copy(update={"dependents": dependents})) if rule.kind.name == "identity" else rule
            for rule in rules]


# Rules that judge how the text reads (a target's characters, the goals' numbering, a goal's indicator
# row, a NIP's digits) or a score's digits (an index's decimal comma, the smallest mark on the page, lost
# by OCR makes 94,135 read 94135; a grade BB read 8B; 7,85 ships read from 785): on text read by OCR, what
# they see is most often a misreading of the scan, not the plan. Their findings there are hints to check
# against the original, never a gate; every other rule keeps its severity (a percentage over 100 is
# mostly a whole number, as the plan says it).
READING_RULES = frozenset({"target-readable", "goals-numbered", "goal-has-indicator", "nip-well-formed",
                           "score-in-range", "grade-scale", "count-target-whole"})


def _read_by_ocr(finding: Finding, lang: str) -> Finding:
    import dataclasses

    from ..locale import say

    if finding.rule not in READING_RULES or finding.severity == "info":
        return finding
    return dataclasses.replace(finding, severity="info", message=f"{finding.message} ({say('phrase.ocr-hint', lang)})")
