"""The schema layer: each failing keyword is one Chinese finding at the offending value.

Each test takes a shipped sample, changes one value and expects one finding with the
field's own code (its `x-code`) or the keyword's generic SCHEMA-* code, at the place
of the change; the companion test shows the boundary value that is accepted.
"""

from __future__ import annotations

import pytest

from accel666.check import check_outside
from accel666.findings import MAX_FINDINGS
from accel666.load import load_document
from accel666.repository import open_repository
from accel666.schema import validate_document
from builders import (
    BATCH,
    REGIONS,
    REVIEWERS,
    SAMPLES,
    SampleRepo,
    assert_chinese,
    at,
    codes_of,
    expect_one,
    findings_of,
    position_of,
)

BACKBONE = SAMPLES["backbone"]
SERVICE = SAMPLES["service-center"]
CLOUD_BASE = SAMPLES["cloud-base"]
DEMO = SAMPLES["demo"]


def value_at(text: str, prefix: str, value: str) -> tuple[int, int]:
    """Position of `value` where it follows `prefix` (for unquoted values that repeat)."""
    line, column = position_of(text, prefix + value)
    return line, column + len(prefix)


def cut(sample_repo: SampleRepo, relpath: str, start: str, end: str | None, insert: str = "") -> str:
    """Replace the text from `start` up to (not including) `end` (or the end of file)."""
    text = sample_repo.read(relpath)
    i = text.index(start)
    j = text.index(end, i) if end is not None else len(text)
    return sample_repo.replace(relpath, text[i:j], insert)


# -- required and unknown fields ---------------------------------------------------


def test_a_missing_top_level_field_is_reported_at_the_start_of_the_file(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, "listed: false\n", "")
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-REQUIRED")
    assert at(finding) == (1, 1)
    assert_chinese(finding.message, "「是否已上市」", "listed")


def test_a_cloud_base_requires_its_location(sample_repo: SampleRepo) -> None:
    sample_repo.replace(CLOUD_BASE, "location: 常州市示例区创新大道 8 号示例产业园\n", "")
    finding = expect_one(sample_repo, CLOUD_BASE, "SCHEMA-REQUIRED")
    assert at(finding) == (1, 1)
    assert_chinese(finding.message, "「项目所在地址」", "location")


# -- empty values and types --------------------------------------------------------


def test_an_empty_value_is_reported_where_the_value_belongs(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "address: 南京市鼓楼区示例路 6 号", "address:")
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-EMPTY")
    line, column = position_of(text, "address:\n")
    assert at(finding) == (line, column + len("address:"))
    assert_chinese(finding.message, "「地址」", "未填写")


def test_text_where_a_mapping_is_expected_is_a_type_error(sample_repo: SampleRepo) -> None:
    text = cut(sample_repo, BACKBONE, "narratives:\n", "cases:\n", "narratives: 详见附件材料\n")
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-TYPE")
    assert at(finding) == position_of(text, "详见附件材料")
    assert_chinese(finding.message, "「申报材料」", "详见附件材料")


# -- text: pattern and length ------------------------------------------------------


def test_an_empty_string_is_reported_once_as_not_filled(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "address: 南京市鼓楼区示例路 6 号", 'address: ""')
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-EMPTY")
    assert at(finding) == position_of(text, '""')
    assert_chinese(finding.message, "「地址」", "未填写")
    assert codes_of(sample_repo, BACKBONE) == {"SCHEMA-EMPTY"}


def test_a_text_of_spaces_only_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "  awards: （示例数据）入选江苏省工业互联网服务资源池。", '  awards: "  "')
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-PATTERN")
    assert at(finding) == position_of(text, '"  "')


@pytest.mark.parametrize(
    "name",
    [
        "|\n    南京示例\n    智联项目",
        '"南京示例\\n智联项目"',
        '"南京示例\\u2028智联项目"',
        '"南京示例智联项目\\n"',  # at the very end, where a regular expression's $ would still match
        '"南京示例\\n智联项目（示例）"',  # full-width brackets are not the problem: FULLWIDTH would make fix change them
    ],
)
def test_a_line_break_in_one_line_text_is_refused_and_shown_as_a_mark(sample_repo: SampleRepo, name: str) -> None:
    text = sample_repo.replace(BACKBONE, "project_name: （示例）离散制造工业互联网解决方案", f"project_name: {name}")
    finding = expect_one(sample_repo, BACKBONE, "TEXT-ONE-LINE")
    assert at(finding) == position_of(text, name.split("\n", maxsplit=1)[0])
    assert_chinese(finding.message, "「项目名称」", "不能换行")
    assert "\n" not in finding.message and "\u2028" not in finding.message


