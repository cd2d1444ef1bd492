"""Test helpers: a mutable copy of the sample repository and ways to check it.

Tests that exercise a rule take a shipped sample application, change one thing in its
text and expect one finding at the place of the change (line and column computed
from where the new text sits, so the validator has to find the same spot itself).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accel666.check import check_repository
from accel666.findings import Finding, Result
from accel666.load import load_document
from accel666.repository import open_repository
from accel666.rules.codes import BY_CODE

ROOT = Path(__file__).resolve().parents[1]
TREE = ROOT / "scripts"  # the package under test, wherever the venv's editable install points
SAMPLES = {
    "service-center": "submissions/2020-1/320500/cloud-center/91320505MA1MCK8X03.yaml",
    "cloud-base": "submissions/2020-1/320400/cloud-center/91320412MA1NQ3BA2H.yaml",
    "backbone": "submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml",
    "backbone-route2": "submissions/2020-1/320200/backbone/91320214MA1R5K2D4J.yaml",
    "backbone-route3": "submissions/2020-1/320583/backbone/91320583MA1P8N6E5J.yaml",
    "demo": "submissions/2020-1/320300/demo-enterprise/91320312MA1X2T9F6G.yaml",
}
BATCH = "submissions/2020-1/batch.yaml"
REGIONS = "submissions/regions.yaml"
REVIEWERS = "submissions/reviewers.yaml"


def position_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `needle` in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@dataclass
class SampleRepo:
    root: Path

    def path(self, relpath: str) -> Path:
        return self.root / relpath

    def read(self, relpath: str) -> str:
        return self.path(relpath).read_text(encoding="utf-8")

    def write(self, relpath: str, text: str | bytes) -> None:
        target = self.path(relpath)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    def replace(self, relpath: str, old: str, new: str, *, count: int = 1) -> str:
        """Replace `old` by `new` in a file (it must be there) and return the new text."""
        text = self.read(relpath)
        assert old in text, f"{old!r} not in {relpath}"
        text = text.replace(old, new, count)
        self.write(relpath, text)
        return text

    def move(self, relpath: str, new_relpath: str) -> None:
        target = self.path(new_relpath)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.path(relpath).rename(target)

    def check(self, *paths: str) -> Result:
        repo = open_repository(self.root)
        return check_repository(repo, list(paths) or None, use_cache=False, processes=1)

    def findings(self, relpath: str) -> list[Finding]:
        """Every finding reported for one file, checking the whole repository."""
        return [f for f in self.check().findings if f.path == relpath]

    def codes(self, relpath: str) -> set[str]:
        return {f.code for f in self.findings(relpath)}


def copy_samples(root: Path) -> SampleRepo:
    shutil.copytree(ROOT / "submissions", root / "submissions")
    return SampleRepo(root)


def only(findings: list[Finding], code: str) -> Finding:
    """The single finding with `code`; fails listing everything found otherwise."""
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, f"expected one {code}, got: " + "\n".join(
        f"{f.line}:{f.column} {f.code} {f.message}" for f in findings
    )
    return matching[0]


# -- assertions shared by the rule and schema tests: every check also verifies that
# -- each finding it produced carries a registered code.

CJK = re.compile("[\u4e00-\u9fff]")


def check_registered(sample_repo: SampleRepo) -> Result:
    """Check the whole repository, asserting that every finding's code is registered."""
    result = sample_repo.check()
    unregistered = sorted({f.code for f in result.findings} - set(BY_CODE))
    assert not unregistered, f"unregistered codes: {unregistered}"
    return result


def findings_of(sample_repo: SampleRepo, relpath: str) -> list[Finding]:
    """The findings of one file, from a check of the whole repository."""
    return [f for f in check_registered(sample_repo).findings if f.path == relpath]


def codes_of(sample_repo: SampleRepo, relpath: str) -> set[str]:
    return {f.code for f in findings_of(sample_repo, relpath)}


def expect_one(sample_repo: SampleRepo, relpath: str, code: str) -> Finding:
    """The one finding with `code` for `relpath`, reported with its registered severity."""
    finding = only(findings_of(sample_repo, relpath), code)
    assert finding.severity is BY_CODE[code].severity
    return finding


def at(finding: Finding) -> tuple[int, int]:
    return finding.line, finding.column


def assert_chinese(message: str, *names: str) -> None:
    """The message is written in Chinese and names each of `names` (field titles, values)."""
    assert CJK.search(message), message
    for name in names:
        assert name in message, f"{name!r} not in {message!r}"


def value_at(text: str, prefix: str) -> tuple[int, int]:
    """Where the value after `prefix` (e.g. "founded: ") starts in `text`."""
    line, column = position_of(text, prefix)
    return line, column + len(prefix)


def git_repo(sample_repo: SampleRepo, branch: str = "change") -> Path:
    """The sample repository committed on `main` of a new git repository, with `branch` checked out."""
    from accel666.cli import main  # noqa: PLC0415 - only the git-based tests need the CLI

    root = sample_repo.root
    assert main(["codeowners", "--root", str(root)]) == 0
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "t@example.com"],
        ["config", "user.name", "T"],
        ["add", "-A"],
        ["commit", "-q", "-m", "base"],
        ["checkout", "-q", "-b", branch],
    ):
        subprocess.run(["git", *args], cwd=root, check=True)
    return root


def loaded_data(raw: bytes, path: str = "x.yaml") -> dict[str, Any]:
    """The mapping a YAML file holds; fails the test when it does not load to one."""
    doc = load_document(raw, path)
    assert doc.loaded and isinstance(doc.data, dict), doc.findings
    return doc.data


def tree_env(base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """An environment in which a child Python (accel666, mkdocs, pre-commit's hooks) runs this tree's code.

    The venv's editable install may point at another checkout; PYTHONPATH comes first on
    sys.path, so the child imports accel666 from the tree the tests were collected from.
    """
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join([str(TREE), *filter(None, [env.get("PYTHONPATH")])])
    env.update(extra)
    return env
