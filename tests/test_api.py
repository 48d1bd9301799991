"""The public API: what docs/api.md promises, on the same pipeline as the CLI."""

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import rkt_rules
from tests.conftest import ROOT, SEED


def test_the_documented_example_prints_what_the_page_says():
    text = Path("docs/api.md").read_text(encoding="utf-8")
    code = re.search(r"## Example\n\n```python\n(.*?)```", text, re.S).group(1)
    printed = re.search(r"prints\n\n```text\n(.*?)```", text, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/api.md", "exec"), {})
    assert out.getvalue() == printed


def test_check_gives_the_findings_the_cli_prints():
    cli = subprocess.run([sys.executable, "-m", "rkt_rules", "check", SEED, "--format", "json", "--lang", "en", "--no-config"],
                         capture_output=True, text=True, cwd=ROOT)
    report = rkt_rules.check(SEED, lang="en")
    assert [f.to_dict() for f in report.findings] == json.loads(cli.stdout)["findings"]
    assert report.summary() == json.loads(cli.stdout)["summary"]


def test_plans_already_read_are_checked_like_their_files():
    by_path = rkt_rules.check(SEED)
    by_plan = rkt_rules.check([rkt_rules.read_plan(SEED)], rules=rkt_rules.load_rules())
    assert [f.to_dict() for f in by_plan.findings] == [f.to_dict() for f in by_path.findings]
    assert by_plan.summary()["files"] == 1 and SEED in by_plan.plans


def test_rules_by_name_by_path_or_loaded_are_the_same_rules():
    loaded = rkt_rules.check(SEED, rules=rkt_rules.load_rules("benchmarks/core.toml"))
    named = rkt_rules.check(SEED, rules=["benchmarks/core.toml"])
    assert [f.code for f in loaded.findings] == [f.code for f in named.findings] == ["RKT006"]


def test_a_config_path_is_read_and_the_working_directory_never_searched(tmp_path, monkeypatch):
    (tmp_path / "rkt-rules.toml").write_text('disable = ["RKT006"]\n')
    monkeypatch.chdir(tmp_path)
    assert "RKT006" in [f.code for f in rkt_rules.check(ROOT / SEED).findings]
    assert "RKT006" not in [f.code for f in rkt_rules.check(ROOT / SEED, config=tmp_path / "rkt-rules.toml").findings]


def test_unreadable_files_are_named_and_the_rest_still_checked(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    report = rkt_rules.check([SEED, tmp_path / "empty.txt"])
    assert [e.one_line("en") for e in report.errors] == [f"{tmp_path / 'empty.txt'}: empty file"]
    assert report.summary()["files"] == 1 and report.findings


def test_errors_are_one_family():
    with pytest.raises(rkt_rules.PlanError):
        rkt_rules.read_plan("no-such-plan.txt")
    with pytest.raises(rkt_rules.RulesetError):
        rkt_rules.load_rules("no-such-ruleset")
    with pytest.raises(rkt_rules.UsageError):
        rkt_rules.check(SEED, lang="fr")
    assert all(issubclass(getattr(rkt_rules, name), rkt_rules.RktError) for name in ("PlanError", "RulesetError", "UsageError", "InstallError"))


def test_every_public_name_resolves_and_importing_the_package_is_cheap():
    assert all(getattr(rkt_rules, name) is not None for name in rkt_rules.__all__)
    code = "import sys, rkt_rules; print(sorted(m for m in ('pydantic', 'pint', 'rkt_rules.model') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout == "[]\n"


def test_the_readme_example_runs():
    text = Path("README.md").read_text(encoding="utf-8")
    code = re.search(r"## From Python\n\n```python\n(.*?)```", text, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    lines = out.getvalue().splitlines()
    assert lines[-1] == "[]" and any(line.startswith("RKT006 plans/kpu-kota-pontianak-2023.txt 69 ") for line in lines)
