"""The findings contract of DESIGN.md, as one JSON object."""

from __future__ import annotations

import json

from ..findings import Report


def report_to_dict(report: Report) -> dict:
    return {
        "schema_version": 1,
        "tool": {"name": "rkt-rules", "version": report.tool_version},
        "findings": [finding.to_dict() for finding in report.findings],
        "summary": report.summary(),
    }


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render(report: Report, **_) -> str:
    """Indented at the top, one finding a line: readable, diffable, and fast to
    write (json's C encoder only runs without ``indent``)."""
    data = report_to_dict(report)
    findings = ",\n".join(f"    {_compact(f)}" for f in data["findings"])
    lines = [
        "{",
        f'  "schema_version": {data["schema_version"]},',
        f'  "tool": {_compact(data["tool"])},',
        f'  "findings": [\n{findings}\n  ],' if findings else '  "findings": [],',
        f'  "summary": {_compact(data["summary"])}',
        "}",
    ]
    return "\n".join(lines) + "\n"
