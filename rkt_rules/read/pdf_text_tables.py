"""Tables without ruling lines, read from word positions.

The header row (the line naming Sasaran and Indikator) gives the columns: each
of its cells starts a column at its left edge, and every word below it belongs
to the column it starts in. Rows cannot be found line by line, because a
Sasaran cell merged over several indicators runs beside them; instead each
column's words are grouped into blocks of wrapped lines (lines closer than a
row gap). Indicator blocks are the rows; a target belongs to the indicator
block it overlaps; a row belongs to the last goal number at or above it. The
table ends at a signature date, a new title, or a gap taller than a row gap.
"""

from __future__ import annotations

import re
from typing import Any

from .recognise.header import header_of, maybe_header
from .recognise.identity import title_of
from .recognise.signatures import date_line

CELL_GAP = 12.0    # points between words of different header cells
LINE_TOLERANCE = 2.5
WRAP_GAP = 4.5     # lines of one cell are closer than this; rows are further apart
END_GAP = 14.0     # a gap this tall after the table ends it


def _lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _cells(line: list[dict]) -> list[list[dict]]:
    cells = [[line[0]]]
    for word in line[1:]:
        if word["x0"] - cells[-1][-1]["x1"] > CELL_GAP:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _text(words) -> str:
    return " ".join(w["text"] for w in words)


def _blocks(words: list[dict]) -> list[dict]:
    """A column's words as blocks of wrapped lines: {top, bottom, text}."""
    blocks: list[dict] = []
    for line in _lines(words):
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        if blocks and top - blocks[-1]["bottom"] <= WRAP_GAP:
            blocks[-1]["bottom"] = max(blocks[-1]["bottom"], bottom)
            blocks[-1]["text"] += " " + _text(line)
        else:
            blocks.append({"top": top, "bottom": bottom, "text": _text(line)})
    return blocks


def _table_rows(words: list[dict], starts: list[float], roles: list[str | None]) -> list[list[str]]:
    columns: list[list[dict]] = [[] for _ in starts]
    for word in words:
        index = max([i for i, start in enumerate(starts) if word["x0"] >= start - 2] or [0])
        columns[index].append(word)
    blocks = [_blocks(column) for column in columns]
    at = {role: i for i, role in enumerate(roles) if isinstance(role, str)}
    number, goal, indicator, target = (at.get(r) for r in ("number", "goal", "indicator", "target"))
    first = number if number is not None else goal  # the column that starts a goal's rows
    if indicator is None or first is None:
        return []
    goals = blocks[first]
    anchors = sorted(((b["top"], i) for i, b in enumerate(goals)), key=lambda x: x[0])
    rows, used = [], set()
    for item in blocks[indicator]:
        owner = max((i for top, i in anchors if top <= item["top"] + LINE_TOLERANCE), default=None)
        cells = [""] * len(starts)
        if owner is not None and owner not in used:
            used.add(owner)
            cells[first] = goals[owner]["text"]
            if number is not None and goal is not None:
                cells[goal] = next((b["text"] for b in blocks[goal] if abs(b["top"] - goals[owner]["top"]) <= LINE_TOLERANCE), "")
        cells[indicator] = item["text"]
        if target is not None:
            cells[target] = " ".join(b["text"] for b in blocks[target] if b["top"] < item["bottom"] + LINE_TOLERANCE and b["bottom"] > item["top"] - LINE_TOLERANCE)
        rows.append((item["top"], cells))
    for index, block in enumerate(goals):  # goals with no indicator
        if index not in used:
            cells = [""] * len(starts)
            cells[first] = block["text"]
            if number is not None and goal is not None:
                cells[goal] = next((b["text"] for b in blocks[goal] if abs(b["top"] - block["top"]) <= LINE_TOLERANCE), "")
            rows.append((block["top"], cells))
    return [cells for _, cells in sorted(rows, key=lambda r: r[0])]


def page_items(page) -> list[tuple[str, Any]]:
    """("text", line) and ("row", cells) in reading order, for a page with no ruled table."""
    items: list[tuple[str, object]] = []
    table_words: list[dict] = []
    starts = roles = None
    last_bottom = None

    def close():
        nonlocal table_words, starts, roles
        if starts is not None:
            items.extend(("row", cells) for cells in _table_rows(table_words, starts, roles))
        table_words, starts, roles = [], None, None

    for line in _lines(page.extract_words(keep_blank_chars=False)):
        text = _text(line)
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        header = _cells(line)
        header_texts = [_text(cell) for cell in header]
        header_found = header_of(tuple(header_texts)) if maybe_header(text) else None
        if header_found is not None and header_found.kind == "indicators":
            close()
            starts = [cell[0]["x0"] for cell in header]
            roles = [column.role if column.role != "tujuan" or header_found.goal_at == i else None
                     for i, column in enumerate(header_found.columns)]
            if header_found.goal_at is not None:
                roles[header_found.goal_at] = "goal"
            items.append(("row", header_texts))
            last_bottom = bottom
            continue
        if starts is not None and re.fullmatch(r"(\(\d+\)\s*)+", text):
            last_bottom = bottom
            continue  # the (1) (2) (3) (4) row
        if starts is not None and not (date_line(text) or title_of(text) or top - last_bottom > END_GAP):
            table_words += line
            last_bottom = max(last_bottom, bottom)
            continue
        close()
        items.append(("text", text))
    close()
    return items
