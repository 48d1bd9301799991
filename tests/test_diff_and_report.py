"""``diff`` between plan versions, ``report`` into a folder, the bundled reports, the HTML in a browser."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED, seed_findings


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def changed_plan(tmp_path):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    text = text.replace("Berfungsi dengan Baik\t100%", "Berfungsi dengan Baik\t95%")      # lowered
    text = text.replace("Data Pemilih Tepat Waktu\t100%", "Data Pemilih Tepat Waktu\t120%")  # raised above 100%
    path = tmp_path / "new.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_reports_two_retargets_and_one_introduced_finding(changed_plan):
    result = run("diff", SEED, str(changed_plan), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert [(c["change"], c["unit"], c["goal"], c["old"], c["new"]) for c in data["changes"]] == [
        ("retargeted", "SEKRETARIAT KPU KOTA PONTIANAK", "1", "100%", "95%"),
        ("retargeted", "SEKRETARIAT KPU KOTA PONTIANAK", "3", "100%", "120%")]
    assert [(f["rule"], f["location"]["goal"]) for f in data["findings"]["introduced"]] == [("percent-in-range", "3")]
    assert data["findings"]["resolved"] == [] and len(data["findings"]["persisting"]) == len(seed_findings())


def test_diff_of_a_plan_with_itself_changes_nothing_and_passes():
    result = run("diff", SEED, SEED, "--format", "markdown", "--lang", "en")
    assert result.returncode == 0
    assert "## Changes\n- none" in result.stdout and "## Introduced findings (0)" in result.stdout


def test_diff_counts_added_and_removed(tmp_path):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    text = text.replace("\t\tNilai Keterbukaan Informasi Publik\t100\n", "")
    text = text.replace("25\tKetersediaan Logistik Pemilu\tPersentase penyediaan logistik oleh KPU Kota Pontianak\t6 Kec",
                        "25\tTersedianya Logistik Pemilu\tPersentase logistik Pemilu yang tersedia tepat waktu\t100%")
    (tmp_path / "new.txt").write_text(text, encoding="utf-8")
    data = json.loads(run("diff", SEED, str(tmp_path / "new.txt"), "--format", "json").stdout)
    kinds = sorted((c["change"], c["goal"]) for c in data["changes"])
    assert kinds == [("added", "25"), ("removed", "2"), ("removed", "25")]
    resolved = sorted(f["rule"] for f in data["findings"]["resolved"])
    assert resolved == ["secretariat-supports-kpu", "target-at-scale-top", "target-unit-matches-indicator"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_of_an_added_and_a_removed_indicator_names_both_targets_in_every_format(tmp_path, fmt):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    removed = "\t\tNilai Keterbukaan Informasi Publik\t100\n"
    assert removed in text
    (tmp_path / "old.txt").write_text(text, encoding="utf-8")
    (tmp_path / "new.txt").write_text(text.replace(removed, "\t\tIndeks Kepuasan Pemilih\t3,5\n"), encoding="utf-8")
    result = run("diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", fmt)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    if fmt == "json":
        changes = {c["change"]: (c["indicator"], c["old"], c["new"]) for c in json.loads(result.stdout)["changes"]}
        assert changes == {"removed": ("Nilai Keterbukaan Informasi Publik", "100", None),
                           "added": ("Indeks Kepuasan Pemilih", None, "3,5")}
    else:
        assert "Nilai Keterbukaan Informasi Publik" in result.stdout and "(100 → –)" in result.stdout
        assert "Indeks Kepuasan Pemilih" in result.stdout and "(– → 3,5)" in result.stdout


def test_report_writes_four_formats_per_plan(tmp_path):
    shutil.copy(ROOT / SEED, tmp_path / "a.txt")
    result = run("report", str(tmp_path / "a.txt"), "--output-dir", str(tmp_path / "out"))
    assert result.returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.html", "a.json", "a.md", "a.xlsx"]
    assert oct(os.stat(tmp_path / "out" / "a.html").st_mode & 0o777) != oct(0o600)


def test_bundled_reports_are_current(tmp_path):
    """reports/ holds the bundled plan's reports; `make reports` regenerates them, dated by the Makefile's REPORT_EPOCH."""
    import re

    epoch = re.search(r"^REPORT_EPOCH := (\d+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    subprocess.run([sys.executable, "-m", "rkt_rules", "report", SEED, "--output-dir", str(tmp_path), "--fail-on", "never"],
                   capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch})
    committed = sorted(p.name for p in (ROOT / "reports").iterdir() if p.is_file())  # reports/screenshots/: the page test's, not committed
    assert committed == sorted(p.name for p in tmp_path.iterdir())
    for name in committed:
        assert (ROOT / "reports" / name).read_bytes() == (tmp_path / name).read_bytes(), f"reports/{name} is stale: run make reports"


def test_several_formats_in_one_run(tmp_path):
    result = run("check", SEED, "--format", "json,sarif,junit", "--output", str(tmp_path / "out.json"))
    assert result.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "out.sarif", "out.xml"]
    assert run("check", SEED, "--format", "json,sarif", "--lang", "en").stderr.startswith("rkt-rules: error: several formats need --output")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="chromium not installed (CI installs it in .ci/run)")
def test_html_report_renders_in_headless_chromium(tmp_path):
    assert CHROMIUM, "CI must install chromium (.ci/run)"
    page = ROOT / "reports" / "kpu-kota-pontianak-2023.html"
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "report.png"
    subprocess.run([*flags, "--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    report = json.loads((ROOT / "reports" / "kpu-kota-pontianak-2023.json").read_text(encoding="utf-8"))
    counts, findings = report["summary"], report["findings"]
    summary = f'{len(findings)} temuan ({counts["error"]} galat, {counts["warning"]} peringatan, {counts["info"]} info) dalam 1 berkas'
    assert f'<p class="summary" id="summary">{summary}</p>' in dom
    # each finding shows on its row and in the list: at least twice per finding of a code
    assert dom.count("RKT015") >= 2 * sum(f["code"] == "RKT015" for f in findings) > 0


def _lowered(text: str) -> str:
    return text.replace("Data Pemilih Tepat Waktu\t100%", "Data Pemilih Tepat Waktu\t120%")


def test_diff_of_two_folders_matches_files_by_path_and_names_added_plans(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    (old / "kota").mkdir(parents=True), (new / "kota").mkdir(parents=True)
    text = (ROOT / SEED).read_text(encoding="utf-8")
    (old / "kota" / "rkt.txt").write_text(text, encoding="utf-8")
    (new / "kota" / "rkt.txt").write_text(_lowered(text), encoding="utf-8")
    shutil.copy(ROOT / SEED, new / "kedua.txt")
    (new / "catatan.md").write_text("bukan rencana\n", encoding="utf-8")  # a note beside the plans: skipped, as in check
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert [(c["change"], c["file"], c["goal"]) for c in data["changes"]] == [
        ("retargeted", os.path.join("kota", "rkt.txt"), "3"), ("added", "kedua.txt", None)]
    introduced = [(f["rule"], f["location"]["path"]) for f in data["findings"]["introduced"]]
    assert ("percent-in-range", os.path.join("kota", "rkt.txt")) in introduced  # a path below the folder, as a reviewer reads it
    assert all(f["location"]["path"] == "kedua.txt" for f in data["findings"]["introduced"] if f["rule"] != "percent-in-range")
    markdown = run("diff", str(old), str(new), "--format", "markdown", "--lang", "en").stdout
    assert "- added — file kedua.txt" in markdown and f"`{os.path.join('kota', 'rkt.txt')}:" in markdown


def test_diff_between_two_git_revisions_of_a_plans_folder(tmp_path):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"}
    text = (ROOT / SEED).read_text(encoding="utf-8")
    (repo / "plans" / "rkt.txt").write_text(text, encoding="utf-8")
    for step in (["init", "-q"], ["add", "."], ["commit", "-qm", "rencana"]):
        subprocess.run([git, *step], cwd=repo, check=True, env=env)
    (repo / "plans" / "rkt.txt").write_text(_lowered(text), encoding="utf-8")
    subprocess.run([git, "commit", "-qam", "target naik"], cwd=repo, check=True, env=env)
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "diff", "HEAD~1:plans", "HEAD:plans", "--format", "markdown", "--lang", "en"],
                            capture_output=True, text=True, cwd=repo, env={**env, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr
    assert "retargeted — rkt.txt: SEKRETARIAT KPU KOTA PONTIANAK, goal 3" in result.stdout
    assert "`rkt.txt:" in result.stdout and "rkt-rules-diff-" not in result.stdout  # paths in the tree, never the temporary folder
    unknown = subprocess.run([sys.executable, "-m", "rkt_rules", "diff", "no-such-ref", "HEAD", "--lang", "en"],
                             capture_output=True, text=True, cwd=repo, env={**env, "PYTHONPATH": str(ROOT)})
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1 and "no-such-ref is no file, folder or known git revision" in unknown.stderr


def test_a_pr_comment_puts_new_findings_first_folds_the_rest_and_fits_githubs_limit(monkeypatch):
    from rkt_rules import diff as diffing
    from rkt_rules.api import check

    report = check(str(ROOT / SEED))
    result = diffing.DiffResult("lama", "baru", introduced=report.findings[:2], persisting=report.findings * 40)
    markdown = diffing.render_diff(result, "markdown", "id")
    assert markdown.index("## Temuan baru (2)") < markdown.index("<details><summary>Temuan tetap")
    assert "**peringatan**" in markdown or "**info**" in markdown  # severity words in the report's language
    monkeypatch.setattr(diffing, "COMMENT_LIMIT", 3_000)
    cut = diffing.render_diff(result, "markdown", "id")
    assert len(cut) < 3_600 and "Daftar dipotong agar muat dalam satu komentar" in cut and cut.rstrip().endswith("</details>")


def test_under_a_baseline_a_finding_the_change_fixed_is_resolved_and_an_accepted_one_is_never_introduced(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    text = (ROOT / SEED).read_text(encoding="utf-8")
    (old / "rkt.txt").write_text(text, encoding="utf-8")
    fixed = text.replace("Pontianak\t6 Kec", "Pontianak\t100%")  # RKT008 (a percentage indicator counted in kecamatan) fixed
    assert fixed != text
    (new / "rkt.txt").write_text(fixed, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert run("check", str(old), "--write-baseline", str(baseline), "--fail-on", "never").returncode == 0
    result = run("diff", str(old), str(new), "--baseline", str(baseline), "--format", "json")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [f["code"] for f in findings["resolved"]] == ["RKT008"]
    assert findings["introduced"] == [] and findings["persisting"] == []  # every other one accepted, in both
