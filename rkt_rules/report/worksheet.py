"""The reviewer's worksheet taken back: the unit's answers, carried into the next report.

A reviewer sends the XLSX report to the unit; the unit fills in Tanggapan,
Tindak lanjut and Status on the Temuan sheet and sends it back. Each row carries
its finding's key (the hidden Kunci column: rule, unit, goal and indicator, the
key baselines use), so the answers follow a finding however the plan was
reformatted. The returned workbook is only read, never written.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from ..errors import UsageError
from ..findings import Finding
from ..findings import entity_key

SHEETS = ("Temuan", "Findings")
KEY_HEADERS = ("Kunci", "Key")


class Answer(NamedTuple):
    """A returned row: the unit's response, the follow-up, the status, and what the finding said."""

    response: str
    follow_up: str
    status: str
    code: str
    message: str


def key_of(finding: Finding) -> str:
    """The key a worksheet row carries: the baseline's entity key, on one line."""
    return "|".join(entity_key(finding))


def read_answers(path: str) -> dict[str, list[Answer]]:
    """Each key's answers, in row order (two findings may share a key); UsageError on a foreign workbook."""
    from openpyxl import load_workbook

    from ..read.decoding import read_bytes

    data = read_bytes(path, 50 * 1024 * 1024)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types on broken files
        raise UsageError("responses-unreadable", path=path, reason=f"{type(error).__name__}: {error}") from None
    sheet = next((book[name] for name in SHEETS if name in book.sheetnames), None)
    if sheet is None:
        raise UsageError("responses-foreign", path=path)
    rows = [[("" if cell is None else str(cell)).strip() for cell in row] for row in sheet.iter_rows(values_only=True)]
    header_at = next((i for i, row in enumerate(rows) if any(cell in KEY_HEADERS for cell in row)), None)
    if header_at is None:
        raise UsageError("responses-foreign", path=path)
    header = rows[header_at]
    at = {name: header.index(name) if name in header else None for name in header}
    key_column = next(header.index(name) for name in KEY_HEADERS if name in header)
    if not any(name in header for name in ANSWER_HEADERS):  # the unit renamed them: every answer would be lost
        raise UsageError("responses-no-answer-column", path=path, columns=", ".join(ANSWER_HEADERS))
    _no_uncomputed_answers(data, sheet.title, header_at, [header.index(name) for name in ANSWER_HEADERS if name in header], path)

    def column(row, *names):
        index = next((at[name] for name in names if at.get(name) is not None), None)
        return row[index] if index is not None and index < len(row) else ""

    answers: dict[str, list[Answer]] = {}
    for row in rows[header_at + 1:]:
        key = row[key_column] if key_column < len(row) else ""
        if not key:
            continue
        answers.setdefault(key, []).append(Answer(column(row, "Tanggapan", "Response"), column(row, "Tindak lanjut", "Follow-up"),
                                                  column(row, "Status"), column(row, "Kode", "Code"), column(row, "Temuan", "Finding")))
    return answers


ANSWER_HEADERS = ("Tanggapan", "Response", "Tindak lanjut", "Follow-up", "Status")


def _no_uncomputed_answers(data: bytes, title: str, header_at: int, columns: list[int], path: str) -> None:
    """An answer written as a formula that was never computed (no cached value) would read as empty:
    refused, naming its cell, rather than dropped."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    import zipfile

    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:  # most returned worksheets hold no formula at all
            if not any(b"<f" in archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")):
                return
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as error:
        raise UsageError("responses-unreadable", path=path, reason=f"{type(error).__name__}: {error}") from None
    written = load_workbook(io.BytesIO(data), read_only=True, data_only=False)[title]
    shown = load_workbook(io.BytesIO(data), read_only=True, data_only=True)[title]
    for number, (formulas, values) in enumerate(zip(written.iter_rows(values_only=True), shown.iter_rows(values_only=True)), start=1):
        if number <= header_at + 1:
            continue
        for column in columns:
            formula = formulas[column] if column < len(formulas) else None
            value = values[column] if column < len(values) else None
            if isinstance(formula, str) and formula.startswith("=") and value is None:
                raise UsageError("responses-formula", path=path, cell=f"{title}!{get_column_letter(column + 1)}{number}")


def resolved(answers: dict[str, list[Answer]], findings: list[Finding]) -> list[tuple[str, Answer]]:
    """Rows of the returned worksheet whose finding this check no longer reports (more rows than findings of a key count too)."""
    present: dict[str, int] = {}
    for finding in findings:
        present[key_of(finding)] = present.get(key_of(finding), 0) + 1
    gone = []
    for key in sorted(answers):
        gone += [(key, answer) for answer in answers[key][present.get(key, 0):]]
    return gone
