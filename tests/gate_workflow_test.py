"""The trusted gate (.github/workflows/gate.yml): main's tool, the pull request's head as data.

The structure is pinned down here, and the gate's shell steps are run as GitHub would run
them (bash -eo pipefail) against real git repositories in tmp dirs, with a fake
`.venv/bin/accel666` standing in for the tool, which records how it was called.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from workflows_test import WORKFLOWS, action, load, run_scripts, triggers, uses_of

GATE = WORKFLOWS / "gate.yml"


def gate() -> dict[str, Any]:
    return load(GATE)


def job() -> dict[str, Any]:
    jobs = gate()["jobs"]
    assert list(jobs) == ["gate"]
    return dict(jobs["gate"])


def step_named(fragment: str) -> dict[str, Any]:
    found = [step for step in job()["steps"] if fragment in step.get("name", "")]
    assert len(found) == 1, fragment
    return dict(found[0])


def git(cwd: Path, *args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60)
    return completed.stdout.strip()


def run_step(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A `run:` script as GitHub's runner runs it with the default bash shell."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env={"PATH": os.environ["PATH"], "HOME": str(cwd), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# -- structure ---------------------------------------------------------------------------


def test_gate_runs_on_pull_request_target_for_main_as_the_required_check() -> None:
    workflow = gate()
    assert workflow["name"] == "准入检查"
    assert job()["name"] == "准入检查"
    on = triggers(workflow)
    assert list(on) == ["pull_request_target"]
    assert on["pull_request_target"]["branches"] == ["main"]
    assert {"opened", "synchronize", "reopened"} <= set(on["pull_request_target"]["types"])
    assert workflow["concurrency"]["group"] == "gate-${{ github.event.pull_request.number }}"


def test_gate_token_can_only_read_contents_and_no_secret_is_used() -> None:
    assert gate()["permissions"] == {}
    assert job()["permissions"] == {"contents": "read"}
    assert "secrets." not in GATE.read_text(encoding="utf-8")


def test_gate_checks_out_main_without_credentials_and_uses_no_cache() -> None:
    assert sorted(action(uses) for uses in uses_of(gate())) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
    ]
    checkout = next(step for step in job()["steps"] if action(step.get("uses", "")) == "actions/checkout")
    assert checkout["with"] == {"ref": "${{ github.sha }}", "fetch-depth": 0, "persist-credentials": False}
    python = next(step for step in job()["steps"] if action(step.get("uses", "")) == "actions/setup-python")
    assert python["with"] == {"python-version": "3.11"}  # no `cache:` a pull request could have written
    assert job()["env"]["BASE_SHA"] == "${{ github.sha }}"
    assert "cache" not in json.dumps(gate()).replace("--no-cache", "")


def test_the_head_is_only_named_in_the_environment_never_checked_out_or_run() -> None:
    text = json.dumps(gate(), ensure_ascii=False)
    assert text.count("pull_request.head") == 1
    assert job()["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    scripts = run_scripts(gate())
    for command in ("git checkout", "git switch", "git worktree", "git merge", "git reset", "pip ", "npm ", "source "):
        assert command not in scripts, command
    # main's tool is installed before any object of the head is on the machine.
    names = [step.get("name", "") for step in job()["steps"]]
    assert names.index("安装主分支的工具（make setup）") < names.index("取得合并请求的提交（仅作为数据，不检出）")
    assert step_named("make setup")["run"] == "make setup"


def test_gate_runs_mains_check_on_the_head_with_the_author_as_actor() -> None:
    command = '.venv/bin/accel666 check --base "$BASE_SHA" --head "$HEAD_SHA" --actor "$PR_AUTHOR"'
    assert step_named("检查合并请求")["run"] == command + " --format github"
    assert command + " --format summary" in step_named("检查摘要")["run"]
    assert job()["env"]["PR_AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert job()["env"]["PR_NUMBER"] == "${{ github.event.pull_request.number }}"


# -- the fetch step, run -------------------------------------------------------------------


@pytest.fixture
def origin(tmp_path: Path) -> tuple[Path, str, str]:
    """A bare origin with main and a pull request #7 that changes the tool; the base's clone."""
    work = tmp_path / "author"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "a@example.invalid")
    git(work, "config", "user.name", "a")
    (work / "README.md").write_text("main\n", encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "main")
    base = git(work, "rev-parse", "HEAD")
    (work / "Makefile").write_text("setup:\n\ttouch pwned\n", encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "a pull request that changes the tool")
    head = git(work, "rev-parse", "HEAD")
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    git(bare, "update-ref", "refs/pull/7/head", head)
    git(bare, "update-ref", "refs/heads/main", base)
    clone = tmp_path / "base"
    git(tmp_path, "clone", "-q", str(bare), str(clone))
    return clone, base, head


