"""Reader for text: a plan as extracted from a PDF, or typed with TABs between cells.

Each line becomes a text line or, when it holds a TAB, a table row; a run of
TAB lines is one grid. Lines whose columns are set with runs of spaces (a table
typed that way or pasted from a console) are read by where their words stand, as a PDF page's unruled lines are (pdf_lines.py): a
character is a few points wide, a line a few points tall, and a blank line a
gap. Everything else (titles, labels, tables, signatures) is the shared
recogniser's work (rkt_rules/recognise), the same as for Word, PDF and Excel files.
"""

from __future__ import annotations

import re

from ..errors import PlanError
from ..model import Plan
from .limits import current as limits
from .pdf_lines import items_of, lines_of
from .recognise import recognise
from .recognise.blocks import Row, Text

BLANK = Text("")  # every blank line is the same gap: no line number needed, none made
new = tuple.__new__  # a named tuple's own constructor is a Python function; this is the C one

_SPACED = re.compile(r"\S {2,}\S")  # two spaces or more between words: columns set with spaces
_WORD = re.compile(r"\S+")
CHAR = 5.0     # points a character stands for, as in 10 pt print
PITCH = 12.0   # points from one line to the next…
HEIGHT = 8.0   # …of which the letters take this many: a blank line is a gap pdf_lines reads as one
SPACES = 1.5   # characters: a wider gap (two spaces or more) parts two cells


def read_text(text: str, path: str) -> Plan:
    """Parse a text layout into a Plan; PlanError when it holds no plan table."""
    cap = limits()
    max_cell = cap.max_cell
    items: list = []
    append = items.append
    grids, in_grid = [0], False
    pending: list[tuple[int, str]] = []  # lines without a TAB since the last line with one
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(raw) > max_cell and max(len(cell) for cell in raw.split("\t")) > max_cell:
            raise PlanError("cell-too-long", path=path, line=number, limit=cap.max_cell)
        if "\t" in raw:
            if pending:
                items += _lines(pending, grids)
                pending = []
            if not in_grid:
                grids[0], in_grid = grids[0] + 1, True
            append(new(Row, (raw.split("\t"), grids[0], number, None, None, None, None, False)))
        else:
            in_grid = False
            pending.append((number, raw))
    items += _lines(pending, grids)
    return recognise(items, path, cap.max_rows)


def _lines(lines: list[tuple[int, str]], grids: list[int]) -> list:
    """Lines without a TAB: each a text line, unless some set columns with spaces."""
    if not any(_SPACED.search(raw) for _, raw in lines):
        return [new(Text, (raw, number, None)) if raw and not raw.isspace() else BLANK for number, raw in lines]
    return _spaced(lines, grids)


def _spaced(lines: list[tuple[int, str]], grids: list[int]) -> list:
    """Lines read by where their words stand: cells parted by runs of spaces, a grid while the cells
    keep their columns, a lone line placed in the column it starts in (a cell's wrapped text)."""
    words = [{"text": match.group(), "x0": match.start() * CHAR, "x1": match.end() * CHAR,
              "top": index * PITCH, "bottom": index * PITCH + HEIGHT}
             for index, (_, raw) in enumerate(lines) for match in _WORD.finditer(raw)]
    items: list = []
    for top, item in items_of(lines_of(words), 0, grids, "", gap=SPACES * CHAR, page_numbers=False):
        number, raw = lines[min(len(lines) - 1, round(top / PITCH))]
        if isinstance(item, Row):
            items.append(Row(item.cells, item.grid, number, None, None, item.lines))
        else:
            items.append(Text(raw, number, None) if item.text.strip() else BLANK)
    return items
