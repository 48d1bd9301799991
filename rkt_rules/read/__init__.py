"""Source file → Plan. One module per format; this one picks the reader."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PlanError
from .decoding import decode, read_bytes
from .limits import current as limits

if TYPE_CHECKING:  # the model (and pydantic) load with a reader: `--help` needs only the limits
    from ..model import Plan

PLAN_SUFFIXES = (".txt", ".toml", ".pdf", ".docx", ".xlsx", ".html", ".htm", ".json")


def sniff(data: bytes, path: str) -> str:
    """The format by content (magic bytes), not by name: a mislabelled file still reads."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import zipfile
        import io

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise PlanError("broken-zip", path=path) from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise PlanError("foreign-zip", path=path)
    if data.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        raise PlanError("old-office", path=path)
    from .html_reader import is_html

    if is_html(data):
        return "html"
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".json" or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):  # no text or TOML plan starts with a brace
        return "json"
    return "toml" if suffix == ".toml" else "text"


def read_plan(path: str | Path) -> Plan:
    """Read a plan file of any supported format; PlanError on anything unreadable."""
    name = str(path)
    return read_data(read_bytes(name, limits().max_bytes), name)


def read_data(data: bytes, name: str) -> Plan:
    """Read a plan from bytes already in memory (an upload): ``name`` is only its label,
    shown in findings and errors, and chooses TOML over text by its suffix; it is never opened."""
    if len(data) > limits().max_bytes:
        raise PlanError("too-large", path=name, limit=limits().max_bytes)
    if not data.strip():
        raise PlanError("empty-file", path=name)
    kind = sniff(data, name)
    if kind == "pdf":
        from .pdf_reader import read_pdf

        return read_pdf(data, name)
    if kind == "docx":
        from .docx_reader import read_docx

        return read_docx(data, name)
    if kind == "xlsx":
        from .xlsx_reader import read_xlsx

        return read_xlsx(data, name)
    if kind == "html":
        from .html_reader import read_html

        return read_html(data, name)
    text, undecodable = decode(data, name)
    if kind == "json":
        from .json_plan import read_json

        plan = read_json(text, name)
    elif kind == "toml":
        from .toml_plan import read_toml

        plan = read_toml(text, name)
    else:
        from .text import read_text

        plan = read_text(text, name)
    if undecodable:  # said where it happened, and kept with the plan's other diagnostics
        plan = plan.model_copy(update={"diagnostics": tuple(sorted((*undecodable, *plan.diagnostics), key=lambda d: d.line or 0))})
    return plan


# A project's own settings, found beside its plans: never a plan to check in a folder.
NOT_PLANS = frozenset({"rkt-rules.toml", "pyproject.toml"})


def _plan_json(path: str) -> bool:
    """A JSON file in a folder is a plan when it begins as a plan's JSON does; one named alone is always read."""
    from .json_plan import looks_like_plan_json

    try:
        with open(path, "rb") as handle:
            return looks_like_plan_json(handle.read(4096))
    except OSError:
        return True  # unreadable: read_plan says why, naming it


def plan_files(path: str | Path) -> list[str]:
    """The plan files a path names: itself, or those below a directory, sorted."""
    root = str(Path(path))  # "./plans/" and "plans" name their files alike
    if not os.path.isdir(root):
        return [root]
    found: list[str] = []
    folders = [root]
    while folders:  # scandir knows each entry's type without a stat per file
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # .git and friends
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif os.path.splitext(entry.name)[1].lower() in PLAN_SUFFIXES and entry.name not in NOT_PLANS and entry.is_file():
                    if entry.name.lower().endswith(".json") and not _plan_json(entry.path):
                        continue  # a baseline, a report or any other JSON beside the plans: not a plan
                    found.append(entry.path)
    return sorted(found)
