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


_current = Limits()


def current() -> Limits:
    return _current


def configure(limits: Limits) -> None:
    global _current
    _current = limits
