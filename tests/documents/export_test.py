"""Exports: the notice's forms as Word (blank and filled), 附件3 and tables as Excel, CSV and JSON.

Each Word form opens in python-docx and carries every field title of its schema that is
printed on paper (all but layout.REPOSITORY_ONLY and layout.UNLABELLED, see layout.py);
a filled form carries every value of the application. Outputs are byte-identical when
made again, later.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from accel666 import schema
from accel666.documents.excel import LINE_POINTS
from accel666.documents.export import annex3_xlsx, form_docx, table_csv, table_json, table_xlsx
from accel666.documents.forms.layouts import REPOSITORY_ONLY, UNLABELLED
from builders import ROOT, SAMPLES, loaded_data
from documents.forms_test import schema_fields

NOTICE_HEADINGS = {
    "cloud-center": [
        "附件1",
        "省级工业互联网云服务中心（云基地）申报表",
        "江苏省工信厅编制",
        "负责人/法人代表人",
        "主要填写：",
    ],
    "backbone": [
        "附件2",
        "工业互联网服务骨干企业项目申报表",
        "江苏省工信厅编制",
        "一、基本信息",
        "近三年主要经济指标",
        "二、申报材料（请提供详细文字材料）",
        "申报企业基本要求：近一年研发经费占营业收入的比例大于 3%，尚未上市",
        "（一）申报单位情况介绍",
        "（二）申报单位核心竞争力介绍",
        "（三）申报单位获得奖励、荣誉情况介绍",
        "（四）申报单位工业互联网解决方案业务发展计划",
        "（五）申报单位工业互联网典型案例介绍",
    ],
    "demo-enterprise": ["附件3", "上云上平台示范企业推进项目汇总表", "填报单位：腾讯公司", "序号"],
}
ANNEX3_HEADERS = [
    "序号",
    "地区",
    "企业名称",
    "项目类型",
    "项目情况简介",
    "项目实施期限",
    "项目合同金额",
    "实施企业联系人及电话",
]
DEMO_SAMPLES = sorted((ROOT / "submissions").glob("*/*/demo-enterprise/*.yaml"))
COLUMNS = [("name", "名称"), ("amount", "金额（万元）"), ("note", "说明")]
ROWS = [
    {"name": "苏州示例，有限公司", "amount": "-35.2", "note": '多行\n带"引号"'},
    {"name": "=1+1", "amount": "12", "note": ""},
]


@pytest.fixture(autouse=True)
def fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def application(name: str) -> Any:
    path = ROOT / SAMPLES[name]
    return loaded_data(path.read_bytes(), str(path))


def docx_text(data: bytes) -> str:
    """All text of a .docx: paragraphs, then every table cell once (a merged cell is listed per column),
    then the cover's own footer (the issuer, 江苏省工信厅编制)."""
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    covers = [section for section in document.sections if section.different_first_page_header_footer]
    texts += [paragraph.text for section in covers for paragraph in section.first_page_footer.paragraphs]
    for table in document.tables:
        seen: dict[int, Any] = {}  # holding the elements keeps their ids from being reused
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen[id(cell._tc)] = cell._tc
                    texts.append(cell.text)
    return "\n".join(texts)


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def on_paper(category: str, pointer: str) -> bool:
    return not any(pointer == r or pointer.startswith(r + "/") for r in REPOSITORY_ONLY[category])


def labelled(category: str, pointer: str) -> bool:
    return not any(pointer == u or (u.endswith("/") and pointer.startswith(u)) for u in UNLABELLED[category])


