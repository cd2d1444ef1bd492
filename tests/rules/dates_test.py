"""Dates: the filled date inside the batch's window, founding before the deadline, periods in order."""

from __future__ import annotations

import pytest

from builders import SAMPLES, SampleRepo, assert_chinese, at, expect_one, findings_of

SERVICE = SAMPLES["service-center"]  # filled 2020-08-20; the first batch runs 2020-05-28 to 2020-08-30
CLOUD_BASE = SAMPLES["cloud-base"]
BACKBONE = SAMPLES["backbone"]
DEMO = SAMPLES["demo"]


def value_at(text: str, prefix: str) -> tuple[int, int]:
    index = text.index(prefix) + len(prefix)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# -- 填报日期 ---------------------------------------------------------------------------


@pytest.mark.parametrize("filled", ["2020-08-31", "2020-05-27", "2019-08-20"])
def test_a_filled_date_outside_the_application_window_is_refused(sample_repo: SampleRepo, filled: str) -> None:
    text = sample_repo.replace(SERVICE, "filled_date: 2020-08-20", f"filled_date: {filled}")
    finding = expect_one(sample_repo, SERVICE, "DATE-WINDOW")
    assert at(finding) == value_at(text, "filled_date: ")
    assert_chinese(finding.message, "「填报日期」", filled, "2020-05-28", "2020-08-30", "第一批")


@pytest.mark.parametrize("filled", ["2020-05-28", "2020-08-30"])
def test_the_notice_date_and_the_deadline_are_inside_the_window(sample_repo: SampleRepo, filled: str) -> None:
    sample_repo.replace(SERVICE, "filled_date: 2020-08-20", f"filled_date: {filled}")
    assert findings_of(sample_repo, SERVICE) == []


def test_a_cloud_bases_filled_date_is_checked_too(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(CLOUD_BASE, "filled_date: 2020-08-25", "filled_date: 2020-09-01")
    finding = expect_one(sample_repo, CLOUD_BASE, "DATE-WINDOW")
    assert at(finding) == value_at(text, "filled_date: ")


# -- 成立时间 ---------------------------------------------------------------------------


def test_a_founding_date_after_the_deadline_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "founded: 2012-04-18", "founded: 2020-08-31")
    finding = expect_one(sample_repo, BACKBONE, "FOUNDED-AFTER-DEADLINE")
    assert at(finding) == value_at(text, "founded: ")
    assert_chinese(finding.message, "「基本信息 › 成立时间」", "2020-08-31", "2020-08-30")


def test_a_unit_founded_on_the_deadline_may_apply(sample_repo: SampleRepo) -> None:
    # The sample passes condition (1), which does not depend on the founding date.
    sample_repo.replace(BACKBONE, "founded: 2012-04-18", "founded: 2020-08-30")
    assert findings_of(sample_repo, BACKBONE) == []


# -- 项目实施期限 -------------------------------------------------------------------------


@pytest.mark.parametrize("end", ["2020-06", "2019-12"])
def test_a_demo_period_ending_before_it_starts_is_refused(sample_repo: SampleRepo, end: str) -> None:
    text = sample_repo.replace(DEMO, 'end: "2021-06"', f'end: "{end}"')
    finding = expect_one(sample_repo, DEMO, "DEMO-PERIOD")
    assert at(finding) == value_at(text, "end: ")
    assert_chinese(finding.message, "「项目实施期限 › 结束年月」", "「项目实施期限 › 开始年月」", end, "2020-07")


@pytest.mark.parametrize("end", ["2020-07", "2020-08", "2021-01"])
def test_a_demo_period_ending_in_its_start_month_or_later_is_accepted(sample_repo: SampleRepo, end: str) -> None:
    sample_repo.replace(DEMO, 'end: "2021-06"', f'end: "{end}"')
    assert findings_of(sample_repo, DEMO) == []


def test_a_demo_period_across_a_new_year_is_in_order(sample_repo: SampleRepo) -> None:
    sample_repo.replace(DEMO, 'start: "2020-07"', 'start: "2020-12"')
    sample_repo.replace(DEMO, 'end: "2021-06"', 'end: "2021-01"')
    assert findings_of(sample_repo, DEMO) == []
