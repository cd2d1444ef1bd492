"""The notice's three annex forms as layouts: one definition per annex, worded by the schemas.

Every label is a schema `title` (sometimes composed the way the notice composes it:
“申报” + “项目名称”, “地址及邮编”), every piece of guidance a schema `description`;
only the notice's own furniture (“附件”, “江苏省工信厅编制”, “一、”, “主要填写：”, “序号”)
is written here. A layout prints a blank form or, given an application, the filled one
(see layout_model.py and export.py).

Fields on paper: all of the application's, except REPOSITORY_ONLY (kept for the
repository's own bookkeeping; the notice's form has no place for them). UNLABELLED lists
the fields printed without their own title: the parts of a person or contact written
together on the parent's line (“项目负责人：张三　总经理　138…”), the indicator year
written as a column heading, and 附件1's 申报材料, whose three narratives are rows of
the table without a group heading. An entry ending in "/" covers everything below it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from accel666.errors import UsageError
from accel666.layout_annex2 import annex2
from accel666.layout_model import (
    Block,
    Cell,
    Layout,
    Para,
    Repeat,
    Row,
    Table,
    Value,
    Words,
    cover,
    filled,
    head,
    values_text,
)
from accel666.schema import FORMS

DEFAULT_YEARS = (2017, 2018, 2019)  # the first batch's indicator years
ISSUER = "江苏省工信厅编制"  # the foot of the notice's covers
TO_FILL = "主要填写："  # how the notice opens the guidance in 附件1's table
NUMBER = "序号"
BLANK_ROWS = 3  # the notice's blank summary table has rows 1 to 3
REPOSITORY_ONLY: dict[str, frozenset[str]] = {
    "cloud-center": frozenset({"/category", "/batch", "/region", "/public_summary", "/applicant/uscc"}),
    "backbone": frozenset({"/category", "/batch", "/region", "/public_summary"}),
    "demo-enterprise": frozenset({"/category", "/batch", "/public_summary", "/enterprise/uscc"}),
}
UNLABELLED: dict[str, tuple[str, ...]] = {
    "cloud-center": ("/project_leader/", "/legal_representative/", "/contact/", "/joint_applicant/", "/narratives"),
    "backbone": ("/project_leader/", "/legal_representative/", "/contact/", "/indicators/#/year"),
    "demo-enterprise": ("/enterprise/", "/period/", "/contact/"),
}
_COVER_1 = (
    "project_name",
    "applicant",
    "joint_applicant",
    "recommender",
    "address",
    "project_leader",
    "legal_representative",
    "contact",
    "filled_date",
)


def layout_for(category: str, variant: str | None = None, years: Sequence[int] = DEFAULT_YEARS) -> Layout:
    """The form of `category`; for cloud-center both tables unless `variant` picks one, as in the notice."""
    if category not in FORMS:
        raise UsageError(f"没有申报类别 {category}：可选 {'、'.join(FORMS)}。")
    if category == "cloud-center":
        return _annex1(variant)
    if category == "backbone":
        return annex2(tuple(years), ISSUER)
    return _annex3()


# -- 附件1 --------------------------------------------------------------------------------


def _annex1(variant: str | None) -> Layout:
    words = Words("cloud-center")
    variants = words.options("/variant")
    if variant is not None and variant not in variants:
        raise UsageError(f"申报表类型只能是 {'、'.join(variants)}，不是 {variant}。")
    body = tuple(
        block
        for name in ((variant,) if variant is not None else variants)
        for block in _cloud_table(words, name, variants)
    )
    return Layout(words.category, int(words.prop("")["x-annex"]), words.title(""), cover(words, _COVER_1, ISSUER), body)


def _cloud_table(words: Words, variant: str, variants: tuple[str, ...]) -> tuple[Block, ...]:
    caption = Para(words.title("/variant"), values=(Value("/variant"),), hint=variant, style="caption")
    located = "location" in words.keys("") and "location" not in _forbidden(words, variant)
    facts = [(_investment(words, variant), "/investment"), (words.title("/operation_start"), "/operation_start")]
    example = re.search(f"{re.escape(variant)}写作“([^”]+)”", words.description("/project_name"))
    rows = [
        Row(
            (
                head(f"申报{words.title('/project_name')}"),
                filled("/project_name", hint=example.group(1) if example else "", span=3),
            )
        )
    ]
    if located:  # the 云基地 table: one full-width row for each fact about the project
        facts.insert(0, (words.title("/location"), "/location"))
        rows += [Row((head(label), filled(pointer, span=3))) for label, pointer in facts]
    rows += _people(words)
    if not located:  # the 云服务中心 table puts investment and start date side by side
        (investment, first), (start, second) = facts
        rows.append(Row((head(investment), filled(first), head(start), filled(second))))
    for key in words.keys("/narratives"):
        pointer = f"/narratives/{key}"
        guidance = TO_FILL + variant_text(words.description(pointer), variant, variants)
        rows.append(Row((head(words.title(pointer)), filled(pointer, hint=guidance, span=3))))
    return caption, Table((3, 4, 3, 4), tuple(rows))


def _people(words: Words) -> list[Row]:
    """申报单位名称 | … | 负责人/法人代表人 | …, then 联系人 | … | 手机 | …"""
    leader = re.search(r"表格中的“([^”]+)”", words.description("/legal_representative"))
    contact, _, mobile = words.title("/contact").partition("及")
    return [
        Row(
            (
                head(f"申报{words.title('/applicant/name')}"),
                filled("/applicant/name"),
                head(leader.group(1) if leader else words.title("/legal_representative")),
                filled("/legal_representative/name"),
            )
        ),
        Row(
            (
                head(contact),
                filled("/contact/name"),
                head(mobile or contact),
                filled("/contact/mobile", "/contact/phone"),
            )
        ),
    ]


def _forbidden(words: Words, variant: str) -> set[str]:
    """Properties the schema's `if variant == X then` branch forbids (`not: {}`) for this variant."""
    for branch in words.prop("").get("allOf", ()):
        if branch.get("if", {}).get("properties", {}).get("variant", {}).get("const") == variant:
            return {key for key, rule in branch.get("then", {}).get("properties", {}).items() if rule.get("not") == {}}
    return set()


