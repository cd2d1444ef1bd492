"""Backbone enterprise eligibility (附件2 申报企业基本要求), reported with the computed figures.

The three samples each pass one condition with the first batch (deadline 2020-08-30,
indicator years 2017-2019, R&D share > 3%):
  Nanjing  (1): revenue 1500 / 2100 / 2900 万元, founded 2012-04-18, R&D 152.5;
  Wuxi     (2): revenue  800 / 3000 / 5600 万元, founded 2017-03-15, R&D 310;
  Kunshan  (3): revenue 11000 / 11500 / 12000 万元, founded 2013-06-01, R&D 620.
"""

from __future__ import annotations

import pytest

from builders import (
    BATCH,
    SAMPLES,
    SampleRepo,
    assert_chinese,
    at,
    check_registered,
    codes_of,
    expect_one,
    findings_of,
    position_of,
    value_at,
)

NANJING = SAMPLES["backbone"]
WUXI = SAMPLES["backbone-route2"]
KUNSHAN = SAMPLES["backbone-route3"]
ORIGINAL = {NANJING: (1500, 2100, 2900), WUXI: (800, 3000, 5600), KUNSHAN: (11000, 11500, 12000)}


def set_revenues(sample_repo: SampleRepo, relpath: str, *revenues: float) -> str:
    """Replace the three years' 主营业务收入 (2017, 2018, 2019) of a sample."""
    text = sample_repo.read(relpath)
    for old, new in zip(ORIGINAL[relpath], revenues, strict=True):
        assert f"revenue: {old}\n" in text
        text = text.replace(f"revenue: {old}\n", f"revenue: {new:g}\n", 1)
    sample_repo.write(relpath, text)
    return text


# -- the indicator years ----------------------------------------------------------------


