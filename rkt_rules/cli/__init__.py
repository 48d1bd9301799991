"""The command line: parse arguments, call the library, choose an exit code.

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage error,
unreadable input or invalid rules (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..errors import OutputClosed, RktError

EXIT_OK, EXIT_ERROR = 0, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: one line, exit 2
        raise RktError(message)


def _speak(lang: str) -> None:
    """argparse says its own words (usage:, options, choose from) through gettext: give it the catalog's."""
    from ..locale import catalog

    words = catalog(lang)["argparse"]
    argparse._ = lambda text: words.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: words.get(one if n == 1 else many, one if n == 1 else many)  # type: ignore[attr-defined]


def _caching(command: argparse.ArgumentParser, h: dict) -> None:
    command.add_argument("--no-cache", action="store_true", help=h["no_cache"])
    command.add_argument("--cache-dir", metavar=h["m_dir"], help=h["cache_dir"])


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The command line, its help in ``lang`` (the catalog's [cli] and [argparse] sections)."""
    from ..locale import catalog

    _speak(lang)
    h = catalog(lang)["cli"]
    parser = _Parser(prog="rkt-rules", description=h["description"])
    parser.add_argument("--version", action="version", version=f"rkt-rules {__version__}", help=h["version"])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help=h["check"], description=h["check"])
    check.add_argument("paths", nargs="+", metavar=h["m_path"], help=h["paths"])
    check.add_argument("--format", default="text", help=h["format"])
    check.add_argument("--output", metavar=h["m_file"], help=h["output"])
    _gating(check, h)
    check.add_argument("--write-baseline", metavar=h["m_file"], help=h["write_baseline"])
    check.add_argument("--jobs", "-j", type=int, default=None, metavar=h["m_n"], help=h["jobs"])
    check.add_argument("--explain", action="store_true", help=h["explain"])
    check.add_argument("--no-sets", action="store_true", help=h["no_sets"])
    check.add_argument("--changed", nargs="+", metavar=h["m_file"], help=h["changed"])
    check.add_argument("--quiet", "-q", action="store_true", help=h["quiet"])
    _caching(check, h)

    hook = commands.add_parser("hook", help=h["hook"], description=h["hook"])
    hook.add_argument("files", nargs="*", metavar=h["m_file"], help=h["hook_files"])
    hook.add_argument("--root", default=".", metavar=h["m_dir"], help=h["hook_root"])
    _caching(hook, h)
    _gating(hook, h)

    report = commands.add_parser("report", help=h["report"], description=h["report"])
    report.add_argument("paths", nargs="+", metavar=h["m_path"], help=h["paths"])
    report.add_argument("--output-dir", required=True, metavar=h["m_dir"], help=h["output_dir"])
    report.add_argument("--responses", metavar=h["m_file"], help=h["responses"])
    _gating(report, h)
    report.add_argument("--no-sets", action="store_true", help=h["no_sets"])
    _caching(report, h)
    report.add_argument("--jobs", "-j", type=int, default=1, metavar=h["m_n"], help=argparse.SUPPRESS)

    diff = commands.add_parser("diff", help=h["diff"], description=h["diff"])
    diff.add_argument("old", metavar=h["m_old"])
    diff.add_argument("new", metavar=h["m_new"])
    diff.add_argument("--format", default="text", choices=["text", "json", "markdown"])
    diff.add_argument("--output", metavar=h["m_file"], help=h["output"])
    _gating(diff, h)

    parse = commands.add_parser("parse", help=h["parse"], description=h["parse"])
    parse.add_argument("path", metavar=h["m_path"])
    parse.add_argument("--format", default="json", choices=["json", "toml", "text"], help=h["parse_format"])
    parse.add_argument("--output", metavar=h["m_file"], help=h["output"])
    parse.add_argument("--lang", choices=["id", "en"], default=None, help=h["lang_errors"])
    _limits(parse, h)

    convert = commands.add_parser("convert", help=h["convert"], description=h["convert"])
    convert.add_argument("source", metavar=h["m_in"])
    convert.add_argument("target", metavar=h["m_out"], help=h["convert_target"])
    convert.add_argument("--lang", choices=["id", "en"], default=None, help=h["lang_errors"])
    _limits(convert, h)

    rules = commands.add_parser("rules", help=h["rules"], description=h["rules_description"])
    rules.add_argument("action", nargs="?", default="list", choices=["list", "test", "lint", "docs"])
    rules.add_argument("--output", metavar=h["m_file"], help=h["rules_output"])
    rules.add_argument("--rules", action="append", metavar=h["m_ruleset"], help=h["ruleset"])
    rules.add_argument("--lang", choices=["id", "en"], default=None, help=h["lang"])
    rules.add_argument("--no-config", action="store_true", help=h["no_config"])

    serve = commands.add_parser("serve", help=h["serve"], description=h["serve"])
    serve.add_argument("--host", default="127.0.0.1", metavar=h["m_host"], help=h["host"])
    serve.add_argument("--port", type=int, default=8000, metavar=h["m_n"], help=h["port"])
    serve.add_argument("--rules", action="append", metavar=h["m_ruleset"], help=h["ruleset"])
    serve.add_argument("--config", metavar=h["m_file"], help=h["config"])
    serve.add_argument("--lang", choices=["id", "en"], default=None, help=h["lang"])
    serve.add_argument("--token", metavar=h["m_token"], help=h["token"])
    serve.add_argument("--no-config", action="store_true", help=h["no_config"])
    _limits(serve, h)

    explain = commands.add_parser("explain", help=h["explain_rule"], description=h["explain_rule"])
    explain.add_argument("rule", metavar=h["m_rule"])
    explain.add_argument("--rules", action="append", metavar=h["m_ruleset"], help=h["ruleset"])
    explain.add_argument("--lang", choices=["id", "en"], default=None, help=h["lang"])
    explain.add_argument("--no-config", action="store_true", help=h["no_config"])
    return parser


