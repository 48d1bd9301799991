"""A non-editable install carries the built-in rulesets, the vocabulary and the unit definitions.

The wheel is built without build isolation, from the hatchling the test extra
installs, so the test needs no package index."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import seed_counts, english_counts

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet", "-w", str(out), str(ROOT)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return next(out.glob("rkt_rules-*.whl"))


def test_wheel_contains_rulesets_and_units(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {"rkt_rules/_rules/default.toml", "rkt_rules/_rules/sakip.toml", "rkt_rules/read/units.txt", "rkt_rules/read/units_table.json",
            "rkt_rules/vocabulary/layout.toml", "rkt_rules/vocabulary/words.toml"} <= set(names)


def test_installed_wheel_checks_the_seed_with_builtin_rulesets(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    seed = ROOT / "plans" / "kpu-kota-pontianak-2023.txt"
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    for ruleset in ("default", "sakip"):
        result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(seed), "--rules", ruleset, "--lang", "en"],
                                capture_output=True, text=True, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        counts = seed_counts()
        assert result.stdout.endswith(f"{sum(counts.values())} findings ({english_counts(counts)}) in 1 file\n")
    where = subprocess.run([sys.executable, "-c", "import rkt_rules.rules.ruleset as r; print(r.builtin_dir())"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert where.stdout.strip() == str(site / "rkt_rules" / "_rules")
