"""A cache of each file's result, so that a re-check reads and checks only what changed (issue 26).

One entry per file: its findings before its own [[suppress]] tables, those tables, the cards a plan
set needs and the plan itself (for the set rules and reports that read it again). An entry is found
by a key over the file's path and bytes and everything else that decides its result: the tool's
version and source, the rules, the language, the project's vocabulary and hierarchy, the reading
limits. So a changed file, ruleset, version or configuration simply misses.

Entries are JSON, never pickle: a cache folder may come from anywhere (a CI cache, a checkout), and
reading it must not run code. An entry that does not parse or does not validate is ignored and
rewritten; each is written to a temporary file and renamed into place, so concurrent runs never see
half an entry. A cache that cannot be written (read-only folder, full disk) only costs the speed.
Unreadable files are not cached: they are read again and said again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__

DEFAULT_DIR = ".rkt-rules-cache"  # where the command runs, as ruff keeps .ruff_cache
FORMAT = 1  # the layout of an entry: a change makes every older entry miss


@cache
def _source_digest() -> str:
    """The package's own files, by name, size and time of change (a stat each, not a read): a development
    tree changes its behaviour without changing its version."""
    root = str(Path(__file__).parent)
    lines = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in names:
            if name.endswith((".py", ".toml", ".txt", ".json", ".j2")):
                info = os.stat(os.path.join(folder, name))
                lines.append(f"{os.path.relpath(os.path.join(folder, name), root)}\0{info.st_size}\0{info.st_mtime_ns}\n")
    return hashlib.sha256("".join(sorted(lines)).encode()).hexdigest()


def fingerprint(rules: list, lang: str, config: Any = None) -> str:
    """Everything besides the file that decides its result."""
    from .read.limits import current

    parts = {
        "format": FORMAT, "version": __version__, "source": _source_digest(), "lang": lang,
        "rules": [rule.spec.model_dump(mode="json", by_alias=True) | {"severity": rule.severity, "enabled": rule.enabled} for rule in rules],
        "vocabulary": getattr(config, "vocabulary", None) or {}, "hierarchy": getattr(config, "hierarchy", None) or {},
        "limits": repr(current()),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


class Cache:
    """Entries under ``folder``, for one fingerprint."""

    def __init__(self, folder: str | os.PathLike[str], fingerprint: str):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.writable = True

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str, kind: str = "") -> Path:
        return self.folder / f"v{FORMAT}" / kind / key[:2] / f"{key}.json"

    def get(self, key: str, kind: str = "") -> dict | None:
        """The entry, or None when there is none or it is not one we wrote (damaged, foreign): never trusted.
        ``kind``: "" a file's entry, "sets" a plan set's."""
        try:
            entry = json.loads(self._file(key, kind).read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        return entry if (_valid_set if kind else _valid)(entry, key) else None

    def set_key(self, cards, parents: dict) -> str | None:
        """The key of a plan set's comparison: its documents, their files' bytes, the links between units.
        None when a member is no file to read (a plan a library caller gave)."""
        from .read.decoding import read_bytes
        from .read.limits import current

        digest = hashlib.sha256(self.fingerprint.encode() + b"\0set\0")
        digest.update(json.dumps([list(card) for card in cards], default=str).encode())
        digest.update(json.dumps(sorted((unit, list(parent)) for unit, parent in parents.items())).encode())
        for path in sorted({card.path for card in cards}):
            try:
                digest.update(hashlib.sha256(read_bytes(path, current().max_bytes)).digest())
            except Exception:  # noqa: BLE001 - gone or unreadable since: no key, the set is compared afresh
                return None
        return digest.hexdigest()

    def remembered(self, check_set):
        """``check_set`` with its result kept per plan set."""

        def run(plan_set) -> list:
            key = self.set_key(plan_set.cards, plan_set.parents)
            if key is None:
                return check_set(plan_set)
            entry = self.get(key, "sets")
            if entry is not None:
                try:
                    return findings_of(entry)
                except (KeyError, TypeError, ValueError, IndexError):
                    pass
            found = check_set(plan_set)
            self.put(key, {"findings": [_finding_out(f) for f in found]}, "sets")
            return found

        return run

    def put(self, key: str, entry: dict, kind: str = "") -> None:
        if not self.writable:
            return
        target = self._file(key, kind)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".entry-", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({**entry, "key": key}, out, ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            self.writable = False  # a read-only or full place: the run goes on without a cache

    def _prepare(self) -> None:
        """The folder, git-ignored from inside (as ruff's cache is), made once."""
        marker = self.folder / ".gitignore"
        if not marker.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            marker.write_text("# made by rkt-rules: a cache, safe to delete\n*\n", encoding="utf-8")


def _valid(entry: Any, key: str) -> bool:
    return (isinstance(entry, dict) and entry.get("key") == key and isinstance(entry.get("findings"), list)
            and isinstance(entry.get("cards"), list) and isinstance(entry.get("suppress"), list) and isinstance(entry.get("plan"), dict))


def _valid_set(entry: Any, key: str) -> bool:
    return isinstance(entry, dict) and entry.get("key") == key and isinstance(entry.get("findings"), list)


def entry_of(plan, findings: list, cards: tuple) -> dict:
    """What is kept of one file's check."""
    from .report.serialize import plan_to_dict

    return {"findings": [_finding_out(f) for f in findings], "cards": [list(card) for card in cards],
            "suppress": list(plan.suppress), "plan": plan_to_dict(plan)}


def _finding_out(finding) -> dict:
    return {"code": finding.code, "rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "location": list(finding.location), "evidence": finding.evidence, "subject": finding.subject, "lke": list(finding.lke),
            "document": finding.document}


def findings_of(entry: dict) -> list:
    from .findings import Finding, Location

    return [Finding(f["code"], f["rule"], f["severity"], f["message"], Location(*f["location"]), f["evidence"], f["subject"], tuple(f["lke"]),
                    f["document"]) for f in entry["findings"]]


def cards_of(entry: dict) -> tuple:
    from .sets import Card

    return tuple(Card(card[0], card[1], card[2], card[3], card[4], card[5], card[6], card[7],
                      tuple(card[8]) if card[8] is not None else None, card[9]) for card in entry["cards"])


def plan_of(entry: dict):
    from .model import Plan

    return Plan.model_validate(entry["plan"])