def test_an_address_of_201_characters_is_too_long(sample_repo: SampleRepo) -> None:
    long = "南" * 201
    text = sample_repo.replace(BACKBONE, "address: 南京市鼓楼区示例路 6 号", f"address: {long}")
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-MAXLENGTH")
    assert at(finding) == position_of(text, long)
    assert_chinese(finding.message, "「地址」", "201", "200")


def test_a_persons_name_of_41_characters_is_too_long(sample_repo: SampleRepo) -> None:
    long = "冯" * 41
    text = sample_repo.replace(BACKBONE, "  name: 冯示例", f"  name: {long}")
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-MAXLENGTH")
    assert at(finding) == position_of(text, long)
    assert_chinese(finding.message, "「项目负责人 › 姓名」", "41", "40")


# -- numbers: range ----------------------------------------------------------------


def test_an_indicator_year_before_2000_is_below_the_minimum(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "year: 2017", "year: 1999")
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-MINIMUM")
    assert at(finding) == value_at(text, "year: ", "1999")
    assert_chinese(finding.message, "「近三年主要经济指标 › 第 1 项 › 年度」", "1999", "2000")


def test_the_year_2000_is_inside_the_schemas_range(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, "year: 2017", "year: 2000")
    # Only the batch's own rule objects to it: 2000 is not one of 2017-2019.
    assert codes_of(sample_repo, BACKBONE) == {"BACKBONE-INDICATOR-YEARS"}


def test_an_indicator_year_after_2100_is_above_the_maximum(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "year: 2019", "year: 2101")
    finding = expect_one(sample_repo, BACKBONE, "SCHEMA-MAXIMUM")
    assert at(finding) == value_at(text, "year: ", "2101")
    assert_chinese(finding.message, "「近三年主要经济指标 › 第 3 项 › 年度」", "2101", "2100")


def test_the_year_2100_is_inside_the_schemas_range(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, "year: 2019", "year: 2100")
    assert codes_of(sample_repo, BACKBONE) == {"BACKBONE-INDICATOR-YEARS"}


def test_a_number_too_long_to_read_is_a_finding_not_a_crash(sample_repo: SampleRepo) -> None:
    huge = "1" + "0" * 5000
    text = sample_repo.replace(BACKBONE, "patents: 8", f"patents: {huge}")
    findings = findings_of(sample_repo, BACKBONE)
    assert [at(f) for f in findings] == [value_at(text, "patents: ", huge)]
    assert not sample_repo.check().ok


# -- choices, lists ------------------------------------------------------------------


def test_a_region_kind_of_directly_administered_county_is_accepted(sample_repo: SampleRepo) -> None:
    sample_repo.replace(REGIONS, "kind: 设区市, bureau: 南京市", "kind: 省直管县（市）, bureau: 南京市")
    assert sample_repo.check().findings == []


# -- narratives and summaries ----------------------------------------------------------


def test_a_narrative_of_19_characters_is_too_short(sample_repo: SampleRepo) -> None:
    short = "一二三四五六七八九十" + "一二三四五六七八九"
    text = cut(sample_repo, BACKBONE, "  business_plan: |", "cases:\n", f"  business_plan: {short}\n")
    finding = expect_one(sample_repo, BACKBONE, "NARRATIVE-LENGTH")
    assert at(finding) == position_of(text, short)
    assert_chinese(finding.message, "「申报材料 › （四）申报单位工业互联网解决方案业务发展计划」", "19", "20")


def test_a_narrative_of_20_characters_is_accepted(sample_repo: SampleRepo) -> None:
    cut(
        sample_repo, BACKBONE, "  business_plan: |", "cases:\n", "  business_plan: " + "一二三四五六七八九十" * 2 + "\n"
    )
    assert findings_of(sample_repo, BACKBONE) == []


def test_a_demo_project_summary_of_9_characters_is_too_short(sample_repo: SampleRepo) -> None:
    text = cut(sample_repo, DEMO, "summary: （示例数据）建设", "\nperiod:", "summary: 一二三四五六七八九")
    finding = expect_one(sample_repo, DEMO, "NARRATIVE-LENGTH")
    assert at(finding) == position_of(text, "一二三四五六七八九")
    assert_chinese(finding.message, "「项目情况简介」", "9", "10")


def test_a_demo_project_summary_of_10_characters_is_accepted(sample_repo: SampleRepo) -> None:
    cut(sample_repo, DEMO, "summary: （示例数据）建设", "\nperiod:", "summary: 一二三四五六七八九十")
    assert findings_of(sample_repo, DEMO) == []


@pytest.mark.parametrize("length", [9, 201])
def test_a_public_summary_outside_10_to_200_characters_is_refused(sample_repo: SampleRepo, length: int) -> None:
    summary = "公" * length
    text = cut(sample_repo, BACKBONE, "public_summary: ", "\nnarratives:", f"public_summary: {summary}")
    finding = expect_one(sample_repo, BACKBONE, "PUBLIC-SUMMARY-LENGTH")
    assert at(finding) == value_at(text, "public_summary: ", summary)
    assert_chinese(finding.message, "「公开简介」", str(length))


