"""Blocks → documents: the one recogniser every reader feeds.

A reader gives text lines and table rows in reading order (blocks.py); this
module walks them once and decides what each is: a title that starts or
continues a document, an identity label, a PK's party statement, an indicator
table (header.py, table.py), a program and budget table (programs.py), a
signature block (signatures.py), or prose. Layout words come from data
(vocabulary/layout.toml). Table rows it cannot place become diagnostics, never
silence; nothing but an indicator table's rows becomes an indicator.
"""

from __future__ import annotations

from collections import deque
from typing import Iterable

from ...errors import PlanError
from ..limits import current as limits
from ...model import Diagnostic, Goal, Plan, PlanDocument, document_kind
from .blocks import Item, Row, Text
from .header import (Header, fold, header_like, header_of, is_column_numbers, is_report_column, is_subheader, maybe_header, spread,
                     with_levels)
from .identity import (abbreviates, is_section_heading, label_of, more_specific, parent_of_role, title_of, title_period, title_year,
                       unit_in_title, unit_of_role, is_title_continuation)
from .lists import ITEM as LIST_ITEM, as_rows
from .lkj import MAX_BANDS, measured, measures_only, scale_of, stated_average
from .programs import Programs, currency_joined
from .signatures import Party, assign_parties, date_line, goes_on_signing, is_signature_row, lines_of, merge, party_named, party_of, read_block
from .table import Table, continues, join_wrapped, spans_table
from .words import measure_words, starts_with_any, unspaced, words_of

PROSE_KEPT = 12  # prose lines remembered above a title (a dashboard puts a vision and its goals between)
UNMEASURED = "-"  # a context table of an LKj that restates a plan's targets without measuring them
DOCUMENT_TYPES = ("rkt", "pk", "iku", "renja", "renstra", "rencana-aksi", "lkj")
YEAR_SOURCES = ("label", "title", "target_header", "signature")
UNIT_SOURCES = ("label", "title", "jabatan", "signature")


