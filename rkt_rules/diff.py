"""Two versions of a plan side by side: what changed, and which findings it brought.

Documents are matched by unit, goals by number, indicators within a goal by
their text (case and spacing folded); an indicator whose target text changed
is retargeted. Findings are compared on the same entity keys as baselines, so
moving lines around introduces nothing.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field

from .findings import Finding, at_or_above, entity_key
from .model import Plan
from .read import plan_files


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[dict] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    persisting: list[Finding] = field(default_factory=list)
    trees: bool = False  # two folders or revisions compared: each change names its file

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
    """Two files, two folders, or two git revisions (``main``, ``origin/main:plans``) of a repository of
    plans. Folders are checked whole, so set rules (PK↔RKT, Renstra, the unit above) see what they see in
    ``check``; their files are matched by path below each folder, an added or removed plan is a change."""
    import contextlib
    import tempfile

    with contextlib.ExitStack() as stack:
        old_root = _tree(old_path, stack, tempfile)
        new_root = _tree(new_path, stack, tempfile)
        if os.path.isdir(old_root) != os.path.isdir(new_root):
            from .errors import UsageError

            raise UsageError("diff-file-and-folder", old=old_path, new=new_path)
        if not os.path.isdir(old_root):
            return _compared([old_root], [new_root], settings, {old_root: new_root}, old_path, new_path, lambda path: path, lambda path: "")
        old_files, new_files = plan_files(old_root), plan_files(new_root)
        old_rel = {os.path.relpath(path, old_root): path for path in old_files}
        new_rel = {os.path.relpath(path, new_root): path for path in new_files}
        shown = {**{path: rel for rel, path in old_rel.items()}, **{path: rel for rel, path in new_rel.items()}}
        pairs = {old_rel[rel]: new_rel[rel] for rel in old_rel.keys() & new_rel.keys()}
        below = lambda path: shown.get(path, path)  # noqa: E731
        result = _compared(old_files, new_files, settings, pairs, old_path, new_path, below, below)
        result.trees = True
        for rel in sorted(new_rel.keys() - old_rel.keys()):
            result.changes.append({"change": "added", "file": rel, "unit": None, "goal": None, "indicator": None, "old": None, "new": rel})
        for rel in sorted(old_rel.keys() - new_rel.keys()):
            result.changes.append({"change": "removed", "file": rel, "unit": None, "goal": None, "indicator": None, "old": rel, "new": None})
        return result


def _tree(given: str, stack, tempfile) -> str:
    """A path as given, or a git revision (``REF`` or ``REF:folder``) exported to a temporary folder."""
    if os.path.exists(given):
        return given
    import subprocess

    from .errors import UsageError

    ref, _, below = given.partition(":")
    try:
        known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], capture_output=True, text=True)
    except OSError:
        known = None
    if known is None or known.returncode != 0:
        raise UsageError("diff-no-such", what=given)
    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="rkt-rules-diff-"))
    archive = subprocess.run(["git", "archive", "--format=tar", given if below else ref], capture_output=True)
    if archive.returncode != 0:
        raise UsageError("diff-no-such", what=given)
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _compared(old_files: list[str], new_files: list[str], settings, pairs: dict[str, str], old_name: str, new_name: str,
              shown, slot) -> DiffResult:
    """``shown``: a file's path as the diff prints it; ``slot``: which file of the other tree it is compared with."""
    from .api import check_files

    old_report, old_errors = check_files(old_files, settings, with_plans=True, scanned=set(old_files))
    new_report, new_errors = check_files(new_files, settings, with_plans=True, scanned=set(new_files))
    errors = old_errors + new_errors
    if errors:
        raise errors[0]
    result = DiffResult(old_name, new_name)
    for old, new in sorted(pairs.items(), key=lambda pair: shown(pair[1])):
        if old in old_report.plans and new in new_report.plans:
            result.changes += [{**change, "file": shown(new)} for change in plan_changes(old_report.plans[old], new_report.plans[new])]
    relabel = lambda finding: _relabelled(finding, shown)  # noqa: E731
    # A finding a baseline or a suppression accepts is still there: one the change fixed is resolved, and
    # one already there (accepted or not) is never introduced by the change.
    old_all = old_report.findings + [aside.finding for aside in old_report.suppressed]
    new_all = new_report.findings + [aside.finding for aside in new_report.suppressed]
    before = Counter(_key(f, slot) for f in old_all)
    after = Counter(_key(f, slot) for f in new_all)
    remaining = Counter(before)
    for finding in new_report.findings:
        key = _key(finding, slot)
        if remaining[key] > 0:
            remaining[key] -= 1
            result.persisting.append(relabel(finding))
        else:
            result.introduced.append(relabel(finding))
    still = Counter(after)
    for finding in sorted(old_all, key=Finding.sort_key):
        key = _key(finding, slot)
        if still[key] > 0:
            still[key] -= 1
        else:
            result.resolved.append(relabel(finding))
    return result


