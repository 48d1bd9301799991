"""A province or ministry adds its own terms in rkt-rules.toml ([vocabulary]):
they extend the built-in lists, for that run only, and a misspelt key fails."""

import json
import os
import subprocess
import sys

import pytest

import rkt_rules
from tests.conftest import ROOT

PLAN = ("Nama Satuan Pendidikan : SMA NEGERI 1 CONTOH\nTahun Anggaran : 2025\n\n"
        "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n1\tDigitalisasi arsip sekolah\tPersentase arsip yang terdigitalisasi\t80%\n")
CONFIG = '[vocabulary.layout.labels]\nunit = ["Nama Satuan Pendidikan"]\n\n[vocabulary.words.activity]\nwords = ["digitalisasi"]\n'


def run(folder, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=folder, env=env)


@pytest.fixture
def office(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    return tmp_path


def test_without_the_terms_the_label_and_the_activity_word_are_unknown(office):
    parsed = json.loads(run(office, "parse", "plan.txt").stdout)
    assert parsed["documents"][0]["unit"] is None
    assert "goal-worded-as-activity" not in run(office, "check", "plan.txt", "--format", "json").stdout


def test_the_projects_terms_are_read_by_parse_and_check(office):
    (office / "rkt-rules.toml").write_text(CONFIG, encoding="utf-8")
    parsed = json.loads(run(office, "parse", "plan.txt").stdout)
    assert parsed["documents"][0]["unit"] == "SMA NEGERI 1 CONTOH"
    found = json.loads(run(office, "check", "plan.txt", "--format", "json").stdout)["findings"]
    assert [(f["rule"], f["location"]["line"]) for f in found if f["rule"] == "goal-worded-as-activity"] == [("goal-worded-as-activity", 5)]


def test_the_library_holds_the_terms_for_one_check_only(office):
    (office / "rkt-rules.toml").write_text(CONFIG, encoding="utf-8")
    with_terms = rkt_rules.check(office / "plan.txt", config=office / "rkt-rules.toml")
    assert with_terms.plans[str(office / "plan.txt")].documents[0].unit == "SMA NEGERI 1 CONTOH"
    assert "goal-worded-as-activity" in [f.rule for f in with_terms.findings]
    after = rkt_rules.check(office / "plan.txt")
    assert after.plans[str(office / "plan.txt")].documents[0].unit is None
    assert "goal-worded-as-activity" not in [f.rule for f in after.findings]


@pytest.mark.parametrize("config, message", [
    ('[vocabulary.layout.lables]\nunit = ["x"]\n', "vocabulary.layout.lables: no such vocabulary list (known: columns, heads, labels, lkj, names, parties, signature, signers, titles, unit_names)"),
    ('[vocabulary.wordz.activity]\nwords = ["x"]\n', "vocabulary.wordz: no such vocabulary list (known: layout, scales, words)"),
    ('[vocabulary.words.activity]\nwords = "x"\n', "vocabulary.words.activity.words: expected a list of words"),
])
def test_a_misspelt_or_malformed_vocabulary_fails_with_one_line(office, config, message):
    (office / "rkt-rules.toml").write_text(config, encoding="utf-8")
    result = run(office, "check", "plan.txt", "--lang", "en")
    assert result.returncode == 2
    assert result.stderr == f"rkt-rules: error: {office / 'rkt-rules.toml'}: {message}\n"


def test_a_vocabulary_change_reaches_the_plan_sets_names_in_the_same_process():
    """Every module whose memos answer from the word lists forgets them: unit keys too (sets)."""
    from rkt_rules.sets import unit_key
    from rkt_rules.vocabulary import extended

    before = unit_key("Disdik Kab. Contoh")
    with extended({"layout": {"unit_names": {"abbreviations": [["disdik", "dinas pendidikan"]]}}}):
        inside = unit_key("Disdik Kab. Contoh")
    assert inside != before and inside.startswith("dinas pendidikan")
    assert unit_key("Disdik Kab. Contoh") == before
