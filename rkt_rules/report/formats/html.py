"""One self-contained HTML file for reviewers: summary, chart, the plan table
with findings on their rows, findings by goal. Every piece of plan text goes
through Jinja's autoescaping; nothing is loaded from outside the file."""

from __future__ import annotations

from functools import cache

from ...findings import Report
from .common import SEVERITY_ORDER, by_lke, by_rule, document_views, has_unit_column, measures, signed_on, summary_sentence, words


@cache
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=PackageLoader("rkt_rules.report.formats", "templates"), autoescape=select_autoescape(default=True),
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("report.html.j2")


def _chart(report: Report) -> list[dict]:
    """Bars for an inline SVG: one per rule, split by severity."""
    rows = by_rule(report)
    most = max((sum(c.values()) for _, _, c in rows), default=1)
    bars = []
    for index, (code, name, counts) in enumerate(rows):
        x, segments = 0.0, []
        for severity in SEVERITY_ORDER:
            width = 360 * counts[severity] / most
            if width:
                segments.append({"x": 230 + x, "width": width, "severity": severity, "count": counts[severity]})
            x += width
        bars.append({"y": 8 + index * 24, "label": f"{code} {name}", "segments": segments, "total": sum(counts.values()), "end": 236 + x})
    return bars


def render(report: Report, **_) -> str:
    bars = _chart(report)
    return _template().render(
        w=words(report), lang=report.lang, summary=summary_sentence(report), counts=report.summary(),
        views=document_views(report), bars=bars, chart_height=16 + 24 * len(bars), severities=SEVERITY_ORDER,
        suppressed=report.suppressed, version=report.tool_version, lke=by_lke(report),
        measures=measures, signed_on=lambda signature: signed_on(signature, report.lang), has_unit_column=has_unit_column,
    )
