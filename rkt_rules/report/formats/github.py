"""GitHub Actions workflow commands: findings become annotations on the plan's lines."""

from __future__ import annotations

from ...findings import Report
from .common import summary_sentence

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, **_):
    for finding in report.findings:
        loc = finding.location
        props = [f"file={_property(loc.path)}"] + ([f"line={loc.line}"] if loc.line else []) + [f"title={_property(f'{finding.code} {finding.rule}')}"]
        yield f"::{LEVELS[finding.severity]} {','.join(props)}::{_data(finding.message)}\n"
    yield summary_sentence(report) + "\n"
