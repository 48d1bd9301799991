"""Reader for plans written in Word (python-docx).

The body is read in order, paragraphs and tables alike, and handed to the
shared recogniser: each paragraph a text line (or, where its columns are typed
with TABs, a row of cells: typed.py), each table row a row of cells
with its location, each cell with its own lines (a signature cell holds the
role, the name and the NIP on lines of their own). A cell merged across
columns or down over rows (one Sasaran for several indicators) is marked as
covered in every column and row but its first, so a continuation row reads
as one.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import PlanError
from ..model import Plan
from .recognise import recognise
from .recognise.blocks import Row, Text, clean
from .limits import current as limits
from .office import no_text, open_zip, rows_holding
from .typed import FIRST_GRID, typed_columns


def read_docx(data: bytes, path: str) -> Plan:
    archive = open_zip(data, path, "DOCX")
    _rows_bound(archive, path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types on broken files
        raise PlanError("not-readable-docx", path=path, reason=f"{type(error).__name__}: {error}") from None
    body = getattr(document.element, "body", None)
    if body is None:  # a main part whose root is no w:document (damaged or hand-made): nothing to read
        raise PlanError("not-readable-docx", path=path, reason="word/document.xml has no w:body")
    items: list = []
    tables = paragraphs = 0
    typed: list[Text] = []  # paragraphs since the last table, read together (columns typed with TABs)
    typed_grids = [FIRST_GRID]
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += 1
            for line in Paragraph(child, document).text.split("\n"):
                typed.append(Text(line, None, f"paragraph {paragraphs}"))
        elif tag == "tbl":
            items += typed_columns(typed, typed_grids)
            typed = []
            tables += 1
            items.append(Text("", None, f"table {tables}"))
            items += _rows(Table(child, document), tables, path)
            items.append(Text("", None, f"table {tables}"))
    items += typed_columns(typed, typed_grids)
    if not any(item.cells if isinstance(item, Row) else item.text.strip() for item in items):
        raise no_text(path)
    return recognise(items, path, limits().max_rows)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_SPAN = 1024  # a Word table has at most 63 columns; a cell spanning more is no plan's


def _rows(table, number: int, path: str) -> list[Row]:
    """The table's rows from its XML, in one pass: a cell spanning columns (gridSpan) fills them, the first
    with its text and the others marked merged; a cell continuing a vertical merge (vMerge) is empty and
    merged. Read directly, not through python-docx's ``row.cells``, which rescans the rows above for every
    merged cell (quadratic in a cell merged down a long table) and lays out any span it is given."""
    from docx.text.paragraph import Paragraph

    rows: list[Row] = []
    for index, tr in enumerate(table._tbl.iterchildren(f"{_W}tr"), start=1):
        cells: list[str] = []
        lines: list = []
        merged: list[bool] = []
        refs: list[str] = []
        origin = f"table {number}, row {index}"
        for tc in tr.iterchildren(f"{_W}tc"):
            span, continued = 1, False
            properties = tc.find(f"{_W}tcPr")
            if properties is not None:
                grid_span = properties.find(f"{_W}gridSpan")
                if grid_span is not None:
                    value = grid_span.get(f"{_W}val") or "1"
                    span = int(value) if value.isdigit() else 1
                vertical = properties.find(f"{_W}vMerge")
                continued = vertical is not None and vertical.get(f"{_W}val", "continue") != "restart"
            if len(cells) + span > MAX_SPAN:
                raise PlanError("table-too-wide", path=path, table=number, limit=MAX_SPAN)
            texts = () if continued else tuple(line for p in tc.iterchildren(f"{_W}p") for line in Paragraph(p, table).text.split("\n"))
            for offset in range(max(1, span)):
                covered = continued or offset > 0
                cells.append("" if covered else clean(" ".join(texts)))
                lines.append(() if covered else texts)
                merged.append(covered)
                refs.append(f"{origin}, column {len(cells)}")
        rows.append(Row(cells, number, None, origin, refs, lines, merged, True))
    return rows


def _rows_bound(archive, path: str) -> None:
    """--max-rows counted in the document's XML (table rows holding text) before python-docx builds it: 150,000
    rows took 26 s and 1.1 GB before the count after reading refused them."""
    try:
        xml = archive.read("word/document.xml")
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError):
        return  # no body or a damaged one: python-docx says so
    cap = limits().max_rows
    if xml.count(b"<w:tr>") + xml.count(b"<w:tr ") > cap and rows_holding(xml, "tr", ("t",), cap) > cap:
        raise PlanError("too-many-rows", path=path, limit=cap)
