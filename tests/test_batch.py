"""Checking a batch in several processes: the same results as one process, in
the same order, whatever --jobs, with unreadable files among them; a failing
helper is reported and never left behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from rkt_rules import batch
from rkt_rules.rules.ruleset import load_rulesets
from tests.conftest import ROOT, SEED

CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Forty files, well over the size where work is shared: the seed under many
    names, the damaged corpus (files that fail to read included), a TOML plan."""
    here = tmp_path_factory.mktemp("batch")
    for number in range(20):
        shutil.copy(SEED, here / f"seed-{number:02}.txt")
    for path in CORPUS.iterdir():
        if path.suffix in (".txt", ".toml") and path.name != "expected.toml":
            shutil.copy(path, here / path.name)
    shutil.copy(ROOT / "tests" / "plans" / "hostile.toml", here / "hostile.toml")
    return here


def _run(*args):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, cwd=ROOT)


def test_every_jobs_count_gives_the_same_bytes_exit_code_and_errors(folder, tmp_path):
    seen = set()
    for jobs in ("1", "2", "3", "7"):
        out = tmp_path / f"report-{jobs}.json"
        result = _run("check", str(folder), "--format", "json", "--jobs", jobs, "--output", str(out), "--lang", "en")
        seen.add((result.returncode, result.stderr, out.read_bytes()))
    assert len(seen) == 1
    code, stderr, _ = seen.pop()
    # the damaged files, each on its own line, and the folder's files that are no plan, each skipped with why
    assert code == 2 and stderr.count(b"rkt-rules: error: ") >= 2 and stderr.count(b": skipped: ") >= 3


def _results(folder, jobs):
    files = sorted(str(p) for p in folder.iterdir())
    rules = batch.active_rules(None)
    return [(sorted(f.to_dict().items().__repr__() for f in found), [s.to_dict() for s in set_aside], str(error), cards)
            for found, set_aside, error, cards in batch.check_paths(files, None, "en", jobs, rules)]


def test_forked_and_spawned_workers_agree_with_one_process(folder, monkeypatch):
    alone = _results(folder, 1)
    assert _results(folder, 3) == alone
    monkeypatch.setattr(batch, "CAN_FORK", False)  # as on a system without fork: spawned workers load the rules by name
    assert _results(folder, 2) == alone


FAILING_HELPER = """
import os, sys
from rkt_rules import batch
from rkt_rules.errors import HelperError
from rkt_rules.rules.ruleset import load_rulesets

real = batch._check_one


def broken(path):
    if path.endswith(("seed-03.txt", "seed-17.txt")):  # in whichever process takes them
        raise ZeroDivisionError("a bug")
    return real(path)


batch._check_one = broken
try:
    list(batch.check_paths(sys.argv[1:], None, "en", 2, load_rulesets(["default"]).enabled()))
except (HelperError, ZeroDivisionError) as error:
    print(type(error).__name__)
try:
    os.waitpid(-1, os.WNOHANG)
except ChildProcessError:
    print("no child left")
"""


def test_a_failing_helper_is_reported_and_reaped(folder):
    """In a process of its own: "no child left" then means the batch's helpers, not
    some other child of the test runner."""
    result = subprocess.run([sys.executable, "-c", FAILING_HELPER, *sorted(str(p) for p in folder.iterdir())],
                            capture_output=True, text=True, cwd=ROOT, start_new_session=True)
    assert result.returncode == 0, result.stderr
    reported, reaped = result.stdout.splitlines()
    assert reported in ("HelperError", "ZeroDivisionError") and reaped == "no child left"


