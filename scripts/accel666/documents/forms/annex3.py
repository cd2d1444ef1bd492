"""附件3, 上云上平台示范企业推进项目汇总表, as the notice lays it out (see layouts.py).

One row per demo enterprise under the notice's eight columns. The Excel sheet (the
site's blank template, `accel666 export-xlsx` and `accel666 import-xlsx`) adds the two
columns the repository needs and the notice's table has no place for: the enterprise's
统一社会信用代码 (the file's name) and the 公开简介 (published if selected). Every
label is a schema title, so the sheet's headers and the importer's column matching
come from this one definition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from accel666.documents.forms.model import (
    Cell,
    Layout,
    Para,
    Repeat,
    Row,
    Table,
    Value,
    Words,
    head,
    values_text,
)
from accel666.load import lookup

CATEGORY = "demo-enterprise"
NUMBER = "序号"
BLANK_ROWS = 3  # the notice's blank summary table has rows 1 to 3


@dataclass(frozen=True)
class Column:
    """A column of the 附件3 summary table: its key in exports, its heading and its values."""

    key: str
    label: str
    values: tuple[Value, ...]
    sep: str = "　"


def annex3_columns() -> tuple[Column, ...]:
    """The notice's eight columns, in the notice's order."""
    words = Words(CATEGORY)
    kinds = words.description("/project_type").rstrip("。")
    period = (Value("/period/start"), Value("/period/end"))
    return (
        Column("index", NUMBER, ()),
        Column("region", words.title("/region"), (Value("/region"),)),
        Column("enterprise", words.title("/enterprise"), (Value("/enterprise/name"),)),
        Column("project_type", f"{words.title('/project_type')}（{kinds}）", (Value("/project_type"),)),
        Column("summary", words.title("/summary"), (Value("/summary"),)),
        Column("period", words.title("/period"), period, sep=" 至 "),
        Column("contract_amount", words.title("/contract_amount"), (Value("/contract_amount"),)),
        Column("contact", words.title("/contact"), (Value("/contact/name"), Value("/contact/phone"))),
    )


def annex3_sheet_columns() -> tuple[Column, ...]:
    """The Excel sheet's columns: the notice's, then the code and the public summary the repository needs."""
    words = Words(CATEGORY)
    extra = ("/enterprise/uscc", "/public_summary")
    return (
        *annex3_columns(),
        *(Column(pointer.rsplit("/", 1)[-1], words.title(pointer), (Value(pointer),)) for pointer in extra),
    )


def annex3_filler() -> Para:
    """“填报单位：腾讯公司”, the line above the summary table."""
    words = Words(CATEGORY)
    return Para(words.title("/filler"), values=(Value("/filler"),), hint=str(words.prop("/filler").get("const", "")))


def annex3_title() -> str:
    # The schema describes one row (“…汇总表（一行）”); the form is the whole table.
    return re.sub(r"（[^（）]*）$", "", Words(CATEGORY).title(""))


def annex3_row(columns: Sequence[Column], application: Any, number: int) -> dict[str, Any]:
    """One application as a row keyed by column key (for the table exports).

    Each value is text, except in a column of one number field (项目合同金额): there
    it is the number itself, so that a sheet can hold it as a number and add it up.
    """
    row = {column.key: _row_value(column, application) for column in columns}
    return {**row, "index": str(number)}


def _row_value(column: Column, application: Any) -> Any:
    if len(column.values) == 1 and _is_number_field(column.values[0].pointer):
        value = lookup(application, column.values[0].pointer)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    return values_text(Cell(values=column.values, sep=column.sep), application)


def _is_number_field(pointer: str) -> bool:
    return Words(CATEGORY).prop(pointer).get("type") in ("number", "integer")


def annex3() -> Layout:
    columns = annex3_columns()
    header = Row(tuple(head(column.label) for column in columns))
    rows = Repeat("", BLANK_ROWS, partial(_cells, columns))
    table = Table((2, 3, 6, 5, 10, 4, 4, 5), (header, rows))
    annex = int(Words(CATEGORY).prop("")["x-annex"])
    return Layout(CATEGORY, annex, annex3_title(), None, (annex3_filler(), table), landscape=True)


def _cells(columns: tuple[Column, ...], index: int) -> tuple[Row, ...]:
    number = Cell(str(index + 1))
    return (Row((number, *(Cell(values=column.values, sep=column.sep) for column in columns[1:]))),)
