"""Golden files cannot be rewritten where nobody reviews the rewrite, nor outside tests/fixtures."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, golden_path


@pytest.mark.parametrize("how", [["--update-golden"], []])
def test_updating_golden_files_is_refused_under_ci(how):
    env = {**os.environ, "CI": "true", **({} if how else {"UPDATE_GOLDEN": "1"})}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_golden_guard.py::test_a_golden_file_is_under_tests_fixtures", *how],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert "refused when CI is set" in result.stderr


def test_a_golden_file_is_under_tests_fixtures():
    assert golden_path("seed.json") == ROOT / "tests" / "fixtures" / "seed.json"
    with pytest.raises(ValueError, match="outside tests/fixtures"):
        golden_path("../../rkt_rules/read/units_table.json")