def _gating(command, h: dict) -> None:
    """Options shared by the commands that check plans."""
    command.add_argument("--rules", action="append", metavar=h["m_ruleset"], help=h["ruleset"])
    command.add_argument("--fail-on", default=None, choices=["error", "warning", "info", "never"], help=h["fail_on"])
    command.add_argument("--lang", choices=["id", "en"], default=None, help=h["lang"])
    command.add_argument("--baseline", metavar=h["m_file"], help=h["baseline"])
    command.add_argument("--no-config", action="store_true", help=h["no_config"])
    _limits(command, h)


def _limits(command, h: dict) -> None:
    """Caps on what a plan file may hold; a file over one fails with a one-line error."""
    from ..read.limits import Limits

    defaults = Limits()
    command.add_argument("--max-bytes", type=int, default=defaults.max_bytes, metavar=h["m_n"], help=h["max_bytes"].format(default=defaults.max_bytes))
    command.add_argument("--max-rows", type=int, default=defaults.max_rows, metavar=h["m_n"], help=h["max_rows"].format(default=defaults.max_rows))
    command.add_argument("--max-cell", type=int, default=defaults.max_cell, metavar=h["m_n"], help=h["max_cell"].format(default=defaults.max_cell))
    command.add_argument("--max-seconds", type=float, default=defaults.max_seconds, metavar=h["m_n"],
                         help=h["max_seconds"].format(default=int(defaults.max_seconds)))


def _error_language(argv: list[str] | None) -> str:
    """The language for an error line, even when the arguments did not parse."""
    import os

    words = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(words):
        if word == "--lang" and index + 1 < len(words) and words[index + 1] in ("id", "en"):
            return words[index + 1]
        if word in ("--lang=id", "--lang=en"):
            return word[-2:]
    chosen = os.environ.get("RKT_RULES_LANG", "id")
    return chosen if chosen in ("id", "en") else "id"


def main(argv: list[str] | None = None) -> int:
    from ..locale import say

    lang = _error_language(argv)
    import warnings

    # A library's warning about a damaged file (openpyxl, python-docx, pdfminer) would be a second line on
    # stderr: what the run could not read is said as a finding or a diagnostic, never as a Python warning.
    warnings.simplefilter("ignore")
    try:
        args = build_parser(lang).parse_args(argv)
        from . import commands

        if hasattr(args, "max_rows"):
            commands.configure_limits(args)
        return commands.run(args, getattr(args, "lang", None))
    except RktError as error:
        print(say("cli.prefix_error", lang) + error.one_line(lang), file=sys.stderr)
        if argv is None and error.key.startswith("helper-"):  # the program itself, not a caller of main()
            _end_after_broken_helpers()
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(say("cli.interrupted", lang), file=sys.stderr)
        return 130
    except OutputClosed as closed:
        _silence_stdout()
        return closed.code
    except BrokenPipeError:  # a listing (parse, rules) whose reader had enough
        _silence_stdout()
        return EXIT_OK


def _end_after_broken_helpers() -> None:
    """A helper process was killed and the one line is said: end now. Python's own exit would run the
    process pool's exit hook, which wakes a pipe the dead pool already closed and prints a traceback of
    its own (CPython's concurrent.futures); nothing is left to write."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_ERROR)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's flush at exit does not print a
    second BrokenPipeError over the one already handled."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (embedding, tests)
        pass
