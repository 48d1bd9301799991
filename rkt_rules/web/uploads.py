"""Uploads, read in memory within the run's limits; a file's name is only ever a label.

The body is parsed as it streams in, and a file is refused (413) the moment
it passes ``--max-bytes``, the files together the moment they pass four times
that: no upload is read whole before it is judged, and a request that declares
more is refused before any of it is read. A client that stops sending in the
middle of its body is answered 408 after ``BODY_WAIT`` seconds, so a slow or
idle connection never keeps a slot of the server. Names are cut to their last part and stripped of
control characters: ``../../x`` is shown as ``x`` and never opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.limits import current

MAX_FILES = 50
TOTAL_FACTOR = 4      # the files of one request together: at most this many times --max-bytes
BODY_WAIT = 30.0      # seconds a request's body may pause between two pieces
OVERHEAD = 64 * 1024  # multipart boundaries and headers of a request's parts
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadRefused(Exception):
    """An upload the page answers with a 4xx: the status and the message's catalog key and values."""

    def __init__(self, status: int, key: str, **values):
        super().__init__(key)
        self.status, self.key, self.values = status, key, values


@dataclass(frozen=True)
class Upload:
    label: str
    data: bytes


def label(filename: str | None) -> str:
    """What a file is called on the page and in findings: its name's last part, printable."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = _CONTROL.sub("", name).strip()[:200]
    return name if name not in ("", ".", "..") else "berkas"


async def read_uploads(request) -> tuple[list[Upload], str | None]:
    """The files of a multipart request's ``files`` field, each with a unique label, and its ``lang`` field.

    Parsed as the body streams in (python-multipart's parser): a file is refused
    the moment it passes ``--max-bytes``, never after it has been read whole."""
    import asyncio

    from python_multipart import MultipartParser
    from python_multipart.multipart import MultipartState, parse_options_header

    limit = current().max_bytes
    total = limit * TOTAL_FACTOR
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > total + OVERHEAD:
        raise UploadRefused(413, "too_large_all", limit=total)
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise UploadRefused(400, "no_upload")  # a form without a file field, or no form at all
    parts: list[dict] = []
    header: dict = {}

    def on_part_begin() -> None:
        parts.append({"headers": {}, "data": bytearray()})

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"] = header.get("field", b"") + data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"] = header.get("value", b"") + data[start:end]

    def on_header_end() -> None:
        parts[-1]["headers"][header.pop("field", b"").lower()] = header.pop("value", b"")

    def on_part_data(data: bytes, start: int, end: int) -> None:
        part = parts[-1]
        part["data"] += data[start:end]
        if len(part["data"]) > limit:
            raise UploadRefused(413, "too_large", name=label(_name(part)), limit=limit)

    try:
        parser = MultipartParser(options[b"boundary"], {"on_part_begin": on_part_begin, "on_header_field": on_header_field,
                                                        "on_header_value": on_header_value, "on_header_end": on_header_end,
                                                        "on_part_data": on_part_data})  # refuses a boundary over 256 bytes
        stream, received = request.stream().__aiter__(), 0
        while True:
            try:
                chunk = await asyncio.wait_for(stream.__anext__(), BODY_WAIT)
            except StopAsyncIteration:
                break
            except asyncio.TimeoutError:
                raise UploadRefused(408, "too_slow", seconds=round(BODY_WAIT)) from None
            received += len(chunk)
            if received > total + OVERHEAD:
                raise UploadRefused(413, "too_large_all", limit=total)
            parser.write(chunk)
            if len(parts) > MAX_FILES + 1:  # the files and the lang field
                raise UploadRefused(413, "too_many", count=MAX_FILES)
        parser.finalize()
    except UploadRefused:
        raise
    except Exception as error:  # a malformed body: the request's fault, not the server's
        raise UploadRefused(400, "bad_request", reason=str(error) or type(error).__name__) from None
    if parser.state != MultipartState.END:  # the closing boundary never came: the last file is cut, maybe mid-row
        raise UploadRefused(400, "cut_short")
    uploads: list[Upload] = []
    taken: set[str] = set()
    asked = None
    for part in parts:
        _, fields = parse_options_header(part["headers"].get(b"content-disposition", b""))
        name = fields.get(b"name", b"").decode("utf-8", "replace")
        if name == "lang" and b"filename" not in fields:
            asked = bytes(part["data"]).decode("utf-8", "replace").strip()
        elif name == "files" and b"filename" in fields:
            shown = label(fields[b"filename"].decode("utf-8", "replace"))
            unique, number = shown, 2
            while unique in taken:
                stem, dot, suffix = shown.rpartition(".")
                unique = f"{stem} ({number}).{suffix}" if dot and stem else f"{shown} ({number})"
                number += 1
            taken.add(unique)
            uploads.append(Upload(unique, bytes(part["data"])))
    if not uploads:
        raise UploadRefused(400, "no_upload")
    return uploads, asked


def _name(part: dict) -> str:
    """The filename a part's Content-Disposition gives (RFC 7578: UTF-8 in practice)."""
    from python_multipart.multipart import parse_options_header

    _, fields = parse_options_header(part["headers"].get(b"content-disposition", b""))
    return fields.get(b"filename", b"").decode("utf-8", "replace")
