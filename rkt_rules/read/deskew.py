"""A scanned page fed in at an angle, or a quarter turn round, turned level before it is read.

A sheet is rarely square on a scanner's glass: a few degrees are enough for one table row's cells to
lie at different heights and for a ruling line to step across rows of pixels, so that neither the
line finder (scan_rules.py) nor the rows built from word positions hold. Levelling the words after
OCR (ocr.level) mends a small slope; beyond a degree or two Tesseract's own lines and the ruling are
already broken, so the image is turned first.

The angle is the one at which the page's ink lines up best along rows: printed lines and ruling make
the row profile of ink sharpest (the sum of its squares largest) when the page is level. The search
runs on a quarter-size copy, coarse then fine, with numpy: a few tens of milliseconds a page.

A landscape table scanned on its side lies a quarter turn round: its lines run down the page, so its
ink lines up far better along columns than along rows. Only such a page is shown to Tesseract's own
orientation detection (``--psm 0``, about half a second), which says which way to turn it; a page
whose lines already run across is never asked about.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .scan_rules import DARK

if TYPE_CHECKING:
    from PIL.Image import Image

LIMIT = 8.0      # degrees: no sheet is fed further askew; a larger angle found is the content's, not the feed's
COARSE = 0.5     # degrees between the first search's angles
FINE = 0.05      # degrees between the second's, round the first's best
MIN_ANGLE = 1.5  # degrees: less is left to ocr.level, which mends it; turning resamples the image, and a bold heading read whole at 1.1° was lost once turned
SHRINK = 4       # the search's copy is this many times smaller (200 dpi → 50 dpi: a text line is still 4 pixels tall)
SIDEWAYS = 1.5   # a page whose ink lines up this many times better along columns than along rows lies on its side
MIN_INK = 400    # dark pixels in that copy: fewer is a blank page, whose angle means nothing


def _sharpness(rows, columns, degrees: float) -> float:
    """How sharply the ink lines up along rows when the page is turned back by ``degrees``."""
    import numpy as np

    shifted = np.rint(rows + columns * math.tan(math.radians(degrees))).astype(np.int64)
    profile = np.bincount(shifted - shifted.min()).astype(np.float64)
    return float(np.dot(profile, profile))


def _search(rows, columns, around: float, span: float, step: float) -> float:
    count = round(span / step)
    candidates = [around + step * index for index in range(-count, count + 1)]
    return max(candidates, key=lambda degrees: (_sharpness(rows, columns, degrees), -abs(degrees)))


def _ink(image: Image):
    """(rows, columns) of the dark pixels of the search's small copy, as floats; None for a blank page."""
    import numpy as np

    rows, columns = np.nonzero(np.asarray(image.convert("L").reduce(SHRINK)) < DARK)
    if rows.size < MIN_INK:
        return None
    return rows.astype(np.float64), columns.astype(np.float64)


def angle(image: Image) -> float:
    """The page's angle in degrees (counter-clockwise, as PIL's ``rotate`` counts), 0.0 when level or blank."""
    ink = _ink(image)
    if ink is None:
        return 0.0
    rows, columns = ink
    coarse = _search(rows, columns, 0.0, LIMIT, COARSE)
    return round(_search(rows, columns, coarse, COARSE, FINE), 2)


def levelled(image: Image) -> Image:
    """The page turned level (white where the turn uncovers the corners), or the page itself when it is."""
    from PIL import Image as PILImage

    degrees = angle(image)
    if abs(degrees) < MIN_ANGLE:
        return image
    grey = image.convert("L")
    return grey.rotate(-degrees, resample=PILImage.Resampling.BICUBIC, expand=False, fillcolor=255)


def _lies_on_its_side(image: Image) -> bool:
    ink = _ink(image)
    if ink is None:
        return False
    rows, columns = ink
    return _sharpness(columns, rows, 0.0) > SIDEWAYS * _sharpness(rows, columns, 0.0)


def _orientation(image: Image) -> int | None:
    """The clockwise turn Tesseract's orientation detection says brings the page upright, or None."""
    import pytesseract

    try:
        found = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return None  # too little text to tell, or no orientation model: read it as it lies
    return int(found.get("rotate", 0)) % 360


def _turned(image: Image, turn: int) -> Image:
    return image.rotate(-turn, expand=True, fillcolor=255 if image.mode == "L" else "white")


def turned_over(image: Image) -> Image | None:
    """The page turned the way Tesseract says it lies, when it says it lies otherwise (upside down), else None.
    Asked only of a page read with little confidence: upside down, text reads as noise."""
    turn = _orientation(image)
    return _turned(image, turn) if turn else None


def upright(image: Image) -> Image:
    """The page turned a quarter back where it lies on its side (Tesseract says which way), else the page."""
    if not _lies_on_its_side(image):
        return image
    turn = _orientation(image)
    return _turned(image, turn) if turn else image
