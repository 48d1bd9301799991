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

from ...model import LIST_HEADING, NO_TARGET_COLUMN, Diagnostic, Goal, Indicator, Target, build
from ..targets import read_cell, read_target, is_percent_indicator
from .blocks import Row, spans_row
from .header import Header
from .lkj import measure_of, names_average
from .words import after_words, column_lists, columns, starts_with_any, words_of

_NUMBER = re.compile(r"^[\(\[]?((?:\d{1,3}|[IVXLC]{1,6}|[A-Za-z])(?:\.\d{1,3})*)[\.\)\]]?$")
# A budget code (kode rekening): urusan, a two-digit bidang urusan, then program, kegiatan, sub kegiatan;
# a region may put a letter before it ("A.7.02.02"). A goal's own number ("1.1.2") has no two-digit bidang.
_CODE = re.compile(r"^(?:[A-Za-z]\.)?\d{1,2}\.\d{2}(?:\.[0-9A-Za-z]{1,4})*$")
PROGRAM_DEPTH = 3  # urusan . bidang . program


def code_depth(number: str) -> int | None:
    """How deep a budget code goes (3: a program, 5 and more: a kegiatan or sub kegiatan); None for a goal's number.
    A code wrapped onto two lines is read whole ("1.03.10.1.01.0 5")."""
    code = re.sub(r"(?<=[0-9.])\s+(?=[0-9.])", "", number.strip())
    if not _CODE.match(code):
        return None
    return code.count(".") + (0 if code[:1].isdigit() else -1) + 1


_CODED = re.compile(r"^(\S+)\s*[–—-]?\s+(\S.*)$", re.DOTALL)


