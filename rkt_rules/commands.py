"""The commands behind the CLI: check, rules, explain. Each returns an exit code."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import PlanError, RktError, UsageError
from .findings import Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def expand(paths: list[str]) -> list[str]:
    """Files named on the command line, directories searched for plans; sorted and unique."""
    from .readers import plan_files

    files: list[str] = []
    for path in paths:
        if not Path(path).exists():
            raise PlanError("no such file or directory", path=path)
        found = plan_files(path)
        if Path(path).is_dir() and not found:
            raise PlanError("directory holds no plan files (*.txt, *.toml)", path=path)
        files += found
    return sorted(set(files))


def check_files(files: list[str], rule_specs: list[str] | None, lang: str, jobs: int = 1, rules=None) -> tuple[Report, list[RktError]]:
    """Check each file; unreadable ones are collected as errors, the rest still checked."""
    from .batch import check_paths

    findings, errors = [], []
    for found, error in check_paths(files, rule_specs, lang, jobs, rules):
        findings += found
        if error is not None:
            errors.append(error)
    return Report(findings=findings, files=len(files) - len(errors), lang=lang), errors


def run_check(args, lang: str) -> int:
    from .batch import default_jobs
    from .formats import formatter
    from .output import emit, refuse_overwriting_inputs
    from .ruleset import load_rulesets

    render = formatter(args.format)
    files = expand(args.paths)
    refuse_overwriting_inputs(args.output, list(args.paths) + files)
    rules = load_rulesets(args.rules).enabled()  # invalid rules fail here, once, before any worker starts
    report, errors = check_files(files, args.rules, lang, args.jobs or default_jobs(), rules)
    colour = args.format == "text" and args.output is None and sys.stdout.isatty()
    emit(render(report, colour=colour), args.output)
    for error in errors:
        print(f"rkt-rules: error: {error.one_line()}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.fails(args.fail_on) else EXIT_OK


def run_rules(args, lang: str) -> int:
    from .ruleset import load_rulesets

    ruleset = load_rulesets(args.rules)
    width = max((len(r.name) for r in ruleset.rules), default=0)
    for rule in ruleset.rules:
        state = "" if rule.enabled else (" (nonaktif)" if lang == "id" else " (disabled)")
        print(f"{rule.code}  {rule.name:<{width}}  {rule.severity:<7}  {rule.visits:<9}  {rule.spec.summary}{state}")
    return EXIT_OK


def explain_text(rule, lang: str) -> str:
    spec = rule.spec
    heading = {"id": ("Pemeriksaan", "Mengapa", "Dasar", "Pesan", "Contoh yang melanggar", "Contoh yang lolos", "Opsi"),
               "en": ("Checks", "Why", "Reference", "Message", "Failing example", "Passing example", "Options")}[lang]
    lines = [f"{spec.code} {spec.name} ({rule.severity}, visits {spec.visits}, check {spec.check})", "",
             f"{heading[0]}: {spec.summary}", f"{heading[1]}: {spec.why}", f"{heading[2]}: {spec.reference}",
             f"{heading[3]}: {spec.message.id if lang == 'id' else spec.message.en}"]
    if spec.options:
        lines.append(f"{heading[6]}: " + ", ".join(f"{k} = {v!r}" for k, v in spec.options.items()))
    for title, examples in ((heading[4], spec.examples.fail), (heading[5], spec.examples.pass_)):
        lines += ["", f"{title}:"] + ["    " + line.replace("\t", "  →  ") for example in examples for line in example.strip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def run_explain(args, lang: str) -> int:
    from .ruleset import load_rulesets

    ruleset = load_rulesets(args.rules)
    rule = ruleset.find(args.rule)
    if rule is None:
        raise UsageError(f"no rule named {args.rule!r}; see 'rkt-rules rules'")
    sys.stdout.write(explain_text(rule, lang))
    return EXIT_OK


COMMANDS = {"check": run_check, "rules": run_rules, "explain": run_explain}


def run(args, lang: str) -> int:
    return COMMANDS[args.command](args, lang)
