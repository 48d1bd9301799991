"""A PK's program and budget table: ``No | Program | Anggaran | Ket``.

Each row is a program with its budget as written and read (``Rp5.294.655.000,00``
is 5,294,655,000); a row naming a total (``TOTAL ANGARAN``, ``Jumlah``) is
kept as written and marked, so a rule can add up the rows above it.
"""

from __future__ import annotations

import re

from ...model import Program, build
from ..targets import parse_number
from .blocks import Row
from .header import Header
from .words import column_lists, starts_with_any, words_of

_MONEY = re.compile(r"^(?:rp\.?|idr)?\s*(?P<number>[0-9][0-9.,\s]*[0-9]|[0-9])\s*(?:,-|\.-)?$", re.IGNORECASE)


def amount_of(raw: str):
    """The rupiah a budget cell states, or None: ``Rp.  4.325.170.000`` → 4325170000."""
    match = _MONEY.match(" ".join(raw.split()))
    if not match:
        return None
    number = parse_number(match["number"].replace(" ", ""))
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


class Programs:
    """One program table being read."""

    def __init__(self, header: Header, grid: int):
        self.header, self.grid = header, grid
        self.number_at = header.at("number")
        self.name_at = header.at("program")
        self.budget_at = header.at("budget")
        used = {self.number_at, self.name_at, self.budget_at}
        self.extra_positions = [(column.name, i) for i, column in enumerate(header.columns) if i not in used and column.name]
        self.rows: list[Program] = []
        self.after_header = True

    def add(self, row: Row) -> bool:
        """Read one row; False when it is no program row (the table has ended)."""
        cells = row.cells + [""] * (len(self.header.columns) - len(row.cells))
        name = cells[self.name_at].strip() if self.name_at is not None else ""
        raw = cells[self.budget_at].strip() if self.budget_at is not None else ""
        number = cells[self.number_at].strip() if self.number_at is not None else ""
        if not (name or raw):
            return bool(number) or not any(cell.strip() for cell in cells)
        total = starts_with_any(words_of(name), column_lists()["total_words"]) is not None or (not name and not number and bool(raw))
        extra = {column: cells[i].strip() for column, i in self.extra_positions if cells[i].strip()}
        where = row.located(self.budget_at if self.budget_at is not None else 0)
        self.rows.append(build(Program, {"name": name, "raw": raw, "amount": amount_of(raw), "total": total, "extra": extra,
                                         "line": row.line, "cell": where if row.line is None else None}))
        return True
