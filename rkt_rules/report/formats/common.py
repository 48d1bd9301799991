"""Small pieces the formats share: wording in both languages, severity order, grouping."""

from __future__ import annotations

import hashlib
import re

from ...findings import Finding, Report

SEVERITY_ORDER = ("error", "warning", "info")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def words(report: Report) -> dict[str, str]:
    """The reports' words in the report's language (rkt_rules/locale): [words], and the severities by name."""
    from ...locale import catalog

    return {**catalog(report.lang)["words"], **catalog(report.lang)["severity"]}


def place(finding: Finding, lang: str) -> str:
    """Where a finding is, as a reader looks for it: ``plan.txt:12``, or ``pk.pdf [halaman 2, tabel 1, baris 4]``."""
    from ...locale import where

    loc = finding.location
    if loc.line:
        return f"{loc.path}:{loc.line}"
    return f"{loc.path} [{where(loc.cell, lang)}]" if loc.cell else loc.path


def xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot hold at all (C0 controls) removed; escaping is the writer's job."""
    return _CONTROL.sub("", text)


def fingerprint(finding: Finding) -> str:
    """Stable across line shifts: the same entity key the baseline uses."""
    from ...findings import entity_key

    return hashlib.sha256("\x1f".join(entity_key(finding)).encode("utf-8")).hexdigest()[:32]


def summary_sentence(report: Report) -> str:
    """``14 temuan (0 galat, 9 peringatan, 5 info) dalam 1 berkas``."""
    w, counts = words(report), report.summary()
    total = len(report.findings)
    parts = ", ".join(f"{counts[s]} {w[s] if counts[s] == 1 else w[s + 's']}" for s in SEVERITY_ORDER)  # 1 error, 0 errors
    aside = f"; {counts['suppressed']} {w['suppressed']}" if counts["suppressed"] else ""
    sentence = w["sentence"].format(count=total, finding_word=w["finding"] if total == 1 else w["findings"], parts=parts, aside=aside,
                                    files=counts["files"], file_word=w["file"] if counts["files"] == 1 else w["files"])
    if "skipped" in counts:  # a folder's files that are no plan, and those that could not be read
        sentence += f"; {counts['skipped']} {w['skipped']}, {counts['unreadable']} {w['unreadable']}"
    return sentence


def by_rule(report: Report) -> list[tuple[str, str, dict[str, int]]]:
    """(code, name, counts per severity) for every rule that fired, in code order."""
    table: dict[tuple[str, str], dict[str, int]] = {}
    for finding in report.findings:
        counts = table.setdefault((finding.code, finding.rule), {s: 0 for s in SEVERITY_ORDER})
        counts[finding.severity] += 1
    return [(code, name, counts) for (code, name), counts in sorted(table.items())]


def by_lke(report: Report) -> list[tuple[str, dict[str, int]]]:
    """(criterion, counts per severity) for every LKE criterion a finding bears on, in criterion order;
    findings of rules that name none are counted under "" (shown as "no criterion")."""
    table: dict[str, dict[str, int]] = {}
    for finding in report.findings:
        for criterion in finding.lke or ("",):
            counts = table.setdefault(criterion, {s: 0 for s in SEVERITY_ORDER})
            counts[finding.severity] += 1
    order = lambda item: (item[0] == "", [int(p) if p.isdigit() else p for p in item[0].split(".")])  # noqa: E731
    return sorted(table.items(), key=order)


class Row:
    """One row of a plan table: a goal's indicator (or a goal without any), with its findings."""

    __slots__ = ("goal", "indicator", "position", "findings", "first")

    def __init__(self, goal, indicator, position, findings, first):
        self.goal, self.indicator, self.position, self.findings, self.first = goal, indicator, position, findings, first

    @property
    def worst(self) -> str | None:
        return next((s for s in SEVERITY_ORDER if any(f.severity == s for f in self.findings)), None)


# Diagnostics that mean rows of the plan were seen but not read as rows (not a context or a report
# table, which a long document holds by design).
UNPLACED = frozenset({"continuation row before any goal", "table before any table header", "table after the signature block",
                      "row has more cells than the header"})


def reading_doubts(plan, document, lang: str) -> list[str]:
    """Why the reading of a document is unsure, each said in ``lang`` (none: the reading can be taken as
    read): OCR used, no indicator row read, or many rows seen that could not be placed."""
    from ...locale import say

    doubts = []
    if any(d.problem == "read with OCR" for d in plan.diagnostics):
        doubts.append(say("phrase.reading-ocr", lang))
    rows = sum(len(goal.indicators) for goal in document.goals)
    unplaced = sum(d.rows or 1 for d in plan.diagnostics if d.problem in UNPLACED)
    if rows == 0:
        doubts.append(say("phrase.reading-empty", lang))
    elif unplaced >= 3 and unplaced * 5 > rows:
        doubts.append(say("phrase.reading-unplaced", lang, unplaced=unplaced, rows=rows))
    return doubts


