"""The library beneath the CLI: read a plan, load rules, check plans, get a Report.

This is the public API (``import rkt_rules``), and the one pipeline every caller
uses: the CLI's commands, the web page, a notebook or a batch job at a planning
portal. It never prints, never exits and never reads the working directory's
config by itself; what it cannot read it names in ``Report.errors``.

    import rkt_rules
    report = rkt_rules.check(["plans/"], rules=rkt_rules.load_rules("default"))
    for finding in report.findings:
        print(finding.code, finding.location.line, finding.message)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PlanError, RktError, UsageError
from .findings import Finding, Report

if TYPE_CHECKING:
    from .config import ProjectConfig
    from .model import Plan
    from .rules.ruleset import Ruleset

__all__ = ["read_plan", "load_rules", "check", "scan", "check_files", "check_date", "Settings", "NOT_A_PLAN"]


def read_plan(path: "str | os.PathLike[str]") -> "Plan":
    """Read one plan file of any supported format (text, TOML, PDF, DOCX, XLSX).

    Raises ``PlanError`` (one line, naming the file) when it cannot be read."""
    from .read import read_plan as read

    return read(os.fspath(path))


def load_rules(*names_or_paths: str | os.PathLike) -> "Ruleset":
    """The rulesets named (built-in names such as ``default`` and ``sakip``, or TOML
    files), merged in order; ``default`` when none is named.

    Raises ``RulesetError`` naming the file, line, rule and key of a mistake."""
    from .rules.ruleset import load_rulesets

    return load_rulesets([str(name) for name in names_or_paths] or None)


def check(paths_or_plans: "str | os.PathLike | Plan | Iterable[str | os.PathLike | Plan]", *, rules: "Ruleset | Iterable[str] | str | None" = None,
          config: "ProjectConfig | str | os.PathLike | None" = None, lang: str = "id", jobs: int = 1,
          today: dt.date | None = None) -> Report:
    """Check plan files, folders of them, or plans already read; return the Report.

    ``rules``: a Ruleset from ``load_rules``, names or paths of rulesets, or None for
    the config's rules or else ``default``. ``config``: a ProjectConfig, the path of
    an ``rkt-rules.toml``, or None for the defaults (the working directory is never
    searched). A file that cannot be read is in ``report.errors``, a file in a
    folder that is no plan in ``report.skipped``; the rest are still checked.
    ``today`` is the day signature dates are judged against (default: today)."""
    from .config import ProjectConfig, load_config
    from .model import Plan

    if lang not in ("id", "en"):
        raise UsageError("bad-lang", value=lang)
    if config is None:
        config = ProjectConfig.model_construct()
    elif not isinstance(config, ProjectConfig):
        config = load_config(Path(config))
    items = [paths_or_plans] if isinstance(paths_or_plans, (str, os.PathLike, Plan)) else list(paths_or_plans)
    plans = [item for item in items if isinstance(item, Plan)]
    paths = [os.fspath(item) for item in items if not isinstance(item, Plan)]
    specs, ruleset = _rule_choice(rules, config)
    settings = Settings(specs, lang, config.fail_on or "error", config.baseline, config, jobs, ruleset)
    from .vocabulary import extended

    files, scanned = scan(paths) if paths else ([], set())
    with extended(config.vocabulary or {}):  # the config's own terms hold for this check only
        report, errors = check_files(files, settings, with_plans=True, today=today, scanned=scanned, plans=plans)
    report.errors = errors
    return report


def _rule_choice(rules, config) -> tuple[list[str] | None, "Ruleset | None"]:
    """(names to load, or a Ruleset already loaded)."""
    from .rules.ruleset import Ruleset

    if isinstance(rules, Ruleset):
        return None, rules
    if isinstance(rules, (str, os.PathLike)):
        return [os.fspath(rules)], None
    if rules is not None:
        return [os.fspath(name) for name in rules], None
    return config.rules, None


# A file found in a folder that fails with one of these is no plan (a report, an unrelated
# file): it is skipped with a line saying so. Named on the command line, it is an error.
NOT_A_PLAN = frozenset({"no-plan-table", "report-columns", "report-title", "binary", "foreign-zip", "old-office", "empty-file"})


def scan(paths: list[str]) -> tuple[list[str], set[str]]:
    """(every file, those found by searching a folder rather than named), sorted and unique."""
    from .read import plan_files

    files: list[str] = []
    found_in_folders: set[str] = set()
    for path in paths:
        if not Path(path).exists():
            raise PlanError("no-such-path", path=path)
        found = plan_files(path)
        if Path(path).is_dir():
            if not found:
                raise PlanError("no-plan-files", path=path)
            found_in_folders.update(found)
        files += found
    named = {str(Path(p)) for p in paths if not Path(p).is_dir()}
    return sorted(set(files)), found_in_folders - named


def check_date() -> dt.date:
    """The day of the check: SOURCE_DATE_EPOCH where set (reproducible reports), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


@dataclass
class Settings:
    """What one run is asked to do, whoever asks (the CLI's flags and config, or a caller's arguments)."""

    rule_specs: list[str] | None
    lang: str
    fail_on: str
    baseline: str | None
    config: Any
    jobs: int
    ruleset: "Ruleset | None" = None  # rules a caller loaded already, instead of rule_specs
    sets: bool = True  # compare documents across files (plan sets); False: each file alone
    cache_dir: str | None = None  # keep each file's result there for the next run (rkt_rules.cache); None: no cache


