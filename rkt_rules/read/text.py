"""Reader for text: a plan as extracted from a PDF, or typed with TABs between cells.

Each line becomes a text line or, when it holds a TAB, a table row; a run of
TAB lines is one grid. Everything else (titles, labels, tables, signatures)
is the shared recogniser's work (rkt_rules/recognise), the same as for Word,
PDF and Excel files.
"""

from __future__ import annotations

from ..errors import PlanError
from ..model import Plan
from .recognise import recognise
from .recognise.blocks import Row, Text
from .limits import current as limits

BLANK = Text("")  # every blank line is the same gap: no line number needed, none made
new = tuple.__new__  # a named tuple's own constructor is a Python function; this is the C one


def read_text(text: str, path: str) -> Plan:
    """Parse a text layout into a Plan; PlanError when it holds no plan table."""
    cap = limits()
    max_cell = cap.max_cell
    items: list = []
    append = items.append
    grid, in_grid = 0, False
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(raw) > max_cell and max(len(cell) for cell in raw.split("\t")) > max_cell:
            raise PlanError("cell-too-long", path=path, line=number, limit=cap.max_cell)
        if "\t" in raw:
            if not in_grid:
                grid, in_grid = grid + 1, True
            append(new(Row, (raw.split("\t"), grid, number, None, None, None, None, False)))
        else:
            in_grid = False
            append(new(Text, (raw, number, None)) if raw and not raw.isspace() else BLANK)
    return recognise(items, path, cap.max_rows)
