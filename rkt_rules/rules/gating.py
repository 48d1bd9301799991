"""Setting findings aside without losing them: baselines and suppressions.

A baseline lists the findings a team has accepted; a check then reports only
new ones. Entries are keyed on plan entities (rule, file name, unit, indicator
text, or the goal for a finding about no indicator), never on line numbers, so
reformatting a plan does not resurface old findings while a new fault always shows. A suppression names a
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

__all__ = ["Suppression", "apply_baseline", "apply_suppressions", "baseline_key", "entity_key", "parse_suppressions", "read_baseline",
           "stale_entries", "suppression_notes", "write_baseline"]

BASELINE_VERSION = 3


def baseline_key(finding: Finding) -> tuple:
    """What an accepted finding is about: its rule, the file's name, its document's type and year, the unit
    and the indicator (or, for a finding about no indicator, the goal). Never a line, and never a goal
    number where there is an indicator: renumbering goals (as RKT011 asks) brings nothing back, and a
    fault in another file, or in next year's PK kept in the same file, is new."""
    rule, unit, goal, subject = entity_key(finding)
    return (rule, Path(finding.location.path).name, finding.document or "", unit, "" if subject else goal, subject)


def _key_v2(finding: Finding) -> tuple:
    """A version 2 baseline's key: the same without the document."""
    rule, file, _, unit, goal, subject = baseline_key(finding)
    return (rule, file, unit, goal, subject)


def write_baseline(findings: list[Finding]) -> str:
    entries = Counter(baseline_key(f) for f in findings)
    rows = [{"rule": rule, "file": file, "document": document, "unit": unit, "goal": goal, "indicator": indicator, "count": count}
            for (rule, file, document, unit, goal, indicator), count in sorted(entries.items())]
    return json.dumps({"schema_version": BASELINE_VERSION, "tool": "rkt-rules", "entries": rows}, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: str) -> tuple[int, Counter]:
    """The baseline's version and its entries (versions 1 and 2, keyed without the file or the document, still read)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        version = int(data.get("schema_version", 1))
        if version == 1:
            return 1, Counter({(e["rule"], e["unit"], e["goal"], e["indicator"]): int(e.get("count", 1)) for e in data["entries"]})
        if version == 2:
            return 2, Counter({(e["rule"], e["file"], e["unit"], e["goal"], e["indicator"]): int(e.get("count", 1))
                               for e in data["entries"]})
        return version, Counter({(e["rule"], e["file"], e["document"], e["unit"], e["goal"], e["indicator"]): int(e.get("count", 1))
                                 for e in data["entries"]})
    except FileNotFoundError:
        raise UsageError("baseline-missing", path=path) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UsageError("not-a-baseline", path=path, reason=f"{type(error).__name__}: {error}") from None


def apply_baseline(findings: list[Finding], baseline: "tuple[int, Counter] | Counter") -> tuple[list[Finding], list[Suppressed]]:
    """Findings not in the baseline, and those it accounts for (each entry once per count)."""
    version, entries = baseline if isinstance(baseline, tuple) else (BASELINE_VERSION, baseline)
    key_of = {1: entity_key, 2: _key_v2}.get(version, baseline_key)
    remaining = Counter(entries)
    kept, set_aside = [], []
    for finding in sorted(findings, key=Finding.sort_key):
        key = key_of(finding)
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


def stale_entries(baseline: "tuple[int, Counter] | Counter", accepted: list[Suppressed], files: list[str]) -> int:
    """How many of the baseline's accepted findings in the files checked are no longer found (fixed, or the
    plan changed): entries that would hide a fault that comes back later, as ruff reports an unused ``noqa``.
    Entries of files this run did not check are not counted (a version 1 baseline names no file)."""
    version, entries = baseline if isinstance(baseline, tuple) else (BASELINE_VERSION, baseline)
    if version == 1:
        return 0
    names = {Path(path).name for path in files}
    mine = sum(count for key, count in entries.items() if key[1] in names)
    used = sum(1 for item in accepted if item.reason == "baseline" and Path(item.finding.location.path).name in names)
    return max(0, mine - used)


def suppression_notes(findings: list[Finding], suppressions: list[Suppression], accepted: list[Suppressed], today: dt.date,
                      known_rules: set[str], files: list[str]) -> list[tuple[str, Suppression]]:
    """What a reviewer of the config should hear about its suppressions: ("expired", s) for one past its date
    that matches a finding again; ("unused", s) for one in force that can match nothing: its rule is no rule
    of the run (misspelt), or it names a file this run checked and matched nothing there (fixed)."""
    checked = {Path(path).resolve() for path in files}
    notes: list[tuple[str, Suppression]] = []
    for suppression in suppressions:
        if suppression.expires is not None and suppression.expires < today:
            if any(suppression.matches(finding) for finding in findings):
                notes.append(("expired", suppression))
        elif suppression.rule not in known_rules or (
                suppression.path is not None and Path(suppression.path).resolve() in checked
                and not any(suppression.matches(item.finding) for item in accepted)):
            notes.append(("unused", suppression))
    return notes
