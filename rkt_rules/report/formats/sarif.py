"""SARIF 2.1.0: what code-scanning dashboards and CI annotations read."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ...findings import Finding, Report, Suppressed
from .common import fingerprint

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://pypi.org/project/rkt-rules/"


def _rule(rule, lang: str) -> dict:
    from ...locale import entry

    spec = rule.spec
    summary, why = spec.summary(lang), spec.why(lang)
    headings = entry("explain.headings", lang)  # [checks, why, reference, message, failing example, …] in the report's language
    examples = "\n".join(f"    {line}" for example in spec.examples.fail for line in example.strip("\n").splitlines())
    markdown = f"**{summary}**\n\n{why}\n\n*{headings[2]}*: {spec.grounds()}\n\n{headings[4]}:\n\n{examples}\n"
    return {
        "id": spec.code, "name": spec.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": why},
        "help": {"text": f"{summary} {why} {headings[2]}: {spec.grounds()}", "markdown": markdown},
        "helpUri": f"{INFO_URI}#{spec.code.lower()}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"reference": spec.reference, "lke": list(spec.lke), "visits": spec.visits, "check": spec.check},
    }


def _result(finding: Finding, index: dict[str, int], lang: str, suppression: Suppressed | None = None) -> dict:
    from ...locale import say, where

    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(loc.path.replace("\\", "/"))}}
    if loc.line:
        physical["region"] = {"startLine": loc.line}
    location: dict[str, Any] = {"physicalLocation": physical}
    names = [part for part in (loc.unit, say("explain.where_goal", lang, number=loc.goal) if loc.goal else None,
                               say("explain.where_indicator", lang, position=loc.indicator) if loc.indicator else None,
                               where(loc.cell, lang) if loc.cell else None) if part]
    if names:
        location["logicalLocations"] = [{"fullyQualifiedName": " / ".join(names), "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": finding.code, "level": LEVELS[finding.severity],
        "message": {"text": finding.message}, "locations": [location],
        "partialFingerprints": {"rktEntity/v1": fingerprint(finding)},
        "properties": {"rule": finding.rule, "evidence": finding.evidence},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if suppression is not None:
        result["suppressions"] = [{"kind": "external", "justification": suppression.reason}]
    return result


def render(report: Report, **_) -> str:
    """The findings as results. Accepted findings (baselined, suppressed) are no results: GitHub code
    scanning ignores a result's ``suppressions`` (github/codeql-action#1230) and would show them as open
    alerts; they are kept in the run's ``properties.accepted``. A file that could not be read makes the
    run unsuccessful and is named in ``invocations``, so that its alerts are not closed as fixed."""
    rules = sorted(report.rules, key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = [_result(f, index, report.lang) for f in report.findings]
    accepted = [_result(s.finding, index, report.lang, s) for s in report.suppressed]
    notifications = [{"level": "error", "message": {"text": error.text(report.lang)},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": quote((error.path or "").replace("\\", "/"))}}}]}
                     for error in report.errors]
    log = {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "rkt-rules", "version": report.tool_version, "informationUri": INFO_URI,
                                "rules": [_rule(rule, report.lang) for rule in rules]}},
            "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"accepted": accepted},
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
