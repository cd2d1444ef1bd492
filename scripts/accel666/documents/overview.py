"""A bureau's overview: its region's applications of every category on one Excel sheet.

One row per application: category, table or project type, project name, unit, code,
its current status in the review (已提交, 已推荐, …, as accel666.workflow derives it
from the records), the amount its form asks for, contact and the file it lives in, so
a bureau can check its recommendations at a glance. The amounts keep the forms' own
units, one column each so that a column adds up: 附件1's investment (亿元) and 附件3's
contract amount (万元); 附件2 has no single amount and leaves both empty. The sheet
follows 附件3 in the workbook `accel666 export-xlsx --region` writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from accel666.documents.excel import CellValue, Sheet, sheet_name
from accel666.documents.forms.model import plain
from accel666.load import lookup
from accel666.vocabulary import CATEGORY_TITLES

# (key, header, pointers: the first one an application has gives the value)
COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("index", "序号", ()),
    ("category", "申报类别", ()),
    ("kind", "表格或项目类型", ("/variant", "/project_type")),
    ("project", "项目名称", ("/project_name",)),
    ("unit", "申报单位（企业）", ("/applicant/name", "/enterprise/name")),
    ("uscc", "统一社会信用代码", ("/applicant/uscc", "/enterprise/uscc")),
    ("status", "当前状态", ()),
    ("investment", "投资规模（亿元）", ("/investment",)),
    ("contract_amount", "项目合同金额（万元）", ("/contract_amount",)),
    ("contact", "联系人", ("/contact/name",)),
    ("phone", "联系电话", ("/contact/mobile", "/contact/phone")),
    ("file", "申报文件", ()),
)


def region_sheet(
    region: str, batch: str, applications: Sequence[tuple[str, Mapping[str, Any]]], statuses: Mapping[str, str]
) -> Sheet:
    """`applications` are (repository path, data) pairs, in the order to list them; `statuses` by path."""
    rows = [
        _row(number, relpath, data, statuses.get(relpath, ""))
        for number, (relpath, data) in enumerate(applications, start=1)
    ]
    counts = Counter(str(data.get("category", "")) for _, data in applications)
    tally = "，".join(f"{title} {counts[category]} 项" for category, title in CATEGORY_TITLES.items())
    title = f"{region}{batch}批次申报汇总"
    lines = (f"共 {len(applications)} 项：{tally}。",)
    return Sheet(sheet_name(f"{region}汇总"), title, lines, [(key, header) for key, header, _ in COLUMNS], rows)


def _first(data: Mapping[str, Any], pointers: tuple[str, ...]) -> CellValue:
    """The first value found: a number as it is (a numeric cell), anything else as printed."""
    for pointer in pointers:
        value = lookup(data, pointer)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if text := plain(value):
            return text
    return ""


def _row(number: int, relpath: str, data: Mapping[str, Any], status: str) -> dict[str, CellValue]:
    row = {key: _first(data, pointers) for key, _, pointers in COLUMNS}
    category = str(data.get("category", ""))
    fixed = {"index": str(number), "category": CATEGORY_TITLES.get(category, category), "status": status}
    return {**row, **fixed, "file": relpath}
