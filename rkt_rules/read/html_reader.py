"""Reader for plans saved as web pages (lxml): e-SAKIP apps print PKs, RKTs and Renstra
matrices as HTML, and reviewers save the page.

The body is walked in document order with an explicit stack (never recursion, so a page
nested ten thousand deep is no danger): each ``<table>`` that holds no other table becomes
rows of cells, ``rowspan`` and ``colspan`` spread so that a Sasaran merged over its
indicators reads as Word's merged cells do; everything else becomes text lines, one per
block (heading, paragraph, list item, ``<br>``). Navigation (``<nav>``, sidebars, menus),
scripts and styles are no part of a plan and are skipped. Spans and cells are bounded as
they are read.
"""

from __future__ import annotations

import re

from ..errors import PlanError
from ..model import Plan
from .limits import current as limits
from .office import no_text
from .recognise import recognise
from .recognise.blocks import Row, Text, clean

SKIP = frozenset({"script", "style", "head", "nav", "noscript", "template", "svg", "iframe", "button", "select", "option",
                  "textarea", "object", "embed", "canvas", "map", "audio", "video"})
BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "pre", "blockquote",
                    "section", "article", "header", "footer", "main", "aside", "figure", "figcaption", "address", "hr",
                    "caption", "center", "form", "fieldset", "legend", "title", "body", "html"})
NAVIGATION = re.compile(r"(?:^|[\s_-])(?:side-?bar|nav|navbar|navigation|menu|breadcrumbs?)(?:$|[\s_-])", re.IGNORECASE)
MAX_SPAN = 1000          # a rowspan or colspan beyond this is a broken page, not a plan
MAX_CELLS = 2_000_000    # cells of all tables once spans are spread


def is_html(data: bytes) -> bool:
    """A web page by its content: a doctype, an <html> or a <table> at the start."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) and (b"<html" in head or b"<table" in head or b"<body" in head)


def read_html(data: bytes, path: str) -> Plan:
    import lxml.html
    from lxml import etree

    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise PlanError("not-readable-html", path=path, reason=str(error)) from None
    items = _Walker(path).walk(root)
    if not any(isinstance(item, Row) or item.text.strip() for item in items):
        raise no_text(path)
    return recognise(items, path, limits().max_rows)


def _skipped(element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in SKIP:
        return True
    marks = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('role') or ''}"
    return bool(marks.strip()) and bool(NAVIGATION.search(marks))


def _has_table(element) -> bool:
    return any(True for _ in element.iterdescendants("table"))


class _Walker:
    def __init__(self, path: str):
        self.path = path
        self.items: list = []
        self.line: list[str] = []
        self.line_at: int | None = None
        self.tables = 0
        self.cells = 0

    def flush(self) -> None:
        text = clean(" ".join(self.line))
        if text:
            self.items.append(Text(text, None, f"line {self.line_at}" if self.line_at else None))
        self.line, self.line_at = [], None

    def add(self, text: str | None, at: int | None) -> None:
        if text and text.strip():
            self.line.append(text)
            if self.line_at is None:
                self.line_at = at

    def walk(self, root) -> list:
        body = root.find("body")
        stack: list = [("open", body if body is not None else root)]
        while stack:
            action, element = stack.pop()
            if action == "tail":
                self.add(element.tail, element.sourceline)
                continue
            if action == "close":
                self.flush()
                continue
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if not tag or _skipped(element):
                if tag:
                    stack.append(("tail", element))
                continue
            if tag == "br":
                self.flush()
                stack.append(("tail", element))
                continue
            if tag == "table" and not _has_table(element):
                self.flush()
                self.items.append(Text("", None, None))
                self.items += self.table(element)
                self.items.append(Text("", None, None))
                stack.append(("tail", element))
                continue
            block = tag in BLOCKS or tag in ("table", "tr", "td", "th", "tbody", "thead", "tfoot")
            if block:
                self.flush()
            stack.append(("tail", element))
            if block:
                stack.append(("close", element))
            for child in reversed(element):
                stack.append(("open", child))
            self.add(element.text, element.sourceline)
        self.flush()
        return self.items

    def table(self, table) -> list[Row]:
        """A leaf table's rows, spans spread: a cell covered by a span is empty and marked merged."""
        self.tables += 1
        number = self.tables
        pending: dict[tuple[int, int], bool] = {}  # (row, column) covered by a rowspan from above
        rows: list[Row] = []
        for r, tr in enumerate((tr for tr in table.iter("tr")), start=1):
            cells: list[str] = []
            lines: list[tuple[str, ...]] = []
            merged: list[bool] = []
            column = 0

            def fill_covered() -> None:
                nonlocal column
                while pending.pop((r, column), False):
                    cells.append("")
                    lines.append(())
                    merged.append(True)
                    column += 1

            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                fill_covered()
                rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
                self.cells += rowspan * colspan
                if self.cells > MAX_CELLS:
                    raise PlanError("too-many-rows", path=self.path, line=td.sourceline, limit=limits().max_rows)
                cell_lines = _cell_lines(td)
                for offset in range(colspan):
                    cells.append(" ".join(cell_lines) if offset == 0 else "")
                    lines.append(cell_lines if offset == 0 else ())
                    merged.append(offset > 0)
                    for down in range(1, rowspan):
                        pending[(r + down, column)] = True
                    column += 1
            fill_covered()
            if cells:
                rows.append(Row(cells, number, None, f"table {number}, row {r}", None, lines, merged, True))
        return rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int((value or "1").strip()), MAX_SPAN))
    except ValueError:
        return 1


def _cell_lines(td) -> tuple[str, ...]:
    """A cell's text as the paragraphs its author typed: split at <br>, <p>, <div> and <li>."""
    parts: list[list[str]] = [[]]
    stack: list = [("open", td)]
    while stack:
        action, element = stack.pop()
        if action == "tail":
            if element.tail:
                parts[-1].append(element.tail)
            continue
        if action == "break":
            parts.append([])
            continue
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or _skipped(element):
            if tag:
                stack.append(("tail", element))
            continue
        if tag == "br":
            parts.append([])
            stack.append(("tail", element))
            continue
        block = element is not td and tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
        stack.append(("tail", element))
        if block:
            stack.append(("break", element))
        for child in reversed(element):
            stack.append(("open", child))
        if block:
            parts.append([])
        if element.text:
            parts[-1].append(element.text)
    return tuple(text for text in (clean(" ".join(part)) for part in parts) if text)
