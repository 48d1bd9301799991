"""Bytes to text the way plans actually arrive: UTF-8, with or without BOM,
UTF-16 from Windows tools, or a legacy code page. Binary data is refused."""

from __future__ import annotations

import codecs
import os
import stat
from typing import TYPE_CHECKING

from ..errors import PlanError

if TYPE_CHECKING:  # the model (pydantic) loads only when a damaged file needs a diagnostic
    from ..model import Diagnostic

UNDECODABLE = "bytes not valid UTF-8"  # a key of the catalog's problem words, which say the encoding assumed

MAX_BYTES = 50 * 1024 * 1024


def decode(data: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """Decode a text plan; raise PlanError naming ``path`` when it is not text.

    UTF-8 with a few bad bytes (a paste from another program, a damaged copy)
    keeps every valid line as written: the bad bytes become U+FFFD and each line
    that held one is returned as a diagnostic naming the encoding assumed.
    Only text with no UTF-8 in it at all is a legacy code page (Windows-1252)."""
    if data.startswith(codecs.BOM_UTF8):  # declared UTF-8: a few bad bytes are damage, many are not text
        if _undecodable(data[3:]) * 100 > len(data):
            return _strict(data[3:], "utf-8", path), []
        return _utf8(data[3:])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path).replace("\x00", ""), []
    if b"\x00" in data[:65536]:
        raise PlanError("binary", path=path)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _utf8(data)
    try:
        return data.decode("cp1252"), []
    except UnicodeDecodeError:
        return data.decode("latin-1"), []


def _mostly_utf8(data: bytes) -> bool:
    """More valid multi-byte UTF-8 characters than undecodable bytes: a UTF-8 file
    with damage, not a file in a code page (whose accented letters are single
    bytes that almost never form valid UTF-8 sequences)."""
    valid = sum(1 for char in data.decode("utf-8", "ignore") if char > "\x7f")
    return valid > 0 and valid >= _undecodable(data)


def _undecodable(data: bytes) -> int:
    """How many characters of ``data`` do not decode as UTF-8."""
    return data.decode("utf-8", "replace").count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")


def _utf8(data: bytes) -> tuple[str, list[Diagnostic]]:
    try:
        return data.decode("utf-8").lstrip("\ufeff"), []
    except UnicodeDecodeError:
        pass
    from ..model import Diagnostic

    notes = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            shown = raw.decode("utf-8", "replace").strip()
            notes.append(Diagnostic.model_construct(line=number, cell=None, problem=UNDECODABLE, text=shown))
    return data.decode("utf-8", "replace").lstrip("\ufeff"), notes


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise PlanError("not-valid-text", path=path, encoding=encoding.upper(), byte=error.start) from None
    return text.lstrip("\ufeff")


def read_bytes(path: str, limit: int = MAX_BYTES) -> bytes:
    """Read a file, refusing one larger than ``limit`` before it fills memory.

    Plain ``os`` calls rather than ``open()``: a batch reads thousands of small
    files, and the buffered file object costs more than reading one."""
    try:
        # non-blocking: a FIFO given as a plan is refused at once instead of waiting for a writer forever
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PlanError("no-such-file", path=path) from None
    except IsADirectoryError:
        raise PlanError("is-directory", path=path) from None
    except OSError as error:
        raise PlanError("cannot-read", path=path, reason=error.strerror or str(error)) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise PlanError("is-directory", path=path)
        if not stat.S_ISREG(mode):
            raise PlanError("not-a-regular-file", path=path)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(limit + 1 - size, 1 << 20) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except IsADirectoryError:
        raise PlanError("is-directory", path=path) from None
    except OSError as error:
        raise PlanError("cannot-read", path=path, reason=error.strerror or str(error)) from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise PlanError("too-large", path=path, limit=limit)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
