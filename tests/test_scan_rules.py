"""The ruling lines of a scanned page found in its pixels (read/scan_rules.py): the class is "a ruled
table printed and scanned", drawn here at random (columns, rows, line weight, a dithered or broken
line, words in the cells), never one file's page."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from rkt_rules.read import scan_rules

DPI = 200
PT = DPI / 72
PIECE_PX = round(scan_rules.PIECE * PT)


def _positions(draw, start: int, count: int, low: int, high: int) -> list[int]:
    out = [start]
    for _ in range(count):
        out.append(out[-1] + draw(st.integers(low, high)))
    return out


@st.composite
def scanned_grids(draw):
    """A page image with a ruled grid, and the grid's line positions in pixels."""
    columns = _positions(draw, 40, draw(st.integers(2, 6)), int(40 * PT), int(160 * PT))
    rows = _positions(draw, 60, draw(st.integers(2, 6)), int(14 * PT), int(90 * PT))
    weight = draw(st.integers(1, 3))
    # a grey line scanned bitonal: every other pixel, the next row of pixels the others (one pixel alone is a dotted line)
    dithered = weight > 1 and draw(st.booleans())
    breaks = draw(st.lists(st.integers(0, 10_000), max_size=4))  # a pixel gone here and there along a line
    image = Image.new("L", (columns[-1] + 60, rows[-1] + 60), 255)
    pen = ImageDraw.Draw(image)
    for y in rows:
        pen.rectangle([columns[0], y, columns[-1], y + weight - 1], fill=0)
    for x in columns:
        pen.rectangle([x, rows[0], x + weight - 1, rows[-1] + weight - 1], fill=0)
    if dithered:
        for y in rows:
            for dy in range(weight):
                for x in range(columns[0], columns[-1], 2):
                    image.putpixel((x + (dy % 2), y + dy), 255)
    placed: list[tuple[int, int]] = []
    for spot in breaks:
        y = rows[spot % len(rows)]
        x = columns[0] + spot % max(1, columns[-1] - columns[0])
        if any(y == other_y and abs(x - other_x) < 3 * PIECE_PX for other_y, other_x in placed):
            continue  # specks a piece of a line apart, as dust falls, not a dotted line
        placed.append((y, x))
        for dy in range(weight + 1):
            image.putpixel((x, y + dy), 255)
    rng = random.Random(draw(st.integers(0, 1000)))
    for top, bottom in zip(rows, rows[1:]):
        for left, right in zip(columns, columns[1:]):
            y = top + 6
            while y + 12 < bottom:  # lines of words, as a cell's wrapped text
                pen.text((left + 5, y), " ".join(rng.choice(["Persentase", "Indeks", "Jumlah", "100%", "B", "lll", "T"])
                                                  for _ in range(3))[: max(1, (right - left) // 8)], fill=0)
                y += 14
    return image, columns, rows, weight


def _near(values: list[float], want: float, tolerance: float) -> bool:
    return any(abs(value - want) <= tolerance for value in values)


@settings(max_examples=40, deadline=None)
@given(scanned_grids())
def test_every_ruling_line_of_a_scanned_grid_is_found_and_no_word_makes_one(grid):
    image, columns, rows, weight = grid
    edges, cleaned = scan_rules.find(image, DPI)
    across = [e for e in edges if e["orientation"] == "h"]
    down = [e for e in edges if e["orientation"] == "v"]
    tolerance = (weight + 2) / PT
    # each printed line is found along the whole table (a speck's stub at an end, shorter than a piece of a
    # line, may be lost: the table finder meets lines within that much)
    reach = scan_rules.PIECE + 1
    for y in rows:
        pieces = sorted((e["x0"], e["x1"]) for e in across if abs(e["top"] - y / PT) <= tolerance)
        assert pieces and pieces[0][0] <= columns[0] / PT + reach and pieces[-1][1] >= columns[-1] / PT - reach
        assert all(later[0] - earlier[1] <= reach for earlier, later in zip(pieces, pieces[1:]))
    for x in columns:
        pieces = sorted((e["top"], e["bottom"]) for e in down if abs(e["x0"] - x / PT) <= tolerance)
        assert pieces and pieces[0][0] <= rows[0] / PT + reach and pieces[-1][1] >= rows[-1] / PT - reach
        assert all(later[0] - earlier[1] <= reach for earlier, later in zip(pieces, pieces[1:]))
    # nothing else: the words in the cells never add up to a line
    assert all(_near([y / PT for y in rows], e["top"], tolerance) for e in across)
    assert all(_near([x / PT for x in columns], e["x0"], tolerance) for e in down)
    # and the lines are gone from the image Tesseract reads (but a speck's stub)
    pixels = cleaned.load()
    sample = [pixels[x, y] for y in rows for x in range(columns[0] + 5, columns[-1] - 5, 3)]
    assert sample.count(255) >= 0.95 * len(sample)


def test_a_page_without_lines_is_left_as_it_is():
    image = Image.new("L", (600, 400), 255)
    ImageDraw.Draw(image).text((20, 20), "Meningkatnya kualitas pelayanan 100%", fill=0)
    edges, cleaned = scan_rules.find(image, DPI)
    assert edges == [] and cleaned is image
