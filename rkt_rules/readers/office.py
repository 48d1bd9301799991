"""What the PDF, Word and Excel readers share.

Each office reader walks its document in reading order and fills a ``Layout``:
text lines (title, labels, signature) and table rows, each with where it came
from. The layout is the text layout the text reader already understands, so
every rule about continuation rows, repeated headers and signature blocks lives
in one place; afterwards each node's line is swapped for its office location
("page 2, table 1, row 5", "table 1, row 5", "RKT!D7").
"""

from __future__ import annotations

import io
import zipfile

from ..errors import PlanError
from ..model import Plan
from .limits import current as limits
from .text import _maybe_header, header_columns, read_text

MAX_UNPACKED = 200 * 1024 * 1024  # a DOCX/XLSX larger than this once unzipped is refused
MAX_RATIO = 100                    # …and so is one that compresses more than this (a zip bomb)


def clean(value) -> str:
    """Cell text as one line: inner line breaks and tabs become single spaces."""
    return " ".join(str(value).split()) if value is not None else ""


class Layout:
    def __init__(self, path: str):
        self.path = path
        self.lines: list[str] = []
        self.origins: dict[int, dict[str, str]] = {}  # line number -> role -> location
        self.columns: list[str] | None = None  # roles of the current table's columns

    def text(self, text: str, origin: str) -> None:
        for part in str(text).splitlines() or [""]:
            self.lines.append(part)
            self.origins[len(self.lines)] = {"row": origin}

    def blank(self) -> None:
        self.lines.append("")

    def row(self, cells: list[str], origin: str, refs: list[str] | None = None) -> None:
        """A table row; ``refs`` names each cell (``RKT!C7``) where the format has names."""
        cells = [clean(c) for c in cells]
        if _maybe_header("\t".join(cells)) and header_columns(cells):
            self.columns = header_columns(cells)
        self.lines.append("\t".join(cells))
        where = {"row": origin}
        if self.columns and refs:
            for role, ref in zip(self.columns, refs):
                if role in ("number", "goal", "indicator", "target"):
                    where[role] = ref
        self.origins[len(self.lines)] = where

    def plan(self) -> Plan:
        if not "".join(self.lines).strip():
            raise PlanError("no text found in the document", path=self.path)
        return relocate(read_text("\n".join(self.lines), self.path), self.origins)


def relocate(plan: Plan, origins: dict[int, dict[str, str]]) -> Plan:
    """Swap layout line numbers for office locations, node by node."""
    def at(line, role):
        where = origins.get(line, {})
        return where.get(role) or where.get("row")

    documents = []
    for document in plan.documents:
        goals = []
        for goal in document.goals:
            indicators = tuple(i.model_copy(update={"line": None, "cell": at(i.line, "target")}) for i in goal.indicators)
            goals.append(goal.model_copy(update={"line": None, "cell": at(goal.line, "goal"), "indicators": indicators}))
        signature = document.signature
        if signature is not None:
            signature = signature.model_copy(update={"line": None, "cell": at(signature.line, "row")})
        documents.append(document.model_copy(update={"line": None, "cell": at(document.line, "row"), "goals": tuple(goals), "signature": signature}))
    diagnostics = tuple(d.model_copy(update={"line": None, "text": f"[{at(d.line, 'row')}] {d.text}"}) for d in plan.diagnostics)
    return plan.model_copy(update={"documents": tuple(documents), "diagnostics": diagnostics})


def open_zip(data: bytes, path: str, kind: str) -> zipfile.ZipFile:
    """A DOCX/XLSX container, refused before it is unpacked if it is a zip bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise PlanError(f"not a valid {kind} file (broken zip container: {error})", path=path) from None
    unpacked = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if unpacked > max(MAX_UNPACKED, limits().max_bytes) or unpacked / packed > MAX_RATIO:
        raise PlanError(f"refused: {kind} would unpack to {unpacked} bytes ({unpacked // packed}x its size), like a zip bomb", path=path)
    return archive


def indonesian_date(value) -> str:
    from ..writers.text_layout import MONTH_NAMES

    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"

