"""Exports: the notice's forms as Word, the 附件3 summary and any table as Excel, CSV or JSON.

Pure functions from data to bytes. The output is reproducible: the same input gives the
same bytes on any day. python-docx and openpyxl stamp the current time into
docProps/core.xml and into every zip entry; here the document's dates are a fixed
`timestamp` (default: $SOURCE_DATE_EPOCH, else the notice's date, 2020-05-28 00:00 UTC)
and the zip is rewritten with that time, a fixed entry order and one compression.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from accel666.clock import source_date_epoch
from accel666.documents.excel import Sheet, workbook_bytes, xlsx_bytes
from accel666.documents.forms.annex3 import BLANK_ROWS, annex3_filler, annex3_row, annex3_sheet_columns, annex3_title
from accel666.documents.forms.layouts import DEFAULT_YEARS, layout_for, registration
from accel666.documents.forms.model import content
from accel666.documents.word import AUTHOR, docx_bytes

Columns = Sequence[tuple[str, str]]  # (key, Chinese header)
Rows = Sequence[Mapping[str, str]]
ANNEX3_SHEET = "附件3"
NOTICE_DATE = datetime(2020, 5, 28, tzinfo=UTC)  # 苏工信融合〔2020〕229号
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can carry
# A cell starting like this is a formula to Excel (CSV injection); a signed number is not.
_FORMULA = re.compile(r"^[=+\-@\t\r](?!\d+(\.\d+)?$)")


def form_docx(
    category: str,
    variant: str | None = None,
    data: Mapping[str, Any] | None = None,
    years: Sequence[int] | None = None,
    *,
    regions: Mapping[str, str] | None = None,
    timestamp: datetime | None = None,
    footer: str = "",
    registered: bool = False,
) -> bytes:
    """The notice's form for `category` as a .docx: blank when `data` is None, else filled with it.

    A filled cloud-center form shows the application's own variant; a filled backbone form
    has one indicator column per indicator of the application. `years` heads a blank
    form's indicator columns (default 2017–2019); `regions` maps region codes to names.
    `footer` is printed at the foot of every page, before the page number; `registered`
    adds the fields the notice's form has no place for (layout.registration) at the end.
    """
    if data is not None:
        variant = variant or _text(data.get("variant"))
        years = years or _indicator_years(data)
        data = _with_region_name(data, regions)
    layout = layout_for(category, variant, tuple(years or DEFAULT_YEARS))
    if registered:
        layout = replace(layout, body=(*layout.body, *registration(category)))
    when = _when(timestamp)
    return reproducible(docx_bytes(layout, data, when, footer), when)


def annex3_xlsx(
    rows: Sequence[Mapping[str, Any]] | None = None,
    *,
    regions: Mapping[str, str] | None = None,
    timestamp: datetime | None = None,
    extra: Sequence[Sheet] = (),
) -> bytes:
    """附件3 as Excel: one row per demo-enterprise application, or the notice's blank rows 1 to 3.

    The sheet is named 附件3 and has the notice's columns, then the two the repository
    needs (forms.annex3.annex3_sheet_columns); `extra` sheets follow it.
    """
    columns = annex3_sheet_columns()
    if rows is None:
        table = [{"index": str(number)} for number in range(1, BLANK_ROWS + 1)]
    else:
        table = [annex3_row(columns, _with_region_name(row, regions), n) for n, row in enumerate(rows, start=1)]
    heads = [(column.key, column.label) for column in columns]
    annex = Sheet(ANNEX3_SHEET, annex3_title(), (content(annex3_filler(), None),), heads, table)
    return reproducible(workbook_bytes([annex, *extra], _naive(timestamp), AUTHOR), _when(timestamp))


def table_xlsx(columns: Columns, rows: Rows, title: str, *, timestamp: datetime | None = None) -> bytes:
    """One sheet: `title` merged across the columns, the headers, then the rows."""
    return reproducible(xlsx_bytes(columns, rows, title, [], _naive(timestamp), AUTHOR), _when(timestamp))


def table_csv(columns: Columns, rows: Rows) -> bytes:
    """CSV for Excel: UTF-8 with a byte order mark, CRLF line ends, Chinese headers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow([_defused(str(row.get(key, ""))) for key, _ in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_json(columns: Columns, rows: Rows) -> bytes:
    """A list of objects keyed by column key, in column order."""
    items = [{key: row.get(key, "") for key, _ in columns} for row in rows]
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def reproducible(package: bytes, when: datetime) -> bytes:
    """The zip `package` rewritten: every entry dated `when`, [Content_Types].xml first, then by name."""
    with ZipFile(io.BytesIO(package)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    stamp = max(when.astimezone(UTC), ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with ZipFile(out, "w") as target:
        for name in sorted(entries, key=lambda name: (name != "[Content_Types].xml", name)):
            info = ZipInfo(name, date_time=stamp)
            info.compress_type = ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform writing it
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name])
    return out.getvalue()


def default_timestamp() -> datetime:
    """$SOURCE_DATE_EPOCH (reproducible-builds.org) if set, else the date of the notice."""
    return source_date_epoch() or NOTICE_DATE


def _when(timestamp: datetime | None) -> datetime:
    """In UTC (python-docx prints the wall time with a Z); a naive time is taken as UTC."""
    when = timestamp or default_timestamp()
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def _naive(timestamp: datetime | None) -> datetime:
    return _when(timestamp).replace(tzinfo=None)  # openpyxl writes naive times, read as UTC


def _defused(value: str) -> str:
    return "'" + value if _FORMULA.match(value) else value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _indicator_years(data: Mapping[str, Any]) -> tuple[int, ...]:
    """One column per indicator the application has (a filled form heads them with its own years)."""
    indicators = data.get("indicators")
    if not isinstance(indicators, list):
        return ()
    return tuple(
        item["year"] if isinstance(item, dict) and isinstance(item.get("year"), int) else 0 for item in indicators
    )


def _with_region_name(data: Mapping[str, Any], regions: Mapping[str, str] | None) -> Mapping[str, Any]:
    code = data.get("region")
    if not regions or not isinstance(code, str) or code not in regions:
        return data
    return {**data, "region": regions[code]}
