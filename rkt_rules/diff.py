"""Two versions of a plan side by side: what changed, and which findings it brought.

Documents are matched by unit, goals by number, indicators within a goal by
their text (case and spacing folded); an indicator whose target text changed
is retargeted. Findings are compared on the same entity keys as baselines, so
moving lines around introduces nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .findings import Finding, at_or_above, entity_key
from .model import Plan


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[dict] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    persisting: list[Finding] = field(default_factory=list)

    def introduces(self, fail_on: str) -> bool:
        return any(at_or_above(f.severity, fail_on) for f in self.introduced)

    def to_dict(self) -> dict:
        return {"schema_version": 1, "old": self.old, "new": self.new, "changes": self.changes,
                "findings": {"introduced": [f.to_dict() for f in self.introduced],
                             "resolved": [f.to_dict() for f in self.resolved],
                             "persisting": [f.to_dict() for f in self.persisting]}}


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def plan_changes(old: Plan, new: Plan) -> list[dict]:
    changes = []
    old_docs = {_fold(d.unit): d for d in old.documents}
    new_docs = {_fold(d.unit): d for d in new.documents}
    for key in sorted(old_docs.keys() | new_docs.keys()):
        before, after = old_docs.get(key), new_docs.get(key)
        either = after or before
        assert either is not None  # the key came from one of them
        unit = either.unit
        if before is None or after is None:
            changes.append({"change": "added" if before is None else "removed", "unit": unit, "goal": None, "indicator": None,
                            "old": None if before is None else unit, "new": None if after is None else unit})
            continue
        old_goals, new_goals = {g.number: g for g in before.goals}, {g.number: g for g in after.goals}
        for number in sorted(old_goals.keys() | new_goals.keys(), key=lambda n: (len(n), n)):
            g_old, g_new = old_goals.get(number), new_goals.get(number)
            if g_old is None or g_new is None:
                changes.append({"change": "added" if g_old is None else "removed", "unit": unit, "goal": number, "indicator": None,
                                "old": g_old.text if g_old else None, "new": g_new.text if g_new else None})
                continue
            old_inds = {_fold(i.text): i for i in g_old.indicators}
            new_inds = {_fold(i.text): i for i in g_new.indicators}
            for text in [*old_inds, *(t for t in new_inds if t not in old_inds)]:
                i_old, i_new = old_inds.get(text), new_inds.get(text)
                if i_old is None or i_new is None:
                    changes.append({"change": "added" if i_old is None else "removed", "unit": unit, "goal": number,
                                    "indicator": (i_new or i_old).text,  # type: ignore[union-attr]  # one of them is there
                                    "old": i_old.target.raw if i_old else None, "new": i_new.target.raw if i_new else None})
                elif i_old.target.raw.strip() != i_new.target.raw.strip():
                    changes.append({"change": "retargeted", "unit": unit, "goal": number, "indicator": i_new.text,
                                    "old": i_old.target.raw, "new": i_new.target.raw})
    return changes


def diff_plans(old_path: str, new_path: str, settings) -> DiffResult:
    from .api import check_files

    old_report, old_errors = check_files([old_path], settings, with_plans=True)
    new_report, new_errors = check_files([new_path], settings, with_plans=True)
    errors = old_errors + new_errors
    if errors:
        raise errors[0]
    result = DiffResult(old_path, new_path, plan_changes(old_report.plans[old_path], new_report.plans[new_path]))
    before = Counter(entity_key(f) for f in old_report.findings)
    after = Counter(entity_key(f) for f in new_report.findings)
    remaining = Counter(before)
    for finding in new_report.findings:
        key = entity_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            result.persisting.append(finding)
        else:
            result.introduced.append(finding)
    still = Counter(after)
    for finding in old_report.findings:
        key = entity_key(finding)
        if still[key] > 0:
            still[key] -= 1
        else:
            result.resolved.append(finding)
    return result


TITLES = {
    "id": {"added": "ditambahkan", "removed": "dihapus", "retargeted": "target berubah", "introduced": "Temuan baru",
           "resolved": "Temuan selesai", "persisting": "Temuan tetap", "changes": "Perubahan", "goal": "sasaran", "none": "tidak ada"},
    "en": {"added": "added", "removed": "removed", "retargeted": "retargeted", "introduced": "Introduced findings",
           "resolved": "Resolved findings", "persisting": "Persisting findings", "changes": "Changes", "goal": "goal", "none": "none"},
}


def _change_line(change: dict, t: dict) -> str:
    where = f"{change['unit']}" + (f", {t['goal']} {change['goal']}" if change["goal"] else "")
    what = f": {change['indicator']}" if change["indicator"] else ""
    values = f" ({change['old'] or '–'} → {change['new'] or '–'})" if change["change"] == "retargeted" or change["indicator"] else ""
    return f"{t[change['change']]} — {where}{what}{values}"


def render_diff(result: DiffResult, form: str, lang: str) -> str:
    if form == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    t = TITLES[lang]
    from .report.formats.markdown import md

    markdown = form == "markdown"
    esc = md if markdown else (lambda text: text)
    lines = [f"## {t['changes']}" if markdown else f"{t['changes']}:"]
    lines += [f"- {esc(_change_line(c, t))}" for c in result.changes] or [f"- {t['none']}"]
    for name, findings in (("introduced", result.introduced), ("resolved", result.resolved), ("persisting", result.persisting)):
        lines += ["", f"## {t[name]} ({len(findings)})" if markdown else f"{t[name]} ({len(findings)}):"]
        lines += [f"- {f.severity} {f.code} {f.rule}: {esc(f.message)} ({f.location.unit}, {t['goal']} {f.location.goal or '–'})" for f in findings]
    return "\n".join(lines) + "\n"
