"""A PDF page's words outside ruled tables, as text lines and as rows of side-by-side cells.

Words are grouped into lines by their height on the page. A line whose words stand in groups
far apart (a PK's two signature columns, ``Nama        : SURATNO`` laid out with tab stops,
an unruled table's cells) is cut there into cells; consecutive such lines whose groups start
at the same places are one grid, so that the right column's NIP under its name stays in the
right column. A line of one group that crosses the columns (a paragraph, a centred title)
ends the grid. A gap taller than a few line heights (the space left for a signature) is a
blank line. Words read by OCR come the same way, with their boxes.
"""

from __future__ import annotations

import re
from typing import Iterable

from .recognise.blocks import Row, Text

LINE_TOLERANCE = 3.0      # points: words whose tops differ less are on one line
CELL_GAP_CHARS = 4.0      # a gap wider than this many average characters parts two cells…
CELL_GAP_MIN = 18.0       # …and never less than this many points (justified text stretches its spaces)
COLUMN_TOLERANCE = 24.0   # points: a group starting this close to a column's start belongs to it
BLANK_GAP = 1.8           # a gap taller than this many line heights between two lines is a blank line
PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:halaman\s+)?[\divxlc]{1,4}(?:\s*(?:dari|/)\s*\d{1,3})?(?:\s*-)?$", re.IGNORECASE)


def lines_of(words: Iterable[dict]) -> list[list[dict]]:
    """Words (pdfplumber's or OCR's dicts with x0, x1, top, bottom, text) as lines, top to bottom."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        if lines:
            first = lines[-1][0]
            middle, first_middle = (word["top"] + word["bottom"]) / 2, (first["top"] + first["bottom"]) / 2
            height = min(word["bottom"] - word["top"], first["bottom"] - first["top"])
            if abs(middle - first_middle) <= max(LINE_TOLERANCE, 0.4 * height):  # OCR's boxes jitter by a few points
                lines[-1].append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def cells_of(line: list[dict], gap: float | None = None) -> list[list[dict]]:
    """A line cut where its words stand far apart (further than ``gap`` points, when given)."""
    if gap is None:
        chars = sum(len(w["text"]) for w in line) or 1
        width = sum(w["x1"] - w["x0"] for w in line) / chars
        gap = max(CELL_GAP_CHARS * width, CELL_GAP_MIN)
    groups = [[line[0]]]
    for word in line[1:]:
        if word["x0"] - groups[-1][-1]["x1"] > gap:
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def text_of(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def items_of(lines: list[list[dict]], page: int, grids: list[int], label: str | None = None,
             gap: float | None = None, page_numbers: bool = True) -> list[tuple[float, Row | Text]]:
    """(top, item) for each line: Text for a line of one group, Row for side-by-side cells. ``gap``: the
    width that parts two cells, when the caller knows it (a text file's run of spaces); ``page_numbers``:
    whether a line of a lone number is a page's number, left out (a text file has no pages)."""
    placed: list[tuple[float, Row | Text]] = []
    label = label or f"page {page}"
    starts: list[float] | None = None
    grid = 0
    previous_bottom = None
    for index, line in enumerate(lines, start=1):
        text = text_of(line)
        if page_numbers and PAGE_NUMBER.match(text.strip()):
            continue
        top = min(w["top"] for w in line)
        bottom = max(w["bottom"] for w in line)
        height = max(bottom - top, 1.0)
        where = f"{label}, line {index}"
        apart = previous_bottom is not None and top - previous_bottom > BLANK_GAP * height
        if apart:
            placed.append((top - 0.01, Row([""] * len(starts), grid, None, where) if starts else Text("", None, label)))
        previous_bottom = bottom
        groups = cells_of(line, gap)
        if len(groups) >= 2:
            if starts is None or not _aligned(groups, starts) or _heads_table(groups):
                grids[0] += 1
                grid, starts = grids[0], [g[0]["x0"] for g in groups]
            cells = _placed(groups, starts)
            placed.append((top, Row([c for c in cells], grid, None, where, None, [(c,) for c in cells])))
            continue
        if starts is not None:  # a lone line after a gap is no cell's wrapped text (a date over the signatures): the grid ends
            column = None if apart else _column(groups[0], starts)
            if column is not None:
                cells = [""] * len(starts)
                cells[column] = text
                placed.append((top, Row(cells, grid, None, where, None, [(c,) for c in cells])))
                continue
            starts = None
        placed.append((top, Text(text, None, label)))
    return _lone_rows_as_text(placed, label)


def _lone_rows_as_text(placed: list[tuple[float, Row | Text]], label: str) -> list[tuple[float, Row | Text]]:
    """A grid of one line is no table: a line of text with a wide gap in it (a table of contents' dots,
    a tab stop, a justified line) reads as that line of text. A lone line a signature block or a label
    starts keeps its cells."""
    from .recognise.signatures import is_signature_row

    filled: dict[int, int] = {}
    for _, item in placed:
        if isinstance(item, Row) and any(cell.strip() for cell in item.cells):
            filled[item.grid] = filled.get(item.grid, 0) + 1
    out: list[tuple[float, Row | Text]] = []
    for top, item in placed:
        if isinstance(item, Row) and filled.get(item.grid, 0) <= 1 and not is_signature_row(item.cells, None):
            if any(cell.strip() for cell in item.cells):
                out.append((top, Text(" ".join(cell for cell in item.cells if cell.strip()), None, label)))
            else:
                out.append((top, Text("", None, label)))
            continue
        out.append((top, item))
    return out


def _heads_table(groups: list[list[dict]]) -> bool:
    """The line names a table's columns (``No  Program  Anggaran``): its table's columns are its own,
    whatever grid the lines above it made (the indicator table just ended, set on other columns)."""
    from .recognise.header import header_of, maybe_header

    cells = tuple(text_of(group) for group in groups)
    return maybe_header("\t".join(cells)) and header_of(cells) is not None


def _aligned(groups: list[list[dict]], starts: list[float]) -> bool:
    """Each group stands in a column of the grid. Two in one column are one cell set apart (``Rp`` and
    its amount) only on a line with more groups than the grid has columns; on one with no more, the
    grid would merge its cells (the next table's header, set on other columns): it starts a grid of its own."""
    columns = [_column(group, starts) for group in groups]
    return None not in columns and (len(set(columns)) == len(columns) or len(groups) > len(starts))


def _column(group: list[dict], starts: list[float]) -> int | None:
    """The column a group of words stands in: it starts near a column's start (or inside it) and
    ends before the next column starts; None when it crosses into the next."""
    x0, x1 = group[0]["x0"], group[-1]["x1"]
    for index, start in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else float("inf")
        if start - COLUMN_TOLERANCE <= x0 < following - COLUMN_TOLERANCE and x1 <= following + 2:
            return index
    return None


def _placed(groups: list[list[dict]], starts: list[float]) -> list[str]:
    cells = [""] * len(starts)
    for group in groups:
        column = _column(group, starts)
        if column is None:
            column = max((i for i, start in enumerate(starts) if group[0]["x0"] >= start - COLUMN_TOLERANCE), default=0)
        cells[column] = f"{cells[column]} {text_of(group)}".strip()
    return cells
