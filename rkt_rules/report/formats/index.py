"""index.html of a report folder: each plan's report, linked, with its counts."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

SEVERITIES = ("error", "warning", "info")


def render_index(rows: list[tuple[str, str, dict]], lang: str) -> str:
    """``rows``: (plan path, report name, summary counts), one a plan."""
    from ...locale import catalog

    w = {**catalog(lang)["words"], **catalog(lang)["severity"]}
    head = "".join(f"<th>{escape(w[s])}</th>" for s in SEVERITIES)
    body = []
    for path, name, counts in sorted(rows):
        cells = "".join(f'<td class="{s if counts[s] else "zero"}">{counts[s]}</td>' for s in SEVERITIES)
        body.append(f'<tr><td><a href="{quote(name)}.html">{escape(path)}</a></td>{cells}</tr>')
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<meta name="generator" content="rkt-rules">\n<title>{escape(w["index_title"])}</title>\n'
            "<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
            "th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}td.error{color:#cf222e;font-weight:600}"
            "td.warning{color:#9a6700}td.zero{color:#8c959f}</style>\n</head>\n<body>\n"
            f'<h1>{escape(w["index_title"])}</h1>\n<table>\n<thead><tr><th>{escape(w["plan_label"])}</th>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body) + "\n</tbody>\n</table>\n</body>\n</html>\n")
