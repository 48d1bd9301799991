"""Checking many files: in this process for a few, several processes for many.

Where the system can fork, this process forks ``jobs - 1`` helpers and works
beside them: every process takes the next chunk of file numbers from one pipe
(so a slow file never holds up the rest) and the helpers send their findings
back once, at the end. Nothing is sent out but chunk numbers, and plans never
cross a process boundary, so memory stays flat in the number of plans. Without
fork, a process pool does the same with paths. Results are gathered in input
order, and the report sorts them anyway, so the output is identical whatever
``--jobs`` is.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys

from .errors import RktError
from .findings import Finding

POOL_THRESHOLD = 16  # below this many files a pool costs more than it saves
CAN_FORK = hasattr(os, "fork")  # POSIX; elsewhere (Windows) a process pool

_engine = None
_today = None


def active_rules(rule_specs: list[str] | None, config=None) -> list:
    """The enabled rules of the named rulesets, after the project config's disable/severity."""
    from .config import ProjectConfig, apply_rule_settings
    from .ruleset import load_rulesets

    rules = apply_rule_settings(load_rulesets(rule_specs).rules, config or ProjectConfig.model_construct())
    return [rule for rule in rules if rule.enabled]


def _start_worker(rule_specs: list[str] | None, lang: str, config=None, today=None, limits=None) -> None:
    global _engine, _today
    from .engine import Engine
    from .readers.limits import configure

    if limits is not None:
        configure(limits)
    _engine, _today = Engine(active_rules(rule_specs, config), lang), today


def _check_one(path: str) -> tuple[list[Finding], list, RktError | None]:
    """Findings, those the plan's own [[suppress]] tables set aside, or the error."""
    from .readers import read_plan

    try:
        plan = read_plan(path)
        findings = _engine.check(plan)
    except RktError as error:
        return [], [], error
    if not plan.suppress:
        return findings, [], None
    from .gating import apply_suppressions, parse_suppressions

    kept, suppressed = apply_suppressions(findings, parse_suppressions(list(plan.suppress), path), _today)
    return kept, suppressed, None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Progress:
    """``checked 120/2000`` on stderr, only on a terminal and only for a real batch."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.shown = total > POOL_THRESHOLD and sys.stderr.isatty()

    def step(self, count: int = 1) -> None:
        before, self.done = self.done, min(self.total, self.done + count)
        if self.shown and self.done != before and (self.done // 50 != before // 50 or self.done == self.total):
            sys.stderr.write(f"\rchecked {self.done}/{self.total}")
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def check_paths(files: list[str], rule_specs: list[str] | None, lang: str, jobs: int, rules=None, config=None, today=None):
    """Yield (findings, suppressed, error) per file, in the order of ``files``.

    ``rules``, when the caller has loaded them already, serve this process and
    forked workers; workers of another start method load their own.
    """
    global _engine, _today
    import datetime as dt

    today = today or dt.date.today()
    progress = Progress(len(files))
    jobs = max(1, min(jobs, len(files)))
    if rules is None:
        _start_worker(rule_specs, lang, config, today)
    else:
        from .engine import Engine

        _engine, _today = Engine(rules, lang), today
    if jobs == 1 or len(files) < POOL_THRESHOLD:
        for path in files:
            yield _check_one(path)
            progress.step()
        return
    if CAN_FORK:  # helpers inherit the engine built above
        yield from _forked(files, jobs, progress)
        return
    from concurrent.futures import ProcessPoolExecutor  # here: a single-file check never pays for it
    from multiprocessing import get_context

    from .readers.limits import current

    context, initializer, initargs = get_context(), _start_worker, (rule_specs, lang, config, today, current())
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        for result in pool.map(_check_one, files, chunksize=chunk):
            yield result
            progress.step()


CHUNK = struct.Struct("=I")  # a chunk number in the work pipe: reads of 4 bytes from a pipe never interleave
MAX_CHUNKS = 8192  # 32 KB of chunk numbers: fits the pipe's buffer, so filling it never blocks


def _forked(files: list[str], jobs: int, progress: Progress):
    """Check ``files`` in this process and ``jobs - 1`` forked helpers; yield results in file order."""
    import gc

    size = max(1, -(-len(files) // min(jobs * 64, MAX_CHUNKS)))
    chunks = -(-len(files) // size)
    work_out, work_in = os.pipe()
    os.write(work_in, b"".join(CHUNK.pack(n) for n in range(chunks)))
    os.close(work_in)  # a drained pipe with no writer reads as end of file: no more work
    # Helpers report each file done with a byte, for the counter on a terminal; never blocking on it.
    ticks_out, ticks_in = os.pipe() if progress.shown else (None, None)
    gc.freeze()  # what is alive now lives on: not scanned again, and not copied into helpers by the collector
    helpers = []
    try:
        for _ in range(jobs - 1):
            result_out, result_in = os.pipe()
            pid = os.fork()
            if pid == 0:  # a helper: work, send everything back once, leave without running the parent's exit code
                status = 0
                try:
                    os.close(result_out)
                    if ticks_in is not None:
                        os.set_blocking(ticks_in, False)
                    done = {}
                    for index in _claimed(work_out, size, len(files)):
                        done[index] = _check_one(files[index])
                        if ticks_in is not None:
                            try:
                                os.write(ticks_in, b".")
                            except BlockingIOError:
                                pass  # a full pipe only loses a tick of the counter
                    with os.fdopen(result_in, "wb") as stream:
                        pickle.dump(done, stream, protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # a bug: the parent reports it and its traceback
                    import traceback

                    status = 70
                    sys.stderr.write(traceback.format_exc())
                finally:
                    os._exit(status)
            os.close(result_in)
            helpers.append((pid, result_out))
        if ticks_in is not None:
            os.close(ticks_in)
            os.set_blocking(ticks_out, False)
        results: dict[int, tuple] = {}
        for index in _claimed(work_out, size, len(files)):
            results[index] = _check_one(files[index])
            progress.step(1 + _ticks(ticks_out))
        for pid, result_out in helpers:
            with os.fdopen(result_out, "rb") as stream:
                data = stream.read()
            _, status = os.waitpid(pid, 0)
            if status != 0 or not data:
                raise RuntimeError(f"a helper process checking files failed (wait status {status})")
            results.update(pickle.loads(data))
            helpers = [(p, r) for p, r in helpers if p != pid]
        progress.step(len(files))  # whatever ticks were lost: all are done
    finally:
        gc.unfreeze()
        os.close(work_out)
        if ticks_out is not None:
            os.close(ticks_out)
        for pid, _ in helpers:  # interrupted or failed: leave no helper behind
            try:
                os.kill(pid, 15)
                os.waitpid(pid, 0)
            except OSError:
                pass
    for index in range(len(files)):
        yield results[index]


def _ticks(ticks_out: int | None) -> int:
    """Files the helpers have finished since last asked (0 when no counter is shown)."""
    if ticks_out is None:
        return 0
    try:
        return len(os.read(ticks_out, 1 << 16))
    except BlockingIOError:
        return 0


def _claimed(work_out: int, size: int, total: int):
    """File numbers of the chunks this process takes from the work pipe, until it is empty."""
    while True:
        data = os.read(work_out, CHUNK.size)
        if not data:
            return
        start = CHUNK.unpack(data)[0] * size
        yield from range(start, min(start + size, total))
