"""Benchmark: `mkdocs build` time and page weight for the shipped samples and for N published entries.

    python scripts/benchmark_site.py --counts 700 5000

For each N, generates a repository of N valid applications (copies of the samples under
new codes, see benchmark.py), takes them all through recommendation, review, decision,
公示 and publication, and times one cold
`mkdocs build --strict` (validation included, fresh cache). Prints seconds and seconds
per entry, so linear growth shows as a flat per-entry figure.

Then the weight of a first view, gzip-compressed as a server sends it: the home page,
the list and one project page, each with the CSS and JavaScript it loads (stylesheets,
scripts and the search worker Material starts on every page), and the search index the
worker fetches. Budget (issue 15): a page at most 150 KB, the index at most 300 KB; a
figure over budget is marked and the script exits 1. Not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accel666.load import load_document
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


# The public texts of an application: on the site, in the list and in the search index.
PUBLIC_TEXTS = ("project_name", "name", "public_summary", "summary", "introduction", "construction", "plan", "results")
KEPT_TAIL = 10  # a name keeps its last characters (有限公司, 工业互联网云服务中心): the rules read them


def distinct(files: list[Path], seed: int = 666) -> None:
    """Give every application its own public texts, as real ones have.

    The generated applications are copies of a few samples: their names and summaries
    repeat, and gzip would compress the site's pages far below what real entries weigh.
    Each character of those texts is drawn again from the characters of the notice
    (docs/index.md), so the text has the notice's frequencies and compresses like Chinese prose.
    """
    rng = random.Random(seed)
    pool = [char for char in (ROOT / "docs" / "index.md").read_text(encoding="utf-8") if "\u4e00" <= char <= "\u9fff"]

    def redraw(node: Any) -> Any:
        if isinstance(node, list):
            return [redraw(item) for item in node]
        if not isinstance(node, dict):
            return node
        for key, value in node.items():
            if isinstance(value, str) and key in PUBLIC_TEXTS:
                head, tail = value[:-KEPT_TAIL], value[-KEPT_TAIL:]
                node[key] = "".join(rng.choice(pool) if "\u4e00" <= c <= "\u9fff" else c for c in head) + tail
            else:
                node[key] = redraw(value)
        return node

    for path in files:
        data = load_document(path.read_bytes(), path.name).data
        path.write_text(yaml.safe_dump(redraw(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


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


PAGE_BUDGET, INDEX_BUDGET = 150_000, 300_000  # bytes, gzip
_LOADED = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
_WORKER = re.compile(r'"search": "([^"]+)"')  # Material's __config names the worker it starts


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def first_view(site: Path, page: Path) -> tuple[int, int]:
    """gzip bytes of the page's HTML, and of the HTML with every stylesheet and script it loads."""
    html = page.read_text(encoding="utf-8")
    assets = {(page.parent / href).resolve() for href in _LOADED.findall(html) + _WORKER.findall(html)}
    local = [asset for asset in assets if asset.is_file() and site.resolve() in asset.parents]
    own = gzipped(page)
    return own, own + sum(gzipped(asset) for asset in local)


def weights(site: Path) -> list[tuple[str, int, int, int]]:
    """(what, gzip bytes of the file, of the first view, budget) for home, list, a project page, the index."""
    project = min((site / "list").glob("*/*/index.html"))
    rows = [
        (name, *first_view(site, page), PAGE_BUDGET)
        for name, page in (("home", site / "index.html"), ("list", site / "list" / "index.html"), ("project", project))
    ]
    index = site / "search" / "search_index.json"
    entries = len(json.loads(index.read_bytes())["docs"])
    rows.append((f"search index ({entries} entries)", gzipped(index), gzipped(index), INDEX_BUDGET))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", type=int, nargs="*", default=[700, 5000])
    args = parser.parse_args()
    results: list[tuple[str, int, float]] = []
    weighed: list[tuple[str, list[tuple[str, int, int, int]]]] = []
    with tempfile.TemporaryDirectory() as temp:
        sample = Path(temp) / "sample"
        shutil.copytree(ROOT / "submissions", sample / "submissions")
        site_copy(sample)
        decision = (sample / "submissions/2020-1/decision.yaml").read_text(encoding="utf-8")
        published = decision.count("{category:")
        results.append(("shipped samples", published, build_seconds(sample)))
        weighed.append(("shipped samples", weights(sample / "site")))
        for count in args.counts:
            root = Path(temp) / f"n{count}"
            distinct(generate(root, count, invalid_share=0.0))
            publish_all(root)
            site_copy(root)
            results.append((f"{count} published entries", count, build_seconds(root)))
            weighed.append((f"{count} published entries", weights(root / "site")))
    for label, entries, seconds in results:
        print(f"{label:28s} {seconds:7.2f} s  {seconds / max(entries, 1) * 1000:7.2f} ms/entry")
    over = False
    for label, rows in weighed:
        print(f"\n{label}: gzip KB (1 KB = 1000 bytes)      file  first view  budget")
        for name, own, view, budget in rows:
            over = over or view > budget
            mark = "  OVER BUDGET" if view > budget else ""
            print(f"  {name:34s} {own / 1000:7.1f} {view / 1000:10.1f} {budget / 1000:7.0f}{mark}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