def test_findings_cross_a_process_boundary_intact():
    import pickle

    from rkt_rules.read import read_plan
    from rkt_rules.rules.engine import Engine

    findings = Engine(load_rulesets(["default"]).enabled(), "en").check(read_plan("tests/plans/hostile.toml"))
    assert findings
    back = pickle.loads(pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == findings
    assert [(f.to_dict(), f.subject) for f in back] == [(f.to_dict(), f.subject) for f in findings]


def test_the_counter_on_a_terminal_counts_every_process_and_ends_once(folder, monkeypatch):
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    many = sorted(str(p) for p in folder.iterdir()) * 3  # over fifty files: the counter shows every fifty
    for jobs in (1, 2):
        monkeypatch.setattr(sys, "stderr", Terminal())
        results = list(batch.check_paths(many, None, "en", jobs, batch.active_rules(None)))
        shown = sys.stderr.getvalue()
        counts = [int(part.split("/")[0]) for part in shown.replace("\n", "").split("\rchecked ") if part]
        assert len(results) == len(many) and shown.endswith(f"\rchecked {len(many)}/{len(many)}\n"), (jobs, shown)
        assert counts == sorted(counts) and counts.count(len(many)) == 1, (jobs, shown)


def test_a_folder_yields_its_plan_files_below_it_sorted_skipping_hidden_ones(tmp_path):
    from rkt_rules.read import plan_files

    for name in ("b.txt", "a.TOML", "sub/c.docx", "sub/deeper/d.xlsx", "notes.md", ".hidden.txt", ".git/e.txt", "sub/.cache/f.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "folder.txt").mkdir()  # a folder named like a plan is not one
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")
    found = [path[len(str(tmp_path)) + 1:] for path in plan_files(str(tmp_path) + "/")]
    assert found == ["a.TOML", "b.txt", "link.txt", "sub/c.docx", "sub/deeper/d.xlsx"]
    assert plan_files(tmp_path / "b.txt") == [str(tmp_path / "b.txt")]


HELD_BATCH = """
import os, sys, time
from rkt_rules import batch
from rkt_rules.cli import main

ready, parent, real = sys.argv[1], os.getpid(), batch._check_one


def held(path):
    # A worker says it is at work (past fork, its signal handling in place), then
    # waits for the test's signal.
    if os.getpid() != parent:
        open(os.path.join(ready, str(os.getpid())), "w").close()
        while True:
            time.sleep(3600)
    return real(path)


batch._check_one = held
sys.exit(main(sys.argv[2:]))
"""


def _batch_with_helpers(tmp_path, *argv, jobs=3):
    """A batch caught at work, deterministically: every worker is inside a check, held
    there until a signal comes; no timing, no count of CPU ticks. Its own session, so
    the test's other children (and the test process) are never touched."""
    plans, ready = tmp_path / "plans", tmp_path / "ready"
    plans.mkdir(), ready.mkdir()
    for number in range(60):
        shutil.copy(SEED, plans / f"p{number:02}.txt")
    process = subprocess.Popen([sys.executable, "-c", HELD_BATCH, str(ready), "check", str(plans), "--jobs", str(jobs), *argv],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True)
    try:
        ready_pids = _wait_for(lambda: os.listdir(ready) if len(os.listdir(ready)) == jobs else None, process)
    except BaseException:
        os.killpg(process.pid, 9)
        raise
    return process, sorted(int(pid) for pid in ready_pids)


def _wait_for(found, process, timeout=120.0):
    """Poll until ``found()`` is true; a batch that ends first is a failure, said as one."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        assert process.poll() is None, process.stderr.read().decode()
        time.sleep(0.01)
    raise AssertionError("the helpers never started")


def test_ctrl_c_during_a_shared_batch_says_interrupted_once_and_leaves_no_helper(tmp_path):
    import signal

    process, helpers = _batch_with_helpers(tmp_path, "--lang", "en")
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: every process of the group
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr.decode()) == (130, "rkt-rules: interrupted\n")
    assert not any(os.path.exists(f"/proc/{pid}") for pid in helpers)


@pytest.mark.parametrize("signal_name, how", [("SIGKILL", "killed by signal 9"), ("SIGTERM", "killed by signal 15")])
def test_a_helper_stopped_from_outside_is_one_line_and_exit_2(tmp_path, signal_name, how):
    import signal

    process, helpers = _batch_with_helpers(tmp_path, "--lang", "en")
    os.kill(helpers[0], getattr(signal, signal_name))  # the out-of-memory killer, or someone's kill
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr.decode()) == (2, f"rkt-rules: error: a helper process checking files stopped ({how})\n")
    assert not any(os.path.exists(f"/proc/{pid}") and open(f"/proc/{pid}/stat").read().split()[2] != "Z" for pid in helpers)


def test_when_no_helper_can_be_forked_the_batch_is_still_checked_whole(folder, monkeypatch):
    alone = _results(folder, 1)
    forks = []

    def fork_once():
        if forks:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        forks.append(1)
        return real_fork()

    real_fork = os.fork
    monkeypatch.setattr(os, "fork", fork_once)
    assert _results(folder, 4) == alone and forks == [1]  # one worker, then no more: this process does it all


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGKILL"])
def test_helpers_end_with_their_parent_however_it_is_stopped(tmp_path, signal_name):
    import signal
    import time

    process, helpers = _batch_with_helpers(tmp_path, "--lang", "en")
    os.kill(process.pid, getattr(signal, signal_name))  # a CI runner's timeout, a supervisor, the out-of-memory killer
    process.communicate(timeout=60)

    def alive(pid):
        try:
            return open(f"/proc/{pid}/stat").read().split()[2] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in helpers)
