"""The text itself: a template's “（请填写…）” prompt left in place means the field was not filled."""

from __future__ import annotations

import pytest

from accel666.vocabulary import PLACEHOLDER
from builders import SAMPLES, SampleRepo, assert_chinese, at, codes_of, expect_one, findings_of, position_of

BACKBONE = SAMPLES["backbone"]
SERVICE = SAMPLES["service-center"]
AWARDS = "awards: （示例数据）入选江苏省工业互联网服务资源池。"


def test_the_placeholder_is_the_templates_prompt() -> None:
    assert PLACEHOLDER == "（请填写"


def test_a_prompt_left_in_a_one_line_field_is_reported_at_the_value(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, AWARDS, "awards: （请填写（三）申报单位获得奖励、荣誉情况介绍）")
    finding = expect_one(sample_repo, BACKBONE, "TEMPLATE-PLACEHOLDER")
    assert at(finding) == position_of(text, "（请填写（三）")
    assert_chinese(finding.message, "「申报材料 › （三）申报单位获得奖励、荣誉情况介绍」", "（请填写…）")


def test_a_prompt_left_at_the_top_of_a_multi_line_narrative_is_reported_at_the_narrative(
    sample_repo: SampleRepo,
) -> None:
    text = sample_repo.replace(SERVICE, "  performance: |\n", "  performance: |\n    （请填写项目绩效）\n")
    finding = expect_one(sample_repo, SERVICE, "TEMPLATE-PLACEHOLDER")
    line, column = position_of(text, "performance: |")
    assert at(finding) == (line, column + len("performance: "))
    assert_chinese(finding.message, "「申报材料 › 项目绩效」")


def test_a_prompt_left_in_a_typical_case_names_the_case(sample_repo: SampleRepo) -> None:
    old = "    results: （示例数据）设备综合效率提升 12%"
    text = sample_repo.replace(BACKBONE, old, "    results: （请填写项目成果与实施成效）设备综合效率提升 12%")
    finding = expect_one(sample_repo, BACKBONE, "TEMPLATE-PLACEHOLDER")
    assert at(finding) == position_of(text, "（请填写项目成果与实施成效）")
    assert_chinese(finding.message, "「（五）申报单位工业互联网典型案例介绍 › 第 1 项 › 项目成果与实施成效」")


def test_each_prompt_left_is_reported_once(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, AWARDS, "awards: （请填写（三）申报单位获得奖励、荣誉情况介绍）")
    sample_repo.replace(BACKBONE, "details: （示例数据）", "details: （请填写知识产权说明）")
    findings = [f for f in findings_of(sample_repo, BACKBONE) if f.code == "TEMPLATE-PLACEHOLDER"]
    assert sorted(f.pointer for f in findings) == ["/basic/intellectual_property/details", "/narratives/awards"]


@pytest.mark.parametrize(
    "awards",
    [
        "awards: 无（表格要求没有奖励的请填写“无”）",  # the words 请填写 in ordinary text
        "awards: (请填写) 半角括号不是模板提示",  # half-width bracket: not the template's prompt
    ],
)
def test_the_words_qing_tianxie_in_ordinary_text_are_accepted(sample_repo: SampleRepo, awards: str) -> None:
    sample_repo.replace(BACKBONE, AWARDS, awards)
    assert findings_of(sample_repo, BACKBONE) == []


def test_a_short_template_prompt_left_in_a_narrative_is_reported_as_the_prompt_not_as_too_short(
    sample_repo: SampleRepo,
) -> None:
    text = sample_repo.replace(
        BACKBONE,
        "introduction: （示例数据）用户企业有生产设备 300 台，设备数据分散，能耗偏高。",
        "introduction: （请填写项目介绍）",
    )
    finding = expect_one(sample_repo, BACKBONE, "TEMPLATE-PLACEHOLDER")
    assert at(finding) == position_of(text, "（请填写项目介绍）")
    assert codes_of(sample_repo, BACKBONE) == {"TEMPLATE-PLACEHOLDER"}  # not also NARRATIVE-LENGTH


# -- what a typist never meant: curly quotes around a value, invisible formatting characters --

