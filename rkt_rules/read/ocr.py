"""Scanned PDFs (no text layer): each page rendered (pypdfium2) and read by Tesseract with its
Indonesian model, through pytesseract, into words with their boxes, as pdfplumber gives them
for a PDF with text, and into the page's ruling lines (scan_rules.py), whitened before
Tesseract reads the page. Every later step reads those words and lines as it reads any PDF
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

from ..errors import PlanError

DPI = 200                 # 200 dpi reads 10 pt print as well as 300 does here, at two thirds of the time
MAX_PAGES = 60            # a scan longer than this is refused: OCR costs seconds a page
MIN_CONFIDENCE = 30       # Tesseract's words below this (noise, stamps, signatures) are left out
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


def page_words(data: bytes, path: str) -> list[tuple[list[dict], float, list[dict]]]:
    """Each page's words (x0, x1, top, bottom in points, text, confidence), the page's mean confidence,
    and its ruling lines as pdfplumber edges (scan_rules.py), levelled as the words are."""
    from . import scan_rules

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
        scale = 72 / DPI
        pages = []
        for page in document:
            edges, image = scan_rules.find(page.render(scale=DPI / 72).to_pil(), DPI)
            found = pytesseract.image_to_data(image, lang=lang, output_type=pytesseract.Output.DICT)
            words: list[dict] = []
            confidences: list[float] = []
            lines: dict[tuple, list[dict]] = {}
            for index, text in enumerate(found["text"]):
                text = (text or "").strip()
                confidence = float(found["conf"][index])
                if not text or confidence < MIN_CONFIDENCE or _RULING.match(text):
                    continue  # nothing read, noise, or a table's ruling line read as "|"
                left, top = found["left"][index] * scale, found["top"][index] * scale
                width, height = found["width"][index] * scale, found["height"][index] * scale
                word = {"text": fix_word(text), "x0": left, "x1": left + width, "top": top, "bottom": top + height, "confidence": confidence}
                words.append(word)
                confidences.append(confidence)
                lines.setdefault((found["block_num"][index], found["par_num"][index], found["line_num"][index]), []).append(word)
            slope = skew(lines.values())
            pages.append((level(words, slope), sum(confidences) / len(confidences) if confidences else 0.0, level(edges, slope)))
        return pages
    except pytesseract.TesseractError as error:
        raise PlanError("not-readable-pdf", path=path, reason=f"Tesseract: {error}") from None
    finally:
        document.close()


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
    if abs(slope) < 0.002 or abs(slope) > 0.1:
        return words
    for word in words:
        shift = slope * (word["x0"] + word["x1"]) / 2
        word["top"] -= shift
        word["bottom"] -= shift
    return words
