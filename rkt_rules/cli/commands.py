"""The commands behind the CLI: check, report, diff, rules, explain. Each returns an exit code.

Settings come from three places, in this order of precedence: command-line
flags, the project config (rkt-rules.toml or [tool.rkt-rules]), built-in
defaults.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..api import Settings, check_files, scan
from ..errors import OutputClosed, RktError, UsageError
from ..findings import Report
from ..locale import say

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PLAN_FORMATS = frozenset({"html", "markdown", "xlsx", "junit"})  # formats that show the plan or its documents


def settings(args, lang_flag: str | None) -> Settings:
    from ..batch import default_jobs
    from ..cache import DEFAULT_DIR
    from ..config import find_config, load_config

    config = load_config(None if getattr(args, "no_config", False) else find_config())
    if config.vocabulary:  # the project's own terms, for this process's run
        from ..vocabulary import extend

        extend(config.vocabulary)
    env_lang = os.environ.get("RKT_RULES_LANG")
    if env_lang is not None and env_lang not in ("id", "en"):
        raise UsageError("bad-lang", value=env_lang)
    return Settings(
        rule_specs=getattr(args, "rules", None) or config.rules,
        lang=lang_flag or env_lang or config.lang or "id",
        fail_on=getattr(args, "fail_on", None) or config.fail_on or "error",
        baseline=getattr(args, "baseline", None) or config.baseline,
        config=config,
        jobs=getattr(args, "jobs", None) or default_jobs(),
        sets=not getattr(args, "no_sets", False),
        cache_dir=None if getattr(args, "no_cache", True) else (getattr(args, "cache_dir", None) or DEFAULT_DIR),
    )


def _print_errors(errors: list[RktError], lang: str, skipped: "list[RktError] | tuple[()]" = (), warnings: "list[RktError] | tuple[()]" = ()) -> None:
    from ..locale import say

    for error in skipped:  # not errors: a folder's other documents, each named with why
        print("rkt-rules: " + (error.path or "") + ": " + say("error.skipped-not-plan", lang, reason=error.text(lang)), file=sys.stderr)
    for warning in warnings:  # about the run, not a file: a [hierarchy] naming a unit no document has
        print(say("cli.prefix_warning", lang) + warning.one_line(lang), file=sys.stderr)
    for error in errors:
        print(say("cli.prefix_error", lang) + error.one_line(lang), file=sys.stderr)


def _nothing_checked(report: Report, paths: list[str]) -> RktError | None:
    """A run whose every file was skipped or unreadable checked nothing: that is an error too."""
    if report.files == 0 and report.skipped:
        return UsageError("nothing-checked", paths=", ".join(paths))
    return None


def run_check(args, lang: str | None) -> int:
    from ..report.formats import FORMATS, formatter
    from ..report.output import emit, refuse_overwriting_inputs

    s = settings(args, lang)
    if args.write_baseline:  # a refresh keeps every current finding, whatever baseline is active (or missing yet)
        s = replace(s, baseline=None)
    formats = [name.strip() for name in args.format.split(",")]
    renderers = [formatter(name) for name in formats]
    if len(formats) > 1 and not args.output:
        raise UsageError("several-formats")
    if not args.output and FORMATS[formats[0]].binary and _terminal():
        raise UsageError("binary-to-terminal", format=formats[0])
    files, scanned = scan(args.paths)
    outputs = [args.output] if len(formats) == 1 else [str(Path(args.output).with_suffix(FORMATS[f].suffix)) for f in formats]
    for output in [*outputs, args.write_baseline]:
        refuse_overwriting_inputs(output, list(args.paths) + files + _given_files(s))
    if args.explain:
        text, failing = run_explain_check(files, s)
        with outcome_kept(EXIT_FINDINGS if failing else EXIT_OK):
            emit(text, args.output)
        return EXIT_FINDINGS if failing else EXIT_OK
    quiet = getattr(args, "quiet", False)  # the findings only: no summary, nothing set aside, no warning (errors still)
    report, errors = check_files(files, s, with_plans=bool(PLAN_FORMATS & set(formats)), scanned=scanned)
    if getattr(args, "changed", None):
        errors = _only_changed(report, errors, args.changed, files)
    nothing = _nothing_checked(report, args.paths)
    if nothing is not None:
        _print_errors(errors, s.lang, report.skipped)
        raise nothing
    if args.write_baseline:
        from ..rules.gating import apply_baseline, read_baseline, write_baseline
        from ..report.output import write_atomic

        write_atomic(args.write_baseline, write_baseline(report.findings))
        report.findings, accepted = apply_baseline(report.findings, read_baseline(args.write_baseline))
        report.suppressed = [*report.suppressed, *accepted]  # the run that writes it reports under it, as the next run will
    code = EXIT_ERROR if errors else EXIT_FINDINGS if report.fails(s.fail_on) else EXIT_OK
    try:
        with outcome_kept(code):
            for name, render, output in zip(formats, renderers, outputs):
                colour = name == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
                emit(render(report, colour=colour, quiet=quiet), output)
            if "github" in formats and os.environ.get("GITHUB_STEP_SUMMARY"):
                _job_summary(report, os.environ["GITHUB_STEP_SUMMARY"])
    finally:
        _print_errors(errors, s.lang, () if quiet else report.skipped, () if quiet else report.warnings)
    return code


SUMMARY_LIMIT = 1_000_000  # GitHub shows a job summary up to 1 MiB


def _job_summary(report: Report, path: str) -> None:
    """The Markdown report added to the GitHub Actions job summary (appended: other steps write there too)."""
    from ..report.formats import render

    text = str(render(report, "markdown"))
    data = text.encode("utf-8")
    if len(data) > SUMMARY_LIMIT:
        from ..locale import say

        note = "\n\n" + say("cli.summary_cut", report.lang) + "\n"
        data = data[: SUMMARY_LIMIT - len(note.encode())].decode("utf-8", "ignore").encode("utf-8") + note.encode()
    try:
        with open(path, "ab") as handle:
            handle.write(data)
    except OSError as error:
        raise UsageError("cannot-write", reason=f"{path}: {error.strerror or error}") from None


def _only_changed(report: Report, errors: list[RktError], changed: list[str], files: list[str]) -> list[RktError]:
    """The report cut to the changed files: their findings, and a set's findings drawn from them (a finding
    on another document that names a changed one). A changed file that is no plan of the run (the config, the
    baseline, a rule file) may change every finding: then nothing is cut."""
    def key(path: str | None) -> str:
        return os.path.realpath(path) if path else ""

    plans = {key(path) for path in files} - {key(error.path) for error in report.skipped}
    if any(key(path) not in plans for path in changed if Path(path).suffix.lower() in (".toml", ".json")):
        return errors
    wanted = {key(path) for path in changed}

    def about(finding) -> bool:
        other = finding.evidence.get("other_path") if isinstance(finding.evidence, dict) else None
        return key(finding.location.path) in wanted or (other is not None and key(other) in wanted)

    report.findings = [f for f in report.findings if about(f)]
    report.suppressed = [s for s in report.suppressed if about(s.finding)]
    return [error for error in errors if key(error.path) in wanted]


def run_hook(args, lang: str | None) -> int:
    """``check ROOT --changed FILES`` in one process: what the pre-commit hook runs, so that the plan sets it
    checks are the ones CI checks (pre-commit would otherwise split the staged files over processes)."""
    args.paths, args.changed = [args.root], list(args.files) or None
    args.format, args.output, args.write_baseline, args.jobs, args.explain, args.no_sets = "text", None, None, None, False, False
    if not args.files:
        return EXIT_OK  # nothing staged that the hook looks at
    return run_check(args, lang)


def _given_files(s: Settings) -> list[str]:
    """The files a run reads besides its plans (the project config, rule files, the baseline): never an output."""
    given = [spec for spec in (s.rule_specs or []) if os.path.isfile(spec)]
    source = getattr(s.config, "source", None)
    if source:
        given.append(str(source))
    if s.baseline:
        given.append(s.baseline)
    return given


@contextmanager
def outcome_kept(code: int):
    """A closed stdout ends the writing, not the verdict: ``check | head`` under
    ``pipefail`` still fails on a failing plan."""
    try:
        yield
    except BrokenPipeError:
        raise OutputClosed(code) from None


def _terminal() -> bool:
    return sys.stdout.isatty()


def run_report(args, lang: str | None) -> int:
    """html, md, xlsx and json for each plan into one folder, named by its path below the inputs'
    common folder (two plan.txt never share a report), and an index.html when there are several."""
    from ..report.formats import render
    from ..report.output import made_by_us, refuse_overwriting_inputs, write_atomic

    s = settings(args, lang)
    files, scanned = scan(args.paths)
    out = Path(args.output_dir)
    answers = {}
    if getattr(args, "responses", None):
        from ..report.worksheet import read_answers

        answers = read_answers(args.responses)
    names = report_names(files)
    targets = [out / (name + suffix) for name in names.values() for suffix in (".html", ".md", ".xlsx", ".json")]
    for target in [*targets, out / "index.html"]:  # before anything is written: all or nothing
        if target.is_file() and not made_by_us(target):
            raise UsageError("report-over-user-file", file=str(target))
    written, failing, rows = [], False, []
    whole, all_errors = check_files(files, s, with_plans=True, scanned=scanned)  # one run: plan sets span the files
    skipped = whole.skipped
    for path in files:
        if path not in whole.plans:
            continue
        report = whole.of_file(path)
        report.answers = answers
        failing |= report.fails(s.fail_on)
        for name, suffix in (("html", ".html"), ("markdown", ".md"), ("xlsx", ".xlsx"), ("json", ".json")):
            target = out / (names[path] + suffix)
            refuse_overwriting_inputs(str(target), files + ([args.responses] if getattr(args, "responses", None) else []))
            write_atomic(str(target), render(report, name))
            written.append(str(target))
        rows.append((path, names[path], report.summary()))
    if len(rows) > 1:
        from ..report.formats.index import render_index

        target = out / "index.html"
        refuse_overwriting_inputs(str(target), files)
        write_atomic(str(target), render_index(rows, s.lang))
        written.append(str(target))
    code = EXIT_ERROR if all_errors else EXIT_FINDINGS if failing else EXIT_OK
    try:
        with outcome_kept(code):
            for name in written:
                print(name, flush=True)
    finally:
        _print_errors(all_errors, s.lang, skipped, whole.warnings)
    if not rows and skipped and not all_errors:
        raise UsageError("nothing-checked", paths=", ".join(args.paths))
    return code


def report_names(files: list[str]) -> dict[str, str]:
    """Each file's report name: its path below the files' common folder, without suffix
    (``a/plan``, ``b/plan``); a lone file is named by its stem."""
    import os.path

    if len(files) == 1:
        return {files[0]: Path(files[0]).stem}
    common = os.path.commonpath([str(Path(f).resolve().parent) for f in files])
    names = {}
    for path in files:
        relative = Path(os.path.relpath(Path(path).resolve(), common))
        names[path] = str(relative.with_suffix("")) if relative.suffix else str(relative)
    taken: dict[str, str] = {}
    for path in sorted(names):  # a.txt and a.docx in one folder: the suffix tells them apart
        if names[path] in taken:
            names[path] = names[path] + "-" + Path(path).suffix.lstrip(".")
        taken[names[path]] = path
    return names


def run_diff(args, lang: str | None) -> int:
    from ..diff import diff_plans, render_diff
    from ..report.output import emit, refuse_overwriting_inputs

    s = settings(args, lang)
    refuse_overwriting_inputs(args.output, [args.old, args.new, *_given_files(s)])
    result = diff_plans(args.old, args.new, s)
    code = EXIT_FINDINGS if result.introduces(s.fail_on) else EXIT_OK
    with outcome_kept(code):
        emit(render_diff(result, args.format, s.lang), args.output)
    return code


def run_rules(args, lang: str | None) -> int:
    from ..config import apply_rule_settings
    from ..rules.ruleset import load_rulesets

    s = settings(args, lang)
    if args.action != "list":
        return _rules_tool(args, s)

    rules = load_rulesets(s.rule_specs).rules
    active = {rule.code for rule in apply_rule_settings(rules, s.config) if rule.enabled}
    width = max((len(r.name) for r in rules), default=0)
    for rule in rules:
        state = "" if rule.code in active else " " + say("words.disabled", s.lang)
        lke = f"  [LKE {', '.join(rule.spec.lke)}]" if rule.spec.lke else ""
        print(f"{rule.code}  {rule.name:<{width}}  {say('severity.' + rule.severity, s.lang):<10}  {rule.visits:<9}  {rule.spec.summary(s.lang)}{lke}{state}")
    return EXIT_OK


def _rules_tool(args, s: Settings) -> int:
    from ..rules import authoring
    from ..batch import active_rules
    from ..report.output import emit
    from ..rules.ruleset import load_rulesets

    ruleset = load_rulesets(s.rule_specs)
    if args.action == "docs":
        emit(authoring.docs(ruleset, s.lang), args.output)
        return EXIT_OK
    if args.action == "lint":
        problems = authoring.lint(ruleset.rules)
        for problem in problems:
            print(problem)
        print(say("cli.lint_summary", s.lang, count=len(problems), rules=len(ruleset.rules),
                  problem_word=say("cli.problem" if len(problems) == 1 else "cli.problems", s.lang)))
        return EXIT_FINDINGS if problems else EXIT_OK
    rules = active_rules(s.rule_specs, s.config)
    outcomes = authoring.run_examples(rules) + authoring.run_cases(ruleset, rules)
    sys.stdout.write(authoring.format_outcomes(outcomes))
    return EXIT_FINDINGS if any(not o.passed for o in outcomes) else EXIT_OK


def run_explain_check(files: list[str], s: Settings) -> tuple[str, bool]:
    """The --explain trace of a check: run in this process, rule by rule."""
    from ..batch import active_rules
    from ..rules.explain import ExplainingEngine
    from ..read import read_plan

    hierarchy = s.config.hierarchy or {}
    engine = ExplainingEngine(active_rules(s.rule_specs, s.config), s.lang, hierarchy)
    failing = False
    plans = {}
    for path in files:
        plan = plans[path] = read_plan(path)
        failing |= Report(engine.check(plan), 1).fails(s.fail_on)
    if not (s.sets and engine.compares_sets):
        return engine.render(), failing
    from ..sets import cards_of, describe, run_sets

    cards = [card for plan in plans.values() for card in cards_of(plan)]
    failing |= Report(run_sets(cards, hierarchy, engine.check_set, plans.__getitem__), 1).fails(s.fail_on)
    return "\n".join([say("explain.sets", s.lang), *describe(cards, hierarchy, s.lang), ""]) + engine.render(), failing


def explain_text(rule, lang: str) -> str:
    from ..locale import entry

    spec = rule.spec
    heading = entry("explain.headings", lang)
    lines = [say("explain.header", lang, code=spec.code, name=spec.name, severity=say(f"severity.{rule.severity}", lang),
                 visits=spec.visits, check=spec.check), "",
             f"{heading[0]}: {spec.summary(lang)}", f"{heading[1]}: {spec.why(lang)}", f"{heading[2]}: {spec.grounds()}",
             f"{heading[3]}: {spec.message(lang)}"]
    if spec.lke:
        lines.append(f"{heading[7]}: {', '.join(spec.lke)}")
    if spec.options:
        lines.append(f"{heading[6]}: " + ", ".join(f"{k} = {v!r}" for k, v in spec.options.items()))
    for title, examples in ((heading[4], spec.examples.fail), (heading[5], spec.examples.pass_)):
        lines += ["", f"{title}:"] + ["    " + line.replace("\t", "  →  ") for example in examples for line in example.strip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def run_explain(args, lang: str | None) -> int:
    from ..rules.ruleset import load_rulesets

    s = settings(args, lang)
    rule = load_rulesets(s.rule_specs).find(args.rule)
    if rule is None:
        raise UsageError("no-rule", name=args.rule)
    sys.stdout.write(explain_text(rule, s.lang))
    return EXIT_OK


def configure_limits(args) -> None:
    from ..read.limits import Limits, configure

    values = (args.max_bytes, args.max_rows, args.max_cell)
    if min(values) < 1:
        raise UsageError("limits-positive")
    seconds = getattr(args, "max_seconds", Limits().max_seconds)
    if not seconds > 0:
        raise UsageError("seconds-positive")
    configure(Limits(*values, max_seconds=seconds))


def run_parse(args, lang: str | None) -> int:
    from ..report.output import emit, refuse_overwriting_inputs
    from ..read import read_plan

    settings(args, lang)  # the project's [vocabulary] reads its layouts here too
    refuse_overwriting_inputs(args.output, [args.path])
    plan = read_plan(args.path)
    if args.format == "toml":
        from ..report.writers.toml_plan import plan_to_toml

        text = plan_to_toml(plan)
    elif args.format == "text":
        from ..report.writers.text_layout import plan_to_text

        text = plan_to_text(plan)
    else:
        from ..report.serialize import plan_to_json

        text = plan_to_json(plan)
    emit(text, args.output)
    return EXIT_OK


def run_convert(args, lang: str | None) -> int:
    from ..report.output import refuse_overwriting_inputs, write_atomic
    from ..read import read_plan

    suffix = args.target.rsplit(".", 1)[-1].lower() if "." in args.target else ""
    if suffix not in ("toml", "txt"):
        raise UsageError("convert-target", target=args.target)
    settings(args, lang)
    refuse_overwriting_inputs(args.target, [args.source])
    plan = read_plan(args.source)
    if suffix == "toml":
        from ..report.writers.toml_plan import plan_to_toml

        write_atomic(args.target, plan_to_toml(plan))
    else:
        from ..report.writers.text_layout import plan_to_text

        write_atomic(args.target, plan_to_text(plan))
    return EXIT_OK


def run_serve(args, lang: str | None) -> int:
    """The reviewer's page on ``--host``:``--port`` until Ctrl-C; a host other than loopback needs ``--token``."""
    import ipaddress

    from ..config import find_config, load_config

    host = args.host
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not args.token:
        raise UsageError("serve-token-needed", host=host)
    if not 0 <= args.port <= 65535:
        raise UsageError("bad-port", value=args.port)
    missing = [name for name in ("starlette", "uvicorn", "multipart") if not _installed(name)]
    if missing:
        from ..errors import InstallError

        raise InstallError("web-missing", missing=", ".join(missing))
    from pathlib import Path

    config = load_config(Path(args.config) if args.config else (None if args.no_config else find_config()))
    chosen = lang or os.environ.get("RKT_RULES_LANG") or config.lang or "id"
    if chosen not in ("id", "en"):
        raise UsageError("bad-lang", value=chosen)
    _port_free(host, args.port)
    import uvicorn

    from ..web.app import create_app

    hosts = None if args.token else frozenset({"localhost", "127.0.0.1", "::1", host.strip("[]").lower()})
    app = create_app(args.rules, config, chosen, args.token, hosts)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{args.port}/" + (f"?token={args.token}" if args.token else "")
    print(say("web.serving", chosen, url=url), flush=True)
    from ..web.protocol import BoundedH11Protocol

    uvicorn.run(app, host=host, port=args.port, log_level="warning", http=BoundedH11Protocol)
    return EXIT_OK


def _port_free(host: str, port: int) -> None:
    """A port another program holds is one line, before the server starts (uvicorn would log and exit 1)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UsageError("serve-port", host=host, port=port, reason=error.strerror or str(error)) from None


def _installed(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


COMMANDS = {"hook": run_hook, "serve": run_serve, "parse": run_parse, "convert": run_convert, "check": run_check, "report": run_report, "diff": run_diff, "rules": run_rules, "explain": run_explain}


def run(args, lang: str | None) -> int:
    return COMMANDS[args.command](args, lang)
