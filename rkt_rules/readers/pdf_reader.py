"""Reader for RKTs published as PDF (pdfplumber).

Ruled tables are found on each page; rows and the text around them are put in
reading order by their position on the page, so labels come before the table
and the signature after it. A table running over several pages repeats its
header, which the text reader skips; a cell wrapped over several lines is
joined with single spaces; a merged Sasaran cell leaves the rows below it
empty in that column, which is a continuation row. A PDF with no ruled table
falls back to its text layout: columns are taken from the header row's words
(pdf_text_tables.py). One with no text at all is a scan.
"""

from __future__ import annotations

import io

from ..errors import PlanError
from ..model import Plan
from .office import Layout

def read_pdf(data: bytes, path: str) -> Plan:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except Exception as error:  # pdfminer raises many types on broken files
        causes = [error, *error.args, error.__context__]  # pdfplumber wraps pdfminer's error
        name = type(error).__name__
        if any("Password" in type(c).__name__ or "Encrypt" in type(c).__name__ for c in causes if c is not None):
            raise PlanError("the PDF is encrypted; save an unprotected copy first", path=path) from None
        raise PlanError(f"not a readable PDF ({name}: {error})", path=path) from None
    try:
        if not any(page.chars for page in pages):
            raise PlanError("the PDF has no text layer (a scan?); run OCR on it first", path=path)
        layout = Layout(path)
        ruled = any(page.find_tables() for page in pages)
        for number, page in enumerate(pages, start=1):
            (_page if ruled else _unruled_page)(layout, page, number)
        return layout.plan()
    except PlanError:
        raise
    except Exception as error:
        raise PlanError(f"not a readable PDF ({type(error).__name__}: {error})", path=path) from None
    finally:
        pdf.close()


def _page(layout: Layout, page, number: int) -> None:
    tables = page.find_tables()
    items = []  # (top, order, kind, payload, origin)
    for t, table in enumerate(tables, start=1):
        rows = table.extract()
        for r, (row, cells) in enumerate(zip(table.rows, rows), start=1):
            items.append((row.bbox[1], 1, "row", cells, f"page {number}, table {t}, row {r}"))
    boxes = [table.bbox for table in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    for line in page.filter(outside).extract_text_lines():
        items.append((line["top"], 0, "text", line["text"], f"page {number}"))
    for _, _, kind, payload, origin in sorted(items, key=lambda item: (round(item[0], 1), item[1])):
        if kind == "row":
            layout.row([cell or "" for cell in payload], origin, [origin] * len(payload))
        else:
            layout.text(payload, origin)
    layout.blank()


def _unruled_page(layout: Layout, page, number: int) -> None:
    from .pdf_text_tables import page_items

    for index, (kind, payload) in enumerate(page_items(page), start=1):
        if kind == "row":
            origin = f"page {number}, line {index}"
            layout.row(payload, origin, [origin] * len(payload))
        else:
            layout.text(payload, f"page {number}")
    layout.blank()
