"""The backbone requirements of 附件2 as pure functions of plain values."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from accel666.eligibility import assess, completed_years, founded_within
from accel666.repository import Batch, Thresholds, open_repository
from builders import ROOT

D = dt.date
FIRST = Batch(
    id="2020-1",
    name="第一批",
    sample=True,
    practice=False,
    notice="苏工信融合〔2020〕229号",
    opens=D(2020, 5, 28),
    matching_deadline=D(2020, 7, 15),
    application_deadline=D(2020, 8, 30),
    review_deadline=D(2020, 9, 30),
    publication=D(2020, 10, 31),
    indicator_years=(2017, 2018, 2019),
    thresholds=Thresholds(
        rd_share_min=3,
        route1_base_revenue_min=1000,
        route1_cagr_min=30,
        route2_max_age=5,
        route2_revenue_min=5000,
        route3_max_age=10,
        route3_revenue_min=10000,
        large_fall=20,
    ),
)
OLD = D(2000, 1, 1)  # founded too long ago for conditions (2) and (3)


def test_the_first_batch_used_here_is_the_shipped_configuration() -> None:
    shipped = open_repository(ROOT).batches["2020-1"]
    assert shipped == FIRST


# -- completed_years --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("founded", "on", "years"),
    [
        (D(2015, 8, 30), D(2020, 8, 30), 5),  # the anniversary completes a year
        (D(2015, 8, 31), D(2020, 8, 30), 4),  # the day before it does not
        (D(2020, 8, 30), D(2020, 8, 30), 0),
        (D(2019, 12, 31), D(2020, 1, 1), 0),
        (D(2016, 2, 29), D(2020, 2, 29), 4),  # leap day to leap day
        (D(2016, 2, 29), D(2020, 2, 28), 3),
        (D(2016, 2, 29), D(2021, 2, 27), 4),
        (D(2016, 2, 29), D(2021, 3, 1), 5),
        (D(2015, 2, 28), D(2020, 2, 29), 5),
        (D(2015, 3, 1), D(2020, 2, 29), 4),
    ],
)
def test_completed_years_count_whole_years_up_to_and_including_the_anniversary(
    founded: dt.date, on: dt.date, years: int
) -> None:
    assert completed_years(founded, on) == years


# -- founded_within -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("founded", "years", "deadline", "within"),
    [
        (D(2015, 8, 30), 5, D(2020, 8, 30), True),  # exactly five years
        (D(2015, 8, 29), 5, D(2020, 8, 30), False),  # five years and a day
        (D(2015, 8, 31), 5, D(2020, 8, 30), True),
        (D(2020, 8, 30), 5, D(2020, 8, 30), True),  # founded on the deadline
        (D(2010, 8, 30), 10, D(2020, 8, 30), True),
        (D(2010, 8, 29), 10, D(2020, 8, 30), False),
        # Founded on 29 February: in a common year the period ends on 28 February
        # (民法典第二百零三条: no corresponding day, the month's last day).
        (D(2016, 2, 29), 5, D(2021, 2, 28), True),
        (D(2016, 2, 29), 5, D(2021, 3, 1), False),
        (D(2012, 2, 29), 8, D(2020, 2, 29), True),  # leap day to leap day
        (D(2012, 2, 28), 8, D(2020, 2, 29), False),
        # A deadline on 29 February.
        (D(2015, 2, 28), 5, D(2020, 2, 29), False),  # five years and a day
        (D(2015, 3, 1), 5, D(2020, 2, 29), True),
    ],
)
def test_founded_within_n_years_includes_the_anniversary_itself(
    founded: dt.date, years: int, deadline: dt.date, within: bool
) -> None:
    assert founded_within(founded, years, deadline) is within


# -- assess: R&D share and listing ------------------------------------------------------------


def test_an_rd_share_of_exactly_3_percent_is_not_enough() -> None:
    result = assess((1000, 1300, 1690), 50.7, False, OLD, FIRST)  # 50.7 / 1690 = 3%
    assert result.rd_share == pytest.approx(3.0)
    assert result.rd_ok is False
    assert result.eligible is False


def test_an_rd_share_just_over_3_percent_is_enough() -> None:
    result = assess((1000, 1300, 1690), 50.8, False, OLD, FIRST)
    assert result.rd_share == pytest.approx(3.0059, abs=1e-4)
    assert result.rd_ok is True
    assert result.eligible is True


@pytest.mark.parametrize(("revenues", "rd_expense"), [((1000, 1300, 1690), None), ((1000, 1300, 0), 50.0)])
def test_an_rd_share_without_rd_expense_or_revenue_cannot_be_computed(
    revenues: tuple[float, ...], rd_expense: float | None
) -> None:
    result = assess(revenues, rd_expense, False, OLD, FIRST)
    assert result.rd_share is None
    assert result.rd_ok is False


def test_a_listed_enterprise_is_not_eligible_whatever_its_figures() -> None:
    result = assess((1000, 1300, 1690), 100, True, OLD, FIRST)
    assert result.rd_ok is True
    assert result.passing_routes == (1,)
    assert result.listed is True
    assert result.eligible is False


# -- assess: the three conditions ---------------------------------------------------------------


def test_condition_1_passes_at_exactly_30_percent_compound_growth() -> None:
    result = assess((1000, 1300, 1690), 100, False, OLD, FIRST)
    assert result.passing_routes == (1,)
    assert "复合增长率 30.00%" in result.routes[0].explanation


@pytest.mark.parametrize(
    "revenues",
    [
        (1000, 1300, 1689),  # 29.96% compound growth
        (999, 1300, 1690),  # less than 1000 three years ago
        (1000, 1690, 1690),  # no growth in the last year
        (1000, 1800, 1700),  # a fall in the last year
        (0, 1300, 1690),  # growth from nothing cannot be computed
    ],
)
def test_condition_1_fails_when_one_of_its_three_figures_fails(revenues: tuple[float, ...]) -> None:
    result = assess(revenues, 100, False, OLD, FIRST)
    assert result.routes[0].passed is False
    assert result.passing_routes == ()


def test_condition_1s_explanation_gives_the_base_growth_and_last_years_growth() -> None:
    described = assess((1500, 2100, 2500), 100, False, OLD, FIRST).routes[0].describe()
    for part in (
        "条件（1）不满足",
        "2017 年营业收入 1500 万元，要求不少于 1000 万元（满足）",
        "2017—2019 年复合增长率 29.10%，要求不低于 30%（不满足）",
        "2019 年增长 19.05%，要求正增长（满足）",
    ):
        assert part in described


def test_growth_from_nothing_is_explained_as_not_computable() -> None:
    assert "复合增长率 无法计算" in assess((0, 1300, 1690), 100, False, OLD, FIRST).routes[0].explanation


def test_condition_2_passes_five_years_after_founding_with_5000_wan_yuan() -> None:
    result = assess((800, 3000, 5000), 310, False, D(2015, 8, 30), FIRST)
    assert result.passing_routes == (2,)
    assert "成立 5 年" in result.routes[1].explanation


@pytest.mark.parametrize(("founded", "last"), [(D(2015, 8, 29), 5000), (D(2015, 8, 30), 4999.99)])
def test_condition_2_fails_a_day_too_old_or_a_little_short_of_5000_wan_yuan(founded: dt.date, last: float) -> None:
    result = assess((800, 3000, last), 310, False, founded, FIRST)
    assert result.routes[1].passed is False


def test_condition_3_passes_ten_years_after_founding_with_one_yi_yuan() -> None:
    result = assess((11000, 11500, 10000), 620, False, D(2010, 8, 30), FIRST)
    assert result.passing_routes == (3,)


@pytest.mark.parametrize(("founded", "last"), [(D(2010, 8, 29), 10000), (D(2010, 8, 30), 9999.99)])
def test_condition_3_fails_a_day_too_old_or_a_little_short_of_one_yi_yuan(founded: dt.date, last: float) -> None:
    result = assess((11000, 11500, last), 620, False, founded, FIRST)
    assert result.routes[2].passed is False


def test_a_young_large_enterprise_meets_conditions_2_and_3() -> None:
    assert assess((9000, 10000, 11000), 620, False, D(2018, 1, 1), FIRST).passing_routes == (2, 3)


def test_without_a_founding_date_conditions_2_and_3_fail_and_say_why() -> None:
    result = assess((11000, 11500, 12000), 620, False, None, FIRST)
    assert [route.passed for route in result.routes[1:]] == [False, False]
    assert all("成立时间未正确填写" in route.explanation for route in result.routes[1:])


# -- assess: large falls -------------------------------------------------------------------------


def test_a_fall_of_exactly_20_percent_is_not_large() -> None:
    assert assess((100, 80, 100), 5, False, OLD, FIRST).falls == ()


def test_a_fall_of_more_than_20_percent_is_recorded_with_its_year_and_size() -> None:
    falls = assess((100, 79, 100), 5, False, OLD, FIRST).falls
    assert [(year, round(percent, 6)) for year, percent in falls] == [(2018, 21.0)]


def test_falls_in_both_years_are_recorded() -> None:
    falls = assess((100, 70, 49), 5, False, OLD, FIRST).falls
    assert [(year, round(percent, 6)) for year, percent in falls] == [(2018, 30.0), (2019, 30.0)]


def test_a_large_fall_does_not_by_itself_make_an_enterprise_ineligible() -> None:
    result = assess((14000, 11000, 12000), 620, False, D(2013, 6, 1), FIRST)
    assert result.falls
    assert result.passing_routes == (3,)
    assert result.eligible is True


def test_the_thresholds_come_from_the_batch() -> None:
    strict = dataclasses.replace(FIRST, thresholds=dataclasses.replace(FIRST.thresholds, large_fall=10, rd_share_min=6))
    result = assess((100, 85, 100), 5.5, False, OLD, strict)
    assert [year for year, _ in result.falls] == [2018]
    assert result.rd_ok is False
