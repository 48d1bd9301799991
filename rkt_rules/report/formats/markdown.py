"""Markdown for a pull-request comment: a summary table, then findings by document and goal."""

from __future__ import annotations

import re

from ...findings import Report
from ...locale import where
from .common import SEVERITY_ORDER, by_lke, by_rule, document_views, summary_sentence, words

ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str) -> str:
    """Plan text made inert in Markdown: specials escaped, line breaks folded."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render(report: Report, **_) -> str:
    w = words(report)
    out = [f"## rkt-rules: {md(summary_sentence(report))}", ""]
    rules = by_rule(report)
    if rules:
        out += [f"| {w['rule']} | " + " | ".join(w[s] for s in SEVERITY_ORDER) + f" | {w['total']} |",
                "|---|" + "---:|" * (len(SEVERITY_ORDER) + 1)]
        for code, name, counts in rules:
            out.append(f"| {code} {md(name)} | " + " | ".join(str(counts[s]) for s in SEVERITY_ORDER) + f" | {sum(counts.values())} |")
        out.append("")
    else:
        out += [w["none"], ""]
    criteria = by_lke(report)
    if criteria:
        out += [f"| {w['lke']} | " + " | ".join(w[s] for s in SEVERITY_ORDER) + " |", "|---|" + "---:|" * len(SEVERITY_ORDER)]
        out += [f"| {criterion or w['no_lke']} | " + " | ".join(str(counts[s]) for s in SEVERITY_ORDER) + " |" for criterion, counts in criteria]
        out.append("")
    for view in document_views(report):
        if not view.findings and not view.unsure:
            continue
        document = view.document
        out += [f"### {md(document.unit or view.path)} — `{view.path.replace('`', '')}`", ""]
        if view.unsure:
            out += [f"> **{md(view.unsure)}**", ""]
        for finding in view.document_level:
            out.append(_item(finding, w, report.lang))
        if view.document_level:
            out.append("")
        for number, text, findings in view.by_goal():
            out += [f"**{w['goal']} {md(number)}**: {md(text)}", ""]
            out += [_item(f, w, report.lang) for f in findings] + [""]
    if report.suppressed:
        out += [f"<details><summary>{len(report.suppressed)} {w['suppressed']}</summary>", ""]
        for item in report.suppressed:
            out.append(f"- {item.finding.code} {md(item.finding.message)} — {w['reason']}: {md(item.reason)}")
        out += ["", "</details>", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _item(finding, w, lang: str) -> str:
    loc = finding.location
    line = f" ({w['line']} {loc.line})" if loc.line else f" ({md(where(loc.cell, lang))})" if loc.cell else ""
    return f"- {ICONS[finding.severity]} **{finding.code}** {md(finding.rule)}{line}: {md(finding.message)}"
