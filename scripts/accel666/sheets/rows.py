"""A row of a 附件3 table made into an application file: its values, its region, its path and text.

Cells become values by their fields' kinds (values.py), an amount converted from the
unit its header states to its field's (amounts.py); the region column takes a region's
name, its bureau's name or alias, or its code (submissions/regions.yaml). The file is
written as `accel666 new` writes a template (template.py, filled). A row with an unknown
region is checked in a made-up folder and never written.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from accel666.documents.forms.annex3 import CATEGORY, Column, annex3_sheet_columns
from accel666.documents.forms.model import Words
from accel666.errors import FatalError
from accel666.load import Document, load_document
from accel666.repair import values as typed_values
from accel666.repository import Location, Repository, path_of
from accel666.sheets import amounts
from accel666.sheets import values as sheet_values
from accel666.sheets.cells import Problem, cell_problems, column_pointers, one_per_cell
from accel666.sheets.header import Found, Wanted
from accel666.sheets.read import Line
from accel666.template import Prefill, template_text

COMMAND = "accel666 import-xlsx"
UNKNOWN_REGION = "000000"  # the folder a row with an unknown region is checked in (never written)
_FILE_STEM = re.compile(r"[0-9A-Za-z]{1,40}")


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


def wanted() -> tuple[Wanted, ...]:
    words = Words(CATEGORY)
    return tuple(
        Wanted(column.key, column.label, tuple(words.title(value.pointer) for value in column.values))
        for column in annex3_sheet_columns()
        if column.values
    )


def units(found: Found) -> tuple[dict[str, str], list[Problem]]:
    """Each amount column's unit, as its header states it (else its field's, with a warning at the header)."""
    found_units: dict[str, str] = {}
    notices: list[Problem] = []
    for column in annex3_sheet_columns():
        pointers = column_pointers(column)
        if (
            column.key not in found.columns
            or len(pointers) != 1
            or typed_values.kind(CATEGORY, pointers[0]) != "number"
        ):
            continue
        own = amounts.unit_of(Words(CATEGORY).title(pointers[0]))
        header, cell = found.labels[column.key], found.cell(column.key, found.header)
        unit = amounts.header_unit(header)
        if not unit.known:
            raise FatalError(f"{found.sheet}!{amounts.unknown_unit(cell, header, unit.unit)}")
        if own and not unit.stated:
            notices.append(Problem(found.sheet, found.header, cell, amounts.no_unit(header, own), warning=True))
        found_units[column.key] = unit.unit or own
    return found_units, notices


def plan_row(repo: Repository, batch: str, found: Found, line: Line, units: dict[str, str]) -> Planned:
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
    relpath = path_of(Location("application", batch, code or UNKNOWN_REGION, CATEGORY, stem))
    text = template_text(CATEGORY, Prefill(data=data, command=COMMAND))
    return Planned(line, relpath, text.encode("utf-8"), cells, uscc, one_per_cell(problems))


def _column_values(column: Column, line: Line, units: dict[str, str]) -> tuple[list[Any], str | None]:
    """A column's values, and why its cell is refused (an amount that cannot be converted exactly) or None."""
    pointers = column_pointers(column)
    cells = line.cells[column.key]
    if column.key in units:  # an amount, in its header's unit
        own = amounts.unit_of(Words(CATEGORY).title(pointers[0]))
        value, refused = amounts.convert(cells[0], units[column.key], own)
        return [typed_values.value(CATEGORY, pointers[0], value)], refused
    if len(cells) == len(pointers):  # one cell per value
        return [typed_values.value(CATEGORY, p, cell) for p, cell in zip(pointers, cells, strict=True)], None
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
