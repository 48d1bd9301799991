"""Reader for plans published as PDF (pdfplumber).

Ruled tables are found on each page; their rows and the text lines around them
are put in reading order by their position on the page and handed to the shared
recogniser, each with its page and table. A cell merged over several rows or
columns comes out empty in all but its first (pdfplumber gives None), which
marks it covered; a cell wrapped over several lines is joined with single
spaces and keeps its lines for signature blocks. A tall gap between two text
lines (the space left for a signature) is kept as a blank line, and a line that
is only a page number is dropped. A PDF with no ruled table is read from its
word positions (pdf_text_tables.py); one with no text at all is a scan, read by
OCR (ocr.py), its tables built from the ruling lines found in its pixels
(scan_rules.py) by the same table finder, their cells filled with the OCR'd words.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..errors import PlanError
from ..model import Diagnostic, Plan
from . import upright
from .recognise import recognise
from .recognise.blocks import Row, Text, clean
from .limits import current as limits
from .office import no_text
from .pdf_lines import items_of, lines_of
from .pdf_streams import check_inflation

if TYPE_CHECKING:
    from .ocr import ScanPage
    from .recognise.header import Header

SCAN_SNAP = 4.0  # points: the pieces of one scanned line, stepped by the page's skew, are one line


def read_pdf(data: bytes, path: str) -> Plan:
    import logging

    import pdfplumber

    # pdfminer logs what it tolerates in a file (a font without its box, a damaged stream) on stderr:
    # lines that break the one line a run prints per unreadable file. What matters is said as a diagnostic.
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)

    check_inflation(data, path)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
        needed = upright.turns(pages)
        if needed:  # text running sideways or upside down: read a copy with those pages turned upright
            pdf.close()
            pdf = pdfplumber.open(io.BytesIO(upright.turned(data, needed)))
            pages = list(pdf.pages)
    except Exception as error:  # pdfminer raises many types on broken files
        causes = [error, *error.args, error.__context__]  # pdfplumber wraps pdfminer's error
        name = type(error).__name__
        if any("Password" in type(c).__name__ or "Encrypt" in type(c).__name__ for c in causes if c is not None):
            raise PlanError("pdf-encrypted", path=path) from None
        raise PlanError("not-readable-pdf", path=path, reason=f"{name}: {error}") from None
    try:
        if not any(page.chars for page in pages):
            return _scanned(data, path, pages)
        items: list = []
        ruled = any(_ruled_tables(page) for page in pages)
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


def _scanned(data: bytes, path: str, pages: list) -> Plan:
    """A PDF with no text layer: its pages read by OCR, then as any PDF page, its tables from the ruling
    lines found in its image (scan_rules.py) and the rest from its words."""
    from .ocr import page_words

    items: list = []
    grids = [0]
    read = []
    for number, scan in enumerate(page_words(data, path), start=1):
        label = f"page {number} (OCR)"
        tables = _drawn_tables(pages[number - 1], scan) if number <= len(pages) else []
        if tables:
            outside = [w for w in scan.words if not _within(w, [table.bbox for table, _ in tables])]
            items += _grid_page(tables, outside, number, grids, label)
        else:
            items += words_page(scan.words, number, grids, label)
        read.append((number, scan.confidence))
    if not any(isinstance(item, Row) or item.text.strip() for item in items):
        raise no_text(path)
    plan = recognise(items, path, limits().max_rows)
    numbers = ", ".join(str(number) for number, _ in read)
    mean = round(sum(confidence for _, confidence in read) / max(1, len(read)))
    note = Diagnostic.model_construct(line=None, cell="page 1 (OCR)", problem="read with OCR", text=f"{numbers} ({mean}%)", rows=len(read))
    return plan.model_copy(update={"diagnostics": (note, *plan.diagnostics)})


def _page(page, number: int, grids: list[int]) -> list:
    tables = _leaf_tables([(table, table.extract()) for table in _ruled_tables(page)])
    boxes = [table.bbox for table, _ in tables]

    def outside(obj) -> bool:
        return not _within(obj, boxes)

    words = page.filter(outside).extract_words(keep_blank_chars=False, x_tolerance=2, y_tolerance=2)
    for table, extracted in tables:
        _loose_text(page, table, extracted, _column_starts(table))
    return _grid_page(tables, words, number, grids, f"page {number}", float(page.height))


def _within(obj: dict, boxes: list) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _drawn_tables(page, scan: ScanPage) -> list[tuple]:
    """The tables a scanned page's ruling lines draw, each with its cells' text from the OCR'd words."""
    from . import scan_rules

    edges = scan.edges
    lines = {"v": [e for e in edges if e["orientation"] == "v"], "h": [e for e in edges if e["orientation"] == "h"]}
    if len(lines["v"]) < 2 or len(lines["h"]) < 2:
        return []
    # A scanned line drifts with the page's skew: its pieces are snapped together within SCAN_SNAP points, and
    # lines meet within a piece of a line (a speck near a corner leaves a stub too short to be found).
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit", "snap_tolerance": SCAN_SNAP,
                "join_tolerance": scan_rules.PIECE, "intersection_tolerance": scan_rules.PIECE,
                "explicit_vertical_lines": lines["v"], "explicit_horizontal_lines": lines["h"]}
    return _leaf_tables([(table, _cell_texts(table, scan)) for table in page.find_tables(settings)])


