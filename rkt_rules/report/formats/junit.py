"""JUnit XML: one test suite per document, one test case per rule.

A rule fails its test case when it has a finding at or above ``--fail-on`` in
that document; lesser findings go to the case's output; a case whose findings
were all suppressed is skipped with the reason; a plan that could not be read is an
error. The attributes are those the strict schema (Jenkins xUnit's junit-10.xsd) allows:
errors on every suite, skipped on a suite only. CI systems read this as tests.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ...findings import Report, at_or_above
from .common import xml_safe


def _document_of(finding, documents: list) -> int:
    units = [d.unit for d in documents]
    return units.index(finding.location.unit) if finding.location.unit in units else 0


def render(report: Report, **_) -> str:
    root = ET.Element("testsuites", name="rkt-rules")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    rules = sorted(report.rules, key=lambda r: r.code)
    for path, plan in sorted(report.plans.items()):
        for number, document in enumerate(plan.documents):
            mine = lambda items, key=lambda x: x: [x for x in items if key(x).location.path == path and _document_of(key(x), plan.documents) == number]  # noqa: E731
            findings = mine(report.findings)
            suppressed = mine(report.suppressed, key=lambda s: s.finding)
            suite = ET.SubElement(root, "testsuite", name=xml_safe(f"{path} :: {document.unit or f'document {number + 1}'}"))
            counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
            for rule in rules:
                counts["tests"] += 1
                case = ET.SubElement(suite, "testcase", classname=xml_safe(document.unit or path), name=f"{rule.code} {rule.name}")
                hits = [f for f in findings if f.code == rule.code]
                failing = [f for f in hits if at_or_above(f.severity, report.fail_on)]
                quiet = [s for s in suppressed if s.finding.code == rule.code]
                if failing:
                    counts["failures"] += 1
                    failure = ET.SubElement(case, "failure", type=failing[0].severity, message=xml_safe(failing[0].message))
                    failure.text = xml_safe("\n".join(f"{f.location.path}:{f.location.line or ''}: {f.severity} {f.message}" for f in failing))
                elif quiet and not hits:
                    counts["skipped"] += 1
                    ET.SubElement(case, "skipped", message=xml_safe(f"suppressed: {quiet[0].reason}"))
                rest = [f for f in hits if f not in failing]
                if rest:
                    out = ET.SubElement(case, "system-out")
                    out.text = xml_safe("\n".join(f"{f.location.path}:{f.location.line or ''}: {f.severity} {f.message}" for f in rest))
            for key, value in counts.items():
                suite.set(key, str(value))
                if key in totals:
                    totals[key] += value
    for error in report.errors:  # a plan that could not be read: an error, never a pass
        suite = ET.SubElement(root, "testsuite", name=xml_safe(error.path or "rkt-rules"), tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=xml_safe(error.path or "rkt-rules"), name="read")
        ET.SubElement(case, "error", type="unreadable", message=xml_safe(error.text(report.lang)))
        totals["tests"] += 1
        totals["errors"] += 1
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