def _coded(text: str) -> tuple[str, str]:
    """(budget code, name) of a cell opening with a budget code (``1.02.01 – PROGRAM PENUNJANG``); ("", text) otherwise."""
    found = _CODED.match(text)
    if found is None or code_depth(found.group(1)) is None:
        return "", text
    return found.group(1), found.group(2).strip()


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
        self.written = header  # the header row as written: the same row again is the header repeated on a new page
        self.top = header  # the header with the rows under it folded in so far
        self.grid = grid
        self.line, self.where = line, where
        self.goals: list[dict] = []
        self.after_header = True  # a second header row or the column-number row may follow
        self.tujuan: str | None = None
        self.misi: str | None = None
        self.group: str | None = None
        self.orphans: list[int] | None = None  # [where its diagnostic is, rows] for the rows before any goal
        self.outputs_before = 0  # program and kegiatan rows before any goal: the detail of delivery
        self.last_grid: int | None = None  # the grid (table on one page) of the data row read last
        self._columns()

    def _columns(self) -> None:
        (self.width, self.number_at, self.goal_at, self.tujuan_at, self.misi_columns, self.indicator_at, self.unit_at,
         self.target_at, self.year_targets, self.percent_header, self.extra_positions) = _positions(self.header)
        self.roles = (self.number_at, self.goal_at, self.indicator_at, self.target_at, self.unit_at)
        self.names_at = [at for at in (self.number_at, self.goal_at, self.indicator_at) if at is not None]
        self.carries = bool(self.misi_columns or self.tujuan_at is not None or self.year_targets)
        self.years, self.action_plan = self.header.years, self.header.action_plan
        self.has_programs = any(column.role == "program" for column in self.header.columns)
        # An LKj's table (a Capaian column): a row naming the average capaian is a row of its own, never wrapped text
        self.averages = any(measure_of(name) == "achievement" for name, _ in self.extra_positions)

    @property
    def top_cells(self) -> list[str]:
        return [column.name for column in self.written.columns]

    def refold(self, header: Header) -> None:
        """The header with a further row folded in (years, months, a column's own name)."""
        self.top = self.header = header
        self._columns()

    @property
    def target_columns(self) -> list[int]:
        return [at for at in (self.target_at, *(at for _, at in self.year_targets)) if at is not None]

    @property
    def has_targets(self) -> bool:
        return self.target_at is not None or bool(self.year_targets)

    def add(self, row: Row, diagnostics: list[Diagnostic]) -> None:
        """One data row of the table: a goal, an indicator, both, or the continuation of the row above."""
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
        for part in self._paragraphs(row, cells):
            self._place(part, row, diagnostics)
        self.last_grid = row.grid

    def _paragraphs(self, row: Row, cells: list[str]) -> list[list[str]]:
        """A row whose indicator cell holds N paragraphs beside N paragraphs in each target cell is N rows
        (a Word cell with one indicator per paragraph); a wrapped indicator beside one target stays one."""
        indicator_at = self.indicator_at
        if not row.paragraphs or row.lines is None or indicator_at is None or indicator_at >= len(row.lines):
            return [cells]
        texts = [line.strip() for line in row.lines[indicator_at] if line.strip()]
        count = len(texts)
        target_columns = self.target_columns
        if count < 2 or not target_columns:
            return [cells]
        split: dict[int, list[str]] = {indicator_at: texts}
        for at in {*target_columns, *([self.unit_at] if self.unit_at is not None else [])}:
            lines = [line.strip() for line in row.lines[at] if line.strip()] if at < len(row.lines) else []
            if len(lines) == count:
                split[at] = lines
            elif at in target_columns and lines:
                return [cells]  # targets that do not pair one to one with the indicators: one indicator, wrapped
        if not any(at in split for at in target_columns):
            return [cells]
        parts = []
        for index in range(count):
            part = [cell if index == 0 or at in split else "" for at, cell in enumerate(cells)]
            for at, lines in split.items():
                part[at] = lines[index]
            if index:  # number, goal, Tujuan and the other columns belong to the first
                for at in range(len(part)):
                    if at not in split and at != self.unit_at:
                        part[at] = ""
            parts.append(part)
        return parts

    def _place(self, cells: list[str], row: Row, diagnostics: list[Diagnostic]) -> None:
        number_at, goal_at, indicator_at, target_at, unit_at = self.roles
        if goal_at is None and (labelled := labelled_goal(cells)) is not None:
            # a table with no goal column whose goals are rows spanning it (Sasaran Strategis 1. …)
            number, text = labelled
            auto = not number
            self.goals.append({"number": number or str(len(self.goals) + 1), "text": text, "line": row.line, "of_tujuan": False,
                               "auto": auto, "cell": row.located(0) if row.refs is not None else row.where, "tujuan": self.tujuan,
                               "misi": self.misi, "group": self.group, "indicators": [], "labelled": True})
            return
        number = cells[number_at].strip() if number_at is not None else ""
        goal_text = cells[goal_at].strip() if goal_at is not None else ""
        indicator_text = cells[indicator_at].strip() if indicator_at is not None else ""
        written = cells[target_at].strip() if target_at is not None else ""
        year_cells = None
        if self.carries:  # Misi, Tujuan or a target per year: columns most tables do not have
            year_cells = self._carry(cells)
        extra = {name: cells[i].strip() for name, i in self.extra_positions if cells[i].strip()} if self.extra_positions else {}
        unit = cells[unit_at].strip() if unit_at is not None else ""
        has_target = bool(written) or bool(year_cells and any(year_cells.values()))
        content = indicator_text or has_target or extra or unit
        if goal_at is None and number and self.goals and self.goals[-1].get("labelled") and indicator_text:
            number = ""  # under a goal written with its label, the No column numbers its indicators
        if not content:
            if not (number or goal_text) or self._group(number, goal_text) or self._spans(row, number or goal_text):
                return  # an empty row, one carrying a Misi or Tujuan down, or a group row (PROGRAM …, one cell across)
        of_tujuan = not goal_text and bool(indicator_text) and self.tujuan_at is not None and bool(cells[self.tujuan_at].strip())
        if of_tujuan:
            goal_text = cells[self.tujuan_at].strip()  # an indicator of the Tujuan itself, beside no Sasaran
        if number and not (number.isdigit() and number.isascii()):
            parsed = goal_number(number)
            if parsed is not None:
                number = parsed
            elif not goal_text:
                goal_text, number = number, ""  # text in the number column: the goal written one column early
        goals = self.goals
        current = goals[-1] if goals else None
        if current is not None and not number:
            # A ruled row under a ruled row of the same page, holding a goal, an indicator and a target of its own,
            # is a row of its own, its number unread (OCR drops a lone digit), not the goal above wrapped.
            own_row = row.merged is not None and row.grid == self.last_grid and bool(indicator_text) and has_target
            if goal_text and goal_text != current["text"] and self._continues_goal(goal_text, current, own_row):
                current["text"] = join_wrapped(current["text"], goal_text)  # the goal's cell wrapped onto this row
                goal_text = ""
            last = current["indicators"][-1] if current["indicators"] else None
            if not goal_text and last is not None and self._continues_indicator(last, indicator_text, has_target, unit, extra):
                last["text"] = join_wrapped(last["text"], indicator_text)  # the indicator's cell wrapped onto this row
                if has_target:
                    last["written"] = join_wrapped(last["written"], written)
                    if year_cells:
                        last["years"] = {year: join_wrapped(last["years"].get(year, ""), raw) for year, raw in year_cells.items()}
                for name, value in extra.items():
                    last["extra"][name] = join_wrapped(last["extra"].get(name, ""), value)
                return
        if goal_text and not number:
            number, goal_text = _coded(goal_text)  # "1.02.01 – PROGRAM …": the code column written into the name
        if number or goal_text:
            if current is None or goal_text != current["text"] or number not in ("", current["number"]):  # Word repeats a merged cell
                auto = number_at is None and not number  # no number written: the reader numbers it (goal_nodes)
                if auto:
                    number = str(len(goals) + 1)
                goals.append({"number": number, "text": goal_text, "line": row.line, "of_tujuan": of_tujuan, "auto": auto,
                              "cell": row.located(goal_at if goal_at is not None else 0) if row.refs is not None else row.where,
                              "tujuan": self.tujuan, "misi": self.misi, "group": self.group, "indicators": []})
        elif not goals:
            first = next((cell.strip() for cell in cells if cell.strip()), "")  # the code may head a Kode or Program column
            if self.has_programs or (first and code_depth(first.split(" ")[0]) is not None):
                # A program's or kegiatan's row (by its budget code, or in a table with a Program column) going on
                # from a page whose goals the reader could not tie to it: the detail of the plan's delivery,
                # counted as such, not a goal.
                self.outputs_before += 1
                return
            self._orphan(row, diagnostics)
            return
        if not content:
            return
        located = row.located(target_at if target_at is not None else (indicator_at or 0)) if row.refs is not None else row.where
        goals[-1]["indicators"].append({"text": indicator_text, "written": written, "years": year_cells, "unit": unit,
                                        "extra": extra, "line": row.line, "cell": located})

    def _orphan(self, row: Row, diagnostics: list[Diagnostic]) -> None:
        """Rows before any goal of the table (a table going on from a page the reader could not tie it to):
        one diagnostic for them all, at the first, counting them."""
        if self.orphans is None:
            self.orphans = [len(diagnostics), 0]
            diagnostics.append(_diagnostic(row, "continuation row before any goal", "\t".join(c for c in row.cells if c.strip())))
        self.orphans[1] += 1
        at, count = self.orphans
        if count > 1 and at < len(diagnostics):
            diagnostics[at] = diagnostics[at].model_copy(update={"rows": count})

    def _continues_goal(self, text: str, current: dict, own_row: bool) -> bool:
        """A goal cell's text that goes on from the goal above rather than starting a new one (in a row of its
        own, only where the text itself says it goes on)."""
        if self.averages and names_average(text):
            return False
        if continues(current["text"], text):
            return True
        if own_row:
            return False
        # A table whose goals carry their number: goal text in a row with no number is the numbered goal's, wrapped
        # (unless that goal is a Tujuan read as one: a Sasaran under it is a goal of its own).
        return self.number_at is not None and bool(current["number"]) and current["text"] != "" and not current["of_tujuan"]

    def _continues_indicator(self, last: dict, text: str, has_target: bool, unit: str, extra: dict) -> bool:
        """A row that carries on the indicator above: its wrapped text, or only its target's wrapped part."""
        if not text:
            return True  # cells with no indicator beside them (a wrapped target, a note): never an indicator of their own
        if has_target or unit or (self.averages and names_average(text)):
            return False
        return continues(last["text"], text)

    def _indicator(self, values: dict) -> Indicator:
        """An indicator built from the cells gathered for it (its own row and any wrapped continuation)."""
        text, written, year_cells, unit, extra = values["text"], values["written"], values["years"], values["unit"], values["extra"]
        if unit:
            extra["Satuan"] = unit
        targets: dict[str, Target]
        if values.get("heading"):
            target, targets = _HEADING, {}  # a list's heading: its indicators below carry the targets
        elif year_cells is not None:
            target, targets = self._targets(written, year_cells, text, unit, self.percent_header or is_percent_indicator(text))
        elif self.target_at is None:
            target, targets = _NO_TARGET, {}
        elif unit:
            target, targets = read_cell(written, text, unit), {}
        elif self.percent_header:  # "Target %": the header writes the sign once for every cell under it
            target, targets = read_cell(written, text, "%"), {}
        else:
            target, targets = read_target(written, is_percent_indicator(text)), {}
        return build(Indicator, {"text": text, "line": values["line"], "cell": values["cell"], "target": target,
                                 "targets": targets, "extra": extra, "supports": (), **NOT_MEASURED})

    def _carry(self, cells: list[str]) -> dict | None:
        """Carry the row's Misi and Tujuan down to the goals under them; its targets per year."""
        if self.misi_columns:
            misi = " ".join(cells[i].strip() for i in self.misi_columns if cells[i].strip())
            if misi:
                self.misi = misi
        if self.tujuan_at is not None and cells[self.tujuan_at].strip():
            self.tujuan = cells[self.tujuan_at].strip()
        return {year: cells[at].strip() for year, at in self.year_targets} if self.year_targets else None

    def _spans(self, row: Row, text: str) -> bool:
        """A ruled row of one cell across the table (``Sasaran Khusus``): it names the group of the rows under it."""
        if not spans_row(row.merged):
            return False
        self.group = text
        return True

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

    @property
    def indicator_name(self) -> str:
        return self.header.columns[self.indicator_at].name if self.indicator_at is not None else ""

    @property
    def activity(self) -> bool:
        """A table of activities' outputs: its indicator column names a kegiatan or sub kegiatan, or every row
        carries a kegiatan's budget code."""
        if self.indicator_at is not None and starts_with_any(words_of(self.header.columns[self.indicator_at].name),
                                                             column_lists()["activity_columns"]):
            return True
        depths = [code_depth(values["number"]) for values in self.goals]
        return bool(depths) and all(depth is not None and depth > PROGRAM_DEPTH for depth in depths)

    def plan_rows(self) -> tuple[list[dict], int]:
        """The rows that are the plan's own, and how many indicators of activities were left out. Where rows carry
        budget codes and some are programs, the program rows are the plan's; the urusan and bidang rows
        above them are headings, and the kegiatan and sub kegiatan rows under them outputs."""
        depths = [code_depth(values["number"]) for values in self.goals]
        if PROGRAM_DEPTH not in depths:
            return self.goals, self.outputs_before
        kept, left = [], self.outputs_before
        for at, (values, depth) in enumerate(zip(self.goals, depths)):
            measured = any(raw["text"] for raw in values["indicators"])
            if depth is not None and depth > PROGRAM_DEPTH:
                left += len(values["indicators"])
            elif depth == PROGRAM_DEPTH and not measured and at + 1 < len(depths) and depths[at + 1] is None:
                continue  # a program row heading the outcome rows under it, which carry the indicators
            elif depth is None or depth == PROGRAM_DEPTH or measured:
                kept.append(values)  # an urusan or bidang urusan row with no indicator of its own: a heading
        return kept, left

    def goal_nodes(self) -> list[Goal]:
        """The goals read, each a node: its fields are the dict the row filled, its indicators made a tuple."""
        goals = []
        counted = 0
        for values in self.plan_rows()[0]:
            indicators = tuple(self._indicator(raw) for raw in _listed(values["indicators"]))
            fields = {key: value for key, value in values.items() if key not in ("of_tujuan", "auto")}
            if values.get("auto"):
                counted += 1
                fields["number"] = str(counted)  # numbered among the rows kept, not among headings left out
            goals.append(build(Goal, {**fields, "indicators": indicators}))
        return goals


