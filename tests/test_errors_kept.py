"""Errors the product must not swallow: each says what happened and keeps the run's outcome."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED


def run_into_closed_pipe(*args):
    """stdout is a pipe whose reader has already gone: every write fails with EPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "rkt_rules", *args], stdout=write, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    finally:
        os.close(write)


@pytest.mark.parametrize("fail_on, code", [("warning", 1), ("never", 0)])
def test_a_closed_stdout_keeps_the_exit_code_of_the_check(fail_on, code):
    result = run_into_closed_pipe("check", SEED, "--fail-on", fail_on)
    assert result.returncode == code
    assert result.stderr == ""


def test_a_closed_stdout_keeps_the_exit_code_of_an_unreadable_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run_into_closed_pipe("check", SEED, str(tmp_path / "empty.txt"), "--fail-on", "never")
    assert result.returncode == 2
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr


def test_a_closed_stdout_keeps_the_exit_code_of_a_diff(tmp_path):
    worse = tmp_path / "worse.txt"
    worse.write_text((ROOT / SEED).read_text(encoding="utf-8").replace("\t100%", "\t180%", 1), encoding="utf-8")
    result = run_into_closed_pipe("diff", SEED, str(worse), "--fail-on", "error")
    assert result.returncode == 1 and result.stderr == ""
