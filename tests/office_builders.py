"""Real office files made from a plan, for reader tests: DOCX (python-docx), XLSX
(openpyxl) and PDF (reportlab: ruled tables over several pages, headers
repeated, Sasaran cells merged over their indicators)."""

from __future__ import annotations

import io

from rkt_rules.model import Plan

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember")
HEADER = ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"]


def _date(d) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _rows(document):
    """(goal, first?, indicator) per table row, and the row span of each goal."""
    for goal in document.goals:
        for index, indicator in enumerate(goal.indicators or [None]):
            yield goal, index == 0, indicator


def build_xlsx(plan: Plan) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for number, document in enumerate(plan.documents, start=1):
        sheet = book.create_sheet("KPU" if document.kind == "kpu" else "Sekretariat")
        sheet.append([document.title])
        sheet.append([])
        sheet.append(["Nama/Unit Organisasi", f": {document.unit}"])
        sheet.append(["Tahun Anggaran", f": {document.fiscal_year}"])
        sheet.append([])
        sheet.append(HEADER)
        sheet.append(["(1)", "(2)", "(3)", "(4)"])
        merges = []
        for goal, first, indicator in _rows(document):
            raw = indicator.target.raw if indicator else ""
            row = sheet.max_row + 1
            sheet.append([int(goal.number) if first else None, goal.text if first else None, indicator.text if indicator else None, None])
            cell = sheet.cell(row, 4)
            if raw.endswith("%") and raw[:-1].isdigit():
                cell.value, cell.number_format = int(raw[:-1]) / 100, "0%"   # a percentage stored as a number
            elif raw.isdigit():
                cell.value = int(raw)                                           # a number stored as a number
            else:
                cell.value = raw or None                                        # text as text ("B", "2 Lap", "3,4")
            if first and len(goal.indicators) > 1:
                merges += [(row, column, row + len(goal.indicators) - 1) for column in (1, 2)]
        for start, column, end in merges:  # merged after the rows exist: merging ahead would push rows down
            sheet.merge_cells(start_row=start, start_column=column, end_row=end, end_column=column)
        sheet.append([])
        sig = document.signature
        sheet.append([f"{sig.place}, {_date(sig.date)}"])
        sheet.append([sig.role])
        sheet.append([])
        sheet.append([sig.name])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def build_docx(plan: Plan) -> bytes:
    import docx

    document_file = docx.Document()
    for number, document in enumerate(plan.documents):
        if number:
            document_file.add_page_break()
        document_file.add_paragraph(document.title)
        document_file.add_paragraph(f"Nama/Unit Organisasi : {document.unit}")
        document_file.add_paragraph(f"Tahun Anggaran : {document.fiscal_year}")
        rows = list(_rows(document))
        table = document_file.add_table(rows=2 + len(rows), cols=4)
        table.style = "Table Grid"
        for column, text in enumerate(HEADER):
            table.cell(0, column).text = text
            table.cell(1, column).text = f"({column + 1})"
        for index, (goal, first, indicator) in enumerate(rows, start=2):
            if first:
                table.cell(index, 0).text = goal.number
                table.cell(index, 1).text = goal.text
                if len(goal.indicators) > 1:
                    last = index + len(goal.indicators) - 1
                    table.cell(index, 0).merge(table.cell(last, 0))
                    table.cell(index, 1).merge(table.cell(last, 1))
            table.cell(index, 2).text = indicator.text if indicator else ""
            table.cell(index, 3).text = indicator.target.raw if indicator else ""
        sig = document.signature
        for text in ("", f"{sig.place}, {_date(sig.date)}", sig.role, "", "", sig.name):
            document_file.add_paragraph(text)
    out = io.BytesIO()
    document_file.save(out)
    return out.getvalue()


def build_pdf(plan: Plan, encrypt: str | None = None, ruled: bool = True) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story = []
    for number, document in enumerate(plan.documents):
        if number:
            story.append(PageBreak())
        story += [Paragraph(document.title, styles["Heading2"]),
                  Paragraph(f"Nama/Unit Organisasi : {document.unit}", body),
                  Paragraph(f"Tahun Anggaran : {document.fiscal_year}", body), Spacer(1, 12)]
        data = [HEADER, ["(1)", "(2)", "(3)", "(4)"]]
        spans = []
        for goal, first, indicator in _rows(document):
            row = len(data)
            data.append([goal.number if first else "", Paragraph(goal.text, body) if first else "",
                         Paragraph(indicator.text, body) if indicator else "", Paragraph(indicator.target.raw, body) if indicator else ""])
            if first and len(goal.indicators) > 1:
                last = row + len(goal.indicators) - 1
                spans += [("SPAN", (0, row), (0, last)), ("SPAN", (1, row), (1, last))]
        table = Table(data, colWidths=[30, 190, 230, 55], repeatRows=1)
        grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else []
        table.setStyle(TableStyle([*grid, ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]))
        sig = document.signature
        story += [table, Spacer(1, 18), Paragraph(f"{sig.place}, {_date(sig.date)}", body), Paragraph(sig.role, body),
                  Spacer(1, 36), Paragraph(sig.name, body)]
    out = io.BytesIO()
    kwargs = {"encrypt": encrypt} if encrypt else {}
    SimpleDocTemplate(out, pagesize=A4, invariant=1, **kwargs).build(story)
    return out.getvalue()


def build_scanned_pdf() -> bytes:
    """A page with shapes and no text layer, as a scanner makes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=1)
    for y in range(100, 700, 40):
        page.rect(60, y, 470, 30, stroke=1, fill=0)
    page.save()
    return out.getvalue()
