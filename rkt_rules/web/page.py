"""The page, rendered on the server: the upload form and, after a check, each document
as read (identity, table) with its findings on its rows, every finding with its
explanation, filters and downloads. Jinja escapes every value; the page loads
nothing but its own stylesheet and script."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..findings import Report
from ..locale import catalog, long_date
from ..sets import TYPE_NAMES

SEVERITIES = ("error", "warning", "info")
DOWNLOADS = ("xlsx", "html", "markdown", "json", "sarif")


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("rkt_rules.web", "templates"), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_page(lang: str, report: Report | None = None, errors: list[str] | None = None, problem: str | None = None,
                rules: list | None = None) -> str:
    """The whole page in ``lang``; with a report, its results."""
    texts = catalog(lang)
    context: dict[str, Any] = {
        "lang": lang, "t": texts["web"], "w": {**texts["words"], **texts["severity"]}, "phrase": texts["phrase"],
        "headings": texts["explain"]["headings"], "downloads": DOWNLOADS, "severities": SEVERITIES,
        "errors": errors or [], "problem": problem, "report": None,
    }
    if report is not None:
        context.update(_results(report, lang, rules or report.rules))
    return _environment().get_template("page.html.j2").render(**context)


def _results(report: Report, lang: str, rules: list) -> dict[str, Any]:
    from ..report.formats.common import document_views, has_unit_column, measures, summary_sentence

    numbers = {id(finding): n for n, finding in enumerate(report.findings, start=1)}
    by_code = {rule.code: rule for rule in rules}
    explained = {}
    for finding in report.findings:
        rule = by_code.get(finding.code)
        if rule is not None and finding.code not in explained:
            spec = rule.spec
            explained[finding.code] = {"summary": spec.summary(lang), "why": spec.why(lang), "grounds": spec.grounds(),
                                       "fail": spec.examples.fail[0], "pass": spec.examples.pass_[0]}
    return {
        "report": report, "summary": summary_sentence(report), "views": document_views(report), "number": lambda f: numbers[id(f)],
        "explained": explained, "type_name": lambda t: TYPE_NAMES.get(t or "", "–"),
        "when": lambda year, month=None, day=None: long_date(lang, year, month, day),  # 10 Januari 2023, as signed
        "measures": measures, "has_unit_column": has_unit_column,
        "rule_options": sorted({(f.code, f.rule) for f in report.findings}),
        "lke_options": sorted({c for f in report.findings for c in f.lke}, key=_criterion_order),
        "lke_of": lambda f: " ".join(f.lke),
    }


def _criterion_order(criterion: str) -> list:
    return [int(part) if part.isdigit() else part for part in criterion.split(".")]
