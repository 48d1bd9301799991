"""The plan model: what a performance plan says, independent of its file format.

Frozen pydantic models, so a parsed plan can be shared, hashed into caches and
compared. The text reader builds them with ``Node.trusted`` from values it has
already checked; anything coming from a user-written TOML plan is validated.
Every node keeps the line it came from so findings can point at it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal[2] = 2  # 2: document type, parties, programs, targets by year (version-1 TOML plans still read)

Number = Union[int, float]
TargetKind = Literal["percent", "grade", "quantity", "number", "rate", "compound", "range", "unreadable", "missing"]
DocumentKind = Literal["kpu", "secretariat", "other"]
DocumentType = Literal["rkt", "pk", "iku", "renja", "renstra", "rencana-aksi", "lkj"]
REPORT_TYPES = ("lkj",)  # a report of what was achieved, not a plan: checked and compared only by rules naming it
Party = Literal["first", "second", "signer"]
Comparator = Literal[">", ">=", "<", "<=", "="]


class Node(BaseModel):
    # defer_build: a validator is compiled on first validation, which the text
    # reader (building trusted nodes) never needs; a cold check skips the cost.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @classmethod
    def trusted(cls, **values):
        """Build from values a reader has already checked, every field given.

        Does what ``model_construct`` does without its per-field defaults pass,
        which costs more than the reader itself on large corpora; a test proves
        the result equals the validated model. Every field is given, so every
        node of a class shares one (never mutated: the models are frozen) set
        of fields set.
        """
        return build(cls, values)


def build(cls, values: dict):
    """``cls.trusted(**values)`` without packing keywords: for readers' inner loops."""
    node = _new(cls)
    _set(node, "__dict__", values)
    _set(node, "__pydantic_fields_set__", _ALL_FIELDS.get(cls) or _all_fields(cls))
    _set(node, "__pydantic_extra__", None)
    _set(node, "__pydantic_private__", None)
    return node


_new = object.__new__
_ALL_FIELDS: dict[type, set[str]] = {}


def _all_fields(cls: type[BaseModel]) -> set[str]:
    fields = _ALL_FIELDS[cls] = set(cls.model_fields)
    return fields


_set = object.__setattr__


class Quantity(Node):
    """One number with its unit, a part of a compound target such as ``6 kec. 29 kel``."""

    value: Number
    unit: str


NO_TARGET_COLUMN = "no target column"  # the problem of a missing target whose table has no target column at all
LIST_HEADING = "heads the indicators below"  # the problem of a missing target on a row that heads a bulleted list


class Target(Node):
    """A target cell: the raw text as written plus how it reads.

    ``kind`` says how it read; ``unreadable`` keeps the raw text and the
    ``problem`` so that a reviewer sees it rather than a silent guess.
    """

    raw: str
    kind: TargetKind
    value: Number | None = None
    unit: str | None = None
    grade: str | None = None
    parts: tuple[Quantity, ...] = ()
    unit_written: bool = False
    comparator: Comparator | None = None
    low: Number | None = None
    high: Number | None = None
    problem: str | None = None
    per: Number | None = None  # a rate: ``88/100.000 KH`` is 88 per 100,000 (``unit`` names what is counted)

    @property
    def readable(self) -> bool:
        return self.kind not in ("unreadable", "missing")


class Indicator(Node):
    """A performance indicator (*indikator kinerja*) and its target."""

    text: str
    line: int | None = None
    cell: str | None = None  # where in an office file: "page 2", "table 1, row 5", "RKT!C7"
    target: Target
    targets: dict[str, Target] = Field(default_factory=dict)  # year → target, where the table has a column per year
    extra: dict[str, str] = Field(default_factory=dict)
    supports: tuple[str, ...] = ()
    # In an LKj (the year's report against the PK): what was achieved, as written in its columns.
    realisation: Target | None = None
    achievement: Target | None = None  # capaian, as the report gives it (a percentage of the target)
    category: str | None = None        # Sangat Baik, Berhasil …: the report's own word for the capaian


