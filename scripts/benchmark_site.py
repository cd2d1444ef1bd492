"""Benchmark: `mkdocs build` time for the shipped samples and for N published entries.

    python scripts/benchmark_site.py --counts 700 5000

For each N, generates a repository of N valid applications (copies of the samples under
new codes, see benchmark.py), takes them all through recommendation, review, decision,
公示 and publication, and times one cold
`mkdocs build --strict` (validation included, fresh cache). Prints seconds and seconds
per entry, so linear growth shows as a flat per-entry figure. Not a test.
"""

from __future__ import annotations

import argparse
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
    """Take every generated application through the workflow: recommended, reviewed, approved, published."""
    batch_dir = root / "submissions" / "2020-1"
    for relpath in ("decision.yaml", "publicity.yaml", "publication.yaml"):
        shutil.copy2(ROOT / "submissions" / "2020-1" / relpath, batch_dir / relpath)
    repo = open_repository(root)
    review = (ROOT / "submissions/2020-1/reviews/backbone/91320106MA1W7XYL3D/wang-expert.yaml").read_text("utf-8")
    approved = []
    for path in sorted(batch_dir.glob("*/*/*.yaml")):
        region, category, uscc = path.parent.parent.name, path.parent.name, path.stem
        target = batch_dir / region / "recommendations" / category / f"{uscc}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f'batch: "2020-1"\nregion: "{region}"\ncategory: {category}\nuscc: "{uscc}"\n'
            f"bureau: {repo.regions[region].bureau}\nrecommended: true\n"
            "opinion: 经审核，申报材料真实、完整，同意推荐。\ndate: 2020-09-03\n",
            encoding="utf-8",
        )
        target = batch_dir / "reviews" / category / uscc / "wang-expert.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = review.replace("category: backbone", f"category: {category}")
        target.write_text(text.replace("91320106MA1W7XYL3D", uscc), encoding="utf-8")
        approved.append(f'  - {{category: {category}, uscc: "{uscc}"}}')
    decision = 'batch: "2020-1"\ndate: 2020-10-12\napproved:\n' + "\n".join(approved) + "\nrejected: []\n"
    (batch_dir / "decision.yaml").write_text(decision, encoding="utf-8")


def site_copy(root: Path) -> None:
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "schemas", root / "schemas", dirs_exist_ok=True)
    (root / "scripts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "mkdocs_hooks.py", root / "scripts" / "mkdocs_hooks.py")


def build_seconds(root: Path) -> float:
    # SOURCE_DATE_EPOCH 1605000000 is 2020-11-10: after the list's publication on 2020-10-30.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1605000000"}
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
        decision = (sample / "submissions/2020-1/decision.yaml").read_text(encoding="utf-8")
        published = decision.count("{category:")
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
