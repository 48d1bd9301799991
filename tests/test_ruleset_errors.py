"""Broken rule files: each gives one line naming the file, line, rule and key, and exit 2."""

import re
import subprocess
import sys

import pytest

from rkt_rules.errors import RulesetError
from rkt_rules.rules.ruleset import load_ruleset, load_rulesets
from tests.conftest import SEED

GOOD = '''[[rule]]
code = "XX001"
name = "my-rule"
summary.id = "Sasaran memiliki paling banyak tiga indikator."
summary.en = "A goal has at most three indicators."
visits = "goal"
check = "count"
options = { of = "indicators", max = 3 }
severity = "warning"
message.id = "Sasaran {goal} memiliki {count} indikator"
message.en = "Goal {goal} has {count} indicators"
why.id = "Fokus."
why.en = "Focus."
reference = "Pergub X"
examples.fail = ["1\\tG\\tI1\\t1\\n\\t\\tI2\\t1\\n\\t\\tI3\\t1\\n\\t\\tI4\\t1"]
examples.pass = ["1\\tG\\tI\\t1"]
'''


def variant(old, new):
    assert old in GOOD, old
    return GOOD.replace(old, new)


CASES = [
    ("bad-toml", "[[rule]\n", "r.toml:1: invalid TOML: Expected ']]' at the end of an array declaration (column 7)"),
    ("unknown-top-level", "colour = 'red'\n" + GOOD, "r.toml:1: unknown top-level key 'colour' (expected one of: cases, description, extends, name, rule, rules)"),
    ("unknown-rule-key", variant('why.en = "Focus."', 'why.en = "Focus."\nhow = "x"'), "r.toml:14: rule XX001 (my-rule): how: unknown key"),
    ("missing-key", variant('why.id = "Fokus."\nwhy.en = "Focus."\n', ""), "r.toml:1: rule XX001 (my-rule): why: required key is missing"),
    ("missing-why-language", variant('why.id = "Fokus."\n', ""), "r.toml:1: rule XX001 (my-rule): why.id: required key is missing"),
    ("wrong-type", variant('severity = "warning"', "severity = 3"), "r.toml:9: rule XX001 (my-rule): severity: must be one of 'error', 'warning' or 'info', not 3"),
    ("bad-severity", variant('severity = "warning"', 'severity = "fatal"'), "r.toml:9: rule XX001 (my-rule): severity: must be one of 'error', 'warning' or 'info', not 'fatal'"),
    ("bad-code", variant('code = "XX001"', 'code = "x1"'), "r.toml:2: rule x1 (my-rule): code: must match the pattern '^[A-Z]{2,5}[0-9]{3}$', not 'x1'"),
    ("bad-name", variant('name = "my-rule"', 'name = "My Rule"'), "r.toml:3: rule XX001 (My Rule): name: must match the pattern '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$', not 'My Rule'"),
    ("unknown-check", variant('check = "count"', 'check = "python"'), "r.toml:7: rule XX001 (my-rule): check: unknown check kind 'python' (known: achievement_above, achievement_follows, aligned, at_scale_top, average_follows, budget_total, category_follows_scale, change_as_level, count, counterpart, counterpart_given, counts_outputs, date_in_year, diagnostics, distinct, grade_scale, identity, measured_elsewhere, measures_input, nip_well_formed, one_of, own_office, pairable, parties, pattern, range, readable, realisation_in_target_unit, realisation_reported, scale, scale_complete, sequence, signatory, signature_complete, signed_by_head, status_as_percent, targets_given, unique, unit_matches, whole_count, worded_as_activity, years_agree)"),
    ("wrong-visits", variant('visits = "goal"', 'visits = "indicator"'), "r.toml:6: rule XX001 (my-rule): visits: check 'count' visits plan, document or goal, not 'indicator'"),
    ("unknown-option", variant("max = 3 }", "max = 3, colour = 1 }"), "r.toml:8: rule XX001 (my-rule): options.colour: unknown key"),
    ("option-wrong-type", variant("max = 3 }", 'max = "three" }'), "r.toml:8: rule XX001 (my-rule): options.max: must be a whole number, not 'three'"),
    ("bad-regex", variant('check = "count"\noptions = { of = "indicators", max = 3 }', 'check = "pattern"\noptions = { regex = "(unclosed" }'),
     "r.toml:8: rule XX001 (my-rule): options.regex: invalid regular expression: missing ): (unclosed"),
    ("lookaround-regex", variant('check = "count"\noptions = { of = "indicators", max = 3 }', 'check = "pattern"\noptions = { regex = "(?=a)b" }'),
     "r.toml:8: rule XX001 (my-rule): options.regex: invalid regular expression: invalid perl operator: (?= "
     "(lookaround and backreferences cannot run in linear time: rewrite without them)"),
    ("bad-where-regex", variant('visits = "goal"', 'visits = "goal"\nwhere = { text_matches = "[" }'),
     "r.toml:7: rule XX001 (my-rule): where.text_matches: invalid regular expression: missing ]: ["),
    ("missing-language", variant('message.en = "Goal {goal} has {count} indicators"\n', ""), "r.toml:1: rule XX001 (my-rule): message.en: required key is missing"),
    ("unknown-placeholder", variant("{count} indikator", "{jumlah} indikator"), "r.toml:10: rule XX001 (my-rule): message.id: unknown placeholder {jumlah} (available: count, document_kind, fiscal_year, goal, goal_text, indicator, max, min, of, position, target, unit)"),
    ("attribute-placeholder", variant("{count} indicators", "{count.__class__} indicators"), "r.toml:11: rule XX001 (my-rule): message.en: placeholder {count.__class__} must be a plain {name}"),
    ("format-spec-placeholder", variant("{count} indicators", "{count!r} indicators"), "r.toml:11: rule XX001 (my-rule): message.en: placeholder {count!r} must be a plain {name}"),
    ("malformed-template", variant("{count} indicators", "{count indicators"), "r.toml:11: rule XX001 (my-rule): message.en: malformed message template: its braces { } do not pair up (a literal brace is written {{ or }})"),
    ("no-examples", variant('examples.pass = ["1\\tG\\tI\\t1"]', "examples.pass = []"), "r.toml:16: rule XX001 (my-rule): examples.pass: must hold 1 or more items"),
    ("duplicate-code", GOOD + GOOD.replace('name = "my-rule"', 'name = "other-rule"'), "r.toml:18: rule XX001 (other-rule): duplicate code (already used by XX001 my-rule in r.toml)"),
    ("duplicate-code-with-default", 'extends = ["default"]\n' + GOOD.replace("XX001", "RKT001"), "r.toml:3: rule RKT001 (my-rule): duplicate code (already used by RKT001 goal-has-indicator in {default})"),
    ("unknown-override", 'extends = ["default"]\n[rules.no-such-rule]\nseverity = "error"\n', "r.toml:2: rules.no-such-rule: no inherited rule with that name or code"),
    ("override-bad-key", 'extends = ["default"]\n[rules.grade-scale]\ncolour = "red"\n', "r.toml:3: rules.grade-scale: colour: unknown key (overridable: enabled, options, severity, where)"),
    ("override-bad-severity", 'extends = ["default"]\n[rules.grade-scale]\nseverity = "loud"\n', "r.toml:3: rules.grade-scale: severity: must be one of 'error', 'warning' or 'info', not 'loud'"),
    ("override-bad-option", 'extends = ["default"]\n[rules.percent-sign-missing]\noptions = { field = "__class__" }\n', None),
    ("unknown-extends", 'extends = ["nope"]\n', "r.toml:1: unknown ruleset 'nope'; built-in rulesets: default, sakip"),
    ("extends-not-list", 'extends = "default"\n', "r.toml:1: extends: expected a list of ruleset names or paths"),
    ("extends-cycle", 'extends = ["r.toml"]\n', "r.toml: extends cycle: r.toml -> r.toml"),
    ("rule-not-table", "rule = 5\n", "r.toml:1: rule: expected [[rule]] tables"),
    ("empty-ruleset", "# nothing here\n", "r.toml: defines no rules: a ruleset needs [[rule]] tables or extends = [...]"),
    ("binary-junk", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "r.toml: not UTF-8 text (byte 0); a ruleset is a TOML file"),
    ("missing-case-file", variant('examples.fail = ["1\\tG\\tI1\\t1\\n\\t\\tI2\\t1\\n\\t\\tI3\\t1\\n\\t\\tI4\\t1"]\nexamples.pass = ["1\\tG\\tI\\t1"]',
                                  'examples = "cases/XX001.toml"'), "r.toml:15: rule XX001 (my-rule): examples: no such file of examples: cases/XX001.toml"),
]


