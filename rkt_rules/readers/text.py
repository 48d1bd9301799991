"""Reader for the text layout of an RKT, as extracted from a PDF.

The layout (see DOMAIN.md): cover text, then per document a bold title, the
``Nama/Unit Organisasi`` and ``Tahun Anggaran`` labels with their ``: value``
lines after them, a tab-separated table (header, optional ``(1) (2)…`` row,
rows whose empty No and Sasaran continue the goal above, headers repeated at
page breaks), and a signature block. One pass over the lines; every node keeps
its line number; rows that cannot be placed become diagnostics.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import PlanError
from .limits import current as limits
from ..model import Diagnostic, Goal, Indicator, Plan, PlanDocument, Signature, build, document_kind
from ..targets import is_percent_indicator, read_cell, read_target

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"), ("februari", "pebruari", "feb", "peb"), ("maret", "mar"),
            ("april", "apr"), ("mei",), ("juni", "jun"), ("juli", "jul"),
            ("agustus", "agu", "agt", "ags", "agst"), ("september", "sep", "sept"),
            ("oktober", "okt"), ("november", "nov", "nop", "nopember"), ("desember", "des"),
        ],
        start=1,
    )
    for name in names
}
DATE_LINE = re.compile(r"^(?P<place>[^\d,]+?)\s*,\s*(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{4})$", re.ASCII)
TITLE_YEAR = re.compile(r"^TAHUN\s+(\d{4})$", re.IGNORECASE | re.ASCII)
COLUMN_NUMBERS = re.compile(r"^\((\d+)\)$", re.ASCII)
YEAR = re.compile(r"\b(\d{4})\b", re.ASCII)
UNIT_LABELS = ("nama/unit organisasi", "nama unit organisasi", "unit organisasi", "unit kerja", "nama unit", "satuan kerja")
YEAR_LABELS = ("tahun anggaran", "tahun")
LABEL_INITIALS = frozenset(label[0] for label in UNIT_LABELS + YEAR_LABELS) | frozenset(label[0].upper() for label in UNIT_LABELS + YEAR_LABELS)
REPORT_COLUMNS = ("realisasi", "capaian")  # a performance report (LKj), not a plan
COLUMNS = (("no", "number"), ("sasaran", "goal"), ("indikator", "indicator"), ("target", "target"), ("satuan", "unit"))


def parse_date(day: str, month: str, year: str) -> dt.date | None:
    number = MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def _is_column_numbers(cells: list[str]) -> bool:
    """The ``(1) (2) (3) (4)`` row under a header: each column's number in brackets."""
    numbers = [COLUMN_NUMBERS.match(cell.strip()) for cell in cells if cell.strip()]
    return len(numbers) >= 2 and all(numbers) and [int(m.group(1)) for m in numbers] == list(range(1, len(numbers) + 1))


def _maybe_header(raw: str) -> bool:
    """Cheap pre-test: a header row names a Sasaran and an Indikator column."""
    lowered = raw.lower()
    return "sasaran" in lowered and "indikator" in lowered


def header_columns(cells: list[str]) -> list[str] | None:
    """Column roles of a table header row, or None when the row is not a header.

    A header names at least a *Sasaran* and an *Indikator* column; other
    columns (Program, Anggaran…) keep their written name and land in ``extra``.
    """
    roles = []
    for cell in cells:
        name = cell.strip().strip("*").strip().lower().rstrip(".")
        role = next((role for prefix, role in COLUMNS if name == prefix or name.startswith(prefix + " ") or (prefix != "no" and name.startswith(prefix))), None)
        roles.append(role or cell.strip().strip("*").strip())
    if "goal" in roles and "indicator" in roles:
        return roles
    return None


_HEADERS: dict[str, tuple[str, ...] | None] = {}


def _header_of(raw: str, cells: list[str]) -> tuple[str, ...] | None:
    """``header_columns`` remembered per header line: every plan of a batch repeats the same few."""
    if raw not in _HEADERS:
        if len(_HEADERS) > 4096:
            _HEADERS.clear()
        columns = header_columns(cells)
        _HEADERS[raw] = tuple(columns) if columns is not None else None
    return _HEADERS[raw]


