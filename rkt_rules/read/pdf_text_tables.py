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

from .pdf_lines import lines_of
from .recognise.header import header_like, header_of, is_subheader, maybe_header
from .recognise.identity import title_of
from .recognise.signatures import date_line

CELL_GAP = 12.0    # points between words of different header cells
LINE_TOLERANCE = 2.5
WRAP_GAP = 4.5     # lines of one cell are closer than this; rows are further apart
GUTTER = 3.0       # points: words closer than this (across lines) are in one column's stretch
END_GAP = 14.0     # a gap this tall after the table ends it


def _lines(words: list[dict]) -> list[list[dict]]:
    return lines_of(words)


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


def column_spans(words: list[dict], bounds: list[tuple[float, float]]) -> list[tuple[float, float, int]]:
    """The stretches of the page the body's words cover, each given to the header cell it lies under
    most, or whose middle is nearest its own (a stretch under two header cells is parted where its words thin out). A centred
    header over left-aligned cells, amounts right of their header, a narrow No column beside a wide
    Sasaran, OCR's jitter: the body's own gutters say where each column is."""
    if not words:
        return [(x0, x1, i) for i, (x0, x1) in enumerate(bounds)]
    width = int(max(max(w["x1"] for w in words), bounds[-1][1])) + 2
    cover = [0] * (width + 1)
    for word in words:
        for x in range(max(0, int(word["x0"])), min(width, int(word["x1"]) + 1)):
            cover[x] += 1
    stretches: list[list[int]] = []
    for x in range(width + 1):
        if cover[x]:
            if stretches and x - stretches[-1][1] <= GUTTER:
                stretches[-1][1] = x
            else:
                stretches.append([x, x])
    centres = [(x0 + x1) / 2 for x0, x1 in bounds]
    parts: list[tuple[int, int]] = []
    for x0, x1 in stretches:
        inside = [c for c in centres if x0 <= c <= x1]
        cuts = []
        for left, right in zip(inside, inside[1:]):
            low, high = int(left) + 1, int(right)
            if high > low:
                least = min(cover[low:high])
                run = [x for x in range(low, high) if cover[x] == least]
                cuts.append(run[len(run) // 2])
        edges = [x0, *cuts, x1]
        parts += [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]
    def owner(a: float, b: float) -> int:
        """The header cell the stretch lies under most; where it lies under none, the nearest by middles."""
        overlaps = [max(0.0, min(b, x1) - max(a, x0)) for x0, x1 in bounds]
        best = max(range(len(bounds)), key=lambda i: overlaps[i])
        return best if overlaps[best] > 0 else min(range(len(centres)), key=lambda i: abs(centres[i] - (a + b) / 2))

    return [(a, b, owner(a, b)) for a, b in parts]


def column_at(word: dict, spans: list[tuple[float, float, int]]) -> int:
    middle = (word["x0"] + word["x1"]) / 2
    return min(spans, key=lambda span: 0 if span[0] <= middle <= span[1] else min(abs(middle - span[0]), abs(middle - span[1])))[2]


def anchored_rows(words: list[dict], bounds: list[tuple[float, float]], roles: list[str | None]) -> list[list[str]] | None:
    """Rows of a table whose cells start on the row's first line (top-aligned, as most generated and
    scanned tables are): a row starts at each line with a value in the target (or Satuan) column;
    the lines until the next such line are the row's, each word in the column it stands under.
    None when the rows do not read that way (the indicators start in lower case: cells centred)."""
    at = {role: i for i, role in enumerate(roles) if isinstance(role, str)}
    anchor = next((at[role] for role in ("target", "unit", "budget") if role in at), None)
    indicator = at.get("indicator", at.get("program"))
    if anchor is None or indicator is None:
        return None
    spans = column_spans(words, bounds)
    placed = []
    for line in _lines(words):
        columns: dict[int, list[dict]] = {}
        for word in line:
            columns.setdefault(column_at(word, spans), []).append(word)
        placed.append(columns)
    rows: list[dict[int, list[str]]] = []
    for columns in placed:
        starts_row = anchor in columns and ("indicator" not in at or (indicator in columns and not _text(columns[indicator])[:1].islower()))
        if starts_row or not rows:  # a value beside a new indicator; a value alone is its cell wrapped
            rows.append({})
        for column, found in columns.items():
            rows[-1].setdefault(column, []).append(_text(found))
    cells = [[" ".join(row.get(i, [])) for i in range(len(bounds))] for row in rows]
    starts = [row[indicator][:1] for row in cells if row[indicator]]
    if starts and sum(ch.islower() for ch in starts) * 3 > len(starts):
        return None
    return cells


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


def _column_numbers(line: list[dict], bounds: list[tuple[float, float]]) -> bool:
    """The ``(1) (2) (3)`` row under a header: each number's place narrows its column to where it stands."""
    numbers = [w for w in line if re.fullmatch(r"\(?\d{1,2}\)?[.,]?", w["text"])]
    return len(numbers) >= 2 and len(numbers) == len(line)


def _roles(header) -> list[str | None]:
    roles = [column.role if column.role != "tujuan" or header.goal_at == i else None for i, column in enumerate(header.columns)]
    if header.goal_at is not None and header.kind == "indicators":
        roles[header.goal_at] = "goal"
    return roles


def _fold(names: list[str], bounds: list[tuple[float, float]], below: list[list[dict]]):
    """A header line and the line under it, when that line names sub-columns (years, quarters, K/Rp):
    each header cell with sub-cells under it becomes those columns, named "Target 2024"; None otherwise."""
    texts = [_text(cell) for cell in below]
    if not is_subheader(texts, [""] * len(texts), None):
        return None
    owners: dict[int, list[list[dict]]] = {}
    own: list[tuple[float, str, tuple[float, float]]] = []  # cells under no header cell: columns of their own
    for cell in below:
        left, right = cell[0]["x0"], cell[-1]["x1"]
        middle = (left + right) / 2
        under = [i for i in range(len(bounds)) if bounds[i][0] - 6 <= middle <= bounds[i][1] + 6]
        if not under and len(bounds) > 1 and not any(left < b[1] and b[0] < right for b in bounds) and _column_name_cell(cell):
            own.append((left, _text(cell), (left, right)))  # a header cell stacked lower than its neighbours ("Sasaran")
            continue
        owner = under[0] if under else min(range(len(bounds)), key=lambda i: min(abs(middle - bounds[i][0]), abs(middle - bounds[i][1])))
        owners.setdefault(owner, []).append(cell)
    new: list[tuple[float, str, tuple[float, float]]] = []
    for index, name in enumerate(names):
        subs = owners.get(index)
        if subs and len(subs) > 1 or (subs and len(bounds) == 1):
            for cell in subs:
                new.append((cell[0]["x0"], f"{name} {_text(cell)}", (cell[0]["x0"], cell[-1]["x1"])))
        else:
            new.append((bounds[index][0], name if not subs else f"{name} {_text(subs[0])}", bounds[index]))
    new = sorted(new + own, key=lambda item: item[0])
    return [name for _, name, _ in new], [bound for _, _, bound in new]


def _column_name_cell(cell: list[dict]) -> bool:
    """The cell names a column of its own (Sasaran, Satuan), not a year or a mark under another's."""
    from .recognise.header import column_of

    return column_of(_text(cell)).role is not None and column_of(_text(cell)).year is None


BAND_LINES = 4      # a header's cells stacked over this many lines at most


def _band_header(lines: list[list[dict]]):
    """A header whose cells are stacked over several lines (each cell's words centred in a tall header
    box: "Indikator" over "Tujuan/ Sasaran" beside "No | Tujuan | Sasaran"): the cells of all the lines,
    those that overlap across lines joined top to bottom, read as one header row. (header, cells) or None."""
    cells = [cell for line in lines for cell in _cells(line)]
    groups: list[list[list[dict]]] = []
    for cell in sorted(cells, key=lambda c: c[0]["x0"]):
        left, right = cell[0]["x0"], cell[-1]["x1"]
        joined = [g for g in groups if any(left < other[-1]["x1"] - 1 and other[0]["x0"] < right - 1 for other in g)]
        merged = [cell] + [c for g in joined for c in g]
        groups = [g for g in groups if g not in joined] + [merged]
    groups.sort(key=lambda g: min(c[0]["x0"] for c in g))
    columns = [sorted((w for c in g for w in c), key=lambda w: (round(w["top"]), w["x0"])) for g in groups]
    texts = tuple(_text(column) for column in columns)
    found = header_of(texts)
    if found is None or found.kind != "indicators":
        return None
    return found, columns


def page_items(words: list[dict]) -> list[tuple[str, Any, float]]:
    """("text", the line's words, top) and ("row", cells, top) in reading order: tables found by a header
    line and read by its columns, the other lines as they are."""
    items: list[tuple[str, Any, float]] = []
    table_words: list[dict] = []
    starts = roles = None
    bounds: list[tuple[float, float]] = []
    last_bottom = None

    def close():
        nonlocal table_words, starts, roles, bounds
        if starts is not None:
            rows = anchored_rows(table_words, bounds, roles) if table_words else []
            if rows is None:
                rows = _table_rows(table_words, starts, roles)
            start = min((w["top"] for w in table_words), default=last_bottom or 0.0)
            items.extend(("row", cells, start + index * 0.001) for index, cells in enumerate(rows))
        table_words, starts, roles, bounds = [], None, None, []

    for line in _lines(words):
        text = _text(line)
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        header = _cells(line)
        header_texts = [_text(cell) for cell in header]
        header_found = header_of(tuple(header_texts)) if maybe_header(text) else None
        if starts is None and header_found is not None:
            band = _lines_above(items, top)  # cells of this header stacked higher up ("No | Sasaran" over it)
            stacked = _band_header([*band, line]) if band else None
            if stacked is not None and len(stacked[1]) > len(header):
                del items[len(items) - len(band):]
                header_found, header = stacked
                top = min(w["top"] for l in band for w in l)
        elif starts is None and (not header_like(header_texts, None) or _years(header_texts)):
            band = _lines_above(items, top)  # the first line under a header whose cells are stacked over the lines above
            stacked = _band_header(band) if len(band) >= 2 and maybe_header(" ".join(_text(l) for l in band)) else None
            if stacked is not None:
                del items[len(items) - len(band):]
                close()
                header_found, columns = stacked
                starts = [min(w["x0"] for w in cell) for cell in columns]
                bounds = [(min(w["x0"] for w in cell), max(w["x1"] for w in cell)) for cell in columns]
                roles = _roles(header_found)
                items.append(("row", [_text(cell) for cell in columns], min(w["top"] for l in band for w in l)))
                last_bottom = max(w["bottom"] for w in band[-1])
                header_found = None  # this line is read under it: the years folded in, or the first row
        if header_found is not None:
            header_texts = [_text(cell) for cell in header]
            close()
            starts = [min(w["x0"] for w in cell) for cell in header]
            bounds = [(min(w["x0"] for w in cell), max(w["x1"] for w in cell)) for cell in header]
            roles = _roles(header_found)
            items.append(("row", header_texts, top))
            last_bottom = bottom
            continue
        if starts is not None and not table_words and items and items[-1][0] == "row" and (len(line) > 1 or _column_name_cell(line)):
            below = _cells(line)
            folded = _fold(list(items[-1][1]), bounds, below)
            if folded is not None:  # a second header row: the years under "Target", K / Rp under "Anggaran"
                names, bounds = folded
                header_found = header_of(tuple(names))
                if header_found is not None:
                    starts = [x0 for x0, _ in bounds]
                    roles = _roles(header_found)
                    items[-1] = ("row", names, items[-1][2])
                    last_bottom = bottom
                    continue
        if starts is not None and not table_words and _column_numbers(line, bounds):
            last_bottom = bottom
            continue  # the (1) (2) (3) (4) row: it places each column exactly
        if starts is not None and not (date_line(text) or title_of(text) or top - last_bottom > max(END_GAP, 2.5 * (bottom - top))):
            table_words += line
            last_bottom = max(last_bottom, bottom)
            continue
        close()
        items.append(("text", line, top))
    close()
    return items


def _lines_above(items: list, top: float) -> list[list[dict]]:
    """The header-like text lines right above ``top`` (at most BAND_LINES), each close under the one before: the
    upper part of a header whose cells are stacked over several lines, if they are one."""
    band: list[list[dict]] = []
    below = top
    for kind, line, line_top in reversed(items):
        if kind != "text" or len(band) == BAND_LINES:
            break
        texts = [_text(cell) for cell in _cells(line)]
        if not header_like(texts, None) or _years(texts):
            break
        height = max(w["bottom"] for w in line) - line_top
        if below - max(w["bottom"] for w in line) > max(WRAP_GAP, 1.5 * height):
            break
        band.insert(0, line)
        below = line_top
    return band


def _years(texts: list[str]) -> bool:
    """A line of years only (under "Target" or "Kondisi Awal"): a header's lower row, folded in, never its top."""
    from .recognise.header import YEAR

    return bool(texts) and all(YEAR.match(word) for text in texts for word in text.split())
