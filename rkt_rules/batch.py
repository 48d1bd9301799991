"""Checking many files: in this process for a few, a process pool for many.

The pool is the standard library's ``ProcessPoolExecutor``; where the system
can fork, its workers are forked after the engine is built and inherit it (no
ruleset is loaded twice), elsewhere each loads its own. Plans never cross a
process boundary, only chunks of paths out and findings back, so memory stays
flat in the number of plans. Results are gathered in input order, and the
report sorts them anyway, so the output is identical whatever ``--jobs`` is.
A worker that stops (killed, out of memory) is one line naming how; Ctrl-C is
the parent's alone to answer, and no worker is left behind.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from .errors import HelperError, InstallError, RktError
from .findings import Finding

PARALLEL_THRESHOLD = 16  # below this many files, other processes cost more than they save
CAN_FORK = hasattr(os, "fork")  # POSIX: workers forked with the engine; elsewhere (Windows) spawned

_engine = None
_today = None
_cache = None  # rkt_rules.cache.Cache of this run, or None


def active_rules(rule_specs: list[str] | None, config=None) -> list:
    """The enabled rules of the named rulesets, after the project config's disable/severity."""
    from .rules.ruleset import load_rulesets

    return rules_after_config(load_rulesets(rule_specs).rules, config)


def rules_after_config(rules: list, config=None) -> list:
    """The enabled ones of ``rules``, after the project config's disable/severity."""
    from .config import ProjectConfig, apply_rule_settings

    return [rule for rule in apply_rule_settings(rules, config or ProjectConfig.model_construct()) if rule.enabled]


def check_plan(plan, rules: list, lang: str, today, hierarchy: dict[str, str] | None = None) -> tuple[list[Finding], list]:
    """A plan already read (by a caller of the library): its findings, and those its own
    [[suppress]] tables set aside."""
    from .rules.engine import Engine

    return own_suppressions(plan, Engine(rules, lang, hierarchy).check(plan), today)


def own_suppressions(plan, findings: list[Finding], today) -> tuple[list[Finding], list]:
    """``findings`` of ``plan`` less those its own [[suppress]] tables set aside, and those."""
    if not plan.suppress:
        return findings, []
    from .rules.gating import apply_suppressions, parse_suppressions

    return apply_suppressions(findings, parse_suppressions(list(plan.suppress), plan.path), today)


def _start_worker(rule_specs: list[str] | None, lang: str, config=None, today=None, cache=None, limits=None) -> None:
    global _engine, _today, _cache
    from .rules.engine import Engine
    from .read.limits import configure

    if limits is not None:
        configure(limits)
    if config is not None and config.vocabulary:  # a worker of another start method: the project's terms again
        from .vocabulary import extend

        extend(config.vocabulary)
    _engine, _today, _cache = Engine(active_rules(rule_specs, config), lang, _hierarchy(config)), today, cache


def _hierarchy(config) -> dict[str, str]:
    return getattr(config, "hierarchy", None) or {}


def _check_one(path: str) -> tuple[list[Finding], list, RktError | None, tuple]:
    """Findings, those the plan's own [[suppress]] tables set aside, or the error; and the
    cards of its documents when the rules compare plan sets (rkt_rules.sets), else ().
    From the run's cache when the file, the rules and the tool are those of an entry."""
    from .read import read_data
    from .read.decoding import read_bytes
    from .read.limits import current

    assert _engine is not None and _today is not None, "a worker checks files only once started"
    try:
        data = read_bytes(path, current().max_bytes)
        key = _cache.key(path, data) if _cache is not None else None
        if key is not None:
            hit = _from_cache(key, path)
            if hit is not None:
                return hit
        with time_budget(current().max_seconds, path):
            plan = read_data(data, path)
            findings = _engine.check(plan)
    except InstallError:
        raise  # not this file's fault: the run stops
    except RktError as error:
        return [], [], error, ()
    cards: tuple = ()
    if _engine.compares_sets:
        from .sets import cards_of

        cards = cards_of(plan)
    if key is not None and _cache is not None:
        from .cache import entry_of

        _cache.put(key, entry_of(plan, findings, cards))
    kept, suppressed = own_suppressions(plan, findings, _today)
    return kept, suppressed, None, cards


class _OutOfTime(BaseException):
    """Raised by the alarm inside whatever the file's reading was doing: a BaseException, so that no
    reader's ``except Exception`` takes it for a damaged file."""


@contextmanager
def time_budget(seconds: float, path: str):
    """Read and check one file within ``seconds`` of wall time, or fail it as not checked (PlanError
    ``too-slow``) so the run goes on with the other files. An alarm signal needs the main thread of
    a process (the CLI and its workers); elsewhere (the page's threads) the budget is not kept here."""
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(_signum, _frame):
        raise _OutOfTime

    before = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)  # an alarm ringing on this very line is still caught below
    except _OutOfTime:
        from .errors import PlanError

        raise PlanError("too-slow", path=path, seconds=seconds) from None
    finally:
        signal.signal(signal.SIGALRM, before)


def _from_cache(key: str, path: str) -> tuple | None:
    """The entry's result, its own [[suppress]] tables applied today; None for no entry or one that does not decode."""
    from types import SimpleNamespace

    from .cache import cards_of, findings_of

    entry = _cache.get(key) if _cache is not None else None
    if entry is None:
        return None
    try:
        findings, cards = findings_of(entry), cards_of(entry) if _engine is not None and _engine.compares_sets else ()
        kept, suppressed = own_suppressions(SimpleNamespace(path=path, suppress=tuple(entry["suppress"])), findings, _today)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, RktError):
        return None  # written by something else: read the file again, and the entry is rewritten
    return kept, suppressed, None, cards