class _Document:
    """What is known of one document while its blocks are read."""

    def __init__(self, line: int | None, where: str | None):
        self.line, self.where = line, where
        self.title_kind: str | None = None
        self.title_parts: list[str] = []
        self.unit_line_open = False
        self.heading_open = False  # a chapter heading's lines under the title (BAB III, then its name)
        self.units: dict[str, str] = {}
        self.years: dict[str, int] = {}
        self.year_text: str | None = None
        self.period: tuple[int, int] | None = None
        self.statement: dict[str, Party] = {}
        self.signers: list = []
        self.signed_after_tables = False  # signed below its tables, not only in a foreword above them
        self.tables: list[Table] = []
        self.programs: list = []
        self.above: tuple[str, ...] = ()  # prose lines just above the title: a letterhead may name the unit in full
        self.scale: list = []  # an LKj's own scale of categories (bands), where it prints one

    def title_line(self, text: str, kind: str | None, rest: str | None) -> None:
        text = unspaced(text)
        if rest is not None:
            rest = unspaced(rest)
        self.title_parts.append(" ".join(text.replace("*", " ").split()))
        if kind is not None:
            self.title_kind = kind
        source = text if rest is None else rest
        year, period, unit = title_year(source), title_period(source), unit_in_title(source)
        heading = kind is None and (LIST_ITEM.match(source) is not None or is_section_heading(source))
        if heading or (kind is None and self.heading_open):
            unit = None  # a section heading under the title (A. CAPAIAN KINERJA …, BAB III / AKUNTABILITAS …): never the unit
        self.heading_open = heading or (kind is None and self.heading_open)
        if year is not None:
            self.years.setdefault("title", year)
        if period is not None:
            self.period = self.period or period
        taken = True
        if unit and kind is None and self.unit_line_open and "title" in self.units:
            self.units["title"] = f"{self.units['title']} {unit}"  # a unit's name broken over two title lines
        elif unit and "title" not in self.units:
            self.units["title"] = unit
        elif unit and more_specific(self.units["title"], unit):
            self.units["title"] = unit
        else:
            taken = False  # a heading under a title that names the unit already (KATA PENGANTAR, HASIL EVALUASI)
        # the next title line goes on naming the unit only if this one named it and no year closed it
        self.unit_line_open = taken and year is None and period is None

    def build(self, diagnostics: list[Diagnostic]) -> PlanDocument:
        tables = self._plan_tables(diagnostics)
        _join_wrapped_goals(tables)
        per_table = [tuple(t.goal_nodes()) for t in tables]
        goals = per_table[0] if len(per_table) == 1 else tuple(g for part in per_table for g in part)
        table = tables[0] if tables else None
        years_of_table = table.years if table is not None else []
        document_type = self.title_kind if self.title_kind in DOCUMENT_TYPES else self._shape(table)
        two_party = document_type == "pk" or bool(self.statement)
        signers = assign_parties(self.signers, self.statement, two_party)
        signatures = merge(signers, self.statement, two_party)
        first = next((s for s in signatures if s.party in ("first", "signer")), None)
        second = next((s for s in signatures if s.party == "second"), None)
        evidence: dict[str, str] = {}
        units = dict(self.units)
        if first is not None and first.role:
            derived = unit_of_role(first.role)
            if derived:
                units.setdefault("jabatan" if self.statement.get("first") or first.party == "first" else "signature", derived)
        unit = None
        for source in UNIT_SOURCES:
            if source in units:
                unit, evidence["unit"] = units[source], source
                break
        if evidence.get("unit") == "title":  # a title line may name the unit in part ("KEPALA DINAS KESEHATAN")
            for source in ("jabatan", "signature"):
                if source in units and unit and more_specific(unit, units[source]):
                    unit, evidence["unit"] = units[source], source
                    break
            else:  # or by its short name (RENSTRA DINSOS P3AKB) under a letterhead that writes it out
                unit = next((full for line in reversed(self.above) if (full := unit_in_title(line)) and unit
                             and abbreviates(unit, full)), unit)
        years = dict(self.years)
        if len(years_of_table) == 1:
            years.setdefault("target_header", years_of_table[0])
        if first is not None and first.year is not None:
            years.setdefault("signature", first.year)
        period = self.period or ((years_of_table[0], years_of_table[-1]) if len(years_of_table) >= 3 else None)
        fiscal_year = None
        if document_type != "renstra" or period is None:
            for source in YEAR_SOURCES:
                if source in years:
                    fiscal_year, evidence["fiscal_year"] = years[source], source
                    break
        if self.year_text is not None and "label" not in years:
            diagnostics.append(Diagnostic.model_construct(line=self.line, cell=None, problem="unreadable fiscal year", text=self.year_text))
        if fiscal_year is not None and years_of_table:
            goals = _year_targets(goals, str(fiscal_year))
        if document_type == "lkj":  # each table's measures by its own header (one Realisasi column, or this year's)
            at, parts = 0, list[Goal]()
            for t, part in zip(tables, per_table):
                parts += measured(goals[at:at + len(part)], fiscal_year, t.written.columns, t.target_at)
                at += len(part)
            goals, average = stated_average(tuple(parts))
        else:
            average = None
        if document_type is not None:
            evidence["document_type"] = "title" if self.title_kind in DOCUMENT_TYPES else "table"
        parent = parent_of_role(second.role) if second is not None else None
        programs = tuple(row for table in self.programs for row in table.rows)
        return PlanDocument.trusted(
            title=" ".join(self.title_parts) or None, document_type=document_type, unit=unit, parent_unit=parent,
            fiscal_year=fiscal_year, period=period, kind=document_kind(unit), line=self.line, cell=self.where if self.line is None else None,
            goals=goals, signature=first, signatures=signatures, programs=programs, scale=tuple(self.scale), average=average,
            evidence=evidence,
            stated_years={source: years[source] for source in YEAR_SOURCES if source in years},
        )

    def _plan_tables(self, diagnostics: list[Diagnostic]) -> list[Table]:
        """The tables whose rows are the plan's indicators. Beside a table of goals or programs, a table of
        activities (kegiatan, sub kegiatan) is the detail of their delivery: said, not read as the plan."""
        tables = self.tables
        left_out: dict[tuple[str, str], list] = {}  # (problem, indicator column) → [first table, indicators]

        def leave(problem: str, table: Table, count: int) -> None:
            entry = left_out.setdefault((problem, table.indicator_name), [table, 0])
            entry[1] += count

        if len(tables) > 1 and any(table.activity for table in tables) and not all(table.activity for table in tables):
            for table in tables:
                if table.activity:
                    leave("activity table", table, sum(len(values["indicators"]) for values in table.goals))
            tables = [table for table in tables if not table.activity]
        for table in tables:
            left = table.plan_rows()[1]
            if left:
                leave("activity rows", table, left)
        for (problem, name), (table, count) in left_out.items():
            diagnostics.append(Diagnostic.model_construct(line=table.line, cell=table.where if table.line is None else None,
                                                          problem=problem, text=name, rows=count))
        return tables

    def _shape(self, table: Table | None) -> str | None:
        """A document's type from its table when no title says it."""
        if table is None:
            return "pk" if self.statement else None
        if table.action_plan:
            return "rencana-aksi"
        if len(table.years) >= 3:
            return "renstra"
        if self.statement:
            return "pk"
        roles = {column.role for column in table.header.columns}
        if not table.has_targets and roles & {"formula", "source"}:
            return "iku"
        return None