def test_indicator_years_other_than_the_batchs_are_refused_at_the_indicators(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(NANJING, "year: 2019", "year: 2020")
    finding = expect_one(sample_repo, NANJING, "BACKBONE-INDICATOR-YEARS")
    assert at(finding) == position_of(text, "indicators:")
    assert_chinese(finding.message, "「近三年主要经济指标」", "2017、2018、2020", "2017、2018、2019", "第一批")
    assert codes_of(sample_repo, NANJING) == {"BACKBONE-INDICATOR-YEARS"}


def test_indicator_years_out_of_order_are_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.read(NANJING)
    text = text.replace("year: 2017", "year: X").replace("year: 2018", "year: 2017").replace("year: X", "year: 2018")
    sample_repo.write(NANJING, text)
    finding = expect_one(sample_repo, NANJING, "BACKBONE-INDICATOR-YEARS")
    assert at(finding) == position_of(text, "indicators:")
    assert_chinese(finding.message, "2018、2017、2019", "顺序")


# -- R&D share --------------------------------------------------------------------------


def test_an_rd_share_of_3_percent_or_less_is_refused_with_the_share_computed(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(NANJING, "rd_expense: 152.5", "rd_expense: 80")
    finding = expect_one(sample_repo, NANJING, "BACKBONE-RD-SHARE")
    assert at(finding) == value_at(text, "rd_expense: ")
    # 80 / 2900 = 2.7586...%
    assert_chinese(finding.message, "「近一年研发经费」", "2019 年", "2.76%", "大于 3%")


def test_an_rd_share_of_exactly_3_percent_is_refused(sample_repo: SampleRepo) -> None:
    sample_repo.replace(NANJING, "rd_expense: 152.5", "rd_expense: 87")  # 87 / 2900 = 3%
    finding = expect_one(sample_repo, NANJING, "BACKBONE-RD-SHARE")
    assert_chinese(finding.message, "3.00%")


def test_an_rd_share_just_above_3_percent_is_accepted(sample_repo: SampleRepo) -> None:
    sample_repo.replace(NANJING, "rd_expense: 152.5", "rd_expense: 87.1")  # 3.003%
    assert findings_of(sample_repo, NANJING) == []


def test_an_rd_share_over_no_revenue_cannot_be_computed(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, NANJING, 1500, 2100, 0)
    finding = expect_one(sample_repo, NANJING, "BACKBONE-RD-SHARE")
    assert_chinese(finding.message, "无法计算")


def test_the_rd_share_threshold_comes_from_the_batch(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BATCH, "rd_share_min: 3", "rd_share_min: 6")
    finding = expect_one(sample_repo, NANJING, "BACKBONE-RD-SHARE")  # 152.5 / 2900 = 5.26%
    assert_chinese(finding.message, "5.26%", "大于 6%")


# -- listing ------------------------------------------------------------------------------


def test_a_listed_enterprise_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(NANJING, "listed: false", "listed: true")
    finding = expect_one(sample_repo, NANJING, "BACKBONE-LISTED")
    assert at(finding) == value_at(text, "listed: ")
    assert_chinese(finding.message, "「是否已上市」", "true", "false")


# -- the three conditions -------------------------------------------------------------------


def test_an_enterprise_meeting_no_condition_is_refused_with_every_figure(sample_repo: SampleRepo) -> None:
    text = set_revenues(sample_repo, NANJING, 1500, 2100, 2500)
    finding = expect_one(sample_repo, NANJING, "BACKBONE-ROUTES")
    assert at(finding) == position_of(text, "indicators:")
    assert_chinese(
        finding.message,
        "条件（1）",
        "1500 万元",
        "复合增长率 29.10%",  # (2500 / 1500) ** 0.5 - 1
        "2019 年增长 19.05%",
        "条件（2）",
        "成立 8 年",  # 2012-04-18 to 2020-08-30
        "不超过 5 年",
        "2500 万元",
        "条件（3）",
        "不超过 10 年",
    )
    assert finding.message.count("不满足：") == 3  # 条件（n）不满足：…, once per condition
    assert "：满足" not in finding.message


def test_condition_1_is_met_by_exactly_30_percent_compound_growth(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, NANJING, 1000, 1300, 1690)
    assert findings_of(sample_repo, NANJING) == []


def test_condition_1_is_not_met_just_below_30_percent_compound_growth(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, NANJING, 1000, 1300, 1689)
    finding = expect_one(sample_repo, NANJING, "BACKBONE-ROUTES")
    assert_chinese(finding.message, "复合增长率 29.96%", "要求不低于 30%")


def test_condition_1_needs_1000_wan_yuan_three_years_ago(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, NANJING, 999, 1300, 1690)
    finding = expect_one(sample_repo, NANJING, "BACKBONE-ROUTES")
    assert_chinese(finding.message, "2017 年营业收入 999 万元", "要求不少于 1000")


@pytest.mark.parametrize(("revenues", "growth"), [((1000, 1800, 1700), "-5.56%"), ((1000, 1690, 1690), "0.00%")])
def test_condition_1_needs_growth_in_the_last_year(
    sample_repo: SampleRepo, revenues: tuple[int, int, int], growth: str
) -> None:
    set_revenues(sample_repo, NANJING, *revenues)
    finding = expect_one(sample_repo, NANJING, "BACKBONE-ROUTES")
    assert_chinese(finding.message, f"2019 年增长 {growth}", "正增长")


def test_condition_2_is_met_when_founded_exactly_5_years_before_the_deadline(sample_repo: SampleRepo) -> None:
    sample_repo.replace(WUXI, "founded: 2017-03-15", "founded: 2015-08-30")
    assert findings_of(sample_repo, WUXI) == []


def test_condition_2_is_not_met_when_founded_one_day_earlier(sample_repo: SampleRepo) -> None:
    sample_repo.replace(WUXI, "founded: 2017-03-15", "founded: 2015-08-29")
    finding = expect_one(sample_repo, WUXI, "BACKBONE-ROUTES")
    assert_chinese(finding.message, "截至 2020-08-30", "成立 5 年", "5600 万元", "要求不低于 5000")


def test_condition_2_is_met_by_5000_wan_yuan_not_5000_qian_wan(sample_repo: SampleRepo) -> None:
    # The notice's “5000千万元” is a typo for 5千万元 = 5000万元.
    set_revenues(sample_repo, WUXI, 800, 3000, 5000)
    assert findings_of(sample_repo, WUXI) == []


def test_condition_2_is_not_met_below_5000_wan_yuan(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, WUXI, 800, 3000, 4999)
    finding = expect_one(sample_repo, WUXI, "BACKBONE-ROUTES")
    assert_chinese(finding.message, "2019 年营业收入 4999 万元，要求不低于 5000 万元（不满足）")


def test_condition_3_is_met_when_founded_exactly_10_years_before_the_deadline(sample_repo: SampleRepo) -> None:
    sample_repo.replace(KUNSHAN, "founded: 2013-06-01", "founded: 2010-08-30")
    assert findings_of(sample_repo, KUNSHAN) == []


def test_condition_3_is_not_met_when_founded_one_day_earlier(sample_repo: SampleRepo) -> None:
    sample_repo.replace(KUNSHAN, "founded: 2013-06-01", "founded: 2010-08-29")
    finding = expect_one(sample_repo, KUNSHAN, "BACKBONE-ROUTES")
    assert_chinese(finding.message, "成立 10 年", "不超过 10 年")


def test_condition_3_is_met_by_exactly_one_yi_yuan(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, KUNSHAN, 11000, 11500, 10000)
    assert findings_of(sample_repo, KUNSHAN) == []


def test_condition_3_is_not_met_below_one_yi_yuan(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, KUNSHAN, 11000, 11500, 9999)
    finding = expect_one(sample_repo, KUNSHAN, "BACKBONE-ROUTES")
    assert_chinese(finding.message, "9999 万元，要求不低于 10000 万元（不满足）")


def test_every_failing_requirement_is_reported(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, NANJING, 1500, 2100, 2500)
    sample_repo.replace(NANJING, "rd_expense: 152.5", "rd_expense: 50")
    sample_repo.replace(NANJING, "listed: false", "listed: true")
    assert codes_of(sample_repo, NANJING) == {"BACKBONE-RD-SHARE", "BACKBONE-LISTED", "BACKBONE-ROUTES"}


# -- large falls ----------------------------------------------------------------------------


def test_a_large_fall_under_condition_3_is_a_warning_with_the_fall_computed(sample_repo: SampleRepo) -> None:
    text = set_revenues(sample_repo, KUNSHAN, 11000, 14000, 11000)
    finding = expect_one(sample_repo, KUNSHAN, "BACKBONE-LARGE-FALL")
    assert finding.severity == "warning"
    assert at(finding) == position_of(text, "indicators:")
    # (14000 - 11000) / 14000 = 21.43%
    assert_chinese(finding.message, "2019 年下降 21.4%", "超过 20%", "（3）")
    assert check_registered(sample_repo).ok


def test_a_large_fall_in_the_first_step_is_a_warning_too(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, KUNSHAN, 14000, 11000, 12000)
    finding = expect_one(sample_repo, KUNSHAN, "BACKBONE-LARGE-FALL")
    assert_chinese(finding.message, "2018 年下降 21.4%")


def test_a_fall_of_exactly_20_percent_is_not_large(sample_repo: SampleRepo) -> None:
    set_revenues(sample_repo, KUNSHAN, 11000, 13750, 11000)
    assert findings_of(sample_repo, KUNSHAN) == []


def test_a_large_fall_does_not_matter_when_condition_1_is_met(sample_repo: SampleRepo) -> None:
    # 2018 falls 26.7%, but growth 2017-2019 is 31.7% with growth in 2019: condition (1).
    set_revenues(sample_repo, NANJING, 1500, 1100, 2600)
    assert findings_of(sample_repo, NANJING) == []


# -- robustness ----------------------------------------------------------------------------


def test_a_revenue_too_large_for_a_float_is_a_money_error_not_an_internal_error(sample_repo: SampleRepo) -> None:
    huge = "1" + "0" * 400
    text = sample_repo.replace(NANJING, "revenue: 2900", f"revenue: {huge}")
    finding = expect_one(sample_repo, NANJING, "MONEY-FORMAT")
    assert at(finding) == position_of(text, huge)
    assert "INTERNAL-ERROR" not in codes_of(sample_repo, NANJING)
