"""Precision and recall of the default ruleset against what a SAKIP reviewer writes.

    python benchmarks/reviewer/run.py            # the figures, and every finding's verdict
    python benchmarks/reviewer/run.py --quiet    # the figures only

Checks the real documents of tests/real_documents (copies of ../shared/real-documents)
and the seed, then labels each finding with benchmarks/reviewer/labels.toml: it
agrees when it reports a defect the reviewer wrote (the rule is one that reports
that kind of defect, and it is about the same goal or indicator), or when the
file labels it so; a finding labelled disagree, or not labelled at all, is a
false alarm. Precision counts warnings and errors (what gates CI and what a
reviewer is asked to act on); recall counts the written defects reported at any
severity. Exit 1 when precision is under 90% or recall under 70%.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rkt_rules.rules.engine import Engine  # noqa: E402
from rkt_rules.read import read_plan  # noqa: E402
from rkt_rules.rules.ruleset import load_rulesets  # noqa: E402

DOCUMENTS = [ROOT / "plans" / "kpu-kota-pontianak-2023.txt"] + sorted(
    p for p in (ROOT / "tests" / "real_documents").iterdir() if p.suffix in (".docx", ".pdf", ".txt"))
WORD = re.compile(r"[0-9a-z]+")
TARGETS = {"precision": 0.90, "recall": 0.70}


def words(text: str | None) -> set[str]:
    return set(WORD.findall((text or "").lower().replace("prosentase", "persentase")))


def same(a: str | None, b: str | None) -> bool:
    """The same goal or indicator text, allowing spacing and case (Jaccard ≥ 0.8); both empty for a document."""
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return True
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.8


def subject(plan, finding) -> str:
    """What a finding is about, as text: its indicator, its goal, or nothing (a document or the plan)."""
    if finding.subject:
        return finding.subject
    for document in plan.documents:
        if document.unit != finding.location.unit:
            continue
        for goal in document.goals:
            if finding.location.goal is not None and goal.number == finding.location.goal:
                return goal.text
    return ""


def score(labels: dict) -> dict:
    engine = Engine(load_rulesets(["default"]).enabled(), "en")
    checks = labels.get("checks", {})
    defects = [{**d, "rules": d.get("rules") or checks[d["check"]], "found": False} for d in labels.get("defect", [])]
    verdicts = labels.get("finding", [])
    rows = []
    for path in DOCUMENTS:
        try:
            plan = read_plan(path)
        except Exception as error:  # a report is refused: it has no findings to score
            rows.append((path.name, "-", "-", "refused", str(error)[:80]))
            continue
        for finding in sorted(engine.check(plan), key=lambda f: f.sort_key()):
            text = subject(plan, finding)
            covered = [d for d in defects if d["file"] == path.name and finding.rule in d["rules"] and same(d["where"], text)]
            for defect in covered:
                defect["found"] = True
            if covered:
                verdict = "agree"
            else:
                label = next((v for v in verdicts if v["file"] == path.name and v["rule"] == finding.rule and same(v.get("where", ""), text)), None)
                verdict = label["label"] if label else "unlabelled"
            rows.append((path.name, finding.severity, finding.rule, verdict, text[:70]))
    gating = [r for r in rows if r[1] in ("warning", "error")]
    agreed = sum(r[3] == "agree" for r in gating)
    return {"rows": rows, "defects": defects, "precision": agreed / len(gating) if gating else 1.0,
            "recall": sum(d["found"] for d in defects) / len(defects) if defects else 1.0,
            "gating": len(gating), "agreed": agreed}


def main() -> int:
    labels = tomllib.loads((Path(__file__).parent / "labels.toml").read_text(encoding="utf-8"))
    result = score(labels)
    if "--quiet" not in sys.argv:
        for row in result["rows"]:
            print("  ".join(f"{cell:<{width}}" for cell, width in zip(row, (34, 8, 28, 11, 70))))
        missed = [d for d in result["defects"] if not d["found"]]
        for defect in missed:
            print(f"missed: {defect['file']}: {defect['where'][:70]} ({', '.join(defect['rules'])})")
    found = sum(d["found"] for d in result["defects"])
    print(f"precision {result['precision']:.0%} ({result['agreed']} of {result['gating']} warnings and errors agree), "
          f"recall {result['recall']:.0%} ({found} of {len(result['defects'])} written defects reported)")
    return 0 if result["precision"] >= TARGETS["precision"] and result["recall"] >= TARGETS["recall"] else 1


if __name__ == "__main__":
    sys.exit(main())
