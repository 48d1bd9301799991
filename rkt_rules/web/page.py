"""The page, rendered on the server: the upload form and, after a check, each document
as read (identity, table) with its findings on its rows, every finding with its
explanation, filters and downloads. Jinja escapes every value; the page loads
nothing but its own stylesheet and script."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..findings import Report
from ..locale import catalog, long_date, where
from ..sets import TYPE_NAMES

SEVERITIES = ("error", "warning", "info")
DOWNLOADS = ("xlsx", "html", "markdown", "json", "sarif")


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("rkt_rules.web", "templates"), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_page(lang: str, report: Report | None = None, errors: list[str] | None = None, problem: str | None = None,
                rules: list | None = None, hierarchy: dict[str, str] | None = None, uploads: list[str] | None = None) -> str:
    """The whole page in ``lang``; with a report, its results (``hierarchy``: the project's declared links,
    for the sets the overview names; ``uploads``: the files' labels in the order sent, so that the page
    can send one back for its original page)."""
    texts = catalog(lang)
    context: dict[str, Any] = {
        "lang": lang, "t": texts["web"], "w": {**texts["words"], **texts["severity"]}, "phrase": texts["phrase"],
        "headings": texts["explain"]["headings"], "downloads": DOWNLOADS, "severities": SEVERITIES,
        "errors": errors or [], "problem": problem, "report": None,
    }
    if report is not None:
        context.update(_results(report, lang, rules or report.rules, hierarchy))
        order = {label: index for index, label in enumerate(uploads or [])}
        context["upload_of"] = lambda path: order.get(path)
    return _environment().get_template("page.html.j2").render(**context)


def _results(report: Report, lang: str, rules: list, hierarchy: dict[str, str] | None = None) -> dict[str, Any]:
    from ..report.formats.common import document_views, has_unit_column, measures, summary_sentence
    from ..sets import link_source

    numbers = {id(finding): n for n, finding in enumerate(report.findings, start=1)}
    by_code = {rule.code: rule for rule in rules}
    explained = {}
    for finding in report.findings:
        rule = by_code.get(finding.code)
        if rule is not None and finding.code not in explained:
            spec = rule.spec
            explained[finding.code] = {"summary": spec.summary(lang), "why": spec.why(lang), "grounds": spec.grounds(),
                                       "fail": spec.examples.fail[0], "pass": spec.examples.pass_[0]}
    views = document_views(report)
    return {
        "report": report, "summary": summary_sentence(report), "views": views, "number": lambda f: numbers[id(f)],
        "overview": [_overview_row(view) for view in views], "sets": _sets(report, views, hierarchy),
        "link_source": lambda source: link_source(source, lang), "where": lambda cell: where(cell, lang),
        "page_of": page_of,
        "explained": explained, "type_name": lambda t: TYPE_NAMES.get(t or "", "–"),
        "when": lambda year, month=None, day=None: long_date(lang, year, month, day),  # 10 Januari 2023, as signed
        "measures": measures, "has_unit_column": has_unit_column,
        "rule_options": sorted({(f.code, f.rule) for f in report.findings}),
        "lke_options": sorted({c for f in report.findings for c in f.lke}, key=_criterion_order),
        "lke_of": lambda f: " ".join(f.lke),
    }


def _criterion_order(criterion: str) -> list:
    return [int(part) if part.isdigit() else part for part in criterion.split(".")]


def _overview_row(view) -> dict[str, Any]:
    """One document at a glance: what it is, whether its reading can be taken as read, its findings by severity."""
    from collections import Counter

    document = view.document
    found = Counter(finding.severity for finding in view.findings)
    counts = {severity: found[severity] for severity in SEVERITIES}
    when = f"{document.period[0]}–{document.period[1]}" if document.period else document.fiscal_year
    return {"path": view.path, "type": document.document_type, "unit": document.unit, "when": when,
            "sure": not view.unsure, "counts": counts}


def _sets(report: Report, views, hierarchy: dict[str, str] | None) -> list[dict[str, Any]]:
    """The sets of more than one document the check compared, each document linked to its section."""
    from ..sets import cards_of, set_views

    if len(views) < 2:
        return []
    anchors = {(view.path, view.document.unit, TYPE_NAMES.get(view.document.document_type or "", "?")): index
               for index, view in enumerate(views, start=1)}
    cards = [card for _, plan in sorted(report.plans.items()) for card in cards_of(plan)]
    formed, _ = set_views(cards, hierarchy)
    return [{"documents": [(anchors.get((path, unit, kind)), path, kind, unit, when) for path, kind, unit, when in view.documents],
             "links": view.links} for view in formed if len(view.documents) > 1]


_PAGE = re.compile(r"^page (\d+)\b")


def page_of(row) -> int | None:
    """The page of a PDF a table row was read from (``page 3, table 1, row 2``), or None."""
    for node in (row.indicator, row.goal):
        match = _PAGE.match(getattr(node, "cell", None) or "")
        if match:
            return int(match.group(1))
    return None