class _Document:
    """Mutable builder for one document; frozen into a PlanDocument at the end."""

    def __init__(self, title, unit, year_text, line, columns):
        self.title, self.unit, self.year_text, self.line = title, unit, year_text, line
        self.columns = columns
        roles = ("number", "goal", "indicator", "target", "unit")
        positions = {role: i for i, role in reversed(list(enumerate(columns))) if role in roles}
        # Column of each role, None when the table has none (the header always has goal and indicator).
        self.number_at, self.goal_at, self.indicator_at = positions.get("number"), positions["goal"], positions["indicator"]
        self.target_at, self.unit_at = positions.get("target"), positions.get("unit")
        self.extra_positions = [(name, i) for i, name in enumerate(columns) if name not in roles]
        self.goals: list[list] = []  # [number, text, line, indicators]
        self.signature_lines: list[tuple[int, str]] = []

    def build(self, diagnostics: list[Diagnostic]) -> PlanDocument:
        goals = tuple(
            build(Goal, {"number": number, "text": text, "line": line, "cell": None, "indicators": tuple(indicators)})
            for number, text, line, indicators in self.goals
        )
        year = None
        for source in (self.year_text, self.title):
            found = YEAR.search(source or "")
            if found:
                year = int(found.group(1))
                break
        if year is None and self.year_text:
            diagnostics.append(Diagnostic.model_construct(line=self.line, problem="unreadable fiscal year", text=self.year_text))
        return PlanDocument.trusted(
            title=self.title, unit=self.unit, fiscal_year=year, kind=document_kind(self.unit),
            line=self.line, cell=None, goals=goals, signature=_signature(self.signature_lines, diagnostics),
        )


PARTY_LABEL = re.compile(r"^(pihak\s+(pertama|kedua)|mengetahui|menyetujui|yang\s+(membuat|menyetujui|menerima))\s*[,:]?$", re.IGNORECASE)


