"""Benchmark: importing a 附件3 sheet of N rows, and rendering M filled forms as Word and PDF.

    python scripts/benchmark_office.py [--rows 600] [--forms 100] [--no-pdf] [--out FILE.json]

In a temp copy of the repository (scripts/benchmark.py's generator: M valid copies of
the shipped samples, every category, under new 统一社会信用代码), times:

1. `import_sheet` of a generated sheet of N rows (the site's blank template, filled):
   reading, validating all N files against the repository, writing them;
2. the same sheet imported again (nothing to write), and `accel666 import-xlsx` end to
   end in a fresh process;
3. rendering the M applications as .docx (validation first, as `accel666 render` does);
4. the same as PDF: M .docx made, then converted in one LibreOffice run.

Prints a table and, with --out, writes the figures as JSON. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from accel666.documents.export import annex3_xlsx
from accel666.documents.render import problems, write_forms
from accel666.repository import Repository, open_repository
from accel666.sheets.importer import import_sheet
from benchmark import BIN, generate, make_code, timed

BATCH = "2020-1"
SERIAL = 500_000  # the sheet's codes, far from the generator's
TYPES = ("工业互联网标杆工厂", "五星级上云企业", "四星级上云企业", "三星级上云企业")


def sheet(path: Path, rows: int, regions: list[tuple[str, str]]) -> Path:
    """The blank template with `rows` valid rows typed in."""
    workbook = openpyxl.load_workbook(io.BytesIO(annex3_xlsx()))
    table = workbook.active
    for number in range(1, rows + 1):
        code, name = regions[number % len(regions)]
        values = (
            number,
            name,
            f"{name}示例第{number}号智能制造有限公司",
            TYPES[number % len(TYPES)],
            f"（示例数据）第 {number} 家企业生产设备接入腾讯云，实现设备联网、生产排程和质量追溯。",
            "2020-07 至 2021-06",
            str(100 + number),
            f"示例联系人　139{number:08d}",
            make_code(SERIAL + number, code),
            f"（示例数据）第 {number} 家企业设备上云，打造示范工厂。",
        )
        for column, value in enumerate(values, start=1):
            table.cell(3 + number, column, value)
    workbook.save(path)
    return path


def run(root: Path, rows: int, forms: int, pdf: bool) -> dict[str, float]:
    rendered = [path.relative_to(root).as_posix() for path in generate(root, forms, 0.0)]
    repo = open_repository(root)
    regions = [(region.code, region.name) for region in repo.regions.values()]
    table = sheet(root / "附件3.xlsx", rows, regions)
    figures = {"import": timed(lambda: _import(repo, table, rows))}
    figures["import again (nothing written)"] = timed(lambda: _import(repo, table, 0))
    command = [str(BIN / "accel666"), "import-xlsx", str(table), "--batch", BATCH]
    figures["accel666 import-xlsx again (process)"] = timed(
        lambda: subprocess.run(command, cwd=root, check=True, capture_output=True)
    )
    out = root / "out"
    out.mkdir()
    figures["validate forms"] = timed(lambda: problems(repo, rendered))
    docx = {relpath: out / f"{number}.docx" for number, relpath in enumerate(rendered)}
    figures["render docx"] = timed(lambda: write_forms(repo, docx, "docx"))
    if pdf:
        targets = {relpath: out / f"{number}.pdf" for number, relpath in enumerate(rendered)}
        figures["render pdf (docx + one LibreOffice run)"] = timed(lambda: write_forms(repo, targets, "pdf"))
    return figures


def _import(repo: Repository, table: Path, created: int) -> None:
    imported = import_sheet(repo, table, BATCH, today=repo.batches[BATCH].application_deadline)
    assert not imported.problems, imported.problems[:3]
    assert len(imported.written["created"]) == created


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600)
    parser.add_argument("--forms", type=int, default=100)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="accel666-office-bench-") as folder:
        figures = run(Path(folder), args.rows, args.forms, not args.no_pdf)
    print(f"{args.rows} rows imported, {args.forms} forms rendered")
    for label, seconds in figures.items():
        print(f"{label:45} {seconds:8.2f} s")
    if args.out:
        args.out.write_text(json.dumps({"rows": args.rows, "forms": args.forms, "seconds": figures}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
