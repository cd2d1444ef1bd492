"""Tables as Excel sheets: a merged title row, lines under it, a bold header, the data.

A value is text or a number. Text is written as a text cell, so codes, phones and
months keep their leading zeros and “=…” never becomes a formula; a number is written
as a numeric cell (Excel can add the column up), shown with thousands separators and
the decimals it has (1,280 and 88.5, as typed). The bytes still carry openpyxl's zip
timestamps: export.py normalises them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from typing import TypeGuard
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from accel666.display import display_width
from accel666.documents.forms.model import printable

FONT = "宋体"
# One line of the 11-point 宋体 with its spacing, as LibreOffice sets it where 宋体 is Noto Serif
# CJK SC (1.44 em) plus the cell's margins: Excel's own 15 points cut the last line of a long
# 公开简介 in LibreOffice (tests/documents/list_sheet_test.py prints the sheet to check).
LINE_POINTS = 17.0
MIN_WIDTH, MAX_WIDTH = 6, 30  # column widths in Excel's units (about one Latin character); longer text wraps
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet's name
CellValue = str | int | float


@dataclass(frozen=True)
class Sheet:
    """One sheet: `title` merged across the first row, `lines` merged under it, the header, the rows."""

    name: str
    title: str
    lines: tuple[str, ...]
    columns: Sequence[tuple[str, str]]  # (key, Chinese header)
    rows: Sequence[Mapping[str, CellValue]]


def sheet_name(text: str) -> str:
    """`text` as a sheet's name: without the characters Excel refuses, at most 31 characters."""
    return _SHEET_NAME.sub("", text)[:31] or "Sheet1"


def xlsx_bytes(
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Mapping[str, CellValue]],
    title: str,
    lines: Sequence[str],
    created: datetime,
    author: str,
) -> bytes:
    """A workbook of one sheet named after its title."""
    return workbook_bytes([Sheet(sheet_name(title), title, tuple(lines), columns, rows)], created, author)


def workbook_bytes(sheets: Sequence[Sheet], created: datetime, author: str) -> bytes:
    workbook = Workbook()
    for number, spec in enumerate(sheets):
        _fill(workbook.active if number == 0 else workbook.create_sheet(), spec)
    workbook.properties = DocumentProperties(
        creator=author, lastModifiedBy=author, title=sheets[0].title, created=created, modified=created
    )
    out = BytesIO()
    # ExcelWriter, not save_workbook(): that one stamps `modified` with the current time.
    with ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
    return out.getvalue()


def _fill(sheet: Worksheet, spec: Sheet) -> None:
    sheet.title = spec.name
    count = len(spec.columns)
    sheet.cell(1, 1, printable(spec.title)).font = Font(name=FONT, size=14, bold=True)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=count)
    for offset, line in enumerate(spec.lines, start=2):
        sheet.cell(offset, 1, printable(line)).font = Font(name=FONT)
        sheet.merge_cells(start_row=offset, start_column=1, end_row=offset, end_column=count)
    header = len(spec.lines) + 2
    for number, (_, label) in enumerate(spec.columns, start=1):
        cell = sheet.cell(header, number, label)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for row_number, row in enumerate(spec.rows, start=header + 1):
        for number, (key, _) in enumerate(spec.columns, start=1):
            cell = sheet.cell(row_number, number)
            _put(cell, row.get(key, ""))
            cell.font = Font(name=FONT)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = _BORDER
    widths = [_width(label, [_shown(row.get(key, "")) for row in spec.rows]) for key, label in spec.columns]
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    # Row heights for the wrapped lines: files written by a library carry none, and LibreOffice
    # then shows (and prints) one line of each cell.
    sheet.row_dimensions[header].height = _height([label for _, label in spec.columns], widths)
    for row_number, row in enumerate(spec.rows, start=header + 1):
        sheet.row_dimensions[row_number].height = _height([_shown(row.get(key, "")) for key, _ in spec.columns], widths)
    sheet.freeze_panes = sheet.cell(header + 1, 1)  # the header stays in view while scrolling
    # A filter button on every heading (Excel, LibreOffice and WPS show it), over the whole table.
    last = sheet.cell(header + max(len(spec.rows), 1), count).coordinate
    sheet.auto_filter.ref = f"{sheet.cell(header, 1).coordinate}:{last}"
    _print_setup(sheet, header)


def _print_setup(sheet: Worksheet, header: int) -> None:
    """Printed as the notice's tables are: landscape A4, all columns on the page width, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header}:{header}"


def _put(cell: Cell, value: CellValue) -> None:
    if _is_number(value):
        cell.value = _whole(value)
        cell.number_format = number_format(value)
        return
    cell.value = printable(str(value))
    cell.data_type = "s"  # text stays text: openpyxl would make “=…” a formula


def number_format(value: int | float) -> str:
    """Thousands separated, with as many decimals as `value` has: 1,280 or 1,250.5, never rounded."""
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _is_number(value: CellValue) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _whole(value: int | float) -> int | float:
    # 1280.0 (YAML's “1280.0”) is written as 1280: the same number, and what the importer gives back.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _shown(value: CellValue) -> str:
    """A value as the sheet shows it (numbers with their format), for the column's width."""
    if not _is_number(value):
        return str(value)
    decimals = number_format(value).partition(".")[2]
    return f"{value:,.{len(decimals)}f}"


def _width(label: str, values: Sequence[str]) -> float:
    """Wide enough for the longest line, a wrapped header counting for at most 20 units."""
    longest = max((display_width(line) for value in values for line in value.splitlines()), default=0)
    return float(max(MIN_WIDTH, min(MAX_WIDTH, max(min(display_width(label), 20), longest) + 2)))


def _height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """Points for the most lines any cell of a row wraps into at its column's width."""
    lines = max(
        (
            sum(max(1, math.ceil(display_width(line) / max(width - 1, 1))) for line in text.splitlines() or [""])
            for text, width in zip(texts, widths, strict=True)
        ),
        default=1,
    )
    return LINE_POINTS * lines
