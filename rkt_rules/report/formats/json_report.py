"""The findings contract of DESIGN.md, as one JSON object."""

from __future__ import annotations

import json

from ...findings import Report


_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode  # one encoder, not one a call


def render(report: Report, **_):
    """Indented at the top, one finding a line: readable, diffable, and fast to
    write (json's C encoder only runs without ``indent``). Yields the text line
    by line so a report of 20,000 plans is never held twice in memory."""
    yield "{\n"
    yield f'  "schema_version": 1,\n  "tool": {_compact({"name": "rkt-rules", "version": report.tool_version})},\n'
    if not report.findings:
        yield '  "findings": [],\n'
    else:
        yield '  "findings": [\n'
        for start in range(0, len(report.findings), 1000):  # pieces of a thousand lines: few writes, bounded memory
            lines = [f"    {_compact(finding.to_dict())}" for finding in report.findings[start:start + 1000]]
            yield ",\n".join(lines) + (",\n" if start + 1000 < len(report.findings) else "\n")
        yield "  ],\n"
    yield from _array("suppressed", [item.to_dict() for item in report.suppressed])
    yield f'  "summary": {_compact(report.summary())}\n}}\n'


def _array(name: str, items: list):
    if not items:
        yield f'  "{name}": [],\n'
        return
    yield f'  "{name}": [\n'
    yield ",\n".join(f"    {_compact(item)}" for item in items) + "\n  ],\n"
