"""The canonical TOML form of a plan: one table per indicator, so a changed
target is a one-line diff. Targets are kept as written; their reading is
derived again when the file is read, never stored twice.

The table layout is emitted here (tomli_w would fold short arrays of tables
into inline arrays); every value is still formatted by tomli_w.
"""

from __future__ import annotations

import tomli_w

from ..model import Plan, document_kind

HEADER = "# RKT plan in rkt-rules' TOML form (schema 1). Targets are written as in the source.\n"


def _pairs(**values) -> list[str]:
    """``key = value`` lines for the values that are set, formatted by tomli_w."""
    kept = {key: value for key, value in values.items() if value is not None and value != [] and value != ()}
    return tomli_w.dumps(kept).splitlines() if kept else []


def plan_to_toml(plan: Plan) -> str:
    out = [HEADER.rstrip("\n"), *_pairs(schema_version=plan.schema_version)]
    for doc in plan.documents:
        kind = doc.kind if doc.kind != document_kind(doc.unit) else None
        out += ["", "[[document]]", *_pairs(title=doc.title, unit=doc.unit, fiscal_year=doc.fiscal_year, kind=kind)]
        if doc.signature is not None:
            sig = doc.signature
            out += ["", "[document.signature]", *_pairs(place=sig.place, date=sig.date, role=sig.role, name=sig.name)]
        for goal in doc.goals:
            out += ["", "[[document.goal]]", *_pairs(number=goal.number, text=goal.text)]
            for indicator in goal.indicators:
                out += ["", "[[document.goal.indicator]]", *_pairs(text=indicator.text, target=indicator.target.raw, supports=list(indicator.supports))]
                if indicator.extra:
                    out += ["[document.goal.indicator.extra]", *_pairs(**indicator.extra)]
    for suppression in plan.suppress:
        out += ["", "[[suppress]]", *_pairs(**suppression)]
    for diagnostic in plan.diagnostics:
        out += ["", "[[diagnostic]]", *_pairs(line=diagnostic.line, problem=diagnostic.problem, text=diagnostic.text or None)]
    return "\n".join(out) + "\n"
