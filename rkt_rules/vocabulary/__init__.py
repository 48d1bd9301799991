"""Domain vocabulary as data: the words layouts, rules and matching rely on.

Each ``*.toml`` file beside this module holds one kind of vocabulary (layout
words, stopwords, activity and state words…). ``load(name)`` reads one once;
``words(name, key)`` gives one list from it, lowercased. A project may add its
own terms (``[vocabulary]`` in rkt-rules.toml) with ``extend``; additions are
merged into the lists they name and never replace the built-in words.
"""

from __future__ import annotations

from ..tomlread import loads as toml_loads
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
_EXTENSIONS: dict[str, dict[str, Any]] = {}


@cache
def _builtin(name: str) -> dict[str, Any]:
    return toml_loads((HERE / f"{name}.toml").read_text(encoding="utf-8"))


def load(name: str) -> dict[str, Any]:
    """One vocabulary file as a dict, with any project additions merged in."""
    data = _builtin(name)
    extra = _EXTENSIONS.get(name)
    return _merge(data, extra) if extra else data


def _merge(base: dict, extra: dict) -> dict:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = list(merged[key]) + [item for item in value if item not in merged[key]]
        else:
            merged[key] = value
    return merged


def extend(additions: dict[str, dict[str, Any]]) -> None:
    """Add a project's own terms (``[vocabulary.layout] ...``); clears what was derived from the old lists."""
    _EXTENSIONS.clear()
    _EXTENSIONS.update(additions)
    for forget in _DERIVED:
        forget()


_DERIVED: list = []


def derived(function):
    """Mark a cached function computed from the vocabulary, so ``extend`` recomputes it."""
    _DERIVED.append(function.cache_clear)
    return function
