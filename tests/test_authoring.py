"""Rule authoring: composition end to end, rules test/lint/docs, check --explain, translations."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rkt_rules.rules.ruleset import builtin_names, load_rulesets
from tests.conftest import ROOT, SEED

KALBAR = "docs/examples/kalbar.toml"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd)


CUSTOM = '''extends = ["default"]

[rules.percent-sign-missing]
severity = "error"

[rules.goal-worded-as-activity]
enabled = false

[[rule]]
code = "XX001"
name = "at-most-one-indicator"
summary.id = "Satu indikator per sasaran."
summary.en = "One indicator per goal."
visits = "goal"
check = "count"
options = { of = "indicators", max = 1 }
severity = "warning"
message.id = "Sasaran {goal} memiliki {count} indikator"
message.en = "Goal {goal} has {count} indicators"
why.id = "Fokus pada satu ukuran."
why.en = "Focus on one measure."
reference = "Contoh"
examples.fail = ["1\\tG\\tPersentase A\\t1%\\n\\t\\tPersentase B\\t1%"]
examples.pass = ["1\\tG\\tPersentase A\\t1%"]
'''


def test_custom_ruleset_extends_raises_disables_and_adds_end_to_end(tmp_path):
    (tmp_path / "custom.toml").write_text(CUSTOM)
    default = {(f["rule"], f["severity"], f["location"]["goal"]) for f in json.loads(run("check", SEED, "--format", "json").stdout)["findings"]}
    result = run("check", SEED, "--rules", str(tmp_path / "custom.toml"), "--format", "json")
    assert result.returncode == 1  # percent-sign-missing is now an error
    custom = {(f["rule"], f["severity"], f["location"]["goal"]) for f in json.loads(result.stdout)["findings"]}
    raised = {("percent-sign-missing", "info", "1")}
    disabled = {item for item in default if item[0] == "goal-worded-as-activity"}
    added = {("at-most-one-indicator", "warning", goal) for goal in ("2", "4", "11", "17", "22")}
    assert {goal for _, _, goal in disabled} == {"9", "21", "23"}  # Pembentukan, Pendidikan, Sosialisasi (Ketersediaan is a state)
    assert custom == (default - raised - disabled) | {("percent-sign-missing", "error", "1")} | added


@pytest.mark.parametrize("ruleset", [*builtin_names(), KALBAR])
def test_rules_test_passes_on_builtin_and_example_rulesets(ruleset):
    result = run("rules", "test", "--rules", ruleset)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].endswith(" passed, 0 failed")


def test_a_wrong_case_fails_with_a_readable_diff(tmp_path):
    (tmp_path / "wrong.toml").write_text('extends = ["default"]\ncases = ["wrong.cases.toml"]\n')
    (tmp_path / "wrong.cases.toml").write_text('''
[[case]]
name = "claims the wrong rule"
plan = "1\\tMeningkatnya akuntabilitas\\tNilai Akuntabilitas Kinerja\\tF"
expect = [{ rule = "percent-in-range", goal = "1" }]
''')
    result = run("rules", "test", "--rules", str(tmp_path / "wrong.toml"))
    assert result.returncode == 1
    assert ("FAIL  wrong.cases.toml: claims the wrong rule\n"
            "        - expected, not found: percent-in-range goal 1\n"
            "        + found, not expected: grade-scale goal 1 indicator 1\n") in result.stdout
    assert result.stdout.endswith(" passed, 1 failed\n")


def test_a_rule_whose_failing_example_does_not_fire_fails_rules_test(tmp_path):
    broken = CUSTOM.replace('1%\\n\\t\\tPersentase B\\t1%"]\nexamples.pass', '1%"]\nexamples.pass')
    assert broken != CUSTOM
    (tmp_path / "bad.toml").write_text(broken)
    result = run("rules", "test", "--rules", str(tmp_path / "bad.toml"))
    assert result.returncode == 1
    assert "FAIL  XX001 at-most-one-indicator: failing example 1\n        expected the rule to fire; it did not" in result.stdout


def test_lint_finds_never_firing_contradictory_and_untranslated_rules(tmp_path):
    bad = CUSTOM + '''
[[rule]]
code = "XX002"
name = "range-on-grades"
summary.id = "Rentang."
summary.en = "Range."
visits = "indicator"
where = { target = "grade" }
check = "range"
options = { min = 0, max = 100 }
severity = "warning"
message.id = "Nilai {value} di luar rentang"
message.en = "Value out of range"
why.id = "Sama."
why.en = "Sama."
reference = "TODO"
examples.fail = ["1\\tG\\tNilai\\tB"]
examples.pass = ["1\\tG\\tNilai\\tB"]

[[rule]]
code = "XX003"
name = "grades-high"
summary.id = "Tinggi."
summary.en = "High."
visits = "indicator"
where = { target = "grade" }
check = "one_of"
options = { field = "grade", values = ["A", "B"] }
severity = "warning"
message.id = "Nilai {target}"
message.en = "Grade {target}"
why.id = "Alasan."
why.en = "Reason."
reference = "Contoh"
examples.fail = ["1\\tG\\tNilai\\tC"]
examples.pass = ["1\\tG\\tNilai\\tA"]

[[rule]]
code = "XX004"
name = "grades-low"
summary.id = "Rendah."
summary.en = "Low."
visits = "indicator"
where = { target = "grade" }
check = "one_of"
options = { field = "grade", values = ["D", "E"] }
severity = "warning"
message.id = "Nilai {target}"
message.en = "Grade {target}"
why.id = "Alasan."
why.en = "Reason."
reference = "Contoh"
examples.fail = ["1\\tG\\tNilai\\tA"]
examples.pass = ["1\\tG\\tNilai\\tD"]
'''
    path = tmp_path / "bad.toml"
    path.write_text(bad)
    result = run("rules", "lint", "--rules", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{path}: XX002 range-on-grades: can never fire: it only looks at ['grade'] targets, but check 'range' needs ['number', 'percent', 'quantity', 'range']" in lines
    assert f"{path}: XX002 range-on-grades: why is not translated (Indonesian and English are the same)" in lines
    assert f"{path}: XX002 range-on-grades: placeholder {{value}} is used in message.id but not in message.en" in lines
    assert f"{path}: XX002 range-on-grades: reference is a placeholder: name a regulation by number and article, or leave it out and give lke = [...]" in lines
    assert f"{path}: XX004 grades-low: contradicts XX003 grades-high: allows ['D', 'E'] where XX003 allows only ['A', 'B']; every value fails one of them" in lines
    assert f"{path}: RKT015 goal-worded-as-activity: is disabled (it will not run)" in lines
    assert lines[-1] == f"rules lint: {len(lines) - 1} masalah dalam {len(load_rulesets([str(path)]).rules)} aturan"


@pytest.mark.parametrize("ruleset", builtin_names())
def test_builtin_rulesets_lint_clean_and_every_rule_is_translated(ruleset):
    result = run("rules", "lint", "--rules", ruleset)
    assert (result.returncode, result.stdout) == (0, f"rules lint: 0 masalah dalam {len(load_rulesets([ruleset]).rules)} aturan\n")
    for rule in load_rulesets([ruleset]).rules:
        for text in (rule.spec.summary, rule.spec.why, rule.spec.message):
            assert text.id.strip() and text.en.strip() and text.id != text.en


@pytest.mark.parametrize("lang, path", [("en", "docs/rules.md"), ("id", "docs/rules.id.md")])
def test_committed_rule_reference_is_current(lang, path):
    generated = run("rules", "docs", "--lang", lang).stdout
    assert generated == (ROOT / path).read_text(encoding="utf-8"), f"{path} is stale: run make docs"
    assert "## RKT006 aligned-target-consistent" in generated


def test_check_explain_reports_visits_skips_comparisons_and_could_not_evaluate(tmp_path):
    text = (ROOT / SEED).read_text(encoding="utf-8").replace("Pontianak, 10 Januari 2023\nKetua KPU Kota Pontianak\n\n\n\nDENI NULIADI\n", "")
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    result = run("check", str(tmp_path / "plan.txt"), "--explain", "--lang", "en")
    lines = result.stdout.splitlines()
    assert "RKT002 percent-in-range (error): visited 34 indicators, skipped by filter 10, findings 0, could not evaluate 0" in lines
    assert "RKT004 signatory-matches-unit (error): visited 2 documents, skipped by filter 0, findings 0, could not evaluate 1" in lines
    assert f"    could not evaluate: {tmp_path / 'plan.txt'} / KPU KOTA PONTIANAK (line 21): no signer's role or no unit" in lines
    compared = lines[lines.index(next(l for l in lines if l.startswith("RKT006"))) + 2]
    assert compared.startswith("        compared: parent_target=100%, child_target=89%, parent_goal=4")
    assert result.returncode == 0


def test_check_kind_table_in_the_authoring_guide_is_the_registry():
    """Before, the hand-kept table missed a third of the kinds: now generated by `make docs`."""
    from rkt_rules.rules.authoring import with_check_kind_table
    from rkt_rules.rules.checks import CHECKS

    text = Path("docs/authoring.md").read_text(encoding="utf-8")
    assert text == with_check_kind_table(text), "docs/authoring.md's check-kind table is stale: run `make docs`"
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == sorted(CHECKS)
