"""附件3 from Excel: each row of a summary sheet becomes one application file, all checked first.

The columns are the sheet columns of layout_annex3 (the same definition the site's
blank template and `accel666 export-xlsx` write), found by their headers
(read.py); cells become values by their fields' kinds (values.py), an amount converted
from the unit its header states to its field's (amounts.py); the region column takes a region's name, its bureau's name or alias, or its code
(submissions/regions.yaml). Each row is written as `accel666 new` writes a template
(template.py, filled).

Each row's outcome (created, updated or unchanged) is decided once, first: a file
whose content would not change is left alone, and so is one holding the same data
as far as a cell can carry it (a hand-written file: a text's surrounding white
space and line-end style aside), so importing the same sheet again, or a sheet just
exported, changes nothing. Then every row is checked as a pull request would be
(pending.py): its file by the validator against the repository as it would be after
the import, and what the import changes by the change rules (no new application
after the batch's deadline, none changed once its bureau has recommended it), on
`today`. The import refuses by itself what the validator cannot see in a file (a
formula without a calculated value, a cell holding only some of its values:
sheet_cells.py) and one enterprise in two rows.

A problem is reported at its cell, `FILE:sheet!C7: message`, in a sheet's terms
(sheet_cells.py). Nothing is written while any row has an error, unless `partial`
(then the rows without errors are).

A file of the batch that no row of the whole workbook is for (its row deleted, or the
enterprise moved to another region) is named, never deleted: whether the enterprise
withdrew is the bureau's decision, made in a reviewed change.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accel666.changes import check_changes, check_pending
from accel666.check import check_outside
from accel666.documents.forms.annex3 import CATEGORY, Column, annex3_sheet_columns
from accel666.documents.forms.model import Words
from accel666.errors import FatalError
from accel666.findings import Finding, Severity
from accel666.git import Change
from accel666.load import Document, load_document
from accel666.repository import SUBMISSIONS, Repository
from accel666.sheets import amounts, exporter
from accel666.sheets import values as sheet_values
from accel666.sheets.cells import HIDDEN_COLUMN, Problem, cell_message, cell_problems, column_pointers, one_per_cell
from accel666.sheets.header import Found, Wanted
from accel666.sheets.read import Line, read_tables
from accel666.template import Prefill, render

COMMAND = "accel666 import-xlsx"
UNKNOWN_REGION = "000000"  # the folder a row with an unknown region is checked in (never written)
_FILE_STEM = re.compile(r"[0-9A-Za-z]{1,40}")
CHANGES = {"created": "added", "updated": "modified"}  # outcome -> the change a pull request would hold
WHOLE_FILE = "/enterprise/name"  # the cell of a finding about the whole file (too late, locked)


@dataclass
class Planned:
    """One row made into a file: where it goes, its text, the cell of each of its fields, what writing it does."""

    line: Line
    relpath: str
    raw: bytes
    cells: dict[str, str]  # pointer -> cell reference
    uscc: str
    problems: list[Problem] = field(default_factory=list)
    outcome: str = "created"  # "created", "updated" or "unchanged"

    @property
    def placed(self) -> bool:
        """Whether the row names a known region (else it is checked alone, in a made-up folder)."""
        return f"/{UNKNOWN_REGION}/" not in self.relpath

    @functools.cached_property
    def document(self) -> Document:
        """The file as the loader reads it, loaded once for every use."""
        return load_document(self.raw, self.relpath)


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


def wanted() -> tuple[Wanted, ...]:
    words = Words(CATEGORY)
    return tuple(
        Wanted(column.key, column.label, tuple(words.title(value.pointer) for value in column.values))
        for column in annex3_sheet_columns()
        if column.values
    )


def import_sheet(
    repo: Repository, path: Path, batch: str, *, today: dt.date, partial: bool = False, sheet: str | None = None
) -> Imported:
    """Check every row of the sheet at `path` as of `today`; write the files unless a row has an error (or `partial`)."""
    read = read_tables(path, wanted(), sheet)
    notices: list[Problem] = []
    plans: list[Planned] = []
    for table in read.tables:
        units, warned = _units(table.found)
        notices.extend(warned)
        notices.extend(
            Problem(table.found.sheet, table.found.header, cell, HIDDEN_COLUMN, True) for cell in table.hidden_columns
        )
        plans.extend(_plan(repo, batch, table.found, line, units) for line in table.lines)
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
        imported.absent = sorted(set(exporter.plan(repo, batch).rows) - {plan.relpath for plan in plans})
    if imported.bad_rows and not partial:
        return imported
    for plan in plans:
        if (plan.line.sheet, plan.line.number) not in imported.bad_rows:
            _write(repo, plan)
            imported.written[plan.outcome].append(plan.relpath)
    return imported


def _validate(repo: Repository, plans: list[Planned], today: dt.date) -> list[Finding]:
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


def _units(found: Found) -> tuple[dict[str, str], list[Problem]]:
    """Each amount column's unit, as its header states it (else its field's, with a warning at the header)."""
    units: dict[str, str] = {}
    notices: list[Problem] = []
    for column in annex3_sheet_columns():
        pointers = column_pointers(column)
        if (
            column.key not in found.columns
            or len(pointers) != 1
            or sheet_values.kind(CATEGORY, pointers[0]) != "number"
        ):
            continue
        field = amounts.unit_of(Words(CATEGORY).title(pointers[0]))
        header, cell = found.labels[column.key], found.cell(column.key, found.header)
        unit = amounts.header_unit(header)
        if not unit.known:
            raise FatalError(f"{found.sheet}!{amounts.unknown_unit(cell, header, unit.unit)}")
        if field and not unit.stated:
            notices.append(Problem(found.sheet, found.header, cell, amounts.no_unit(header, field), warning=True))
        units[column.key] = unit.unit or field
    return units, notices


def _plan(repo: Repository, batch: str, found: Found, line: Line, units: dict[str, str]) -> Planned:
    words = Words(CATEGORY)
    data: dict[str, Any] = {"category": CATEGORY, "batch": batch, "filler": words.prop("/filler").get("const", "")}
    cells: dict[str, str] = {}
    problems: list[Problem] = []
    for column in annex3_sheet_columns():
        if column.key not in found.columns:
            continue
        values, refused = _column_values(column, line, units)
        if refused is not None:
            problems.append(Problem(found.sheet, line.number, found.cell(column.key, line.number), refused))
        for part, (value, pointer) in enumerate(zip(values, column_pointers(column), strict=True)):
            cells[pointer] = found.cell(column.key, line.number, part)
            _put(data, pointer, value)
        problems.extend(cell_problems(found, line, column, values))
    code = _region_code(repo, data["region"])
    if code is None:
        problems.append(Problem(found.sheet, line.number, cells["/region"], _unknown_region(data["region"])))
    else:
        data["region"] = code
    uscc = str(data["enterprise"]["uscc"])
    stem = uscc if _FILE_STEM.fullmatch(uscc) else f"row{line.number}"
    relpath = f"{SUBMISSIONS}/{batch}/{code or UNKNOWN_REGION}/{CATEGORY}/{stem}.yaml"
    text = render(CATEGORY, Prefill(data=data, command=COMMAND))
    return Planned(line, relpath, text.encode("utf-8"), cells, uscc, one_per_cell(problems))


def _column_values(column: Column, line: Line, units: dict[str, str]) -> tuple[list[Any], str | None]:
    """A column's values, and why its cell is refused (an amount that cannot be converted exactly) or None."""
    pointers = column_pointers(column)
    cells = line.cells[column.key]
    if column.key in units:  # an amount, in its header's unit
        field = amounts.unit_of(Words(CATEGORY).title(pointers[0]))
        value, refused = amounts.convert(cells[0], units[column.key], field)
        return [sheet_values.value(CATEGORY, pointers[0], value)], refused
    if len(cells) == len(pointers):  # one cell per value
        return [sheet_values.value(CATEGORY, p, cell) for p, cell in zip(pointers, cells, strict=True)], None
    return sheet_values.values(CATEGORY, pointers, cells[0]), None


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
    """Rows of one enterprise (the same code, in one region or in several): all refused, each naming the others.

    The validator would call them duplicates too, but citing files that do not exist yet.
    """
    rows: dict[str, list[Planned]] = defaultdict(list)
    for plan in plans:
        if plan.uscc:
            rows[plan.uscc].append(plan)
    for same in (same for same in rows.values() if len(same) > 1):
        for plan in same:
            others = "、".join(_row_name(other, plan) for other in same if other is not plan)
            message = (
                f"与{others}是同一家企业（统一社会信用代码相同）：汇总表中每家企业只能有一行，请合并或删除重复的行。"
            )
            plan.problems.append(Problem(plan.line.sheet, plan.line.number, plan.cells["/enterprise/uscc"], message))


