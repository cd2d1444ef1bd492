"""Spreadsheet files of every kind as the same grid of values, for read.py to find the table in.

- .xlsx: openpyxl, which also gives what only it can: merged ranges, hidden rows and
  columns, hidden sheets, and formulas never calculated (a second reading, formulas and
  all, only when asked about empty cells);
- .xls (and a WPS .et, which is the same compound file) and .ods: python-calamine, a
  binding of the Rust library calamine, maintained and without further dependencies;
  it gives values, not hidden rows or columns, nor an .ods sheet's merged ranges:
  those are read by layout.py (the .ods's XML, the .xls's records through xlrd);
- CSV: the standard library's csv, the text decoded as UTF-8, UTF-16 (with its mark or clearly without) or
  GB18030 (which covers GBK), the encodings Excel and WPS save CSV in; comma- or
  tab-separated. Its one sheet is named after the file, as Excel names it.

The format is the file's content (sniff.py), not its name: an .xls renamed to .xlsx is
read as the .xls it is. A file that is no spreadsheet is refused naming what it is.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet

from accel666.errors import FatalError
from accel666.sheets import layout
from accel666.sheets.sniff import NAMES, decode, sniff

RESAVE = "请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（*.xlsx）后再导入"
WPS = "{path}: WPS 表格文件（.et）无法读取：请在 WPS 中打开，“另存为” Excel 工作簿（*.xlsx）后再导入。"
Merged = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col, from 1


@dataclass(frozen=True)
class Grid:
    """One sheet's values, row 1 first, with what the format can tell of merged and hidden cells."""

    title: str
    rows: Sequence[Sequence[Any]]
    merged: tuple[Merged, ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()

    @property
    def max_row(self) -> int:
        return len(self.rows)

    def value(self, row: int, column: int) -> Any:
        values = self.rows[row - 1] if 0 < row <= len(self.rows) else ()
        return values[column - 1] if 0 < column <= len(values) else None


@dataclass(frozen=True)
class Book:
    """A workbook's sheets, those not read (name -> why), and how to find formulas never calculated."""

    format: str
    sheets: tuple[Grid, ...]
    skipped: dict[str, str] = field(default_factory=dict)
    uncalculated: Callable[[str, list[tuple[int, int]]], set[tuple[int, int]]] | None = None


def open_book(path: Path) -> Book:
    """The workbook at `path`, read by what it is, or a FatalError naming what it is."""
    content = _content(path)
    kind = sniff(path, content)
    if path.suffix.lower() == ".et" and kind not in ("xls", "encrypted"):
        raise FatalError(WPS.format(path=path))
    if kind == "xlsx":
        return _xlsx(path)
    if kind in ("xls", "ods"):
        return _calamine(path, content, kind)
    if kind == "csv":
        return _csv(path, content)
    raise FatalError(_not_a_sheet(path, kind))


def _content(path: Path) -> bytes:
    if not path.is_file():
        raise FatalError(f"{path}: 找不到文件，或它不是文件。")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FatalError(f"{path}: 无法读取文件：{io_problem(exc)}。") from exc


def _not_a_sheet(path: Path, kind: str) -> str:
    if kind == "encrypted":
        return f"{path}: 工作簿设置了打开密码（已加密），无法读取：请在 Excel 或 WPS 中打开，取消密码后{RESAVE}。"
    return (
        f"{path}: 这个文件实际是{NAMES[kind]}，不是电子表格，可能是选错了文件或改了扩展名：请选择附件3 汇总表本身"
        f"（Excel 工作簿 .xlsx 或 .xls、OpenDocument 电子表格 .ods 或 CSV 文件）；如表格在其他文件中，{RESAVE}。"
    )


def io_problem(exc: OSError) -> str:
    """An I/O error in Chinese (the system's own text is English)."""
    if isinstance(exc, PermissionError):
        return "没有读取权限，请检查文件权限，或关闭正在使用它的程序"
    number = f"（错误号 {exc.errno}）" if exc.errno else ""
    return f"系统错误{number}，请确认文件完整、磁盘可读"


def _damaged(path: Path, kind: str) -> FatalError:
    return FatalError(f"{path}: {NAMES[kind]}已损坏或无法读取：{RESAVE}。")


def _xlsx(path: Path) -> Book:
    workbook = _openpyxl(path, data_only=True)
    sheets, skipped = [], {}
    for worksheet in workbook.worksheets + list(workbook.chartsheets):
        if not isinstance(worksheet, Worksheet):
            skipped[worksheet.title] = "图表工作表"
        elif worksheet.sheet_state != "visible":
            skipped[worksheet.title] = "工作表已隐藏，未读取；如需导入，请取消隐藏后重新导入"
        else:
            sheets.append(_grid(worksheet))
    order = {name: index for index, name in enumerate(workbook.sheetnames)}
    sheets.sort(key=lambda grid: order[grid.title])

    formulas: list[Any] = []  # the workbook with its formulas: loaded once, and only if a wanted cell is empty

    def uncalculated(sheet: str, cells: list[tuple[int, int]]) -> set[tuple[int, int]]:
        if not formulas:
            formulas.append(_openpyxl(path, data_only=False))
        sheet_formulas = formulas[0][sheet]
        return {(row, column) for row, column in cells if sheet_formulas.cell(row, column).data_type == "f"}

    return Book("xlsx", tuple(sheets), skipped, uncalculated)


def _openpyxl(path: Path, *, data_only: bool) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (data validation...)
            return openpyxl.load_workbook(path, data_only=data_only)
    except OSError as exc:
        if exc.errno is None:  # openpyxl's own: a zip archive without a workbook in it
            raise _damaged(path, "xlsx") from exc
        raise FatalError(f"{path}: 无法读取文件：{io_problem(exc)}。") from exc
    except Exception as exc:
        raise _damaged(path, "xlsx") from exc


def _grid(sheet: Worksheet) -> Grid:
    hidden_columns: set[int] = set()
    for letter, dimension in sheet.column_dimensions.items():
        if dimension.hidden:
            first = dimension.min or column_index_from_string(letter)
            hidden_columns.update(range(first, (dimension.max or first) + 1))
    return Grid(
        sheet.title,
        [tuple(values) for values in sheet.iter_rows(values_only=True)],
        tuple((r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges),
        frozenset(number for number, dimension in sheet.row_dimensions.items() if dimension.hidden),
        frozenset(hidden_columns),
    )


# Indentation between XML elements, as gnumeric writes an .ods: always a line break, which ODF
# never has inside a paragraph's text (a break there is <text:line-break/>).
_INDENTATION = re.compile(rb">[ \t]*\n[ \t\n]*<")


def unindented_ods(content: bytes) -> bytes:
    """The .ods with its content.xml unindented: calamine (0.x) refuses the text nodes of an
    indented table (“Expecting 'table-cell'”), so a gnumeric .ods would read as damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as source:
            xml = source.read("content.xml")
            if not _INDENTATION.search(xml):
                return content
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    data = source.read(info)
                    target.writestr(info, _INDENTATION.sub(b"><", data) if info.filename == "content.xml" else data)
    except (zipfile.BadZipFile, KeyError):
        return content  # calamine then says what is wrong
    return out.getvalue()


def _calamine(path: Path, content: bytes, kind: str) -> Book:
    if kind == "ods":
        content = unindented_ods(content)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        layouts = layout.ods_layouts(content) if kind == "ods" else layout.xls_layouts(content)
        sheets, skipped = [], {}
        for meta in workbook.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                skipped[meta.name] = "图表工作表"
            elif meta.visible != python_calamine.SheetVisibleEnum.Visible:
                skipped[meta.name] = "工作表已隐藏，未读取；如需导入，请取消隐藏后重新导入"
            else:
                sheet = workbook.get_sheet_by_name(meta.name)
                values = sheet.to_python(skip_empty_area=False)
                rows = [[None if value == "" else value for value in row] for row in values]
                merged = tuple((a + 1, b + 1, c + 1, d + 1) for (a, b), (c, d) in sheet.merged_cell_ranges or ())
                known = layouts.get(meta.name)
                if known is None:
                    sheets.append(Grid(meta.name, rows, merged))
                else:
                    sheets.append(Grid(meta.name, rows, known.merged, known.hidden_rows, known.hidden_columns))
    except python_calamine.PasswordError as exc:
        raise FatalError(_not_a_sheet(path, "encrypted")) from exc
    except Exception as exc:  # calamine's errors: a damaged or unsupported file
        if path.suffix.lower() == ".et":
            raise FatalError(WPS.format(path=path)) from exc
        raise _damaged(path, kind) from exc
    return Book(kind, tuple(sheets), skipped)


def _csv(path: Path, content: bytes) -> Book:
    text = decode(content)
    if text is None:  # pragma: no cover - sniff only calls text what decodes
        raise _damaged(path, "csv")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [[value if value != "" else None for value in values] for values in reader]
    return Book("csv", (Grid(path.stem, rows),))
