"""Uploads, read in memory within the run's limits; a file's name is only ever a label.

The request is refused (413) before it is read whole when its declared or
streamed size passes what its files may hold together; each file is then held
to ``--max-bytes`` on its own. Names are cut to their last part and stripped of
control characters: ``../../x`` is shown as ``x`` and never opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..readers.limits import current

MAX_FILES = 50
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
    """The files of a multipart request's ``files`` field, each with a unique label, and its ``lang`` field."""
    from starlette.datastructures import UploadFile

    limit = current().max_bytes
    cap = limit * MAX_FILES + OVERHEAD
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > cap:
        raise UploadRefused(413, "too_large_all", limit=limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise UploadRefused(413, "too_large_all", limit=limit)
    request._body = bytes(body)  # Starlette's own cache of the body: the form is parsed from it
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=20)
    except Exception as error:  # python-multipart's and Starlette's parse errors: the request, not the server
        raise UploadRefused(400, "bad_request", reason=str(error) or type(error).__name__) from None
    uploads: list[Upload] = []
    taken: set[str] = set()
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile):
            continue
        data = await item.read()
        name = label(item.filename)
        if len(data) > limit:
            raise UploadRefused(413, "too_large", name=name, limit=limit)
        unique, number = name, 2
        while unique in taken:
            stem, dot, suffix = name.rpartition(".")
            unique = f"{stem} ({number}).{suffix}" if dot and stem else f"{name} ({number})"
            number += 1
        taken.add(unique)
        uploads.append(Upload(unique, data))
    asked = form.get("lang")
    await form.close()
    if not uploads:
        raise UploadRefused(400, "no_upload")
    return uploads, asked if isinstance(asked, str) else None
