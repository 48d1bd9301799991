"""Signature blocks and party statements: who signs, for which party, where and when.

A signature block is read as columns of lines (one column for an RKT's signer,
two side by side for a PK's parties, as TAB columns, table cells or paragraphs).
In each column: the place and date line (its day often left blank for signing
by hand), a party label (``PIHAK PERTAMA``, ``Menyetujui``), the role lines,
the gap for the signature, the name, then rank and NIP. A PK's statement
(``Nama : … / Jabatan : … / selanjutnya disebut PIHAK PERTAMA``) names the
parties too; the two sources are merged party by party.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from typing import Any, NamedTuple

from ...model import Diagnostic, Signature
from ...vocabulary import derived
from .lists import LIST_MARK
from .words import month_number, name_words, parties, signature_words, starts_with_any, words_of

DATE_LINE = re.compile(
    r"^(?P<place>[^\d,:]{2,40}?)\s*,\s*(?:(?P<day>\d{1,2})\s*)?(?:(?P<month>[A-Za-z]+)\.?\s*)?(?P<year>(?:19|20)\d\d)\s*$")
NIP_LINE = re.compile(r"^NIP\.?\s*[:.]?\s*(?P<nip>[\d\s.]{8,30})$", re.IGNORECASE)
# A page's number in its footer, below a signature at the page's end: ``i-1``, ``II-15``, ``III.4``,
# ``- 3 -``, ``Hal. 5``, ``12``, ``Lampiran III | Lembar 27 dari 27``. Never a signer's name.
PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:(?:hal(?:aman)?\.?\s*)?\d{1,4}|[ivxlcdm]{1,6}\s*[-–.]\s*\d{1,4})(?:\s*[-–])?$"
                         r"|\b(?:lembar|halaman|hal\.?|page)\s*\d{1,4}\s*(?:dari|of|/)\s*\d{1,4}\s*$", re.IGNORECASE)
DISEBUT = re.compile(r"\bdisebut\s+(?:sebagai\s+)?(pihak\s+\w+)", re.IGNORECASE)


class DateLine(NamedTuple):
    place: str
    date: dt.date | None
    year: int
    month: int | None
    valid: bool  # False: a day and month that make no date (31 Februari)


def _first_word(text: str) -> str:
    first = text.split(None, 1)
    return first[0].lower().strip(",.:;*") if first else ""


@derived
@cache
def _starts_of(kind: str) -> frozenset[str]:
    """First words of the party labels, or of the ranks: a line starting otherwise is neither."""
    groups = parties().values() if kind == "parties" else [signature_words()["ranks"]]
    return frozenset(phrase[0] for group in groups for phrase in group)


@lru_cache(maxsize=8192)
def date_line(text: str) -> DateLine | None:
    """``Pontianak, 10 Januari 2023``, ``Bandung,      2017``, ``Boyolali,   Januari 2026``."""
    if "," not in text or not text.rstrip()[-1:].isdigit():
        return None  # the common case: a place and date has a comma and ends with the year
    match = DATE_LINE.match(" ".join(text.split()))
    if not match:
        return None
    place = match["place"].strip()
    if len(words_of(place)) > 4:
        return None
    month = None
    if match["month"]:
        month = month_number().get(match["month"].lower())
        if month is None:
            return None
    year = int(match["year"])
    date, valid = None, True
    if match["day"]:
        if month is None:
            return None
        try:
            date = dt.date(year, month, int(match["day"]))
        except ValueError:
            valid = False
    return DateLine(place, date, year, month, valid)


@lru_cache(maxsize=8192)
def party_of(text: str) -> str | None:
    """``PIHAK PERTAMA,`` → first; ``Menyetujui`` → second (the superior's side); None for other lines."""
    if _first_word(text) not in _starts_of("parties"):
        return None
    words = words_of(text)
    if not words or len(words) > 4:
        return None
    found = parties()
    if starts_with_any(words, found["first"]):
        return "first"
    if starts_with_any(words, found["second"]) or starts_with_any(words, found["approving"]):
        return "second"
    if starts_with_any(words, found["signing"]):
        return "first"
    return None


@lru_cache(maxsize=8192)
def is_rank(text: str) -> bool:
    if _first_word(text) not in _starts_of("ranks"):
        return False
    words = words_of(text.split("/")[0].split("(")[0])
    return bool(words) and starts_with_any(words, signature_words()["ranks"]) is not None and len(words) <= 5


@lru_cache(maxsize=8192)
def is_stamp(text: str) -> bool:
    words = words_of(text)
    return len(words) <= 2 and starts_with_any(words, signature_words()["stamp"]) is not None


@lru_cache(maxsize=8192)
def looks_like_role(text: str) -> bool:
    words = words_of(text)
    return bool(words) and words[0] in name_words()["role_words"]


@lru_cache(maxsize=8192)
def looks_like_name(text: str) -> bool:
    lowered = text.lower()
    return any(token in name_words()["degrees"] for token in re.findall(r"[a-z]+\.?(?:[a-z]+\.?)*", lowered)) and not looks_like_role(text)


class Signer(NamedTuple):
    """One column of a signature block, read."""

    party: str | None
    place: str | None
    date: dt.date | None
    year: int | None
    month: int | None
    role: str | None
    name: str | None
    nip: str | None
    rank: str | None
    line: int | None
    cell: str | None


Entry = tuple[str, int | None, str | None]  # (text, line, where); "" for a gap


# Prose read under a table is no name: an item of a numbered or bulleted list ("27. Administrasi
# Keuangan", "8. Program Pengelolaan Arsip;"), a line ending a clause, or words a person's name never
# holds (layout.toml [names] never: an office's, a place's, a year's, prose's joining words).
LIST_ITEM = re.compile(rf"^{LIST_MARK}")  # case-sensitive: a name's initial (``H. Ahmad``) is upper case
CLAUSE_END = (";", ":")


def could_be_name(text: str) -> bool:
    """A line that may be a signer's printed name, not a list item, a place or a phrase of prose."""
    stripped = text.strip()
    if LIST_ITEM.match(stripped) or stripped.endswith(CLAUSE_END):
        return False
    return name_words()["never"].isdisjoint(word.lower() for word in re.findall(r"[A-Za-z]+", stripped))


def read_column(entries: list[Entry], diagnostics: list[Diagnostic]) -> Signer | None:
    """One signer's column: date, party label, role lines, gap, name, rank, NIP."""
    party = place = date = year = month = nip = rank = None
    first: tuple[int | None, str | None] | None = None
    runs: list[list[str]] = []  # runs of content lines, split where the column leaves a gap
    gap = gap_before_content = headed = False
    for text, line, where in entries:
        text = " ".join(text.split())
        if not text:
            gap = True
            gap_before_content |= headed and not runs
            continue
        if first is None:
            first = (line, where)
        found = date_line(text)
        if found is not None and place is None and not runs:
            place, date, year, month, headed = found.place, found.date, found.year, found.month, True
            if not found.valid:
                diagnostics.append(Diagnostic.model_construct(line=line, cell=where if line is None else None,
                                                              problem="invalid signature date", text=text))
            continue
        label = party_of(text.rstrip(",:"))
        if label is not None and party is None and not runs:
            party, headed = label, True
            continue
        match = NIP_LINE.match(text)
        if match:
            nip = " ".join(match["nip"].split()).strip(". ")
            continue
        if is_rank(text):
            rank = text.strip(" ,")
            continue
        if PAGE_NUMBER.search(text):
            continue
        if gap or not runs:
            runs.append([text])
        else:
            runs[-1].append(text)
        gap = False
    role = name = None
    if len(runs) == 1 and len(runs[0]) == 1:
        only = runs[0][0]
        if gap_before_content or looks_like_name(only) or (party is not None and not looks_like_role(only)):
            name = only
        else:
            role = only
    elif runs:
        people = [t for t in runs[-1] if not is_stamp(t)] or runs[-1]
        name = people[-1]
        role_lines = runs[0] if len(runs) > 1 else runs[0][:-1]
        role = " ".join(t for t in role_lines if not (len(runs) > 1 and is_stamp(t))) or None
    if name is not None and role is None and looks_like_role(name):
        role, name = name, None
    if name is not None and not could_be_name(name):
        name = None
    if role:
        role = role.strip(" ,")
    if first is None or not any((place, role, name, nip, party)):
        return None
    return Signer(party, place, date, year, month, role, name, nip, rank, first[0], first[1])


def columns_of(rows: list[list[tuple[str, ...]]], locations: list[tuple[int | None, str | None]]) -> list[list[Entry]]:
    """A block's rows (each a list of cells, each cell its lines) as columns of lines."""
    width = max((len(cells) for cells in rows), default=0)
    if width == 1 and all(len(cells) != 1 or len(cells[0]) == 1 for cells in rows):  # one column of plain lines: the common case
        column = [(cells[0][0] if cells else "", line, where) for cells, (line, where) in zip(rows, locations)]
        return [column] if any(text.strip() for text, _, _ in column) else []
    columns: list[list[Entry]] = [[] for _ in range(width)]
    for cells, (line, where) in zip(rows, locations):
        if not cells:
            for column in columns:
                column.append(("", line, where))
            continue
        height = max((len(lines) for lines in cells), default=0)
        for index in range(width):
            lines = cells[index] if index < len(cells) else ()
            for text in list(lines) + [""] * (height - len(lines)):
                columns[index].append((text, line, where))
    return [column for column in columns if any(text.strip() for text, _, _ in column)]


def read_block(rows: list[list[tuple[str, ...]]], locations: list[tuple[int | None, str | None]], diagnostics: list[Diagnostic]) -> list[Signer]:
    """Every signer of one block, left to right. A date standing alone (on a line of its
    own over two columns) dates the block: it is given to the first party's column."""
    segments = [segment for column in columns_of(rows, locations) for segment in _stacked(column)]
    signers = [s for s in (read_column(segment, diagnostics) for segment in segments) if s is not None]
    alone = [s for s in signers if s.place is not None and s.role is None and s.name is None and s.party is None]
    if len(alone) == 1 and len(signers) >= 2:
        date = alone[0]
        signers = [s for s in signers if s is not date]
        target = next((s for s in signers if s.party == "first"), signers[-1])
        signers = [s._replace(place=date.place, date=date.date, year=date.year, month=date.month) if s is target else s for s in signers]
    return signers


def _stacked(column: list[Entry]) -> list[list[Entry]]:
    """A column holding two signers one under the other (a PK's parties stacked): split where a
    party label (``PIHAK KEDUA``, ``Mengetahui``) follows a signer's name."""
    segments: list[list[Entry]] = [[]]
    named = False
    for entry in column:
        text = " ".join(entry[0].split())
        if text and named and party_of(text.rstrip(",:")) is not None:
            segments.append([])
            named = False
        segments[-1].append(entry)
        if text and not date_line(text) and party_of(text.rstrip(",:")) is None:
            named = named or looks_like_name(text) or bool(NIP_LINE.match(text)) or _after_gap(segments[-1])
    return [segment for segment in segments if segment]


def _after_gap(segment: list[Entry]) -> bool:
    """The segment's last line came after a blank line that followed content: a name under the signing space."""
    seen_content = seen_gap = False
    for text, _, _ in segment[:-1]:
        if text.strip():
            if seen_gap:
                return True
            seen_content = True
        elif seen_content:
            seen_gap = True
    return seen_gap


class Party(NamedTuple):
    """What a PK's statement says of one party: ``Nama : … / Jabatan : …``."""

    name: str | None
    role: str | None
    nip: str | None
    rank: str | None
    line: int | None
    cell: str | None


@lru_cache(maxsize=8192)
def party_named(text: str) -> str | None:
    """``selanjutnya disebut PIHAK PERTAMA`` → first (the party the lines above describe)."""
    if "isebut" not in text and "ISEBUT" not in text:
        return None
    match = DISEBUT.search(text)
    return party_of(match.group(1)) if match else None


def _similar(a: str | None, b: str | None) -> bool:
    wa, wb = set(words_of(a or "")), set(words_of(b or ""))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5


def assign_parties(signers: list[Signer], statement: dict[str, Party], two_party: bool) -> list[Signer]:
    """Give each signer a party: its label, else the statement party it names, else its
    place in the block (the dated column, or the right one, is the first party's)."""
    if not statement and not two_party and len(signers) == 1 and signers[0].party is None:
        return [signers[0]._replace(party="signer")]  # an RKT's one signer: the common case
    parties_ = [s.party or next((key for key, known in statement.items()
                                 if _similar(s.name, known.name) or (not s.name and _similar(s.role, known.role))), None)
                for s in signers]
    pending = [i for i, party in enumerate(parties_) if party is None]
    if len(pending) == 1:
        parties_[pending[0]] = "second" if "first" in parties_ else "first"
    elif pending:
        dated = [i for i in pending if signers[i].place is not None]
        first = dated[0] if len(dated) == 1 else pending[-1]
        for i in pending:
            parties_[i] = "first" if i == first else "second"
    if not two_party:
        parties_ = ["signer" if party == "first" else party for party in parties_]
    return [signer._replace(party=party) for signer, party in zip(signers, parties_)]


def merge(signers: list[Signer], statement: dict[str, Party], two_party: bool) -> tuple[Signature, ...]:
    """One Signature per party, from the statement first and the signature blocks after."""
    if not statement and len(signers) == 1 and signers[0].party == "signer":
        only = signers[0]
        return (Signature.trusted(party="signer", place=only.place, date=only.date, year=only.year, month=only.month, role=only.role,
                                  name=only.name, nip=only.nip, rank=only.rank, line=only.line, cell=only.cell),)
    order = ("first", "second") if two_party else ("signer", "second")
    found: dict[str, dict] = {}
    for party in order:
        known = statement.get(party)
        mine = [s for s in signers if s.party == party]
        if known is None and not mine:
            continue
        fields: dict[str, Any] = {"party": party, "place": None, "date": None, "year": None, "month": None, "role": None, "name": None,
                  "nip": None, "rank": None, "line": None, "cell": None}
        if known is not None:
            fields.update(role=known.role, name=known.name, nip=known.nip, rank=known.rank, line=known.line, cell=known.cell)
        for signer in mine:
            values = signer._asdict()
            for key in ("place", "date", "year", "month", "role", "name", "nip", "rank"):
                if fields[key] is None and values[key] is not None:
                    fields[key] = values[key]
            if fields["line"] is None and fields["cell"] is None:
                fields["line"], fields["cell"] = signer.line, signer.cell
        found[party] = fields
    if two_party:  # the block's date stands over one column but dates the agreement for both
        dated = next((f for f in found.values() if f["place"] is not None), None)
        if dated is not None:
            for fields in found.values():
                if fields["place"] is None:
                    fields.update(place=dated["place"], date=dated["date"], year=dated["year"], month=dated["month"])
    return tuple(Signature.trusted(**found[party]) for party in order if party in found)


def lines_of(cells: list[str], cell_lines: list[tuple[str, ...]] | None) -> list[tuple[str, ...]]:
    """Each cell as its lines: the reader's own where it has them, else the cell's text."""
    if cell_lines is not None:
        return [tuple(line for part in lines for line in part.split("\n")) for lines in cell_lines]
    return [(cell,) for cell in cells]


def goes_on_signing(cells: list[str]) -> bool:
    """A row that can carry on an open signature block laid out in columns: a few short cells of roles,
    names, ranks or a NIP (``GUBERNUR JAWA BARAT | KEPALA DINAS …``, ``AHMAD HERYAWAN | Hj. IDA …``),
    no figure of a table among them."""
    filled = [" ".join(cell.split()) for cell in cells if cell.strip()]
    if not filled or len(filled) > 3:
        return False
    return all(len(text.split()) <= 10 and (not any(ch.isdigit() for ch in text) or NIP_LINE.match(text) or date_line(text))
               for text in filled)


def is_signature_row(cells: list[str], cell_lines: list[tuple[str, ...]] | None) -> bool:
    """A row that is (part of) a signature block: a date, a party label or a NIP in one of its cells."""
    filled = [cell for cell in cells if cell.strip()]
    if not filled or len(filled) > 3:
        return False
    for lines in lines_of(cells, cell_lines):
        for text in lines:
            text = " ".join(text.split())
            if text and (date_line(text) or party_of(text.rstrip(",:")) or NIP_LINE.match(text)):
                return True
    return False