@pytest.mark.parametrize("length", [10, 200])
def test_a_public_summary_of_10_to_200_characters_is_accepted(sample_repo: SampleRepo, length: int) -> None:
    cut(sample_repo, BACKBONE, "public_summary: ", "\nnarratives:", "public_summary: " + "公" * length)
    assert findings_of(sample_repo, BACKBONE) == []


# -- codes and numbers written as text -------------------------------------------------


@pytest.mark.parametrize(
    "uscc",
    [
        "91320106MA1W7XIL3D",  # I is not in the alphabet
        "91320106MA1W7XOL3D",  # nor O
        "91320106ma1w7xyl3d",  # lower case
        "91320106MA1W7XYL3",  # 17 characters
        "91320106MA1W7XYL3DD",  # 19 characters
    ],
)
def test_a_uscc_outside_the_gb32100_alphabet_or_length_is_refused(sample_repo: SampleRepo, uscc: str) -> None:
    text = sample_repo.replace(BACKBONE, '"91320106MA1W7XYL3D"', f'"{uscc}"')
    finding = expect_one(sample_repo, BACKBONE, "USCC-FORMAT")
    assert at(finding) == position_of(text, f'"{uscc}"')
    assert_chinese(finding.message, "「申报单位 › 统一社会信用代码」", uscc)
    assert "USCC-CHECKSUM" not in codes_of(sample_repo, BACKBONE)


def test_a_uscc_with_a_letter_as_registration_authority_has_the_right_format(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, '"91320106MA1W7XYL3D"', '"Y1320106MA1W7XYL3P"')
    assert "USCC-FORMAT" not in codes_of(sample_repo, BACKBONE)


@pytest.mark.parametrize("mobile", ["12800000012", "1380000001", "138000000123", "138 0000 0012", "+8613800000012"])
def test_a_mobile_number_that_is_not_11_digits_from_13_to_19_is_refused(sample_repo: SampleRepo, mobile: str) -> None:
    text = sample_repo.replace(BACKBONE, '"13800000012"', f'"{mobile}"')
    finding = expect_one(sample_repo, BACKBONE, "PHONE-MOBILE")
    assert at(finding) == position_of(text, f'"{mobile}"')
    assert_chinese(finding.message, "「联系人及手机 › 手机」", mobile)


@pytest.mark.parametrize("mobile", ["13000000012", "19999999999"])
def test_mobile_numbers_from_13_to_19_are_accepted(sample_repo: SampleRepo, mobile: str) -> None:
    sample_repo.replace(BACKBONE, '"13800000012"', f'"{mobile}"')
    assert findings_of(sample_repo, BACKBONE) == []


@pytest.mark.parametrize(
    "fax",
    [
        "021-83000002",  # Shanghai
        "0520-83000002",  # not an area code in Jiangsu
        "0522-83000002",
        "025-830000",  # six digits
        "025-03000002",  # a number cannot start with 0
        "025-83000002-1234567",  # extension too long
    ],
)
def test_a_landline_outside_jiangsus_area_codes_or_shape_is_refused(sample_repo: SampleRepo, fax: str) -> None:
    text = sample_repo.replace(BACKBONE, '"025-83000002"', f'"{fax}"')
    finding = expect_one(sample_repo, BACKBONE, "PHONE-LANDLINE")
    assert at(finding) == position_of(text, f'"{fax}"')
    assert_chinese(finding.message, "「单位传真」", fax)


@pytest.mark.parametrize(
    "fax", ["0523-83000002", "0527-8300000", "025-83000002-801", "02583000002", "0510-85000002", "0519-86000001"]
)
def test_jiangsu_landlines_including_0523_0527_and_extensions_are_accepted(sample_repo: SampleRepo, fax: str) -> None:
    sample_repo.replace(BACKBONE, '"025-83000002"', f'"{fax}"')
    assert findings_of(sample_repo, BACKBONE) == []


# A landline outside Jiangsu (021-…) is a PHONE-REGION warning, tested in rules/place_test.py.
@pytest.mark.parametrize("phone", ["83000001", "021-830", "12800000001"])
def test_a_phone_that_is_neither_mobile_nor_landline_is_refused(sample_repo: SampleRepo, phone: str) -> None:
    text = sample_repo.replace(BACKBONE, '"025-83000001"', f'"{phone}"')
    finding = expect_one(sample_repo, BACKBONE, "PHONE-FORMAT")
    assert at(finding) == position_of(text, f'"{phone}"')
    assert_chinese(finding.message, "「项目负责人 › 电话」", phone)


