"""Domain vocabulary as data: the words layouts, rules and matching rely on.

Each ``*.toml`` file beside this module holds one kind of vocabulary (layout
words, stopwords, activity and state words…). ``load(name)`` reads one once;
``words(name, key)`` gives one list from it, lowercased. A project may add its
own terms (``[vocabulary]`` in rkt-rules.toml) with ``extend``; additions are
merged into the lists they name and never replace the built-in words.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import cache

from ..tomlread import loads as toml_loads
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
    """Add a project's own terms (``[vocabulary.layout] ...``); clears what was derived from the old lists.

    The additions hold for the run (one CLI process, or a ``with extended(...)``
    block of the library); they replace those of an earlier call."""
    _EXTENSIONS.clear()
    _EXTENSIONS.update(additions)
    _forget_answers()


# Modules whose memos may hold an answer drawn from a word list (is this a label,
# a title, an activity word…): all their caches are cleared when the lists change,
# so that no memo is forgotten. Units (pint's registry) never depend on them.
_READING_AND_CHECKING = ("rkt_rules.read", "rkt_rules.rules.checks", "rkt_rules.sets")  # sets: unit keys and names


def _forget_answers() -> None:
    import sys

    for forget in _DERIVED:
        forget()
    for name, module in list(sys.modules.items()):
        if module is not None and name.startswith(_READING_AND_CHECKING):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and getattr(value, "__module__", None) == name:
                    clear()


@contextmanager
def extended(additions: dict[str, dict[str, Any]]):
    """The vocabulary with ``additions`` for the length of a block; the previous ones after."""
    before = dict(_EXTENSIONS)
    extend(additions)
    try:
        yield
    finally:
        extend(before)


def problems(additions: Any) -> list[tuple[str, str, str]]:
    """(key, why, known) for each part of ``[vocabulary]`` that does not name a built-in list
    or is not a list of words: a misspelt key must fail, not be ignored."""
    found: list[tuple[str, str, str]] = []  # why: a key of the catalog's vocabulary-… errors

    def walk(extra: Any, base: Any, key: str) -> None:
        if isinstance(base, dict):
            if not isinstance(extra, dict):
                found.append((key, "vocabulary-not-table", ""))
                return
            for name, value in extra.items():
                if name not in base:
                    found.append((f"{key}.{name}", "vocabulary-unknown", ", ".join(sorted(base))))
                else:
                    walk(value, base[name], f"{key}.{name}")
        elif isinstance(base, list):
            if not isinstance(extra, list) or not all(isinstance(word, str) and word.strip() for word in extra):
                found.append((key, "vocabulary-not-words", ""))
            elif key.endswith(".patterns"):  # regular expressions: only what runs in linear time (RE2)
                from .patterns import compile_pattern

                for pattern in extra:
                    try:
                        compile_pattern(pattern, ignore_case=False)
                    except ValueError as error:
                        found.append((key, "vocabulary-pattern", str(error)))
        else:
            found.append((key, "vocabulary-setting", ""))

    if not isinstance(additions, dict):
        return [("vocabulary", "vocabulary-not-table", "")]
    for name, extra in additions.items():
        if not (HERE / f"{name}.toml").is_file():
            found.append((f"vocabulary.{name}", "vocabulary-unknown", ", ".join(sorted(p.stem for p in HERE.glob("*.toml")))))
        else:
            walk(extra, _builtin(name), f"vocabulary.{name}")
    return found


_DERIVED: list = []


def derived(function):
    """Mark a cached function computed from the vocabulary, so ``extend`` recomputes it."""
    _DERIVED.append(function.cache_clear)
    return function
