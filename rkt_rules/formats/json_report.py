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


def render(report: Report, **_) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
