"""The post-merge check of deploy.yml fails closed: its selecting step, run for real.

The step runs as GitHub runs it (bash -eo pipefail) in a real git repository whose main
holds a few merges, with the published site a folder read through a file:// URL and a
fake `make` whose `make setup` installs a fake `.venv/bin/accel666`. That tool fails a
change that adds a file named late*, like a merge after the deadline, and logs which
commit's tool ran, on which day, for which commits.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from workflows_test import WORKFLOWS, load

FAKE_MAKE = """#!/bin/sh
# `make setup`: install the tool of the commit checked out here.
[ "$1" = setup ] || exit 2
mkdir -p .venv/bin
cat > .venv/bin/accel666 <<'TOOL'
#!/bin/sh
# check --base B --head H --today D --format github
printf '%s %s %s %s\\n' "$(cat tool.txt)" "$3" "$5" "$7" >> "$CALLS"
[ -z "$CRASH" ] || exit 3
if git diff --name-only --diff-filter=A "$3" "$5" | grep -q '^late'; then
  echo "::error file=late.yaml::截止日期后新增申报"
  exit 1
fi
TOOL
chmod +x .venv/bin/accel666
"""


def select_script() -> str:
    steps = load(WORKFLOWS / "deploy.yml")["jobs"]["select"]["steps"]
    return str(next(step for step in steps if step.get("id") == "select")["run"])


class Main:
    """A repository whose main grows by commits named after what they do."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo = root / "repo"
        self.repo.mkdir()
        self.site = root / "site"
        self.site.mkdir()
        self.bin = root / "bin"
        self.bin.mkdir()
        (self.bin / "make").write_text(FAKE_MAKE, encoding="utf-8")
        (self.bin / "make").chmod(0o755)
        self.calls = root / "calls.log"
        self.env = {
            "PATH": f"{self.bin}:{os.environ['PATH']}",
            "HOME": str(root),
            "GIT_AUTHOR_NAME": "省工信厅",
            "GIT_AUTHOR_EMAIL": "p@example.invalid",
            "GIT_COMMITTER_NAME": "省工信厅",
            "GIT_COMMITTER_EMAIL": "p@example.invalid",
            "CALLS": str(self.calls),
        }
        self.git("init", "-q", "-b", "main")
        (self.repo / ".gitignore").write_text(".venv/\n", encoding="utf-8")
        self.commits: dict[str, str] = {}

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        completed = subprocess.run(
            ["git", *args],
            cwd=self.repo,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return completed.stdout.strip()

    def commit(self, name: str, *, add: str = "", remove: str = "", date: str = "2020-08-20T02:00:00+00:00") -> str:
        """A commit `name` whose tool is tool-`name`, adding or removing one file."""
        (self.repo / "tool.txt").write_text(f"tool-{name}\n", encoding="utf-8")
        if add:
            (self.repo / add).write_text(name, encoding="utf-8")
        if remove:
            (self.repo / remove).unlink()
        self.git("add", "-A")
        self.git("commit", "-q", "-m", name, env={"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date})
        self.commits[name] = self.git("rev-parse", "HEAD")
        return self.commits[name]

    def publish(self, sha: str) -> None:
        (self.site / "commit.txt").write_text(sha + "\n", encoding="utf-8")

    def accept(self, sha: str, *, annotated: bool = True) -> None:
        self.git("tag", *(["-a", "-m", "省工信厅确认"] if annotated else []), f"accepted/{sha}", sha)

    def select(self, **extra: str) -> tuple[dict[str, str], list[str], str]:
        """Run the step on main as it is: its outputs, the tool's calls, the job summary."""
        output, summary = self.root / "output", self.root / "summary.md"
        for path in (output, summary, self.calls):
            path.write_text("", encoding="utf-8")
        head = self.git("rev-parse", "main")
        self.git("checkout", "-q", "main")
        env = {
            **self.env,
            "MAIN_SHA": head,
            "SITE_URL": self.site.as_uri() + "/",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            **extra,
        }
        completed = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", select_script()],
            cwd=self.repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
        calls = self.calls.read_text(encoding="utf-8").splitlines()
        return outputs, calls, summary.read_text(encoding="utf-8")

    def name(self, sha: str) -> str:
        return next(name for name, commit in self.commits.items() if commit == sha) if sha else ""


@pytest.fixture
def main(tmp_path: Path) -> Main:
    """main with D published, then C1 (timely), C2 (late), C3 (timely)."""
    repo = Main(tmp_path)
    repo.publish(repo.commit("D"))
    repo.commit("C1", add="ok1.yaml", date="2020-08-30T20:00:00+00:00")  # 2020-08-31 in Beijing
    repo.commit("C2", add="late.yaml")
    repo.commit("C3", add="ok3.yaml")
    return repo


def test_the_site_stops_before_a_late_merge_and_the_later_ones(main: Main) -> None:
    outputs, calls, summary = main.select()
    assert (main.name(outputs["commit"]), main.name(outputs["refused"])) == ("C1", "C2")
    c = main.commits
    assert calls == [
        f"tool-D {c['D']} {c['C1']} 2020-08-31",  # each commit with its parent's tool, on its own day
        f"tool-C1 {c['C1']} {c['C2']} 2020-08-20",
        f"tool-C1 {c['C1']} {c['C3']} 2020-08-20",  # main as a whole still brings late.yaml
    ]
    assert f"提交 {c['C2']} 未通过合并后检查" in summary and f"accepted/{c['C2']}" in summary


def test_a_merge_the_province_accepted_with_an_annotated_tag_is_published(main: Main) -> None:
    main.accept(main.commits["C2"])
    outputs, calls, _ = main.select()
    assert (main.name(outputs["commit"]), outputs["refused"]) == ("C3", "")
    assert [call.split()[0] for call in calls] == ["tool-D", "tool-C2"]  # C2 itself is not checked


def test_a_lightweight_tag_accepts_nothing(main: Main) -> None:
    main.accept(main.commits["C2"], annotated=False)
    outputs, _, _ = main.select()
    assert main.name(outputs["refused"]) == "C2"


def test_a_revert_of_the_late_merge_lets_main_be_published(main: Main) -> None:
    main.commit("R", remove="late.yaml")
    outputs, calls, _ = main.select()
    assert (main.name(outputs["commit"]), outputs["refused"]) == ("R", "")
    assert calls[-1].split()[:3] == ["tool-C1", main.commits["C1"], main.commits["R"]]


def test_a_force_push_that_drops_published_records_publishes_nothing(main: Main) -> None:
    main.publish(main.commits["C3"])
    main.git("reset", "-q", "--hard", main.commits["C1"])
    main.commit("rewritten", add="other.yaml")
    outputs, calls, summary = main.select()
    assert (outputs["commit"], main.name(outputs["refused"])) == ("", "rewritten")
    assert calls == []
    assert "不在 main 的历史中" in summary


def test_the_province_accepts_a_rewritten_main_by_tagging_its_newest_commit(main: Main) -> None:
    main.publish(main.commits["C3"])
    main.git("reset", "-q", "--hard", main.commits["C1"])
    main.accept(main.commit("rewritten", add="other.yaml"))
    outputs, _, _ = main.select()
    assert (main.name(outputs["commit"]), outputs["refused"]) == ("rewritten", "")


@pytest.mark.parametrize("published", ["missing", "garbage", "unknown-sha"])
def test_without_a_known_published_commit_nothing_is_published_unless_accepted(main: Main, published: str) -> None:
    if published == "missing":
        (main.site / "commit.txt").unlink()
    else:
        main.publish("not a commit; rm -rf /" if published == "garbage" else "f" * 40)
    outputs, calls, _ = main.select()
    assert (outputs["commit"], main.name(outputs["refused"])) == ("", "C3")
    assert calls == []
    main.accept(main.commits["C3"])
    assert main.name(main.select()[0]["commit"]) == "C3"


def test_the_daily_rebuild_of_a_published_main_checks_nothing(main: Main) -> None:
    main.publish(main.commits["C3"])
    outputs, calls, _ = main.select()
    assert (main.name(outputs["commit"]), outputs["refused"], calls) == ("C3", "", [])


def test_a_tool_that_crashes_refuses_the_commit(main: Main) -> None:
    outputs, calls, _ = main.select(CRASH="1")
    assert (main.name(outputs["commit"]), main.name(outputs["refused"])) == ("D", "C1")
    assert [call.split()[2] for call in calls] == [main.commits["C1"], main.commits["C3"]]  # C1, then main


def test_a_tool_that_cannot_be_installed_refuses_the_commit(main: Main) -> None:
    (main.bin / "make").write_text("#!/bin/sh\nexit 2\n", encoding="utf-8")
    outputs, calls, _ = main.select()
    assert (main.name(outputs["commit"]), main.name(outputs["refused"])) == ("D", "C1")
    assert calls == []
