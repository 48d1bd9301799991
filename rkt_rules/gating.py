"""Setting findings aside without losing them: baselines and suppressions.

A baseline lists the findings a team has accepted; a check then reports only
new ones. Entries are keyed on plan entities (document unit, goal number,
indicator text, rule), never on line numbers, so reformatting a plan does not
resurface old findings while a new fault always shows. A suppression names a
rule and a place, with a mandatory reason and an optional expiry date; an
expired one stops suppressing. Either way the finding is kept, listed apart.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import UsageError, validation_problem
from .findings import Finding, Suppressed

BASELINE_VERSION = 1


def entity_key(finding: Finding) -> tuple:
    """What a finding is about, independent of where the lines fall."""
    loc = finding.location
    return (finding.rule, loc.unit or "", loc.goal or "", " ".join((finding.subject or "").split()).casefold())


def write_baseline(findings: list[Finding]) -> str:
    entries = Counter(entity_key(f) for f in findings)
    rows = [{"rule": rule, "unit": unit, "goal": goal, "indicator": indicator, "count": count}
            for (rule, unit, goal, indicator), count in sorted(entries.items())]
    return json.dumps({"schema_version": BASELINE_VERSION, "tool": "rkt-rules", "entries": rows}, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: str) -> Counter:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Counter({(e["rule"], e["unit"], e["goal"], e["indicator"]): int(e.get("count", 1)) for e in data["entries"]})
    except FileNotFoundError:
        raise UsageError("baseline-missing", path=path) from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError("not-a-baseline", path=path, reason=f"{type(error).__name__}: {error}") from None


def apply_baseline(findings: list[Finding], baseline: Counter) -> tuple[list[Finding], list[Suppressed]]:
    """Findings not in the baseline, and those it accounts for (each entry once per count)."""
    remaining = Counter(baseline)
    kept, set_aside = [], []
    for finding in sorted(findings, key=Finding.sort_key):
        key = entity_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            set_aside.append(Suppressed(finding, "baseline"))
        else:
            kept.append(finding)
    return kept, set_aside


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


def apply_suppressions(findings: list[Finding], suppressions: list[Suppression], today: dt.date) -> tuple[list[Finding], list[Suppressed]]:
    active = [s for s in suppressions if s.expires is None or s.expires >= today]
    kept, set_aside = [], []
    for finding in findings:
        rule = next((s for s in active if s.matches(finding)), None)
        if rule is None:
            kept.append(finding)
        else:
            set_aside.append(Suppressed(finding, rule.reason, rule.expires.isoformat() if rule.expires else None))
    return kept, set_aside