_BULLET = re.compile(r"^[·•▪◦‣●○■□*\-–—]\s*")


def _listed(rows: list[dict]) -> list[dict]:
    """Indicators as a list introduces them: a row with no target that ends with a colon (``Persentase
    Capaian INM dan Keselamatan Pasien, meliputi :``) heads the bulleted rows under it, which carry the
    targets: it stays a row of the table (a reviewer reads it so), its target marked as the list's heading
    rather than missing, and is named on each of its items (``extra``: *Bagian dari*). A bullet mark
    opening an indicator's text is no part of its name."""
    out: list[dict] = []
    heading: str | None = None
    for at, raw in enumerate(rows):
        text = raw["text"]
        bulleted = _BULLET.match(text) is not None
        following = rows[at + 1]["text"] if at + 1 < len(rows) else ""
        if not raw["written"].strip() and not any((raw["years"] or {}).values()) and text.rstrip().endswith(":") and _BULLET.match(following):
            heading = text.rstrip(" :")
            out.append({**raw, "heading": True})
            continue
        if bulleted:
            raw = {**raw, "text": _BULLET.sub("", text, count=1)}
            if heading:
                raw["extra"] = {**raw["extra"], "Bagian dari": heading}
        else:
            heading = None
        out.append(raw)
    return out


