"""The notice's three annex forms as layouts: one definition per annex, worded by the schemas.

Every label is a schema `title` (sometimes composed the way the notice composes it:
“申报” + “项目名称”, “地址及邮编”), every piece of guidance a schema `description`;
only the notice's own furniture (“附件”, “江苏省工信厅编制”, “一、”, “主要填写：”, “序号”)
is written here. A layout prints a blank form or, given an application, the filled one
(see model.py and documents/export.py).

Fields on paper: all of the application's, except REPOSITORY_ONLY (kept for the
repository's own bookkeeping; the notice's form has no place for them). A printed copy
(`accel666 render`) lists those after the form, in `registration`, so the paper shows
every value of the file. 附件3 is in annex3.py. UNLABELLED lists
the fields printed without their own title: the parts of a person or contact written
together on the parent's line (“项目负责人：张三　总经理　138…”), the indicator year
written as a column heading, and 附件1's 申报材料, whose three narratives are rows of
the table without a group heading. An entry ending in "/" covers everything below it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from accel666 import schema
from accel666.documents.forms.annex2 import annex2
from accel666.documents.forms.annex3 import annex3
from accel666.documents.forms.model import (
    PUBLIC_SUMMARY,
    Block,
    Layout,
    Para,
    Row,
    Show,
    Table,
    Value,
    Words,
    cover,
    filled,
    head,
    plain,
    runs_over,
    section,
)
from accel666.errors import UsageError
from accel666.vocabulary import CATEGORY_TITLES, FORMS

DEFAULT_YEARS = (2017, 2018, 2019)  # the first batch's indicator years
ISSUER = "江苏省工信厅编制"  # the foot of the notice's covers
TO_FILL = "主要填写："  # how the notice opens the guidance in 附件1's table
# What a printed copy adds after the notice's form: the fields the form has no place for.
REGISTERED = "附：申报仓库登记信息"
REGISTERED_NOTE = "以下各项不在通知的申报表中，是本申报在申报仓库中的登记信息，供核对纸质材料与电子数据是否一致。"
REPOSITORY_ONLY: dict[str, frozenset[str]] = {
    "cloud-center": frozenset({"/category", "/batch", "/region", "/applicant/uscc"}),
    "backbone": frozenset({"/category", "/batch", "/region"}),
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
    return annex3()


def registration(category: str) -> tuple[Block, ...]:
    """The repository-only fields, for the end of a printed copy: so paper shows every value of the file."""
    words = Words(category)
    rows = tuple(
        Row((head(words.title(pointer)), filled(pointer, show=_REGISTERED_SHOW.get(pointer, plain))))
        for pointer in _registered(category)
    )
    return Para(REGISTERED, style="subheading"), Para(REGISTERED_NOTE), Table((3, 9), rows)


def category_title(value: Any) -> str:
    """A category id as its Chinese title (backbone -> 工业互联网服务骨干企业): paper is read by people."""
    return CATEGORY_TITLES.get(plain(value), plain(value))


_REGISTERED_SHOW: dict[str, Show] = {"/category": category_title}


def _registered(category: str) -> Iterator[str]:
    """REPOSITORY_ONLY's pointers in the schema's order."""

    def walk(node: dict[str, Any], pointer: str) -> Iterator[str]:
        for key, sub in schema.resolve(node).get("properties", {}).items():
            if f"{pointer}/{key}" in REPOSITORY_ONLY[category]:
                yield f"{pointer}/{key}"
            else:
                yield from walk(sub, f"{pointer}/{key}")

    yield from walk(schema.normalised(category), "")


# -- 附件1 --------------------------------------------------------------------------------


def _annex1(variant: str | None) -> Layout:
    words = Words("cloud-center")
    variants = words.options("/variant")
    if variant is not None and variant not in variants:
        raise UsageError(f"申报表类型只能是 {'、'.join(variants)}，不是 {variant}。")
    body = (
        *(
            block
            for name in ((variant,) if variant is not None else variants)
            for block in _cloud_table(words, name, variants)
        ),
        *section(words, PUBLIC_SUMMARY),
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
        rows.append(
            Row((head(words.title(pointer)), filled(pointer, hint=guidance, span=3)), runs_over(words, pointer))
        )
    return caption, Table((3, 4, 3, 4), tuple(rows))


def _people(words: Words) -> list[Row]:
    """申报单位名称 | … | 负责人/法人代表人 | …, then 联系人 | … | 电话 | …"""
    leader = re.search(r"表格中的“([^”]+)”", words.description("/legal_representative"))
    contact, _, mobile = words.title("/contact").partition("及")
    # The cover asks 联系人及手机, the notice's table 电话: the description names the table's label.
    phone = re.search(r"表格中的“([^”]+)”", words.description("/contact"))
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
                head(phone.group(1) if phone else mobile or contact),
                # One number a line: side by side, the narrow cell would break a number in two.
                filled("/contact/mobile", "/contact/phone", sep="\n"),
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
