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

from ..errors import UsageError
from ..findings import Finding, Suppressed, entity_key
from ..suppressions import Suppression, parse_suppressions

__all__ = ["Suppression", "apply_baseline", "apply_suppressions", "entity_key", "parse_suppressions", "read_baseline", "write_baseline"]

BASELINE_VERSION = 1


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
