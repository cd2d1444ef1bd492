"""The minimal public site builds strictly and loads nothing from other hosts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from builders import ROOT

EXTERNAL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")


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
    )
    assert done.returncode == 0, done.stderr
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "苏工信融合〔2020〕229号" in index
    assert 'lang="zh"' in index
    pages = [p for p in site.rglob("*.html")]
    assert [str(p) for p in pages if EXTERNAL.search(p.read_text(encoding="utf-8"))] == []
