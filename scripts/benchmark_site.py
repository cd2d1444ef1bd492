"""Benchmark: `mkdocs build` time for the shipped samples and for N published entries.

    python scripts/benchmark_site.py --counts 700 5000

For each N, generates a repository of N valid applications (copies of the samples under
new codes, see benchmark.py), approves and publishes them all, and times one cold
`mkdocs build --strict` (validation included, fresh cache). Prints seconds and seconds
per entry, so linear growth shows as a flat per-entry figure. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accel666.repository import open_repository
from benchmark import ROOT, generate


def publish_all(root: Path) -> None:
    """Approve every generated application in the batch configuration."""
    approved: dict[str, list[str]] = {}
    for path in sorted((root / "submissions" / "2020-1").glob("*/*/*.yaml")):
        approved.setdefault(path.parent.name, []).append(path.stem)
    batch = root / "submissions" / "2020-1" / "batch.yaml"
    text = batch.read_text(encoding="utf-8")
    text = text[: text.index("\npublication:\n") + 1]  # the top-level key, not dates.publication
    lines = ["publication:", "  published: true", "  approved:"]
    lines += [f"    {category}: {json.dumps(codes)}" for category, codes in sorted(approved.items())]
    batch.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")


def site_copy(root: Path) -> None:
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "schemas", root / "schemas", dirs_exist_ok=True)
    (root / "scripts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "mkdocs_hooks.py", root / "scripts" / "mkdocs_hooks.py")


def build_seconds(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1600000000"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", type=int, nargs="*", default=[700, 5000])
    args = parser.parse_args()
    results: list[tuple[str, int, float]] = []
    with tempfile.TemporaryDirectory() as temp:
        sample = Path(temp) / "sample"
        shutil.copytree(ROOT / "submissions", sample / "submissions")
        site_copy(sample)
        batch = open_repository(sample).batches["2020-1"]
        published = sum(len(codes) for codes in batch.approved.values())
        results.append(("shipped samples", published, build_seconds(sample)))
        for count in args.counts:
            root = Path(temp) / f"n{count}"
            generate(root, count, invalid_share=0.0)
            publish_all(root)
            site_copy(root)
            results.append((f"{count} published entries", count, build_seconds(root)))
    for label, entries, seconds in results:
        print(f"{label:28s} {seconds:7.2f} s  {seconds / max(entries, 1) * 1000:7.2f} ms/entry")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
