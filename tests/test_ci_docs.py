"""docs/ci.md runs as written: every shell block is executed in a repository of plans made from the
bundled ones (with the pull request's base as `origin/main`), every TOML block is a configuration
rkt-rules accepts, and the pre-commit block names the hook this repository defines at a tag it has."""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.S)


def commands() -> list[str]:
    return [line.strip() for block in blocks("sh") for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.fixture
def plans_repository(tmp_path):
    """A team's repository: the bundled plans committed, then a change (a target raised past 100%) on top."""
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", repo / "plans")
    (repo / "rules").mkdir()
    for name in ("kalbar.toml", "kalbar.cases.toml"):
        shutil.copy(ROOT / "docs" / "examples" / name, repo / "rules" / name)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}", "RKT_RULES_LANG": "en"}
    run = lambda *args: subprocess.run([git, *args], cwd=repo, check=True, env=env, capture_output=True)  # noqa: E731
    run("init", "-q")
    run("add", ".")
    run("commit", "-qm", "plans")
    run("update-ref", "refs/remotes/origin/main", "HEAD")  # the pull request's base
    seed = repo / "plans" / "kpu-kota-pontianak-2023.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Data Pemilih Tepat Waktu\t100%", "Data Pemilih Tepat Waktu\t120%"), encoding="utf-8")
    run("commit", "-qam", "target raised")
    return repo, env


def test_the_docs_hold_shell_commands_of_rkt_rules():
    assert commands() and all(command.startswith("rkt-rules ") for command in commands())


def test_every_shell_command_of_the_ci_guide_runs_as_written(plans_repository):
    repo, env = plans_repository
    outcomes = []
    for command in commands():
        result = subprocess.run(command, shell=True, cwd=repo, env=env, capture_output=True, text=True)
        assert "Traceback" not in result.stderr, command
        assert result.returncode in (0, 1), f"{command}: {result.stderr}"
        outcomes.append((command, result.returncode))
    # the baseline written first accepts every finding there is: the gate after it passes
    gate = next(code for command, code in outcomes if "--baseline " in command)
    assert gate == 0
    # the pull request's diff names the change and the finding it brought
    diff = next(command for command, _ in outcomes if command.startswith("rkt-rules diff"))
    if "--output" in diff:
        written = (repo / diff.split("--output", 1)[1].split()[0]).read_text(encoding="utf-8")
        assert "120%" in written and "RKT002" in written  # the target raised past 100%, and the finding it brought


def test_every_configuration_block_is_accepted(tmp_path):
    for number, block in enumerate(blocks("toml")):
        tomllib.loads(block)
        folder = tmp_path / f"project{number}"
        (folder / "rules").mkdir(parents=True)
        shutil.copy(ROOT / "docs" / "examples" / "kalbar.toml", folder / "rules" / "kalbar.toml")
        shutil.copy(ROOT / "docs" / "examples" / "kalbar.cases.toml", folder / "rules" / "kalbar.cases.toml")
        (folder / "rkt-rules.toml").write_text(block, encoding="utf-8")
        plan = str(ROOT / "plans" / "kpu-kota-pontianak-2023.txt")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        for extra in (["--write-baseline", "rkt-rules-baseline.json"], []):  # the baseline it names, written first as the guide says
            result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", plan, "--fail-on", "never", *extra], cwd=folder,
                                    capture_output=True, text=True, env=env)
            assert result.returncode == 0, result.stderr


def test_the_pre_commit_block_names_this_repositorys_hook_at_a_tag_it_has():
    block = next(block for block in blocks("yaml") if "hooks:" in block)
    hook = re.search(r"- id: (\S+)", block).group(1)
    rev = re.search(r"rev: (\S+)", block).group(1)
    defined = re.findall(r"^- id: (\S+)", (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"), re.M)
    assert hook in defined
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert rev == f"v{version}"  # the release tag of the version this checkout builds


def test_the_workflow_installs_the_same_release_the_hook_pins():
    workflow = next(block for block in blocks("yaml") if "runs-on" in block)
    hook = next(block for block in blocks("yaml") if "hooks:" in block)
    repo, rev = re.search(r"repo: (\S+)", hook).group(1), re.search(r"rev: (\S+)", hook).group(1)
    assert f'pip install "rkt-rules @ git+{repo}@{rev}"' in workflow
    assert "pip install rkt-rules\n" not in DOC  # no such published package



WALK = re.search(r"## Walk-through\n.*?```console\n(.*?)```", DOC, re.S).group(1)


def test_the_walk_through_runs_as_written(tmp_path):
    """docs/ci.md's walk-through, line by line, in a fresh repository of the bundled plans: each command
    answers the exit code the guide says, and names the finding it says."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", repo / "plans")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}", "RKT_RULES_LANG": "en"}
    accepted = []
    for line in WALK.splitlines():
        command, _, said = line.removeprefix("$ ").partition("   # ")
        result = subprocess.run(command, shell=True, cwd=repo, env=env, capture_output=True, text=True)
        assert "Traceback" not in result.stderr, command
        if not said:
            assert result.returncode == 0, f"{command}: {result.stderr}"
            continue
        code, _, finding = said.removeprefix("exit ").partition(": ")
        assert result.returncode == int(code), f"{command}: {result.stdout}{result.stderr}"
        if finding:
            assert finding in result.stdout, command
        if "--write-baseline" in command:
            accepted.append(json.loads((repo / "rkt-rules-baseline.json").read_text(encoding="utf-8"))["entries"])
    first, refreshed = accepted
    assert all(entry in refreshed for entry in first) and len(refreshed) == len(first) + 1  # every one kept, the new one added


def test_the_hook_installs_and_blocks_from_this_checkout_as_pre_commit_runs_it(tmp_path):
    """`pre-commit try-repo` on this checkout: the hook installs from .pre-commit-hooks.yaml as a team's
    pre-commit would install it, finds the project's configuration, and blocks a staged RKT whose target
    fell below its Renstra's (a set rule: the hook sees the whole plan set)."""
    git = shutil.which("git")
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if git is None or pre_commit is None or not (ROOT / ".git").exists():
        pytest.skip("git, pre-commit or this checkout's history is missing")
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", repo / "plans")
    (repo / "rkt-rules.toml").write_text('fail-on = "warning"\nlang = "en"\n', encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"}
    run = lambda *args: subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True)  # noqa: E731
    run(git, "init", "-q")
    run(git, "add", ".")
    run(git, "commit", "-qm", "plans")
    rkt = repo / "plans" / "contoh-sekretariat-kpu-kota-pontianak-rkt-2022.txt"
    rkt.write_text(rkt.read_text(encoding="utf-8").replace("Pontianak\t95%", "Pontianak\t90%"), encoding="utf-8")
    run(git, "add", "plans")
    staged = "plans/" + rkt.name
    result = run(pre_commit, "try-repo", str(ROOT), "rkt-rules", "--verbose", "--files", staged)
    assert result.returncode == 1 and "RKT033" in result.stdout, result.stdout + result.stderr
    kept = run(git, "stash", "-q")  # the change taken back: the same hook passes
    assert kept.returncode == 0
    assert run(pre_commit, "try-repo", str(ROOT), "rkt-rules", "--files", staged).returncode == 0


def test_the_workflow_runs_on_the_default_branch_and_never_leaves_a_required_check_pending():
    workflow = next(block for block in blocks("yaml") if "runs-on" in block)
    triggers = workflow.split("permissions:", 1)[0]
    assert "pull_request:" in triggers and "push:" in triggers and "branches: [main]" in triggers
    assert "paths" not in triggers  # a required check skipped by a paths filter stays pending
