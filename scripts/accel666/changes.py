"""What a change is told: a pull request's check against its base, and files before they are written.

`check_pull_request` is `accel666 check`: the repository with its workflow rules and
CODEOWNERS, and, given the change since a base, the rules that compare the two (late,
locked, another region's files, stages mixed).

`check_pending` copies the repository's submissions/ into a temporary folder, writes
the new files there, and runs `check.check_repository` on that copy: the very checks a
pull request adding the files gets, repository-wide ones included (a duplicate
applicant in another region's folder). Nothing in the repository itself is touched.
The copy is checked without the cache: a file rewritten within the file system's
timestamp granularity, at the same size, could otherwise pass as unchanged.

`check_changes` runs the pull request's change rules (rules.changes.CHECKS: no new
application after the deadline, none changed once recommended...) on what writing
would change, with the repository as it is now as the base. The caller says what
each file's change is: only it knows which files would be left as they are.

`check_against_head` is the gate itself on the same kind of copy: the change from HEAD
to the working tree plus the new files, judged by `check_pull_request` with the actor's
role (what `accel666 intake` tells a bureau before it writes a received file).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from accel666 import codeowners
from accel666.check import Checked, check_repository
from accel666.codeowners import CODEOWNERS
from accel666.findings import Finding, Result
from accel666.git import Change, ChangeSet, changes_since, export_tree
from accel666.repository import SUBMISSIONS, Repository, open_repository
from accel666.rules.access import CHECKS as ACCESS_CHECKS
from accel666.rules.changes import CHECKS as CHANGE_CHECKS
from accel666.rules.changes import ChangeContext
from accel666.rules.codes import with_severity

# ChangeSet.base names a commit in `accel666 check --base`; here there is none to name.
WORKING_TREE = "the working tree before writing"


@contextmanager
def _staged(repo: Repository, files: Mapping[str, bytes]) -> Iterator[Repository]:
    """A copy of the repository's data (and CODEOWNERS) in a temporary folder, with `files` written into it."""
    with tempfile.TemporaryDirectory(prefix="accel666-staging-") as folder:
        stage = Path(folder)
        shutil.copytree(repo.root / SUBMISSIONS, stage / SUBMISSIONS, symlinks=True)  # a link stays a link
        if (repo.root / CODEOWNERS).is_file():
            (stage / CODEOWNERS).parent.mkdir(parents=True)
            shutil.copy2(repo.root / CODEOWNERS, stage / CODEOWNERS)
        for relpath, raw in files.items():
            target = stage / relpath
            # Never through a link the copy kept (it would write wherever it points): the link
            # stays in place and is reported as FILE-NOT-REGULAR.
            if any(folder.is_symlink() for folder in (target, *target.parents) if stage in folder.parents):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        yield open_repository(stage)


def check_pending(repo: Repository, files: Mapping[str, bytes], *, today: dt.date) -> Result:
    """The findings of `files` (repository-relative path -> content) as if they were written into `repo`.

    `today` is the day the workflow rules compare record dates with, as in `accel666 check --today`.
    """
    with _staged(repo, files) as stage:
        return check_repository(stage, sorted(files), use_cache=False, today=today)


def check_against_head(
    repo: Repository, files: Mapping[str, bytes], *, today: dt.date, actor: str | None = None
) -> Checked:
    """The gate's findings for a pull request from HEAD holding the working tree with `files` written.

    `accel666 check --base HEAD --actor LOGIN` on the tree as it would be: deadlines and locks
    against HEAD's configuration and records, duplicates across the repository, and what the
    actor's role allows; nothing in the repository is touched.
    """
    change = changes_since(repo.root, "HEAD")
    written = [Change("modified" if path in change.base_paths else "added", path) for path in files]
    kept = [c for c in change.changes if c.path not in files]
    change = dataclasses.replace(change, changes=tuple(sorted([*kept, *written], key=lambda c: c.path)))
    with _staged(repo, files) as stage:
        return check_pull_request(stage, change, today, use_cache=False, actor=actor)


def check_changes(repo: Repository, changes: Iterable[Change], *, today: dt.date) -> list[Finding]:
    """The change rules' findings for `changes` ("added" or "modified" files) made to `repo` as it is now."""
    change_set = ChangeSet(
        base=WORKING_TREE,
        changes=tuple(sorted(changes, key=lambda change: change.path)),
        base_paths=frozenset(repo.yaml_files()),
    )
    context = ChangeContext(repo=repo, changes=change_set, today=today)
    return [with_severity(finding) for rule in CHANGE_CHECKS for finding in rule(context)]


def check_pull_request(
    repo: Repository,
    changes: ChangeSet | None,
    today: dt.date,
    *,
    use_cache: bool = True,
    actor: str | None = None,
    problems: Iterable[Finding] = (),
) -> Checked:
    """The repository's findings, CODEOWNERS's, and those of the change since its base.

    `actor`, the pull request's author, is held to the roles the base's accounts give it
    (rules.access); `problems` are what reading the head found (links, unprintable names).
    """
    result = check_repository(repo, None, use_cache=use_cache, today=today)
    result.findings.extend(with_severity(f) for f in (*problems, *codeowners.check_codeowners(repo)))
    if changes is not None:
        context = ChangeContext(repo, changes, today, result.snapshot.states, actor)
        for rule in (*CHANGE_CHECKS, *ACCESS_CHECKS):
            result.findings.extend(with_severity(f) for f in rule(context))
    return result


@contextmanager
def head_repository(root: Path, head: str) -> Iterator[tuple[Repository, list[Finding]]]:
    """A pull request's head as plain files in a temporary folder, written from git objects alone.

    The gate judges this copy: nothing of the head is checked out, imported or run, and
    only the data (submissions/) and the CODEOWNERS that must match it are written.
    """
    with tempfile.TemporaryDirectory(prefix="accel666-head-") as folder:
        copy = Path(folder)
        problems = export_tree(root, head, copy, (SUBMISSIONS, CODEOWNERS))
        (copy / SUBMISSIONS).mkdir(exist_ok=True)
        yield open_repository(copy), problems