def _row_name(other: Planned, plan: Planned) -> str:
    """“第 7 行”, or “工作表“无锡市”第 7 行” for a row of another sheet."""
    where = "" if other.line.sheet == plan.line.sheet else f"工作表“{other.line.sheet}”"
    return f"{where}第 {other.line.number} 行"


def _add_findings(plan: Planned, findings: list[Finding]) -> None:
    """The validator's findings at their cells; a cell the import already refused keeps only that reason."""
    refused = {problem.cell for problem in plan.problems if not problem.warning}
    for finding in sorted(findings):
        cell = _cell_of(plan, finding)
        if cell not in refused:
            plan.problems.append(_problem(plan, cell, finding))


def _problem(plan: Planned, cell: str, finding: Finding) -> Problem:
    return Problem(plan.line.sheet, plan.line.number, cell, cell_message(finding), finding.severity is Severity.WARNING)


def _cell_of(plan: Planned, finding: Finding) -> str:
    """The cell of a finding: by its JSON pointer, else by its line in the file; else the enterprise's name."""
    pointer = finding.pointer or _pointer_at(plan, finding.line)
    if pointer:
        for candidate, cell in plan.cells.items():
            if candidate == pointer or candidate.startswith(f"{pointer}/") or pointer.startswith(f"{candidate}/"):
                return cell
    return plan.cells[WHOLE_FILE]


def _pointer_at(plan: Planned, line: int) -> str:
    return next((pointer for pointer in plan.cells if plan.document.position(pointer)[0] == line), "")


def _outcome(repo: Repository, plan: Planned) -> str:
    target = repo.root / plan.relpath
    if not target.is_file():
        return "created"
    old = target.read_bytes()
    return "unchanged" if old == plan.raw or _same_data(old, plan) else "updated"


def _same_data(old: bytes, plan: Planned) -> bool:
    """The file holds the row's data as far as a cell can carry it: a hand-written file stays as it is."""
    before = load_document(old, plan.relpath)
    return before.loaded and not before.findings and _as_cell(before.data) == _as_cell(plan.document.data)


def _as_cell(value: Any) -> Any:
    """A value as a sheet cell gives it back: a text trimmed with \\n line ends (a `|` block's last \\n gone)."""
    if isinstance(value, str):
        return sheet_values.text(value)
    if isinstance(value, dict):
        return {key: _as_cell(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_cell(item) for item in value]
    return value


def _write(repo: Repository, plan: Planned) -> None:
    if plan.outcome != "unchanged":
        target = repo.root / plan.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(plan.raw)
