"""The layouts: each annex of the notice as data, worded by the schemas, able to print blank or filled."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from accel666 import schema
from accel666.documents.forms.annex3 import annex3_columns
from accel666.documents.forms.layouts import REPOSITORY_ONLY, UNLABELLED, layout_for, variant_text
from accel666.documents.forms.model import Block, Cell, Layout, Para, Row, Table, Value, content, expand, lookup
from accel666.errors import UsageError
from accel666.load import load_document
from builders import ROOT, SAMPLES

# (category, variant) of every layout layout_for can give.
KINDS = [
    ("cloud-center", None),
    ("cloud-center", "云服务中心"),
    ("cloud-center", "云基地"),
    ("backbone", None),
    ("demo-enterprise", None),
]


def sample(name: str) -> Any:
    path = ROOT / SAMPLES[name]
    return load_document(path.read_bytes(), str(path)).data


def schema_fields(category: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, merged schema) of every property, list items written as '#'."""

    def walk(node: dict[str, Any], pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
        node = schema.resolve(node)
        for key, sub in node.get("properties", {}).items():
            yield f"{pointer}/{key}", schema.resolve(sub)
            yield from walk(sub, f"{pointer}/{key}")
        if "items" in node:
            yield from walk(node["items"], f"{pointer}/#")

    yield from walk(schema.normalised(category), "")


def tables(layout: Layout, data: Any = None) -> list[Table]:
    return [block for block in expand(layout.body, data) if isinstance(block, Table)]


def rows(table: Table, data: Any = None) -> list[Row]:
    return expand(table.rows, data)


def values(layout: Layout) -> list[Value]:
    """Every value the blank layout places (covers, paragraphs, cells)."""
    found = [value for line in (layout.cover.lines if layout.cover else ()) for value in line.values]
    blocks: list[Block] = expand(layout.body, None)
    for block in blocks:
        parts: list[Para | Cell] = [block] if isinstance(block, Para) else [c for r in rows(block) for c in r.cells]
        found += [value for part in parts for value in part.values]
    return found


def texts(layout: Layout, data: Any = None) -> list[str]:
    found = [content(line, data) for line in (layout.cover.lines if layout.cover else ())]
    filled: list[Block] = expand(layout.body, data)
    for block in filled:
        parts = [block] if isinstance(block, Para) else [c for r in rows(block, data) for c in r.cells]
        found += [content(part, data) for part in parts]
    return found


@pytest.mark.parametrize(("category", "variant"), KINDS)
def test_every_row_fills_its_table_exactly(category: str, variant: str | None) -> None:
    for table in tables(layout_for(category, variant)):
        for row in rows(table):
            assert sum(cell.span for cell in row.cells) == len(table.widths), row


@pytest.mark.parametrize("category", schema.FORMS)
def test_every_field_of_an_application_has_a_place_on_the_form_unless_repository_only(category: str) -> None:
    placed = {
        "/".join("#" if part.isdigit() else part for part in v.pointer.split("/")) for v in values(layout_for(category))
    }
    leaves = {pointer for pointer, sub in schema_fields(category) if "properties" not in sub and "items" not in sub}
    missing = {
        p for p in leaves - placed if not any(p == r or p.startswith(r + "/") for r in REPOSITORY_ONLY[category])
    }
    assert not missing


@pytest.mark.parametrize("category", schema.FORMS)
def test_repository_only_and_unlabelled_name_real_fields(category: str) -> None:
    known = {pointer for pointer, _ in schema_fields(category)}
    assert REPOSITORY_ONLY[category] <= known
    assert {entry.rstrip("/") for entry in UNLABELLED[category]} <= known


def test_the_cover_of_annex1_asks_what_the_notice_asks_in_its_order() -> None:
    layout = layout_for("cloud-center")
    assert layout.cover is not None
    labels = [line.label for line in layout.cover.lines]
    assert labels == [
        "项目名称",
        "申报单位",
        "联合申报单位",
        "推荐单位",
        "地址及邮编",
        "项目负责人",
        "法定代表人",
        "联系人及手机",
        "填报日期",
    ]
    assert layout.cover.issuer == "江苏省工信厅编制"
    notes = {line.label: (line.before, line.after) for line in layout.cover.lines}
    assert notes["联合申报单位"] == ("（县区工信局或省级以上产业园区）", "")
    assert notes["推荐单位"] == ("", "（设区市工信局）")


def test_the_cover_of_annex2_asks_what_the_notice_asks_in_its_order() -> None:
    cover = layout_for("backbone").cover
    assert cover is not None
    labels = [line.label for line in cover.lines]
    assert labels == [
        "项目名称",
        "申报单位",
        "推荐单位",
        "地址及邮编",
        "项目负责人",
        "法定代表人",
        "单位传真",
        "联系人及手机",
    ]


def test_annex1_without_a_variant_has_both_tables_and_with_one_only_that_table() -> None:
    def captions(layout: Layout) -> list[str]:
        return [content(b, None) for b in layout.body if isinstance(b, Para) and b.style == "caption"]

    assert captions(layout_for("cloud-center")) == ["申报表类型：云服务中心", "申报表类型：云基地"]
    assert len(tables(layout_for("cloud-center"))) == 2
    assert captions(layout_for("cloud-center", "云基地")) == ["申报表类型：云基地"]


def test_the_service_centre_table_is_laid_out_as_in_the_notice() -> None:
    (table,) = tables(layout_for("cloud-center", "云服务中心"))
    first_cells = [[content(cell, None) for cell in row.cells] for row in rows(table)]
    assert first_cells[0] == ["申报项目名称", "XXX工业互联网云服务中心"]
    assert first_cells[1] == ["申报单位名称", "", "负责人/法人代表人", ""]
    assert first_cells[2] == ["联系人", "", "电话", ""]  # the notice's table: 电 话 (its cover: 联系人及手机)
    assert first_cells[3] == ["项目投资规模（亿元）", "", "投入运营时间", ""]
    assert [row[0] for row in first_cells[4:]] == ["申报单位概况", "申报项目基本情况", "项目绩效"]
    assert not any("项目所在地址" in text for row in first_cells for text in row)


def test_the_mobile_and_the_phone_of_the_contact_are_printed_one_a_line() -> None:
    """Side by side in the narrow 电话 cell, a landline number would break in two."""
    data = sample("service-center")
    (table,) = tables(layout_for("cloud-center", "云服务中心"))
    cell = rows(table)[2].cells[3]
    assert content(cell, data) == "13800000002\n0512-66000001"


def test_the_cloud_base_table_has_the_location_and_one_row_per_project_fact() -> None:
    (table,) = tables(layout_for("cloud-center", "云基地"))
    labels = [content(row.cells[0], None) for row in rows(table)]
    assert labels[:4] == ["申报项目名称", "项目所在地址", "计划投资规模（亿元）", "投入运营时间"]
    assert content(rows(table)[0].cells[1], None) == "XXX工业互联网云基地"


def test_each_table_of_annex1_gives_the_guidance_for_its_own_variant() -> None:
    service, base = tables(layout_for("cloud-center"))
    service_text = "".join(content(c, None) for r in rows(service) for c in r.cells)
    base_text = "".join(content(c, None) for r in rows(base) for c in r.cells)
    assert "主要填写：IDC 建设规模" in service_text
    assert "云基地的基本介绍" not in service_text
    assert "人才团队" not in service_text
    assert "主要填写：云基地的基本介绍" in base_text
    assert "人才团队" in base_text
    assert "IDC" not in base_text


def test_variant_text_takes_the_variants_part_or_drops_sentences_about_the_other() -> None:
    variants = ("甲", "乙")
    assert variant_text("甲：一。乙：二。", "甲", variants) == "一。"
    assert variant_text("甲：一。乙：二。", "乙", variants) == "二。"
    assert variant_text("共同。乙还须写明三。", "甲", variants) == "共同。"
    assert variant_text("共同。乙还须写明三。", "乙", variants) == "共同。乙还须写明三。"


def test_annex2_indicators_have_one_column_per_year_of_the_batch() -> None:
    layout = layout_for("backbone", years=(2018, 2019, 2020))
    indicator = next(t for t in tables(layout) if rows(t)[0].cells[0].label == "近三年主要经济指标")
    header = [content(cell, None) for cell in rows(indicator)[0].cells]
    assert header == ["近三年主要经济指标", "2018年", "2019年", "2020年"]
    labels = [content(row.cells[0], None) for row in rows(indicator)[1:]]
    assert labels == [
        "总资产（万元）",
        "负债率（%）",
        "主营业务收入（万元）",
        "税金（万元）",
        "利润（万元）",
        "信用等级",
    ]


def test_annex2_offers_the_three_kinds_of_ownership_as_check_boxes_and_ticks_the_chosen_one() -> None:
    layout = layout_for("backbone")
    assert "☐国有　☐民营　☐三资" in texts(layout)
    assert "☐国有　☑民营　☐三资" in texts(layout, sample("backbone"))


def test_annex2_prints_the_applicants_cases_and_two_blank_ones_on_a_blank_form() -> None:
    layout = layout_for("backbone")
    captions = [content(b, None) for b in expand(layout.body, None) if isinstance(b, Para) and b.style == "caption"]
    assert captions == ["典型案例 1", "典型案例 2"]
    data = sample("backbone")
    data["cases"].append(dict(data["cases"][0], title="第三个案例"))
    filled = [content(b, data) for b in expand(layout.body, data) if isinstance(b, Para) and b.style == "caption"]
    assert filled == ["典型案例 1", "典型案例 2", "典型案例 3"]
    assert "第三个案例" in texts(layout, data)


def test_annex3_has_the_notices_columns_in_the_notices_order() -> None:
    labels = [column.label for column in annex3_columns()]
    notice = [
        "序号",
        "地区",
        "企业名称",
        "项目类型",
        "项目情况简介",
        "项目实施期限",
        "项目合同金额",
        "实施企业联系人及电话",
    ]
    assert [label[: len(start)] for label, start in zip(labels, notice, strict=True)] == notice
    assert labels[3] == "项目类型（工业互联网标杆工厂，或五星级、四星级、三星级上云企业）"


def test_annex3_blank_has_rows_one_to_three_and_filled_the_applications_row() -> None:
    layout = layout_for("demo-enterprise")
    assert layout.landscape
    assert content(layout.body[0], None) == "填报单位：腾讯公司"  # type: ignore[arg-type]
    (table,) = tables(layout)
    assert [content(row.cells[0], None) for row in rows(table)[1:]] == ["1", "2", "3"]
    data = sample("demo")
    (row,) = rows(table, data)[1:]
    assert [content(cell, data) for cell in row.cells][5] == "2020-07 至 2021-06"


def test_lookup_follows_json_pointers_and_gives_none_where_nothing_is() -> None:
    data = {"a": [{"b/c": 1}], "~x": 2}
    assert lookup(data, "/a/0/b~1c") == 1
    assert lookup(data, "/~0x") == 2
    assert lookup(data, "/a/1/b") is None
    assert lookup(data, "/a/x") is None
    assert lookup(None, "/a") is None


@pytest.mark.parametrize(("category", "variant"), [("other", None), ("cloud-center", "云中心")])
def test_an_unknown_category_or_variant_is_refused_in_chinese(category: str, variant: str | None) -> None:
    with pytest.raises(UsageError, match=r"[\u4e00-\u9fff]"):
        layout_for(category, variant)
