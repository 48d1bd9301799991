"""What a reader hands the recogniser: a document as a stream of text lines and table rows.

Every reader (text, Word, PDF, Excel) reduces its source to these two kinds of
item, in reading order, each with where it came from; nothing after that knows
the file format. Rows carry the grid they belong to, so the recogniser can tell
one table from the next, and, where the format has them, each cell's own lines
(a signature cell's role, name and NIP) and which cells are covered by a merged
neighbour.
"""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    """A paragraph or a line of text outside any table; blank text separates blocks."""

    text: str
    line: int | None = None   # line number in a text file
    where: str | None = None  # "page 2", "paragraph 14", "Sheet!A3"


class Row(NamedTuple):
    """One row of a grid (a Word or PDF table, a run of TAB-separated lines, sheet cells)."""

    cells: list[str]                       # each cell's text on one line
    grid: int                              # rows of one table share this number
    line: int | None = None
    where: str | None = None               # "table 2, row 5", "page 1, table 1, row 3"
    refs: list[str] | None = None          # each cell's own location, where the format names cells
    lines: list[tuple[str, ...]] | None = None  # each cell's lines, where a cell holds several
    merged: list[bool] | None = None       # True for a cell covered by the merged cell left of or above it
    paragraphs: bool = False               # ``lines`` are paragraphs the author typed (Word, HTML), not wrapped lines

    def located(self, column: int) -> str | None:
        """Where one cell is: its own reference, else the row's."""
        if self.refs is not None and column < len(self.refs):
            return self.refs[column]
        return self.where


Item = Text | Row


def spans_row(merged: list[bool] | None) -> bool:
    """A ruled row of one cell across the whole table: its first cell, every other covered by it
    (``Sasaran Khusus`` over the goals below): a group line, never a header row or a goal's text."""
    return merged is not None and len(merged) > 2 and not merged[0] and all(merged[1:])


def clean(value) -> str:
    """Cell or paragraph text as one line: inner line breaks, tabs and runs of spaces become one space."""
    return " ".join(str(value).split()) if value is not None else ""
