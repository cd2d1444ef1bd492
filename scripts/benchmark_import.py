"""Benchmark: the same 附件3 sheet of N rows imported as .xlsx, .xls and CSV, side by side.

    python scripts/benchmark_import.py [--rows 600] [--out FILE.json]

The sheet is scripts/benchmark_office.py's (the site's blank template, N valid rows);
LibreOffice saves it as .xls (not timed), the standard library writes it as CSV in UTF-8
and in GBK. For each format, in a fresh copy of the shipped configuration, times:

1. reading the table alone (`read_tables`: the format's reader, the header, the rows);
2. the whole import (`import_sheet`: reading, validating every file against the
   repository and the change rules, writing N files).

Prints a table and, with --out, writes the figures as JSON. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
from pathlib import Path

import openpyxl

from accel666.documents.pdf import convert
from accel666.repository import Repository, open_repository
from accel666.sheets.importer import import_sheet
from accel666.sheets.read import read_tables
from accel666.sheets.rows import wanted
from benchmark import generate, timed
from benchmark_office import BATCH, sheet


def as_csv(xlsx: Path, path: Path, encoding: str) -> Path:
    """The sheet's rows as CSV text in `encoding`, as Excel's “另存为 CSV” writes them."""
    table = openpyxl.load_workbook(xlsx).active
    assert table is not None
    stream = io.StringIO()
    csv.writer(stream).writerows([["" if v is None else v for v in row] for row in table.iter_rows(values_only=True)])
    path.write_bytes(stream.getvalue().encode(encoding))
    return path


def formats(folder: Path, rows: int) -> dict[str, Path]:
    """The sheet as .xlsx, .xls, CSV (UTF-8) and CSV (GBK)."""
    repo = open_repository(_configuration(folder / "regions"))
    regions = [(region.code, region.name) for region in repo.regions.values()]
    xlsx = sheet(folder / "附件3.xlsx", rows, regions)
    (xls,) = convert([xlsx], "xls", folder / "xls")
    return {
        ".xlsx": xlsx,
        ".xls": xls,
        "CSV (UTF-8)": as_csv(xlsx, folder / "附件3-utf8.csv", "utf-8"),
        "CSV (GBK)": as_csv(xlsx, folder / "附件3-gbk.csv", "gbk"),
    }


def _configuration(root: Path) -> Path:
    generate(root, 0, 0.0)
    return root


def run(folder: Path, rows: int) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    for index, (label, path) in enumerate(formats(folder, rows).items()):
        repo = open_repository(_configuration(folder / f"repo{index}"))
        figures[label] = {
            "read": timed(lambda path=path: read_tables(path, wanted())),  # type: ignore[misc]
            "import": timed(lambda path=path, repo=repo: _import(repo, path, rows)),  # type: ignore[misc]
        }
    return figures


def _import(repo: Repository, path: Path, rows: int) -> None:
    imported = import_sheet(repo, path, BATCH, today=repo.batches[BATCH].application_deadline)
    assert not imported.problems and len(imported.written["created"]) == rows, imported.problems[:3]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="accel666-import-bench-") as folder:
        figures = run(Path(folder), args.rows)
    print(f"{args.rows} rows: seconds to read the table, and to import it (read, validate, write)")
    print(f"{'format':14} {'read':>8} {'import':>8}")
    for label, seconds in figures.items():
        print(f"{label:14} {seconds['read']:8.2f} {seconds['import']:8.2f}")
    if args.out:
        args.out.write_text(json.dumps({"rows": args.rows, "seconds": figures}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