@pytest.mark.parametrize("name, content, message", CASES, ids=[c[0] for c in CASES])
def test_broken_ruleset_message(tmp_path, monkeypatch, name, content, message):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "r.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(RulesetError) as caught:
        load_ruleset("r.toml")
    text = caught.value.one_line()
    from rkt_rules.rules.ruleset import builtin_dir

    if message is None:
        assert text.startswith("r.toml:3: rule RKT009 (percent-sign-missing): options.field: must be one of 'text', ") and text.endswith("not '__class__'")
    else:
        assert text == message.replace("{default}", str(builtin_dir() / "default.toml"))


@pytest.mark.parametrize("name, content", [(c[0], c[1]) for c in CASES[::4]], ids=[c[0] for c in CASES[::4]])
def test_broken_ruleset_on_the_command_line_exits_2_with_one_line(tmp_path, name, content):
    path = tmp_path / "r.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", SEED, "--rules", str(path)], capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("rkt-rules: galat: ")
    assert "Traceback" not in result.stderr


def test_good_ruleset_loads_and_merges_with_default(tmp_path):
    (tmp_path / "r.toml").write_text(GOOD)
    merged = load_rulesets(["default", str(tmp_path / "r.toml")])
    assert merged.find("my-rule").code == "XX001" and merged.find("RKT001").name == "goal-has-indicator"