class Goal(Node):
    """A strategic goal (*sasaran strategis*): its number as written, text and indicators."""

    number: str
    text: str
    line: int | None = None
    cell: str | None = None
    tujuan: str | None = None  # the table's Tujuan (and Misi) column for this goal, where it has one
    misi: str | None = None
    group: str | None = None  # the group row above it (``PROGRAM …``), where the table has them
    indicators: tuple[Indicator, ...] = ()


class Signature(Node):
    """A signer: place and date of the block, role (*jabatan*), name, NIP and rank.

    ``party`` is ``signer`` for a plan with one signer (an RKT), ``first`` (*pihak
    pertama*, the unit head) or ``second`` (*pihak kedua*, the superior) in a PK.
    A date printed before signing with its day left blank (``Bandung, Januari
    2017``) has no ``date`` but keeps its ``month`` and ``year``.
    """

    party: Party | None = None
    place: str | None = None
    date: dt.date | None = None
    year: int | None = None
    month: int | None = None
    role: str | None = None
    name: str | None = None
    nip: str | None = None
    rank: str | None = None
    line: int | None = None
    cell: str | None = None


class Band(Node):
    """One row of an LKj's scale of categories: capaian from ``low`` to ``high`` (%, either end open) is
    ``category`` (``91 % ≤ 100 %`` → Sangat Baik), as written in ``raw``."""

    low: float | None = None
    high: float | None = None
    category: str
    raw: str = ""
    line: int | None = None
    cell: str | None = None


class StatedAverage(Node):
    """An LKj's average capaian as it writes it (``Rata-rata capaian kinerja … 98,5%``): a row of its table,
    not an indicator, kept for the rule that adds it up."""

    achievement: Target
    text: str = ""
    line: int | None = None
    cell: str | None = None


class Program(Node):
    """A row of a PK's program and budget table; the total row is kept as written (``total``)."""

    name: str
    raw: str = ""  # the budget as written
    amount: Number | None = None
    total: bool = False
    extra: dict[str, str] = Field(default_factory=dict)
    line: int | None = None
    cell: str | None = None


class PlanDocument(Node):
    """One plan document: an RKT, PK, IKU, Renja or Renstra of one unit.

    ``signature`` is whoever commits the unit (an RKT's signer, a PK's first
    party); ``signatures`` lists every signer, a PK's two parties among them.
    ``evidence`` says where the unit and year were read (label, title, jabatan,
    target header, signature) and ``stated_years`` every year the document states.
    """

    title: str | None = None
    document_type: DocumentType | None = None
    unit: str | None = None
    parent_unit: str | None = None
    fiscal_year: int | None = None
    period: tuple[int, int] | None = None  # a Renstra's first and last year
    kind: DocumentKind = "other"
    line: int | None = None
    cell: str | None = None
    goals: tuple[Goal, ...] = ()
    signature: Signature | None = None
    signatures: tuple[Signature, ...] = ()
    programs: tuple[Program, ...] = ()
    scale: tuple[Band, ...] = ()  # an LKj's own table of categories by capaian, as it prints it
    average: StatedAverage | None = None  # an LKj's average capaian, as its table states it
    evidence: dict[str, str] = Field(default_factory=dict)
    stated_years: dict[str, int] = Field(default_factory=dict)


class Diagnostic(Node):
    """A piece of the source the reader could not place; kept, never dropped."""

    line: int | None = None
    cell: str | None = None
    problem: str
    text: str = ""
    rows: int | None = None  # a whole table's diagnostic: how many rows it holds


class Plan(Node):
    """A plan file: one or more documents, plus what the reader could not place."""

    schema_version: Literal[1, 2] = SCHEMA_VERSION
    path: str
    documents: tuple[PlanDocument, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    suppress: tuple[dict, ...] = ()  # [[suppress]] tables of a TOML plan, validated by rkt_rules.rules.gating


def document_kind(unit: str | None) -> DocumentKind:
    """A KPU Secretariat's unit starts with *Sekretariat* and names the KPU; any other KPU unit is the
    commission's. A Sekretariat Daerah, DPRD or Jenderal is no KPU Secretariat: "other", as every office."""
    if not unit:
        return "other"
    upper = unit.upper()
    if not ("KPU" in upper.replace(",", " ").split() or "KOMISI PEMILIHAN UMUM" in upper):
        return "other"
    return "secretariat" if upper.startswith("SEKRETARIAT") else "kpu"