def _key(finding: Finding, slot) -> tuple:
    """What a finding is about, and in which file below the trees (a plan moved to another file is a change)."""
    return (slot(finding.location.path), *entity_key(finding))


def _relabelled(finding: Finding, shown) -> Finding:
    """The finding with its path as shown in the diff: below its tree, never a temporary folder."""
    import dataclasses

    path = shown(finding.location.path)
    if path == finding.location.path:
        return finding
    return dataclasses.replace(finding, location=finding.location._replace(path=path))


TITLES = {
    "id": {"added": "ditambahkan", "removed": "dihapus", "retargeted": "target berubah", "introduced": "Temuan baru",
           "resolved": "Temuan selesai", "persisting": "Temuan tetap", "changes": "Perubahan", "goal": "sasaran", "none": "tidak ada",
           "file": "berkas", "cut": "Daftar dipotong agar muat dalam satu komentar: {left} temuan tidak ditampilkan; lihat --format json."},
    "en": {"added": "added", "removed": "removed", "retargeted": "retargeted", "introduced": "Introduced findings",
           "resolved": "Resolved findings", "persisting": "Persisting findings", "changes": "Changes", "goal": "goal", "none": "none",
           "file": "file", "cut": "List cut to fit one comment: {left} findings not shown; see --format json."},
}
COMMENT_LIMIT = 60_000  # GitHub refuses a comment over 65,536 characters; room is left for what a workflow adds


def _change_line(change: dict, t: dict, with_file: bool) -> str:
    if change["unit"] is None:  # a whole plan file added or removed
        return f"{t[change['change']]} — {t['file']} {change['file']}"
    where = f"{change['unit']}" + (f", {t['goal']} {change['goal']}" if change["goal"] else "")
    if with_file:
        where = f"{change['file']}: {where}"
    what = f": {change['indicator']}" if change["indicator"] else ""
    values = f" ({change['old'] or '–'} → {change['new'] or '–'})" if change["change"] == "retargeted" or change["indicator"] else ""
    return f"{t[change['change']]} — {where}{what}{values}"


def _finding_line(finding: Finding, t: dict, lang: str, markdown: bool) -> str:
    from .locale import say
    from .report.formats.markdown import md

    loc = finding.location
    place = f"{loc.path}:{loc.line}" if loc.line else loc.path
    where = f"{loc.unit or ''}, {t['goal']} {loc.goal}" if loc.goal else (loc.unit or "")
    severity = say(f"severity.{finding.severity}", lang)
    if markdown:
        return f"- **{severity}** `{finding.code}` {md(finding.message)} — `{place.replace('`', '')}`" + (f" ({md(where)})" if where else "")
    return f"- {severity} {finding.code} {finding.rule}: {finding.message} ({place}" + (f"; {where})" if where else ")")


def render_diff(result: DiffResult, form: str, lang: str) -> str:
    if form == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    t = TITLES[lang]
    from .report.formats.markdown import md

    markdown = form == "markdown"
    esc = md if markdown else (lambda text: text)
    with_file = result.trees
    lines = [f"## {t['changes']}" if markdown else f"{t['changes']}:"]
    lines += [f"- {esc(_change_line(c, t, with_file))}" for c in result.changes] or [f"- {t['none']}"]
    shown = 0
    for name, findings in (("introduced", result.introduced), ("resolved", result.resolved), ("persisting", result.persisting)):
        folded = markdown and name == "persisting"
        title = f"{t[name]} ({len(findings)})"
        lines += ["", f"<details><summary>{title}</summary>" if folded else (f"## {title}" if markdown else f"{title}:")]
        if folded:
            lines.append("")
        for finding in findings:
            line = _finding_line(finding, t, lang, markdown)
            if markdown and sum(map(len, lines)) + len(line) > COMMENT_LIMIT:
                left = len(result.introduced) + len(result.resolved) + len(result.persisting) - shown
                lines += ["", f"_{t['cut'].format(left=left)}_"] + (["", "</details>"] if folded else [])
                return "\n".join(lines) + "\n"
            lines.append(line)
            shown += 1
        if folded:
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
