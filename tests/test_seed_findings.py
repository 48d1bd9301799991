"""The seed plan under the default ruleset: exact findings as a fixture, and the
findings the product requirement names."""

import json
import subprocess
import sys

from rkt_rules.report.formats import render
from rkt_rules.findings import Report
from tests.conftest import SEED, seed_counts, seed_findings, english_counts
from tests.engine_helpers import findings_for, seed


def run(*args):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True)


def test_seed_findings_match_fixture(golden):
    report = Report(findings_for(seed(), lang="id"), files=1, lang="id")
    golden("seed_findings.json", render(report, "json"))
    golden("seed_findings.txt", render(report, "text"))


def test_seed_has_the_required_findings_and_no_error():
    found = {(f.rule, f.location.unit, f.location.goal) for f in findings_for(seed())}
    assert ("aligned-target-consistent", "SEKRETARIAT KPU KOTA PONTIANAK", "18") in found
    assert ("target-unit-matches-indicator", "SEKRETARIAT KPU KOTA PONTIANAK", "25") in found
    assert ("percent-sign-missing", "KPU KOTA PONTIANAK", "1") in found
    assert not [f for f in findings_for(seed()) if f.severity == "error"]


def test_alignment_evidence_names_the_pair_and_score():
    finding = next(f for f in findings_for(seed()) if f.rule == "aligned-target-consistent")
    assert finding.evidence["parent_target"] == "100%" and finding.evidence["child_target"] == "89%"
    assert finding.evidence["parent_goal"] == "4" and finding.evidence["score"] == 1.0
    assert finding.location.line == 69 and finding.location.indicator == 1


def test_exit_codes_follow_fail_on():
    assert run("check", SEED).returncode == 0
    assert run("check", SEED, "--fail-on", "warning").returncode == 1
    assert run("check", SEED, "--fail-on", "info").returncode == 1
    assert run("check", SEED, "--fail-on", "never").returncode == 0


def test_json_output_follows_the_findings_contract():
    result = run("check", SEED, "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["tool"]["name"] == "rkt-rules"
    assert data["summary"] == {"files": 1, **seed_counts(), "suppressed": 0}
    assert data["suppressed"] == []
    first = data["findings"][0]
    assert set(first) == {"code", "rule", "severity", "message", "location", "evidence", "lke"}
    assert all(isinstance(f["lke"], list) for f in data["findings"]) and first["lke"] == ["1.b.5"]  # RKT009
    assert set(first["location"]) == {"path", "line", "unit", "goal", "indicator"}
    keys = [(f["location"]["path"], f["location"]["line"], f["code"]) for f in data["findings"]]
    assert keys == sorted(keys)


def test_lang_flag_and_environment_choose_the_language():
    english = run("check", SEED, "--lang", "en").stdout
    counts = seed_counts()
    assert "Goal 9 is worded as an activity" in english
    assert english.endswith(f"{len(seed_findings())} findings ({english_counts(counts)}) in 1 file\n")
    env = subprocess.run([sys.executable, "-m", "rkt_rules", "check", SEED], capture_output=True, text=True,
                         env={**__import__("os").environ, "RKT_RULES_LANG": "en"})
    assert env.stdout == english
    assert "Sasaran 9 dirumuskan sebagai kegiatan" in run("check", SEED).stdout


def test_output_is_byte_identical_across_runs():
    assert run("check", SEED, "plans", "--format", "json").stdout == run("check", "plans", SEED, "--format", "json").stdout
