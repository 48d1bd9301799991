"""The reviewer's worksheet: a Temuan sheet to send to the unit and take back, a
Ringkasan by document, severity and LKE criterion, then the plan table of each
document. Plan text is always written as text, never as a formula, and the file
is byte-for-byte the same for the same report (fixed timestamps)."""

from __future__ import annotations

import io
import re
import zipfile

from ...findings import Report
from .common import SEVERITY_ORDER, by_lke, by_rule, document_views, measures, place, summary_sentence, words, xml_safe

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED_TIME = "2000-01-01T00:00:00Z"
WIDTHS = (5, 9, 26, 11, 30, 38, 44, 12, 60, 30, 12, 36, 36, 16, 10)
HEADER_ROW = 6


def _put(sheet, row: int, column: int, value) -> None:
    """Write a value; text that a spreadsheet would run as a formula stays text."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = xml_safe(value)
        cell.value = value
        if value.startswith(FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value


def _sheet_title(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", xml_safe(name)).strip()[:31] or "Dokumen"
    title, number = base, 2
    while title.lower() in taken:
        title, number = f"{base[:25]} ({number})", number + 1
    taken.add(title.lower())
    return title


def _document_title(view) -> str:
    """A document's sheet named as a reviewer tells it apart from the set's others: type and year first (a
    sheet's name holds 31 characters, and a unit's name alone is cut to the same prefix for each of its
    documents), then the unit: ``RKT 2023 SEKRETARIAT KPU KOTA P``."""
    from ...sets import TYPE_NAMES

    document = view.document
    when = f"{document.period[0]}-{document.period[1]}" if document.period else str(document.fiscal_year or "")
    parts = [TYPE_NAMES.get(document.document_type or "", ""), when, document.unit or view.path]
    return " ".join(part for part in parts if part)


def _nodes(report: Report) -> dict:
    """(path, unit, goal number) → goal, and with the position → indicator, from the plans read."""
    found: dict = {}
    for path, plan in report.plans.items():
        for document in plan.documents:
            for goal in document.goals:
                found[(path, document.unit, goal.number)] = goal
                for position, indicator in enumerate(goal.indicators, start=1):
                    found[(path, document.unit, goal.number, position)] = indicator
    return found


def render(report: Report, **_) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..worksheet import key_of, resolved

    w = words(report)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    book = Workbook()
    sheet = book.active
    sheet.title = w["findings_sheet"]
    _put(sheet, 1, 1, w["worksheet"])
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    _put(sheet, 2, 1, f"{w['plan_label']}: {', '.join(sorted(report.plans)) or '–'}")
    _put(sheet, 3, 1, f"{w['ruleset_label']}: {report.ruleset or '–'} · {w['version_label']}: rkt-rules {report.tool_version}"
                      f" · {w['date_label']}: {report.date or '–'}")
    _put(sheet, 4, 1, summary_sentence(report))
    columns = w["columns"]
    for column, name in enumerate(columns, start=1):
        _put(sheet, HEADER_ROW, column, name)
        sheet.cell(HEADER_ROW, column).font = bold
    grounds = {rule.code: rule.spec.grounds() for rule in report.rules}
    nodes = _nodes(report)
    statuses = w["statuses"]
    row = HEADER_ROW
    seen: dict[str, int] = {}
    for number, finding in enumerate(report.findings, start=1):
        row += 1
        loc = finding.location
        goal = nodes.get((loc.path, loc.unit, loc.goal)) if loc.goal else None
        indicator = nodes.get((loc.path, loc.unit, loc.goal, loc.indicator)) if loc.indicator else None
        key = key_of(finding)
        answers = report.answers.get(key, [])
        answer = answers[seen.get(key, 0)] if seen.get(key, 0) < len(answers) else None
        seen[key] = seen.get(key, 0) + 1
        values = [number, finding.code, finding.rule, w[finding.severity], f"{loc.unit or ''} ({place(finding, report.lang)})".strip(),
                  f"{goal.number}. {goal.text}" if goal else (loc.goal or ""), indicator.text if indicator else "",
                  indicator.target.raw if indicator else "", finding.message, grounds.get(finding.code, ""), ", ".join(finding.lke),
                  answer.response if answer else "", answer.follow_up if answer else "",
                  answer.status if answer and answer.status else statuses[0], key]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
            sheet.cell(row, column).alignment = wrap
    last = len(columns)
    letters = [sheet.cell(HEADER_ROW, c).column_letter for c in range(1, last + 1)]
    status_letter = letters[columns.index("Status")]
    validation = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"', allow_blank=True)
    sheet.add_data_validation(validation)
    validation.add(f"{status_letter}{HEADER_ROW + 1}:{status_letter}{max(row, HEADER_ROW + 1) + 500}")
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{letters[-1]}{max(row, HEADER_ROW + 1)}"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for letter, width in zip(letters, WIDTHS):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions[letters[-1]].hidden = True  # the key: how a returned worksheet finds its findings again
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    taken = {sheet.title.lower()}
    _summary(book.create_sheet(_sheet_title(w["summary_sheet"], taken)), report, w, bold)
    gone = resolved(report.answers, report.findings) if report.answers else []
    if gone:
        done = book.create_sheet(_sheet_title(w["resolved_sheet"], taken))
        _put(done, 1, 1, w["resolved_note"])
        done.cell(1, 1).font = bold
        for column, name in enumerate((columns[1], columns[8], columns[11], columns[12], columns[13], columns[14]), start=1):
            _put(done, 3, column, name)
            done.cell(3, column).font = bold
        for index, (key, answer) in enumerate(gone, start=4):
            for column, value in enumerate((answer.code, answer.message, answer.response, answer.follow_up, answer.status, key), start=1):
                _put(done, index, column, value)
    _plan_sheets(book, report, w, bold, wrap, taken)
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic(buffer.getvalue())


def _summary(sheet, report: Report, w: dict, bold) -> None:
    """Counts by document, by severity and by LKE criterion: what a reviewer's memo quotes."""
    _put(sheet, 1, 1, summary_sentence(report))
    sheet.cell(1, 1).font = bold
    row = 3

    def table(title: str, rows: list[tuple[str, dict[str, int]]]) -> None:
        nonlocal row
        _put(sheet, row, 1, title)
        sheet.cell(row, 1).font = bold
        for column, severity in enumerate(SEVERITY_ORDER, start=2):
            _put(sheet, row, column, w[severity])
            sheet.cell(row, column).font = bold
        _put(sheet, row, len(SEVERITY_ORDER) + 2, w["total"])
        for label, counts in rows:
            row += 1
            _put(sheet, row, 1, label)
            for column, severity in enumerate(SEVERITY_ORDER, start=2):
                _put(sheet, row, column, counts[severity])
            _put(sheet, row, len(SEVERITY_ORDER) + 2, sum(counts.values()))
        row += 2

    table(w["by_document"], [(f"{view.document.unit or '–'} ({view.path})", view.counts()) for view in document_views(report)])
    totals = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_ORDER}
    table(w["by_severity"], [(w["total"], totals)])
    table(w["lke"], [(criterion or w["no_lke"], counts) for criterion, counts in by_lke(report)])
    table(w["rule"], [(f"{code} {name}", counts) for code, name, counts in by_rule(report)])
    sheet.column_dimensions["A"].width = 60


