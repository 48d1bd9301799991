"""Caps on what a reader accepts, so a hostile or broken file fails clearly
instead of exhausting memory or time. Set once per run (``configure``), read
by every reader; each cap has its own message naming the file and the line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 50_000
    max_cell: int = 10_000
    max_seconds: float = 600.0  # reading and checking one file: past it, the file is named as not checked and the run goes on


_current = Limits()


def current() -> Limits:
    return _current


def configure(limits: Limits) -> None:
    global _current
    _current = limits


def longest_over(data: object, limit: int) -> str | None:
    """The key path of the first string in ``data`` (dicts and lists, as JSON and TOML give them) longer
    than ``limit``, or None. A loop over an explicit stack, not recursion: depth is the file's to choose."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if len(value) > limit:
                return where or "(akar)"
        elif isinstance(value, dict):
            stack.extend((f"{where}.{key}" if where else str(key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{where}[{index}]", item) for index, item in reversed(list(enumerate(value))))
    return None


def rows_in(documents: object, goals: str, indicators: str) -> int:
    """Goals and indicators of a plan's data before validation (JSON and TOML name the lists differently);
    whatever is not a list counts nothing here and is refused by validation after."""
    def listed(value: object) -> list:
        return value if isinstance(value, list) else []

    return sum(len(listed(goal.get(indicators))) + 1 for document in listed(documents) if isinstance(document, dict)
               for goal in listed(document.get(goals)) if isinstance(goal, dict))
