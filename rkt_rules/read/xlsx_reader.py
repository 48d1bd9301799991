"""Reader for plans kept in Excel workbooks (openpyxl).

Each sheet is read top to bottom and handed to the shared recogniser: a row
holding one value (a title, a line of the signature block) is a text line,
a row holding several a table row; inside a table (from its header to the
next empty row) every row is a table row. A merged cell (one Sasaran over
several indicator rows) holds its value in its top-left cell; the cells it
covers are marked so. Numbers stored as numbers read like the text a person
sees: a cell formatted as a percentage holding 1.0 reads as ``100%``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib

from ..errors import PlanError
from ..model import Plan
from .recognise import recognise
from .recognise.blocks import Row, Text, clean
from .recognise.header import header_of, maybe_header
from .recognise.signatures import is_signature_row
from .limits import current as limits
from .office import indonesian_date, no_text, open_zip, rows_holding


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
    return clean(value)


def _uncomputed_formulas(data: bytes, book) -> dict[str, dict[str, str]]:
    """Per sheet, the formula (``=SUM(C4:C9)``) of each cell that has one but no
    cached value: a workbook written by a program and never opened in Excel holds
    only the formula, and reading it as an empty cell would call the target
    missing. Shown as written, the target reads as "formula not computed".
    The workbook is opened a second time, for formulas, only when a sheet has any."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(name.startswith("xl/worksheets/") and b"<f" in archive.read(name) for name in archive.namelist()):
            return {}
    from openpyxl import load_workbook

    found: dict[str, dict[str, str]] = {}
    written = load_workbook(io.BytesIO(data), data_only=False)
    for sheet in written.worksheets:
        values = book[sheet.title]
        for cell in _stored(sheet).values():
            if cell.data_type == "f" and values[cell.coordinate].value is None:
                found.setdefault(sheet.title, {})[cell.coordinate] = clean(str(cell.value))
    return found


def _stored(sheet) -> dict:
    """The cells the file holds, by (row, column): never the empty rectangle between them (a cell at A1 and
    one at XFD1048576 would be 17 billion). openpyxl keeps them in ``_cells``; ``iter_rows`` would make every one."""
    return sheet._cells


MAX_COLUMNS = 1024  # a plan's table is never this wide; a sheet wider is refused, not laid out cell by cell


