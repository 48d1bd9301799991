"""Plans laid out as labelled lists, not tables: an e-SAKIP dashboard's cards, a page typed as
headings and numbered lists. A label naming a plan column (``TUJUAN RENSTRA``, ``Sasaran :``,
``Indikator Tujuan / Sasaran:``, the same vocabulary as a table's header) opens a list of its
items; the indicators listed under a tujuan or a sasaran are that goal's. The lists become the rows
of a table with that header, read by the one recogniser like any other, with no target: the page
gives none, and the rules say so.

Read only when a file holds no plan table at all, so a long plan's narrative (which names its
tujuan and sasaran in sentences) is never read as rows.
"""

from __future__ import annotations

import re

from .blocks import Row, Text
from .header import column_of
from .words import words_of

# ``1.``, ``1)``, ``a.``, ``-``, ``•``: the mark that opens a list item (the signature reader's too: a list
# item under a table is no signer's name).
LIST_MARK = r"(?:\(?(?:\d{1,3}|[a-z])[.)]|[-\u2022\u00b7*\u25aa\u25cf])\s+"
ITEM = re.compile(rf"^\s*{LIST_MARK}(?P<text>\S.*)$", re.IGNORECASE)
LABEL_WORDS = 6      # a label is a short line: longer ones are sentences that happen to begin with "Sasaran"
ITEM_CHARS = 400     # an item longer than this is a paragraph, which ends the list
ROLES = frozenset({"tujuan", "goal", "indicator"})  # the columns a list can hold; any other label ends a list
HEADER = ["No", "Sasaran", "Indikator Kinerja"]  # the page gives no target: no target column, as in an IKU list
GRID = -7  # the grid number of the rows read from lists: no reader numbers its grids below zero


def _label(text: str) -> str | None:
    """The role a label line names (tujuan, goal, indicator), ``other`` for a label of another column
    (``PROGRAM …``) that ends a list, or None for a line that is no label."""
    stripped = text.strip()
    if ITEM.match(stripped):
        return None
    name = stripped.rstrip(" :")
    words = words_of(name)
    if not words or len(words) > LABEL_WORDS or not (stripped.endswith(":") or name.isupper()):
        return None
    role = column_of(name).role
    if role is None:
        return None
    return role if role in ROLES else "other"


def as_rows(items: list) -> list | None:
    """``items`` with their labelled lists of indicators as the rows of a table, or None when they hold none.
    The labels and items read are replaced by the table, where its first indicator was."""
    rows: list[tuple[int, str, str, Text, int]] = []  # (goal's number, goal, indicator, its line and position)
    goals: list[str] = []
    consumed: set[int] = set()
    mode: str | None = None
    numbered: bool | None = None
    tujuan: str | None = None
    last_goal: str | None = None
    for at, item in enumerate(items):
        if not isinstance(item, Text) or not item.text.strip():
            continue
        text = " ".join(item.text.split())
        label = _label(text)
        if label is not None:
            mode, numbered = label, None
            if label == "tujuan":
                tujuan = last_goal = None
            if label != "other":
                consumed.add(at)
            continue
        if mode in (None, "other"):
            continue
        match = ITEM.match(text)
        if numbered is None:
            numbered = match is not None
        if numbered != (match is not None) or len(text) > ITEM_CHARS:
            mode = None  # the list has ended: what follows is no item of it
            continue
        content = match.group("text").strip() if match else text
        consumed.add(at)
        if mode == "tujuan":
            tujuan = content
        elif mode == "goal":
            last_goal = content
        else:
            goal = tujuan or last_goal
            if goal is None:
                continue  # indicators of no goal the page names: nothing to hang them on
            if goal not in goals:
                goals.append(goal)
            rows.append((goals.index(goal) + 1, goal, content, item, at))
    if not rows:
        return None
    first = rows[0][4]
    table = [Row(HEADER, GRID, rows[0][3].line, rows[0][3].where)]
    table += [Row([str(number), goal, indicator], GRID, line.line, line.where) for number, goal, indicator, line, _ in rows]
    before = [item for at, item in enumerate(items[:first]) if at not in consumed]
    after = [item for at, item in enumerate(items[first:], first) if at not in consumed]
    return before + table + after
