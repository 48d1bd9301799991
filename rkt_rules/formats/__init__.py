"""Formatters: pure functions from a Report to text or bytes, chosen by name.

A formatter returns ``str``, ``bytes``, or an iterable of ``str`` pieces (the
large text formats stream, so a big report is never built twice in memory).
The table maps a name to its module so that a run pays only for the format it
asks for (the office formats pull in heavy libraries).
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from ..errors import UsageError
from ..findings import Report

FORMATS: dict[str, tuple[str, str]] = {
    "text": ("rkt_rules.formats.text", "render"),
    "json": ("rkt_rules.formats.json_report", "render"),
}


def formatter(name: str) -> Callable[..., str | bytes]:
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r} (choose from: {', '.join(FORMATS)})")
    module, function = FORMATS[name]
    return getattr(import_module(module), function)


def render(report: Report, name: str, **options) -> str | bytes:
    """The whole report as one ``str`` or ``bytes``, whatever the formatter returns."""
    result = formatter(name)(report, **options)
    return result if isinstance(result, (str, bytes)) else "".join(result)