def _signature_row(cells: list[str]) -> bool:
    """A line of a two-column signature block: at most two filled cells, no goal number in front."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return len(filled) <= 2 and not (filled and filled[0].isdigit())


def _dated_signature_row(cells: list[str]) -> bool:
    return _signature_row(cells) and any(DATE_LINE.match(cell.strip()) for cell in cells)


def _signer_column(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], tuple | None]:
    """For a two-column block (a PK's two parties): the signer's column, and the date line wherever it is."""
    width = max(len(text.split("\t")) for _, text in lines)
    columns = [[(n, (t.split("\t") + [""] * width)[k]) for n, t in lines] for k in range(width)]
    dated = next(((n, c.strip()) for column in columns for n, c in column if DATE_LINE.match(c.strip())), None)
    first_party = next((column for column in columns if any(re.match(r"^pihak\s+pertama", c.strip(), re.IGNORECASE) for _, c in column)), None)
    with_date = next((column for column in columns if dated and any(c.strip() == dated[1] for _, c in column)), None)
    return first_party or with_date or columns[-1], dated


def _signature(lines: list[tuple[int, str]], diagnostics: list[Diagnostic]) -> Signature | None:
    dated = None
    if any("\t" in text for _, text in lines):
        lines, dated = _signer_column(lines)
    filled = [(number, text.strip()) for number, text in lines if text.strip() and not PARTY_LABEL.match(text.strip())]
    if dated is not None and not any(text == dated[1] for _, text in filled):
        filled.insert(0, dated)
    while filled and filled[-1][1].upper().startswith("NIP"):
        filled.pop()
    if not filled:
        return None
    place = date = None
    start = 0
    for index, (number, text) in enumerate(filled):
        match = DATE_LINE.match(text)
        if match:
            place = match["place"].strip()
            date = parse_date(match["day"], match["month"], match["year"])
            if date is None:
                diagnostics.append(Diagnostic.model_construct(line=number, problem="invalid signature date", text=text))
            start = index + 1
            break
    rest = filled[start:]
    role = rest[0][1] if rest else None
    name = rest[-1][1] if len(rest) > 1 else None
    return Signature.trusted(place=place, date=date, role=role, name=name, line=filled[0][0], cell=None)


def _label(bare: str) -> tuple[str | None, str | None]:
    """(``unit``/``year``, inline value) for a label line such as ``Tahun Anggaran : 2023``."""
    head, colon, value = bare.partition(":")
    name = " ".join(head.lower().split())
    kind = "unit" if name in UNIT_LABELS else "year" if name in YEAR_LABELS and (colon or name == "tahun anggaran") else None
    return kind, (value.strip() or None) if colon else None


def read_text(text: str, path: str) -> Plan:
    """Parse the text layout into a Plan; PlanError when it holds no plan table."""
    documents: list[PlanDocument] = []
    diagnostics: list[Diagnostic] = []
    doc: _Document | None = None
    cap = limits()
    max_cell, max_rows = cap.max_cell, cap.max_rows
    rows = 0
    state = "preamble"  # preamble → table → signature → preamble …
    title = unit = year_text = None
    title_open = False
    pending: list[str] = []

    def finish():
        nonlocal doc, title, unit, year_text, pending
        if doc is not None:
            documents.append(doc.build(diagnostics))
        doc, title, unit, year_text, pending = None, None, None, None, []

    for number, raw in enumerate(text.splitlines(), start=1):
        if len(raw) > max_cell and max(len(cell) for cell in raw.split("\t")) > max_cell:
            raise PlanError(f"a cell is longer than the limit of {cap.max_cell} characters (--max-cell)", path=path, line=number)
        if "\t" in raw:
            rows += 1
            if rows > max_rows:
                raise PlanError(f"more than {cap.max_rows} table rows (--max-rows)", path=path, line=number)
            cells = raw.split("\t")
            first = cells[0]
            columns = _header_of(raw, cells) if not (first[:1].isdigit() and first.isdigit()) and _maybe_header(raw) else None
            if columns is not None:
                report_columns = [c for c in columns if isinstance(c, str) and c.lower().startswith(REPORT_COLUMNS)]
                if report_columns:
                    raise PlanError(f"this is a performance report (LKj), not a plan: the table has {', '.join(report_columns)} columns", path=path, line=number)
                if state == "table" and doc is not None:
                    continue  # the header repeated after a page break
                if state == "signature":
                    finish()
                doc = _Document(title, unit, year_text, number, columns)
                state = "table"
                continue
            if state == "table":
                if not ("," in raw and _dated_signature_row(cells)):  # the common case: a row of the table
                    if not (first[:1] == "(" and _is_column_numbers(cells)) and not raw.isspace():
                        _add_row(doc, cells, number, raw, diagnostics)
                    continue
                state = "signature"  # a two-column signature block (a PK's two parties), not a table row
            if state == "signature" and doc is not None and _signature_row(cells):
                doc.signature_lines.append((number, raw))
                continue
            if state != "table":
                if raw.strip():
                    problem = "table row after the signature block" if state == "signature" else "table row before any table header"
                    diagnostics.append(Diagnostic.model_construct(line=number, problem=problem, text=raw))
                continue
            if cells[0].startswith("(") and _is_column_numbers(cells):
                continue
            if not raw.isspace():
                _add_row(doc, cells, number, raw, diagnostics)
            continue

        line = raw.strip()
        if not line:
            continue
        bare = line.strip("*").strip()
        if title_open and TITLE_YEAR.match(bare):
            title = f"{title} {bare}"
            title_open = False
            continue
        title_open = False
        if "RENCANA KINERJA" in bare.upper() or "PERJANJIAN KINERJA" in bare.upper():
            if state != "preamble":
                finish()
                state = "preamble"
            title, title_open = bare, True
            continue
        label, value = _label(bare) if bare[:1] in LABEL_INITIALS else (None, None)
        if label:
            if state != "preamble":
                finish()
                state = "preamble"
            if value is None:
                pending.append(label)
            elif label == "unit":
                unit = value
            else:
                year_text = value
            continue
        if line.startswith(":") and pending:
            target = pending.pop(0)
            if target == "unit":
                unit = line[1:].strip()
            else:
                year_text = line[1:].strip()
            continue
        if state == "table":
            state = "signature"
        if state == "signature":
            doc.signature_lines.append((number, raw))

    finish()
    if not documents:
        raise PlanError("no plan table found (expected a header row with Sasaran and Indikator columns)", path=path)
    return Plan.trusted(schema_version=1, path=path, documents=tuple(documents), diagnostics=tuple(diagnostics), suppress=())


def _add_row(doc: _Document, cells: list[str], number: int, raw: str, diagnostics: list[Diagnostic]) -> None:
    width = len(doc.columns)
    if len(cells) != width:
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        elif any(cell.strip() for cell in cells[width:]):
            diagnostics.append(Diagnostic.model_construct(line=number, problem="row has more cells than the header", text=raw))
            return
    goal_text = cells[doc.goal_at].strip()
    if doc.number_at is not None:
        goal_number = cells[doc.number_at].strip()
    else:
        goal_number = str(len(doc.goals) + 1) if goal_text else ""
    if goal_number or goal_text:
        doc.goals.append([goal_number, goal_text, number, []])
    elif not doc.goals:
        diagnostics.append(Diagnostic.model_construct(line=number, problem="continuation row before any goal", text=raw))
        return
    text = cells[doc.indicator_at].strip()
    written = cells[doc.target_at].strip() if doc.target_at is not None else ""
    unit = cells[doc.unit_at].strip() if doc.unit_at is not None else ""
    extra = {name: cells[i].strip() for name, i in doc.extra_positions if cells[i].strip()} if doc.extra_positions else {}
    if not (text or written or extra):
        return
    if unit:
        extra["Satuan"] = unit
        target = read_cell(written, text, unit)
    else:  # read_cell without a Satuan column, one call fewer: this runs for every row of every plan
        target = read_target(written, is_percent_indicator(text))
    doc.goals[-1][3].append(build(Indicator, {"text": text, "line": number, "cell": None, "target": target, "extra": extra, "supports": ()}))
