"""Bytes to text the way plans actually arrive: UTF-8, with or without BOM,
UTF-16 from Windows tools, or a legacy code page. Binary data is refused."""

from __future__ import annotations

import codecs
import os

from ..errors import PlanError

MAX_BYTES = 50 * 1024 * 1024


def decode(data: bytes, path: str) -> str:
    """Decode a text plan; raise PlanError naming ``path`` when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path).replace("\x00", "")
    if b"\x00" in data[:65536]:
        raise PlanError("binary", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


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
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise PlanError("no-such-file", path=path) from None
    except IsADirectoryError:
        raise PlanError("is-directory", path=path) from None
    except OSError as error:
        raise PlanError("cannot-read", path=path, reason=error.strerror or str(error)) from None
    try:
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
