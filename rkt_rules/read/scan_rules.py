"""The ruling lines of a scanned page, found in its image.

A printed table keeps its grid when it is scanned, but only as pixels: pdfplumber finds no line to
build cells from, and words read by OCR from a ruled table whose cells wrap over many lines cannot be
put back in their rows by position alone. Here the grid is found again: a line is a run of dark pixels
far longer than any stroke of a letter (horizontal runs of ``MIN_ACROSS`` points, vertical ones of
``MIN_DOWN``), given back as pdfplumber edges, in points, so that pdfplumber's own table finder builds
the cells from them as it does from a PDF's drawn lines. The same pixels are whitened in the image
before OCR: Tesseract then neither reads a border as ``|`` nor runs a line of words across cells.

numpy does the pixel work: a page of 200 dpi is four million pixels, cumulative sums over them take
milliseconds where a Python loop would take seconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

GAP = 3             # pixels: a break this short between two pieces of a line is the scan's, not the table's
DARK = 170          # grey level (0 black, 255 white) under which a pixel is ink
PIECE = 8.0         # points: a run this long is a piece of a line (longer than a body text letter's stroke)
MIN_ACROSS = 24.0   # points: a horizontal run this long is a line (the widest letter stroke is a few points)
MIN_DOWN = 12.0     # points: a vertical run this long is a line (taller than a line of body text)
WHITEN_DOWN = 24.0  # points: a vertical run whitened before OCR (a heading's letter stroke is shorter)


def _covered(mask, length: int):
    """The pixels of a boolean image that lie on a run of at least ``length`` along its rows."""
    import numpy as np

    height, width = mask.shape
    if width < length:
        return np.zeros_like(mask)
    sums = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # the window starting at each column is all ink
    starts = np.zeros((height, full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=starts[:, 1:])
    column = np.arange(width)
    last = np.minimum(column, full.shape[1] - 1) + 1
    first = np.maximum(0, column - length + 1)
    return (starts[:, last] - starts[:, first]) > 0


def _segments(covered) -> list[tuple[int, int, int]]:
    """(row, first column, column after the last) of each run of covered pixels, row by row."""
    import numpy as np

    padded = np.zeros((covered.shape[0], covered.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = covered
    steps = np.diff(padded, axis=1)
    rows, begins = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)
    return list(zip(rows.tolist(), begins.tolist(), ends.tolist()))


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"object_type": "line_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "width": x1 - x0, "height": bottom - top}


def _thickened(ink):
    """Ink spread one pixel up and down: a thin scanned line is dithered and steps with the page's skew,
    so no single row of pixels holds it whole, while two or three neighbouring rows do."""
    thick = ink.copy()
    thick[1:] |= ink[:-1]
    thick[:-1] |= ink[1:]
    return thick


def _lines(ink, piece: int, length: int) -> list[list[int]]:
    """[row, first column, column after the last] of each line along the image's rows: runs of at least
    ``piece`` pixels (longer than a letter's stroke), joined across breaks of up to GAP pixels (a scanned
    line is dithered, or broken by a speck), kept when ``length`` pixels long in all. Only pieces already
    too long for a letter are joined, so the letters of a word never add up to a line."""
    lines: list[list[int]] = []
    for row, begin, end in _segments(_covered(ink, piece)):
        if lines and lines[-1][0] == row and begin - lines[-1][2] <= GAP:
            lines[-1][2] = end
        else:
            lines.append([row, begin, end])
    return [line for line in lines if line[2] - line[1] >= length]


def find(image: Image, dpi: float) -> tuple[list[dict], Image]:
    """The page's ruling lines as pdfplumber edges (in points), and the image with them whitened."""
    import numpy as np
    from PIL import Image as PILImage

    grey = np.asarray(image.convert("L"))
    ink = grey < DARK
    scale = 72 / dpi
    pixels = lambda points: max(2, round(points / scale))  # noqa: E731
    across = _lines(_thickened(ink), pixels(PIECE), pixels(MIN_ACROSS))
    down = _lines(_thickened(ink.T), pixels(PIECE), pixels(MIN_DOWN))
    edges = [_edge("h", begin * scale, end * scale, row * scale, row * scale) for row, begin, end in across]
    edges += [_edge("v", column * scale, column * scale, begin * scale, end * scale) for column, begin, end in down]
    if not edges:
        return [], image
    ruling = np.zeros_like(ink)
    for row, begin, end in across:
        ruling[row, begin:end] = True
    for column, begin, end in down:
        if end - begin >= pixels(WHITEN_DOWN):
            ruling[begin:end, column] = True
    ruling[1:] |= ruling[:-1].copy()  # a pixel either side too: a scanned line's edge is grey, not white
    ruling[:-1] |= ruling[1:].copy()
    ruling[:, 1:] |= ruling[:, :-1].copy()
    ruling[:, :-1] |= ruling[:, 1:].copy()
    cleaned = grey.copy()
    cleaned[ruling] = 255
    return edges, PILImage.fromarray(cleaned)
