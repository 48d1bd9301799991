"""An indicator table's rows → goals and indicators.

The header gives each column its role (header.py). A row with a goal number or
goal text starts a goal; a row with both empty (or repeating the goal above, as
Word repeats a merged cell) adds an indicator to it. The goal's Tujuan and Misi
are carried down the same way. A row whose only text names a group
(``PROGRAM …``, ``KEGIATAN 3355: …``) is the group of the rows under it, never
a goal. Target cells are read with the indicator's wording, the row's Satuan
and the header's own hints (``Target %``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...model import NO_TARGET_COLUMN, Diagnostic, Goal, Indicator, Target, build
from ..targets import read_cell, read_target, is_percent_indicator
from .blocks import Row
from .header import Header
from .words import column_lists, starts_with_any, words_of

_NUMBER = re.compile(r"^[\(\[]?((?:\d{1,3}|[IVXLC]{1,6}|[A-Za-z])(?:\.\d{1,3})*)[\.\)\]]?$")


def goal_number(text: str) -> str | None:
    """``1``, ``1.``, ``(2)``, ``1.2``, ``IV``, ``a.`` as the number written; None for any other text."""
    match = _NUMBER.match(text.strip())
    return match.group(1) if match else None


class Table:
    """One indicator table being read. Each goal is built when its row is read, its
    indicators gathered in a list of their own (``indicators``, one per goal) and
    set on it once the table is done (``goal_nodes``)."""

    def __init__(self, header: Header, grid: int, line: int | None, where: str | None):
        self.header = header
        self.top = header  # the header row as written, before a second row is folded in
        self.grid = grid
        self.line, self.where = line, where
        self.goals: list[dict] = []
        self.after_header = True  # a second header row or the column-number row may follow
        self.tujuan: str | None = None
        self.misi: str | None = None
        self.group: str | None = None
        self._columns()

    def _columns(self) -> None:
        (self.width, self.number_at, self.goal_at, self.tujuan_at, self.misi_columns, self.indicator_at, self.unit_at,
         self.target_at, self.year_targets, self.percent_header, self.extra_positions) = _positions(self.header)
        self.roles = (self.number_at, self.goal_at, self.indicator_at, self.target_at, self.unit_at)
        self.carries = bool(self.misi_columns or self.tujuan_at is not None or self.year_targets)
        self.years, self.action_plan = self.header.years, self.header.action_plan

    def refold(self, header: Header) -> None:
        """The header with its second row folded in (years, months)."""
        self.header = header
        self._columns()

    @property
    def has_targets(self) -> bool:
        return self.target_at is not None or bool(self.year_targets)

    def add(self, row: Row, diagnostics: list[Diagnostic]) -> None:
        """One data row of the table: the hot path of reading, kept plain (roles' columns unpacked once)."""
        cells = row.cells
        if row.merged is not None:  # a cell covered by a merged neighbour holds nothing of its own
            cells = ["" if covered else cell for cell, covered in zip(cells, row.merged)] + cells[len(row.merged):]
        if len(cells) != self.width:
            width = self.width
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            elif any(cell.strip() for cell in cells[width:]):
                diagnostics.append(_diagnostic(row, "row has more cells than the header", "\t".join(row.cells)))
                return
        number_at, goal_at, indicator_at, target_at, unit_at = self.roles
        number = cells[number_at].strip() if number_at is not None else ""
        goal_text = cells[goal_at].strip() if goal_at is not None else ""
        indicator_text = cells[indicator_at].strip() if indicator_at is not None else ""
        written = cells[target_at].strip() if target_at is not None else ""
        year_cells = None
        if self.carries:  # Misi, Tujuan or a target per year: columns most tables do not have
            year_cells = self._carry(cells)
        extra = {name: cells[i].strip() for name, i in self.extra_positions if cells[i].strip()} if self.extra_positions else {}
        content = indicator_text or written or extra or (year_cells and any(year_cells.values()))
        if not content:
            if not (number or goal_text) or self._group(number, goal_text):
                return  # an empty row, one carrying a Misi or Tujuan down, or a group row (PROGRAM …)
        if number and not (number.isdigit() and number.isascii()):
            parsed = goal_number(number)
            if parsed is not None:
                number = parsed
            elif not goal_text:
                goal_text, number = number, ""  # text in the number column: the goal written one column early
        goals = self.goals
        if number or goal_text:
            current = goals[-1] if goals else None
            if current is None or goal_text != current["text"] or number not in ("", current["number"]):  # Word repeats a merged cell
                if number_at is None and not number:
                    number = str(len(goals) + 1)
                goals.append({"number": number, "text": goal_text, "line": row.line,
                              "cell": row.located(goal_at if goal_at is not None else 0) if row.refs is not None else row.where,
                              "tujuan": self.tujuan, "misi": self.misi, "group": self.group, "indicators": []})
        elif not goals:
            diagnostics.append(_diagnostic(row, "continuation row before any goal", "\t".join(row.cells)))
            return
        if not content:
            return
        unit = cells[unit_at].strip() if unit_at is not None else ""
        if unit:
            extra["Satuan"] = unit
        if year_cells is not None:
            target, targets = self._targets(written, year_cells, indicator_text, unit, self.percent_header or is_percent_indicator(indicator_text))
        elif target_at is None:
            target, targets = _NO_TARGET, {}
        elif unit:
            target, targets = read_cell(written, indicator_text, unit), {}
        elif self.percent_header:  # "Target %": the header writes the sign once for every cell under it
            target, targets = read_cell(written, indicator_text, "%"), {}
        else:
            target, targets = read_target(written, is_percent_indicator(indicator_text)), {}
        located = row.located(target_at if target_at is not None else (indicator_at or 0)) if row.refs is not None else row.where
        goals[-1]["indicators"].append(build(Indicator, {"text": indicator_text, "line": row.line, "cell": located, "target": target,
                                                          "targets": targets, "extra": extra, "supports": ()}))

    def _carry(self, cells: list[str]) -> dict | None:
        """Carry the row's Misi and Tujuan down to the goals under them; its targets per year."""
        if self.misi_columns:
            misi = " ".join(cells[i].strip() for i in self.misi_columns if cells[i].strip())
            if misi:
                self.misi = misi
        if self.tujuan_at is not None and cells[self.tujuan_at].strip():
            self.tujuan = cells[self.tujuan_at].strip()
        return {year: cells[at].strip() for year, at in self.year_targets} if self.year_targets else None

    def _group(self, number: str, goal_text: str) -> bool:
        """A row naming the group of the rows under it (PROGRAM …, KEGIATAN 3355: …)."""
        text = goal_text or number
        if goal_number(number) is not None and goal_text:
            return False  # a numbered goal that has no indicator: a goal, reported as such
        words = words_of(text)
        if starts_with_any(words, column_lists()["group_words"]) and len(words) > 1:
            self.group = text
            return True
        return False

    def _targets(self, written: str, year_cells: dict, indicator_text: str, unit: str, hint: bool) -> tuple[Target, dict]:
        """The plan's target and one per year, where the table has a column per year."""
        targets = {str(year): _read(raw, indicator_text, unit, hint) for year, raw in year_cells.items()}
        if self.target_at is not None and self.target_at not in [at for _, at in self.year_targets]:
            return _read(written, indicator_text, unit, hint), targets
        return targets[str(self.year_targets[0][0])], targets

    def goal_nodes(self) -> list[Goal]:
        """The goals read, each a node: its fields are the dict the row filled, its indicators made a tuple."""
        for values in self.goals:
            values["indicators"] = tuple(values["indicators"])
        return [build(Goal, values) for values in self.goals]


@lru_cache(maxsize=1024)
def _positions(header: Header) -> tuple:
    """Where each role's column is: worked out once per distinct header (plans of a batch share a few)."""
    number_at, goal_at, indicator_at, unit_at = header.at("number"), header.goal_at, header.at("indicator"), header.at("unit")
    tujuan_at = header.at("tujuan") if goal_at != header.at("tujuan") else None
    misi_columns = tuple(i for i in header.all("misi") if i != goal_at)
    targets = header.target_columns
    target_at = targets[0] if targets else None
    year_targets = tuple((header.columns[i].year, i) for i in targets if header.columns[i].year is not None)
    if len(targets) > 1 and len(year_targets) < len(targets):  # "Target" beside "Target 2024": the plain one is the plan's
        target_at = next(i for i in targets if header.columns[i].year is None)
    percent_header = header.columns[target_at].percent if target_at is not None else False
    used = {number_at, goal_at, tujuan_at, indicator_at, unit_at, *misi_columns, *targets}
    extra_positions = tuple((column.name or f"kolom {i + 1}", i) for i, column in enumerate(header.columns) if i not in used)
    return (len(header.columns), number_at, goal_at, tujuan_at, misi_columns, indicator_at, unit_at, target_at, year_targets,
            percent_header, extra_positions)


def _read(raw: str, indicator_text: str, unit: str, percent_hint: bool) -> Target:
    if unit:
        return read_cell(raw, indicator_text, unit)
    return read_target(raw, percent_hint)


_NO_TARGET = Target.trusted(raw="", kind="missing", value=None, unit=None, grade=None, parts=(), unit_written=False,
                            comparator=None, low=None, high=None, problem=NO_TARGET_COLUMN, per=None)


def _diagnostic(row: Row, problem: str, text: str) -> Diagnostic:
    return Diagnostic.model_construct(line=row.line, cell=row.where if row.line is None else None, problem=problem, text=text)
