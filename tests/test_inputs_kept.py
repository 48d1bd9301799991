"""Nothing the user gave is changed by a run: every file a command reads (plans of each format, the
project's config, its rules, its baseline, a returned worksheet, an older plan) hashes the same after
every command as before, whatever the command writes and wherever it is told to write it."""

import hashlib
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

REAL = ROOT / "tests" / "real_documents"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A repository of plans as a team keeps it: plans of several formats, a config naming a ruleset of its
    own and a baseline, and a worksheet the unit filled and sent back."""
    root = tmp_path_factory.mktemp("project")
    plans = root / "plans"
    plans.mkdir()
    for name in ("kpu-kota-pontianak-2023.txt", "contoh-sekretariat-kpu-kota-pontianak-pk-2023.txt"):
        shutil.copy(ROOT / "plans" / name, plans / name)
    for name in ("jabar-dinkes-pk-2017.docx", "jabar-dishub-rkt-2016.pdf"):
        shutil.copy(REAL / name, plans / name)
    (root / "rules").mkdir()
    shutil.copy(ROOT / "rules" / "sakip.toml", root / "rules" / "kantor.toml")
    (root / "rkt-rules.toml").write_text('rules = ["default", "rules/kantor.toml"]\nbaseline = "baseline.json"\n', encoding="utf-8")
    assert run("check", "plans", "--write-baseline", "baseline.json", "--fail-on", "never", cwd=root).returncode == 0
    assert run("check", "plans", "--format", "xlsx", "--output", "kembali.xlsx", "--fail-on", "never", cwd=root).returncode == 0
    older = (ROOT / "plans" / "kpu-kota-pontianak-2023.txt").read_text(encoding="utf-8").replace("100%", "95%", 1)
    (root / "lama.txt").write_text(older, encoding="utf-8")
    return root


COMMANDS = {
    "check text": ["check", "plans"],
    "check json to a file": ["check", "plans", "--format", "json", "--output", "out/hasil.json"],
    "check sarif": ["check", "plans", "--format", "sarif", "--output", "out/hasil.sarif"],
    "check junit": ["check", "plans", "--format", "junit", "--output", "out/hasil.xml"],
    "check worksheet": ["check", "plans", "--format", "xlsx", "--output", "out/lembar.xlsx"],
    "check html": ["check", "plans", "--format", "html", "--output", "out/laporan.html"],
    "check no cache": ["check", "plans", "--no-cache"],
    "check a new baseline": ["check", "plans", "--write-baseline", "out/baru.json"],
    "report with answers": ["report", "plans", "--output-dir", "out/laporan", "--responses", "kembali.xlsx"],
    "report into the plans": ["report", "plans", "--output-dir", "plans"],
    "diff": ["diff", "lama.txt", "plans/kpu-kota-pontianak-2023.txt", "--format", "markdown", "--output", "out/beda.md"],
    "parse": ["parse", "plans/jabar-dinkes-pk-2017.docx", "--format", "json"],
    "convert": ["convert", "plans/jabar-dishub-rkt-2016.pdf", "out/rkt.toml"],
    "rules test": ["rules", "test", "--rules", "rules/kantor.toml"],
    "rules docs": ["rules", "docs", "--output", "out/aturan.md"],
    "explain": ["explain", "RKT001"],
}


def hashes(root):
    """Every file the user put there (the run's own cache and the folder given for output aside)."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()
            and not {".rkt-rules-cache", "out"} & set(path.relative_to(root).parts)}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_command_changes_a_file_it_was_given(project, command):
    before = hashes(project)
    (project / "out").mkdir(exist_ok=True)
    result = run(*COMMANDS[command], cwd=project)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr  # every command ran (the baseline accepts the plans' findings)
    after = {name: digest for name, digest in hashes(project).items() if name in before}
    assert after == before
    assert set(before) <= set(hashes(project))  # nothing removed either
