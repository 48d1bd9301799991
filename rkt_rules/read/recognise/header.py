"""Table headers: which row names the columns, and what each column holds.

A header row names its columns in words (vocabulary/layout.toml [columns]); a
column's role is the role whose phrase is the longest start of its text, so
"TUJUAN/ SASARAN STRATEGIS" is a goal column and "Tujuan" alone a Tujuan column.
A target column may carry its year ("Target 2024"), its unit ("Target %") or
a month or quarter (an action plan). A second header row under the first
(years under "Target", months under "Target Bulan", a "K / % / Rp" row) is
folded into the first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ...vocabulary import derived
from .blocks import spans_row
from .words import column_lists, columns, fuzzy_prefix, longest_prefix, month_number, same_word, starts_with_any, unspaced, words_of

YEAR = re.compile(r"^(19[89]\d|20\d\d|21\d\d)$")
GOAL_ROLES = ("goal", "tujuan", "program", "misi")  # in this order, the column goals are read from
MAX_HEADER_CELL = 120
SUBHEADER_ROLES = frozenset({"target", "budget", "unit", "baseline"})  # a second header row may name these under a spanning cell
YEAR_WORDS = frozenset({"tahun", "th", "thn", "ta", "pada", "target", "anggaran"})  # words beside a year over targets
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?(?:\s*=.*)?$")


class Column(NamedTuple):
    role: str | None      # None: another column, kept in ``extra`` under its name
    name: str             # the header as written
    year: int | None = None
    percent: bool = False
    period: str | None = None  # "month 3", "quarter 2": one of an action plan's columns
    aside: bool = False   # under another level's band (a cascade's PROGRAM or KEGIATAN columns): kept as it is written


class Header(NamedTuple):
    kind: str                    # "indicators" | "programs"
    columns: tuple[Column, ...]
    report: tuple[str, ...] = ()  # columns that make the table a report (Realisasi, Capaian)

    def at(self, role: str) -> int | None:
        return next((i for i, column in enumerate(self.columns) if column.role == role), None)

    def all(self, role: str) -> list[int]:
        return [i for i, column in enumerate(self.columns) if column.role == role]

    @property
    def goal_at(self) -> int | None:
        return _summary(self)[0]

    @property
    def target_columns(self) -> list[int]:
        return list(_summary(self)[1])

    @property
    def action_plan(self) -> bool:
        return _summary(self)[2]

    @property
    def years(self) -> list[int]:
        return list(_summary(self)[3])


@lru_cache(maxsize=1024)
def _summary(header: Header) -> tuple:
    """(goal column, target columns, action plan?, years of the target columns), once per distinct header."""
    goal_at = next((at for at in (header.at(role) for role in GOAL_ROLES) if at is not None), None)
    targets = tuple(i for i, column in enumerate(header.columns) if column.role == "target" and column.period is None)
    years = tuple(sorted({year for year in (header.columns[i].year for i in targets) if year is not None}))
    return goal_at, targets, any(column.period for column in header.columns), years


def _period(words: tuple[str, ...]) -> str | None:
    months = month_number()
    for word in words:
        if word in months:
            return f"month {months[word]}"
    quarters = column_lists()["quarters"]
    for start in range(len(words)):
        phrase = starts_with_any(words[start:], quarters)
        if phrase:
            rest = words[start + len(phrase):]
            number = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}.get(rest[0] if rest else "", None)
            if number is None and len(phrase) > 1:
                number = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(phrase[-1])
            return f"quarter {number}" if number else "quarter"
    return None


@lru_cache(maxsize=4096)
def column_of(text: str) -> Column:
    """The role a header cell's text names (None for any other column)."""
    name = " ".join(unspaced(text.replace("*", " ")).split())
    words = words_of(name)
    if not words:
        return Column(None, name)
    year = next((int(w) for w in words if YEAR.match(w)), None)
    if len(words) == 1 and year is not None:
        return Column("target", name, year)  # a bare year over a column of targets
    role, length = longest_prefix(words, columns())
    if length < len(words):  # a longer phrase misread by OCR or misspelt ("Indlkator", "Tujuan / 5asaran")
        near, near_length = fuzzy_prefix(words, columns())
        if near_length > length:
            role = near
    if role is None:
        period = _period(words)
        if period:
            return Column("target", name, None, False, period)
        if year is not None and set(words) - {str(year)} <= YEAR_WORDS:
            return Column("target", name, year)  # "Tahun 2027", "TA 2024": the year a column of targets is for
        return Column(None, name)
    if role == "target":
        return Column("target", name, year, "%" in words or "persen" in words, _period(words[1:]))
    return Column(role, name)