def _year_targets(goals, year: str):
    """Each indicator's ``target`` is its document year's, where the table has a column per year."""
    out = []
    for goal in goals:
        indicators = tuple(i.model_copy(update={"target": i.targets[year]}) if year in i.targets else i for i in goal.indicators)
        out.append(goal.model_copy(update={"indicators": indicators}))
    return tuple(out)


class _Recogniser:
    def __init__(self, path: str, max_rows: int):
        self.path, self.max_rows = path, max_rows
        self.documents: list[PlanDocument] = []
        self.diagnostics: list[Diagnostic] = []
        self.doc: _Document | None = None
        self.table: Table | None = None
        self.programs: Programs | None = None
        self.region: list | None = None        # the open signature block: rows of cell lines
        self.region_at: list = []
        self.region_grid: int | None = None    # an office table holding a block: it ends with the table
        self.pending: list[str] = []           # labels whose values come on later lines
        self.party: dict = {}                  # Nama/Jabatan lines of a statement, before "disebut PIHAK …"
        self.title_open = False
        self.report_title: str | None = None  # a report's title (LAPORAN KINERJA …) as the file's first title
        self.first_title: str | None = None   # the kind the file's first title names
        self.held_title: tuple | None = None  # a title like the open document's: a running header, unless labels follow
        self.prose: deque[str] = deque(maxlen=PROSE_KEPT)  # the last prose lines read: above a title, its letterhead
        self.opening: tuple | None = None     # the title held just before the row being read
        self.context: dict | None = None      # the open table that is no plan table (a report's, or one with no header)
        self.held_span: Text | None = None    # a text line that may be a row spanning the open table (see ``text``)
        self.context_tables: list[dict] = []  # each such table: where it starts, its rows, why it is not read
        self.text_between = False             # a line of text since the last row that could not be placed
        self.rows = 0
        self.previous: Row | None = None      # the row read before this one (a cascade's row of levels over a header)
        self.glued: dict[int, str] = {}       # text a repeated header's cells took from the row under them
        self.bands: set[tuple[str, ...]] = set()  # a cascade's rows of levels, skipped where a page repeats them

    # --- documents ----------------------------------------------------------

    def _document(self, line=None, where=None) -> _Document:
        if self.doc is None:
            self.doc = _Document(line, where)
        return self.doc

    def _finish(self) -> None:
        self._close_table()
        self._close_programs()
        self._close_context()
        self._close_region()
        if self.doc is not None:
            if self.doc.tables:
                self.documents.append(self.doc.build(self.diagnostics))
            elif self.doc.title_parts:
                self.diagnostics.append(Diagnostic.model_construct(line=self.doc.line, cell=self.doc.where if self.doc.line is None else None,
                                                                   problem="title without a plan table", text=" ".join(self.doc.title_parts)))
        self.doc, self.pending, self.party, self.title_open = None, [], {}, False

    def _close_table(self) -> None:
        if self.table is not None:
            self.table = None

    def _close_programs(self) -> None:
        if self.programs is not None:
            self.programs.close()
        self.programs = None

    # --- signature blocks ---------------------------------------------------

    def _region_add(self, cells_lines, line, where, grid: int | None) -> None:
        if self.region is not None and self.region_grid is not None and grid is not None and self.region_grid != grid \
                and self._region_goes_on(cells_lines):
            self.region_grid = grid  # the same side-by-side block going on over a page break
        if self.region is not None and self.region_grid != grid:
            carry = self._date_only()
            self._close_region()
            if carry:
                self.region, self.region_at = carry
        if self.region is None:
            self.region, self.region_at = [], []
        self.region_grid = grid
        self.region.append(cells_lines)
        self.region_at.append((line, where))

    def _region_goes_on(self, cells) -> bool:
        """A row of as many side-by-side cells as the open signature block's: its continuation (over a page break)."""
        return self.region is not None and len(cells) > 1 and any(len(row) == len(cells) for row in self.region)

    def _date_only(self):
        """A block holding only a date line: it dates the table-held block that follows."""
        assert self.region is not None
        filled = [cells for cells in self.region if cells and any(t.strip() for lines in cells for t in lines)]
        if len(filled) == 1 and len(filled[0]) == 1 and date_line(" ".join(filled[0][0])):
            return [filled[0]], [self.region_at[self.region.index(filled[0])]]
        return None

    def _close_region(self) -> None:
        if self.region:
            signers = read_block(self.region, self.region_at, self.diagnostics)
            doc = self._document()
            doc.signers.extend(signers)
            doc.signed_after_tables |= bool(doc.tables) and any(signer.name for signer in signers)
        self.region, self.region_at, self.region_grid = None, [], None

    # --- text lines ---------------------------------------------------------

    def text(self, item: Text) -> None:
        """A text line; in a text file, a line that opens like a row spanning the open table (``KEGIATAN 3355:
        …``, ``Sasaran Strategis 1. …``) is held: it is that row if the table's rows go on under it."""
        self._release_span()
        table = self.table
        if table is not None and item.line is not None and spans_table(item.text):
            self.held_span = item
            return
        self._text(item)

    def _release_span(self, row: Row | None = None) -> None:
        """The line held by ``text``: a row of the open table when ``row`` goes on under it, else a text line."""
        held, self.held_span = self.held_span, None
        if held is None:
            return
        table = self.table
        if row is not None and table is not None and (row.grid == table.grid or len(row.cells) == table.width):
            table.add(Row([held.text.strip()] + [""] * (table.width - 1), table.grid, held.line, held.where), self.diagnostics)
        else:
            self._text(held)

    def _text(self, item: Text) -> None:
        stripped = item.text.strip()
        if stripped:
            self.text_between = True
        if not stripped:
            if self.doc is not None:
                self.doc.unit_line_open = False  # a unit's name goes on only on the very next line
            if self.region is not None and self.region_grid is None:
                self._region_add([], item.line, item.where, None)
            return
        if self.table is not None or self.programs is not None:
            self._close_table()
            self._close_programs()
            after_table = True
        else:
            after_table = False
        if self.region is not None and self.region_grid is not None:
            self._close_region()
        title = title_of(stripped)
        if title is not None:
            self._title(title, stripped, item)
            return
        if self.held_title is not None and is_title_continuation(stripped):
            self.held_title[1].append(stripped)
            return
        if self.title_open and self.doc is not None and is_title_continuation(stripped) and not self.doc.tables:
            self.doc.title_line(stripped, None, None)
            return
        self.title_open = False
        if self._label(stripped, item):
            return
        named = party_named(stripped)
        if named is not None:
            self._party(named)
            return
        doc = self.doc
        if after_table or self.region is not None or (doc is not None and doc.tables and not self.table) \
                or date_line(stripped) or party_of(stripped.rstrip(",:")):
            self._region_add([(stripped,)], item.line, item.where, None)
        else:  # anything else is prose (a cover, a statement, a footnote): read, and not part of the plan
            self.prose.append(stripped)

    def _title(self, title, text: str, item: Text) -> None:
        if self.first_title is None:
            self.first_title = title.kind
            if title.kind == "report":
                self.report_title = text
            if title.kind == "lkj" and (held := self._measures_held()) is not None:
                self._title(title, text, item)  # the report's title (a page footer, under a scanned cover) …
                header, (opening, *rows) = held
                self.rows -= len(rows)
                self._header(header, opening)  # … over the table it measures by
                for row in rows:
                    self.row(row)
                return
        doc = self.doc
        if doc is not None and doc.tables:
            self._close_region()  # a signature block above ends with the title: it signs the open document
            if _goes_on(doc, title, text):
                # a running header or a chapter heading of the open document, unless identity labels
                # (or a plan table of another kind of document) follow it
                self.held_title = (title, [text], item)
                return
        if doc is not None and (doc.tables or (doc.title_kind not in (None, title.kind) and doc.signers)):
            self._finish()
            doc = None
        self._close_region()
        if doc is None:
            doc = self._document(item.line, item.where)
            doc.above = tuple(self.prose)
            self.prose.clear()
        else:
            doc.title_parts = []  # a title again before any table (a cover, a PK's lampiran): the later one is the title
        doc.title_line(text, title.kind, title.rest)
        self.title_open = True

    def _label(self, text: str, item) -> bool:
        if self.pending and text.startswith(":"):
            self._value(self.pending.pop(0), text[1:].strip(), item)
            return True
        label = label_of(text)
        if label is None:
            return False
        if label.kind in ("unit", "year"):
            held, self.held_title = self.held_title, None
            if self.doc is not None and self.doc.tables:
                self._finish()
            self._close_region()
            doc = self._document(item.line, item.where)
            if held is not None and not doc.title_parts:  # the title above opened this document after all
                title, lines, at = held
                doc.line, doc.where = at.line, at.where
                doc.title_line(lines[0], title.kind, title.rest)
                for line in lines[1:]:
                    doc.title_line(line, None, None)
        elif self.region is not None:
            return False  # "Nama :" inside a signature block belongs to it
        if label.value is None:
            self.pending.append(label.kind)
        else:
            self._value(label.kind, label.value, item)
        return True

    def _value(self, kind: str, value: str, item) -> None:
        doc = self._document(item.line, item.where)
        if kind == "unit":
            doc.units.setdefault("label", value)
        elif kind == "year":
            year = title_year(value)
            if year is None:
                doc.year_text = value
            else:
                doc.years.setdefault("label", year)
            period = title_period(value)
            if period is not None:
                doc.period = period
        else:
            if kind == "name" and self.party.get("name"):
                self.party = {}  # a new party's name before the last was named
            self.party.setdefault(kind, value)
            self.party.setdefault("at", (item.line, item.where))

    def _party(self, party: str) -> None:
        if self.party:
            line, where = self.party.get("at", (None, None))
            self._document(line, where).statement.setdefault(party, Party(
                self.party.get("name"), self.party.get("role"), self.party.get("nip"), self.party.get("rank"), line, where))
        self.party = {}

    # --- table rows ---------------------------------------------------------

    def row(self, item: Row) -> None:
        self._release_span(item)
        previous, self.previous = self.previous, item
        self.opening, self.held_title = self.held_title, None
        self.title_open = False
        self.rows += 1
        if self.rows > self.max_rows:
            raise PlanError("too-many-rows", path=self.path, line=item.line, limit=self.max_rows)
        context = self.context
        if context is not None and context["report"] and item.grid == context["grid"]:
            context["rows"] += 1  # a row of a report's table: not read, counted
            if "held" in context:
                context["held"].append(item)
            return
        cells = item.cells
        joined = "\t".join(cells)
        first = cells[0]
        if not (first[:1].isdigit() and first.isdigit()) and maybe_header(joined):  # a goal's row starts with its number
            header = header_of(tuple(spread(cells, item.merged)))
            if header is not None:
                if previous is not None and previous.grid == item.grid and header.kind == "indicators":
                    header = self._levels(header, previous)
                self._header(header, item)
                return
        if self.bands and tuple(cells) in self.bands:
            return  # a cascade's row of levels repeated over its header on a new page
        if self.glued:
            item, cells = self._unglued(item)
        table = self.table
        if table is not None:
            if item.grid == table.grid or (self.region is None and len(cells) == table.width and not is_signature_row(cells, item.lines)):
                if table.after_header and self._under_header(table, item):
                    return
                indicator_at = table.indicator_at
                if not (item.line is not None and "," in joined and not (indicator_at is not None and indicator_at < len(cells) and cells[indicator_at].strip())
                        and sum(1 for c in cells if c.strip()) <= 2 and is_signature_row(cells, None)):
                    table.grid = item.grid
                    table.add(item, self.diagnostics)  # the common case: one more row of the table
                    return
                # a two-column signature block right under a text table (a PK's parties)
            self._close_table()
        if self.programs is not None:
            width = len(self.programs.header.columns)  # a currency mark's own column is one the header may name or not
            fits = len(cells) == width or len(currency_joined(cells)) == width
            if not self.programs.rows and fits and item.grid != self.programs.grid:
                self.programs.grid = item.grid  # the body set apart from its header line (unruled, read line by line)
            same = item.grid == self.programs.grid or (fits and not is_signature_row(cells, item.lines))
            if same and self.programs.add(item):  # its own rows, or its rows on the next page
                return
            self._close_programs()
        if self._label_row(item):
            return
        text_mode = item.line is not None
        in_region = self.region is not None and (self.region_grid is None if text_mode else
                                                 self.region_grid == item.grid or self._region_goes_on(cells)
                                                 or goes_on_signing(cells))  # roles, names, ranks under its date line
        if in_region or is_signature_row(cells, item.lines):
            self._region_add(lines_of(cells, item.lines), item.line, item.where, None if text_mode else item.grid)
            return
        if any(cell.strip() for cell in cells):
            self._unplaced(item)

    # --- tables that are no plan table -------------------------------------

    def _unplaced(self, item: Row) -> None:
        """A row the reader cannot place: counted with the rows around it that cannot be placed either (a table,
        or a stretch of them a PDF cuts into many), which become one diagnostic."""
        context = self.context
        after = self.doc is not None and bool(self.doc.tables)
        apart = item.grid not in context["grids"] and (self.text_between or item.line is not None) if context is not None else True
        if context is None or context["report"] or context["after"] != after or apart:
            self._close_context()
            after = self.doc is not None and bool(self.doc.tables)
            context = self.context = {"grid": item.grid, "grids": set(), "line": item.line, "where": item.where, "rows": 0, "plan_like": 0,
                                      "report": None, "text": "\t".join(c for c in item.cells if c.strip()), "after": after}
        context["grids"].add(item.grid)
        self.text_between = False
        context["rows"] += 1
        context["plan_like"] += looks_like_plan_row(item.cells)
        if self.doc is not None and self.doc.title_kind == "lkj" and context["rows"] <= MAX_BANDS + 1:
            context.setdefault("kept", []).append(item)  # an LKj's scale of categories, maybe

    def _open_report_table(self, header: Header, item: Row, report: str | None = "") -> None:
        """A report's table, counted and not read; ``report`` names its report columns (None: an LKj's
        table that measures nothing)."""
        context, key = self.context, tuple(column.name for column in header.columns)
        if context is not None and context["report"] and context.get("key") == key:
            context["rows"] += 1  # the report's header repeated on a new page
            context["grid"] = item.grid
            context["grids"].add(item.grid)
            return
        self._close_table()
        self._close_programs()
        self._close_context()
        held = {"header": header, "held": [item]} if self.first_title is None and self.doc is None and measures_only(header.report) else {}
        self.context = {**held, "grid": item.grid, "grids": {item.grid}, "line": item.line, "where": item.where, "rows": 0, "plan_like": 0,
                        "report": (", ".join(header.report) if report == "" else report) or UNMEASURED,
                        "text": "\t".join(dict.fromkeys(c for c in item.cells if c.strip())),
                        "after": False, "key": key}

    def _close_context(self) -> None:
        context, self.context = self.context, None
        if context is None:
            return
        self.context_tables.append(context)
        if "kept" in context and context["rows"] == len(context["kept"]) and self.doc is not None and not self.doc.scale \
                and (bands := scale_of(context["kept"])):
            self.doc.scale = bands  # read: the report's own scale, not a table passed over
            return
        if context["report"] == UNMEASURED:
            problem = "lkj table without realisation"
        elif context["report"]:
            problem = "report table"
        elif context["plan_like"] >= max(2, context["rows"] // 2):
            problem = "table after the signature block" if context["after"] else "table before any table header"
        else:
            problem = "context table"
        context["diagnostic"] = Diagnostic.model_construct(line=context["line"], cell=context["where"] if context["line"] is None else None,
                                                           problem=problem, text=context["text"], rows=context["rows"])
        self.diagnostics.append(context["diagnostic"])

    def _measures_held(self) -> tuple[Header, list[Row]] | None:
        """The header and rows (its header row first) of a table measuring by Realisasi and Capaian read before
        any title (an LKj whose cover is a scan), taken back from the tables not read, its diagnostic withdrawn."""
        if self.context is not None and "held" in self.context:
            context, self.context = self.context, None
            return context["header"], context["held"]
        last = self.context_tables[-1] if self.context_tables else None
        if last is None or "held" not in last:
            return None
        self.context_tables.pop()
        self.diagnostics[:] = [d for d in self.diagnostics if d is not last["diagnostic"]]  # no table before it holds an index
        return last["header"], last["held"]

    def _unglued(self, item: Row) -> tuple[Row, list[str]]:
        """The first row under a repeated header, given back the text its header cells took from it."""
        glued, self.glued = self.glued, {}
        cells = list(item.cells)
        for at, text in glued.items():
            if at < len(cells) and not cells[at].strip():
                cells[at] = text
        return item._replace(cells=cells, lines=None, merged=None), cells

    def _levels(self, header: Header, band: Row) -> Header:
        """The header with a cascade's row of levels above it folded in (see ``with_levels``); that row,
        read alone a moment ago as a table nobody could place, is part of the header."""
        levelled = with_levels(header, band.cells, band.merged)
        if levelled is None:
            return header
        context = self.context
        if context is not None and context["rows"] == 1 and (context["line"], context["where"]) == (band.line, band.where):
            self.context = None
        self.bands.add(tuple(band.cells))
        return levelled

    def _header(self, header: Header, item: Row) -> None:
        in_lkj = (self.doc.title_kind if self.doc is not None and self.doc.title_kind else self.first_title) == "lkj"
        if header.kind == "indicators" and in_lkj != measures_only(header.report):
            # a report's table (Realisasi, Capaian) inside a plan, or an LKj's table that measures nothing
            # (the PK it restates, its IKU): context, not read
            self._open_report_table(header, item, None if in_lkj else ", ".join(header.report))
            return
        if header.report and not in_lkj:
            self._open_report_table(header, item)
            return
        context = self.context
        if context is not None and context["report"] and context.get("key") == tuple(column.name for column in header.columns):
            self._open_report_table(header, item)  # a report's header (its lower row names Realisasi) on a new page
            return
        self._close_context()
        if header.kind == "programs":
            self._close_table()
            self._close_region()
            self.programs = Programs(header, item.grid)
            self._document(item.line, item.where).programs.append(self.programs)
            return
        table = self.table
        if table is None and self.doc is not None and self.doc.tables and self.region is None:
            table = self.doc.tables[-1]  # the page's footer or running header between: the same table may go on
        if table is not None and _same_header(header, table.written):
            self.table = table
            table.after_header = True  # the header repeated after a page break
            table.grid = item.grid
            self.glued = {at: new.name[len(old.name):].strip() for at, (new, old) in enumerate(zip(header.columns, table.written.columns))
                          if new.name != old.name}
            return
        if self.report_title is not None:
            raise PlanError("report-title", path=self.path, title=repr(self.report_title))
        opening, self.opening = self.opening, None
        if self.doc is not None and self.doc.tables and opening is not None \
                and not (not self.doc.signed_after_tables and _own_title(self.doc, opening[1][0])) \
                and (any(signer.name for signer in self.doc.signers) or _other_kind(self.doc, opening)):
            self._finish()  # a title over a table after a signed document, or naming another kind, starts the next one
        self._close_region()
        self._close_programs()
        doc = self._document(item.line, item.where)
        if opening is not None and not doc.title_parts and not doc.tables:
            title, lines, at = opening
            doc.title_line(lines[0], title.kind, title.rest)
            for line in lines[1:]:
                doc.title_line(line, None, None)
        if not doc.tables:
            doc.line, doc.where = item.line, item.where
        self.title_open = False
        self.table = Table(header, item.grid, item.line, item.where)
        doc.tables.append(self.table)

    def _under_header(self, table: Table, item: Row) -> bool:
        """Right under a header: a further header row (folded in), the column-number row, a blank row or a
        header's total line (skipped). Under a header repeated on a new page these are skipped, and a row
        with only a target goes on from the page before. A folded header naming Realisasi or Capaian makes
        the table a report's."""
        cells = item.cells
        if is_column_numbers(cells):
            return True
        identity = any(cells[at].strip() for at in table.names_at if at < len(cells))
        above = [c.name for c in table.top.columns]
        band = is_subheader(cells, above, item.merged) or \
            (header_like(cells, item.merged) and (not identity or any(is_report_column(cell) for cell in cells)))
        if table.goals:  # the header repeated on a new page: its lower rows were folded in already
            if band or not (identity or _continued(table, cells)):
                return True
        elif band:
            header = fold(table.top, above, cells, item.merged)
            if header.report:
                self._report_after_all(table, header, item)
            else:
                table.refold(header)
            return True
        elif not identity:
            return True  # no goal, number or indicator: a blank row, or a total printed under the header
        table.after_header = False
        return False

    def _report_after_all(self, table: Table, header: Header, item: Row) -> None:
        """A table whose header's lower row names Realisasi or Capaian: a report's, not read as a plan."""
        doc = self.doc
        if doc is not None and table in doc.tables:
            doc.tables.remove(table)
        self.table = None
        self._open_report_table(header._replace(columns=table.written.columns), Row(table.top_cells, item.grid, table.line, table.where))
        self.context["rows"] += 1  # type: ignore[index]

    def _label_row(self, item: Row) -> bool:
        """``Unit Kerja | : | Dinas X`` or ``Nama | : SURATNO``: an identity or party line laid out in cells."""
        filled = [cell.strip() for cell in item.cells if cell.strip()]
        if not 2 <= len(filled) <= 3:
            return False
        joined = filled[0] + " : " + " ".join(part.lstrip(":").strip() for part in filled[1:] if part != ":")
        if self._label(joined, item):
            return True
        return filled[1].startswith(":")  # another line of an identity table (Tugas, Fungsi): read, not a plan row

    def finish(self) -> Plan:
        self._release_span()
        self._finish()
        if not self.documents:
            reports = [table["report"] for table in self.context_tables if table["report"] and table["report"] != UNMEASURED]
            if reports:
                raise PlanError("report-columns", path=self.path, columns=", ".join(dict.fromkeys(reports)))
            if self.first_title == "lkj":
                raise PlanError("lkj-without-measures", path=self.path)
            raise PlanError("no-plan-table", path=self.path)
        return Plan.trusted(schema_version=2, path=self.path, documents=tuple(self.documents), diagnostics=tuple(self.diagnostics), suppress=())


def _continued(table: Table, cells: list[str]) -> bool:
    """Under a header repeated on a new page, a row with only a target goes on from the last row of the
    page before (its wrapped target)."""
    return bool(table.goals) and any(cells[at].strip() for at in table.target_columns if at < len(cells))


def _other_kind(doc: _Document, held) -> bool:
    """A title held over a plan table names another kind of document than the open one's (an RKT, then a PK)."""
    if held is None:
        return False
    kind = held[0].kind
    return kind in DOCUMENT_TYPES and doc.title_kind in DOCUMENT_TYPES and kind != doc.title_kind


def _join_wrapped_goals(tables: list[Table]) -> None:
    """A table that begins with the end of the last goal of the table before it (a goal's cell wrapped over a
    page break, the next page's table read apart): that text goes back to the goal it ends, and is no goal."""
    for before, table in zip(tables, tables[1:]):
        if not before.goals or not table.goals or before.written.columns != table.written.columns:
            continue
        first, last = table.goals[0], before.goals[-1]
        if (first["auto"] or not first["number"]) and not first["indicators"] and first["text"] and continues(last["text"], first["text"]):
            last["text"] = join_wrapped(last["text"], first["text"])
            table.goals.pop(0)


def _names_unit(rest: str) -> bool:
    """A title's rest names a unit: words of three letters or more once the year and joining signs are gone."""
    unit = unit_in_title(rest) or ""
    return any(len(word) >= 3 for word in words_of(unit))


def _own_title(doc: _Document, text: str) -> bool:
    """The line is the open document's title word for word (a running header)."""
    return bool(doc.title_parts) and " ".join(unspaced(text).replace("*", " ").split()).lower() == doc.title_parts[0].lower()


def _goes_on(doc: _Document, title, text: str) -> bool:
    """Under a title line, the open document (tables read, not yet signed) may go on: a running header,
    a lampiran's heading, a chapter heading of a long plan. A signed document is complete, unless it was
    signed only above its tables (a long plan's foreword) and the line is its own title word for word
    (its running header) or a heading of its kind naming no year and no unit; identity labels after it
    still begin another document."""
    if title.kind in ("report", "lkj") and doc.title_kind != title.kind:
        return True  # a report's heading inside a plan (an evaluation chapter): the plan goes on
    if title.kind == "lkj":
        return True  # an LKj's running header (LKjIP … Tahun 2019 29) between its pages
    if not doc.signed_after_tables and _own_title(doc, text):
        return True
    if not doc.signed_after_tables and doc.title_kind == title.kind and title_year(title.rest) is None and not _names_unit(title.rest):
        return True  # a chapter heading of the open plan (RENCANA KERJA & PENDANAAN): no year, no unit
    year = title_year(title.rest)
    known = doc.years.get("title") or doc.years.get("label")
    if doc.title_kind == title.kind and year is not None and known is not None and year != known:
        return False  # the same kind of document for another year: the next document
    return not any(signer.name for signer in doc.signers)


def looks_like_plan_row(cells: list[str]) -> bool:
    """A row that reads as an indicator with its target (a measure word starts a cell, a short cell holds a
    number): counted so that a plan table the reader cannot place is reported, and a context table is not."""
    measured = any(starts_with_any(words_of(cell), measure_words()) for cell in cells if cell.strip())
    valued = any(len(cell.strip()) <= 24 and any(ch.isdigit() for ch in cell) for cell in cells)
    return measured and valued


def _same_header(header: Header, written: Header) -> bool:
    """The header row repeated on a new page: the same names, where a cell may have the first row's text
    glued under its name (a PDF whose rule between the header and the first row is missing there)."""
    if len(header.columns) != len(written.columns):
        return False
    for new, old in zip(header.columns, written.columns):
        name, before = new.name.lower(), old.name.lower()
        if name != before and not (before and name.startswith(before + " ") and new.role == old.role):
            return False
    return True


def recognise(items: Iterable[Item], path: str, max_rows: int) -> Plan:
    """Read a document's blocks into a Plan; PlanError when it holds no plan table or is a report.
    A file with no plan table whose blocks are labelled lists of indicators (lists.py) is read as those."""
    if not isinstance(items, list):
        return _recognise(items, path, max_rows)
    try:
        return _recognise(items, path, max_rows)
    except PlanError as error:
        if error.key != "no-plan-table":
            raise
        listed = as_rows(items)
        if listed is None:
            raise
        return _recognise(listed, path, max_rows)


def _recognise(items: Iterable[Item], path: str, max_rows: int) -> Plan:
    reader = _Recogniser(path, max_rows)
    text, row, diagnostics = reader.text, reader.row, reader.diagnostics
    max_cell = limits().max_cell
    for item in items:
        if item.__class__ is Row:
            if max(map(len, item.cells)) > max_cell:
                _too_long(item, path, max_cell)
            table, first = reader.table, item.cells[0]
            if table is not None and item.grid == table.grid and not table.after_header and first[:1].isdigit() and first.isdigit() \
                    and reader.rows < max_rows and reader.held_title is None:
                reader.rows += 1
                table.add(item, diagnostics)  # a numbered row of an open table: no header, no signature (the common case)
            else:
                row(item)
        else:
            if len(item.text) > max_cell:  # type: ignore[union-attr]  # a Text, as below
                _too_long(item, path, max_cell)
            text(item)  # type: ignore[arg-type]  # not a Row: a Text (the class test is the loop's cheapest)
    return reader.finish()


def _too_long(item: Item, path: str, limit: int) -> None:
    """--max-cell for every format: the reader's blocks are measured as they stream in, naming where."""
    if item.where:
        raise PlanError("cell-too-long-at", path=path, line=item.line, where=item.where, limit=limit)
    raise PlanError("cell-too-long", path=path, line=item.line, limit=limit)
