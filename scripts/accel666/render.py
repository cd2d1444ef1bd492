"""The completed application form of one application, for the printed copies: Word, or PDF.

The form is the notice's layout for the category (layout.py: the same definition the
site's blank annexes are printed from), filled with the file's values, followed by
the fields the notice's form has no place for (layout.registration), so the paper
shows every value of the file. Every page's footer carries:

- the application's id, `<batch>/<region>/<category>/<USCC>` (its path under submissions/);
- its version: the first 12 hex digits of the file's Git blob id, which is what
  `git hash-object FILE` prints for the file as committed (SHA-1 of "blob <size>\\0"
  followed by the bytes). `git log --find-object=<version>` lists the commits that
  added or removed exactly that content, so a printed copy leads back to its commit.

Only a file that passes validation is printed (the caller checks: `problems`). The PDF
is LibreOffice's rendering of the same .docx (office.py), so paper and Word agree.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from accel666.check import check_repository
from accel666.export import form_docx
from accel666.findings import Result
from accel666.layout import REPOSITORY_ONLY
from accel666.load import load_document
from accel666.office import convert
from accel666.repository import Repository, locate

VERSION_DIGITS = 12
FORMATS = ("docx", "pdf")


def blob_id(raw: bytes) -> str:
    """The Git blob id of a file's content: what `git hash-object FILE` prints."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def application_id(relpath: str) -> str:
    location = locate(relpath)
    return f"{location.batch}/{location.region}/{location.category}/{location.stem}"


def footer(relpath: str, raw: bytes) -> str:
    return f"申报编号：{application_id(relpath)}　文件版本：{blob_id(raw)[:VERSION_DIGITS]}"


def problems(repo: Repository, relpaths: Sequence[str]) -> Result:
    """The validator's findings for the files to print (the whole repository is taken into account)."""
    return check_repository(repo, list(relpaths))


def form(repo: Repository, relpath: str, timestamp: datetime | None = None) -> bytes:
    """The filled form of the application at `relpath` as a .docx (reproducible: same file, same bytes)."""
    raw = (repo.root / relpath).read_bytes()
    data = load_document(raw, relpath).data
    assert isinstance(data, dict), relpath  # the caller printed only files that passed validation
    category = str(locate(relpath).category)
    # The form itself names the region (附件3's 地区); the registration lists the code as the file has it.
    regions = None if "/region" in REPOSITORY_ONLY[category] else {c: r.name for c, r in repo.regions.items()}
    return form_docx(
        category, data=data, regions=regions, timestamp=timestamp, footer=footer(relpath, raw), registered=True
    )


def write_forms(repo: Repository, targets: dict[str, Path], to: str, timestamp: datetime | None = None) -> None:
    """Write the form of each application (relpath -> output file) as `to` ("docx" or "pdf")."""
    if to == "docx":
        for relpath, target in targets.items():
            target.write_bytes(form(repo, relpath, timestamp))
        return
    with tempfile.TemporaryDirectory(prefix="accel666-render-") as folder:
        scratch = Path(folder)
        # Numbered names: LibreOffice names each PDF after its source, and stems may repeat.
        sources = []
        for number, relpath in enumerate(targets):
            source = scratch / f"{number}.docx"
            source.write_bytes(form(repo, relpath, timestamp))
            sources.append(source)
        for made, target in zip(convert(sources, to, scratch / "out"), targets.values(), strict=True):
            shutil.move(made, target)
