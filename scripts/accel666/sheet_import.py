"""附件3 from Excel: each row of a summary sheet becomes one application file, all validated first.

The columns are the sheet columns of layout_annex3 (the same definition the site's
blank template and `accel666 export-xlsx` write), found by their headers
(sheet_read.py); cells become values by their fields' kinds (sheet_values.py); the
region column takes a region's name, its bureau's name or alias, or its code
(submissions/regions.yaml). Each row is written as `accel666 new` writes a template
(template.py, filled), and every file is checked by the pull request's validator
against the repository as it would be after the import (pending.py) before anything
is written. A problem is reported at its cell, `FILE:sheet!C7: message`.

Nothing is written while any row has an error, unless `partial` (then the rows
without errors are). A file whose content would not change is left alone, and so is
one holding the same data in other words (a hand-written sample), so importing the
same sheet again, or a sheet just exported, changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accel666 import sheet_values
from accel666.check import check_outside
from accel666.findings import Finding, Severity
from accel666.layout_annex3 import CATEGORY, Column, annex3_sheet_columns
from accel666.layout_model import Words
from accel666.load import load_document
from accel666.pending import check_pending
from accel666.repository import SUBMISSIONS, Repository
from accel666.sheet_read import Found, Line, Wanted, read_table
from accel666.template import Prefill, render

COMMAND = "accel666 import-xlsx"
UNKNOWN_REGION = "000000"  # the folder a row with an unknown region is checked in (never written)
_FILE_STEM = re.compile(r"[0-9A-Za-z]{1,40}")


@dataclass(frozen=True)
class Problem:
    """A problem at one cell of the sheet."""

    row: int
    cell: str  # "C7"
    message: str
    warning: bool = False

    def text(self, where: str) -> str:
        return f"{where}!{self.cell}: {'警告：' if self.warning else ''}{self.message}"


@dataclass
class Planned:
    """One row made into a file: where it goes, its text, and the cell of each of its fields."""

    line: Line
    relpath: str
    raw: bytes
    cells: dict[str, str]  # pointer -> cell reference
    problems: list[Problem] = field(default_factory=list)

    @property
    def placed(self) -> bool:
        """Whether the row names a known region (else it is checked alone, in a made-up folder)."""
        return f"/{UNKNOWN_REGION}/" not in self.relpath


@dataclass
class Imported:
    sheet: str
    rows: int
    problems: list[Problem]
    written: dict[str, list[str]]  # "created", "updated", "unchanged" -> relpaths

    @property
    def bad_rows(self) -> set[int]:
        return {problem.row for problem in self.problems if not problem.warning}


def wanted() -> tuple[Wanted, ...]:
    words = Words(CATEGORY)
    return tuple(
        Wanted(column.key, column.label, tuple(words.title(value.pointer) for value in column.values))
        for column in annex3_sheet_columns()
        if column.values
    )


def import_sheet(
    repo: Repository, path: Path, batch: str, *, partial: bool = False, sheet: str | None = None
) -> Imported:
    found, lines = read_table(path, wanted(), sheet)
    plans = [_plan(repo, batch, found, line) for line in lines]
    _mark_repeated([plan for plan in plans if plan.placed])
    findings = check_pending(repo, {plan.relpath: plan.raw for plan in plans if plan.placed}).findings
    for plan in plans:
        if not plan.placed:  # its own findings only: a made-up path must not turn up in other rows' messages
            findings.extend(check_outside(repo, plan.relpath, plan.raw).findings)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    for plan in plans:
        _add_findings(plan, by_path.get(plan.relpath, []))
    problems = sorted((p for plan in plans for p in plan.problems), key=lambda p: (p.row, len(p.cell), p.cell))
    imported = Imported(found.sheet, len(lines), problems, {"created": [], "updated": [], "unchanged": []})
    if imported.bad_rows and not partial:
        return imported
    for plan in plans:
        if plan.line.number not in imported.bad_rows:
            imported.written[_write(repo, plan)].append(plan.relpath)
    return imported


def _plan(repo: Repository, batch: str, found: Found, line: Line) -> Planned:
    words = Words(CATEGORY)
    data: dict[str, Any] = {"category": CATEGORY, "batch": batch, "filler": words.prop("/filler").get("const", "")}
    cells: dict[str, str] = {}
    problems: list[Problem] = []
    folder = UNKNOWN_REGION
    for column in annex3_sheet_columns():
        if column.key not in found.columns:
            continue
        pointers = tuple(value.pointer for value in column.values)
        for part, (pointer, value) in enumerate(zip(pointers, _column_values(column, line), strict=True)):
            cells[pointer] = found.cell(column.key, line.number, part)
            _put(data, pointer, value)
        if column.key == "region":
            code = _region_code(repo, data["region"])
            if code is None:
                problems.append(Problem(line.number, cells["/region"], _unknown_region(data["region"])))
            else:
                data["region"] = folder = code
    uscc = str(data["enterprise"]["uscc"])
    stem = uscc if _FILE_STEM.fullmatch(uscc) else f"row{line.number}"
    relpath = f"{SUBMISSIONS}/{batch}/{folder}/{CATEGORY}/{stem}.yaml"
    text = render(CATEGORY, Prefill(data=data, command=COMMAND))
    return Planned(line, relpath, text.encode("utf-8"), cells, problems)


def _column_values(column: Column, line: Line) -> list[Any]:
    pointers = tuple(value.pointer for value in column.values)
    cells = line.cells[column.key]
    if len(cells) == len(pointers):  # one cell per value
        return [sheet_values.value(CATEGORY, pointer, cell) for pointer, cell in zip(pointers, cells, strict=True)]
    return sheet_values.values(CATEGORY, pointers, cells[0])


def _put(data: dict[str, Any], pointer: str, value: Any) -> None:
    *parents, key = pointer.split("/")[1:]
    node = data
    for parent in parents:
        node = node.setdefault(parent, {})
    node[key] = value


def _region_code(repo: Repository, typed: Any) -> str | None:
    """The region a cell names: its code, its name (or a unique beginning of it), its bureau or an alias."""
    text = unicodedata.normalize("NFKC", str(typed)).strip()
    regions = list(repo.regions.values())
    exact = [r.code for r in regions if text in (r.code, r.name) or r.accepts(text)]
    starting = [r.code for r in regions if len(text) >= 2 and r.name.startswith(text)]
    matched = exact or starting
    return matched[0] if len(matched) == 1 else None


def _unknown_region(typed: Any) -> str:
    if not str(typed).strip():
        return "地区未填写：请填写推荐地区的名称（如 南京市）、推荐单位名称或 6 位地区代码。"
    return (
        f"地区“{typed}”不是推荐地区：请填写 submissions/regions.yaml 中的地区名称（如 南京市、昆山市）、"
        "推荐单位名称或 6 位地区代码。"
    )


def _mark_repeated(plans: list[Planned]) -> None:
    """Rows that would write the same file (one enterprise twice in one region): all of them are refused."""
    rows: dict[str, list[Planned]] = defaultdict(list)
    for plan in plans:
        rows[plan.relpath].append(plan)
    for same in rows.values():
        if len(same) < 2:
            continue
        numbers = "、".join(str(plan.line.number) for plan in same)
        for plan in same:
            message = f"第 {numbers} 行是同一地区的同一家企业（统一社会信用代码相同）：汇总表中每家企业只能有一行，请合并或删除重复的行。"
            plan.problems.append(Problem(plan.line.number, plan.cells["/enterprise/uscc"], message))


def _add_findings(plan: Planned, findings: list[Finding]) -> None:
    """The validator's findings at their cells; a cell the import already refused keeps only that reason."""
    refused = {problem.cell for problem in plan.problems}
    for finding in sorted(findings):
        cell = _cell_of(plan, finding)
        if cell not in refused:
            warning = finding.severity is Severity.WARNING
            plan.problems.append(Problem(plan.line.number, cell, finding.message, warning))


def _cell_of(plan: Planned, finding: Finding) -> str:
    """The cell of a finding: by its JSON pointer, else by its line in the file; else the enterprise's name."""
    pointer = finding.pointer or _pointer_at(plan, finding.line)
    if pointer:
        for candidate, cell in plan.cells.items():
            if candidate == pointer or candidate.startswith(f"{pointer}/") or pointer.startswith(f"{candidate}/"):
                return cell
    return plan.cells["/enterprise/name"]


def _pointer_at(plan: Planned, line: int) -> str:
    document = load_document(plan.raw, plan.relpath)
    return next((pointer for pointer in plan.cells if document.position(pointer)[0] == line), "")


def _write(repo: Repository, plan: Planned) -> str:
    target = repo.root / plan.relpath
    if target.is_file():
        old = target.read_bytes()
        if old == plan.raw or _same_data(old, plan):
            return "unchanged"
        target.write_bytes(plan.raw)
        return "updated"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(plan.raw)
    return "created"


def _same_data(old: bytes, plan: Planned) -> bool:
    before, after = load_document(old, plan.relpath), load_document(plan.raw, plan.relpath)
    return before.loaded and not before.findings and before.data == after.data
