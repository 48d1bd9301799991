"""GitHub Actions workflow commands: findings become annotations on the plan's lines.

GitHub shows at most ten annotations of each kind (error, warning, notice) a step: the rest it drops
without a word. The first ten of each kind are annotations; the others are printed as plain lines of
the log, and one line says how many were not annotated and where they all are (the job summary)."""

from __future__ import annotations

from ...findings import Report
from .common import summary_sentence

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


ANNOTATIONS_PER_KIND = 10


def render(report: Report, **_):
    from ...locale import say

    shown: dict[str, int] = {}
    plain = 0
    for finding in report.findings:
        loc = finding.location
        kind = LEVELS[finding.severity]
        shown[kind] = shown.get(kind, 0) + 1
        if shown[kind] > ANNOTATIONS_PER_KIND:
            place = f"{loc.path}:{loc.line}" if loc.line else loc.path
            line = f"{place}: {say(f'severity.{finding.severity}', report.lang)} {finding.code} {finding.rule}: {finding.message}"
            yield " ".join(line.split()) + "\n"  # one line of the log: a newline in it could start a workflow command
            plain += 1
            continue
        props = [f"file={_property(loc.path)}"] + ([f"line={loc.line}"] if loc.line else []) + [f"title={_property(f'{finding.code} {finding.rule}')}"]
        yield f"::{kind} {','.join(props)}::{_data(finding.message)}\n"
    if plain:
        yield say("phrase.annotations-cut", report.lang).format(count=plain, limit=ANNOTATIONS_PER_KIND) + "\n"
    yield summary_sentence(report) + "\n"
