"""What an .ods or .xls sheet says besides its values: merged ranges, hidden rows and columns.

python-calamine reads the values of these sheets but not their layout, and the import
needs both: a 地区 cell merged over a city's rows gives each row its region, and hidden
rows and columns are reported.

- .ods keeps them in content.xml, plainly: a cell's `number-rows-spanned` and
  `number-columns-spanned`, a row's or column's `visibility="collapse"` (hidden) or
  `"filter"` (filtered out), each with its `number-…-repeated` count. Python's expat
  refuses entity expansion attacks, and the counts are clipped, so a hostile file
  cannot make this walk long.
- .xls: xlrd, the maintained reader of the BIFF format, with its formatting records.

A layout that cannot be read (a WPS .et xlrd does not know) is none: the values still
import, only without the notices of hidden rows and columns.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import xlrd

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_LIMIT = 100_000  # rows or columns looked at: far beyond any 附件3 sheet


@dataclass(frozen=True)
class Layout:
    merged: tuple[tuple[int, int, int, int], ...]
    hidden_rows: frozenset[int]
    hidden_columns: frozenset[int]


def _attr(element: ET.Element, name: str, default: str = "") -> str:
    return element.get(f"{{{_TABLE}}}{name}", default)


def _count(element: ET.Element, name: str) -> int:
    try:
        return max(1, int(_attr(element, name, "1")))
    except ValueError:
        return 1


def ods_layouts(content: bytes) -> dict[str, Layout]:
    """Each sheet's layout, by sheet name; an unreadable content.xml gives none (the values still import)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            root = ET.fromstring(archive.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError):
        return {}
    return {_attr(table, "name"): _layout(table) for table in root.iter(f"{{{_TABLE}}}table")}


def _layout(table: ET.Element) -> Layout:
    hidden_columns: set[int] = set()
    column = 1
    for element in table.iter(f"{{{_TABLE}}}table-column"):
        repeat = _count(element, "number-columns-repeated")
        if _attr(element, "visibility") in ("collapse", "filter"):
            hidden_columns.update(range(column, min(column + repeat, _LIMIT)))
        column += repeat
    merged: list[tuple[int, int, int, int]] = []
    hidden_rows: set[int] = set()
    number = 1
    for row in table.iter(f"{{{_TABLE}}}table-row"):
        repeat = _count(row, "number-rows-repeated")
        if _attr(row, "visibility") in ("collapse", "filter"):
            hidden_rows.update(range(number, min(number + repeat, _LIMIT)))
        merged.extend(_spans(row, number))
        number += repeat
        if number > _LIMIT:
            break
    return Layout(tuple(merged), frozenset(hidden_rows), frozenset(hidden_columns))


def _spans(row: ET.Element, number: int) -> list[tuple[int, int, int, int]]:
    """The merged ranges starting in this row: (min_row, min_col, max_row, max_col), from 1."""
    spans = []
    column = 1
    for cell in row:
        if cell.tag not in (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"):
            continue
        rows, columns = _count(cell, "number-rows-spanned"), _count(cell, "number-columns-spanned")
        if cell.tag.endswith("}table-cell") and (rows > 1 or columns > 1):
            spans.append((number, column, number + rows - 1, column + columns - 1))
        column += _count(cell, "number-columns-repeated")
        if column > _LIMIT:
            break
    return spans


def xls_layouts(content: bytes) -> dict[str, Layout]:
    """Each sheet's layout by name, from the .xls's formatting records; none when xlrd cannot read them."""
    try:
        book = xlrd.open_workbook(file_contents=content, formatting_info=True, on_demand=True, logfile=io.StringIO())
        found = {}
        for name in book.sheet_names():
            sheet = book.sheet_by_name(name)
            merged = tuple((top + 1, left + 1, bottom, right) for top, bottom, left, right in sheet.merged_cells)
            rows = frozenset(number + 1 for number, info in sheet.rowinfo_map.items() if info.hidden)
            columns = frozenset(number + 1 for number, info in sheet.colinfo_map.items() if info.hidden)
            found[name] = Layout(merged, rows, columns)
    except Exception:
        return {}
    return found
