"""Reader for plans kept as code: the canonical TOML form (see writers/toml_plan.py).

A TOML plan is written by people, so unlike the text reader it validates
everything and names the key path and line of the first thing that is wrong.
Targets are stored as written and read here exactly as the text reader reads
them, so both forms give the same plan.
"""

from __future__ import annotations

import datetime as dt
import re
from ..tomlread import TOMLDecodeError, loads as toml_loads
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import PlanError, toml_error, validation_problem
from ..model import (SCHEMA_VERSION, Band, Diagnostic, DocumentKind, DocumentType, Goal, Indicator, Party, Plan, PlanDocument, Program, StatedAverage,
                     Signature, document_kind)
from .limits import current as limits, longest_over, rows_in
from .recognise.programs import amount_of
from .targets import is_percent_indicator, read_cell, read_target


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class IndicatorIn(_Strict):
    text: str
    target: str = ""
    targets: dict[str, str] = Field(default_factory=dict)  # year → target as written
    supports: list[str] = Field(default_factory=list)
    extra: dict[str, str] = Field(default_factory=dict)
    realisation: str | None = None   # an LKj's measures, as written (schema 2)
    achievement: str | None = None
    category: str | None = None


class BandIn(_Strict):
    low: float | None = None
    high: float | None = None
    category: str
    raw: str = ""


class GoalIn(_Strict):
    number: str | int
    text: str
    tujuan: str | None = None
    misi: str | None = None
    group: str | None = None
    indicator: list[IndicatorIn] = Field(default_factory=list)


class SignatureIn(_Strict):
    party: Party | None = None
    place: str | None = None
    date: dt.date | None = None
    year: int | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    role: str | None = None
    name: str | None = None
    nip: str | None = None
    rank: str | None = None


class ProgramIn(_Strict):
    name: str
    budget: str = ""
    total: bool = False
    extra: dict[str, str] = Field(default_factory=dict)


class DocumentIn(_Strict):
    title: str | None = None
    document_type: DocumentType | None = None
    unit: str | None = None
    parent_unit: str | None = None
    fiscal_year: int | None = None
    period: tuple[int, int] | None = None
    kind: DocumentKind | None = None
    signature: SignatureIn | list[SignatureIn] | None = None  # schema 1: one table; schema 2: one per signer
    program: list[ProgramIn] = Field(default_factory=list)
    goal: list[GoalIn] = Field(default_factory=list)
    scale: list[BandIn] = Field(default_factory=list)  # an LKj's categories by capaian
    average: str | None = None  # an LKj's average capaian, as written ("98,5%")


class DiagnosticIn(_Strict):
    line: int | None = None
    cell: str | None = None
    problem: str
    text: str = ""


