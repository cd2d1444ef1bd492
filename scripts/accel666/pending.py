"""Checking files before they are written: the pull request's validator on a staging copy.

`check_pending` copies the repository's submissions/ into a temporary folder, writes
the new files there, and runs `check.check_repository` on that copy: the very checks a
pull request adding the files gets, repository-wide ones included (a duplicate
applicant in another region's folder). Nothing in the repository itself is touched.
The copy is checked without the cache: a file rewritten within the file system's
timestamp granularity, at the same size, could otherwise pass as unchanged.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from accel666.check import check_repository
from accel666.findings import Result
from accel666.repository import SUBMISSIONS, Repository, open_repository


def check_pending(repo: Repository, files: Mapping[str, bytes]) -> Result:
    """The findings of `files` (repository-relative path -> content) as if they were written into `repo`."""
    with tempfile.TemporaryDirectory(prefix="accel666-staging-") as folder:
        stage = Path(folder)
        shutil.copytree(repo.root / SUBMISSIONS, stage / SUBMISSIONS)
        for relpath, raw in files.items():
            target = stage / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        return check_repository(open_repository(stage), sorted(files), use_cache=False)
