"""Reading the tables out of a workbook that people have edited: find each sheet's header row, then its rows.

Every sheet whose header has all the wanted columns is a table (one sheet per city is
common); the other sheets are skipped and named with the reason (`Tables.skipped`),
except a sheet with most of the columns, which is refused (its table would be lost).
The workbook is read by formats.py, whatever its format (.xlsx, .xls, .ods, CSV).

The columns are found by their headers, not their positions: a header cell matches a
wanted column when its text equals the column's label, or equals it without the
trailing parenthesis (“项目类型” for “项目类型（工业互联网标杆工厂，…）”), compared
after NFKC normalisation and with all white space removed. Tolerated: title rows
above the header, header cells merged across rows, a header merged across
sub-columns with the values' titles below it (开始年月 | 结束年月), empty rows
(skipped wherever they are), 合计/总计/小计 rows (a row whose first filled cell
begins so: skipped), and any sheet order. A cell merged over several data rows (地区
over one city's rows) gives its value to every cell it covers; a row whose only
values come from such a cell is empty.

A text's invisible characters that no application file can keep (`INVISIBLE`) are
taken out of it and noted with the row (`Line.invisible`), for the import to refuse
the cell: left in, the file made from the row would fail to load (then the problem
could not be placed at its cell), or read back otherwise (NEL becomes a space), or
keep an invisible character in a published text. Zero-width and bidirectional
formatting characters (`FORMATTING`: U+200B, U+FEFF, U+202E…) are taken out too and
noted (`Line.removed`), for the import to say so at the cell: they carry no meaning
in a name or a code, and would make a published name differ from what it shows.

Values are the ones Excel or WPS calculated and saved. A formula never calculated
(a sheet written by a program) has no such value: the row says which of its cells
are such formulas (`Line.formulas`), found by reading the workbook a second time,
formulas and all, only when a row has an empty cell (only .xlsx can say). A file
that is no spreadsheet (a password-protected workbook, a renamed Word document) is
refused in Chinese naming what it is, never with the reader's English error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from accel666.errors import FatalError
from accel666.repair.values import FORMATTING
from accel666.sheets.formats import Book, Grid, open_book
from accel666.sheets.header import Found, Wanted, find_header, hidden_columns, label_key
from accel666.sheets.sniff import NAMES, SUFFIXES

_TOTALS = ("合计", "总计", "小计")
# Control characters but tab, line feed and carriage return (a line end, made \n by
# sheet_values), C1 ones (NEL among them) and the line and paragraph separators.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# Zero-width and bidirectional formatting characters: invisible, meaningless in a name or a code, and a way to
# make a published name differ from its look-alike (or show reversed). Taken out with a notice at the cell.
_NO_HEADER = "没有附件3 汇总表的表头，未读取"


@dataclass(frozen=True)
class Line:
    """One data row: its number in the sheet, each wanted column's cell values, and what they could not give."""

    number: int
    cells: dict[str, tuple[Any, ...]]
    formulas: frozenset[tuple[str, int]] = field(default_factory=frozenset)  # (key, part) of a formula without a value
    invisible: tuple[tuple[str, int, str], ...] = ()  # (key, part, the INVISIBLE characters taken out of its text)
    removed: tuple[tuple[str, int, str], ...] = ()  # (key, part, the FORMATTING characters taken out of its text)
    sheet: str = ""
    hidden: bool = False  # a hidden row (hidden by hand or by a filter), imported all the same


@dataclass(frozen=True)
class Table:
    """A sheet's table: where it is and its rows."""

    found: Found
    lines: list[Line]
    hidden_columns: tuple[str, ...] = ()  # the header cells of wanted columns that are hidden


@dataclass(frozen=True)
class Tables:
    """The tables of a workbook: every sheet with a 附件3 header, and the other sheets (name -> why)."""

    tables: tuple[Table, ...]
    skipped: dict[str, str]


