"""Writing results without ever losing what the user gave us.

Files are written to a temporary sibling and renamed into place, so a crash
leaves either the old file or the new one; an output path that is one of the
inputs is refused before anything is written.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from ..errors import UsageError


def refuse_overwriting_inputs(output: str | None, inputs: list[str]) -> None:
    """Refuse an output that is an input file, or a plan-like file inside an input folder
    (the next run would read the report as a plan). Files are compared by identity
    (device and inode), so links and ``..`` do not get around it."""
    if output is None or output == "-":
        return
    target = Path(output).resolve()
    try:
        existing = os.stat(target)
    except OSError:
        existing = None  # a file still to be made is no input; only the folder test applies
    for source in inputs:
        if existing is not None:
            try:
                found = os.stat(source)
            except OSError:
                found = None
            if found is not None and (found.st_dev, found.st_ino) == (existing.st_dev, existing.st_ino):
                raise UsageError("output-over-input", output=output)
        if target.suffix.lower() in (".txt", ".toml") and os.path.isdir(source) and Path(source).resolve() in target.parents:
            raise UsageError("output-over-input", output=output)


def _pieces(data: str | bytes | Iterable[str]) -> Iterable[bytes]:
    if isinstance(data, bytes):
        yield data
    elif isinstance(data, str):
        yield data.encode("utf-8")
    else:
        for piece in data:
            yield piece.encode("utf-8")


def _mode_for(path: str) -> int:
    """An existing file keeps its mode; a new one gets what the umask allows."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, data: str | bytes | Iterable[str]) -> None:
    """Write to a temporary sibling, then rename: never a half-written file at ``path``. A link is
    followed (the file it points to is written, the link stays); a FIFO, a device or ``/dev/stdout``
    is written into, never replaced by a file."""
    try:
        mode = os.stat(path).st_mode  # through any link
        special = not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)
    except OSError:
        special = False
    if not special and os.path.islink(path):
        path = os.path.realpath(path)
    if special:
        try:
            with open(path, "wb") as stream:
                for piece in _pieces(data):
                    stream.write(piece)
        except OSError as error:
            raise UsageError("cannot-write", path=path, reason=error.strerror or str(error)) from None
        return
    directory = os.path.dirname(os.path.abspath(path))
    temporary = None
    try:
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".rkt-rules-", dir=directory)
        with os.fdopen(handle, "wb", buffering=1 << 16) as stream:
            for piece in _pieces(data):
                stream.write(piece)
        os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600; a report is for sharing
        os.replace(temporary, path)
    except OSError as error:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)
        raise UsageError("cannot-write", path=path, reason=error.strerror or str(error)) from None


def emit(data: str | bytes | Iterable[str], output: str | None) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or ``-``."""
    if output is None or output == "-":
        stream = getattr(sys.stdout, "buffer", None)  # None when a text stream stands in (embedding, tests)
        for piece in _pieces(data):
            if stream is not None:
                stream.write(piece)
            else:
                sys.stdout.write(piece.decode("utf-8", "replace"))
        sys.stdout.flush()
        return
    write_atomic(output, data)


def made_by_us(path: str | Path) -> bool:
    """A report file rkt-rules wrote (so a new report may replace it): it names rkt-rules near its start
    (the HTML's generator, the Markdown's heading, the JSON's tool; an XLSX in its sheets)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return False
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as book:
                return any(b"rkt-rules" in book.read(name)[: 1 << 20] for name in book.namelist()
                           if name.startswith("xl/") and name.endswith(".xml") and book.getinfo(name).file_size < 1 << 24)
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
            return False
    return b"rkt-rules" in head
