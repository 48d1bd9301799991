"""What the PDF, Word and Excel readers share: opening containers safely, dates as written.

Each office reader walks its document in reading order and hands the shared
recogniser (rkt_rules/recognise) text lines and table rows, each with where it
came from ("page 2, table 1, row 5", "table 1, row 5", "RKT!D7"), so findings
point into the file the user has.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import PlanError
from .recognise.blocks import clean  # noqa: F401  (re-exported for the readers)
from .limits import current as limits

MAX_UNPACKED = 200 * 1024 * 1024  # a DOCX/XLSX larger than this once unzipped is refused
MAX_RATIO = 100                    # …and so is one that compresses more than this (a zip bomb)


def open_zip(data: bytes, path: str, kind: str) -> zipfile.ZipFile:
    """A DOCX/XLSX container, refused before it is unpacked if it is a zip bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise PlanError("not-valid-office", path=path, kind=kind, reason=str(error)) from None
    unpacked = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if unpacked > max(MAX_UNPACKED, limits().max_bytes) or unpacked / packed > MAX_RATIO:
        raise PlanError("zip-bomb", path=path, kind=kind, size=unpacked, ratio=unpacked // packed)
    return archive


def rows_holding(xml: bytes, row: str, values: tuple[str, ...], limit: int) -> int:
    """Rows of an Office part's XML (``row`` elements) holding a value (a ``values`` element somewhere
    inside: formatted empty rows are no table rows), streamed and counted up to ``limit`` + 1, so --max-rows
    refuses a sheet or a document before its library builds it whole."""
    from lxml import etree

    held = 0
    wanted = tuple(f"{{*}}{tag}" for tag in values)
    for _, element in etree.iterparse(io.BytesIO(xml), tag=f"{{*}}{row}", resolve_entities=False, no_network=True):
        held += next(element.iter(*wanted), None) is not None
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]
        if held > limit:
            break
    return held


def indonesian_date(value) -> str:
    """A date cell as the plan's text would write it, for the recogniser's date lines."""
    from ..locale import long_date

    return long_date("id", value.year, value.month, value.day)


def no_text(path: str) -> PlanError:
    return PlanError("no-text", path=path)
