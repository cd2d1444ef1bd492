"""What a change touches: the files under submissions/ that differ from a base commit.

Plain `git` plumbing with NUL-separated output, so Chinese or unusual file names arrive
unquoted. The working tree is compared (staged, unstaged and untracked files alike), so
`accel666 check --base main` before committing sees what the pull request will hold.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from accel666.errors import FatalError
from accel666.repository import SUBMISSIONS, Location, locate

_STATUS = {"A": "added", "M": "modified", "D": "deleted", "T": "modified"}


@dataclass(frozen=True)
class Change:
    status: str  # "added", "modified" or "deleted"
    path: str

    @property
    def location(self) -> Location:
        return locate(self.path)


@dataclass(frozen=True)
class ChangeSet:
    base: str  # the commit compared with: the merge base of REF and HEAD
    changes: tuple[Change, ...]
    base_paths: frozenset[str]  # every file under submissions/ at the base


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise FatalError("找不到 git 命令：请先安装 git。") from exc
    if done.returncode != 0:
        raise FatalError(f"git {' '.join(args)} 失败：{done.stderr.strip()}")
    return done.stdout


def _split(output: str) -> list[str]:
    return [item for item in output.split("\0") if item]


def changes_since(root: Path, ref: str) -> ChangeSet:
    """The change from the merge base of `ref` and HEAD to the working tree, under submissions/."""
    verify = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if verify.returncode != 0:
        raise FatalError(f"找不到比较基准 {ref}：请给出存在的分支或提交（例如 origin/main），必要时先 git fetch。")
    base = verify.stdout.strip()
    merge_base = subprocess.run(
        ["git", "merge-base", base, "HEAD"], cwd=root, capture_output=True, text=True, check=False
    )
    if merge_base.returncode == 0:
        base = merge_base.stdout.strip()
    fields = _split(_git(root, "diff", "--name-status", "--no-renames", "-z", base, "--", SUBMISSIONS))
    changes = [
        Change(_STATUS.get(code[0], "modified"), path) for code, path in zip(fields[::2], fields[1::2], strict=True)
    ]
    untracked = _split(_git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", SUBMISSIONS))
    changes += [Change("added", path) for path in untracked]
    base_paths = frozenset(_split(_git(root, "ls-tree", "-r", "--name-only", "-z", base, "--", SUBMISSIONS)))
    return ChangeSet(base, tuple(sorted(changes, key=lambda c: c.path)), base_paths)