@pytest.mark.parametrize("phone", ["13800000001", "0512-66000001"])
def test_a_phone_may_be_a_mobile_or_a_jiangsu_landline(sample_repo: SampleRepo, phone: str) -> None:
    sample_repo.replace(BACKBONE, '"025-83000001"', f'"{phone}"')
    assert findings_of(sample_repo, BACKBONE) == []


@pytest.mark.parametrize("email", ["contact@example", "contact.example.com", "联系@example.com", "a b@example.com"])
def test_an_email_address_without_a_domain_is_refused(sample_repo: SampleRepo, email: str) -> None:
    text = sample_repo.replace(SERVICE, "email: contact@example.com", f'email: "{email}"')
    finding = expect_one(sample_repo, SERVICE, "EMAIL-FORMAT")
    assert at(finding) == position_of(text, f'"{email}"')
    assert_chinese(finding.message, "「联系人及手机 › 电子邮箱」")


@pytest.mark.parametrize("postcode", ["21009", "2100091", "21000A"])
def test_a_postcode_that_is_not_six_digits_is_refused(sample_repo: SampleRepo, postcode: str) -> None:
    text = sample_repo.replace(BACKBONE, '"210009"', f'"{postcode}"')
    finding = expect_one(sample_repo, BACKBONE, "POSTCODE-FORMAT")
    assert at(finding) == position_of(text, f'"{postcode}"')
    assert_chinese(finding.message, "「邮编」", postcode)
    assert "POSTCODE-REGION" not in codes_of(sample_repo, BACKBONE)


@pytest.mark.parametrize("region", ["310100", "3201", "3201000"])
def test_a_region_code_that_is_not_32_and_four_digits_is_refused(sample_repo: SampleRepo, region: str) -> None:
    text = sample_repo.replace(BACKBONE, 'region: "320100"', f'region: "{region}"')
    finding = expect_one(sample_repo, BACKBONE, "REGION-CODE")
    assert at(finding) == position_of(text, f'"{region}"')
    assert_chinese(finding.message, "「地区代码」", region)


def test_any_32_code_has_the_region_code_format(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, 'region: "320100"', 'region: "320111"')
    assert "REGION-CODE" not in codes_of(sample_repo, BACKBONE)


@pytest.mark.parametrize("batch", ["2020-01", "2020", "2020-0", "20-1"])
def test_a_batch_id_not_shaped_like_2020_1_is_refused(sample_repo: SampleRepo, batch: str) -> None:
    text = sample_repo.replace(BACKBONE, 'batch: "2020-1"', f'batch: "{batch}"')
    finding = expect_one(sample_repo, BACKBONE, "BATCH-ID")
    assert at(finding) == position_of(text, f'"{batch}"')
    assert_chinese(finding.message, "「批次」", batch)


def test_a_two_digit_batch_number_has_the_batch_id_format(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, 'batch: "2020-1"', 'batch: "2020-12"')
    assert "BATCH-ID" not in codes_of(sample_repo, BACKBONE)


@pytest.mark.parametrize("amount", ["1,280", "1280万元", "-1"])
def test_a_contract_amount_that_is_not_a_non_negative_number_is_refused(sample_repo: SampleRepo, amount: str) -> None:
    text = sample_repo.replace(DEMO, "contract_amount: 1280", f"contract_amount: {amount}")
    finding = expect_one(sample_repo, DEMO, "MONEY-FORMAT")
    assert at(finding) == value_at(text, "contract_amount: ", amount)
    assert_chinese(finding.message, "「项目合同金额（万元）」", amount)


