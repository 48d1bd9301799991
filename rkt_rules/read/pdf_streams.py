"""How far a PDF's compressed streams inflate, measured before any PDF library reads them.

pdfminer inflates a page's content stream whole, then builds an object per character: a 3 MB file
whose one stream inflates to 1 GB took over 6 GB and minutes. The streams are counted here while
they inflate, a megabyte at a time and thrown away, so the file is refused in one line the moment a
bound passes. Content (text, drawings, fonts) is bounded in total, far above any published plan's
(an 85-page Renstra holds 5 MB, a 30-page Renja 9 MB); an image, decoded only to be read by OCR, is
bounded each, above a colour A4 page at 600 dpi (100 MB).
"""

from __future__ import annotations

import re
import zlib

from ..errors import PlanError

MAX_CONTENT = 64 * 1024 * 1024  # all text, drawing and font streams together, inflated
MAX_IMAGE = 256 * 1024 * 1024   # any one image, inflated
CHUNK = 1 << 20

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def check_inflation(data: bytes, path: str, max_content: int = MAX_CONTENT, max_image: int = MAX_IMAGE) -> None:
    """Refuse, naming the file, a PDF whose flate streams inflate past the bounds (bytes)."""
    content = 0
    at = 0
    while (found := _STREAM.search(data, at)) is not None:
        head = data[max(0, found.start() - 1024):found.start()]
        head = head[head.rfind(b"<<"):]
        end = _end_of(data, found.end(), head)
        at = end
        if not _FLATE.search(head):
            continue  # images in DCT, JBIG2 or CCITT are not inflated by anything here
        image = _IMAGE.search(head) is not None
        bound = max_image if image else max_content - content
        size = _inflated(data[found.end():end], bound)
        if size > bound:
            raise PlanError("pdf-bomb", path=path, limit=round((max_image if image else max_content) / (1024 * 1024)))
        if not image:
            content += size


def _end_of(data: bytes, start: int, head: bytes) -> int:
    """Where a stream's bytes end: by its direct /Length where that fits the file (as the PDF
    libraries read it, so bytes that look like `endstream` inside the data cannot cut it short),
    else at the next `endstream`."""
    length = _LENGTH.search(head)
    if length is not None and start + int(length.group(1)) <= len(data):
        return start + int(length.group(1))
    end = data.find(b"endstream", start)
    return len(data) if end < 0 else end


def _inflated(raw: bytes, bound: int) -> int:
    """Bytes ``raw`` inflates to, counted up to ``bound`` + 1 (past it the exact size does not matter).
    A stream zlib cannot inflate counts what it gave before the fault: the PDF library says the rest."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        while raw and size <= bound:
            chunk = inflater.decompress(raw, CHUNK)
            size += len(chunk)
            raw = inflater.unconsumed_tail
            if not chunk:
                break
    except zlib.error:
        pass
    return size
