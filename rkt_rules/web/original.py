"""The original page beside the reading: one page of an uploaded PDF, rendered to a PNG (pypdfium2), so a
reviewer checks a row the reader may have read wrong against what the unit published. The browser sends
the file again with the page's number; the server renders that page and keeps nothing."""

from __future__ import annotations

import io

WIDTH = 1100          # pixels: a page drawn this wide reads at a laptop's width, landscape tables included
MAX_SCALE = 2.0       # …and no finer than 144 dpi for a small page
PDF_MAGIC = b"%PDF-"


class NoPage(Exception):
    """The page cannot be shown; ``key`` names the catalog's sentence (web.*), ``values`` fill it."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


def page_png(data: bytes, number: int) -> bytes:
    """Page ``number`` (from 1) of the PDF in ``data``, as PNG bytes."""
    import pypdfium2 as pdfium

    if not data.lstrip()[:5].startswith(PDF_MAGIC):
        raise NoPage("page_not_pdf")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise NoPage("page_unreadable", reason=str(error)) from None
    try:
        if not 1 <= number <= len(document):
            raise NoPage("page_out_of_range", page=number, pages=len(document))
        page = document[number - 1]
        width = page.get_width() or 1.0
        image = page.render(scale=min(MAX_SCALE, WIDTH / width)).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False)
        return out.getvalue()
    finally:
        document.close()
