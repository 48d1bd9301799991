"""Checking many files: in this process for a few, a process pool for many.

Workers receive file paths and send findings back, never plans, so memory
stays flat in the number of plans. Results are gathered in input order, and the
report sorts them anyway, so the output is identical whatever ``--jobs`` is.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

from .errors import RktError
from .findings import Finding

POOL_THRESHOLD = 16  # below this many files a pool costs more than it saves

_engine = None


def _start_worker(rule_specs: list[str] | None, lang: str) -> None:
    global _engine
    from .engine import Engine
    from .ruleset import load_rulesets

    _engine = Engine(load_rulesets(rule_specs).enabled(), lang)


def _check_one(path: str) -> tuple[list[Finding], RktError | None]:
    from .readers import read_plan

    try:
        return _engine.check(read_plan(path)), None
    except RktError as error:
        return [], error


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Progress:
    """``checked 120/2000`` on stderr, only on a terminal and only for a real batch."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.shown = total > POOL_THRESHOLD and sys.stderr.isatty()

    def step(self) -> None:
        self.done += 1
        if self.shown and (self.done % 50 == 0 or self.done == self.total):
            sys.stderr.write(f"\rchecked {self.done}/{self.total}")
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def check_paths(files: list[str], rule_specs: list[str] | None, lang: str, jobs: int, rules=None):
    """Yield (findings, error) per file, in the order of ``files``.

    ``rules``, when the caller has loaded them already, serve this process;
    pool workers load their own from ``rule_specs``.
    """
    global _engine
    progress = Progress(len(files))
    jobs = max(1, min(jobs, len(files)))
    if rules is None:
        _start_worker(rule_specs, lang)
    else:
        from .engine import Engine

        _engine = Engine(rules, lang)
    if jobs == 1 or len(files) < POOL_THRESHOLD:
        for path in files:
            yield _check_one(path)
            progress.step()
        return
    if "fork" in get_all_start_methods():  # workers inherit the engine built above
        context, initializer, initargs = get_context("fork"), None, ()
    else:
        context, initializer, initargs = get_context(), _start_worker, (rule_specs, lang)
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        for result in pool.map(_check_one, files, chunksize=chunk):
            yield result
            progress.step()