def _cell_texts(table, scan: ScanPage) -> list[list[str | None]]:
    """A table's cells as pdfplumber's extract() gives them, from words read by OCR: each cell's words
    by their centres, line by line; a cell left empty with ink in it read again alone (ocr.cell_words)."""
    from .ocr import cell_words

    words = scan.words
    out = []
    for row in table.rows:
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            inside = [w for w in words if _within(w, [cell])] or cell_words(scan, cell)
            cells.append("\n".join(" ".join(w["text"] for w in line) for line in lines_of(inside)))
        out.append(cells)
    return out


def _grid_page(tables: list[tuple], words: list[dict], number: int, grids: list[int], label: str,
               height: float | None = None) -> list:
    """A page's items: its ruled tables' rows (each table with its cells' text) and the words outside
    them, in reading order."""
    placed: list[tuple[float, int, Row | Text]] = []  # (top, order, item)
    boxes = [table.bbox for table, _ in tables]
    taken: set[int] = set()
    for t, (table, extracted) in enumerate(tables, start=1):
        grids[0] += 1
        grid = grids[0]
        starts = _column_starts(table)
        for r, (row, cells) in enumerate(zip(table.rows, extracted), start=1):
            origin = f"{label}, table {t}, row {r}"
            placed.append((row.bbox[1], 1, Row([clean(c) for c in cells], grid, None, origin, None,
                                               [tuple((c or "").split("\n")) for c in cells], _spanned(row.cells, starts))))
        header = _header_only(extracted)
        if header is not None:  # the body under the ruled header, read by its columns
            limit = min([box[1] for box in boxes if box[1] > table.bbox[3] + 1] or [height or float("inf")])
            body, used = _body_below(table, header, [w for w in words if id(w) not in taken], limit)
            taken |= used
            for r, cells in enumerate(body, start=1):
                placed.append((table.bbox[3] + r * 0.01, 1, Row(cells, grid, None, f"{label}, table {t}, body row {r}")))
    words = [w for w in words if id(w) not in taken]
    spans = [(box[1], box[3]) for box in boxes]
    for top, item in word_items(words, number, grids, label):
        # text beside a table (a side note on a slide) comes after the table, never between its rows
        beside = next((bottom for start, bottom in spans if start < top < bottom), None)
        placed.append((top if beside is None else beside + 0.5, 0, item))
    items = [item for _, _, item in sorted(placed, key=lambda p: (round(p[0], 1), p[1]))]
    return items + [Text("", None, label)]


