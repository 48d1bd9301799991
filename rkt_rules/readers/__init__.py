"""Source file → Plan. One module per format; this one picks the reader."""

from __future__ import annotations

from pathlib import Path

from ..errors import PlanError
from ..model import Plan
from .decoding import decode, read_bytes
from .limits import current as limits

TEXT_SUFFIXES = (".txt", ".text", ".rkt", "")
PLAN_SUFFIXES = (".txt", ".toml")


def read_plan(path: str | Path) -> Plan:
    """Read a plan file of any supported format; PlanError on anything unreadable."""
    name = str(path)
    data = read_bytes(name, limits().max_bytes)
    if not data.strip():
        raise PlanError("empty file", path=name)
    text = decode(data, name)
    if Path(name).suffix.lower() == ".toml":
        from .toml_plan import read_toml

        return read_toml(text, name)
    from .text import read_text

    return read_text(text, name)


def plan_files(path: str | Path) -> list[str]:
    """The plan files a path names: itself, or those below a directory, sorted."""
    root = Path(path)
    if root.is_dir():
        return sorted(str(p) for p in root.rglob("*") if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(root).parts))
    return [str(root)]