class PlanIn(_Strict):
    schema_version: Literal[1, 2] = 1
    document: list[DocumentIn] = Field(min_length=1)
    diagnostic: list[DiagnosticIn] = Field(default_factory=list)
    suppress: list[dict] = Field(default_factory=list)


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z_.\s]+?)\s*\]\]?\s*(?:#.*)?$")


def _header_lines(text: str) -> dict[str, list[int]]:
    """Line numbers of each table header, in order: where each node starts."""
    found: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match:
            found.setdefault("".join(match.group(1).split()), []).append(number)
    return found


def _error_location(error: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for item in error["loc"]:
        if isinstance(item, int) and parts:
            parts[-1] += f"[{item + 1}]"
        else:
            parts.append(str(item))
    return ".".join(parts)


def read_toml(text: str, path: str) -> Plan:
    try:
        data = toml_loads(text)
    except TOMLDecodeError as error:
        raise toml_error(error, path, PlanError) from None
    _within_limits(data, path)
    try:
        plan_in = PlanIn.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise PlanError("toml-plan", path=path, key=_error_location(first), reason=validation_problem(first)) from None

    lines = _header_lines(text)
    doc_lines, goal_lines = iter(lines.get("document", [])), iter(lines.get("document.goal", []))
    indicator_lines = iter(lines.get("document.goal.indicator", []))
    signature_lines = iter(lines.get("document.signature", []))
    program_lines = iter(lines.get("document.program", []))
    documents = []
    for doc_in in plan_in.document:
        doc_line = next(doc_lines, None)
        goals = []
        for goal_in in doc_in.goal:
            goal_line = next(goal_lines, None)
            indicators = tuple(_indicator(ind, next(indicator_lines, None)) for ind in goal_in.indicator)
            goals.append(Goal.model_construct(number=str(goal_in.number), text=goal_in.text, line=goal_line,
                                              tujuan=goal_in.tujuan, misi=goal_in.misi, group=goal_in.group, indicators=indicators))
        signers = doc_in.signature if isinstance(doc_in.signature, list) else [doc_in.signature] if doc_in.signature else []
        signatures = tuple(_signature(sig, next(signature_lines, None), len(signers)) for sig in signers)
        programs = tuple(Program.model_construct(name=p.name, raw=p.budget, amount=amount_of(p.budget), total=p.total,
                                                 extra=dict(p.extra), line=next(program_lines, None)) for p in doc_in.program)
        signature = next((s for s in signatures if s.party in ("first", "signer")), None)
        documents.append(PlanDocument.model_construct(
            title=doc_in.title, document_type=doc_in.document_type, unit=doc_in.unit, parent_unit=doc_in.parent_unit,
            fiscal_year=doc_in.fiscal_year, period=doc_in.period, kind=doc_in.kind or document_kind(doc_in.unit), line=doc_line,
            goals=tuple(goals), signature=signature, signatures=signatures, programs=programs,
            scale=tuple(Band.model_construct(low=b.low, high=b.high, category=b.category, raw=b.raw, line=None, cell=None)
                        for b in doc_in.scale),
            average=StatedAverage.model_construct(achievement=read_target(doc_in.average, True), text="", line=doc_line, cell=None)
            if doc_in.average is not None else None,
        ))
    diagnostics = tuple(Diagnostic.model_construct(**d.model_dump()) for d in plan_in.diagnostic)
    if plan_in.suppress:
        from ..suppressions import parse_suppressions

        parse_suppressions(plan_in.suppress, path, PlanError)  # refuse a malformed suppression now, with the file named
    return Plan.model_construct(schema_version=SCHEMA_VERSION, path=path, documents=tuple(documents), diagnostics=diagnostics,
                                suppress=tuple(plan_in.suppress))


def _within_limits(data: dict[str, Any], path: str) -> None:
    """--max-rows and --max-cell as for every other format: goals and indicators counted, every string measured."""
    cap = limits()
    rows = rows_in(data.get("document"), "goal", "indicator")
    if rows > cap.max_rows:
        raise PlanError("too-many-rows", path=path, limit=cap.max_rows)
    if (key := longest_over(data, cap.max_cell)) is not None:
        raise PlanError("value-too-long", path=path, key=key, limit=cap.max_cell)


def _indicator(ind: IndicatorIn, line: int | None) -> Indicator:
    unit = ind.extra.get("Satuan", "")
    targets = {year: read_cell(raw, ind.text, unit) for year, raw in ind.targets.items()}
    percent = is_percent_indicator(ind.text)
    return Indicator.model_construct(text=ind.text, line=line, target=read_cell(ind.target, ind.text, unit), targets=targets,
                                     extra=dict(ind.extra), supports=tuple(ind.supports),
                                     realisation=read_target(ind.realisation, percent) if ind.realisation is not None else None,
                                     achievement=read_target(ind.achievement, True) if ind.achievement is not None else None,
                                     category=ind.category)


def _signature(sig: SignatureIn, line: int | None, signers: int) -> Signature:
    """A signer as the plan states it; a lone signer without a party is the plan's signer (schema 1)."""
    year = sig.date.year if sig.date else sig.year
    month = sig.date.month if sig.date else sig.month
    party = sig.party or ("signer" if signers == 1 else None)
    return Signature.model_construct(party=party, place=sig.place, date=sig.date, year=year, month=month, role=sig.role,
                                     name=sig.name, nip=sig.nip, rank=sig.rank, line=line)
