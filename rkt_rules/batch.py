"""Checking many files: in this process for a few, several processes for many.

Where the system can fork, this process works beside forked helpers
(rkt_rules.forked); elsewhere a process pool is sent paths. Either way plans
never cross a process boundary, only paths out and findings back, so memory
stays flat in the number of plans. Results are gathered in input order, and
the report sorts them anyway, so the output is identical whatever ``--jobs`` is.
"""

from __future__ import annotations

import os
import sys

from .errors import InstallError, RktError
from .findings import Finding

PARALLEL_THRESHOLD = 16  # below this many files, other processes cost more than they save
CAN_FORK = hasattr(os, "fork")  # POSIX; elsewhere (Windows) a process pool

_engine = None
_today = None


def active_rules(rule_specs: list[str] | None, config=None) -> list:
    """The enabled rules of the named rulesets, after the project config's disable/severity."""
    from .ruleset import load_rulesets

    return rules_after_config(load_rulesets(rule_specs).rules, config)


def rules_after_config(rules: list, config=None) -> list:
    """The enabled ones of ``rules``, after the project config's disable/severity."""
    from .config import ProjectConfig, apply_rule_settings

    return [rule for rule in apply_rule_settings(rules, config or ProjectConfig.model_construct()) if rule.enabled]


def check_plan(plan, rules: list, lang: str, today) -> tuple[list[Finding], list]:
    """A plan already read (by a caller of the library): its findings, and those its own
    [[suppress]] tables set aside."""
    from .engine import Engine

    findings = Engine(rules, lang).check(plan)
    if not plan.suppress:
        return findings, []
    from .gating import apply_suppressions, parse_suppressions

    return apply_suppressions(findings, parse_suppressions(list(plan.suppress), plan.path), today)


def _start_worker(rule_specs: list[str] | None, lang: str, config=None, today=None, limits=None) -> None:
    global _engine, _today
    from .engine import Engine
    from .readers.limits import configure

    if limits is not None:
        configure(limits)
    if config is not None and config.vocabulary:  # a worker of another start method: the project's terms again
        from .vocabulary import extend

        extend(config.vocabulary)
    _engine, _today = Engine(active_rules(rule_specs, config), lang), today


def _check_one(path: str) -> tuple[list[Finding], list, RktError | None]:
    """Findings, those the plan's own [[suppress]] tables set aside, or the error."""
    from .readers import read_plan

    assert _engine is not None and _today is not None, "a worker checks files only once started"
    try:
        plan = read_plan(path)
        findings = _engine.check(plan)
    except InstallError:
        raise  # not this file's fault: the run stops
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


def check_paths(files: list[str], rule_specs: list[str] | None, lang: str, jobs: int, rules=None, config=None, today=None):
    """Yield (findings, suppressed, error) per file, in the order of ``files``.

    ``rules``, when the caller has loaded them already, serve this process and
    forked workers; workers of another start method load their own.
    """
    global _engine, _today
    import datetime as dt

    today = today or dt.date.today()
    progress = Progress(len(files), lang)
    jobs = max(1, min(jobs, len(files)))
    if rules is None:
        _start_worker(rule_specs, lang, config, today)
    else:
        from .engine import Engine

        _engine, _today = Engine(rules, lang), today
    if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
        for path in files:
            yield _check_one(path)
            progress.step()
        return
    if CAN_FORK:  # helpers inherit the engine built above
        from .forked import check_with_helpers

        yield from check_with_helpers(files, jobs, progress, _check_one)
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
