"""Reader for a plan in the JSON that ``parse --format json`` writes (schemas/plan.schema.json).

The input a portal or an e-SAKIP export holds, and what the peer engines are given: no layout to
recognise, so a check starts at the model. Everything is validated as a TOML plan is (a JSON file is
written by programs, but not necessarily by ours), and the first thing wrong is one line naming its
key. A target may be given as the text written (``"85%"``, ``"2 Lap"``): it is then read as the text
reader reads a target cell, so a portal need not know the model's target fields. Lines and cells are
kept as the JSON gives them: they point into the source the JSON was made from.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from ..errors import PlanError, validation_problem
from ..model import Plan
from .limits import current as limits, longest_over, rows_in
from .targets import read_cell

# How a plan's JSON begins, as ``parse --format json`` writes it (or with ``documents`` first): what tells a
# plan from the other JSON files a folder of plans holds (a baseline, a report) without reading them whole.
_PLAN_START = re.compile(rb'\A\s*\{\s*(?:"schema_version"\s*:\s*[12]\s*,\s*)?(?:"path"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*)?"documents"\s*:')


def looks_like_plan_json(head: bytes) -> bool:
    """The first bytes of a file begin a plan's JSON."""
    return _PLAN_START.match(head.lstrip(b"\xef\xbb\xbf")) is not None


def read_json(text: str, path: str) -> Plan:
    """A plan from its JSON; PlanError naming the line (syntax) or the key (content) of the first fault."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlanError("invalid-json", path=path, line=error.lineno, reason=f"{error.msg} (column {error.colno})") from None
    except RecursionError:
        raise PlanError("invalid-json", path=path, reason="nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise PlanError("json-not-plan", path=path)
    rows = rows_in(data["documents"], "goals", "indicators")
    if rows > limits().max_rows:
        raise PlanError("too-many-rows", path=path, limit=limits().max_rows)
    if (key := longest_over(data, limits().max_cell)) is not None:
        raise PlanError("value-too-long", path=path, key=key, limit=limits().max_cell)
    data = {**data, "path": path}  # findings name the file checked
    try:
        _targets_as_written(data)
        return Plan.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise PlanError("json-plan", path=path, key=key, reason=validation_problem(first)) from None
    except (TypeError, AttributeError):
        raise PlanError("json-not-plan", path=path) from None


def _targets_as_written(data: dict[str, Any]) -> None:
    """Targets given as the text written become targets read from it, in place."""
    for document in data["documents"]:
        for goal in (document.get("goals") or ()) if isinstance(document, dict) else ():
            for indicator in (goal.get("indicators") or ()) if isinstance(goal, dict) else ():
                if not isinstance(indicator, dict):
                    continue
                written = indicator.get("text")
                text = written if isinstance(written, str) else ""
                if isinstance(indicator.get("target"), str):
                    indicator["target"] = read_cell(indicator["target"], text)
                targets = indicator.get("targets")
                if isinstance(targets, dict):
                    indicator["targets"] = {year: read_cell(value, text) if isinstance(value, str) else value
                                            for year, value in targets.items()}
