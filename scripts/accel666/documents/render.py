"""The completed application form of one application, for the printed copies: Word, or PDF.

The form is the notice's layout for the category (forms/layouts.py: the same definition the
site's blank annexes are printed from), filled with the file's values, followed by
the fields the notice's form has no place for (layout.registration), so the paper
shows every value of the file. Every page's footer carries:

- the application's id, `<batch>/<region>/<category>/<USCC>` (its path under submissions/);
- its version: the first 12 hex digits of the Git blob id of the file as Git stores it,
  which is what `git hash-object FILE` prints in the repository. Git is asked
  (`git hash-object --path`), because its filters can make the stored bytes differ from
  the working copy's: with core.autocrlf=true a CRLF working copy is stored with LF.
  Outside a Git work tree the blob id of the bytes themselves is printed (SHA-1 of
  "blob <size>\\0" followed by the bytes).

To find the commit a paper copy was printed from, run in the repository
`git log --all --find-object=<version>` (git takes the 12-digit abbreviation): it
lists the commits that added or removed exactly that content. When it lists nothing,
or says it cannot resolve the id, the copy was printed from a file that was never
committed. A file that differs from what HEAD holds (not committed yet, or edited
since) still prints, but its version may be in no commit: `Version.committed` says so,
and the command warns.

Only a file that passes validation is printed (the caller checks: `problems`). The PDF
is LibreOffice's rendering of the same .docx (office.py), so paper and Word agree.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from accel666 import git
from accel666.check import check_repository
from accel666.documents.export import form_docx
from accel666.documents.forms.layouts import REPOSITORY_ONLY
from accel666.documents.pdf import convert
from accel666.findings import Result
from accel666.load import load_document
from accel666.repository import Repository, locate

VERSION_DIGITS = 12
FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Version:
    """A file's version as the footer prints it (`blob`, abbreviated), and whether HEAD holds it."""

    blob: str  # the full Git blob id
    committed: bool | None  # None outside a Git work tree, where nothing can be compared

    @property
    def short(self) -> str:
        return self.blob[:VERSION_DIGITS]


def blob_id(raw: bytes) -> str:
    """The Git blob id of exactly these bytes (SHA-1 of "blob <size>\\0" and the bytes), no filters applied."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def version(root: Path, relpath: str, raw: bytes) -> Version:
    """The version of `raw`, the content of `relpath` in the repository at `root`: what Git stores for it.

    In a Git work tree Git hashes the bytes through the repository's filters for that
    path (core.autocrlf, .gitattributes), as `git add` would; elsewhere, or without git,
    the bytes are hashed as they are.
    """
    if git.output(root, "rev-parse", "--is-inside-work-tree") != "true":
        return Version(blob_id(raw), None)
    stored = git.output(root, "hash-object", f"--path={relpath}", "--stdin", stdin=raw) or blob_id(raw)
    # "./" makes the path relative to `root`, which may be a folder inside the work tree.
    head = git.output(root, "rev-parse", "--verify", "--quiet", f"HEAD:./{relpath}")
    return Version(stored, head == stored)


def application_id(relpath: str) -> str:
    location = locate(relpath)
    return f"{location.batch}/{location.region}/{location.category}/{location.stem}"


def footer(relpath: str, blob: str) -> str:
    return f"申报编号：{application_id(relpath)}　文件版本：{blob[:VERSION_DIGITS]}"


def problems(repo: Repository, relpaths: Sequence[str]) -> Result:
    """The validator's findings for the files to print (the whole repository is taken into account)."""
    return check_repository(repo, list(relpaths))


def form(repo: Repository, relpath: str, timestamp: datetime | None = None) -> tuple[bytes, Version]:
    """The filled form of the application at `relpath` as a .docx, and the version its footer names.

    Reproducible: the same file gives the same bytes.
    """
    raw = (repo.root / relpath).read_bytes()
    data = load_document(raw, relpath).data
    assert isinstance(data, dict), relpath  # the caller printed only files that passed validation
    category = str(locate(relpath).category)
    printed = version(repo.root, relpath, raw)
    # The form itself names the region (附件3's 地区); the registration lists the code as the file has it.
    regions = None if "/region" in REPOSITORY_ONLY[category] else {c: r.name for c, r in repo.regions.items()}
    made = form_docx(
        category, data=data, regions=regions, timestamp=timestamp, footer=footer(relpath, printed.blob), registered=True
    )
    return made, printed


def write_forms(
    repo: Repository, targets: dict[str, Path], to: str, timestamp: datetime | None = None
) -> dict[str, Version]:
    """Write the form of each application (relpath -> output file) as `to` ("docx" or "pdf").

    Returns the version each form's footer names, by relpath.
    """
    versions: dict[str, Version] = {}
    if to == "docx":
        for relpath, target in targets.items():
            made, versions[relpath] = form(repo, relpath, timestamp)
            target.write_bytes(made)
        return versions
    with tempfile.TemporaryDirectory(prefix="accel666-render-") as folder:
        scratch = Path(folder)
        # Numbered names: LibreOffice names each PDF after its source, and stems may repeat.
        sources = []
        for number, relpath in enumerate(targets):
            source = scratch / f"{number}.docx"
            made, versions[relpath] = form(repo, relpath, timestamp)
            source.write_bytes(made)
            sources.append(source)
        for converted, target in zip(convert(sources, to, scratch / "out"), targets.values(), strict=True):
            shutil.move(converted, target)
    return versions
