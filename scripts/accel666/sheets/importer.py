"""附件3 from Excel: each row of a summary sheet becomes one application file, all checked first.

The columns are the sheet columns of documents/forms/annex3 (the same definition the site's
blank template and `accel666 export-xlsx` write), found by their headers
(header.py, read.py, whatever the file's format: formats.py); each row is made into
a file by rows.py.

Each row's outcome (created, updated or unchanged) is decided once, first: a file
whose content would not change is left alone, and so is one holding the same data
as far as a cell can carry it (a hand-written file: a text's surrounding white
space and line-end style aside), so importing the same sheet again, or a sheet just
exported, changes nothing. Then every row is checked as a pull request would be
(changes.py): its file by the validator against the repository as it would be after
the import, and what the import changes by the change rules (no new application
after the batch's deadline, none changed once its bureau has recommended it), on
`today`. The import refuses by itself what the validator cannot see in a file (a
formula without a calculated value, a cell holding only some of its values:
cells.py) and one enterprise in two rows.

A problem is reported at its cell, `FILE:sheet!C7: message`, in a sheet's terms
(cells.py). Nothing is written while any row has an error, unless `partial`
(then the rows without errors are).

A file of the batch that no row of the whole workbook is for (its row deleted, or the
enterprise moved to another region) is named, never deleted: whether the enterprise
withdrew is the bureau's decision, made in a reviewed change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accel666.changes import check_changes, check_pending
from accel666.check import check_outside
from accel666.findings import Finding, Severity
from accel666.git import Change
from accel666.load import load_document
from accel666.repair import values as typed_values
from accel666.repository import Repository
from accel666.sheets import exporter, rows
from accel666.sheets.cells import HIDDEN_COLUMN, Problem, cell_message
from accel666.sheets.read import read_tables

CHANGES = {"created": "added", "updated": "modified"}  # outcome -> the change a pull request would hold
WHOLE_FILE = "/enterprise/name"  # the cell of a finding about the whole file (too late, locked)


@dataclass
class Imported:
    """What an import read (sheet -> its rows, the sheets skipped and why), found and wrote."""

    sheets: dict[str, int]
    skipped: dict[str, str]
    problems: list[Problem]
    written: dict[str, list[str]]  # "created", "updated", "unchanged" -> relpaths
    hidden: dict[str, list[int]] = field(default_factory=dict)  # sheet -> its hidden rows that were read
    absent: list[str] = field(default_factory=list)  # the batch's 附件3 files no row of the workbook is for

    @property
    def rows(self) -> int:
        return sum(self.sheets.values())

    @property
    def bad_rows(self) -> set[tuple[str, int]]:
        return {(problem.sheet, problem.row) for problem in self.problems if not problem.warning}


def import_sheet(
    repo: Repository, path: Path, batch: str, *, today: dt.date, partial: bool = False, sheet: str | None = None
) -> Imported:
    """Check every row of the sheet at `path` as of `today`; write the files unless a row has an error (or `partial`)."""
    read = read_tables(path, rows.wanted(), sheet)
    notices: list[Problem] = []
    plans: list[rows.Planned] = []
    for table in read.tables:
        units, warned = rows.units(table.found)
        notices.extend(warned)
        notices.extend(
            Problem(table.found.sheet, table.found.header, cell, HIDDEN_COLUMN, True) for cell in table.hidden_columns
        )
        plans.extend(rows.plan_row(repo, batch, table.found, line, units) for line in table.lines)
    _mark_repeated(plans)
    placed = [plan for plan in plans if plan.placed]
    for plan in placed:
        plan.outcome = _outcome(repo, plan)
    checked = _by_path(_validate(repo, plans, today))
    changes = [Change(CHANGES[plan.outcome], plan.relpath) for plan in placed if plan.outcome in CHANGES]
    changed = _by_path(check_changes(repo, changes, today=today))
    for plan in plans:
        _add_findings(plan, checked.get(plan.relpath, []))
        # About the whole file (too late, locked): at the enterprise's name, whatever else that cell has.
        plan.problems.extend(_problem(plan, plan.cells[WHOLE_FILE], f) for f in changed.get(plan.relpath, []))
    order = {table.found.sheet: index for index, table in enumerate(read.tables)}
    problems = sorted(
        notices + [p for plan in plans for p in plan.problems],
        key=lambda p: (order[p.sheet], p.row, len(p.cell), p.cell),
    )
    sheets = {table.found.sheet: len(table.lines) for table in read.tables}
    hidden = {t.found.sheet: [line.number for line in t.lines if line.hidden] for t in read.tables}
    written: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    imported = Imported(sheets, read.skipped, problems, written, {k: v for k, v in hidden.items() if v})
    if sheet is None:  # the whole workbook: a file without its row is one whose row was deleted
        imported.absent = sorted(set(exporter.plan_export(repo, batch).rows) - {plan.relpath for plan in plans})
    if imported.bad_rows and not partial:
        return imported
    for plan in plans:
        if (plan.line.sheet, plan.line.number) not in imported.bad_rows:
            _write(repo, plan)
            imported.written[plan.outcome].append(plan.relpath)
    return imported


def _validate(repo: Repository, plans: list[rows.Planned], today: dt.date) -> list[Finding]:
    """The validator's findings: the placed rows' files together, as written into the repository."""
    placed = {plan.relpath: plan.raw for plan in plans if plan.placed}
    findings = check_pending(repo, placed, today=today).findings
    for plan in plans:
        if not plan.placed:  # its own findings only: a made-up path must not turn up in other rows' messages
            findings.extend(check_outside(repo, plan.relpath, plan.raw).findings)
    return findings


def _by_path(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.path].append(finding)
    return grouped


def _mark_repeated(plans: list[rows.Planned]) -> None:
    """Rows of one enterprise (the same code, in one region or in several): all refused, each naming the others.

    The validator would call them duplicates too, but citing files that do not exist yet.
    """
    by_code: dict[str, list[rows.Planned]] = defaultdict(list)
    for plan in plans:
        if plan.uscc:
            by_code[plan.uscc].append(plan)
    for same in (same for same in by_code.values() if len(same) > 1):
        for plan in same:
            others = "、".join(_row_name(other, plan) for other in same if other is not plan)
            message = (
                f"与{others}是同一家企业（统一社会信用代码相同）：汇总表中每家企业只能有一行，请合并或删除重复的行。"
            )
            plan.problems.append(Problem(plan.line.sheet, plan.line.number, plan.cells["/enterprise/uscc"], message))


def _row_name(other: rows.Planned, plan: rows.Planned) -> str:
    """“第 7 行”, or “工作表“无锡市”第 7 行” for a row of another sheet."""
    where = "" if other.line.sheet == plan.line.sheet else f"工作表“{other.line.sheet}”"
    return f"{where}第 {other.line.number} 行"


def _add_findings(plan: rows.Planned, findings: list[Finding]) -> None:
    """The validator's findings at their cells; a cell the import already refused keeps only that reason."""
    refused = {problem.cell for problem in plan.problems if not problem.warning}
    for finding in sorted(findings):
        cell = _cell_of(plan, finding)
        if cell not in refused:
            plan.problems.append(_problem(plan, cell, finding))