@lru_cache(maxsize=1024)
def _positions(header: Header) -> tuple:
    """Where each role's column is: worked out once per distinct header (plans of a batch share a few)."""
    number_at, goal_at, indicator_at, unit_at = header.at("number"), header.goal_at, header.at("indicator"), header.at("unit")
    tujuan_at = header.at("tujuan") if goal_at != header.at("tujuan") else None
    misi_columns = tuple(i for i in header.all("misi") if i != goal_at)
    targets = header.target_columns
    if not targets:  # an action plan with no column for the year: its last month or quarter is where the year ends
        targets = [i for i, column in enumerate(header.columns) if column.role == "target" and column.period][-1:]
    target_at = targets[0] if targets else None
    year_targets = tuple((header.columns[i].year, i) for i in targets if header.columns[i].year is not None)
    if len(targets) > 1 and len(year_targets) < len(targets):  # "Target" beside "Target 2024": the plain one is the plan's
        target_at = next(i for i in targets if header.columns[i].year is None)
    percent_header = header.columns[target_at].percent if target_at is not None else False
    used = {number_at, goal_at, tujuan_at, indicator_at, unit_at, *misi_columns, *targets}
    extra_positions = tuple((column.name or f"kolom {i + 1}", i) for i, column in enumerate(header.columns) if i not in used)
    return (len(header.columns), number_at, goal_at, tujuan_at, misi_columns, indicator_at, unit_at, target_at, year_targets,
            percent_header, extra_positions)


