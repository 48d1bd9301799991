"""Reader for RKTs written in Word (python-docx).

The body is read in order, paragraphs and tables alike. A table with an RKT
header becomes table rows; a cell merged down over several rows (one Sasaran
for several indicators) counts once, in its first row, which is exactly a
continuation row. Other tables (a signature laid out in two columns) keep
their cells apart with tabs so the signature reader can tell the parties apart.
"""

from __future__ import annotations

import io

from ..errors import PlanError
from ..model import Plan
from .office import Layout, clean, open_zip
from .text import _maybe_header


def read_docx(data: bytes, path: str) -> Plan:
    open_zip(data, path, "DOCX")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types on broken files
        raise PlanError(f"not a readable DOCX document ({type(error).__name__}: {error})", path=path) from None
    layout = Layout(path)
    tables = paragraphs = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += 1
            layout.text(Paragraph(child, document).text, f"paragraph {paragraphs}")
        elif tag == "tbl":
            tables += 1
            _table(layout, Table(child, document), tables)
    return layout.plan()


def _table(layout: Layout, table, number: int) -> None:
    above: list = []
    rows = []
    for row in table.rows:
        cells, tcs, previous = [], [], None
        for cell in row.cells:
            if cell._tc is previous:
                continue  # a cell merged across columns appears once per column it spans
            previous = cell._tc
            merged_down = len(above) > len(tcs) and above[len(tcs)] is cell._tc
            cells.append("" if merged_down else clean(" ".join(p.text for p in cell.paragraphs)))
            tcs.append(cell._tc)
        above = tcs
        rows.append(cells)
    is_rkt = any(_maybe_header("\t".join(cells)) for cells in rows)
    layout.blank()
    for index, cells in enumerate(rows, start=1):
        origin = f"table {number}, row {index}"
        if is_rkt:
            layout.row(cells, origin, [f"{origin}, column {c}" for c in range(1, len(cells) + 1)])
        else:
            layout.text("\t".join(c for c in cells if c), origin)
    layout.blank()