def _sheet_rows(sheet, uncomputed: dict[str, str], path: str) -> list[list | None]:
    """The sheet's rows that hold something, in order, each as (text, reference, covered) cells from its first
    column to the sheet's last used one; a run of empty rows between them is one ``None`` per empty row, up
    to a few (what blank rows mean to the reader: the end of a block)."""
    from openpyxl.utils import get_column_letter

    used = {key: cell for key, cell in _stored(sheet).items() if cell.value is not None or cell.coordinate in uncomputed}
    if not used:
        return []
    width = max(column for _, column in used)
    if width > MAX_COLUMNS:
        raise PlanError("too-many-columns", path=path, limit=MAX_COLUMNS, sheet=sheet.title)
    lines = sorted({row for row, _ in used})
    last_line = lines[-1]
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:  # clipped to the used area: a range over the whole sheet costs nothing
        for r in range(merged.min_row, min(merged.max_row, last_line) + 1):
            for c in range(merged.min_col, min(merged.max_col, width) + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    covered.add((r, c))
    letters = [get_column_letter(c) for c in range(1, width + 1)]
    out: list[list | None] = []
    previous = 0
    for r in lines:
        out += [None] * min(r - previous - 1, MAX_BLANKS_IN_BLOCK + 1)
        previous = r
        row = []
        for c in range(1, width + 1):
            cell = used.get((r, c))
            reference = f"{letters[c - 1]}{r}"
            text = (uncomputed.get(reference) or _shown(cell)) if cell is not None else ""
            row.append((text, reference, (r, c) in covered))
        out.append(row)
    return out


MAX_BLANKS_IN_BLOCK = 4  # empty rows a side-by-side block (a signature's space) may hold before it ends


MAX_MERGED_CELLS = 1_000_000  # cells all merged ranges of a workbook may cover together (openpyxl makes one object each)
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _sheet_bounds(archive, path: str) -> None:
    """Refuse, before openpyxl lays them out cell by cell, sheets no plan is: merged ranges covering more cells
    than any plan has (one range A20:XFD1048576 is 17 billion), or more rows holding a value than --max-rows
    (400,000 rows took 27 s and 1.4 GB before the count after reading refused them). Read from the sheets'
    XML as written, each once."""
    total = 0
    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        xml = archive.read(name)
        for match in _MERGE.finditer(xml):
            first_col, first_row, last_col, last_row = match.groups()
            if last_col is None:
                continue
            rows = abs(int(last_row) - int(first_row)) + 1
            columns = abs(_column_number(last_col) - _column_number(first_col)) + 1
            total += rows * columns
            if total > MAX_MERGED_CELLS:
                raise PlanError("merged-too-large", path=path, ref=match.group(0).decode("ascii", "replace").split('"')[1],
                                limit=MAX_MERGED_CELLS)
        if xml.count(b"<row") > limits().max_rows and rows_holding(xml, "row", ("v", "is"), limits().max_rows) > limits().max_rows:
            raise PlanError("too-many-rows", path=path, limit=limits().max_rows)


def _missing_sheets(archive) -> list[str]:
    """Sheets the workbook names whose part is not in the file (a damaged or hand-edited copy): openpyxl skips
    them without a word, and the plan would be checked as if they never existed."""
    from lxml import etree

    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    targets = {rel.get("Id"): rel.get("Target", "") for rel in etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)}
    missing = []
    for sheet in etree.fromstring(archive.read("xl/workbook.xml"), parser).iter("{*}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP_ID), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if target and part not in names:
            missing.append(sheet.get("name", "?"))
    return missing


_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def read_xlsx(data: bytes, path: str) -> Plan:
    archive = open_zip(data, path, "XLSX")
    try:
        _sheet_bounds(archive, path)
        if missing := _missing_sheets(archive):
            raise PlanError("sheet-part-missing", path=path, sheets=", ".join(missing))
    except PlanError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, SyntaxError) as error:  # a damaged member
        raise PlanError("not-readable-xlsx", path=path, reason=f"{type(error).__name__}: {error}") from None
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many types on broken files
        raise PlanError("not-readable-xlsx", path=path, reason=f"{type(error).__name__}: {error}") from None
    formulas = _uncomputed_formulas(data, book)
    items: list = []
    grid = 0
    for sheet in book.worksheets:
        uncomputed = formulas.get(sheet.title, {})
        rows = [row or [] for row in _sheet_rows(sheet, uncomputed, path)]
        first = min((i for row in rows for i, (text, _, _) in enumerate(row) if text.strip()), default=0)
        in_table, in_grid = False, False
        run: set[int] = set()  # columns of the side-by-side cells open (a PK's two signature columns)
        blanks = 0
        for row in rows:
            row = row[first:]
            while row and not row[-1][0].strip() and not in_table:
                row = row[:-1]
            filled = [text for text, _, _ in row if text.strip()]
            where = f"{sheet.title}!{row[0][1]}" if row else f"{sheet.title}!A1"
            if not filled:
                blanks += 1
                if run and blanks <= MAX_BLANKS_IN_BLOCK:  # the space left for a signature, inside its block
                    items.append(Row([""] * (max(run) + 1), grid, None, where))
                    continue
                items.append(Text("", None, where))
                in_table = in_grid = False
                run = set()
                continue
            blanks = 0
            cells = [text for text, _, _ in row]
            columns = {i for i, (text, _, _) in enumerate(row) if text.strip()}
            if not in_table and len(filled) > 1 and maybe_header("\t".join(cells)) and header_of(tuple(cells)) is not None:
                in_table = True
            if in_table:
                run = set()
            if in_table or len(filled) > 1 or (run and columns <= run):
                if not in_grid:
                    grid, in_grid = grid + 1, True
                if not in_table and len(filled) > 1 and (run or is_signature_row(cells, None)):
                    run |= columns  # a signature block side by side: its single cells keep their column
                where = f"{sheet.title}!{next(ref for text, ref, _ in row if text.strip())}"
                items.append(Row(cells, grid, None, where, [f"{sheet.title}!{ref}" for _, ref, _ in row], None,
                                 [is_covered for _, _, is_covered in row]))
            else:
                in_grid = False
                run = set()
                items.append(Text(filled[0], None, where.split("!")[0] + "!" + next(ref for text, ref, _ in row if text.strip())))
        items.append(Text("", None, f"{sheet.title}!A1"))
    if not any(isinstance(item, Row) or item.text.strip() for item in items):
        raise no_text(path)
    return recognise(items, path, limits().max_rows)
