"""``rkt-rules check``, ``rules`` and ``explain`` through the real command line."""

import json
import os
import shutil
import subprocess
import sys

from rkt_rules.rules.ruleset import load_rulesets
from tests.conftest import SEED


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd)


def test_directories_are_searched_for_plans(tmp_path):
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "sub" / "b.txt")
    (tmp_path / "notes.md").write_text("not a plan")
    data = json.loads(run("check", str(tmp_path), "--format", "json").stdout)
    assert data["summary"]["files"] == 2
    assert sorted({f["location"]["path"] for f in data["findings"]}) == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]


def test_an_unreadable_file_is_reported_and_the_rest_still_checked(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    result = run("check", SEED, str(tmp_path / "bad.txt"), "--format", "json", "--lang", "en")
    assert result.returncode == 2
    assert result.stderr == f"rkt-rules: error: {tmp_path / 'bad.txt'}: binary file (NUL bytes), not a text plan\n"
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_missing_path_and_empty_directory(tmp_path):
    assert run("check", "nope.txt", "--lang", "en").stderr == "rkt-rules: error: nope.txt: no such file or directory\n"
    result = run("check", str(tmp_path), "--lang", "en")
    assert (result.returncode, result.stderr) == (2, f"rkt-rules: error: {tmp_path}: directory holds no plan files (*.txt, *.toml, *.pdf, *.docx, *.xlsx, *.html, *.json)\n")


def test_output_file_is_written_and_input_never_overwritten(tmp_path):
    out = tmp_path / "report.json"
    assert run("check", SEED, "--format", "json", "--output", str(out)).returncode == 0
    assert json.loads(out.read_text())["summary"]["files"] == 1
    plan = tmp_path / "plan.txt"  # a copy: were the guard broken, the checkout's seed would be lost
    plan.write_bytes(open(SEED, "rb").read())
    result = run("check", str(plan), "--output", str(plan), "--lang", "en")
    assert result.returncode == 2 and "would overwrite an input" in result.stderr
    assert plan.read_bytes() == open(SEED, "rb").read()
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".rkt-rules-")]


def test_unknown_format_is_a_usage_error():
    result = run("check", SEED, "--format", "pdf", "--lang", "en")
    assert (result.returncode, result.stderr) == (2, "rkt-rules: error: unknown format 'pdf' (choose from: text, json, sarif, junit, github, markdown, html, xlsx)\n")


def test_toml_plan_is_checked_like_its_text_form(tmp_path):
    toml_path = tmp_path / "plan.toml"
    run("parse", SEED, "--format", "toml", "--output", str(toml_path))
    from_text = [(f["code"], f["location"]["unit"], f["location"]["goal"], f["message"]) for f in json.loads(run("check", SEED, "--format", "json").stdout)["findings"]]
    from_toml = [(f["code"], f["location"]["unit"], f["location"]["goal"], f["message"]) for f in json.loads(run("check", str(toml_path), "--format", "json").stdout)["findings"]]
    assert sorted(from_text) == sorted(from_toml)


def test_rules_lists_every_active_rule():
    listing = run("rules").stdout.splitlines()
    assert len(listing) == len(load_rulesets(["default"]).rules) and listing[0].startswith("RKT001  goal-has-indicator") and "galat" in listing[0]


def test_explain_by_name_or_code_in_both_languages():
    english = run("explain", "RKT006", "--lang", "en").stdout
    assert english.startswith("RKT006 aligned-target-consistent (warning, visits set, check aligned)")
    assert "Why: " in english and "Failing example:" in english
    assert "Mengapa: " in run("explain", "aligned-target-consistent").stdout
    result = run("explain", "nope", "--lang", "en")
    assert (result.returncode, result.stderr) == (2, "rkt-rules: error: no rule named 'nope'; see 'rkt-rules rules'\n")


def test_help_and_version():
    assert run("--help").stdout.startswith("penggunaan: rkt-rules")
    assert run("--version").stdout.startswith("rkt-rules 0.1.0")


def test_errors_are_indonesian_by_default_and_english_on_request(tmp_path):
    assert run("check", "nope.txt").stderr == "rkt-rules: galat: nope.txt: berkas atau folder tidak ada\n"
    assert run("check", "nope.txt", "--lang", "en").stderr == "rkt-rules: error: nope.txt: no such file or directory\n"
    (tmp_path / "empty.txt").write_text("")
    assert run("parse", str(tmp_path / "empty.txt")).stderr == f"rkt-rules: galat: {tmp_path / 'empty.txt'}: berkas kosong\n"
    assert run("bogus").stderr.startswith("rkt-rules: galat: argumen command: pilihan tidak sah: 'bogus'")
    assert run("bogus", "--lang", "en").stderr.startswith("rkt-rules: error: argument command: invalid choice: 'bogus'")
    (tmp_path / "bad.toml").write_text("[[rule]\n")
    untranslated = run("check", SEED, "--rules", str(tmp_path / "bad.toml"))  # the parser's own detail stays as it wrote it
    assert untranslated.returncode == 2 and untranslated.stderr.startswith(f"rkt-rules: galat: {tmp_path / 'bad.toml'}:1: TOML tidak sah")


def test_output_reaching_an_input_by_another_name_or_inside_an_input_folder_is_refused(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "a.txt"
    plan.write_bytes(open(SEED, "rb").read())
    (tmp_path / "link.txt").symlink_to(plan)
    for output in (tmp_path / "link.txt", plans / ".." / "plans" / "a.txt", plans / "new-report.txt"):
        result = run("check", str(plans), "--output", str(output), "--lang", "en")
        assert result.returncode == 2 and "would overwrite an input" in result.stderr, output
    for output in (tmp_path / "link.txt", plans / ".." / "plans" / "a.txt"):  # the plan named itself, not its folder
        result = run("check", str(plan), "--output", str(output), "--lang", "en")
        assert result.returncode == 2 and "would overwrite an input" in result.stderr, output
    assert plan.read_bytes() == open(SEED, "rb").read() and not (plans / "new-report.txt").exists()
    assert run("check", str(plans), "--format", "json", "--output", str(plans / "report.json")).returncode == 0  # not a plan file


def test_quiet_prints_the_findings_only():
    full = run("check", SEED, "--lang", "en", "--fail-on", "never")
    quiet = run("check", SEED, "--lang", "en", "--fail-on", "never", "--quiet")
    assert quiet.returncode == full.returncode == 0
    assert quiet.stdout == "".join(full.stdout.splitlines(keepends=True)[:-1])  # no summary line
    assert quiet.stdout and all(" RKT" in line for line in quiet.stdout.splitlines())


def test_the_github_format_adds_the_markdown_report_to_the_job_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", SEED, "--format", "github", "--fail-on", "never"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## rkt-rules: ") and "temuan" in text  # appended, the step before kept
    assert result.stdout.startswith("::")  # the annotations themselves still go to stdout
    plain = subprocess.run([sys.executable, "-m", "rkt_rules", "check", SEED, "--fail-on", "never"], capture_output=True, text=True, env=env)
    assert plain.returncode == 0 and summary.read_text(encoding="utf-8") == text  # only the github format writes it
