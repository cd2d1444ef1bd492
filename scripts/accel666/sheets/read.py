"""Reading a table out of an Excel sheet that people have edited: find the header row, then the rows.

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
keep an invisible character in a published text.

Values are the ones Excel or WPS calculated and saved. A formula never calculated
(a sheet written by a program) has no such value: the row says which of its cells
are such formulas (`Line.formulas`), found by reading the workbook a second time,
formulas and all, only when a row has an empty cell. A file that is no .xlsx (an
old .xls, a password-protected workbook, a renamed Word document) is refused in
Chinese with what to do, never with the reader's English error.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from accel666.errors import FatalError

SCAN_ROWS = 20  # the header is looked for in the first rows only
_SPACE = re.compile(r"\s+")
_PARENTHESIS = re.compile(r"\([^()]*\)$")
_TOTALS = ("合计", "总计", "小计")
_ZIP = b"PK\x03\x04"  # an .xlsx is a zip archive
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")  # a compound file: an encrypted workbook, or an Excel 97-2003 .xls
# Control characters but tab, line feed and carriage return (a line end, made \n by
# sheet_values), C1 ones (NEL among them) and the line and paragraph separators.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_RESAVE = "请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（*.xlsx）后再导入"


@dataclass(frozen=True)
class Wanted:
    """A column to find: its label and, if its values may sit in sub-columns, their titles."""

    key: str
    label: str
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """Where the table is: the sheet, its header row and each wanted column's sheet columns."""

    sheet: str
    header: int
    columns: dict[str, tuple[int, ...]]  # key -> one column, or one per part
    labels: dict[str, str] = field(default_factory=dict)  # key -> the header cell's text, as typed

    def cell(self, key: str, row: int, part: int = 0) -> str:
        """The reference of a cell, like "C7" (a column without sub-columns for every part)."""
        columns = self.columns[key]
        return f"{get_column_letter(columns[min(part, len(columns) - 1)])}{row}"


@dataclass(frozen=True)
class Line:
    """One data row: its number in the sheet, each wanted column's cell values, and what they could not give."""

    number: int
    cells: dict[str, tuple[Any, ...]]
    formulas: frozenset[tuple[str, int]] = field(default_factory=frozenset)  # (key, part) of a formula without a value
    invisible: tuple[tuple[str, int, str], ...] = ()  # (key, part, the INVISIBLE characters taken out of its text)


def read_table(path: Path, wanted: Sequence[Wanted], sheet: str | None = None) -> tuple[Found, list[Line]]:
    """The table in the first sheet (or `sheet`) whose header has every wanted column, and its non-empty rows."""
    workbook = _open(path)
    names = [sheet] if sheet is not None else workbook.sheetnames
    if sheet is not None and sheet not in workbook.sheetnames:
        raise FatalError(f"{path}: 没有名为“{sheet}”的工作表：工作簿中的工作表有 {'、'.join(workbook.sheetnames)}。")
    missing: dict[str, list[str]] = {}
    for name in names:
        worksheet = workbook[name]
        if not isinstance(worksheet, Worksheet):
            continue  # a chart sheet
        found = _find(worksheet, wanted)
        if isinstance(found, Found):
            return found, _with_formulas(path, found, _lines(worksheet, found))
        missing[name] = found
    detail = "；".join(f"工作表“{name}”缺少 {'、'.join(labels)}" for name, labels in missing.items())
    expected = "、".join(f"“{item.label}”" for item in wanted)
    raise FatalError(
        f"{path}: 找不到附件3 汇总表的表头（{detail}）。表头行须有这些列：{expected}；请以网站上下载的空白汇总表为模板。"
    )


