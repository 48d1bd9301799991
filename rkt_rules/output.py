"""Writing results without ever losing what the user gave us.

Files are written to a temporary sibling and renamed into place, so a crash
leaves either the old file or the new one; an output path that is one of the
inputs is refused before anything is written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import UsageError


def refuse_overwriting_inputs(output: str | None, inputs: list[str]) -> None:
    if output is None or output == "-":
        return
    target = Path(output).resolve()
    for source in inputs:
        path = Path(source).resolve()
        if target == path or (path.is_dir() and path in target.parents and target.suffix.lower() in (".txt", ".toml")):
            raise UsageError(f"--output {output} would overwrite an input; choose another path")


def write_atomic(path: str, data: str | bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".rkt-rules-", dir=directory)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def emit(data: str | bytes, output: str | None) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or ``-``."""
    if output is None or output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
        return
    write_atomic(output, data)
