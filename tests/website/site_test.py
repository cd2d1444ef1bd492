"""The minimal public site builds strictly and loads nothing from other hosts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from builders import ROOT, tree_env

# Anything the page would load or link to on another host; the canonical link names the
# site's own address (site_url), which is not a request.
EXTERNAL = re.compile(r"""<(?!link rel="canonical")[^>]*(?:src|href)=["']?(?:https?:)?//""")


def test_the_site_builds_strictly_without_external_references(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=tree_env(),
    )
    assert done.returncode == 0, done.stderr
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "苏工信融合〔2020〕229号" in index
    assert 'lang="zh"' in index
    pages = [p for p in site.rglob("*.html")]
    assert [str(p) for p in pages if EXTERNAL.search(p.read_text(encoding="utf-8"))] == []


def test_the_site_also_builds_with_properdocs(tmp_path: Path) -> None:
    # ProperDocs continues MkDocs 1.x: the same mkdocs.yml and hooks must build the same pages.
    site = tmp_path / "site"
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "properdocs"),
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=tree_env({"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1605000000"}),
    )
    assert done.returncode == 0, done.stderr
    assert (site / "list" / "index.html").is_file()
    assert sorted(p.name for p in (site / "list" / "2020-1").iterdir()) == [
        "backbone-001",
        "backbone-002",
        "cloud-center-001",
        "cloud-center-002",
        "demo-enterprise-001",
        "demo-enterprise-002",
        "demo-enterprise-003",
    ]
