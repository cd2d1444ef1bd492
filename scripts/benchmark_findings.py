"""Benchmark: the cost of checking one 2 MiB file that is wrong on every line.

    python scripts/benchmark_findings.py [--scripts DIR] [--cases colon,tabs,...] [--out FILE]

A file just under the loader's 2 MiB limit, made of one line repeated with a different
key, is checked the way `validate` checks a file (`check.check_bytes`), each case in a
fresh process: wall time, peak memory (maximum resident set) and the findings reported.
Every line holds the same slip: a full-width colon, a tab or a full-width space as
indentation, an unknown field, a duplicate key, an anchor. `--scripts` points at another
tree's `scripts/` folder (e.g. an older commit exported with `git archive`), to compare.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 2 * 1024 * 1024 - 64  # under the loader's MAX_BYTES, so the whole file is parsed
LINES = {
    "colon": "k{i}：v\n",
    "tabs": "\tk{i}: v\n",
    "fullwidth-indent": "\u3000k{i}: v\n",
    "unknown-field": "k{i}: v\n",
    "duplicate-key": "k: v\n",
    "anchor": "k{i}: &a{i} v\n",
}
RELPATH = "submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml"
# Run in the child: check one file as `validate` does, print the findings reported.
CHILD = """
import resource
import sys
from pathlib import Path
from accel666.check import check_bytes
from accel666.repository import open_repository
repo = open_repository(Path(sys.argv[1]))
outcome = check_bytes(repo, sys.argv[2], Path(sys.argv[3]).read_bytes())
print(len(outcome.findings), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def write_case(folder: Path, name: str) -> Path:
    parts, size, index = ["category: backbone\n"], 0, 0
    while True:
        line = LINES[name].format(i=index)
        size += len(line.encode("utf-8"))
        if size > LIMIT:
            break
        parts.append(line)
        index += 1
    path = folder / f"{name}.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def measure(scripts: Path, path: Path) -> dict[str, float | int]:
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), RELPATH, str(path)],
        env={"PYTHONPATH": str(scripts), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    findings, peak = completed.stdout.split()[-2:]  # the peak in KiB, as Linux reports it
    return {"seconds": round(seconds, 2), "peak_mib": round(int(peak) / 1024, 1), "findings": int(findings)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scripts", type=Path, default=ROOT / "scripts", help="the scripts/ folder to import from")
    parser.add_argument("--cases", default=",".join(LINES), help="comma-separated cases")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    figures: dict[str, dict[str, float | int]] = {}
    with tempfile.TemporaryDirectory(prefix="accel666-findings-") as folder:
        for name in args.cases.split(","):
            figures[name] = measure(args.scripts.resolve(), write_case(Path(folder), name))
            row = figures[name]
            print(f"{name:18} {row['seconds']:>8} s {row['peak_mib']:>8} MiB {row['findings']:>7} findings", flush=True)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
