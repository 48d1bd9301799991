"""Every damaged input ends in exit 0/1 with a valid report, or exit 2 with one
line naming the file: never a traceback, never an output over an input."""

import json
import os
import subprocess
import sys
import tomllib

import jsonschema
import pytest

from tests.conftest import ROOT, SEED

CORPUS = ROOT / "tests" / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text())
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())


def run(*args):
    """English error lines, which the corpus manifest quotes (Indonesian is tested in test_cli_check)."""
    env = {**os.environ, "RKT_RULES_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=ROOT, env=env)


def assert_one_line_error(result, path, fragment):
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"rkt-rules: error: {path}")
    assert fragment in result.stderr


def test_every_corpus_file_has_an_expected_outcome():
    stored = {p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".toml") and p.name != "expected.toml"}
    assert stored == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_outcome(name):
    expected = EXPECTED[name]
    path = f"tests/corpus/{name}"
    result = run("check", path, "--format", "json")
    assert result.returncode == expected["exit"], result.stderr
    if expected["exit"] == 2:
        assert_one_line_error(result, path, expected["error"])
        return
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    fired = [f["rule"] for f in report["findings"]]
    if expected.get("same_as_seed"):
        seed = json.loads(run("check", SEED, "--format", "json").stdout)
        strip = lambda findings: [(f["code"], f["location"]["line"], f["message"]) for f in findings]  # noqa: E731
        assert strip(report["findings"]) == strip(seed["findings"])
        return
    assert set(fired) == set(expected["rules"]), fired
    assert not set(expected.get("not", [])) & set(fired)
    for rule, count in expected.get("count", {}).items():
        assert fired.count(rule) == count


def test_a_one_megabyte_cell_is_refused_with_its_line(tmp_path):
    path = tmp_path / "cell.txt"
    path.write_text("No\tSasaran\tIndikator Kinerja\tTarget\n1\t" + "x" * 1_000_000 + "\tPersentase\t1%\n")
    assert_one_line_error(run("check", str(path)), f"{path}:2", "a cell is longer than the limit of 10000 characters (--max-cell)")


def test_a_hundred_thousand_row_table_is_refused_by_default_and_checked_when_allowed(tmp_path):
    path = tmp_path / "rows.txt"
    rows = "\n".join(f"{i}\tTerwujudnya {i}\tPersentase layanan {i}\t100%" for i in range(1, 100_001))
    path.write_text("No\tSasaran\tIndikator Kinerja\tTarget\n" + rows + "\n")
    assert_one_line_error(run("check", str(path)), f"{path}:50001", "more than 50000 table rows (--max-rows)")
    allowed = run("check", str(path), "--max-rows", "200000", "--format", "json")
    assert allowed.returncode == 0
    assert [f["rule"] for f in json.loads(allowed.stdout)["findings"]] == ["identity-readable", "signature-present"]  # a bare table: no unit, year or signature


def test_file_size_cap_is_configurable():
    assert_one_line_error(run("check", SEED, "--max-bytes", "1000"), SEED, "file is larger than the limit of 1000 bytes (--max-bytes)")
    assert run("check", SEED, "--max-rows", "0").stderr == "rkt-rules: error: --max-bytes, --max-rows and --max-cell must be positive\n"


def test_output_is_identical_whatever_the_file_order_and_jobs(tmp_path):
    files = sorted(str(p) for p in CORPUS.iterdir() if EXPECTED.get(p.name, {}).get("exit") in (0, 1))
    outputs = set()
    for order, jobs in ((files, "1"), (files[::-1], "2"), (files, "2")):
        for name in ("json", "sarif", "text"):
            out = tmp_path / f"{name}-{jobs}-{order[0][-8:]}"
            run("check", *order, "--format", name, "--jobs", jobs, "--output", str(out))
            outputs.add((name, out.read_bytes()))
    assert len(outputs) == 3


def test_terminal_control_characters_are_made_visible(tmp_path):
    path = tmp_path / "ansi.txt"
    path.write_text("No\tSasaran\tIndikator Kinerja\tTarget\n1\tTerwujudnya\tPersentase \x1b[2J\x1b[31mmerah\u202e\t6 Kec\n")
    output = run("check", str(path)).stdout
    assert "target-unit-matches-indicator" in output
    assert "\x1b" not in output and "\u202e" not in output
    assert "Persentase \\x1b[2J\\x1b[31mmerah\\u202e" in output


def _long_cell_files(tmp_path):
    """One plan per format whose first indicator is 20,000 characters: under --max-bytes, over --max-cell."""
    from tests.office_builders import build_docx, build_xlsx
    from rkt_rules.read import read_plan
    from rkt_rules.report.writers.toml_plan import plan_to_toml
    from rkt_rules.report.serialize import plan_to_json

    plan = read_plan(SEED)
    goal = plan.documents[0].goals[0]
    indicator = goal.indicators[0].model_copy(update={"text": "Persentase " + "layanan " * 2_500})
    goal = goal.model_copy(update={"indicators": (indicator, *goal.indicators[1:])})
    document = plan.documents[0].model_copy(update={"goals": (goal, *plan.documents[0].goals[1:])})
    plan = plan.model_copy(update={"documents": (document, *plan.documents[1:])})
    made = {"docx": build_docx(plan), "xlsx": build_xlsx(plan), "toml": plan_to_toml(plan).encode(), "json": plan_to_json(plan).encode()}
    for suffix, data in made.items():
        path = tmp_path / f"panjang.{suffix}"
        path.write_bytes(data)
        yield suffix, path


def test_max_cell_holds_for_every_format_not_only_text(tmp_path):
    for suffix, path in _long_cell_files(tmp_path):
        result = run("check", str(path))
        assert_one_line_error(result, str(path), "longer than the limit of 10000 characters (--max-cell)")
        assert run("check", str(path), "--max-cell", "30000").returncode in (0, 1), suffix


def test_max_rows_holds_for_plans_kept_as_code(tmp_path):
    from rkt_rules.read import read_plan
    from rkt_rules.report.writers.toml_plan import plan_to_toml
    from rkt_rules.report.serialize import plan_to_json

    for suffix, text in (("toml", plan_to_toml(read_plan(SEED))), ("json", plan_to_json(read_plan(SEED)))):
        path = tmp_path / f"plan.{suffix}"
        path.write_text(text)
        assert_one_line_error(run("check", str(path), "--max-rows", "20"), str(path), "more than 20 table rows (--max-rows)")
        assert run("check", str(path), "--max-rows", "2000").returncode in (0, 1)
