"""Paragraphs whose columns are typed with TABs, read as rows of cells.

Before tables were easy to draw, offices typed them: ``Pelayanan Kesehatan<TAB><TAB>Rp. 750.700.000,-<TAB>APBD``,
``Nama<TAB><TAB>: SURATNO``, the two parties of a PK side by side. The TAB stops are the columns; how many
TABs reach one depends on the text before it, so a run of TABs (with the spaces round it) parts two cells.
The header over such columns is often spaced by hand (``Program      Anggaran      Keterangan``): a
paragraph parted by wide runs of spaces is a row only when its parts name a table's columns. A plain
paragraph between two typed rows is the row's wrapped text (a program's name on two lines), a row of one cell.
"""

from __future__ import annotations

import re

from .recognise.blocks import Row, Text

_TABS = re.compile(r"[ \t]*\t[ \t]*")
_SPACES = re.compile(r"\S {3,}\S")
_WIDE = re.compile(r" {3,}")


def _cells(text: str) -> list[str] | None:
    """The paragraph's typed cells, or None for a paragraph of prose (a TAB at its end parts nothing)."""
    if "\t" in text:
        cells = _TABS.split(text.strip(" "))
        while cells and not cells[-1]:
            cells.pop()
        return cells if len(cells) >= 2 else None
    if _SPACES.search(text):
        from .recognise.header import header_of, maybe_header

        cells = _WIDE.split(text.strip())
        if maybe_header("\t".join(cells)) and header_of(tuple(cells)) is not None:
            return cells
    return None


FIRST_GRID = 1_000_000  # typed grids are numbered from here, apart from the Word tables' own numbers (1, 2, …)


def typed_columns(paragraphs: list[Text], grids: list[int]) -> list:
    """The paragraphs, those typed in columns as rows (consecutive ones a grid, numbered by the counter
    ``grids[0]``), the rest as they are. Blank paragraphs between typed rows (the space left for a
    signature) are empty rows of their grid, as a PDF's gap is, when the rows on both sides have the same
    number of cells (a budget's rows, then the two parties' date line under it, are two grids)."""
    from .recognise.table import continues

    cells = [_cells(paragraph.text) for paragraph in paragraphs]
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text.strip()
        above = cells[index - 1] if index else None
        if cells[index] is not None or not text or above is None:
            continue
        after = index + 1 < len(cells) and cells[index + 1] is not None
        if after or continues(above[0], text):
            cells[index] = [text]  # a typed row's wrapped text on a line of its own: "Peningkatan Sarana dan" / "Prasarana Aparatur"
    items: list = []
    last, last_cells = -1, None  # the last typed row: where, and its cells
    for index, paragraph in enumerate(paragraphs):
        found = cells[index]
        if found is None:
            items.append(paragraph)
            continue
        gap = index - last - 1
        blanks = last_cells is not None and all(not p.text.strip() for p in paragraphs[last + 1:index]) \
            and (not gap or len(found) == len(last_cells))  # over a gap, only rows of the same columns
        if not blanks:
            grids[0] += 1
        else:
            for at in range(len(items) - gap, len(items)):
                items[at] = Row([""], grids[0], None, items[at].where)
        items.append(Row(found, grids[0], None, paragraph.where))
        last, last_cells = index, found
    return items