def read_tables(path: Path, wanted: Sequence[Wanted], sheet: str | None = None) -> Tables:
    """Every sheet (or only `sheet`) whose header has every wanted column, with its non-empty rows.

    A sheet with no such header is skipped and named with the reason, unless it has most of the
    columns: then it is meant as a table and one is missing, and importing the others would lose it.
    """
    book = open_book(path)
    grids = list(book.sheets)
    if sheet is not None:
        grids = [grid for grid in grids if grid.title == sheet]
        if sheet in book.skipped:
            raise FatalError(f"{path}: 工作表“{sheet}”无法导入：{book.skipped[sheet]}。")
        if not grids:
            names = "、".join([grid.title for grid in book.sheets] + list(book.skipped))
            raise FatalError(f"{path}: 没有名为“{sheet}”的可读取的工作表：工作簿中的工作表有 {names}。")
    tables: list[Table] = []
    missing: dict[str, list[str]] = {}
    for grid in grids:
        found = find_header(grid, wanted, f"{path}:{grid.title}")
        if isinstance(found, Found):
            lines = _with_formulas(book, found, _lines(grid, found))
            tables.append(Table(found, lines, tuple(hidden_columns(grid, found))))
        else:
            missing[grid.title] = found
    incomplete = {name: labels for name, labels in missing.items() if len(labels) <= len(wanted) // 2}
    if incomplete or not tables:
        raise _no_header(path, incomplete or missing, wanted, book.format)
    skipped = {**(book.skipped if sheet is None else {}), **{name: _NO_HEADER for name in missing}}
    return Tables(tuple(tables), skipped)


def _no_header(path: Path, missing: dict[str, list[str]], wanted: Sequence[Wanted], kind: str) -> FatalError:
    detail = "；".join(f"工作表“{name}”缺少 {'、'.join(labels)}" for name, labels in missing.items())
    if path.suffix.lower() not in SUFFIXES[kind]:  # a renamed file: say what it was read as
        detail += f"；这个文件实际是{NAMES[kind]}，已按其内容读取"
    expected = "、".join(f"“{item.label}”" for item in wanted)
    return FatalError(
        f"{path}: 找不到附件3 汇总表的表头（{detail}）。表头行须有这些列：{expected}；请以网站上下载的空白汇总表为模板。"
    )


def _first_row(grid: Grid, found: Found) -> int:
    """The row after the header, its sub-header and any header cell merged downwards."""
    first = found.header + (2 if any(len(columns) > 1 for columns in found.columns.values()) else 1)
    for min_row, _, max_row, _ in grid.merged:
        if min_row <= found.header <= max_row:
            first = max(first, max_row + 1)
    return first


def _lines(grid: Grid, found: Found) -> list[Line]:
    first = _first_row(grid, found)
    merged = _merged(grid, first)
    wanted = [column for columns in found.columns.values() for column in columns]
    lines = []
    for number in range(first, grid.max_row + 1):
        typed = grid.rows[number - 1]
        values = [merged.get((number, column), value) for column, value in enumerate(typed, start=1)]
        if any(_filled(typed[column - 1]) for column in wanted if column <= len(typed)) and not _is_total(values):
            lines.append(replace(_line(number, found, values), hidden=number in grid.hidden_rows))
    return lines


def _merged(grid: Grid, first: int) -> dict[tuple[int, int], Any]:
    """(row, column) of each cell of a range merged in the data rows -> the value of the range's top-left cell."""
    values: dict[tuple[int, int], Any] = {}
    for min_row, min_col, max_row, max_col in grid.merged:
        if min_row >= first:
            top = grid.value(min_row, min_col)
            for number in range(min_row, min(max_row, grid.max_row) + 1):
                values.update(((number, column), top) for column in range(min_col, max_col + 1))
    return values


def _line(number: int, found: Found, values: Sequence[Any]) -> Line:
    """A row's wanted cells, their texts without INVISIBLE and FORMATTING characters (noted with the line)."""
    cells: dict[str, tuple[Any, ...]] = {}
    taken: dict[re.Pattern[str], list[tuple[str, int, str]]] = {INVISIBLE: [], FORMATTING: []}
    for key, columns in found.columns.items():
        group = [values[column - 1] if column - 1 < len(values) else None for column in columns]
        for part, value in enumerate(group):
            text = value
            for pattern, noted in taken.items():
                if isinstance(text, str) and (characters := pattern.findall(text)):
                    noted.append((key, part, "".join(dict.fromkeys(characters))))
                    text = pattern.sub("", text)
            group[part] = text
        cells[key] = tuple(group)
    return Line(number, cells, invisible=tuple(taken[INVISIBLE]), removed=tuple(taken[FORMATTING]), sheet=found.sheet)


def _is_total(values: Sequence[Any]) -> bool:
    """A 合计/总计/小计 row: its first filled cell (序号 or whatever comes first) begins so."""
    first = next((value for value in values if _filled(value)), None)
    return label_key(first).startswith(_TOTALS)


def _with_formulas(book: Book, found: Found, lines: list[Line]) -> list[Line]:
    """The lines with their cells that hold a formula never calculated (no saved value: read as empty)."""
    empty = [
        (line, key, part)
        for line in lines
        for key, group in line.cells.items()
        for part, value in enumerate(group)
        if value is None
    ]
    if not empty or book.uncalculated is None:
        return lines  # the usual case: no second reading
    where = {(line.number, found.columns[key][part]): (key, part) for line, key, part in empty}
    formulas: dict[int, set[tuple[str, int]]] = {}
    for row, column in book.uncalculated(found.sheet, list(where)):
        formulas.setdefault(row, set()).add(where[(row, column)])
    return [replace(line, formulas=frozenset(formulas.get(line.number, ()))) for line in lines]


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
