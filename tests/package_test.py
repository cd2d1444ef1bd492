"""Packaging: the wheel ships the schemas and the console script; the hook manifest is valid."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from pre_commit.clientlib import load_manifest

from builders import ROOT, SAMPLES, tree_env

SCHEMA_NAMES = tuple(
    sorted(path.name.removesuffix(".schema.json") for path in (ROOT / "schemas").glob("*.schema.json"))
)
PACKAGE = ROOT / "scripts" / "accel666"
# Not part of the source tree a build should see (caches, environments, earlier builds).
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "site", "*.egg-info", "__pycache__", ".*cache", ".hypothesis", "bench-output"
)


@dataclass(frozen=True)
class Build:
    completed: subprocess.CompletedProcess[str]
    out: Path


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """`pip wheel` on a copy of the project, with this environment's setuptools, offline."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)  # building in place would write build/ into the work tree
    out = base / "out"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
    completed = subprocess.run(
        [*command, "--disable-pip-version-check", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Build(completed, out)


def built_wheel(build: Build) -> zipfile.ZipFile:
    output = build.completed.stdout + build.completed.stderr
    hint = ""
    if "invalid command 'bdist_wheel'" in output:
        hint = (
            f"setuptools {metadata.version('setuptools')} in {sys.prefix} has no bdist_wheel (built in from 70.1 on; "
            "requirements.lock pins setuptools 80.9.0, pyproject.toml only asks for setuptools>=64).\n"
        )
    assert build.completed.returncode == 0, hint + output[-4000:]
    wheels = sorted(build.out.glob("accel666-*.whl"))
    assert len(wheels) == 1, wheels
    return zipfile.ZipFile(wheels[0])


def test_the_wheel_ships_every_schema_unchanged(build: Build) -> None:
    assert len(SCHEMA_NAMES) == 12  # four forms' and configurations' seven, the workflow's five records
    wheel = built_wheel(build)
    shipped = {name for name in wheel.namelist() if name.startswith("accel666/schemas/")}
    expected = {f"accel666/schemas/{name}.schema.json" for name in SCHEMA_NAMES}
    assert expected <= shipped
    for name in SCHEMA_NAMES:
        packaged = wheel.read(f"accel666/schemas/{name}.schema.json")
        assert packaged == (ROOT / "schemas" / f"{name}.schema.json").read_bytes()


def test_the_wheel_declares_the_accel666_console_script(build: Build) -> None:
    wheel = built_wheel(build)
    entry_points = next(name for name in wheel.namelist() if name.endswith(".dist-info/entry_points.txt"))
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(entry_points).decode("utf-8"))
    assert parser["console_scripts"]["accel666"].strip() == "accel666.cli:main"


def test_the_wheel_holds_the_whole_package_and_no_repository_data(build: Build) -> None:
    wheel = built_wheel(build)
    names = set(wheel.namelist())
    modules = {
        "accel666/" + path.relative_to(ROOT / "scripts" / "accel666").as_posix()
        for path in (ROOT / "scripts" / "accel666").rglob("*.py")
    }
    assert modules <= names
    assert not [name for name in names if name.startswith(("submissions/", "tests/", "schemas/"))]
    assert not [name for name in names if name.endswith(".yaml")]


@pytest.mark.parametrize(
    "module",
    sorted(
        "accel666." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
        if path.name != "__main__.py"
    ),
)
def test_every_module_imports_on_its_own(module: str) -> None:
    """No import cycle hides behind the order other modules happen to be imported in."""
    completed = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        env=tree_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr


def test_the_hook_manifest_defines_accel666_validate_as_a_python_hook() -> None:
    path = ROOT / ".pre-commit-hooks.yaml"
    hooks = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    hook = next(item for item in hooks if item["id"] == "accel666-validate")
    assert hook["language"] == "python"
    assert hook["entry"].split() == ["accel666", "validate"]
    assert re.search(hook["files"], SAMPLES["backbone"])
    assert re.search(hook["files"], "submissions/2020-1/320500/backbone/draft.yml")
    assert not re.search(hook["files"], "docs/index.md")
    assert not re.search(hook["files"], "scripts/accel666/check.py")


def test_the_hook_manifest_passes_pre_commits_own_validation() -> None:
    manifest = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [hook["id"] for hook in manifest] == ["accel666-validate"]
    assert manifest[0]["pass_filenames"] is True
