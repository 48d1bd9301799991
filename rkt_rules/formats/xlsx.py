"""An evaluator's worksheet: an overview sheet, then a sheet per document with a
row per indicator. Plan text is always written as text, never as a formula, and
the file is byte-for-byte the same for the same report (fixed timestamps)."""

from __future__ import annotations

import io
import re
import zipfile

from ..findings import Report
from .common import SEVERITY_ORDER, by_rule, document_views, summary_sentence, words, xml_safe

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED_TIME = "2000-01-01T00:00:00Z"


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
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Dokumen"
    title, number = base, 2
    while title.lower() in taken:
        title, number = f"{base[:25]} ({number})", number + 1
    taken.add(title.lower())
    return title


def render(report: Report, **_) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    w = words(report)
    book = Workbook()
    overview = book.active
    overview.title = w["overview"]
    bold = Font(bold=True)
    _put(overview, 1, 1, summary_sentence(report))
    overview.cell(1, 1).font = bold
    _put(overview, 3, 1, w["rule"])
    for column, severity in enumerate(SEVERITY_ORDER, start=2):
        _put(overview, 3, column, w[severity])
    for row, (code, name, counts) in enumerate(by_rule(report), start=4):
        _put(overview, row, 1, f"{code} {name}")
        for column, severity in enumerate(SEVERITY_ORDER, start=2):
            _put(overview, row, column, counts[severity])
    overview.column_dimensions["A"].width = 48

    taken = {overview.title.lower()}
    wrap = Alignment(wrap_text=True, vertical="top")
    headers = [w["no"], w["goal"], w["indicator"], w["target"], w["severity"], w["findings"]]
    for view in document_views(report):
        sheet = book.create_sheet(_sheet_title(view.document.unit or view.path, taken))
        _put(sheet, 1, 1, f"{view.document.unit or ''} — {view.path}")
        sheet.cell(1, 1).font = bold
        for column, header in enumerate(headers, start=1):
            _put(sheet, 3, column, header)
            sheet.cell(3, column).font = bold
        row = 4
        for finding in view.document_level:
            _put(sheet, row, 5, finding.severity)
            _put(sheet, row, 6, f"{finding.code} {finding.rule}: {finding.message}")
            row += 1
        for item in view.rows:
            _put(sheet, row, 1, item.goal.number)
            _put(sheet, row, 2, item.goal.text)
            _put(sheet, row, 3, item.indicator.text if item.indicator else "")
            _put(sheet, row, 4, item.indicator.target.raw if item.indicator else "")
            _put(sheet, row, 5, item.worst or "")
            _put(sheet, row, 6, "\n".join(f"{f.code} {f.rule}: {f.message}" for f in item.findings))
            for column in range(1, 7):
                sheet.cell(row, column).alignment = wrap
            row += 1
        for letter, width in zip("ABCDEF", (6, 40, 48, 12, 10, 70)):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A4"
    if report.suppressed:
        sheet = book.create_sheet(_sheet_title(w["suppressed"].capitalize(), taken))
        for row, item in enumerate(report.suppressed, start=1):
            _put(sheet, row, 1, f"{item.finding.code} {item.finding.message}")
            _put(sheet, row, 2, item.reason)
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic(buffer.getvalue())


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
