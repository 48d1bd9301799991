"""``[[suppress]]`` tables, in a project config or a TOML plan: what they may say.

Below the readers (a TOML plan's suppressions are refused when it is read) and
the gating that applies them (rules/gating.py), so that reading never imports upward.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import UsageError, validation_problem
from .findings import Finding


class Suppression(BaseModel):
    """``[[suppress]]`` in a project config or a TOML plan: rule + place + reason."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    rule: str = Field(min_length=1)
    reason: str = Field(min_length=3)
    unit: str | None = None
    goal: str | None = None
    indicator: int | None = None
    path: str | None = None
    expires: dt.date | None = None

    def matches(self, finding: Finding) -> bool:
        loc = finding.location
        return (self.rule in (finding.rule, finding.code)
                and (self.unit is None or self.unit.casefold() == (loc.unit or "").casefold())
                and (self.goal is None or str(self.goal) == loc.goal)
                and (self.indicator is None or self.indicator == loc.indicator)
                and (self.path is None or Path(self.path).resolve() == Path(loc.path).resolve()))


def parse_suppressions(raw: list, source: str, error_type: type = UsageError) -> list[Suppression]:
    """Validate ``[[suppress]]`` tables; errors are ``error_type`` (PlanError when they sit in a plan)."""
    if not isinstance(raw, list):
        raise error_type("suppress: expected [[suppress]] tables", path=source)
    result = []
    for index, item in enumerate(raw, start=1):
        try:
            result.append(Suppression.model_validate(item))
        except ValidationError as error:
            first = error.errors()[0]
            key = ".".join(str(p) for p in first["loc"])
            raise error_type("suppress-field", path=source, index=index, key=key, reason=validation_problem(first)) from None
    return result
