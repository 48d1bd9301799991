"""Baselines, suppressions and the project config, through the real command line."""

import datetime as dt
import json
import shutil
import subprocess
import sys

from tests.conftest import ROOT, SEED, seed_counts, seed_findings, english_counts


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def plan_copy(tmp_path, text=None):
    target = tmp_path / "plan.txt"
    if text is None:
        shutil.copy(ROOT / SEED, target)
    else:
        target.write_text(text, encoding="utf-8")
    return target


def findings(result):
    return json.loads(result.stdout)["findings"]


def test_baseline_survives_reformatting_and_shows_only_new_faults(tmp_path):
    plan = plan_copy(tmp_path)
    assert run("check", "plan.txt", "--write-baseline", "baseline.json", cwd=tmp_path).returncode == 0
    entries = json.loads((tmp_path / "baseline.json").read_text())["entries"]
    assert sum(e["count"] for e in entries) == len(seed_findings()) and "line" not in entries[0]

    text = (ROOT / SEED).read_text(encoding="utf-8")
    plan.write_text(text.replace("\n1\tTerwujudnya Dukungan", "\n\n\n\n1\tTerwujudnya Dukungan"), encoding="utf-8")
    quiet = run("check", "plan.txt", "--baseline", "baseline.json", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert (quiet.returncode, findings(quiet)) == (0, [])
    assert json.loads(quiet.stdout)["summary"]["suppressed"] == len(seed_findings())

    plan.write_text(text.replace("Tepat Waktu\t100%", "Tepat Waktu\t120%"), encoding="utf-8")
    noisy = run("check", "plan.txt", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert noisy.returncode == 1
    assert [(f["rule"], f["location"]["goal"]) for f in findings(noisy)] == [("percent-in-range", "3")]


def test_suppressions_need_a_reason_are_listed_apart_and_expire(tmp_path):
    plan_copy(tmp_path)
    tomorrow, yesterday = dt.date.today() + dt.timedelta(days=1), dt.date.today() - dt.timedelta(days=1)
    config = tmp_path / "rkt-rules.toml"
    config.write_text(f'''
[[suppress]]
rule = "aligned-target-consistent"
unit = "SEKRETARIAT KPU KOTA PONTIANAK"
goal = "18"
reason = "Sengketa dimenangkan bergantung pada putusan pengadilan; target disepakati dengan KPU."
expires = {tomorrow}
''')
    result = run("check", "plan.txt", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert "aligned-target-consistent" not in [f["rule"] for f in data["findings"]]
    assert [(s["rule"], s["suppression"]["reason"][:8]) for s in data["suppressed"]] == [("aligned-target-consistent", "Sengketa")]
    assert data["summary"]["suppressed"] == 1
    text = run("check", "plan.txt", cwd=tmp_path).stdout
    assert "Dikecualikan:\n  plan.txt:69: RKT006 aligned-target-consistent: Sengketa dimenangkan" in text
    counts = seed_counts([f for f in seed_findings() if f["rule"] != "aligned-target-consistent"])
    assert text.endswith(f"{sum(counts.values())} temuan ({counts['error']} galat, {counts['warning']} peringatan, {counts['info']} info; 1 dikecualikan) dalam 1 berkas\n")
    config.write_text(config.read_text().replace(str(tomorrow), str(yesterday)))
    expired = json.loads(run("check", "plan.txt", "--format", "json", cwd=tmp_path).stdout)
    assert "aligned-target-consistent" in [f["rule"] for f in expired["findings"]] and expired["suppressed"] == []

    config.write_text('[[suppress]]\nrule = "goal-worded-as-activity"\n')
    missing = run("check", "plan.txt", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, f"rkt-rules: galat: {config}: suppress[1].reason: wajib diisi\n")


def test_suppression_inside_a_toml_plan(tmp_path):
    run("parse", str(ROOT / SEED), "--format", "toml", "--output", "plan.toml", cwd=tmp_path)
    plan = tmp_path / "plan.toml"
    plan.write_text(plan.read_text() + '\n[[suppress]]\nrule = "RKT015"\nreason = "Nomenklatur sasaran mengikuti Renstra 2020-2024."\n')
    data = json.loads(run("check", "plan.toml", "--format", "json", cwd=tmp_path).stdout)
    assert "goal-worded-as-activity" not in [f["rule"] for f in data["findings"]]
    assert len(data["suppressed"]) == sum(f["rule"] == "goal-worded-as-activity" for f in seed_findings())


def test_project_config_sets_rules_severity_fail_on_and_lang_and_flags_win(tmp_path):
    plan_copy(tmp_path)
    (tmp_path / "pyproject.toml").write_text('''
[project]
name = "plans"

[tool.rkt-rules]
disable = ["goal-worded-as-activity"]
severity = { "percent-sign-missing" = "error" }
fail-on = "warning"
lang = "en"
''')
    result = run("check", "plan.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "RKT015" not in result.stdout and "error RKT009 percent-sign-missing" in result.stdout
    kept = [{**f, "severity": "error" if f["rule"] == "percent-sign-missing" else f["severity"]} for f in seed_findings() if f["rule"] != "goal-worded-as-activity"]
    counts = seed_counts(kept)
    assert result.stdout.endswith(f"{len(kept)} findings ({english_counts(counts)}) in 1 file\n")
    flags = run("check", "plan.txt", "--fail-on", "never", "--lang", "id", cwd=tmp_path)
    assert flags.returncode == 0 and "temuan" in flags.stdout
    ignored = run("check", "plan.txt", "--no-config", cwd=tmp_path)
    assert "RKT015" in ignored.stdout and ignored.returncode == 0
    listing = run("rules", cwd=tmp_path).stdout
    assert "goal-worded-as-activity" in listing and "(disabled)" in listing


def test_bad_project_config_is_one_line(tmp_path):
    plan_copy(tmp_path)
    (tmp_path / "rkt-rules.toml").write_text('disable = ["no-such-rule"]\n')
    result = run("check", "plan.txt", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"rkt-rules: galat: {tmp_path / 'rkt-rules.toml'}: tidak ada aturan bernama 'no-such-rule' (di disable/severity)\n")
    (tmp_path / "rkt-rules.toml").write_text('colour = "red"\n')
    assert run("check", "plan.txt", cwd=tmp_path).stderr == f"rkt-rules: galat: {tmp_path / 'rkt-rules.toml'}: colour: kunci tidak dikenal\n"


def test_refreshing_the_configured_baseline_keeps_every_accepted_finding_and_creates_it_the_first_time(tmp_path):
    plan_copy(tmp_path)
    (tmp_path / "rkt-rules.toml").write_text('baseline = "baseline.json"\n', encoding="utf-8")
    first = run("check", "plan.txt", "--write-baseline", "baseline.json", cwd=tmp_path)  # no baseline yet: it is created
    assert first.returncode == 0, first.stderr
    written = sum(e["count"] for e in json.loads((tmp_path / "baseline.json").read_text())["entries"])
    assert written == len(seed_findings())
    again = run("check", "plan.txt", "--write-baseline", "baseline.json", cwd=tmp_path)  # the documented refresh
    assert again.returncode == 0, again.stderr
    assert sum(e["count"] for e in json.loads((tmp_path / "baseline.json").read_text())["entries"]) == written
    after = run("check", "plan.txt", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert (after.returncode, findings(after)) == (0, [])


def test_the_baseline_is_keyed_by_file_and_indicator_not_by_goal_number(tmp_path):
    plan = plan_copy(tmp_path)
    assert run("check", "plan.txt", "--write-baseline", "baseline.json", cwd=tmp_path).returncode == 0
    entries = json.loads((tmp_path / "baseline.json").read_text())["entries"]
    assert {e["file"] for e in entries} == {"plan.txt"}
    text = plan.read_text(encoding="utf-8")
    shutil.copy(plan, tmp_path / "other.txt")  # the same faults in another file are that file's own: new
    other = run("check", "plan.txt", "other.txt", "--baseline", "baseline.json", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert {f["location"]["path"] for f in findings(other)} == {"other.txt"}
    indicator_findings = [e for e in entries if e["indicator"]]
    assert indicator_findings and all(e["goal"] == "" for e in indicator_findings)
    renumbered = text.replace("\n25\t", "\n26\t")  # a goal renumbered: its indicators' accepted findings stay accepted
    assert renumbered != text
    plan.write_text(renumbered, encoding="utf-8")
    quiet = run("check", "plan.txt", "--baseline", "baseline.json", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert [f for f in findings(quiet) if f["location"]["goal"] == "26" and f["location"]["indicator"] is not None] == []


def test_a_version_1_baseline_still_reads(tmp_path):
    from rkt_rules import check
    from rkt_rules.findings import entity_key
    from rkt_rules.read import read_plan

    plan_copy(tmp_path)
    keys = [entity_key(f) for f in check([read_plan(str(tmp_path / "plan.txt"))]).findings]
    old = [{"rule": rule, "unit": unit, "goal": goal, "indicator": indicator, "count": 1} for rule, unit, goal, indicator in keys]
    (tmp_path / "v1.json").write_text(json.dumps({"schema_version": 1, "tool": "rkt-rules", "entries": old}), encoding="utf-8")
    quiet = run("check", "plan.txt", "--baseline", "v1.json", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert (quiet.returncode, findings(quiet)) == (0, [])


def test_an_expired_suppression_says_its_finding_is_back_and_a_misspelt_one_says_it_matches_nothing(tmp_path):
    plan_copy(tmp_path)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    (tmp_path / "rkt-rules.toml").write_text(f'''
[[suppress]]
rule = "aligned-target-consistent"
reason = "Disepakati dengan KPU sampai akhir tahun lalu."
expires = {yesterday}

[[suppress]]
rule = "aligned-target-consistant"
reason = "Salah ketik nama aturan."

[[suppress]]
rule = "goal-worded-as-activity"
path = "plan.txt"
goal = "99"
reason = "Sasaran yang sudah dihapus."
''')
    result = run("check", "plan.txt", "--lang", "en", "--fail-on", "never", cwd=tmp_path)
    warnings = [line for line in result.stderr.splitlines() if "suppression" in line]
    assert len(warnings) == 3 and all(line.startswith("rkt-rules: warning: ") for line in warnings)
    assert f"suppression of aligned-target-consistent expired on {yesterday}: its finding is reported again" in warnings[0]
    assert "aligned-target-consistant matches no finding" in warnings[1] and "goal-worded-as-activity matches no finding" in warnings[2]
    assert result.returncode == 0  # said, never gating


def test_stale_baseline_entries_of_the_files_checked_are_reported(tmp_path):
    plan = plan_copy(tmp_path)
    shutil.copy(ROOT / SEED, tmp_path / "other.txt")
    assert run("check", "plan.txt", "other.txt", "--write-baseline", "baseline.json", cwd=tmp_path).returncode == 0
    clean = run("check", "plan.txt", "--baseline", "baseline.json", "--lang", "en", cwd=tmp_path)
    assert clean.stderr == ""  # other.txt's entries are not this run's to judge
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("Pembentukan", "Terbentuknya", 1), encoding="utf-8")  # fixes one accepted finding
    fixed = run("check", "plan.txt", "--baseline", "baseline.json", "--lang", "en", cwd=tmp_path)
    assert fixed.returncode == 0
    assert fixed.stderr.startswith("rkt-rules: warning: baseline.json: 1 accepted finding(s) of the baseline no longer found")


def two_years(years):
    rows = "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n1\tPeningkatan layanan perizinan\tPersentase izin terbit tepat waktu\t95%\n"
    return "\n".join(f"PERJANJIAN KINERJA TAHUN {year}\nUnit Kerja : DINAS CONTOH KABUPATEN CONTOH\n{rows}\nContoh, 2 Januari {year}\n"
                     f"Kepala Dinas Contoh Kabupaten Contoh\n\n\nNAMA KEPALA\n" for year in years)


def test_the_same_fault_in_next_years_document_of_the_same_file_is_new(tmp_path):
    plan = plan_copy(tmp_path, two_years([2023]))
    assert run("check", "plan.txt", "--write-baseline", "baseline.json", "--fail-on", "never", cwd=tmp_path).returncode == 0
    entries = json.loads((tmp_path / "baseline.json").read_text())["entries"]
    assert entries and {e["document"] for e in entries} == {"pk 2023"}
    plan.write_text(two_years([2023, 2024]), encoding="utf-8")
    result = run("check", "plan.txt", "--baseline", "baseline.json", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert findings(result) and {f["location"]["line"] > 10 for f in findings(result)} == {True}  # 2024's, none of 2023's


def test_a_version_2_baseline_keyed_without_the_document_still_reads(tmp_path):
    plan_copy(tmp_path, two_years([2023]))
    assert run("check", "plan.txt", "--write-baseline", "baseline.json", "--fail-on", "never", cwd=tmp_path).returncode == 0
    data = json.loads((tmp_path / "baseline.json").read_text())
    data["schema_version"] = 2
    for entry in data["entries"]:
        del entry["document"]
    (tmp_path / "v2.json").write_text(json.dumps(data), encoding="utf-8")
    quiet = run("check", "plan.txt", "--baseline", "v2.json", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert (quiet.returncode, findings(quiet)) == (0, [])
