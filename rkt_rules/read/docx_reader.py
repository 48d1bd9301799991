"""Reader for plans written in Word (python-docx).

The body is read in order, paragraphs and tables alike, and handed to the
shared recogniser: each paragraph a text line, each table row a row of cells
with its location, each cell with its own lines (a signature cell holds the
role, the name and the NIP on lines of their own). A cell merged across
columns or down over rows (one Sasaran for several indicators) is marked as
covered in every column and row but its first, so a continuation row reads
as one.
"""

from __future__ import annotations

import io

from ..errors import PlanError
from ..model import Plan
from .recognise import recognise
from .recognise.blocks import Row, Text, clean
from .limits import current as limits
from .office import no_text, open_zip


def read_docx(data: bytes, path: str) -> Plan:
    open_zip(data, path, "DOCX")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types on broken files
        raise PlanError("not-readable-docx", path=path, reason=f"{type(error).__name__}: {error}") from None
    items: list = []
    tables = paragraphs = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += 1
            for line in Paragraph(child, document).text.split("\n"):
                items.append(Text(line, None, f"paragraph {paragraphs}"))
        elif tag == "tbl":
            tables += 1
            items.append(Text("", None, f"table {tables}"))
            items += _rows(Table(child, document), tables)
            items.append(Text("", None, f"table {tables}"))
    if not any(item.cells if isinstance(item, Row) else item.text.strip() for item in items):
        raise no_text(path)
    return recognise(items, path, limits().max_rows)


def _rows(table, number: int) -> list[Row]:
    rows: list[Row] = []
    above: list = []
    for index, row in enumerate(table.rows, start=1):
        cells: list[str] = []
        lines: list = []
        merged: list[bool] = []
        refs: list[str] = []
        tcs: list = []
        origin = f"table {number}, row {index}"
        for column, cell in enumerate(row.cells):
            tc = cell._tc
            covered = (tcs and tcs[-1] is tc) or (column < len(above) and above[column] is tc)
            tcs.append(tc)
            texts = tuple(line for paragraph in cell.paragraphs for line in paragraph.text.split("\n"))
            cells.append("" if covered else clean(" ".join(texts)))
            lines.append(() if covered else texts)
            merged.append(bool(covered))
            refs.append(f"{origin}, column {column + 1}")
        above = tcs
        rows.append(Row(cells, number, None, origin, refs, lines, merged, True))
    return rows