def test_sakip_narrows_grade_scale_and_keeps_the_rest():
    sakip = load_rulesets(["sakip"])
    assert sakip.find("grade-scale").options.values == ("AA", "A", "BB", "B", "CC", "C", "D")
    assert len(sakip.rules) == len(load_rulesets(["default"]).rules)


def test_unknown_builtin_name_lists_the_choices():
    with pytest.raises(RulesetError, match="unknown ruleset 'strict'; built-in rulesets: default, sakip"):
        load_rulesets(["strict"])


def test_a_ruleset_named_beside_the_one_it_extends_is_merged_not_a_duplicate(tmp_path):
    """`rules = ["default", "rules/kalbar.toml"]`, where kalbar extends default (as docs/ci.md shows it): the
    province's overrides hold, nothing is loaded twice; the same ruleset named twice is loaded once."""
    import shutil

    from tests.conftest import ROOT

    for name in ("kalbar.toml", "kalbar.cases.toml"):
        shutil.copy(ROOT / "docs" / "examples" / name, tmp_path / name)
    alone = load_rulesets([str(tmp_path / "kalbar.toml")])
    for specs in (["default", str(tmp_path / "kalbar.toml")], [str(tmp_path / "kalbar.toml"), "default"], ["default", "sakip", "default"]):
        merged = load_rulesets(specs)
        codes = [rule.code for rule in merged.rules]
        assert len(codes) == len(set(codes))
    merged = load_rulesets(["default", str(tmp_path / "kalbar.toml")])
    assert [(r.code, r.severity, r.spec.options) for r in merged.rules] == [(r.code, r.severity, r.spec.options) for r in alone.rules]
    assert len(load_rulesets(["default", "default"]).rules) == len(load_rulesets(["default"]).rules)


ENGLISH = re.compile(r"\b(?:should|expected|unknown|required|must|not UTF-8|cannot|duplicate|defines|visits|Input)\b")


@pytest.mark.parametrize("name, content", [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_a_broken_ruleset_is_said_in_indonesian_by_default(tmp_path, monkeypatch, name, content):
    """Every word the tool prints by default is Indonesian: pydantic's English and the loader's own are the
    catalog's, in each language (the English text above is the same error in --lang en)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.toml").write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(RulesetError) as caught:
        load_ruleset("r.toml")
    said = caught.value.one_line("id")
    message = re.sub(r"^r\.toml(?::\d+)?: (?:rule \S+ \([^)]*\): )?(?:[\w.\[\]-]+: )*", "", said)  # the place and the key named
    prose = re.sub(r"'[^']*'|\{[^}]*\}|\([^)]*\)$|\[[^\]]*\]", "", message)  # what is quoted or listed stays as written
    assert not ENGLISH.search(prose), said


def test_a_rules_examples_kept_in_a_case_file_beside_it_run_as_inline_ones(tmp_path, monkeypatch):
    """sqlfluff keeps a rule's test cases beside the rules: here ``examples = "cases/XX001.toml"``, a file of
    data (its fail and pass lists), read as the inline tables are; the built-in ruleset keeps its own so."""
    from rkt_rules.rules.authoring import run_examples

    monkeypatch.chdir(tmp_path)
    (tmp_path / "cases").mkdir()
    inline = 'examples.fail = ["1\\tG\\tI1\\t1\\n\\t\\tI2\\t1\\n\\t\\tI3\\t1\\n\\t\\tI4\\t1"]\nexamples.pass = ["1\\tG\\tI\\t1"]'
    (tmp_path / "cases" / "XX001.toml").write_text(inline.replace("examples.", ""), encoding="utf-8")
    (tmp_path / "r.toml").write_text(variant(inline, 'examples = "cases/XX001.toml"'), encoding="utf-8")
    rule = load_ruleset("r.toml").rules[0]
    assert rule.spec.examples.pass_ == ("1\tG\tI\t1",)
    assert [outcome.passed for outcome in run_examples([rule])] == [True, True]
    assert all(rule.spec.examples.fail and rule.spec.examples.pass_ for rule in load_ruleset("default").rules)