def test_an_investment_in_yi_yuan_must_be_more_than_zero(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(SERVICE, "investment: 35.5", "investment: 0")
    finding = expect_one(sample_repo, SERVICE, "MONEY-FORMAT")
    assert at(finding) == value_at(text, "investment: ", "0")
    assert_chinese(finding.message, "「投资规模（亿元）」")


@pytest.mark.parametrize("share", ["120", "-1", "100.5"])
def test_a_percentage_outside_0_to_100_is_refused(sample_repo: SampleRepo, share: str) -> None:
    text = sample_repo.replace(BATCH, "large_fall: 20", f"large_fall: {share}")
    finding = expect_one(sample_repo, BATCH, "PERCENT-RANGE")
    assert at(finding) == value_at(text, "large_fall: ", share)
    assert_chinese(finding.message, "「骨干企业申报条件 › 大幅度下降（%）」", share)


@pytest.mark.parametrize("share", ["0", "100"])
def test_percentages_of_0_and_100_are_accepted(sample_repo: SampleRepo, share: str) -> None:
    sample_repo.replace(BATCH, "large_fall: 20", f"large_fall: {share}")
    assert findings_of(sample_repo, BATCH) == []


@pytest.mark.parametrize("debt", ["142.5", "-0.5"])
def test_a_debt_ratio_outside_0_to_100_is_refused(sample_repo: SampleRepo, debt: str) -> None:
    text = sample_repo.replace(BACKBONE, "debt_ratio: 42.5", f"debt_ratio: {debt}")
    finding = expect_one(sample_repo, BACKBONE, "DEBT-RATIO")
    assert at(finding) == value_at(text, "debt_ratio: ", debt)
    assert_chinese(finding.message, "「近三年主要经济指标 › 第 1 项 › 负债率（%）」", debt)


@pytest.mark.parametrize("debt", ["0", "100"])
def test_debt_ratios_of_0_and_100_are_accepted(sample_repo: SampleRepo, debt: str) -> None:
    sample_repo.replace(BACKBONE, "debt_ratio: 42.5", f"debt_ratio: {debt}")
    assert findings_of(sample_repo, BACKBONE) == []


@pytest.mark.parametrize("founded", ["2019-02-29", "2016-2-29", "2016/02/29", "2016-02-29T00:00"])
def test_a_date_that_is_not_a_real_yyyy_mm_dd_date_is_refused(sample_repo: SampleRepo, founded: str) -> None:
    text = sample_repo.replace(BACKBONE, "founded: 2012-04-18", f"founded: {founded}")
    finding = expect_one(sample_repo, BACKBONE, "DATE-FORMAT")
    assert at(finding) == value_at(text, "founded: ", founded)
    assert_chinese(finding.message, "「基本信息 › 成立时间」", founded)


@pytest.mark.parametrize("month", ["2021-13", "2021-6", "2021-00", "2021-06-01"])
def test_a_month_that_is_not_yyyy_mm_is_refused(sample_repo: SampleRepo, month: str) -> None:
    text = sample_repo.replace(SERVICE, "operation_start: 2021-06", f"operation_start: {month}")
    finding = expect_one(sample_repo, SERVICE, "MONTH-FORMAT")
    assert at(finding) == value_at(text, "operation_start: ", month)
    assert_chinese(finding.message, "「投入运营时间」", month)


@pytest.mark.parametrize("patents", ["-1", "2.5", "1000001"])
def test_a_patent_count_that_is_not_a_non_negative_integer_is_refused(sample_repo: SampleRepo, patents: str) -> None:
    text = sample_repo.replace(BACKBONE, "patents: 8", f"patents: {patents}")
    finding = expect_one(sample_repo, BACKBONE, "COUNT")
    assert at(finding) == value_at(text, "patents: ", patents)
    assert_chinese(finding.message, "「基本信息 › 自主知识产权专利、软件著作权拥有情况 › 专利数量」", patents)


@pytest.mark.parametrize("listed", ["no", "否", '"false"', "0"])
def test_listed_must_be_true_or_false(sample_repo: SampleRepo, listed: str) -> None:
    text = sample_repo.replace(BACKBONE, "listed: false", f"listed: {listed}")
    finding = expect_one(sample_repo, BACKBONE, "BOOLEAN")
    assert at(finding) == value_at(text, "listed: ", listed)
    assert_chinese(finding.message, "「是否已上市」")


# -- fixed values and choices ----------------------------------------------------------


def test_a_draft_outside_the_repository_without_a_category_is_reported_at_the_start(sample_repo: SampleRepo) -> None:
    raw = sample_repo.read(BACKBONE).replace("category: backbone\n", "").encode("utf-8")
    result = check_outside(open_repository(sample_repo.root), "drafts/nanjing.yaml", raw)
    finding = next(f for f in result.findings if f.code == "CATEGORY")
    assert [f.code for f in result.findings] == ["CATEGORY"]
    assert (finding.path, *at(finding)) == ("drafts/nanjing.yaml", 1, 1)
    assert_chinese(finding.message, "category", "backbone")


def test_a_draft_outside_the_repository_is_checked_against_the_form_it_declares(sample_repo: SampleRepo) -> None:
    raw = sample_repo.read(DEMO).encode("utf-8")
    assert check_outside(open_repository(sample_repo.root), "drafts/xuzhou.yaml", raw).findings == []


def test_a_service_center_may_not_give_the_cloud_bases_location(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(SERVICE, "investment: 35.5\n", "investment: 35.5\nlocation: 苏州市虎丘区示例路 100 号\n")
    finding = expect_one(sample_repo, SERVICE, "CLOUD-VARIANT-FIELD")
    assert at(finding) == value_at(text, "location: ", "苏州市虎丘区示例路 100 号")
    assert_chinese(finding.message, "「项目所在地址」", "云基地")


@pytest.mark.parametrize("ownership", ["国有", "三资"])
def test_state_owned_and_foreign_invested_ownerships_are_accepted(sample_repo: SampleRepo, ownership: str) -> None:
    sample_repo.replace(BACKBONE, "ownership: 民营", f"ownership: {ownership}")
    assert findings_of(sample_repo, BACKBONE) == []


def test_a_demo_row_filled_by_anyone_but_tencent_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(DEMO, "filler: 腾讯公司", "filler: 腾讯")
    finding = expect_one(sample_repo, DEMO, "DEMO-FILLER")
    assert at(finding) == value_at(text, "filler: ", "腾讯")
    assert_chinese(finding.message, "「填报单位」", "腾讯公司")


@pytest.mark.parametrize("kind", ["工业互联网标杆工厂", "五星级上云企业", "四星级上云企业", "三星级上云企业"])
def test_each_of_the_four_demo_project_types_is_accepted(sample_repo: SampleRepo, kind: str) -> None:
    sample_repo.replace(DEMO, "project_type: 工业互联网标杆工厂", f"project_type: {kind}")
    assert findings_of(sample_repo, DEMO) == []


@pytest.mark.parametrize("account", ["jsgxt-666/province", "@jsgxt-666/", "@-jsgxt", "@jsgxt 666"])
def test_a_reviewer_account_not_shaped_like_at_user_or_at_org_team_is_refused(
    sample_repo: SampleRepo, account: str
) -> None:
    text = sample_repo.replace(REVIEWERS, '"@jsgxt-666/province"', f'"{account}"')
    finding = expect_one(sample_repo, REVIEWERS, "REVIEWER-ACCOUNT")
    assert at(finding) == position_of(text, f'"{account}"')
    assert_chinese(finding.message, "「省工信厅审核人 › 第 1 项」", account)


@pytest.mark.parametrize("account", ["@zhang-san", "@jsgxt/province.experts_1"])
def test_user_and_team_accounts_are_accepted(sample_repo: SampleRepo, account: str) -> None:
    sample_repo.replace(REVIEWERS, '"@jsgxt-666/province"', f'"{account}"')
    assert findings_of(sample_repo, REVIEWERS) == []


# -- lists of the backbone form --------------------------------------------------------


def test_two_indicator_years_are_too_few(sample_repo: SampleRepo) -> None:
    text = cut(sample_repo, BACKBONE, "  - year: 2019", "rd_expense:")
    finding = expect_one(sample_repo, BACKBONE, "INDICATOR-YEARS")
    assert at(finding) == position_of(text, "- year: 2017")
    assert_chinese(finding.message, "「近三年主要经济指标」", "2 项", "3 项")


def test_four_indicator_years_are_too_many(sample_repo: SampleRepo) -> None:
    text = sample_repo.read(BACKBONE)
    third = text[text.index("  - year: 2019") : text.index("rd_expense:")]
    text = sample_repo.replace(BACKBONE, "rd_expense:", third.replace("2019", "2020") + "rd_expense:")
    finding = expect_one(sample_repo, BACKBONE, "INDICATOR-YEARS")
    assert at(finding) == position_of(text, "- year: 2017")
    assert_chinese(finding.message, "「近三年主要经济指标」", "4 项", "3 项")


def test_a_single_typical_case_is_too_few(sample_repo: SampleRepo) -> None:
    text = cut(sample_repo, BACKBONE, "  - title: （示例数据）机械企业生产排程", None)
    finding = expect_one(sample_repo, BACKBONE, "BACKBONE-CASES")
    assert at(finding) == position_of(text, "- title:")
    assert_chinese(finding.message, "「（五）申报单位工业互联网典型案例介绍」", "1 项", "2 项")


def test_three_typical_cases_are_accepted(sample_repo: SampleRepo) -> None:
    text = sample_repo.read(BACKBONE)
    second = text[text.index("  - title: （示例数据）机械企业生产排程") :]
    sample_repo.write(BACKBONE, text + second.replace("生产排程", "仓储物流"))
    assert findings_of(sample_repo, BACKBONE) == []


# -- values at the boundary, and other values the schemas accept -----------------------
# Each is one shipped sample with one text replaced; the id says why it must pass.
ACCEPTED = [
    pytest.param(BACKBONE, 'fax: "025-83000002"\n', "", id="an_optional_field_may_be_left_out"),
    pytest.param(
        BACKBONE,
        "  name: 冯示例\n",
        "  name: 冯示例\n  position: 总经理\n",
        id="an_optional_field_the_form_knows_is_accepted",
    ),
    pytest.param(BACKBONE, "patents: 8", "patents: 0", id="zero_is_a_value_not_an_empty_field"),
    pytest.param(
        BACKBONE, "debt_ratio: 42.5", "debt_ratio: 42", id="a_whole_number_is_accepted_where_a_decimal_is_expected"
    ),
    pytest.param(
        BACKBONE,
        "address: 南京市鼓楼区示例路 6 号",
        'address: "  南京市鼓楼区示例路 6 号 "',
        id="text_with_spaces_around_it_is_accepted",
    ),
    pytest.param(
        BACKBONE,
        "  awards: （示例数据）入选江苏省工业互联网服务资源池。",
        "  awards: |\n    入选资源池。\n    获得荣誉。",
        id="a_line_break_in_a_narrative_is_what_narratives_are_for",
    ),
    pytest.param(BACKBONE, "  name: 冯示例", "  name: 冯", id="a_single_character_is_long_enough_for_a_name"),
    pytest.param(
        BACKBONE,
        "address: 南京市鼓楼区示例路 6 号",
        "address: " + "南" * 200,
        id="an_address_of_200_characters_is_accepted",
    ),
    pytest.param(BACKBONE, "  name: 冯示例", "  name: " + "冯" * 40, id="a_persons_name_of_40_characters_is_accepted"),
    pytest.param(
        REVIEWERS,
        '"@jsgxt-666/province"',
        '"@jsgxt-666/province", "@zhang-san"',
        id="two_distinct_reviewer_accounts_are_accepted",
    ),
    pytest.param(
        BATCH, "[2017, 2018, 2019]", "[2018, 2019, 2020]", id="a_later_run_of_three_indicator_years_is_a_valid_batch"
    ),
    pytest.param(
        SERVICE,
        "email: contact@example.com",
        "email: li.si+666@mail.example.com.cn",
        id="an_email_address_with_dots_plus_and_subdomains_is_accepted",
    ),
    pytest.param(DEMO, "contract_amount: 1280", "contract_amount: 0", id="a_contract_amount_of_zero_is_accepted"),
    pytest.param(
        SERVICE, "investment: 35.5", "investment: 0.01", id="an_investment_of_a_hundredth_of_a_yi_yuan_is_accepted"
    ),
    pytest.param(BACKBONE, "founded: 2012-04-18", "founded: 2016-02-29", id="a_leap_day_is_a_valid_date"),
    pytest.param(SERVICE, "operation_start: 2021-06", "operation_start: 2021-12", id="december_is_a_valid_month"),
    pytest.param(
        CLOUD_BASE, "kind: 县区工信局", "kind: 省级以上产业园区", id="a_provincial_industrial_park_may_apply_jointly"
    ),
]


@pytest.mark.parametrize(("relpath", "old", "new"), ACCEPTED)
def test_a_value_the_schema_allows_gives_no_finding(sample_repo: SampleRepo, relpath: str, old: str, new: str) -> None:
    sample_repo.replace(relpath, old, new)
    assert findings_of(sample_repo, relpath) == []


# -- values refused with one finding at the value, in Chinese ---------------------------
# Each is one shipped sample with one text replaced, the code expected, the text the
# finding must point at, and words its message must contain; the id says why.
REFUSED = [
    pytest.param(
        BACKBONE,
        '  mobile: "13800000012"\n',
        "",
        "SCHEMA-REQUIRED",
        "contact:",
        ("「手机」", "mobile", "联系人及手机"),
        id="a_missing_required_field_is_reported_at_its_parents_key",
    ),
    pytest.param(
        BACKBONE,
        "    results: （示例数据）订单准时交付率由 82% 提升到 96%，质量问题追溯时间缩短 90%。\n",
        "",
        "SCHEMA-REQUIRED",
        "title: （示例数据）机械企业生产排程",
        ("「项目成果与实施成效」", "第 2 项"),
        id="a_missing_field_of_a_list_item_is_reported_at_the_item",
    ),
    pytest.param(
        BACKBONE,
        '  mobile: "13800000012"\n',
        '  mobile: "13800000012"\n  mobiel: "13800000013"\n',
        "SCHEMA-UNKNOWN-FIELD",
        "mobiel",
        ("mobiel", "mobile"),
        id="an_unknown_field_is_reported_at_its_key",
    ),
    pytest.param(
        BACKBONE,
        "address: 南京市鼓楼区示例路 6 号",
        'address: "   "',
        "SCHEMA-PATTERN",
        '"   "',
        ("「地址」",),
        id="text_of_only_spaces_does_not_count_as_filled",
    ),
    pytest.param(
        REVIEWERS,
        '"320600"',
        '"310600"',
        "SCHEMA-PATTERN",
        '"310600"',
        ("「推荐单位审核人」", "310600"),
        id="a_reviewers_region_key_that_is_not_a_region_code_is_reported_at_the_key",
    ),
    pytest.param(
        REGIONS,
        "kind: 设区市, bureau: 南京市",
        "kind: 地级市, bureau: 南京市",
        "SCHEMA-ENUM",
        "地级市",
        ("「地区列表 › 第 1 项 › 地区类型」", "地级市", "设区市", "省直管县（市）"),
        id="a_region_kind_outside_the_two_kinds_is_refused",
    ),
    pytest.param(
        REVIEWERS,
        'province: ["@jsgxt-666/province"]',
        "province: []",
        "SCHEMA-MINITEMS",
        "[]",
        ("「省工信厅审核人」", "0 项", "1 项"),
        id="an_empty_list_of_reviewer_accounts_is_too_short",
    ),
    pytest.param(
        REVIEWERS,
        '["@jsgxt-666/province"]',
        '["@jsgxt-666/province", "@jsgxt-666/province"]',
        "SCHEMA-UNIQUEITEMS",
        '["@jsgxt-666/province", ',
        ("「省工信厅审核人」", "重复"),
        id="the_same_reviewer_account_twice_is_refused",
    ),
    pytest.param(
        BATCH,
        "[2017, 2018, 2019]",
        "[2017, 2018, 2019, 2020]",
        "SCHEMA-MAXITEMS",
        "[2017, 2018, 2019, 2020]",
        ("「指标年度」", "4 项", "3 项"),
        id="four_indicator_years_in_a_batch_are_too_many",
    ),
    pytest.param(
        BACKBONE,
        "category: backbone",
        "category: backbone-enterprise",
        "CATEGORY",
        "backbone-enterprise",
        ("「申报类别」", "backbone-enterprise"),
        id="a_category_other_than_the_forms_own_is_refused",
    ),
    pytest.param(
        SERVICE,
        "variant: 云服务中心",
        "variant: 云中心",
        "CLOUD-VARIANT",
        "云中心",
        ("「申报表类型」", "云服务中心", "云基地"),
        id="a_cloud_center_variant_other_than_the_two_tables_is_refused",
    ),
    pytest.param(
        SERVICE,
        "苏州示例工业互联网云服务中心",
        "苏州示例工业互联网云基地",
        "CLOUD-PROJECT-NAME",
        "苏州示例工业互联网云基地",
        ("「项目名称」", "工业互联网云服务中心"),
        id="a_service_center_named_as_a_cloud_base_is_refused",
    ),
    pytest.param(
        CLOUD_BASE,
        "常州示例工业互联网云基地",
        "常州示例工业互联网云服务中心",
        "CLOUD-PROJECT-NAME",
        "常州示例工业互联网云服务中心",
        ("「项目名称」", "工业互联网云基地"),
        id="a_cloud_base_named_as_a_service_center_is_refused",
    ),
    pytest.param(
        CLOUD_BASE,
        "kind: 县区工信局",
        "kind: 区工信局",
        "JOINT-KIND",
        "区工信局\n",
        ("「联合申报单位 › 联合申报单位类型」", "区工信局"),
        id="a_joint_applicant_kind_outside_the_two_kinds_is_refused",
    ),
    pytest.param(
        BACKBONE,
        "ownership: 民营",
        "ownership: 私营",
        "OWNERSHIP",
        "私营",
        ("「基本信息 › 单位性质」", "私营"),
        id="an_ownership_other_than_state_private_or_foreign_is_refused",
    ),
    pytest.param(
        DEMO,
        "project_type: 工业互联网标杆工厂",
        "project_type: 二星级上云企业",
        "DEMO-PROJECT-TYPE",
        "二星级上云企业",
        ("「项目类型」", "二星级上云企业"),
        id="a_demo_project_type_outside_the_four_types_is_refused",
    ),
    pytest.param(
        BACKBONE,
        "industry: 通用设备制造业",
        "industry: 装备制造",
        "SCHEMA-ENUM",
        "装备制造",
        # The divisions' own names hold 、, so the choices are listed with ；.
        ("第 1 项 › 用户所属行业」", "装备制造", "纺织业；纺织服装、服饰业；", "其他行业（非制造业）"),
        id="a_case_industry_outside_the_gb_t_4754_divisions_is_refused_and_the_choices_stay_readable",
    ),
]


@pytest.mark.parametrize(("relpath", "old", "new", "code", "at_text", "words"), REFUSED)
def test_a_value_the_schema_refuses_gives_one_finding_at_the_value(
    sample_repo: SampleRepo, relpath: str, old: str, new: str, code: str, at_text: str, words: tuple[str, ...]
) -> None:
    text = sample_repo.replace(relpath, old, new)
    finding = expect_one(sample_repo, relpath, code)
    assert at(finding) == position_of(text, at_text)
    assert_chinese(finding.message, *words)


def test_the_schema_stops_collecting_one_past_the_cap_with_the_first_unknown_fields_first() -> None:
    text = "category: backbone\n" + "".join(f"unknown_{n}: x\n" for n in range(20000))
    findings = validate_document(load_document(text.encode("utf-8"), BACKBONE), "backbone")
    unknown = [f for f in findings if f.code == "SCHEMA-UNKNOWN-FIELD"]
    assert len(unknown) == MAX_FINDINGS + 1
    assert [f.line for f in unknown[:3]] == [2, 3, 4]
