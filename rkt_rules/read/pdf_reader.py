"""Reader for plans published as PDF (pdfplumber).

Ruled tables are found on each page; their rows and the text lines around them
are put in reading order by their position on the page and handed to the shared
recogniser, each with its page and table. A cell merged over several rows or
columns comes out empty in all but its first (pdfplumber gives None), which
marks it covered; a cell wrapped over several lines is joined with single
spaces and keeps its lines for signature blocks. A tall gap between two text
lines (the space left for a signature) is kept as a blank line, and a line that
is only a page number is dropped. A PDF with no ruled table is read from its
word positions (pdf_text_tables.py); one with no text at all is a scan.
"""

from __future__ import annotations

import io

from ..errors import PlanError
from ..model import Diagnostic, Plan
from .recognise import recognise
from .recognise.blocks import Row, Text, clean
from .limits import current as limits
from .office import no_text
from .pdf_lines import items_of, lines_of



def read_pdf(data: bytes, path: str) -> Plan:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except Exception as error:  # pdfminer raises many types on broken files
        causes = [error, *error.args, error.__context__]  # pdfplumber wraps pdfminer's error
        name = type(error).__name__
        if any("Password" in type(c).__name__ or "Encrypt" in type(c).__name__ for c in causes if c is not None):
            raise PlanError("pdf-encrypted", path=path) from None
        raise PlanError("not-readable-pdf", path=path, reason=f"{name}: {error}") from None
    try:
        if not any(page.chars for page in pages):
            return _scanned(data, path)
        items: list = []
        ruled = any(page.find_tables() for page in pages)
        grids = [0]
        for number, page in enumerate(pages, start=1):
            items += (_page if ruled else _unruled_page)(page, number, grids)
        if not any(isinstance(item, Row) or item.text.strip() for item in items):
            raise no_text(path)
        return recognise(items, path, limits().max_rows)
    except PlanError:
        raise
    except Exception as error:
        raise PlanError("not-readable-pdf", path=path, reason=f"{type(error).__name__}: {error}") from None
    finally:
        pdf.close()


def _scanned(data: bytes, path: str) -> Plan:
    """A PDF with no text layer: its pages read by OCR, then as any PDF page read from its words."""
    from .ocr import page_words

    items: list = []
    grids = [0]
    read = []
    for number, (words, confidence) in enumerate(page_words(data, path), start=1):
        items += words_page(words, number, grids, f"page {number} (OCR)")
        read.append((number, confidence))
    if not any(isinstance(item, Row) or item.text.strip() for item in items):
        raise no_text(path)
    plan = recognise(items, path, limits().max_rows)
    pages = ", ".join(str(number) for number, _ in read)
    mean = round(sum(confidence for _, confidence in read) / max(1, len(read)))
    note = Diagnostic.model_construct(line=None, cell="page 1 (OCR)", problem="read with OCR", text=f"{pages} ({mean}%)", rows=len(read))
    return plan.model_copy(update={"diagnostics": (note, *plan.diagnostics)})


def _page(page, number: int, grids: list[int]) -> list:
    tables = _leaf_tables(page.find_tables())
    placed: list[tuple[float, int, Row | Text]] = []  # (top, order, item)
    for t, table in enumerate(tables, start=1):
        grids[0] += 1
        grid = grids[0]
        for r, (row, cells) in enumerate(zip(table.rows, table.extract()), start=1):
            origin = f"page {number}, table {t}, row {r}"
            placed.append((row.bbox[1], 1, Row([clean(c) for c in cells], grid, None, origin, None,
                                               [tuple((c or "").split("\n")) for c in cells], [c is None for c in cells])))
    boxes = [table.bbox for table in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    words = page.filter(outside).extract_words(keep_blank_chars=False, x_tolerance=2, y_tolerance=2)
    spans = [(box[1], box[3]) for box in boxes]
    for top, item in items_of(lines_of(words), number, grids):
        # text beside a table (a side note on a slide) comes after the table, never between its rows
        beside = next((bottom for start, bottom in spans if start < top < bottom), None)
        placed.append((top if beside is None else beside + 0.5, 0, item))
    items = [item for _, _, item in sorted(placed, key=lambda p: (round(p[0], 1), p[1]))]
    return items + [Text("", None, f"page {number}")]


def _leaf_tables(tables: list) -> list:
    """The tables that hold the content: a frame drawn around other tables (a slide's box, a page border)
    is left out, its text read from the tables inside it; a table with no text in any cell is no table."""
    def inside(inner, outer) -> bool:
        return inner is not outer and inner.bbox[0] >= outer.bbox[0] - 1 and inner.bbox[1] >= outer.bbox[1] - 1 \
            and inner.bbox[2] <= outer.bbox[2] + 1 and inner.bbox[3] <= outer.bbox[3] + 1
    filled = [table for table in tables if any((cell or "").strip() for row in table.extract() for cell in row)]
    return [table for table in filled if not any(inside(other, table) for other in filled)]


def _unruled_page(page, number: int, grids: list[int]) -> list:
    return words_page(page.extract_words(keep_blank_chars=False), number, grids)


def words_page(words: list[dict], number: int, grids: list[int], where: str | None = None) -> list:
    """A page known by its words alone (no ruled table, or read by OCR): tables found by their header's
    columns (pdf_text_tables.py), the rest as text lines and side-by-side cells (pdf_lines.py)."""
    from .pdf_text_tables import page_items

    label = where or f"page {number}"
    items: list[Row | Text] = []
    grids[0] += 1
    table_grid = grids[0]
    pending: list[list[dict]] = []

    def flush() -> None:
        items.extend(item for _, item in items_of(pending, number, grids, label))
        pending.clear()

    for index, (kind, payload) in enumerate(page_items(words), start=1):
        if kind == "row":
            flush()
            items.append(Row(list(payload), table_grid, None, f"{label}, line {index}"))
        else:
            pending.append(payload)
    flush()
    return items + [Text("", None, label)]