def read_cached(path: str):
    """A plan, from the run's cache when an entry holds it (set rules and reports read plans again)."""
    from .read import read_data, read_plan
    from .read.decoding import read_bytes
    from .read.limits import current

    if _cache is None:
        return read_plan(path)
    data = read_bytes(path, current().max_bytes)
    entry = _cache.get(_cache.key(path, data))
    if entry is not None:
        from pydantic import ValidationError

        from .cache import plan_of

        try:
            return plan_of(entry)
        except (ValidationError, KeyError, TypeError, ValueError):
            pass
    return read_data(data, path)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Progress:
    """``diperiksa 120/2000`` on stderr, only on a terminal and only for a real batch."""

    def __init__(self, total: int, lang: str = "id"):
        self.total, self.done, self.lang = total, 0, lang
        self.shown = total > PARALLEL_THRESHOLD and sys.stderr.isatty()

    def step(self, count: int = 1) -> None:
        before, self.done = self.done, min(self.total, self.done + count)
        if self.shown and self.done != before and (self.done // 50 != before // 50 or self.done == self.total):
            from .locale import say

            sys.stderr.write("\r" + say("cli.checked", self.lang, done=self.done, total=self.total))
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def check_paths(files: list[str], rule_specs: list[str] | None, lang: str, jobs: int, rules=None, config=None, today=None, cache=None):
    """Yield (findings, suppressed, error, cards) per file, in the order of ``files``.

    ``rules``, when the caller has loaded them already, serve this process and
    forked workers; workers of another start method load their own by name.
    ``cache`` (rkt_rules.cache.Cache) keeps each file's result for the next run.
    """
    global _engine, _today, _cache
    import datetime as dt

    today = today or dt.date.today()
    progress = Progress(len(files), lang)
    jobs = max(1, min(jobs, len(files)))
    if rules is None:
        _start_worker(rule_specs, lang, config, today, cache)
    else:
        from .rules.engine import Engine

        _engine, _today, _cache = Engine(rules, lang, _hierarchy(config)), today, cache
    if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
        for path in files:
            yield _check_one(path)
            progress.step()
        return
    yield from _in_pool(files, jobs, progress, (rule_specs, lang, config, today, cache))


def _chunks(files: list[str], jobs: int) -> list[list[str]]:
    """Small enough that a slow file never holds up the rest, large enough that sending
    paths and findings costs little: some 64 chunks per worker, at most 2,048."""
    size = max(1, -(-len(files) // min(jobs * 64, 2048)))
    return [files[start:start + size] for start in range(0, len(files), size)]


def _check_chunk(paths: list[str]) -> list[tuple]:
    return [_check_one(path) for path in paths]


def _quiet_worker(parent: int, *start) -> None:
    """A worker leaves Ctrl-C to the parent (which stops the pool), ends with its
    parent however the parent ends (SIGTERM, SIGKILL: no cleanup runs there), and,
    when not forked from a parent that has the engine already, builds its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(parent)
    if start:
        _start_worker(*start)


def _end_with(parent: int) -> None:
    """Linux's parent-death signal: the kernel kills this worker when its parent dies. The parent may
    have died already, before the signal was asked for: then the worker ends now. Elsewhere a no-op
    (the pool's own pipes end a worker whose parent went away, at its next task)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def _in_pool(files: list[str], jobs: int, progress: "Progress", start: tuple):
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .read.limits import current

    context: multiprocessing.context.BaseContext
    if CAN_FORK:
        context, initargs = multiprocessing.get_context("fork"), (os.getpid(),)
    else:
        context, initargs = multiprocessing.get_context(), (os.getpid(), *start, current())
    gc.freeze()  # what is alive now lives on: not scanned again, and not copied into workers by the collector
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_quiet_worker, initargs=initargs)
    workers: list = []
    stopped = True
    try:
        try:
            futures = [pool.submit(_check_chunk, chunk) for chunk in _chunks(files, jobs)]
        except (OSError, BrokenProcessPool):  # out of processes or memory: this process does it all
            _stop(pool, multiprocessing.active_children())
            for path in files:
                yield _check_one(path)
                progress.step()
            stopped = False
            return
        workers = multiprocessing.active_children()
        for future in futures:
            try:
                results = future.result()
            except BrokenProcessPool:
                raise HelperError("helper-stopped", how=_how(workers)) from None
            for result in results:
                yield result
                progress.step()
        stopped = False
    finally:
        gc.unfreeze()
        if stopped:  # interrupted or failed: leave no worker behind
            _stop(pool, workers)
        else:
            pool.shutdown(wait=True)


def _stop(pool, workers: list) -> None:
    manager = getattr(pool, "_executor_manager_thread", None)  # shutdown forgets it
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
        worker.join()
    if manager is not None:
        # CPython 3.11's exit hook wakes every pool's manager through a pipe that a broken pool's manager
        # may be closing at that moment, and prints a traceback under our one line: the manager is let
        # finish here and its wake-up taken out of the hook's list.
        manager.join(timeout=10)
        from concurrent.futures import process

        getattr(process, "_threads_wakeups", {}).pop(manager, None)


def _how(workers: list) -> RktError:
    """How a worker stopped, as a message of the catalog (rendered in the error's language).

    A broken pool terminates the other workers (SIGTERM), so any other way of
    ending is the one that broke it."""
    codes = []
    for worker in workers:
        worker.join(timeout=5)
        if worker.exitcode:
            codes.append(worker.exitcode)
    code = next((c for c in codes if c != -15), codes[0] if codes else None)
    if code is None:
        return RktError("helper-interrupted")
    return RktError("helper-signal", signal=-code) if code < 0 else RktError("helper-status", status=code)
