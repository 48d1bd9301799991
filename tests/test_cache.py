"""The re-check cache (issue 26): the same output from it, byte for byte; a change of the file, the rules,
the configuration or the tool misses; a damaged or foreign entry is ignored and rewritten, never run or
trusted; no cache when asked (--no-cache) or when the folder cannot be written."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rkt_rules import cache as cache_module

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def project(tmp_path):
    shutil.copytree(PLANS, tmp_path / "plans")
    return tmp_path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(".rkt-rules-cache/v*/*/*.json"))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_a_recheck_from_the_cache_gives_the_same_output_byte_for_byte(project, fmt):
    cold = run("check", "plans", "--format", fmt, "--fail-on", "never", cwd=project)
    assert cold.returncode == 0, cold.stderr
    assert len(entries(project)) == len(list((project / "plans").iterdir()))
    assert (project / ".rkt-rules-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    warm = run("check", "plans", "--format", fmt, "--fail-on", "never", cwd=project)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)


def test_a_cache_hit_does_not_read_the_plan_again(project):
    run("check", "plans", "--lang", "en", cwd=project)
    seed = project / "plans" / "kpu-kota-pontianak-2023.txt"
    key_files = entries(project)
    # an entry stands for its file's result: rewrite one entry's findings and the next run reports them
    for path in key_files:
        entry = json.loads(path.read_text())
        if entry["plan"]["path"].endswith("kpu-kota-pontianak-2023.txt"):
            entry["findings"] = entry["findings"][:1]
            path.write_text(json.dumps(entry))
    again = run("check", str(seed.relative_to(project)), "--lang", "en", "--no-sets", cwd=project)
    assert again.stdout.count(" RKT") == 1


def test_a_changed_file_misses_and_only_it_is_read_again(project):
    """And the plan sets it is in are compared again: the output is a cold run's."""
    run("check", "plans", cwd=project)
    before = {p.name for p in entries(project)}
    seed = project / "plans" / "kpu-kota-pontianak-2023.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("\t35\n", "\t135%\n", 1), encoding="utf-8")
    result = run("check", "plans", "--fail-on", "never", cwd=project)
    assert "RKT002" in result.stdout  # the change is seen
    assert result.stdout == run("check", "plans", "--fail-on", "never", "--no-cache", cwd=project).stdout
    after = {p.name for p in entries(project)}
    assert len(after - before) == 1 and before <= after


@pytest.mark.parametrize("change", [
    ["--rules", str(ROOT / "benchmarks" / "core.toml")],
    ["--lang", "en"],
])
def test_another_ruleset_or_language_misses(project, change):
    run("check", "plans", cwd=project)
    before = {p.name for p in entries(project)}
    run("check", "plans", *change, cwd=project)
    assert {p.name for p in entries(project)} - before


def test_a_config_change_misses(project):
    run("check", "plans", cwd=project)
    before = {p.name for p in entries(project)}
    (project / "rkt-rules.toml").write_text('[vocabulary.words.activity]\nwords = ["penataan"]\n', encoding="utf-8")
    run("check", "plans", cwd=project)
    assert {p.name for p in entries(project)} - before


def test_the_tools_own_source_is_in_the_fingerprint(monkeypatch):
    first = cache_module.fingerprint([], "id")
    monkeypatch.setattr(cache_module, "_source_digest", lambda: "another build")
    assert cache_module.fingerprint([], "id") != first


@pytest.mark.parametrize("damage", [b"", b"{", b"\x80\x81", b'{"key": "x"}', b"[]", b'{"findings": 5}',
                                    b"\x80\x04\x95cos\nsystem\n."])
def test_a_damaged_or_foreign_entry_is_ignored_and_rewritten(project, damage):
    cold = run("check", "plans", "--format", "json", "--fail-on", "never", cwd=project)
    every = sorted(project.glob(".rkt-rules-cache/v*/**/*.json"))
    assert len(every) > len(entries(project))  # the plan sets' comparisons are kept too
    for path in every:
        path.write_bytes(damage)
    warm = run("check", "plans", "--format", "json", "--fail-on", "never", cwd=project)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert all(json.loads(path.read_bytes())["findings"] is not None for path in entries(project))


def test_a_wrongly_shaped_entry_with_the_right_key_is_ignored(project):
    cold = run("check", "plans", "--format", "json", "--fail-on", "never", cwd=project)
    for path in entries(project):
        entry = json.loads(path.read_text())
        entry["findings"] = [{"code": 1}]
        entry["cards"] = [["x"]]
        path.write_text(json.dumps(entry))
    warm = run("check", "plans", "--format", "json", "--fail-on", "never", cwd=project)
    assert warm.stdout == cold.stdout


def test_no_cache_writes_nothing_and_cache_dir_chooses_the_place(project):
    run("check", "plans", "--no-cache", cwd=project)
    assert not (project / ".rkt-rules-cache").exists()
    run("check", "plans", "--cache-dir", "elsewhere", cwd=project)
    assert list((project / "elsewhere").glob("v*/*/*.json")) and not (project / ".rkt-rules-cache").exists()


def test_a_cache_that_cannot_be_written_costs_only_the_speed(project):
    (project / ".rkt-rules-cache").write_text("a file where the folder would be", encoding="utf-8")
    result = run("check", "plans", "--fail-on", "never", cwd=project)
    assert result.returncode == 0 and result.stderr == ""
    assert (project / ".rkt-rules-cache").read_text(encoding="utf-8") == "a file where the folder would be"


def test_the_library_writes_no_cache(tmp_path, monkeypatch):
    import rkt_rules

    monkeypatch.chdir(tmp_path)
    rkt_rules.check([str(PLANS / "kpu-kota-pontianak-2023.txt")])
    assert not (tmp_path / ".rkt-rules-cache").exists()


def test_helper_processes_fill_and_read_the_cache_alike(tmp_path):
    """A batch large enough for the process pool (16 files or more): workers write entries, the next run's read them."""
    for copy in range(3):
        shutil.copytree(PLANS, tmp_path / "plans" / f"copy{copy}")
    cold = run("check", "plans", "--jobs", "2", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert len(entries(tmp_path)) == 3 * len(list(PLANS.iterdir()))
    warm = run("check", "plans", "--jobs", "2", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    alone = run("check", "plans", "--jobs", "1", "--format", "json", "--fail-on", "never", "--no-cache", cwd=tmp_path)
    assert cold.stdout == warm.stdout == alone.stdout and cold.returncode == warm.returncode == 0
