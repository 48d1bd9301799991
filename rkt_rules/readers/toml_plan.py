"""Reader for plans kept as code: the canonical TOML form (see writers/toml_plan.py).

A TOML plan is written by people, so unlike the text reader it validates
everything and names the key path and line of the first thing that is wrong.
Targets are stored as written and read here exactly as the text reader reads
them, so both forms give the same plan.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import PlanError, toml_error
from ..model import Diagnostic, DocumentKind, Goal, Indicator, Plan, PlanDocument, Signature, document_kind
from ..targets import read_cell


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class IndicatorIn(_Strict):
    text: str
    target: str = ""
    supports: list[str] = Field(default_factory=list)
    extra: dict[str, str] = Field(default_factory=dict)


class GoalIn(_Strict):
    number: str | int
    text: str
    indicator: list[IndicatorIn] = Field(default_factory=list)


class SignatureIn(_Strict):
    place: str | None = None
    date: dt.date | None = None
    role: str | None = None
    name: str | None = None


class DocumentIn(_Strict):
    title: str | None = None
    unit: str | None = None
    fiscal_year: int | None = None
    kind: DocumentKind | None = None
    signature: SignatureIn | None = None
    goal: list[GoalIn] = Field(default_factory=list)


class DiagnosticIn(_Strict):
    line: int | None = None
    problem: str
    text: str = ""


class PlanIn(_Strict):
    schema_version: Literal[1] = 1
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


def _error_location(error: dict) -> str:
    parts = []
    for item in error["loc"]:
        if isinstance(item, int) and parts:
            parts[-1] += f"[{item + 1}]"
        else:
            parts.append(str(item))
    return ".".join(parts)


def read_toml(text: str, path: str) -> Plan:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise toml_error(error, path, PlanError) from None
    try:
        plan_in = PlanIn.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise PlanError(f"{_error_location(first)}: {first['msg']}", path=path) from None

    lines = _header_lines(text)
    doc_lines, goal_lines = iter(lines.get("document", [])), iter(lines.get("document.goal", []))
    indicator_lines = iter(lines.get("document.goal.indicator", []))
    signature_lines = iter(lines.get("document.signature", []))
    documents = []
    for doc_in in plan_in.document:
        doc_line = next(doc_lines, None)
        goals = []
        for goal_in in doc_in.goal:
            goal_line = next(goal_lines, None)
            indicators = tuple(
                Indicator.model_construct(
                    text=ind.text, line=next(indicator_lines, None),
                    target=read_cell(ind.target, ind.text, ind.extra.get("Satuan", "")),
                    extra=dict(ind.extra), supports=tuple(ind.supports),
                )
                for ind in goal_in.indicator
            )
            goals.append(Goal.model_construct(number=str(goal_in.number), text=goal_in.text, line=goal_line, indicators=indicators))
        signature = None
        if doc_in.signature is not None:
            sig = doc_in.signature
            signature = Signature.model_construct(place=sig.place, date=sig.date, role=sig.role, name=sig.name, line=next(signature_lines, None))
        documents.append(PlanDocument.model_construct(
            title=doc_in.title, unit=doc_in.unit, fiscal_year=doc_in.fiscal_year,
            kind=doc_in.kind or document_kind(doc_in.unit), line=doc_line, goals=tuple(goals), signature=signature,
        ))
    diagnostics = tuple(Diagnostic.model_construct(**d.model_dump()) for d in plan_in.diagnostic)
    if plan_in.suppress:
        from ..gating import parse_suppressions

        parse_suppressions(plan_in.suppress, path, PlanError)  # refuse a malformed suppression now, with the file named
    return Plan.model_construct(schema_version=1, path=path, documents=tuple(documents), diagnostics=diagnostics, suppress=tuple(plan_in.suppress))
