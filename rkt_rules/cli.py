"""The command line: parse arguments, call the library, choose an exit code.

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage error,
unreadable input or invalid rules (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .errors import RktError

EXIT_OK, EXIT_ERROR = 0, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: one line, exit 2
        raise RktError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rkt-rules", description="Check Indonesian annual performance plans (RKT) against compliance rules.")
    parser.add_argument("--version", action="version", version=f"rkt-rules {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="check plans against rulesets and report findings")
    check.add_argument("paths", nargs="+", metavar="PATH", help="plan files or directories")
    check.add_argument("--format", default="text", help="text, json, sarif, junit, github, markdown, html or xlsx; several separated by commas (with --output)")
    check.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    _gating(check)
    check.add_argument("--write-baseline", metavar="FILE", help="write the findings as a baseline (keyed on plan entities, not lines)")
    check.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: all cores)")
    check.add_argument("--explain", action="store_true", help="instead of the report: per rule, the nodes visited and skipped, the values each finding compared, and what could not be evaluated")

    report = commands.add_parser("report", help="write html, md, xlsx and json reports for each plan")
    report.add_argument("paths", nargs="+", metavar="PATH")
    report.add_argument("--output-dir", required=True, metavar="DIR")
    _gating(report)
    report.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help=argparse.SUPPRESS)

    diff = commands.add_parser("diff", help="what changed between two versions of a plan, and which findings it brought")
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW")
    diff.add_argument("--format", default="text", choices=["text", "json", "markdown"])
    diff.add_argument("--output", metavar="FILE")
    _gating(diff)

    parse = commands.add_parser("parse", help="print the plan model read from a file")
    parse.add_argument("path", metavar="PATH")
    parse.add_argument("--format", default="json", choices=["json", "toml", "text"], help="json (the model), toml (plan as code) or text (the text layout)")
    parse.add_argument("--output", metavar="FILE")
    parse.add_argument("--lang", choices=["id", "en"], default=None, help="language of error messages (default: $RKT_RULES_LANG or id)")
    _limits(parse)

    convert = commands.add_parser("convert", help="convert a plan (text, TOML, PDF, DOCX, XLSX) to TOML or the text layout")
    convert.add_argument("source", metavar="IN")
    convert.add_argument("target", metavar="OUT", help="*.toml for the plan as code, *.txt for the text layout")
    convert.add_argument("--lang", choices=["id", "en"], default=None, help="language of error messages (default: $RKT_RULES_LANG or id)")
    _limits(convert)

    rules = commands.add_parser("rules", help="list, test, lint or document the rules",
                                description="list: the active rules; test: run every rule's examples and the ruleset's case files; "
                                            "lint: rules that can never fire, contradict each other or lack translations; docs: the Markdown reference")
    rules.add_argument("action", nargs="?", default="list", choices=["list", "test", "lint", "docs"])
    rules.add_argument("--output", metavar="FILE", help="with docs: write the reference here")
    rules.add_argument("--rules", action="append", metavar="FILE|NAME")
    rules.add_argument("--lang", choices=["id", "en"], default=None)
    rules.add_argument("--no-config", action="store_true", help="ignore rkt-rules.toml / [tool.rkt-rules]")

    explain = commands.add_parser("explain", help="print one rule's documentation")
    explain.add_argument("rule", metavar="NAME|CODE")
    explain.add_argument("--rules", action="append", metavar="FILE|NAME")
    explain.add_argument("--lang", choices=["id", "en"], default=None)
    explain.add_argument("--no-config", action="store_true", help="ignore rkt-rules.toml / [tool.rkt-rules]")
    return parser


def _gating(command) -> None:
    """Options shared by the commands that check plans."""
    command.add_argument("--rules", action="append", metavar="FILE|NAME", help="ruleset file or built-in name (repeatable; default: default)")
    command.add_argument("--fail-on", default=None, choices=["error", "warning", "info", "never"], help="lowest severity that makes the exit code 1 (default: error)")
    command.add_argument("--lang", choices=["id", "en"], default=None, help="language of messages (default: $RKT_RULES_LANG, the project config, or id)")
    command.add_argument("--baseline", metavar="FILE", help="report only findings not in this baseline")
    command.add_argument("--no-config", action="store_true", help="ignore rkt-rules.toml / [tool.rkt-rules]")
    _limits(command)


def _limits(command) -> None:
    """Caps on what a plan file may hold; a file over one fails with a one-line error."""
    from .readers.limits import Limits

    defaults = Limits()
    command.add_argument("--max-bytes", type=int, default=defaults.max_bytes, metavar="N", help=f"largest plan file read (default {defaults.max_bytes})")
    command.add_argument("--max-rows", type=int, default=defaults.max_rows, metavar="N", help=f"most table rows in a plan (default {defaults.max_rows})")
    command.add_argument("--max-cell", type=int, default=defaults.max_cell, metavar="N", help=f"longest cell in characters (default {defaults.max_cell})")


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
    try:
        args = build_parser().parse_args(argv)
        from . import commands

        if hasattr(args, "max_rows"):
            commands.configure_limits(args)
        return commands.run(args, getattr(args, "lang", None))
    except RktError as error:
        print(f"rkt-rules: error: {error.one_line(_error_language(argv))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rkt-rules: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
