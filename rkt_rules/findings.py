"""Findings: frozen values with one total order, and the report that holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import __version__

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 3, "warning": 2, "info": 1, "never": 4}


class Location(NamedTuple):
    """Where a finding is: file, line, and as deep as it goes, unit, goal and indicator.

    A named tuple: as immutable and comparable as a frozen dataclass, and made
    in a fraction of the time, which counts when a batch makes thousands."""

    path: str
    line: int | None = None
    unit: str | None = None
    goal: str | None = None
    indicator: int | None = None
    cell: str | None = None  # page / table and row / sheet and cell, for office files

    def to_dict(self) -> dict:
        data = {"path": self.path, "line": self.line, "unit": self.unit, "goal": self.goal, "indicator": self.indicator}
        if self.cell is not None:
            data["cell"] = self.cell
        return data


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    rule: str
    severity: str
    message: str
    location: Location
    evidence: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    subject: str | None = field(default=None, compare=False)  # the indicator's text: what baselines key on
    lke: tuple[str, ...] = field(default=(), compare=False)  # the evaluation-sheet criteria the rule bears on
    document: str | None = field(default=None, compare=False)  # its document's type and year ("pk 2024"): what baselines key on

    def __reduce__(self):  # see Location.__reduce__
        return Finding, (self.code, self.rule, self.severity, self.message, self.location, self.evidence, self.subject, self.lke,
                         self.document)

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line or 0, loc.cell or "", self.code, loc.unit or "", loc.goal or "", loc.indicator or 0, self.message)

    def to_dict(self) -> dict:
        return {"code": self.code, "rule": self.rule, "severity": self.severity, "message": self.message,
                "location": self.location.to_dict(), "evidence": self.evidence, "lke": list(self.lke)}


def at_or_above(severity: str, threshold: str) -> bool:
    """Whether a finding of ``severity`` trips ``--fail-on threshold`` (``never`` never trips)."""
    return threshold != "never" and RANK[severity] >= RANK[threshold]


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding a suppression or the baseline set aside: still reported, apart."""

    finding: Finding
    reason: str
    expires: str | None = None

    def to_dict(self) -> dict:
        return {**self.finding.to_dict(), "suppression": {"reason": self.reason, "expires": self.expires}}


@dataclass
class Report:
    """All findings of one run over one or more files, sorted.

    ``rules`` (the rules that ran) and ``plans`` (path → Plan) are filled in for
    the formats that describe rules (SARIF, JUnit) or show the plan table
    (HTML, Markdown, XLSX).
    """

    findings: list[Finding]
    files: int
    lang: str = "id"
    rules: list = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    plans: dict = field(default_factory=dict)
    fail_on: str = "error"
    tool_version: str = __version__
    ruleset: str = ""        # the rulesets that ran, as named ("default", "default+my.toml")
    date: str = ""           # the day of the check (ISO), for the worksheet's cover
    answers: dict = field(default_factory=dict)  # a returned worksheet's answers by finding key (worksheet.py)
    skipped: list = field(default_factory=list)  # the errors of files in a folder that are no plan (a report, an unrelated file)
    unreadable: int = 0      # files that could not be read
    errors: list = field(default_factory=list)  # why: one RktError per file that could not be read
    warnings: list = field(default_factory=list)  # RktErrors about the run, not a file's findings ([hierarchy] naming no document's unit)

    def __post_init__(self):
        self.findings = sorted(self.findings, key=Finding.sort_key)
        self.suppressed = sorted(self.suppressed, key=lambda s: s.finding.sort_key())

    def of_file(self, path: str) -> "Report":
        """This report narrowed to one of its files (a plan's own report of a run over several)."""
        from dataclasses import replace

        return replace(self, findings=[f for f in self.findings if f.location.path == path],
                       suppressed=[s for s in self.suppressed if s.finding.location.path == path],
                       plans={path: self.plans[path]} if path in self.plans else {}, files=1,
                       skipped=[], unreadable=0, errors=[], warnings=[])

    def summary(self) -> dict[str, int]:
        counts = {"files": self.files, "error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        counts["suppressed"] = len(self.suppressed)
        if self.skipped or self.unreadable:
            counts["skipped"], counts["unreadable"] = len(self.skipped), self.unreadable
        return counts

    def fails(self, threshold: str) -> bool:
        return any(at_or_above(f.severity, threshold) for f in self.findings)


def entity_key(finding: Finding) -> tuple:
    """What a finding is about, independent of where the lines fall."""
    loc = finding.location
    return (finding.rule, loc.unit or "", loc.goal or "", " ".join((finding.subject or "").split()).casefold())