def check_files(files: list[str], s: Settings, with_plans: bool = False, today: dt.date | None = None,
                scanned: "set[str] | frozenset[str]" = frozenset(), plans: "Iterable[Plan]" = ()) -> tuple[Report, list[RktError]]:
    """Check each file (and each plan already read); unreadable files are collected
    as errors, the rest still checked.

    A file of ``scanned`` (found in a folder, not named) that is no plan is set
    aside in ``report.skipped`` instead: a folder may hold other documents."""
    from .batch import active_rules, check_paths, check_plan, rules_after_config
    from .rules.gating import apply_baseline, apply_suppressions, parse_suppressions, read_baseline

    today = today or check_date()
    # invalid rules fail here, once, before any worker starts
    rules = rules_after_config(s.ruleset.rules, s.config) if s.ruleset is not None else active_rules(s.rule_specs, s.config)
    findings: list[Finding] = []
    suppressed: list = []
    errors: list[RktError] = []
    skipped: list[RktError] = []
    jobs = s.jobs if s.ruleset is None else _jobs_for_loaded_rules(s.jobs)
    hierarchy = getattr(s.config, "hierarchy", None) or {}
    cards: list = []
    cache = None
    if s.cache_dir:
        from .cache import Cache, fingerprint

        cache = Cache(s.cache_dir, fingerprint(rules, s.lang, s.config))
    for found, set_aside, error, more in check_paths(files, s.rule_specs, s.lang, jobs, rules, s.config, today, cache):
        findings += found
        suppressed += set_aside
        cards += more
        if error is not None:
            (skipped if error.path in scanned and error.key in NOT_A_PLAN else errors).append(error)
    given = list(plans)
    for plan in given:
        found, set_aside = check_plan(plan, rules, s.lang, today, hierarchy)
        findings += found
        suppressed += set_aside
    warnings: list[RktError] = []
    if s.sets and any(rule.visits == "set" for rule in rules):
        from .sets import cards_of, undeclared_units

        cards += [card for plan in given for card in cards_of(plan)]
        found, set_aside = _across_files(cards, rules, s.lang, hierarchy, today, {plan.path: plan for plan in given}, cache)
        findings += found
        suppressed += set_aside
        warnings = [RktError("hierarchy-unknown-unit", path=s.config.source, unit=unit) for unit in undeclared_units(hierarchy, cards)]
    if s.config.suppress:
        from .rules.gating import suppression_notes

        table = parse_suppressions(s.config.suppress, s.config.source)
        findings, more = apply_suppressions(findings, table, today)
        suppressed += more
        warnings += [RktError(f"suppression-{note}", path=s.config.source, rule=item.rule, expires=str(item.expires or ""))
                     for note, item in suppression_notes(findings, table, more, today,
                                                         {rule.code for rule in rules} | {rule.name for rule in rules}, files)]
    if s.baseline:
        from .rules.gating import stale_entries

        baseline = read_baseline(s.baseline)
        findings, more = apply_baseline(findings, baseline)
        suppressed += more
        stale = stale_entries(baseline, more, files)
        if stale:
            warnings.append(RktError("baseline-stale", path=s.baseline, count=stale))
    read = {}
    if with_plans:
        from .batch import read_cached as read_one

        failed = {e.path for e in errors + skipped}
        read = {path: read_one(path) for path in files if path not in failed}
        read.update((plan.path, plan) for plan in given)
    name = s.ruleset.name if s.ruleset is not None else "+".join(s.rule_specs or ["default"])
    report = Report(findings=findings, files=len(files) - len(errors) - len(skipped) + len(given), lang=s.lang, rules=rules,
                    suppressed=suppressed, plans=read, fail_on=s.fail_on, ruleset=name,
                    date=today.isoformat(), skipped=skipped, unreadable=len(errors), errors=errors, warnings=warnings)
    return report, errors


def _across_files(cards: list, rules: list, lang: str, hierarchy: dict[str, str], today: dt.date,
                  given: "dict[str, Plan]", cache=None) -> tuple[list[Finding], list]:
    """The comparisons of plan sets that span files: only the files they need are read again, and
    with a cache only the sets whose files changed are compared again."""
    from .batch import own_suppressions, read_cached as read
    from .rules.engine import Engine
    from .sets import run_sets

    engine = Engine([rule for rule in rules if rule.visits == "set"], lang, hierarchy)
    loaded: dict[str, "Plan"] = {}

    def load(path: str) -> "Plan":
        if path not in loaded:
            loaded[path] = given.get(path) or read(path)
        return loaded[path]

    by_path: dict[str, list[Finding]] = {}
    check_set = cache.remembered(engine.check_set) if cache is not None else engine.check_set
    for finding in run_sets(cards, hierarchy, check_set, load):
        by_path.setdefault(finding.location.path, []).append(finding)
    kept, suppressed = [], []
    for path, mine in sorted(by_path.items()):  # a TOML plan's own [[suppress]] holds for these findings too
        stay, gone = own_suppressions(load(path), mine, today)
        kept += stay
        suppressed += gone
    return kept, suppressed


def _jobs_for_loaded_rules(jobs: int) -> int:
    """Rules loaded by the caller reach forked helpers as they are; a process pool
    of another start method could only load rules by name, so the work stays here."""
    from .batch import CAN_FORK

    return jobs if CAN_FORK else 1