def _loose_text(page, table, extracted: list[list[str | None]], starts: list[float] | None) -> None:
    """Text inside a ruled table that no cell holds, put in the row and column it lies in. A cell merged
    down to the page's end has no rule under it, so pdfplumber makes no cell of it and its text (a goal
    spanning the rows of its indicators, going on over the page) would be lost."""
    if starts is None or not any(cell is None for row in table.rows for cell in row.cells):
        return
    from bisect import bisect_right

    x0, top, x1, bottom = table.bbox
    by_column: list[list[tuple]] = [[] for _ in starts]
    for row in table.rows:
        for cell in row.cells:
            if cell is not None:
                first, last = bisect_right(starts, cell[0] + 1) - 1, bisect_right(starts, cell[2] - 1) - 1
                for column in range(max(first, 0), last + 1):
                    by_column[column].append(cell)

    def loose(obj) -> bool:
        if obj.get("object_type") != "char":
            return False
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        if not (x0 < x < x1 and top < y < bottom):
            return False
        column = bisect_right(starts, x) - 1
        return column >= 0 and not any(c[0] <= x <= c[2] and c[1] <= y <= c[3] for c in by_column[column])

    rows = [row.bbox for row in table.rows]
    for word in page.filter(loose).extract_words(keep_blank_chars=False, x_tolerance=2, y_tolerance=2):
        y = (word["top"] + word["bottom"]) / 2
        c = bisect_right(starts, (word["x0"] + word["x1"]) / 2) - 1
        if not 0 <= c < len(starts):
            continue
        # the unruled cell starts under the last ruled cell of its column: its text is that row's
        above = max((cell[3] for cell in by_column[c] if cell[3] <= y), default=top)
        r = next((index for index, box in enumerate(rows) if box[1] >= above - 1), None)
        if r is not None and c < len(extracted[r]) and table.rows[r].cells[c] is None:
            extracted[r][c] = f"{extracted[r][c] or ''}\n{word['text']}".lstrip("\n")


def _column_starts(table) -> list[float] | None:
    """Where each column of a ruled table starts: the distinct left edges of its cells, or None if they
    are not one per column."""
    edges: list[float] = []
    for x in sorted(cell[0] for row in table.rows for cell in row.cells if cell is not None):
        if not edges or x - edges[-1] > 1:
            edges.append(x)
    width = max((len(row.cells) for row in table.rows), default=0)
    return edges if len(edges) == width else None


def _spanned(cells: list, starts: list[float] | None) -> list[bool]:
    """Which cells of a row are covered by the cell left of them (a header spanning its years). A cell
    covered from above (a header cell spanning rows) is empty but not spanned: its left neighbour's text
    is not its own. Without column edges, every covered cell counts as spanned."""
    if starts is None:
        return [cell is None for cell in cells]
    out, reach = [], float("-inf")
    for index, cell in enumerate(cells):
        if cell is not None:
            reach = cell[2]
            out.append(False)
        else:
            out.append(index < len(starts) and reach > starts[index] + 1)
    return out


def _ruled_tables(page) -> list:
    """The page's tables as its ruling draws them. A filled area that is no line (a cell's or a text
    line's shading) draws no cell border: a table shaded line by line would otherwise be cut into
    one row per line of text."""
    def ruling(obj) -> bool:
        return obj.get("object_type") != "rect" or bool(obj.get("stroke")) or min(obj["width"], obj["height"]) < 3
    return page.filter(ruling).find_tables()


def _leaf_tables(tables: list[tuple]) -> list[tuple]:
    """The (table, cells) pairs that hold the content. A frame drawn around other tables (a slide's box, a page border)
    is left out, its text read from the tables inside it; a fragment found inside a table (a header
    cell's own box) is left out, its text read with its table's; a table with no text is no table."""
    def inside(inner, outer) -> bool:
        return inner is not outer and inner.bbox[0] >= outer.bbox[0] - 1 and inner.bbox[1] >= outer.bbox[1] - 1 \
            and inner.bbox[2] <= outer.bbox[2] + 1 and inner.bbox[3] <= outer.bbox[3] + 1

    def area(table) -> float:
        x0, top, x1, bottom = table.bbox
        return max(1.0, (x1 - x0) * (bottom - top))

    filled = [(table, cells) for table, cells in tables if any((cell or "").strip() for row in cells for cell in row)]
    keep = []
    for table, cells in filled:
        inner = [other for other, _ in filled if inside(other, table)]
        if inner and sum(area(other) for other in inner) >= 0.3 * area(table):
            continue  # a frame around tables
        if any(inside(table, other) and area(table) < 0.3 * area(other) for other, _ in filled):
            continue  # a fragment of a table
        keep.append((table, cells))
    return keep


