"""The header row of a 附件3 table: which sheet columns hold which wanted column.

The columns are found by their headers, not their positions: a header cell matches a
wanted column when its text equals the column's label, or equals it without the
trailing parenthesis (“项目类型” for “项目类型（工业互联网标杆工厂，…）”, “项目合同金额（元）”
for “项目合同金额（万元）”: the unit is read by amounts.py), compared after NFKC
normalisation and with all white space removed. A header merged across sub-columns
may have the values' titles below it (开始年月 | 结束年月). A header that is there
twice (a stale column, hidden or not, beside the real one) is refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from accel666.errors import FatalError
from accel666.repair.values import FORMATTING
from accel666.sheets.formats import Grid

SCAN_ROWS = 20  # the header is looked for in the first rows only
_SPACE = re.compile(r"\s+")
_PARENTHESIS = re.compile(r"\([^()]*\)$")


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


def label_key(text: Any) -> str:
    """A header's text for comparison: NFKC, no white space, no zero-width or bidirectional formatting characters."""
    return _SPACE.sub("", FORMATTING.sub("", unicodedata.normalize("NFKC", str(text)))) if text is not None else ""


def _matches(text: Any, label: str) -> bool:
    cell, wanted = label_key(text), label_key(label)
    return bool(cell) and (cell == wanted or _PARENTHESIS.sub("", cell) == _PARENTHESIS.sub("", wanted))


def find_header(grid: Grid, wanted: Sequence[Wanted], where: str) -> Found | list[str]:
    """The header: the first row with every wanted column; else the labels missing from the best row.

    A wanted column whose header is there twice (a stale copy, often hidden, beside the real one)
    is refused: which of them holds the data cannot be known, and the first is not always it.
    """
    best: list[str] = [item.label for item in wanted]
    for header in range(1, min(grid.max_row, SCAN_ROWS) + 1):
        matching: dict[str, list[int]] = {}
        labels: dict[str, str] = {}
        for column, text in enumerate(grid.rows[header - 1], start=1):
            item = next((item for item in wanted if _matches(text, item.label)), None)
            if item is not None:
                matching.setdefault(item.key, []).append(column)
                labels.setdefault(item.key, str(text))
        missing = [item.label for item in wanted if item.key not in matching]
        if not missing:
            _refuse_repeated(grid, header, wanted, matching, where)
            spans = {item.key: _parts(grid, header, matching[item.key][0], item.parts) for item in wanted}
            return Found(grid.title, header, spans, labels)
        best = min(best, missing, key=len)
    return best


def _parts(grid: Grid, header: int, column: int, parts: tuple[str, ...]) -> tuple[int, ...]:
    """The sub-columns under a header (empty or merged cells to its right, the parts' titles below), else the column."""
    if len(parts) < 2:
        return (column,)
    span = range(column, column + len(parts))
    if any(grid.value(header, other) not in (None, "") for other in span[1:]):
        return (column,)
    below = [grid.value(header + 1, other) for other in span]
    if all(_matches(text, part) for text, part in zip(below, parts, strict=True)):
        return tuple(span)
    return (column,)


def _refuse_repeated(
    grid: Grid, header: int, wanted: Sequence[Wanted], matching: dict[str, list[int]], where: str
) -> None:
    for item in wanted:
        columns = matching[item.key]
        if len(columns) > 1:
            cells = "、".join(
                f"{get_column_letter(column)}{header}{'（隐藏的列）' if column in grid.hidden_columns else ''}"
                for column in columns
            )
            raise FatalError(
                f"{where}: 表头“{item.label}”有 {len(columns)} 列（{cells}），无法确定哪一列是要导入的："
                "请删除多余的列（隐藏的列须先取消隐藏：选中两侧的列，右键“取消隐藏”），再重新导入。"
            )


def hidden_columns(grid: Grid, found: Found) -> list[str]:
    """The header cells of the wanted columns that are hidden (their contents are imported all the same)."""
    return [
        f"{get_column_letter(column)}{found.header}"
        for columns in found.columns.values()
        for column in columns
        if column in grid.hidden_columns
    ]
