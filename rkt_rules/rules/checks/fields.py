"""The closed set of node fields a rule may name, and the checks on a single field.

Rules say ``field = "grade"``, never an attribute path: these accessors are
the only way a rule reads the plan, so a rule cannot reach Python internals.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Literal

from pydantic import field_validator

from ...vocabulary.patterns import compile_pattern
from . import Hit, Options, Site, check, goal_label


def _text(site: Site) -> str | None:
    """The visited node's own text: indicator, else goal, else the document's unit."""
    if site.indicator is not None:
        return site.indicator.text
    if site.goal is not None:
        return site.goal.text
    return site.document.unit if site.document is not None else None


def _signature(name: str) -> Callable[[Site], Any]:
    return lambda site: getattr(site.document.signature, name) if site.document is not None and site.document.signature is not None else None


def _target(name: str) -> Callable[[Site], Any]:
    return lambda site: getattr(site.indicator.target, name) if site.indicator is not None else None


FIELDS: dict[str, Callable[[Site], Any]] = {
    "text": _text,
    "indicator_text": lambda site: site.indicator.text if site.indicator is not None else None,
    "goal_text": lambda site: site.goal.text if site.goal is not None else None,
    "goal_number": lambda site: site.goal.number if site.goal is not None else None,
    "unit": lambda site: site.document.unit if site.document is not None else None,
    "title": lambda site: site.document.title if site.document is not None else None,
    "document_kind": lambda site: site.document.kind if site.document is not None else None,
    "fiscal_year": lambda site: site.document.fiscal_year if site.document is not None else None,
    "place": _signature("place"),
    "role": _signature("role"),
    "name": _signature("name"),
    "target_raw": _target("raw"),
    "target_kind": _target("kind"),
    "target_unit": _target("unit"),
    "grade": _target("grade"),
    "value": _target("value"),
    "unit_written": _target("unit_written"),
}
if TYPE_CHECKING:  # the names are FIELDS' keys; the type checker sees plain strings
    FieldName = str
else:
    FieldName = Literal[tuple(FIELDS)]


class OneOfOptions(Options):
    field: FieldName
    values: tuple[str | int | float | bool, ...]
    case_sensitive: bool = True


@check("one_of", OneOfOptions, visits=("document", "goal", "indicator"), placeholders=("value", "values"))
def one_of(sites: list[Site], options: OneOfOptions):
    """A field's value is one of the allowed values (grades A–E, a target of 0 or 100…)."""
    read, folded, allowed = FIELDS[options.field], not options.case_sensitive, options.values
    allowed_folded = tuple(str(v).casefold() for v in allowed)
    for site in sites:
        value = read(site)
        if value is not None and ((value.casefold() not in allowed_folded) if folded and isinstance(value, str) else (value not in allowed)):
            yield Hit({"value": value, "values": list(allowed)}, site)


class PatternOptions(Options):
    field: FieldName = "text"
    regex: str
    must: Literal["match", "not_match"] = "match"
    ignore_case: bool = True

    @field_validator("regex")
    @classmethod
    def _compiles(cls, regex: str) -> str:
        compile_pattern(regex)
        return regex


@check("pattern", PatternOptions, visits=("document", "goal", "indicator"), placeholders=("value", "matched"))
def pattern(sites: list[Site], options: PatternOptions):
    """A text field must (or must not) match a regular expression."""
    read, search, must_match = FIELDS[options.field], compile_pattern(options.regex, options.ignore_case).search, options.must == "match"
    for site in sites:
        value = read(site)
        if value is not None:
            found = search(str(value))
            if must_match != bool(found):
                yield Hit({"value": value, "matched": found.group(0) if found else ""}, site)


# Values every message may quote about the node a finding is on.
SITE_VALUES: dict[str, Callable[[Site], Any]] = {
    "target": lambda s: s.indicator.target.raw if s.indicator else None,
    "indicator": lambda s: s.indicator.text if s.indicator else None,
    "goal": lambda s: goal_label(s.document, s.goal),
    "goal_text": lambda s: s.goal.text if s.goal else None,
    "unit": lambda s: s.document.unit if s.document else None,
    "document_kind": lambda s: s.document.kind if s.document else None,
    "fiscal_year": lambda s: s.document.fiscal_year if s.document else None,
    "position": lambda s: s.position,
}
