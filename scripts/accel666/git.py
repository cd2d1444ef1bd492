"""What a change touches: the files that differ from a base commit, and a commit's files as data.

Plain `git` plumbing with NUL-separated output, so Chinese or unusual file names arrive
unquoted. `changes_since` compares the working tree (staged, unstaged and untracked files
alike), so `accel666 check --base main` before committing sees what the pull request will
hold; `changes_between` and `export_tree` read a pull request's head from git objects
only, for the gate, which must never run anything the head brings.
`run` and `output` are the one way the package calls git (render.py asks it for a
file's version too): locally, never over the network.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accel666.errors import FatalError
from accel666.findings import Finding
from accel666.load import MAX_BYTES
from accel666.repository import (
    REGIONS_FILE,
    REVIEWERS_FILE,
    SUBMISSIONS,
    Batch,
    Location,
    locate,
    open_repository,
    path_problem,
    printable_path,
)

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
    outside: tuple[str, ...] = ()  # paths changed outside submissions/: the tool, schemas, workflows, docs
    base_reviewers: Mapping[str, Any] = field(default_factory=dict)  # reviewers.yaml at the base, when valid

    @property
    def base_accounts(self) -> Mapping[str, Any]:
        """reviewers.yaml's `accounts` at the base: who the gate's roles are given to."""
        return self.base_reviewers.get("accounts") or {}


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


@dataclass(frozen=True)
class BaseConfig:
    batches: dict[str, Batch]
    reviewers: Mapping[str, Any]


def config_at(root: Path, commit: str, base_paths: Iterable[str]) -> BaseConfig:
    """The batches' configuration and the accounts as `commit` holds them, loaded and checked as usual.

    The deadline rules go by these dates, and the roles by these accounts: a pull request
    that moves a deadline, or names its author a bureau, changes nothing for itself.
    """
    wanted = [path for path in base_paths if path in (REGIONS_FILE, REVIEWERS_FILE) or locate(path).kind == "batch"]
    with tempfile.TemporaryDirectory(prefix="accel666-base-") as folder:
        copy = Path(folder)
        (copy / SUBMISSIONS).mkdir()
        for relpath in wanted:
            target = copy / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_required(root, "show", f"{commit}:{relpath}"))
        repo = open_repository(copy)
        return BaseConfig(repo.batches, repo.reviewers)


def _split(output: str) -> list[str]:
    return [item for item in output.split("\0") if item]


def changes_since(root: Path, ref: str) -> ChangeSet:
    """The change from the merge base of `ref` and HEAD to the working tree."""
    commit = _commit(root, ref)
    base = output(root, "merge-base", commit, "HEAD") or commit
    fields = _split(_git(root, "diff", "--name-status", "--no-renames", "-z", base, "--", SUBMISSIONS))
    changes = _changes(fields)
    untracked = _split(_git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", SUBMISSIONS))
    changes += [Change("added", printable_path(path)) for path in untracked]
    return _change_set(root, base, changes, _outside(root, base, None))


def changes_between(root: Path, base_ref: str, head_ref: str) -> ChangeSet:
    """The change a pull request makes: from the merge base of `base_ref` and `head_ref` to `head_ref`.

    Read from git objects alone: nothing of the head is checked out, let alone run.
    """
    base_commit, head = _commit(root, base_ref), _commit(root, head_ref, "要检查的提交")
    base = output(root, "merge-base", base_commit, head) or base_commit
    fields = _split(_git(root, "diff", "--name-status", "--no-renames", "-z", base, head, "--", SUBMISSIONS))
    return _change_set(root, base, _changes(fields), _outside(root, base, head))


def _commit(root: Path, ref: str, what: str = "比较基准") -> str:
    verify = _ran(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if verify.returncode != 0:
        raise FatalError(f"找不到{what} {ref}：请给出存在的分支或提交（例如 origin/main），必要时先 git fetch。")
    return verify.stdout.decode("utf-8").strip()


def _changes(fields: list[str]) -> list[Change]:
    # A name with a control character is shown escaped: it must not forge lines in any output.
    pairs = zip(fields[::2], fields[1::2], strict=True)
    return [Change(_STATUS.get(code[0], "modified"), printable_path(path)) for code, path in pairs]


def _outside(root: Path, base: str, head: str | None) -> tuple[str, ...]:
    """Paths changed outside submissions/ since `base`: in `head`, or (None) in the working tree, untracked too."""
    rest = ["--", ".", f":(exclude){SUBMISSIONS}"]
    changed = _split(_git(root, "diff", "--name-only", "--no-renames", "-z", base, *([head] if head else []), *rest))
    if head is None:
        changed += _split(_git(root, "ls-files", "--others", "--exclude-standard", "-z", *rest))
    return tuple(sorted({printable_path(path) for path in changed}))


def _change_set(root: Path, base: str, changes: list[Change], outside: tuple[str, ...]) -> ChangeSet:
    base_paths = frozenset(_split(_git(root, "ls-tree", "-r", "--name-only", "-z", base, "--", SUBMISSIONS)))
    config = config_at(root, base, base_paths)
    ordered = tuple(sorted(changes, key=lambda c: c.path))
    return ChangeSet(base, ordered, base_paths, config.batches, outside, config.reviewers)


# Git's modes of a regular file; a link (120000) or a submodule (160000) is never written out.
_REGULAR_MODES = frozenset({"100644", "100755"})


def export_tree(root: Path, commit: str, dest: Path, paths: Sequence[str]) -> list[Finding]:
    """Write the regular files of `commit` under `paths` into `dest`, from git objects alone.

    This is how the gate reads a pull request's head: as data, never as a checkout that a
    hook, a build or an import could run. What is not a regular file with a printable
    name becomes a finding instead (a link could point anywhere on the machine that
    judges it). A blob over the loader's limit is written as a stand-in just over it,
    which the loader refuses, so that a huge blob is never read into memory.
    """
    problems: list[Finding] = []
    for entry in _split(
        _git(root, "ls-tree", "-r", "-l", "-z", "--full-tree", _commit(root, commit, "要检查的提交"), "--", *paths)
    ):
        meta, path = entry.split("\t", 1)
        mode, _kind, obj, size = meta.split()
        problem = path_problem(path, regular=mode in _REGULAR_MODES)
        if problem is not None:
            problems.append(problem)
            continue
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(
            b"\n" * (MAX_BYTES + 1) if int(size) > MAX_BYTES else _required(root, "cat-file", "blob", obj)
        )
    return problems
