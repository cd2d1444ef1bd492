"""Wires fixtures; the helpers themselves live in builders.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import SampleRepo, copy_samples


@pytest.fixture
def sample_repo(tmp_path: Path) -> SampleRepo:
    """A copy of the shipped sample repository in a temp dir, free to mutate."""
    return copy_samples(tmp_path / "repo")