def _header_only(rows: list[list[str | None]]):
    """The header a ruled table is, when it holds nothing else (its body is printed below it without
    ruling lines, as many Renstra and Renja matrices are): the header folded, or None."""
    from .recognise.header import fold, header_of, is_column_numbers, is_subheader, spread

    header: Header | None = None
    top: Header | None = None
    for raw in rows:
        cells = [clean(c) for c in raw]
        merged = [c is None for c in raw]
        if not any(cells):
            continue
        if header is None:
            header = header_of(tuple(spread(cells, merged)))
            if header is None or header.kind != "indicators":
                return None
            top = header
            continue
        above = [column.name for column in top.columns] if top else []
        if is_column_numbers(cells):
            continue
        if top and is_subheader(cells, above, merged):
            header = fold(top, above, cells, merged)
            continue
        return None  # a data row: the table holds its body
    return header


def _table_stretch(words: list[dict], start: float) -> list[dict]:
    """The words of a table's body: from under its header to the first gap taller than a row's, a place
    and date (a signature block), or a title."""
    from .recognise.identity import title_of
    from .recognise.signatures import date_line

    kept: list[dict] = []
    last = start
    for line in lines_of(words):
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        text = " ".join(w["text"] for w in line)
        if top - last > max(14.0, 2.5 * (bottom - top)) or date_line(text) or title_of(text):
            break
        kept += line
        last = max(last, bottom)
    return kept


def _body_below(table, header, words: list[dict], limit: float) -> tuple[list[list[str]], set[int]]:
    """The rows printed under a header-only table, read from their words by the header's columns."""
    from .pdf_text_tables import anchored_rows

    width = len(header.columns)
    bounds: list[tuple[float, float] | None] = [None] * width
    for row in table.rows:
        for index, cell in enumerate(row.cells[:width]):
            if cell is not None:
                bounds[index] = (cell[0], cell[2])  # the lowest row's box: under a spanning cell, each year's own
    named = [i for i, column in enumerate(header.columns) if column.name and bounds[i] is not None]
    below = [w for w in words if w["top"] >= table.bbox[3] - 1 and w["bottom"] <= limit
             and w["x0"] >= table.bbox[0] - 2 and w["x1"] <= table.bbox[2] + 2]
    below = _table_stretch(below, table.bbox[3])
    if not named or not below:
        return [], set()
    roles = [header.columns[i].role for i in named]
    spans = [bound for i in named if (bound := bounds[i]) is not None]
    rows = anchored_rows(below, spans, roles) or []
    out = []
    for cells in rows:
        full = [""] * width
        for position, index in enumerate(named):
            full[index] = cells[position]
        out.append(full)
    return out, {id(w) for w in below}


def _unruled_page(page, number: int, grids: list[int]) -> list:
    return words_page(page.extract_words(keep_blank_chars=False), number, grids)


def words_page(words: list[dict], number: int, grids: list[int], where: str | None = None) -> list:
    """A page known by its words alone (no ruled table, or read by OCR)."""
    label = where or f"page {number}"
    return [item for _, item in word_items(words, number, grids, label)] + [Text("", None, label)]


def word_items(words: list[dict], number: int, grids: list[int], label: str) -> list[tuple[float, Row | Text]]:
    """(top, item) for a page's words outside ruled tables: tables found by their header line and read
    by its columns (pdf_text_tables.py), the rest as text lines and side-by-side cells (pdf_lines.py)."""
    from .pdf_text_tables import page_items

    placed: list[tuple[float, Row | Text]] = []
    grids[0] += 1
    table_grid = grids[0]
    pending: list[list[dict]] = []

    def flush() -> None:
        placed.extend(items_of(pending, number, grids, label))
        pending.clear()

    for index, (kind, payload, top) in enumerate(page_items(words), start=1):
        if kind == "row":
            flush()
            placed.append((top, Row(list(payload), table_grid, None, f"{label}, line {index}")))
        else:
            pending.append(payload)
    flush()
    return placed
