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
from .table import continues
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


_CURRENCY = re.compile(r"^(?:rp\.?|idr)$", re.IGNORECASE)


def currency_joined(cells: list[str], at: int | None = None) -> list[str]:
    """The cells with a currency mark printed in a column of its own (``Rp.`` left, the amount right, as
    an accountant sets a budget) joined to the amount beside it: one budget cell, as the header has one.
    ``at``: where the table's rows have that column, so that a row going on from the one above (a name
    or a note wrapped, its currency and amount cells empty) loses it too."""
    found = currency_at(cells)
    if found is not None:
        return [*cells[:found], f"{cells[found].strip()} {cells[found + 1].strip()}", *cells[found + 2:]]
    if at is not None and len(cells) > at + 1 and not cells[at].strip() and not cells[at + 1].strip():
        return [*cells[:at], *cells[at + 1:]]
    return cells


def currency_at(cells: list[str]) -> int | None:
    """Where a bare currency mark stands beside an amount, or None."""
    for at, cell in enumerate(cells[:-1]):
        if _CURRENCY.match(cell.strip()) and amount_of(cells[at + 1]) is not None:
            return at
    return None


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
        self.currency_at: int | None = None  # where the rows print a currency mark in a column of its own
        self.held: str | None = None  # a name's first line typed on its own, maybe the start of the next row's

    def add(self, row: Row) -> bool:
        """Read one row; False when it is no program row (the table has ended)."""
        found = currency_at(row.cells)
        self.currency_at = found if found is not None else self.currency_at
        cells = currency_joined(row.cells, self.currency_at)
        cells = cells + [""] * (len(self.header.columns) - len(cells))
        name = cells[self.name_at].strip() if self.name_at is not None else ""
        raw = cells[self.budget_at].strip() if self.budget_at is not None else ""
        number = cells[self.number_at].strip() if self.number_at is not None else ""
        extra = {column: cells[i].strip() for column, i in self.extra_positions if cells[i].strip()}
        last = self.rows[-1] if self.rows else None
        if row.merged is None and last is not None and not (raw or number) and last.raw:
            if self.held is None and name and not extra and not continues(last.name, name):
                self.held = name  # "Pengendalian Penyakit Menular", then "dan Tidak Menular  Rp. …": the next row's start?
                return True
            self.close()
            self._join(name, extra)  # an unruled line holding only the rest of the row above (a name wrapped, "APBD /" then "APBN")
            return True
        if self.held is not None:
            if name and continues(self.held, name):
                name = f"{self.held} {name}"
                self.held = None
            else:
                self.close()
        if not (name or raw):
            return bool(number) or not any(cell.strip() for cell in cells)
        total = starts_with_any(words_of(name), column_lists()["total_words"]) is not None or (not name and not number and bool(raw))
        where = row.located(self.budget_at if self.budget_at is not None else 0)
        self.rows.append(build(Program, {"name": name, "raw": raw, "amount": amount_of(raw), "total": total, "extra": extra,
                                         "line": row.line, "cell": where if row.line is None else None}))
        return True

    def _join(self, name: str, extra: dict) -> None:
        last = self.rows[-1]
        self.rows[-1] = last.model_copy(update={"name": f"{last.name} {name}".strip(),
                                                "extra": {**last.extra, **{k: f"{last.extra.get(k, '')} {v}".strip() for k, v in extra.items()}}})

    def close(self) -> None:
        """The table has ended (or the next row did not go on from a held line): a line held is the rest of the row above."""
        if self.held is not None:
            held, self.held = self.held, None
            self._join(held, {})
