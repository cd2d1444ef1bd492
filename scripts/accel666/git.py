"""What a change touches: the files under submissions/ that differ from a base commit.

Plain `git` plumbing with NUL-separated output, so Chinese or unusual file names arrive
unquoted. The working tree is compared (staged, unstaged and untracked files alike), so
`accel666 check --base main` before committing sees what the pull request will hold.
`run` and `output` are the one way the package calls git (render.py asks it for a
file's version too): locally, never over the network.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from accel666.errors import FatalError
from accel666.repository import REGIONS_FILE, SUBMISSIONS, Batch, Location, locate, open_repository

_STATUS = {"A": "added", "M": "modified", "D": "deleted", "T": "modified"}
# Never the network: no objects fetched on demand (partial clones), no password prompt.
_ENVIRONMENT = {"GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"}
_SECONDS = 60  # local plumbing only: a hang means a broken git, not a slow one


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
    base_batches: Mapping[str, Batch] = field(default_factory=dict)  # the batches' configuration at the base


def run(root: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes] | None:
    """A local git command run in `root`; None when git is not installed or does not answer."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            input=stdin,
            env={**os.environ, **_ENVIRONMENT},
            capture_output=True,
            timeout=_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def output(root: Path, *args: str, stdin: bytes = b"") -> str | None:
    """What a git command printed, trimmed; None when git is missing or the command failed."""
    done = run(root, *args, stdin=stdin)
    return done.stdout.decode("utf-8", "replace").strip() if done is not None and done.returncode == 0 else None


def _ran(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    done = run(root, *args)
    if done is None:
        raise FatalError("无法运行 git 命令：请先安装 git。")
    return done


def _required(root: Path, *args: str) -> bytes:
    done = _ran(root, *args)
    if done.returncode != 0:
        raise FatalError(f"git {' '.join(args)} 失败：{done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def _git(root: Path, *args: str) -> str:
    return _required(root, *args).decode("utf-8")


def batches_at(root: Path, commit: str, base_paths: Iterable[str]) -> dict[str, Batch]:
    """The batches' configuration as `commit` holds it, loaded and checked as usual.

    The deadline rules go by these dates: a pull request that moves a deadline and adds
    a late application in one go is still late.
    """
    wanted = [path for path in base_paths if path == REGIONS_FILE or locate(path).kind == "batch"]
    with tempfile.TemporaryDirectory(prefix="accel666-base-") as folder:
        copy = Path(folder)
        (copy / SUBMISSIONS).mkdir()
        for relpath in wanted:
            target = copy / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_required(root, "show", f"{commit}:{relpath}"))
        return open_repository(copy).batches


def _split(output: str) -> list[str]:
    return [item for item in output.split("\0") if item]


def changes_since(root: Path, ref: str) -> ChangeSet:
    """The change from the merge base of `ref` and HEAD to the working tree, under submissions/."""
    verify = _ran(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if verify.returncode != 0:
        raise FatalError(f"找不到比较基准 {ref}：请给出存在的分支或提交（例如 origin/main），必要时先 git fetch。")
    commit = verify.stdout.decode("utf-8").strip()
    base = output(root, "merge-base", commit, "HEAD") or commit
    fields = _split(_git(root, "diff", "--name-status", "--no-renames", "-z", base, "--", SUBMISSIONS))
    changes = [
        Change(_STATUS.get(code[0], "modified"), path) for code, path in zip(fields[::2], fields[1::2], strict=True)
    ]
    untracked = _split(_git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", SUBMISSIONS))
    changes += [Change("added", path) for path in untracked]
    base_paths = frozenset(_split(_git(root, "ls-tree", "-r", "--name-only", "-z", base, "--", SUBMISSIONS)))
    ordered = tuple(sorted(changes, key=lambda c: c.path))
    return ChangeSet(base, ordered, base_paths, batches_at(root, base, base_paths))
