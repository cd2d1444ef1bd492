"""Benchmark: whole-repository and one-file validation of N synthetic applications.

    python scripts/benchmark.py --count 10000 [--out bench-output] [--invalid 0.1]

Generates a repository of N applications in a temp folder (copies of the shipped
samples under new, valid 统一社会信用代码; a share of them broken by a real pitfall),
then times, in one run on the same files:

1. parsing every file with PyYAML's libyaml loader (the floor: reading the YAML at all);
2. check-jsonschema on the same files and schemas, as its pre-commit hook runs it
   (one process per category, and split over two processes as pre-commit does);
3. `accel666 validate` cold (no cache), warm (nothing changed), after one file changed,
   and `accel666 validate FILE` for that one file (each a fresh process, wall time);
4. the pre-commit hook's case, `accel666 validate FILE` after that file changed, side by
   side with the import floor (a Python that only imports jsonschema, PyYAML and
   stdnum.cn.uscc), interleaved over several rounds, medians compared.

Prints a table and writes the figures as JSON. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from stdnum.cn import uscc

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLES = sorted((ROOT / "submissions").glob("*/*/*/*.yaml"))
# Each mutation is a real pitfall an applicant makes; (old, new) text replacements.
BREAKAGES: tuple[tuple[str, str], ...] = (
    ('mobile: "138', "mobile: 138"),  # unquoted phone number
    ('postcode: "2', 'postcode: "２'),  # full-width digit
    ("region:", "region: x\nregion:"),  # duplicate key
    ("category:", "catgory:"),  # typo in a key
    ("batch:", "batch:\n\tx: 1\nbatchx:"),  # a tab
)


def make_code(index: int, region: str) -> str:
    body = f"91{region}MA{index:07d}"
    return body + uscc.calc_check_digit(body)


def generate(root: Path, count: int, invalid_share: float, seed: int = 666) -> list[Path]:
    """Write `count` applications under root/submissions; return their paths."""
    rng = random.Random(seed)
    # The configuration only: no application, and no workflow record that would name one.
    records = ("9*.yaml", "reviews", "decision.yaml", "publicity.yaml", "publication.yaml")
    shutil.copytree(ROOT / "submissions", root / "submissions", ignore=shutil.ignore_patterns(*records))
    texts = [(path, path.read_text(encoding="utf-8")) for path in SAMPLES]
    written = []
    for index in range(count):
        sample, text = texts[index % len(texts)]
        region, category = sample.parts[-3], sample.parts[-2]
        code = make_code(index, region)
        text = text.replace(sample.stem, code)
        if rng.random() < invalid_share:
            old, new = rng.choice(BREAKAGES)
            text = text.replace(old, new, 1)
        path = root / "submissions" / "2020-1" / region / category / f"{code}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def parse_all(files: list[Path]) -> None:
    for path in files:
        with contextlib.suppress(yaml.YAMLError):
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)  # the libyaml safe loader


def check_jsonschema(files: list[Path], processes: int) -> None:
    by_schema: dict[str, list[Path]] = {}
    for path in files:
        by_schema.setdefault(path.parts[-2], []).append(path)
    commands = []
    for category, paths in by_schema.items():
        schema = ROOT / "schemas" / f"{category}.schema.json"
        for part in range(processes):
            chunk = paths[part::processes]
            if chunk:
                base = ["--schemafile", str(schema), "--base-uri", schema.as_uri()]
                commands.append([str(BIN / "check-jsonschema"), *base, *map(str, chunk)])
    running = []
    for command in commands:  # at most `processes` at a time, like pre-commit's xargs
        running.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        if len(running) >= processes:
            running.pop(0).wait()
    for process in running:
        process.wait()


def accel666(root: Path, *args: str) -> None:
    subprocess.run(
        [str(BIN / "accel666"), "validate", "--root", str(root), *args], stdout=subprocess.DEVNULL, check=False
    )


FLOOR = "import jsonschema, yaml, stdnum.cn.uscc"


def import_floor() -> None:
    subprocess.run([sys.executable, "-c", FLOOR], check=True)


def one_file_against_floor(root: Path, changed: Path, rounds: int) -> tuple[float, float]:
    """Medians of `accel666 validate FILE` (the file changed before each run) and of the import floor."""
    hook, floor = [], []
    for number in range(rounds):
        changed.write_text(changed.read_text(encoding="utf-8") + f"# {number}\n", encoding="utf-8")
        hook.append(timed(lambda: accel666(root, str(changed))))
        floor.append(timed(import_floor))
    return statistics.median(hook), statistics.median(floor)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--invalid", type=float, default=0.1, help="share of broken applications")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-output")
    parser.add_argument("--skip-check-jsonschema", action="store_true")
    parser.add_argument("--rounds", type=int, default=9, help="rounds of the hook-against-floor comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        files = generate(root, args.count, args.invalid)
        size = sum(path.stat().st_size for path in files)
        figures: dict[str, float] = {}
        parse_all(files[:200])  # warm the page cache and imports before timing anything
        figures["libyaml parse, 1 process"] = timed(lambda: parse_all(files))
        if not args.skip_check_jsonschema:
            figures["check-jsonschema, 1 process"] = timed(lambda: check_jsonschema(files, 1))
            figures["check-jsonschema, 2 processes"] = timed(lambda: check_jsonschema(files, 2))
        figures["accel666 validate, cold"] = timed(lambda: accel666(root))
        figures["accel666 validate, warm"] = timed(lambda: accel666(root))
        changed = files[len(files) // 2]
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("（示例数据）", "（示例数据，已修改）", 1), encoding="utf-8"
        )
        figures["accel666 validate, one file changed"] = timed(lambda: accel666(root))
        changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        figures["accel666 validate FILE, that file changed again"] = timed(lambda: accel666(root, str(changed)))
        figures["accel666 validate, cold, 1 process"] = timed(lambda: accel666(root, "--no-cache", "--jobs", "1"))
        hook, floor = one_file_against_floor(root, changed, args.rounds)
        figures["hook: accel666 validate FILE after it changed (median)"] = hook
        figures["import floor: jsonschema + PyYAML + stdnum.cn.uscc (median)"] = floor
    report = {"count": args.count, "bytes": size, "cpus": os.cpu_count(), "seconds": figures}
    args.out.mkdir(exist_ok=True)
    (args.out / f"validate-{args.count}.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print(f"{args.count} applications, {size / 1e6:.1f} MB, {os.cpu_count()} CPUs")
    for name, seconds in figures.items():
        print(f"{name:60s} {seconds:8.3f} s  {seconds / args.count * 1000:7.3f} ms/file")
    print(f"hook / import floor: {hook / floor:.2f}x (goal: within 1.6x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
