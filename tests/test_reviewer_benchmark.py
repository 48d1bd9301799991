"""The reviewer benchmark's verdicts: every finding on the real documents and the seed
is one a reviewer wrote or one labelled by hand, and the figures meet their goal.

A new rule whose findings nobody has read fails here until its findings are
labelled in benchmarks/reviewer/labels.toml, agree or disagree, with why."""

import importlib.util
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("reviewer", ROOT / "benchmarks" / "reviewer" / "run.py")
reviewer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reviewer)
LABELS = tomllib.loads((ROOT / "benchmarks" / "reviewer" / "labels.toml").read_text(encoding="utf-8"))


def test_every_finding_has_a_verdict():
    result = reviewer.score(LABELS)
    assert [row for row in result["rows"] if row[3] == "unlabelled"] == []


def test_precision_and_recall_meet_their_goal():
    result = reviewer.score(LABELS)
    assert result["precision"] >= reviewer.TARGETS["precision"] and result["recall"] >= reviewer.TARGETS["recall"]


def test_a_finding_against_the_reviewer_lowers_precision():
    labels = {**LABELS, "finding": [{**v, "label": "disagree"} if v["rule"] == "duplicate-indicator" else v for v in LABELS["finding"]]}
    assert reviewer.score(labels)["precision"] < reviewer.score(LABELS)["precision"]


def test_a_defect_no_rule_reports_lowers_recall():
    extra = {"file": "kpu-kota-pontianak-2023.txt", "rules": ["no-such-rule"], "where": "Nilai maturitas SPIP"}
    assert reviewer.score({**LABELS, "defect": LABELS["defect"] + [extra]})["recall"] < 1.0