def scalars(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from scalars(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from scalars(value, f"{pointer}/{index}")
    elif node is not None and node != "":
        yield pointer, node


def printed(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"  # with the notice's check boxes: ☑否
    return str(value)


# -- Word: blank forms ---------------------------------------------------------------------


@pytest.mark.parametrize("category", schema.FORMS)
def test_a_blank_form_opens_and_shows_every_field_title_printed_on_paper(category: str) -> None:
    text = docx_text(form_docx(category))
    titles = {
        sub["title"]
        for pointer, sub in schema_fields(category)
        if on_paper(category, pointer) and labelled(category, pointer)
    }
    assert titles
    assert not [title for title in sorted(titles) if title not in text]


@pytest.mark.parametrize("category", schema.FORMS)
def test_a_blank_form_has_the_notices_headings(category: str) -> None:
    text = docx_text(form_docx(category))
    assert not [heading for heading in NOTICE_HEADINGS[category] if heading not in text]


def test_the_blank_annex1_holds_both_tables_like_the_notice() -> None:
    document = docx.Document(io.BytesIO(form_docx("cloud-center")))
    # Each variant's table, with its narrative rows printed as tables of their own (they run over pages).
    tables = [docx_text_of_table(table) for table in document.tables]
    start = next(number for number, text in enumerate(tables) if "XXX工业互联网云基地" in text)
    service, base = "\n".join(tables[:start]), "\n".join(tables[start:])
    assert "XXX工业互联网云服务中心" in service
    assert "项目投资规模（亿元）" in service
    assert "项目所在地址" not in service
    assert "XXX工业互联网云基地" in base
    assert "项目所在地址" in base
    assert "计划投资规模（亿元）" in base


def docx_text_of_table(table: Any) -> str:
    return "\n".join(cell.text for row in table.rows for cell in row.cells)


def test_the_cover_shows_blanks_and_notes_then_breaks_the_page() -> None:
    document = docx.Document(io.BytesIO(form_docx("cloud-center")))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "联合申报单位：（县区工信局或省级以上产业园区）____" in "\n".join(paragraphs)
    assert re.search(r"推荐单位：_{10,}（设区市工信局）", "\n".join(paragraphs))
    filled = paragraphs.index(next(p for p in paragraphs if p.startswith("填报日期：")))
    breaks = document.paragraphs[filled + 1]._p.xpath(".//w:br[@w:type='page']")
    assert breaks, "the cover ends with a page break"
    # The issuer at the foot of the cover, and of the cover only.
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.first_page_footer.paragraphs] == ["江苏省工信厅编制"]
    assert "江苏省工信厅编制" not in paragraphs


def test_chinese_text_is_set_in_a_chinese_font_via_east_asia() -> None:
    data = form_docx("backbone")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.DOTALL)
    assert defaults is not None
    assert 'w:eastAsia="宋体"' in defaults.group()
    assert "eastAsiaTheme" not in defaults.group()  # a theme font would win over the named one
    fonts = set(re.findall(r'w:eastAsia="([^"]+)"', body))
    assert fonts <= {"宋体", "黑体"}
    assert "黑体" in fonts


def test_every_table_has_borders() -> None:
    document = docx.Document(io.BytesIO(form_docx("backbone")))
    assert document.tables
    for table in document.tables:
        assert table.style is not None
        assert table.style.element.find(qn("w:tblPr")).find(qn("w:tblBorders")) is not None


@pytest.fixture
def edited_schemas(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """A copy of the schemas that the test may change; every cache built from them is cleared."""

    def clear() -> None:
        for cached in (schema.normalised, schema.inlined, schema.validator, schema.field):
            cached.cache_clear()

    edited = copy.deepcopy(schema.all_schemas())
    monkeypatch.setattr(schema, "all_schemas", lambda: edited)
    clear()
    yield edited
    clear()


def test_a_changed_schema_title_changes_the_form(edited_schemas: dict[str, Any]) -> None:
    edited_schemas["backbone"]["properties"]["basic"]["properties"]["registered_address"]["title"] = "注册地址（改）"
    edited_schemas["common"]["$defs"]["unit"]["properties"]["name"]["title"] = "单位全称（改）"
    text = docx_text(form_docx("backbone"))
    assert "注册地址（改）" in text
    assert "单位全称（改）" not in text  # 附件2 names it as its description says: 即基本信息中的单位名称
    assert "单位全称（改）" in docx_text(form_docx("cloud-center"))  # 附件1: “申报” + the unit name's title


def test_a_changed_description_changes_the_guidance(edited_schemas: dict[str, Any]) -> None:
    edited_schemas["backbone"]["properties"]["narratives"]["properties"]["awards"]["description"] = "请列出奖项（改）。"
    assert "请列出奖项（改）。" in docx_text(form_docx("backbone"))


# -- Word: filled forms ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["backbone", "backbone-route2", "service-center", "cloud-base", "demo"])
def test_a_filled_form_shows_every_value_of_the_application(name: str) -> None:
    data = application(name)
    text = squashed(docx_text(form_docx(data["category"], data=data)))
    expected = [(p, printed(v)) for p, v in scalars(data) if on_paper(data["category"], p)]
    assert len(expected) >= 10
    assert not [(p, v) for p, v in expected if squashed(v) not in text]


def test_a_filled_backbone_form_has_the_narratives_cases_and_all_three_years_in_full() -> None:
    data = application("backbone")
    made = form_docx("backbone", data=data)
    document, text = docx.Document(io.BytesIO(made)), docx_text(made)
    for narrative in data["narratives"].values():
        assert narrative.strip() in text
    for case in data["cases"]:
        assert all(str(value).strip() in text for value in case.values())
    indicators = next(t for t in document.tables if t.cell(0, 0).text == "近三年主要经济指标")
    assert [cell.text for cell in indicators.rows[0].cells] == ["近三年主要经济指标", "2017年", "2018年", "2019年"]
    revenue = next(row for row in indicators.rows if row.cells[0].text == "主营业务收入（万元）")
    assert [cell.text for cell in revenue.cells[1:]] == ["1500", "2100", "2900"]


def test_a_filled_form_leaves_out_the_guidance_and_repository_only_fields() -> None:
    data = application("service-center")
    text = docx_text(form_docx("cloud-center", data=data))
    assert "主要填写：" not in text
    assert data["applicant"]["uscc"] not in text
    assert "XXX工业互联网云基地" not in text  # only the application's own table


@pytest.mark.parametrize(("category", "name"), [("backbone", "backbone"), ("cloud-center", "service-center")])
def test_the_public_summary_the_site_publishes_is_asked_on_the_blank_form_and_printed_on_the_filled_one(
    category: str, name: str
) -> None:
    """Required by the schema and published with the list: the applicant sees it, and what it may say, on paper."""
    summary = schema.field(category, ("public_summary",)).schema
    blank = docx.Document(io.BytesIO(form_docx(category)))
    paragraphs = [paragraph.text for paragraph in blank.paragraphs]
    heading = paragraphs.index(summary["title"])
    assert paragraphs[heading + 1] == summary["description"]
    assert heading > paragraphs.index(next(p for p in paragraphs if p.startswith("附件")))
    data = application(name)
    assert data["public_summary"].strip() in docx_text(form_docx(category, data=data))


def test_a_filled_demo_row_can_name_its_region() -> None:
    data = application("demo")
    text = docx_text(form_docx("demo-enterprise", data=data, regions={"320300": "徐州市"}))
    assert "徐州市" in text
    assert "320300" not in text


# -- Excel, CSV, JSON ---------------------------------------------------------------------


def test_the_blank_annex3_sheet_is_the_notices_table_then_the_repositorys_two_columns() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(annex3_xlsx())).active
    assert sheet.title == "附件3"
    assert sheet["A1"].value == "上云上平台示范企业推进项目汇总表"
    assert "A1:J1" in [str(merged) for merged in sheet.merged_cells.ranges]
    assert sheet["A2"].value == "填报单位：腾讯公司"
    headers = [cell.value for cell in sheet[3]]
    notice, repository = headers[: len(ANNEX3_HEADERS)], headers[len(ANNEX3_HEADERS) :]
    assert [h[: len(start)] for h, start in zip(notice, ANNEX3_HEADERS, strict=True)] == ANNEX3_HEADERS
    # The file's name and the published summary: the notice's table has no place for them.
    assert repository == ["统一社会信用代码", "公开简介"]
    assert all(cell.font.bold for cell in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert [sheet.cell(row, 1).value for row in range(4, sheet.max_row + 1)] == ["1", "2", "3"]
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width


def test_the_filled_annex3_sheet_has_one_numbered_row_per_application() -> None:
    rows = [loaded_data(path.read_bytes(), str(path)) for path in DEMO_SAMPLES]
    sheet = openpyxl.load_workbook(io.BytesIO(annex3_xlsx(rows, regions={"320300": "徐州市"}))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[0] for row in values] == [str(n) for n in range(1, len(rows) + 1)]
    assert [row[2] for row in values] == [data["enterprise"]["name"] for data in rows]
    first = values[DEMO_SAMPLES.index(ROOT / SAMPLES["demo"])]
    assert first[1] == "徐州市"
    assert first[5] == "2020-07 至 2021-06"
    assert first[6] == 1280  # a number: the sheet adds it up


def test_the_annex3_sheet_prints_landscape_on_the_page_width_with_its_header_on_every_page() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(annex3_xlsx())).active
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (1, 0)
    assert sheet.print_title_rows == "$3:$3"  # title, 填报单位, then the header


def test_rows_are_tall_enough_for_their_wrapped_text() -> None:
    """LibreOffice shows one line of a cell in a row without a height: every line must be visible."""
    rows = [{"name": "短", "amount": "1", "note": "短"}, {"name": "长" * 60, "amount": "1", "note": "一\n二\n三"}]
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(COLUMNS, rows, "示例表"))).active
    short, tall = sheet.row_dimensions[3].height, sheet.row_dimensions[4].height
    assert (
        short == LINE_POINTS and tall >= LINE_POINTS * 4
    )  # 120 display units wrap into at least 4 lines of a 30-unit column


