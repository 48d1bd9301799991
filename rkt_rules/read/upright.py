"""Pages whose text runs sideways or upside down, turned so that it reads left to right.

A landscape table is often put on a portrait page turned a quarter (printed sideways, or scanned and
saved the wrong way up): a viewer shows it as it lies and a reader tilts the head, but every word of
the page then runs down or up the page, and no line, column or header can be found. The direction of
a page's text is in each character's matrix; where most of a page's text runs one other way, the
page's own rotation (``/Rotate``) is set to bring it upright (pypdfium2 writes the copy that is read),
and the page is read as any other. Nothing else of the file changes; its pages keep their numbers.
"""

from __future__ import annotations

import math
from collections import Counter

SAMPLE = 20        # every twentieth character is enough to tell a page's direction
MIN_CHARS = 40     # a page with fewer characters (a stamp, a page number) is left as it is
MOST = 0.6         # the share of the sampled characters that must run one way


def _direction(matrix) -> int:
    """The way a character runs, in quarter turns counter-clockwise from left to right: 0, 90, 180 or 270."""
    return round(math.degrees(math.atan2(matrix[1], matrix[0])) / 90) % 4 * 90


def turns(pages) -> dict[int, int]:
    """Page index → the rotation to add for its text to run left to right, for the pages that need one."""
    needed: dict[int, int] = {}
    for index, page in enumerate(pages):
        chars = page.chars
        if len(chars) < MIN_CHARS:
            continue
        sample = chars[::SAMPLE]
        direction, count = Counter(_direction(char["matrix"]) for char in sample).most_common(1)[0]
        if direction and count >= MOST * len(sample):
            needed[index] = direction
    return needed


def turned(data: bytes, needed: dict[int, int]) -> bytes:
    """A copy of the PDF with each page of ``needed`` turned by its rotation."""
    import io

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for index, degrees in needed.items():
            page = document[index]
            page.set_rotation((page.get_rotation() + degrees) % 360)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()