NAME = "  name: 南京示例智联科技有限公司（示例数据）"


def test_a_value_in_curly_quotes_is_reported_at_the_value_naming_the_quotes(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, NAME, "  name: “南京示例智联科技有限公司（示例数据）”")
    finding = expect_one(sample_repo, BACKBONE, "TEXT-QUOTES")
    assert at(finding) == position_of(text, "“南京示例")
    assert_chinese(finding.message, "「申报单位 › 单位名称」", "中文输入法的引号", "accel666 fix")


def test_curly_quotes_around_a_code_are_the_cause_reported_not_the_codes_format(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, '  mobile: "13800000012"', "  mobile: “13800000012”")
    assert codes_of(sample_repo, BACKBONE) == {"TEXT-QUOTES"}


@pytest.mark.parametrize("name", ["南京“示例”智联科技有限公司", "“南京”与“示例”智联科技有限公司"])
def test_quotes_inside_a_text_are_the_applicants_own(sample_repo: SampleRepo, name: str) -> None:
    sample_repo.replace(BACKBONE, NAME, f"  name: {name}")
    assert findings_of(sample_repo, BACKBONE) == []


def test_an_invisible_formatting_character_is_reported_by_its_code_point(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, NAME, "  name: 南京示例\u200b智联科技有限公司\u202e（示例数据）")
    finding = expect_one(sample_repo, BACKBONE, "TEXT-INVISIBLE")
    assert_chinese(finding.message, "「申报单位 › 单位名称」", "U+200B、U+202E", "accel666 fix")


SUMMARY = "public_summary: （示例数据）面向离散制造企业提供设备联网、生产管理和能耗优化的工业互联网解决方案。"


@pytest.mark.parametrize(
    ("added", "shown"),
    [
        ("咨询电话 139-1234-5678", "139-1234-5678"),
        ("电话 +86 13912345678", "+86 13912345678"),
        ("电话 025-83000001", "025-83000001"),
        ("电话（025）82288061", "（025）82288061"),
        ("电话 0512 6888 1234", "0512 6888 1234"),
        ("电话 025-8228-8061", "025-8228-8061"),
        ("邮箱 sales@example.com.cn", "sales@example.com.cn"),
        ("邮箱ab＠example.com", "ab＠example.com"),
    ],
)
def test_a_public_text_with_contact_details_is_refused_at_the_value(
    sample_repo: SampleRepo, added: str, shown: str
) -> None:
    text = sample_repo.replace(BACKBONE, SUMMARY, f"{SUMMARY}{added}。")
    finding = expect_one(sample_repo, BACKBONE, "PUBLIC-PERSONAL")
    assert at(finding) == position_of(text, "（示例数据）面向离散")
    assert_chinese(finding.message, "「公开简介」", f"“{shown}”", "入选后向社会公开")


def test_a_name_of_the_applications_people_in_a_public_text_is_a_warning_for_the_reviewer(
    sample_repo: SampleRepo,
) -> None:
    """A warning, not an error: 高峰 is a name and also a word (用电高峰)."""
    text = sample_repo.replace(BACKBONE, SUMMARY, f"{SUMMARY}联系人褚示例。")
    finding = expect_one(sample_repo, BACKBONE, "PUBLIC-NAME")
    assert finding.severity.value == "warning"
    assert at(finding) == position_of(text, "（示例数据）面向离散")
    assert_chinese(finding.message, "「公开简介」", "“褚示例”", "如是人名请删除")


def test_a_private_text_may_hold_contact_details(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, AWARDS, "awards: （示例数据）获奖情况请致电 025-83000001 咨询褚示例。")
    assert findings_of(sample_repo, BACKBONE) == []


def test_a_unit_named_after_a_person_of_the_application_is_not_refused(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, NAME, "  name: 南京褚示例智联科技有限公司（示例数据）")
    assert findings_of(sample_repo, BACKBONE) == []


def test_figures_and_years_in_a_public_text_are_not_contact_details(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, SUMMARY, f"{SUMMARY}2019 年服务 1200 家企业，连接设备 35000 台，投资 12345678 元。")
    assert findings_of(sample_repo, BACKBONE) == []
