"""The text layout a PDF extraction gives (see read/text.py), written back.

Used for round-trip tests, fixtures and ``convert``: reading what this writes
gives back the same plan, locations aside.
"""

from __future__ import annotations

import re

from ...locale import long_date
from ...model import Plan, PlanDocument

_TITLE_YEAR = re.compile(r"^(.*\S)\s+(TAHUN\s+\d{4})$", re.IGNORECASE)


def _document(doc: PlanDocument) -> list[str]:
    out: list[str] = []
    if doc.title:
        split = _TITLE_YEAR.match(doc.title)
        out += [f"**{split.group(1)}", f"{split.group(2)}**"] if split else [f"**{doc.title}**"]
        out.append("")
    labels = [(label, value) for label, value in (("Nama/Unit Organisasi", doc.unit), ("Tahun Anggaran", doc.fiscal_year)) if value is not None]
    if labels:
        out += [label for label, _ in labels] + [""] + [f": {value}" for _, value in labels] + [""]
    extra_columns: list[str] = []
    for goal in doc.goals:
        for indicator in goal.indicators:
            extra_columns += [key for key in indicator.extra if key not in extra_columns]
    out.append("\t".join(["No", "Sasaran Strategis", "Indikator Kinerja", "Target", *extra_columns]))
    out.append("\t".join(f"({n})" for n in range(1, 5 + len(extra_columns))))
    for goal in doc.goals:
        lead = [goal.number, goal.text]
        if not goal.indicators:
            out.append("\t".join(lead + ["", ""]))
        for indicator in goal.indicators:
            extra = [indicator.extra.get(key, "") for key in extra_columns]
            out.append("\t".join(lead + [indicator.text, indicator.target.raw, *extra]))
            lead = ["", ""]
    out.append("")
    sig = doc.signature
    if sig is not None:
        if sig.place or sig.date:
            date = long_date("id", sig.date.year, sig.date.month, sig.date.day) if sig.date else ""
            out.append(", ".join(part for part in (sig.place, date) if part))
        out += [sig.role or "", "", "", "", sig.name or ""]
    return out


def plan_to_text(plan: Plan) -> str:
    lines: list[str] = []
    for doc in plan.documents:
        lines += _document(doc) + [""]
    return "\n".join(lines)
