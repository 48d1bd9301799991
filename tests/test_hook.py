"""One gate wherever it runs: the pre-commit hook checks the plan sets CI checks, and reports the staged
files' findings with every finding a set draws from them; `check --changed` does the same in CI."""

import json
import subprocess
import sys

from tests.conftest import ROOT
from tests.test_sets import A, B, UNIT, rkt, write

RENSTRA = "\n".join(["RENCANA STRATEGIS TAHUN 2020-2024", f"Unit Kerja : {UNIT}",
                     "No\tSasaran Strategis\tIndikator Kinerja\tTarget 2023\tTarget 2024",
                     A.format("95%") + "\t100%", B.format("85%") + "\t90%"]) + "\n"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def codes(result) -> set[str]:
    return {line.split()[2] for line in result.stdout.splitlines() if line.count(":") >= 2 and " RKT0" in line}


def plans(tmp_path):
    write(tmp_path, "renstra.txt", RENSTRA)
    write(tmp_path, "rkt.txt", rkt(A.format("95%"), B.format("90%")))  # 95% under the Renstra's 100% for 2024: RKT033
    write(tmp_path, "catatan.txt", "Catatan rapat tim perencanaan.\n")  # no plan: never an error


def test_the_hook_on_a_staged_rkt_sees_the_renstra_ci_sees(tmp_path):
    plans(tmp_path)
    whole = run("check", ".", "--format", "json", "--fail-on", "warning", cwd=tmp_path)
    assert "RKT033" in {f["code"] for f in json.loads(whole.stdout)["findings"]}
    hook = run("hook", "--fail-on", "warning", "rkt.txt", cwd=tmp_path)
    assert hook.returncode == 1 and "RKT033" in codes(hook), hook.stdout + hook.stderr


def test_a_staged_renstra_reports_the_finding_it_draws_on_the_rkt(tmp_path):
    plans(tmp_path)
    hook = run("hook", "--fail-on", "warning", "renstra.txt", cwd=tmp_path)
    assert hook.returncode == 1 and "RKT033" in codes(hook), hook.stdout + hook.stderr


def test_a_staged_note_is_no_error_and_an_unrelated_plan_reports_nothing_of_the_others(tmp_path):
    plans(tmp_path)
    write(tmp_path, "other.txt", rkt(A.format("95%"), unit="DINAS LAIN KABUPATEN CONTOH"))
    assert run("hook", "--fail-on", "warning", "catatan.txt", cwd=tmp_path).returncode == 0
    other = run("hook", "--fail-on", "warning", "other.txt", cwd=tmp_path)
    assert "RKT033" not in codes(other)


def test_a_staged_config_reports_every_finding(tmp_path):
    plans(tmp_path)
    write(tmp_path, "rkt-rules.toml", 'fail_on = "warning"\n')
    hook = run("hook", "rkt-rules.toml", cwd=tmp_path)
    assert hook.returncode == 1 and "RKT033" in codes(hook)


def test_check_changed_reports_the_same_as_the_hook(tmp_path):
    plans(tmp_path)
    check = run("check", ".", "--changed", "rkt.txt", "--fail-on", "warning", cwd=tmp_path)
    hook = run("hook", "--fail-on", "warning", "rkt.txt", cwd=tmp_path)
    assert (check.returncode, check.stdout) == (hook.returncode, hook.stdout)
