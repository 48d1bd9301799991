"""``rkt-rules parse`` through the real command line."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SEED


def run(*args, cwd=None):
    env = {**os.environ, "RKT_RULES_LANG": "en"}  # errors are pinned in English here
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_parse_json_follows_the_contract():
    result = run("parse", SEED, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 2 and data["path"] == SEED
    first = data["documents"][0]
    assert {"title", "document_type", "unit", "parent_unit", "fiscal_year", "kind", "goals", "signature", "signatures", "programs"} <= first.keys()
    assert (first["document_type"], first["unit"], first["fiscal_year"], first["parent_unit"]) == ("rkt", "KPU KOTA PONTIANAK", 2023, None)
    goal = first["goals"][0]
    assert goal["number"] == "1" and goal["line"] == 23
    assert goal["indicators"][0]["target"] == {
        "raw": "35", "kind": "percent", "value": 35, "unit": "percent", "grade": None, "parts": [],
        "unit_written": False, "comparator": None, "low": None, "high": None, "problem": None, "per": None}
    signer = {"party": "signer", "place": "Pontianak", "date": "2023-01-10", "year": 2023, "month": 1, "role": "Ketua KPU Kota Pontianak",
              "name": "DENI NULIADI", "nip": None, "rank": None, "line": 30, "cell": None}
    assert first["signature"] == signer and first["signatures"] == [signer]


def test_parse_toml_then_parse_that_gives_the_same_plan(tmp_path):
    toml_path = tmp_path / "plan.toml"
    assert run("parse", SEED, "--format", "toml", "--output", str(toml_path)).returncode == 0
    again = json.loads(run("parse", str(toml_path)).stdout)
    original = json.loads(run("parse", SEED).stdout)
    strip = lambda d: json.loads(json.dumps(d, sort_keys=True).replace(SEED, "").replace(str(toml_path), ""))  # noqa: E731
    assert len(again["documents"]) == len(original["documents"]) == 2
    for doc_a, doc_b in zip(again["documents"], original["documents"], strict=True):
        assert [g["text"] for g in doc_a["goals"]] == [g["text"] for g in doc_b["goals"]]
        assert [i["target"] for g in doc_a["goals"] for i in g["indicators"]] == [i["target"] for g in doc_b["goals"] for i in g["indicators"]]
    assert strip(again)["documents"][0]["signature"]["name"] == "DENI NULIADI"


@pytest.mark.parametrize("args, message", [
    (["parse", "missing.txt"], "rkt-rules: error: missing.txt: no such file\n"),
    (["parse", "plans"], "rkt-rules: error: plans: is a directory, not a plan file\n"),
    (["parse"], "rkt-rules: error: the following arguments are required: PATH\n"),
])
def test_parse_errors_are_one_line_with_exit_2(args, message):
    before = open(SEED, "rb").read()
    result = run(*args)
    assert (result.returncode, result.stderr, result.stdout) == (2, message, "")
    assert open(SEED, "rb").read() == before


def test_parse_refuses_to_write_over_its_input(tmp_path):
    plan = tmp_path / "plan.txt"  # a copy: were the guard broken, the checkout's seed would be lost
    plan.write_bytes(open(SEED, "rb").read())
    result = run("parse", str(plan), "--output", str(plan))
    assert (result.returncode, result.stderr, result.stdout) == (2, f"rkt-rules: error: --output {plan} would overwrite an input; choose another path\n", "")
    assert plan.read_bytes() == open(SEED, "rb").read()