def _problem(plan: rows.Planned, cell: str, finding: Finding) -> Problem:
    return Problem(plan.line.sheet, plan.line.number, cell, cell_message(finding), finding.severity is Severity.WARNING)


def _cell_of(plan: rows.Planned, finding: Finding) -> str:
    """The cell of a finding: by its JSON pointer, else by its line in the file; else the enterprise's name."""
    pointer = finding.pointer or _pointer_at(plan, finding.line)
    if pointer:
        for candidate, cell in plan.cells.items():
            if candidate == pointer or candidate.startswith(f"{pointer}/") or pointer.startswith(f"{candidate}/"):
                return cell
    return plan.cells[WHOLE_FILE]


def _pointer_at(plan: rows.Planned, line: int) -> str:
    return next((pointer for pointer in plan.cells if plan.document.position(pointer)[0] == line), "")


def _outcome(repo: Repository, plan: rows.Planned) -> str:
    target = repo.root / plan.relpath
    if not target.is_file():
        return "created"
    old = target.read_bytes()
    return "unchanged" if old == plan.raw or _same_data(old, plan) else "updated"


def _same_data(old: bytes, plan: rows.Planned) -> bool:
    """The file holds the row's data as far as a cell can carry it: a hand-written file stays as it is."""
    before = load_document(old, plan.relpath)
    return before.loaded and not before.findings and _as_cell(before.data) == _as_cell(plan.document.data)


def _as_cell(value: Any) -> Any:
    """A value as a sheet cell gives it back: a text trimmed with \\n line ends (a `|` block's last \\n gone)."""
    if isinstance(value, str):
        return typed_values.text(value)
    if isinstance(value, dict):
        return {key: _as_cell(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_cell(item) for item in value]
    return value


def _write(repo: Repository, plan: rows.Planned) -> None:
    if plan.outcome != "unchanged":
        target = repo.root / plan.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(plan.raw)
