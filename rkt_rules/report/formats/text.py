"""``path:line: severity code rule: message``, one finding a line, then a summary.

Colour only when asked (the CLI asks when stdout is a terminal). Control
characters from plan text are made visible so a plan cannot drive the terminal.
"""

from __future__ import annotations

import re

from ...findings import Report
from .common import place, summary_sentence, words

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
RESET, BOLD = "\033[0m", "\033[1m"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", text)


def render(report: Report, colour: bool = False, quiet: bool = False, **_):
    """One line per finding, then what was set aside and the summary (not when ``quiet``); yielded line by line."""
    w = words(report)
    for finding in report.findings:
        where = place(finding, report.lang)
        severity = w[finding.severity]
        if colour:
            severity = f"{COLOURS[finding.severity]}{severity}{RESET}"
            where = f"{BOLD}{where}{RESET}"
        yield f"{visible(where)}: {severity} {finding.code} {finding.rule}: {visible(finding.message)}\n"
    if quiet:
        return
    if report.suppressed:
        yield w["suppressed_heading"] + "\n"
        for item in report.suppressed:
            loc = item.finding.location
            where = f"{loc.path}:{loc.line}" if loc.line else loc.path
            yield f"  {visible(where)}: {item.finding.code} {item.finding.rule}: {visible(item.reason)}\n"
    yield summary_sentence(report) + "\n"
