"""Wires fixtures; the helpers themselves live in builders.py."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

import accel666
from builders import ROOT, TREE, SampleRepo, copy_samples


def pytest_sessionstart(session: pytest.Session) -> None:
    """Refuse to test another checkout's code: the venv's editable install must be this tree."""
    package = Path(accel666.__file__).resolve().parent
    schemas = Path(str(resources.files("accel666.schemas"))).resolve()
    if package != TREE / "accel666" or schemas != ROOT / "schemas":
        raise pytest.UsageError(
            f"accel666 is imported from {package} (schemas {schemas}), not from this tree {ROOT}: "
            "run `make setup` (or `pip install -e .`) in this checkout first."
        )


@pytest.fixture(autouse=True)
def own_cache_and_no_ci(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own cache folder, and runs as on a developer's machine (CI unset).

    The cache is kept out of the user's ~/.cache; tests of CI's behaviour set CI themselves.
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def sample_repo(tmp_path: Path) -> SampleRepo:
    """A copy of the shipped sample repository in a temp dir, free to mutate."""
    return copy_samples(tmp_path / "repo")
