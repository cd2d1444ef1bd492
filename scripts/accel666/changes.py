"""Checking files before they are written: what a pull request adding them would be told.

`check_pending` copies the repository's submissions/ into a temporary folder, writes
the new files there, and runs `check.check_repository` on that copy: the very checks a
pull request adding the files gets, repository-wide ones included (a duplicate
applicant in another region's folder). Nothing in the repository itself is touched.
The copy is checked without the cache: a file rewritten within the file system's
timestamp granularity, at the same size, could otherwise pass as unchanged.

`check_changes` runs the pull request's change rules (rules.CHANGE_CHECKS: no new
application after the deadline, none changed once recommended...) on what writing
would change, with the repository as it is now as the base. The caller says what
each file's change is: only it knows which files would be left as they are.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from accel666.check import check_repository
from accel666.findings import Finding, Result
from accel666.git import Change, ChangeSet
from accel666.repository import SUBMISSIONS, Repository, open_repository
from accel666.rules import CHANGE_CHECKS, with_severity
from accel666.rules.changes import ChangeContext

# ChangeSet.base names a commit in `accel666 check --base`; here there is none to name.
WORKING_TREE = "the working tree before writing"


def check_pending(repo: Repository, files: Mapping[str, bytes], *, today: dt.date) -> Result:
    """The findings of `files` (repository-relative path -> content) as if they were written into `repo`.

    `today` is the day the workflow rules compare record dates with, as in `accel666 check --today`.
    """
    with tempfile.TemporaryDirectory(prefix="accel666-staging-") as folder:
        stage = Path(folder)
        shutil.copytree(repo.root / SUBMISSIONS, stage / SUBMISSIONS)
        for relpath, raw in files.items():
            target = stage / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        return check_repository(open_repository(stage), sorted(files), use_cache=False, today=today)


def check_changes(repo: Repository, changes: Iterable[Change], *, today: dt.date) -> list[Finding]:
    """The change rules' findings for `changes` ("added" or "modified" files) made to `repo` as it is now."""
    change_set = ChangeSet(
        base=WORKING_TREE,
        changes=tuple(sorted(changes, key=lambda change: change.path)),
        base_paths=frozenset(repo.yaml_files()),
    )
    context = ChangeContext(repo=repo, changes=change_set, today=today)
    return [with_severity(finding) for rule in CHANGE_CHECKS for finding in rule(context)]
