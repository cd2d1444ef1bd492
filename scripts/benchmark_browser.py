"""The check in the browser, measured: the sizes served, and the first and following checks in Node and Chromium.

    .venv/bin/python scripts/benchmark_browser.py

Node runs tests/browser/pyodide_runner.mjs (Pyodide from node_modules, no download);
Chromium is Debian's, driven by Playwright through the page of tests/browser/worker_test.py
(a fresh profile each time: the first check is a cold start with an empty cache).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from accel666.browser.bundle import ARCHIVE, SITE_FOLDER, site_files

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml"


def sizes() -> None:
    files = site_files(ROOT)
    raw = sum(len(content) for content in files.values())
    packed = sum(len(gzip.compress(content, 9)) for content in files.values())
    for name, content in sorted(files.items()):
        print(f"  {name}: {len(content) / 1e6:.2f} MB, gzip {len(gzip.compress(content, 9)) / 1e6:.2f} MB")
    print(f"all of {SITE_FOLDER}/: {raw / 1e6:.2f} MB, gzip {packed / 1e6:.2f} MB")


def node(runs: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        archive, listing = Path(work) / ARCHIVE, Path(work) / "requests.json"
        archive.write_bytes(site_files(ROOT)[f"{SITE_FOLDER}/{ARCHIVE}"])
        text = SAMPLE.read_text(encoding="utf-8")
        listing.write_text(json.dumps([{"op": "check", "args": {"form": "backbone", "text": text}}] * 11))
        for _ in range(runs):
            done = subprocess.run(
                ["node", str(ROOT / "tests/browser/pyodide_runner.mjs"), str(archive), str(listing)],
                capture_output=True,
                text=True,
                check=True,
            )
            timings = json.loads(done.stdout)["timings"]
            first, rest = timings["requests"][0], timings["requests"][1:]
            cold = timings["runtime"] + timings["archive"] + first
            print(
                f"Node: runtime {timings['runtime']:.0f} ms, archive and import {timings['archive']:.0f} ms, "
                f"first check {first:.0f} ms (cold start {cold:.0f} ms), next checks median {statistics.median(rest):.0f} ms"
            )


def chromium(runs: int) -> None:
    spec = importlib.util.spec_from_file_location("worker_test", ROOT / "tests/browser/worker_test.py")
    assert spec and spec.loader
    sys.path.insert(0, str(ROOT / "tests"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory() as work, module.served_check_site(Path(work)) as url:
        for _ in range(runs):
            result, requests = module.run_page(url)
            print(
                f"Chromium: first check (cold, empty cache) {result['cold']:.0f} ms, "
                f"next checks median {statistics.median(result['warm']):.0f} ms, {len(requests)} requests"
            )


if __name__ == "__main__":
    sizes()
    node(3)
    chromium(3)