# A line that ends with one of these words (or a comma or hyphen) goes on in the next row.
_OPEN_ENDINGS = frozenset({"dan", "atau", "serta", "yang", "di", "ke", "dari", "untuk", "pada", "dalam", "melalui", "terhadap",
                           "bagi", "oleh", "dengan", "sesuai", "secara", "antar", "per", "se", "tentang", "guna", "menuju"})


def continues(above: str, text: str) -> bool:
    """``text`` goes on from ``above`` (a cell wrapped onto the next row): it starts in lower case or
    inside brackets, or ``above`` stops on a comma, a hyphen or a word that needs what follows."""
    first = text.lstrip()[:1]
    if first.islower() or first in "()&,;":
        return True
    end = above.rstrip()
    if not end:
        return False
    if end[-1] in ",-/&(":
        return True
    words = words_of(end)
    return bool(words) and words[-1] in _OPEN_ENDINGS


def join_wrapped(first: str, second: str) -> str:
    """Two pieces of one cell's text wrapped over rows (or a page break): a word hyphenated at the break is whole again."""
    if not first:
        return second
    if not second:
        return first
    return f"{first[:-1]}{second}" if first.endswith("-") and first[-2:-1].isalpha() and second[:1].islower() else f"{first} {second}"


def _read(raw: str, indicator_text: str, unit: str, percent_hint: bool) -> Target:
    if unit:
        return read_cell(raw, indicator_text, unit)
    return read_target(raw, percent_hint)


_NO_TARGET = Target.trusted(raw="", kind="missing", value=None, unit=None, grade=None, parts=(), unit_written=False,
                            comparator=None, low=None, high=None, problem=NO_TARGET_COLUMN, per=None)
_HEADING = _NO_TARGET.model_copy(update={"problem": LIST_HEADING})


def _diagnostic(row: Row, problem: str, text: str) -> Diagnostic:
    return Diagnostic.model_construct(line=row.line, cell=row.where if row.line is None else None, problem=problem, text=text)


NOT_MEASURED = {"realisation": None, "achievement": None, "category": None}  # a plan's indicator: no LKj measures


def labelled_goal(cells: list[str]) -> tuple[str, str] | None:
    """(number, text) of a row whose one filled cell names a goal with its label (``Sasaran Strategis 1.
    Meningkatnya …``, ``SASARAN 2: …``), or None."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) != 1:
        return None
    words = words_of(filled[0])
    label = starts_with_any(words, columns()["goal"])
    if label is None or len(words) <= len(label) + 1:
        return None
    rest = after_words(filled[0], len(label)).strip(" .:-–")
    number = goal_number(rest.split(" ", 1)[0].rstrip(":")) if rest else None
    if number is not None:
        rest = rest.split(" ", 1)[1] if " " in rest else ""
    text = rest.strip(" .:-–")
    return (number or "", text) if text else None


def spans_table(text: str) -> bool:
    """A line that opens as a row spanning a table does: a group (``KEGIATAN 3355: …``, ``PROGRAM …``) or a
    goal named with its label (``Sasaran Strategis 1. …``), more than the label alone."""
    words = words_of(text)
    opening = starts_with_any(words, column_lists()["group_words"]) or starts_with_any(words, columns()["goal"])
    return opening is not None and len(words) > len(opening) + 1