def test_fetch_step_brings_the_head_as_objects_and_leaves_mains_work_tree(origin: tuple[Path, str, str]) -> None:
    clone, base, head = origin
    env = {"PR_NUMBER": "7", "HEAD_SHA": head, "BASE_SHA": base, "GITHUB_TOKEN": "not-a-token"}
    completed = run_step(step_named("取得合并请求")["run"], clone, env)
    assert completed.returncode == 0, completed.stderr
    assert git(clone, "cat-file", "-t", head) == "commit"
    assert git(clone, "rev-parse", "HEAD") == base
    assert git(clone, "status", "--porcelain") == ""
    assert not (clone / "Makefile").exists()
    assert "not-a-token" not in (clone / ".git" / "config").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "sha_of"),
    [("7; touch pwned", "head"), ("07", "head"), ("7", "base-is-not-the-head"), ("7", "malformed")],
)
def test_fetch_step_refuses_a_bad_number_or_a_head_it_did_not_fetch(
    origin: tuple[Path, str, str], number: str, sha_of: str
) -> None:
    clone, base, head = origin
    sha = {"head": head, "base-is-not-the-head": "f" * 40, "malformed": head[:12]}[sha_of]
    env = {"PR_NUMBER": number, "HEAD_SHA": sha, "BASE_SHA": base, "GITHUB_TOKEN": "not-a-token"}
    completed = run_step(step_named("取得合并请求")["run"], clone, env)
    assert completed.returncode != 0
    assert not (clone / "pwned").exists()


# -- the check and summary steps with a fake tool -------------------------------------------


def fake_tool(root: Path, exit_code: int) -> Path:
    """A `.venv/bin/accel666` that logs its arguments and exits with `exit_code`."""
    tool = root / ".venv" / "bin" / "accel666"
    tool.parent.mkdir(parents=True)
    log = root / "calls.log"
    tool.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\necho "## 摘要 $*"\nexit {exit_code}\n', encoding="utf-8"
    )
    tool.chmod(0o755)
    return log


GATE_ENV = {"BASE_SHA": "a" * 40, "HEAD_SHA": "b" * 40, "PR_AUTHOR": "some-author", "PR_NUMBER": "7"}


@pytest.mark.parametrize("exit_code", [0, 1, 3])
def test_check_step_fails_the_gate_exactly_when_the_tool_does(tmp_path: Path, exit_code: int) -> None:
    log = fake_tool(tmp_path, exit_code)
    completed = run_step(step_named("检查合并请求")["run"], tmp_path, GATE_ENV)
    assert completed.returncode == exit_code
    assert (
        log.read_text(encoding="utf-8")
        == f"check --base {'a' * 40} --head {'b' * 40} --actor some-author --format github\n"
    )


@pytest.mark.parametrize(("exit_code", "step_fails"), [(0, False), (1, False), (2, True), (3, True)])
def test_summary_step_writes_the_job_summary_and_fails_only_on_a_crash(
    tmp_path: Path, exit_code: int, step_fails: bool
) -> None:
    fake_tool(tmp_path, exit_code)
    summary = tmp_path / "step-summary.md"
    env = {**GATE_ENV, "RUNNER_TEMP": str(tmp_path), "GITHUB_STEP_SUMMARY": str(summary)}
    completed = run_step(step_named("检查摘要")["run"], tmp_path, env)
    assert (completed.returncode != 0) is step_fails
    assert summary.read_text(encoding="utf-8").startswith(f"## 摘要 check --base {'a' * 40} --head {'b' * 40}")
    assert "--format summary" in summary.read_text(encoding="utf-8")
    # What pr-comment.yml posts: the same summary, the number and the head that was checked.
    artifact = tmp_path / "gate-summary"
    assert (artifact / "summary.md").read_text(encoding="utf-8") == summary.read_text(encoding="utf-8")
    assert (artifact / "pr-number.txt").read_text(encoding="utf-8") == "7\n"
    assert (artifact / "head-sha.txt").read_text(encoding="utf-8") == "b" * 40 + "\n"
