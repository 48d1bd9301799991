"""The canonical TOML form of a plan: one table per indicator, so a changed
target is a one-line diff. Targets are kept as written; their reading is
derived again when the file is read, never stored twice.

The table layout is emitted here (tomli_w would fold short arrays of tables
into inline arrays); every value is still formatted by tomli_w.
"""

from __future__ import annotations

import tomli_w

from ...model import SCHEMA_VERSION, Plan, document_kind

HEADER = f"# Plan in rkt-rules' TOML form (schema {SCHEMA_VERSION}). Targets are written as in the source.\n"


def _pairs(**values) -> list[str]:
    """``key = value`` lines for the values that are set, formatted by tomli_w."""
    kept = {key: (list(value) if isinstance(value, tuple) else value) for key, value in values.items()
            if value is not None and value != [] and value != () and value is not False}
    return tomli_w.dumps(kept).splitlines() if kept else []


def plan_to_toml(plan: Plan) -> str:
    out = [HEADER.rstrip("\n"), *_pairs(schema_version=SCHEMA_VERSION)]
    for doc in plan.documents:
        kind = doc.kind if doc.kind != document_kind(doc.unit) else None
        average = doc.average.achievement.raw if doc.average is not None else None  # an LKj's, as written
        out += ["", "[[document]]", *_pairs(title=doc.title, document_type=doc.document_type, unit=doc.unit,
                                           parent_unit=doc.parent_unit, fiscal_year=doc.fiscal_year, period=doc.period, kind=kind,
                                           average=average)]
        for sig in doc.signatures or ((doc.signature,) if doc.signature is not None else ()):
            out += ["", "[[document.signature]]", *_pairs(party=sig.party, place=sig.place, date=sig.date,
                                                          year=sig.year if sig.date is None else None,
                                                          month=sig.month if sig.date is None else None,
                                                          role=sig.role, name=sig.name, nip=sig.nip, rank=sig.rank)]
        for band in doc.scale:  # an LKj's own table of categories by capaian
            out += ["", "[[document.scale]]", *_pairs(low=band.low, high=band.high, category=band.category, raw=band.raw or None)]
        for program in doc.programs:
            out += ["", "[[document.program]]", *_pairs(name=program.name, budget=program.raw, total=program.total)]
            if program.extra:
                out += ["[document.program.extra]", *_pairs(**program.extra)]
        for goal in doc.goals:
            out += ["", "[[document.goal]]", *_pairs(number=goal.number, text=goal.text, tujuan=goal.tujuan, misi=goal.misi, group=goal.group)]
            for indicator in goal.indicators:
                measures = {"realisation": indicator.realisation.raw if indicator.realisation is not None else None,
                            "achievement": indicator.achievement.raw if indicator.achievement is not None else None,
                            "category": indicator.category}  # an LKj's: what the year brought, as written
                out += ["", "[[document.goal.indicator]]", *_pairs(text=indicator.text, target=indicator.target.raw, supports=list(indicator.supports),
                                                                   **measures)]
                if indicator.targets:
                    out += ["[document.goal.indicator.targets]", *_pairs(**{year: t.raw for year, t in indicator.targets.items()})]
                if indicator.extra:
                    out += ["[document.goal.indicator.extra]", *_pairs(**indicator.extra)]
    for suppression in plan.suppress:
        out += ["", "[[suppress]]", *_pairs(**suppression)]
    for diagnostic in plan.diagnostics:
        out += ["", "[[diagnostic]]", *_pairs(line=diagnostic.line, cell=diagnostic.cell, problem=diagnostic.problem, text=diagnostic.text or None)]
    return "\n".join(out) + "\n"