def test_a_table_as_xlsx_has_its_title_merged_its_header_and_text_kept_as_text() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(COLUMNS, ROWS, "示例表"))).active
    assert sheet.title == "示例表"
    assert sheet["A1"].value == "示例表"
    assert "A1:C1" in [str(merged) for merged in sheet.merged_cells.ranges]
    assert [cell.value for cell in sheet[2]] == ["名称", "金额（万元）", "说明"]
    assert [cell.value for cell in sheet[3]] == ["苏州示例，有限公司", "-35.2", '多行\n带"引号"']
    assert sheet["A4"].value == "=1+1"
    assert sheet["A4"].data_type == "s"  # not a formula
    assert sheet.freeze_panes == "A3"


def test_a_number_in_a_table_is_a_numeric_cell_shown_with_its_own_decimals() -> None:
    """Text that looks like a number stays text (a code keeps its zeros); a number is a number, never rounded."""
    columns = [("value", "数值")]
    values: list[Any] = [1280, 1280.0, 36.5, 1250.125, -35.2, 0.05, "0025", "1280"]
    sheet = openpyxl.load_workbook(
        io.BytesIO(table_xlsx(columns, [{"value": value} for value in values], "示例表"))
    ).active
    cells = [sheet.cell(row, 1) for row in range(3, 3 + len(values))]
    assert [cell.value for cell in cells] == [1280, 1280, 36.5, 1250.125, -35.2, 0.05, "0025", "1280"]
    assert [cell.data_type for cell in cells] == ["n"] * 6 + ["s", "s"]
    shown = ["#,##0", "#,##0", "#,##0.0", "#,##0.000", "#,##0.0", "#,##0.00"]
    assert [cell.number_format for cell in cells[:6]] == shown