def _investment(words: Words, variant: str) -> str:
    """“项目投资规模（亿元）” or “计划投资规模（亿元）”: the description says what each table calls it."""
    title = words.title("/investment")
    named = re.search(f"{re.escape(variant)}填写(\\w+?规模)", words.description("/investment"))
    unit = re.search(r"（[^（）]*）$", title)
    return named.group(1) + (unit.group() if unit else "") if named else title


def variant_text(text: str, variant: str, variants: Sequence[str]) -> str:
    """The part of a description for one variant.

    “云服务中心：… 云基地：…” gives the variant's part; otherwise sentences about another
    variant (“云基地还须写明人才团队。”) are left out.
    """
    marks = {name: text.find(f"{name}：") for name in variants}
    if marks.get(variant, -1) >= 0:
        start = marks[variant] + len(variant) + 1
        return text[start : min((at for at in marks.values() if at > start), default=len(text))]
    sentences = re.findall(r"[^。]+。?", text)
    others = tuple(name for name in variants if name != variant)
    return "".join(sentence for sentence in sentences if not sentence.startswith(others))


# -- 附件3 --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of the 附件3 summary table: its key in exports, its heading and its values."""

    key: str
    label: str
    values: tuple[Value, ...]
    sep: str = "　"


def annex3_columns() -> tuple[Column, ...]:
    words = Words("demo-enterprise")
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


def annex3_filler() -> Para:
    """“填报单位：腾讯公司”, the line above the summary table."""
    words = Words("demo-enterprise")
    return Para(words.title("/filler"), values=(Value("/filler"),), hint=str(words.prop("/filler").get("const", "")))


def annex3_title() -> str:
    # The schema describes one row (“…汇总表（一行）”); the form is the whole table.
    return re.sub(r"（[^（）]*）$", "", Words("demo-enterprise").title(""))


def annex3_row(columns: Sequence[Column], application: Any, number: int) -> dict[str, str]:
    """One application as a row of strings keyed by column key (for the table exports)."""
    row = {column.key: values_text(Cell(values=column.values, sep=column.sep), application) for column in columns}
    return {**row, "index": str(number)}


def _annex3() -> Layout:
    columns = annex3_columns()
    header = Row(tuple(head(column.label) for column in columns))
    rows = Repeat("", BLANK_ROWS, partial(_annex3_cells, columns))
    table = Table((2, 3, 6, 5, 10, 4, 4, 5), (header, rows))
    annex = int(Words("demo-enterprise").prop("")["x-annex"])
    return Layout("demo-enterprise", annex, annex3_title(), None, (annex3_filler(), table), landscape=True)


def _annex3_cells(columns: tuple[Column, ...], index: int) -> tuple[Row, ...]:
    number = Cell(str(index + 1))
    return (Row((number, *(Cell(values=column.values, sep=column.sep) for column in columns[1:]))),)
