"""The message catalog: every word rkt-rules prints, by key, in Indonesian (the default) and English.

One TOML catalog per language (id.toml, en.toml) holds the severity words,
the reports' words, the command line's help and argparse's own words, error
messages, and the phrases findings quote. Code names a message by its section
and key (``say("error.empty-file", lang)``); nothing translates English text
after the fact. A missing key is a bug a test catches (both catalogs carry
the same keys and placeholders).
"""

from __future__ import annotations

import re
from functools import cache

from ..tomlread import loads as toml_loads
from pathlib import Path
from typing import Any

LANGUAGES = ("id", "en")
HERE = Path(__file__).parent


@cache
def catalog(lang: str) -> dict[str, dict[str, Any]]:
    return toml_loads((HERE / f"{lang if lang in LANGUAGES else 'id'}.toml").read_text(encoding="utf-8"))


def entry(key: str, lang: str) -> Any:
    """A catalog entry as it is (a string, or a list for headings): ``section.name``."""
    section, _, name = key.partition(".")
    return catalog(lang)[section][name]


def say(key: str, lang: str, /, **values: Any) -> str:
    """The message ``section.name`` in ``lang``, its ``{placeholders}`` filled with ``values``."""
    template = entry(key, lang)
    return template.format(**values) if values else template


def has(key: str) -> bool:
    section, _, name = key.partition(".")
    return name in catalog("en").get(section, {})


def long_date(lang: str, year: int, month: int | None = None, day: int | None = None) -> str:
    """A date as readers write it in ``lang``: ``10 Januari 2023``, ``Januari 2026`` (the day left blank), ``2026``."""
    if month is None or not 1 <= month <= 12:
        return str(year)
    name = entry("dates.months", lang)[month - 1]
    return f"{day} {name} {year}" if day else f"{name} {year}"


_WHERE = re.compile(r"\b(page|table|row|column|line|paragraph|sheet)(?= \d)")


def where(cell: str, lang: str) -> str:
    """A location as readers read it: the readers write one notation (``page 2 (OCR), table 1, row 4``), the
    model's stable form that JSON and SARIF carry; its words are shown in ``lang`` (``halaman 2 (OCR), tabel 1,
    baris 4``). A sheet's own name and cell (``Renja!B7``) are the file's and stay."""
    words = catalog(lang)["where"]
    return _WHERE.sub(lambda match: str(words.get(match.group(1), match.group(1))), cell)
