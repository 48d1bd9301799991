"""Reader for RKT tables kept in Excel workbooks (openpyxl).

Each sheet is read top to bottom: rows inside an RKT table become table rows,
the rest text lines. Merged cells (one Sasaran over several indicator rows)
hold their value in the top-left cell only, which is exactly a continuation
row. Numbers stored as numbers read like the text a person sees: a cell
formatted as a percentage holding 1.0 reads as ``100%``.
"""

from __future__ import annotations

import datetime as dt
import io

from ..errors import PlanError
from ..model import Plan
from .office import Layout, indonesian_date, open_zip


def _shown(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (dt.datetime, dt.date)):
        return indonesian_date(value)
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            value = round(value * 100, 10)
            text = f"{value:g}" if value != int(value) else str(int(value))
            return text.replace(".", ",") + "%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
    return str(value)


def read_xlsx(data: bytes, path: str) -> Plan:
    open_zip(data, path, "XLSX")
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many types on broken files
        raise PlanError(f"not a readable XLSX workbook ({type(error).__name__}: {error})", path=path) from None
    layout = Layout(path)
    for sheet in book.worksheets:
        rows = [[(_shown(c), c.coordinate) for c in row] for row in sheet.iter_rows()]
        filled = [[i for i, (text, _) in enumerate(row) if text.strip()] for row in rows]
        first = min((cols[0] for cols in filled if cols), default=0)
        in_table = False
        for row, cols in zip(rows, filled):
            cells = [text for text, _ in row[first:]]
            refs = [f"{sheet.title}!{ref}" for _, ref in row[first:]]
            origin = f"{sheet.title}!{row[cols[0]][1] if cols else refs[0] if refs else 'A1'}"
            if not cols:
                layout.blank()
                in_table = False
                continue
            joined = "\t".join(cells).lower()
            if "sasaran" in joined and "indikator" in joined:
                in_table = True
            if in_table:
                while cells and not cells[-1].strip():
                    cells.pop()
                layout.row(cells, origin, refs)
            else:
                layout.text(" ".join(text for text in cells if text.strip()), origin)
        layout.blank()
    return layout.plan()
