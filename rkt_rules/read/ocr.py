"""Scanned PDFs (no text layer): each page rendered (pypdfium2) and read by Tesseract with its
Indonesian model, through pytesseract, into words with their boxes, as pdfplumber gives them
for a PDF with text, and into the page's ruling lines (scan_rules.py), whitened before
Tesseract reads the page. A page fed in askew, or on its side, is turned level first (deskew.py). Every later step reads those words and lines as it reads any PDF
page's, so OCR is a stage, not a special case.

Why pytesseract rather than ocrmypdf: the reader needs each word's box and confidence, which
``image_to_data`` gives directly; ocrmypdf would write a new PDF (and needs Ghostscript and
qpdf) only for pdfplumber to take the words out again.

OCR misreads the percent sign after a number (``89.16Yo``, ``85.50Y0``, ``100o/o``); words that
are a number followed by one of those shapes are given back their ``%``. Every location read
this way says so (``page 2 (OCR)``), and the plan keeps one diagnostic per document saying
which pages were read by OCR and how sure Tesseract was.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..errors import PlanError
from .scan_rules import DARK

DPI = 200                 # 200 dpi reads 10 pt print as well as 300 does here, at two thirds of the time
MAX_PAGES = 60            # a scan longer than this is refused: OCR costs seconds a page
MIN_CONFIDENCE = 30       # Tesseract's words below this (noise, stamps, signatures) are left out
UNSURE = 80               # a page read with less mean confidence may lie upside down: Tesseract is asked (upright: 94, turned over: 65)
_PERCENT = re.compile(r"^(?P<number>[<>≥≤]?\d+(?:[.,]\d+)?)(?:Yo|YO|Y0|yo|y0|%o|o/o|0/0|°/o|°o|/o)$")
_LANGUAGES = "ind+eng"
_RULING = re.compile(r"^[|¦_=~—\[\]{}'`\"“”‘’·•;,.]+$")  # no letter, digit, % or lone "-": a line, a stamp's edge, a speck


def available() -> bool:
    return shutil.which("tesseract") is not None


def language() -> str:
    """Indonesian (with English for the words offices borrow), or English alone where the Indonesian model is missing."""
    import pytesseract

    try:
        installed = set(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001 - any failure to list: use what Tesseract has by default
        return "eng"
    return _LANGUAGES if "ind" in installed else "eng"


def fix_word(text: str) -> str:
    """A word as OCR misreads it, given back its percent sign: ``89.16Yo`` → ``89.16%``."""
    match = _PERCENT.match(text)
    return f"{match['number']}%" if match else text


class ScanPage(NamedTuple):
    """One scanned page as read: its words (x0, x1, top, bottom in points, text, confidence), levelled by
    the page's slope; Tesseract's mean confidence; its ruling lines as pdfplumber edges, levelled as the
    words are; and the image Tesseract read (lines whitened), for the cells it left empty."""

    words: list[dict]
    confidence: float
    edges: list[dict]
    image: Any
    slope: float
    lang: str


def page_words(data: bytes, path: str) -> Iterator[ScanPage]:
    """Each page of a scanned PDF, read, one at a time (a page's image is let go when the next is read)."""
    from . import deskew

    if not available():
        raise PlanError("pdf-scan-no-ocr", path=path)
    import pypdfium2 as pdfium
    import pytesseract

    # Tesseract's OpenMP threads spin against each other on a small machine: one page took 15 s with
    # them and 2 s without (2 cores). A caller who set the limit keeps theirs.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise PlanError("not-readable-pdf", path=path, reason=str(error)) from None
    try:
        if len(document) > MAX_PAGES:
            raise PlanError("pdf-scan-too-long", path=path, pages=len(document), limit=MAX_PAGES)
        lang = language()
        for page in document:
            picture = deskew.upright(page.render(scale=DPI / 72).to_pil())
            read = _read(picture, lang)
            if read.confidence < UNSURE and (turned := deskew.turned_over(picture)) is not None:
                again = _read(turned, lang)  # a page read upside down reads as noise: Tesseract says which way it lies
                read = again if again.confidence > read.confidence else read
            yield read
    except pytesseract.TesseractError as error:
        raise PlanError("not-readable-pdf", path=path, reason=f"Tesseract: {error}") from None
    finally:
        document.close()


def _read(picture, lang: str) -> ScanPage:
    """One page's picture read: its ruling found and whitened, its words read and levelled."""
    import pytesseract

    from . import deskew, scan_rules

    edges, image = scan_rules.find(deskew.levelled(picture), DPI)
    found = pytesseract.image_to_data(image, lang=lang, output_type=pytesseract.Output.DICT)
    words, lines = _words(found, (0.0, 0.0))
    confidences = [word["confidence"] for word in words]
    slope = skew(lines)
    slope = slope if 0.002 <= abs(slope) <= 0.1 else 0.0  # too small to matter, or no table's slope
    return ScanPage(level(words, slope), sum(confidences) / len(confidences) if confidences else 0.0,
                    level(edges, slope), image, slope, lang)




def _words(found: dict, origin: tuple[float, float]) -> tuple[list[dict], list[list[dict]]]:
    """Tesseract's words in points (from ``origin``, in points), and the same words by the line Tesseract put them in."""
    scale = 72 / DPI
    words: list[dict] = []
    lines: dict[tuple, list[dict]] = {}
    for index, text in enumerate(found["text"]):
        text = (text or "").strip()
        confidence = float(found["conf"][index])
        if not text or confidence < MIN_CONFIDENCE or _RULING.match(text):
            continue  # nothing read, noise, or a table's ruling line read as "|"
        left, top = origin[0] + found["left"][index] * scale, origin[1] + found["top"][index] * scale
        width, height = found["width"][index] * scale, found["height"][index] * scale
        word = {"text": fix_word(text), "x0": left, "x1": left + width, "top": top, "bottom": top + height, "confidence": confidence}
        words.append(word)
        lines.setdefault((found["block_num"][index], found["par_num"][index], found["line_num"][index]), []).append(word)
    return words, list(lines.values())


CELL_INSET = 2.0   # points kept off a cell's border: what is left of a whitened line is no ink of the cell's
CELL_INK = 12      # dark pixels: fewer is a speck, not a word
CELL_MARGIN = 10   # pixels of white put round a cell read alone: Tesseract misses letters touching the edge


def cell_words(page: ScanPage, box: tuple[float, float, float, float]) -> list[dict]:
    """The words of a table cell the page's reading left empty, read alone. Tesseract's layout analysis
    drops a lone short word in a narrow cell (a row's number, one quarter's target) as noise; read as a
    block of its own, it is there. A cell with no ink is not read at all."""
    import pytesseract
    from PIL import ImageOps

    x0, top, x1, bottom = box
    middle = (x0 + x1) / 2
    top, bottom = top + page.slope * middle, bottom + page.slope * middle  # back from levelled to the image's own
    pixels = DPI / 72
    crop_box = tuple(round(v * pixels) for v in (x0 + CELL_INSET, top + CELL_INSET, x1 - CELL_INSET, bottom - CELL_INSET))
    if crop_box[2] - crop_box[0] < 4 or crop_box[3] - crop_box[1] < 4:
        return []
    crop = page.image.crop(crop_box)
    if sum(crop.histogram()[:DARK]) < CELL_INK:
        return []
    found = pytesseract.image_to_data(ImageOps.expand(crop, CELL_MARGIN, fill=255), lang=page.lang, config="--psm 6",
                                      output_type=pytesseract.Output.DICT)
    origin = (crop_box[0] / pixels - CELL_MARGIN / pixels, crop_box[1] / pixels - CELL_MARGIN / pixels)
    words, _ = _words(found, origin)
    return level(words, page.slope)


def skew(lines) -> float:
    """The page's slope (points down per point right), from the text lines Tesseract found: a scan
    fed in at an angle puts one table row's cells at different heights, which would part them."""
    slopes = []
    for words in lines:
        if len(words) < 3:
            continue
        xs = [(w["x0"] + w["x1"]) / 2 for w in words]
        ys = [w["bottom"] for w in words]
        if max(xs) - min(xs) < 80:
            continue
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        spread = sum((x - mean_x) ** 2 for x in xs)
        slopes.append(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread)
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


def level(words: list[dict], slope: float) -> list[dict]:
    """Words moved up or down by the page's slope, so that one printed line has one height again."""
    if not slope:
        return words
    for word in words:
        shift = slope * (word["x0"] + word["x1"]) / 2
        word["top"] -= shift
        word["bottom"] -= shift
    return words