def _plan_sheets(book, report: Report, w: dict, bold, wrap, taken: set[str]) -> None:
    """A sheet per document with a row per indicator: the plan as read, with its findings beside it."""
    headers = [w["no"], w["goal"], w["indicator"], w["target"], w["severity"], w["findings"]]
    for view in document_views(report):
        sheet = book.create_sheet(_sheet_title(_document_title(view), taken))
        _put(sheet, 1, 1, f"{view.document.unit or ''} — {view.path}")
        sheet.cell(1, 1).font = bold
        if view.unsure:  # said above the table the reviewer sends, so the unit reads it too
            _put(sheet, 2, 1, view.unsure)
            sheet.cell(2, 1).font = bold
        for column, header in enumerate(headers, start=1):
            _put(sheet, 3, column, header)
            sheet.cell(3, column).font = bold
        row = 4
        for finding in view.document_level:
            _put(sheet, row, 5, w[finding.severity])
            _put(sheet, row, 6, f"{finding.code} {finding.rule}: {finding.message}")
            row += 1
        lkj = view.document.document_type == "lkj"
        if lkj:  # an LKj's measures after the plan's columns, so a plan's sheet keeps its layout
            for column, header in enumerate((w["realisation"], w["achievement_written"], w["achievement_computed"], w["category"]), start=7):
                _put(sheet, 3, column, header)
                sheet.cell(3, column).font = bold
        for item in view.rows:
            _put(sheet, row, 1, item.goal.number)
            _put(sheet, row, 2, item.goal.text)
            _put(sheet, row, 3, item.indicator.text if item.indicator else "")
            _put(sheet, row, 4, item.indicator.target.raw if item.indicator else "")
            _put(sheet, row, 5, w[item.worst] if item.worst else "")
            _put(sheet, row, 6, "\n".join(f"{f.code} {f.rule}: {f.message}" for f in item.findings))
            for column, value in enumerate(measures(item.indicator) if lkj else (), start=7):
                _put(sheet, row, column, value)
            for column in range(1, 11 if lkj else 7):
                sheet.cell(row, column).alignment = wrap
            row += 1
        for letter, width in zip("ABCDEF", (6, 40, 48, 12, 10, 70)):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A4"
    if report.suppressed:
        sheet = book.create_sheet(_sheet_title(w["suppressed"].capitalize(), taken))
        for row_number, kept in enumerate(report.suppressed, start=1):
            _put(sheet, row_number, 1, f"{kept.finding.code} {kept.finding.message}")
            _put(sheet, row_number, 2, kept.reason)


def _deterministic(data: bytes) -> bytes:
    """Same report, same bytes: fixed document timestamps and zip entry times."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + FIXED_TIME.encode() + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, content)
    return out.getvalue()