def _open(path: Path, *, data_only: bool = True) -> Any:
    """The workbook (with the saved values of formulas, or the formulas), or a FatalError saying what the file is."""
    if not path.is_file():
        raise FatalError(f"{path}: 找不到文件，或它不是文件。")
    try:
        with path.open("rb") as stream:
            head = stream.read(len(_OLE))
    except OSError as exc:
        raise FatalError(f"{path}: 无法读取文件：{_io_problem(exc)}。") from exc
    if head == _OLE:
        raise FatalError(
            f"{path}: 工作簿设置了打开密码（已加密），或是旧版 Excel 97-2003 工作簿（.xls），无法读取："
            "请在 Excel 或 WPS 中打开，取消密码后“另存为” Excel 工作簿（*.xlsx），再导入不带密码的文件。"
        )
    if not head.startswith(_ZIP):
        raise FatalError(f"{path}: 不是可读取的 Excel 工作簿（.xlsx）：{_RESAVE}。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (data validation...)
            return openpyxl.load_workbook(path, data_only=data_only)
    except OSError as exc:
        if exc.errno is None:  # openpyxl's own: a zip archive without a workbook in it
            raise _not_a_workbook(path) from exc
        raise FatalError(f"{path}: 无法读取文件：{_io_problem(exc)}。") from exc
    except Exception as exc:
        raise _not_a_workbook(path) from exc


def _not_a_workbook(path: Path) -> FatalError:
    return FatalError(
        f"{path}: 不是可读取的 Excel 工作簿（.xlsx）：文件中没有 Excel 工作表，可能是 Word 文档等其他文件改了扩展名，"
        f"或文件已损坏。{_RESAVE}。"
    )


def _io_problem(exc: OSError) -> str:
    """An I/O error in Chinese (the system's own text is English)."""
    if isinstance(exc, PermissionError):
        return "没有读取权限，请检查文件权限，或关闭正在使用它的程序"
    number = f"（错误号 {exc.errno}）" if exc.errno else ""
    return f"系统错误{number}，请确认文件完整、磁盘可读"


def label_key(text: Any) -> str:
    """A header's text for comparison: NFKC, no white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(text))) if text is not None else ""


def _matches(text: Any, label: str) -> bool:
    cell, wanted = label_key(text), label_key(label)
    return bool(cell) and (cell == wanted or _PARENTHESIS.sub("", cell) == _PARENTHESIS.sub("", wanted))


def _find(sheet: Worksheet, wanted: Sequence[Wanted]) -> Found | list[str]:
    """The header: the first row with every wanted column; else the labels missing from the best row."""
    best: list[str] = [item.label for item in wanted]
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, SCAN_ROWS)):
        columns: dict[str, int] = {}
        labels: dict[str, str] = {}
        for cell in row:
            for item in wanted:
                if item.key not in columns and _matches(cell.value, item.label):
                    columns[item.key] = int(cell.column)  # type: ignore[arg-type]  # a real cell has a column
                    labels[item.key] = str(cell.value)
                    break
        missing = [item.label for item in wanted if item.key not in columns]
        if not missing:
            header = int(row[0].row)  # type: ignore[arg-type]
            spans = {item.key: _parts(sheet, header, columns[item.key], item.parts) for item in wanted}
            return Found(sheet.title, header, spans, labels)
        best = min(best, missing, key=len)
    return best


def _parts(sheet: Worksheet, header: int, column: int, parts: tuple[str, ...]) -> tuple[int, ...]:
    """The sub-columns under a header (empty or merged cells to its right, the parts' titles below), else the column."""
    if len(parts) < 2:
        return (column,)
    span = range(column, column + len(parts))
    if any(sheet.cell(header, other).value not in (None, "") for other in span[1:]):
        return (column,)
    below = [sheet.cell(header + 1, other).value for other in span]
    if all(_matches(text, part) for text, part in zip(below, parts, strict=True)):
        return tuple(span)
    return (column,)


def _first_row(sheet: Worksheet, found: Found) -> int:
    """The row after the header, its sub-header and any header cell merged downwards."""
    first = found.header + (2 if any(len(columns) > 1 for columns in found.columns.values()) else 1)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= found.header <= merged.max_row:
            first = max(first, merged.max_row + 1)
    return first


def _lines(sheet: Worksheet, found: Found) -> list[Line]:
    first = _first_row(sheet, found)
    merged = _merged(sheet, first)
    wanted = [column for columns in found.columns.values() for column in columns]
    lines = []
    for number, typed in enumerate(sheet.iter_rows(min_row=first, values_only=True), start=first):
        values = [merged.get((number, column), value) for column, value in enumerate(typed, start=1)]
        if any(_filled(typed[column - 1]) for column in wanted if column <= len(typed)) and not _is_total(values):
            lines.append(_line(number, found, values))
    return lines


def _merged(sheet: Worksheet, first: int) -> dict[tuple[int, int], Any]:
    """(row, column) of each cell of a range merged in the data rows -> the value of the range's top-left cell."""
    values: dict[tuple[int, int], Any] = {}
    for merged in sheet.merged_cells.ranges:
        if merged.min_row >= first:
            top = sheet.cell(merged.min_row, merged.min_col).value
            for number in range(merged.min_row, min(merged.max_row, sheet.max_row) + 1):
                values.update(((number, column), top) for column in range(merged.min_col, merged.max_col + 1))
    return values


def _line(number: int, found: Found, values: Sequence[Any]) -> Line:
    """A row's wanted cells, their texts without INVISIBLE characters (noted in `Line.invisible`)."""
    cells: dict[str, tuple[Any, ...]] = {}
    invisible: list[tuple[str, int, str]] = []
    for key, columns in found.columns.items():
        group = [values[column - 1] if column - 1 < len(values) else None for column in columns]
        for part, value in enumerate(group):
            if isinstance(value, str) and (characters := INVISIBLE.findall(value)):
                invisible.append((key, part, "".join(dict.fromkeys(characters))))
                group[part] = INVISIBLE.sub("", value)
        cells[key] = tuple(group)
    return Line(number, cells, invisible=tuple(invisible))


def _is_total(values: Sequence[Any]) -> bool:
    """A 合计/总计/小计 row: its first filled cell (序号 or whatever comes first) begins so."""
    first = next((value for value in values if _filled(value)), None)
    return label_key(first).startswith(_TOTALS)


def _with_formulas(path: Path, found: Found, lines: list[Line]) -> list[Line]:
    """The lines with their cells that hold a formula Excel never calculated (no saved value: read as empty)."""
    empty = [
        (line, key, part)
        for line in lines
        for key, group in line.cells.items()
        for part, value in enumerate(group)
        if value is None
    ]
    if not empty:
        return lines  # the usual case: no second reading
    sheet = _open(path, data_only=False)[found.sheet]
    formulas: dict[int, set[tuple[str, int]]] = {}
    for line, key, part in empty:
        if sheet.cell(line.number, found.columns[key][part]).data_type == "f":
            formulas.setdefault(line.number, set()).add((key, part))
    return [replace(line, formulas=frozenset(formulas.get(line.number, ()))) for line in lines]


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
