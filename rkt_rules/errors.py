"""Every error rkt-rules raises on purpose, under one base class.

Third-party errors (pydantic, pint, TOML, decoding) are translated into these
at the boundary, so callers catch one type and the CLI prints one line. An
error names its message by key in the catalog (rkt_rules/locale, section
``error``) with the values it quotes; ``str(error)`` is the English line, and
``one_line(lang)`` the line in either language. A message that is no key (a
ruleset author's own field names, pydantic's wording) is kept as written.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Mapping
from typing import Any


class RktError(Exception):
    """Base class: something the user gave us is wrong, said in one line."""

    def __init__(self, key: str, /, *, path: str | Path | None = None, line: int | None = None, **values: Any):
        self.key, self.values = key, values
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = self.text("en")
        super().__init__(self.one_line())

    def text(self, lang: str) -> str:
        """The message alone, in ``lang``."""
        from .locale import has, say

        if has(f"error.{self.key}"):
            shown = {name: value.text(lang) if isinstance(value, RktError) else value for name, value in self.values.items()}
            return say(f"error.{self.key}", lang, **shown)
        return self.key

    def one_line(self, lang: str = "en") -> str:
        """``path:line: message`` on one line, in ``lang``."""
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + " ".join(self.text(lang).split())


class PlanError(RktError):
    """A plan file cannot be read: empty, binary, undecodable or holding no plan table."""


class RulesetError(RktError):
    """A ruleset is invalid: bad TOML, unknown key, check kind, option or placeholder."""


class UsageError(RktError):
    """The command line asks for something impossible (unknown format, output over an input)."""


class InstallError(RktError):
    """rkt-rules itself is broken (pint missing, a damaged data file): no plan is to blame."""


class HelperError(RktError):
    """A helper process of a batch stopped before sending its results (killed, interrupted, crashed)."""


class OutputClosed(Exception):
    """The reader of stdout went away (``check plans | head``) before the report ended.
    Not the user's mistake, so no RktError: the run's outcome, decided before
    writing, is still its exit code."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


# pydantic's error types, by what the field should have been (the catalog's ``kind-…`` words)
_KINDS = {"string_type": "text", "int_type": "int", "int_parsing": "int", "int_from_float": "int", "float_type": "number",
          "float_parsing": "number", "bool_type": "bool", "bool_parsing": "bool", "list_type": "list", "tuple_type": "list",
          "set_type": "list", "dict_type": "table", "model_type": "table", "model_attributes_type": "table",
          "date_type": "date", "date_parsing": "date", "date_from_datetime_parsing": "date"}
_LENGTHS = {"string_too_short": "field-min-chars", "string_too_long": "field-max-chars", "too_short": "field-min-items",
            "too_long": "field-max-items"}
_BOUNDS = {"greater_than_equal": "ge", "less_than_equal": "le", "greater_than": "gt", "less_than": "lt"}  # its ctx key too


def validation_problem(first: Mapping[str, Any]) -> "RktError | str":
    """What pydantic says of a field, in the catalog's words (pydantic speaks English only): required, an
    unknown key, one of a list, a type, a bound. A problem of our own validators keeps its text."""
    kind, context = first["type"], first.get("ctx") or {}
    if kind == "missing":
        return RktError("field-required")
    if kind == "extra_forbidden":
        return RktError("unknown-key")
    if kind in ("literal_error", "enum"):
        expected = str(context.get("expected", ""))
        head, _, last = expected.rpartition(" or ")  # pydantic's own English "or" before the last choice
        choices = RktError("or-list", items=head, last=last) if head else expected
        return RktError("field-one-of", expected=choices, got=repr(first.get("input")))
    if kind in _LENGTHS:
        return RktError(_LENGTHS[kind], limit=context.get("min_length", context.get("max_length", "")))
    if kind in _KINDS:
        return RktError("field-type", kind=RktError(f"kind-{_KINDS[kind]}"), got=repr(first.get("input")))
    if kind == "string_pattern_mismatch":
        return RktError("field-pattern", pattern=context.get("pattern", ""), got=repr(first.get("input")))
    if kind in _BOUNDS:
        bound = _BOUNDS[kind]
        return RktError(f"field-{bound}", limit=context.get(bound, ""))
    return str(first["msg"]).removeprefix("Value error, ")


def toml_error(error: Exception, path: str, kind: type[RktError]) -> RktError:
    """Translate a TOMLDecodeError, moving its ``(at line L, column C)`` into our location."""
    import re

    text = str(error)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", text)
    line = int(found.group(1)) if found else None
    message = text[: found.start()] + f" (column {found.group(2)})" if found else text
    return kind("invalid-toml", path=path, line=line, reason=message)
