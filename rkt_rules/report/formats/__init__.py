"""Formatters: pure functions from a Report to text or bytes, chosen by name.

A formatter returns ``str``, ``bytes``, or an iterable of ``str`` pieces (the
large text formats stream, so a big report is never built twice in memory).
The table maps a name to its module so that a run pays only for the format it
asks for (the office formats pull in heavy libraries).
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable, NamedTuple

from ...errors import UsageError
from ...findings import Report


class Format(NamedTuple):
    module: str
    suffix: str
    binary: bool = False  # never written to a terminal


FORMATS: dict[str, Format] = {
    "text": Format("rkt_rules.report.formats.text", ".txt"),
    "json": Format("rkt_rules.report.formats.json_report", ".json"),
    "sarif": Format("rkt_rules.report.formats.sarif", ".sarif"),
    "junit": Format("rkt_rules.report.formats.junit", ".xml"),
    "github": Format("rkt_rules.report.formats.github", ".github.txt"),
    "markdown": Format("rkt_rules.report.formats.markdown", ".md"),
    "html": Format("rkt_rules.report.formats.html", ".html"),
    "xlsx": Format("rkt_rules.report.formats.xlsx", ".xlsx", binary=True),
}


def formatter(name: str) -> Callable[..., str | bytes]:
    if name not in FORMATS:
        raise UsageError("unknown-format", name=name, known=", ".join(FORMATS))
    return getattr(import_module(FORMATS[name].module), "render")


def render(report: Report, name: str, **options) -> str | bytes:
    """The whole report as one ``str`` or ``bytes``, whatever the formatter returns."""
    result = formatter(name)(report, **options)
    return result if isinstance(result, (str, bytes)) else "".join(result)