def is_report_column(text: str) -> bool:
    words = words_of(text)
    return any(len(words) >= len(phrase) and all(map(same_word, words, phrase)) for phrase in column_lists()["report_columns"])


_THOUSANDS = re.compile(r"^\s*(?:rp\.?\s*)?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,]\d+)?\s*(?:,-)?\s*$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def header_of(cells: tuple[str, ...]) -> Header | None:
    """The header a row is, or None: an indicator table names an indicator column and a
    goal, number or target column; a program table names Program and Anggaran."""
    filled = [cell for cell in cells if cell.strip()]
    if len(filled) < 2 or any(len(cell) > MAX_HEADER_CELL or _THOUSANDS.match(cell) for cell in filled):
        return None  # a figure written with thousands separators (a budget, 23,665,554,229.00) is data, never a column's name
    found = tuple(column_of(cell) for cell in cells)
    roles = {column.role for column in found}
    report = tuple(dict.fromkeys(column.name for column, cell in zip(found, cells) if column.role is None and is_report_column(cell)))
    if "indicator" in roles and roles & {"goal", "tujuan", "program", "misi", "number", "target", "formula"}:
        return Header("indicators", found, report)
    if "program" in roles and "budget" in roles and len(roles & {"misi", "tujuan", "goal"}) < 2:
        return Header("programs", found, report)  # with Tujuan and Sasaran beside it: a cascade's row of levels
    return None


def with_levels(header: Header, band: list[str], merged: list[bool] | None) -> Header | None:
    """A cascade's header: a row of levels (TUJUAN | SASARAN | PROGRAM | KEGIATAN | SUB KEGIATAN), each spanning
    its own Uraian | Indikator | Target columns, over ``header``. The plan's rows are the highest goal level's
    (sasaran before tujuan, program and misi); a Tujuan or Misi band above it gives its text to carry down,
    every other band's columns are kept as written. None when ``band`` is no such row."""
    width = len(header.columns)
    cells = [cell.strip() for cell in spread(band, merged)] + [""] * max(0, width - len(band))
    levels: list[str | None] = []
    last: str | None = None
    for index in range(width):
        text = cells[index]
        if text:
            last = text if _level_of(text) is not None else None
        levels.append(last if not text or last == text else None)
    spans = {text for text in levels if text is not None and levels.count(text) >= 2}
    if len(spans) < 2 or not any(column.role == "indicator" for column in header.columns):
        return None
    chosen = next((text for role in GOAL_ROLES for text in dict.fromkeys(levels) if text in spans and _level_of(text) == role), None)
    if chosen is None:
        return None
    out: list[Column] = []
    for index, column in enumerate(header.columns):
        level = levels[index] if levels[index] in spans else None
        if level is None:
            out.append(column if column.name.strip() or not cells[index] else column_of(cells[index]))
        elif column.role == "text":
            role = _level_of(level)
            own = level == chosen or (role in ("tujuan", "misi") and levels.index(level) < levels.index(chosen))
            out.append(Column(role if own else None, level, aside=not own))
        elif level == chosen:
            out.append(column)
        else:
            out.append(Column(None, f"{level} {column.name}".strip(), aside=True))
    return header._replace(columns=tuple(out))


def _level_of(text: str) -> str | None:
    """The level a band cell names: a goal role (Sasaran, Tujuan, Program, Misi) or a group of work (Sub Kegiatan)."""
    role = column_of(text).role
    if role in GOAL_ROLES:
        return role
    return "program" if starts_with_any(words_of(text), column_lists()["group_words"]) else None


def maybe_header(joined: str) -> bool:
    """Cheap pre-test on a row's text: does a word of it name (or nearly name) an indicator column, or a
    program column beside a budget one? The words are the vocabulary's ([columns] in layout.toml)."""
    words = set(words_of(unspaced(joined)))
    starts = header_starts()
    if words & starts["indicator"]:
        return True
    if words & starts["program"] and words & starts["budget"]:
        return True
    if len(words) > 60:
        return False
    near = {word for word in words if len(word) >= 5 and not word.isdigit()}
    return any(same_word(word, wanted) for word in near for wanted in starts["indicator"] if len(wanted) >= 5)


@derived
@lru_cache(maxsize=1)
def header_starts() -> dict[str, frozenset[str]]:
    """The first word of each indicator, program and budget column phrase: a header row holds one."""
    table = columns()
    return {role: frozenset(phrase[0] for phrase in table.get(role, ())) for role in ("indicator", "program", "budget")}


def is_subheader(cells: list[str], above: list[str], merged: list[bool] | None) -> bool:
    """A further header row: years, months, quarters or K/%/Rp marks under the first, a column's own name
    under a spanning cell ("Satuan", "Realisasi"), or the first repeated (merged down)."""
    if spans_row(merged):
        return False  # a group line ("Sasaran Strategis") over the rows below
    seen = False
    for index, cell in enumerate(cells):
        text = cell.strip()
        if not text or _covered(merged, index):
            continue
        if index < len(above) and text == above[index].strip():
            continue
        words = words_of(text)
        if YEAR.match(text) or _period(words) or words in (("k",), ("%",), ("rp",), ("kinerja",)) or set(words) <= YEAR_WORDS \
                or column_of(text).role in SUBHEADER_ROLES or _column_name(words) or is_report_column(text):
            seen = True
            continue
        return False
    return seen


def header_like(cells: list[str], merged: list[bool] | None) -> bool:
    """A row that could be a lower header row: each cell short and starting with a word ("Lokasi",
    "Sumber Dana", "Pagu Indikatif 239,652,207,571"), none a bare figure; at least one filled."""
    seen = False
    for index, cell in enumerate(cells):
        text = cell.strip()
        if not text or _covered(merged, index):
            continue
        if len(text) > MAX_HEADER_CELL or not (text[:1].isalpha() or YEAR.match(text)) or len(text.split()) > 8:
            return False
        seen = True
    return seen


def _covered(merged: list[bool] | None, index: int) -> bool:
    """The cell is covered by a merged neighbour: its text is that neighbour's, not its own."""
    return merged is not None and index < len(merged) and merged[index]


def _column_name(words: tuple[str, ...]) -> bool:
    """The words are a column's name and nothing more ("No", "Sasaran", "Satuan"): a header cell, never a row's text."""
    _role, length = longest_prefix(words, columns())
    return 0 < len(words) == length


def fold(header: Header, top: list[str], below: list[str], merged: list[bool] | None) -> Header:
    """The header with a further row folded in: "Target" over "2024" is "Target 2024", "Indikator Tujuan/"
    over "Sasaran" is "Indikator Tujuan/ Sasaran"; under a cell spanning several columns, a lower cell
    naming a column of its own is that column ("Target dan Pagu 2027" over "Target" | "Pagu")."""
    width = max(len(top), len(below))
    uppers: list[str] = []
    last = ""
    for index in range(width):
        upper = top[index].strip() if index < len(top) else ""
        uppers.append(upper or last)  # a cell spanning from the left
        last = uppers[-1]
    # a lower cell spanning columns names each of them ("Tahun 2022" over target | Rp)
    lowers = [cell.strip() for cell in spread(below, merged)] + [""] * (width - len(below))
    names: list[str] = []
    aside = [column.aside for column in header.columns] + [False] * width
    for index in range(width):
        upper, lower = uppers[index], lowers[index]
        if aside[index]:  # another level's column: its name as written, whatever the row under it says
            names.append(f"{upper} {lower}".strip() if lower and lower != upper else upper)
            continue
        spans = upper != "" and ((index > 0 and uppers[index - 1] == upper) or (index + 1 < width and uppers[index + 1] == upper))
        if spans and lower and lower != upper and column_of(lower).role is not None and column_of(lower).year is None \
                and column_of(lower).role != column_of(upper).role:
            year = next((word for word in words_of(upper) if YEAR.match(word)), None)
            names.append(f"{lower} {year}" if year else lower)
            continue
        names.append(f"{upper} {lower}".strip() if lower and lower != upper else upper)
    columns_ = tuple(Column(None, name, aside=True) if aside[index] else column_of(name) for index, name in enumerate(names))
    report = tuple(dict.fromkeys((*header.report, *(cell.strip() for cell in below if cell.strip() and is_report_column(cell)))))
    return Header(header.kind, columns_, report)


def is_column_numbers(cells: list[str]) -> bool:
    """The ``(1) (2) (3)`` or ``1 2 3`` row under a header: each column's number (a formula may follow: ``13 = 9 + 10``)."""
    numbers = []
    for cell in cells:
        text = cell.strip()
        if not text:
            continue
        match = _COLUMN_NUMBER.match(text)
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 2


def spread(cells: list[str], merged: list[bool] | None) -> list[str]:
    """A header row with each merged cell's text in every column it covers ("Misi" over two columns)."""
    if not merged or not any(merged):
        return cells
    out, last = [], ""
    for cell, covered in zip(cells, merged):
        out.append(last if covered and not cell.strip() else cell)
        last = out[-1]
    return out + cells[len(merged):]