def test_a_table_as_csv_opens_in_excel_and_round_trips() -> None:
    data = table_csv(COLUMNS, ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"").replace("多行\n带".encode(), b"")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["名称", "金额（万元）", "说明"]
    assert rows[1] == ["苏州示例，有限公司", "-35.2", '多行\n带"引号"']
    assert rows[2][0] == "'=1+1"  # Excel would run “=…” as a formula


def test_a_table_as_json_round_trips_in_column_order() -> None:
    data = table_json(COLUMNS, [{"note": "n", "name": "名称"}])
    assert data.endswith(b"}\n]\n")
    assert "名称".encode() in data  # not \\u escapes
    items = json.loads(data)
    assert items == [{"name": "名称", "amount": "", "note": "n"}]
    assert list(items[0]) == ["name", "amount", "note"]


# -- reproducibility ----------------------------------------------------------------------


def all_outputs() -> list[bytes]:
    demo = application("demo")
    return [
        form_docx("cloud-center"),
        form_docx("backbone", data=application("backbone")),
        form_docx("demo-enterprise"),
        annex3_xlsx([demo]),
        table_xlsx(COLUMNS, ROWS, "示例表"),
    ]


def test_outputs_made_again_seconds_later_are_byte_identical() -> None:
    first = all_outputs()
    time.sleep(2.1)  # zip times have a two-second resolution
    assert all_outputs() == first


def test_outputs_made_on_another_day_are_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    first = all_outputs()
    later = time.time() + 3 * 86400
    clock = SimpleNamespace(time=lambda: later, localtime=time.localtime)
    monkeypatch.setattr(zipfile, "time", clock)  # what zipfile stamps entries with when nobody says
    assert all_outputs() == first


def test_the_documents_carry_the_fixed_date_and_author() -> None:
    for data in (form_docx("backbone"), annex3_xlsx()):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            core = package.read("docProps/core.xml").decode("utf-8")
            assert {info.date_time for info in package.infolist()} == {(2020, 5, 28, 0, 0, 0)}
            assert package.namelist()[0] == "[Content_Types].xml"
        assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) in (
            ["2020-05-28T00:00:00Z"] * 2,
            ["2020-05-28T00:00:00"] * 2,
        )
        assert "江苏省工业和信息化厅" in core


def test_source_date_epoch_or_a_timestamp_sets_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2021, 3, 4, tzinfo=UTC).timestamp())))
    from_env = form_docx("demo-enterprise")
    given = form_docx("demo-enterprise", timestamp=datetime(2021, 3, 4, tzinfo=UTC))
    assert from_env == given
    with zipfile.ZipFile(io.BytesIO(given)) as package:
        assert "2021-03-04T00:00:00Z" in package.read("docProps/core.xml").decode("utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert form_docx("demo-enterprise") != given


def test_a_timestamp_in_another_time_zone_means_the_same_instant() -> None:
    beijing = timezone(timedelta(hours=8))
    assert form_docx("backbone", timestamp=datetime(2020, 5, 28, 8, 0, tzinfo=beijing)) == form_docx("backbone")
    assert annex3_xlsx(timestamp=datetime(2020, 5, 28, 8, 0, tzinfo=beijing)) == annex3_xlsx()