def unsure_sentence(doubts: list[str], lang: str) -> str:
    from ...locale import say

    return say("phrase.reading-unsure", lang, reasons="; ".join(doubts)) if doubts else ""


class DocumentView:
    """A document of a plan as the reports show it: its table rows and where each finding lands, and
    why its reading is unsure (``unsure``, empty when it can be taken as read)."""

    def __init__(self, path: str, document, findings: list[Finding], suppressed: list, unsure: str = ""):
        self.path, self.document = path, document
        self.findings, self.suppressed = findings, suppressed
        self.unsure = unsure  # the sentence saying why the reading is unsure, or ""
        self.rows: list[Row] = []
        placed: dict[tuple, list[Finding]] = {}  # (goal, indicator or None) → its findings, in order: one pass, not one per row
        for finding in findings:
            placed.setdefault((finding.location.goal, finding.location.indicator or None), []).append(finding)
        for goal in document.goals:
            goal_level = placed.get((goal.number, None), [])
            if not goal.indicators:
                self.rows.append(Row(goal, None, None, goal_level, True))
            for position, indicator in enumerate(goal.indicators, start=1):
                own = placed.get((goal.number, position), [])
                self.rows.append(Row(goal, indicator, position, (goal_level if position == 1 else []) + own, position == 1))
        self.document_level = [f for f in findings if not f.location.goal]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITY_ORDER}

    def by_goal(self) -> list[tuple[str, str, list[Finding]]]:
        numbered: dict[str | None, list[Finding]] = {}
        for finding in self.findings:
            numbered.setdefault(finding.location.goal, []).append(finding)
        goals = [(g.number, g.text, numbered.get(g.number, [])) for g in self.document.goals]
        return [item for item in goals if item[2]]


def has_unit_column(document) -> bool:
    """The document's table has a Satuan column (its targets' units written beside them: 5022 | Orang)."""
    return any("Satuan" in indicator.extra for goal in document.goals for indicator in goal.indicators)


def computed_capaian(indicator) -> str:
    """An LKj row's capaian as its target and realisation give it, by the indicator's direction (``100,66%``),
    shown beside the one the report writes; "" where it cannot be computed."""
    from ...rules.checks.achievement import computed_achievement

    value = computed_achievement(indicator) if indicator is not None else None
    return "" if value is None else f"{value:.2f}".replace(".", ",") + "%"


def measures(indicator) -> list[str]:
    """An LKj row's measures as the reports show them: realisation, capaian written, capaian computed, category."""
    if indicator is None:
        return ["", "", "", ""]
    return [indicator.realisation.raw if indicator.realisation else "", indicator.achievement.raw if indicator.achievement else "",
            computed_capaian(indicator), indicator.category or ""]


def signed_on(signature, lang: str) -> str:
    """Where and when a document is signed, as it writes the date (``Pontianak, 10 Januari 2023``)."""
    from ...locale import long_date

    if signature is None:
        return ""
    when = (long_date(lang, signature.date.year, signature.date.month, signature.date.day) if signature.date
            else long_date(lang, signature.year, signature.month) if signature.year else "")
    return ", ".join(part for part in (signature.place, when) if part)


def document_views(report: Report) -> list[DocumentView]:
    """Every document of every plan in the report, each with its own findings."""
    views = []
    found: dict[str, list[Finding]] = {}
    accepted: dict[str, list] = {}
    for finding in report.findings:
        found.setdefault(finding.location.path, []).append(finding)
    for item in report.suppressed:
        accepted.setdefault(item.finding.location.path, []).append(item)
    for path, plan in sorted(report.plans.items()):
        mine, set_aside = found.get(path, []), accepted.get(path, [])
        for number, document in enumerate(plan.documents):
            views.append(DocumentView(path, document, [f for f in mine if document_of(plan, f) == number],
                                      [s for s in set_aside if document_of(plan, s.finding) == number],
                                      unsure_sentence(reading_doubts(plan, document, report.lang), report.lang)))
    return views


def document_of(plan, finding: Finding) -> int:
    """Which document of ``plan`` a finding is on: the one of its unit; of two of one unit (an
    RKT and its PK in one file), the last to start before the finding's line."""
    loc = finding.location
    numbers = [n for n, document in enumerate(plan.documents) if document.unit == loc.unit] or [0]
    if len(numbers) > 1 and loc.line is not None:
        started = [n for n in numbers if (plan.documents[n].line or 0) <= loc.line]
        return started[-1] if started else numbers[0]
    return numbers[0]
