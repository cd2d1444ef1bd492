"""A bureau's overview: its region's applications of every category on one Excel sheet.

One row per application: category, table or project type, project name, unit, code,
contact and the file it lives in, so a bureau can check its recommendations at a
glance. The sheet follows 附件3 in the workbook `accel666 export-xlsx --region` writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from accel666.export_xlsx import Sheet, sheet_name
from accel666.layout_model import lookup, plain
from accel666.schema import CATEGORY_TITLES

# (key, header, pointers: the first one an application has gives the value)
COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("index", "序号", ()),
    ("category", "申报类别", ()),
    ("kind", "表格或项目类型", ("/variant", "/project_type")),
    ("project", "项目名称", ("/project_name",)),
    ("unit", "申报单位（企业）", ("/applicant/name", "/enterprise/name")),
    ("uscc", "统一社会信用代码", ("/applicant/uscc", "/enterprise/uscc")),
    ("contact", "联系人", ("/contact/name",)),
    ("phone", "联系电话", ("/contact/mobile", "/contact/phone")),
    ("file", "申报文件", ()),
)


def region_sheet(region: str, batch: str, applications: Sequence[tuple[str, Mapping[str, Any]]]) -> Sheet:
    """`applications` are (repository path, data) pairs, in the order to list them."""
    rows = [_row(number, relpath, data) for number, (relpath, data) in enumerate(applications, start=1)]
    counts = Counter(str(data.get("category", "")) for _, data in applications)
    tally = "，".join(f"{title} {counts[category]} 项" for category, title in CATEGORY_TITLES.items())
    title = f"{region}{batch}批次申报汇总"
    lines = (f"共 {len(applications)} 项：{tally}。",)
    return Sheet(sheet_name(f"{region}汇总"), title, lines, [(key, header) for key, header, _ in COLUMNS], rows)


def _first(data: Mapping[str, Any], pointers: tuple[str, ...]) -> str:
    return next((text for pointer in pointers if (text := plain(lookup(data, pointer)))), "")


def _row(number: int, relpath: str, data: Mapping[str, Any]) -> dict[str, str]:
    row = {key: _first(data, pointers) for key, _, pointers in COLUMNS}
    category = str(data.get("category", ""))
    return {**row, "index": str(number), "category": CATEGORY_TITLES.get(category, category), "file": relpath}
