"""The backbone enterprise requirements of 附件2, computed from an application's figures.

Decisions for the notice's ambiguities (DOMAIN.md), all read from the batch's thresholds:
the three years are the batch's indicator years; "three years ago" is the first of them;
growth is compounded over the two steps from the first to the last; "founded no more
than N years" is counted to the application deadline; "5000千万元" means 5000万元;
"no large fall" is a warning above a configured share, never a rejection.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accel666.repository import Batch

# Figures are typed with at most a few decimals; compare with this slack so that
# 30% growth typed as exact figures is not refused by a rounding error.
_EPSILON = 1e-9


@dataclass(frozen=True)
class Route:
    number: int
    passed: bool
    explanation: str  # each part with its figure, requirement and （满足）/（不满足）

    def describe(self) -> str:
        return f"条件（{self.number}）{'满足' if self.passed else '不满足'}：{self.explanation}"


@dataclass(frozen=True)
class Eligibility:
    rd_share: float | None
    rd_ok: bool
    listed: bool
    routes: tuple[Route, ...]
    falls: tuple[tuple[int, float], ...]  # (year, percent fallen from the year before)

    @property
    def passing_routes(self) -> tuple[int, ...]:
        return tuple(route.number for route in self.routes if route.passed)

    @property
    def eligible(self) -> bool:
        return self.rd_ok and not self.listed and bool(self.passing_routes)

    @property
    def rd_share_text(self) -> str:
        """The research share as the findings give it."""
        if self.rd_share is None:
            return "无法计算（研发经费未正确填写或营业收入为 0）"
        return f"{self.rd_share:.2f}%"

    def to_json(self) -> dict[str, object]:
        """The computed figures and verdicts, each route in the words of its findings (the browser's check shows them)."""
        return {
            "eligible": self.eligible,
            "rd_share": self.rd_share,
            "rd_share_text": self.rd_share_text,
            "rd_ok": self.rd_ok,
            "listed": self.listed,
            "routes": [
                {"number": r.number, "passed": r.passed, "explanation": r.explanation, "text": r.describe()}
                for r in self.routes
            ],
            "passing_routes": list(self.passing_routes),
            "falls": [{"year": year, "percent": percent} for year, percent in self.falls],
        }


def anniversary(founded: dt.date, year: int) -> dt.date:
    """The founding day in `year` (28 February for a 29 February founding in other years)."""
    try:
        return founded.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def age(founded: dt.date, on: dt.date) -> tuple[int, int]:
    """Whole years and remaining days from founding to `on` (5 years 0 days on the anniversary)."""
    years = on.year - founded.year
    if anniversary(founded, on.year) > on:
        years -= 1
    return years, (on - anniversary(founded, founded.year + years)).days


def completed_years(founded: dt.date, on: dt.date) -> int:
    return age(founded, on)[0]


def founded_within(founded: dt.date, years: int, deadline: dt.date) -> bool:
    """Founded no more than `years` years before the deadline (the anniversary itself passes)."""
    return deadline <= anniversary(founded, founded.year + years)


def describe_age(founded: dt.date | None, on: dt.date) -> str:
    if founded is None:
        return "（成立时间未正确填写）"
    years, days = age(founded, on)
    return f"{years} 年" + (f" {days} 天" if days else "")


def assess(
    revenues: tuple[float, ...], rd_expense: float | None, listed: bool | None, founded: dt.date | None, batch: Batch
) -> Eligibility:
    """Evaluate the requirements; `revenues` follows the batch's indicator years in order.

    A figure the applicant has not (validly) given counts as not meeting the condition
    that needs it; the schema layer reports the figure itself.
    """
    t = batch.thresholds
    first, last = revenues[0], revenues[-1]
    rd_share = rd_expense / last * 100 if last > 0 and rd_expense is not None else None
    rd_ok = rd_share is not None and rd_share > t.rd_share_min + _EPSILON
    steps = len(revenues) - 1
    cagr = ((last / first) ** (1 / steps) - 1) * 100 if first > 0 and last >= 0 else None
    last_growth = (last / revenues[-2] - 1) * 100 if revenues[-2] > 0 else None
    deadline = batch.application_deadline
    founded_age = describe_age(founded, deadline)
    years = batch.indicator_years
    growth_ok = cagr is not None and cagr >= t.route1_cagr_min - _EPSILON
    parts1 = (
        _part(
            f"{years[0]} 年营业收入 {first:g} 万元，要求不少于 {t.route1_base_revenue_min:g} 万元",
            first >= t.route1_base_revenue_min - _EPSILON,
        ),
        _part(f"{years[0]}—{years[-1]} 年复合增长率 {_pct(cagr)}，要求不低于 {t.route1_cagr_min:g}%", growth_ok),
        _part(f"{years[-1]} 年增长 {_pct(last_growth)}，要求正增长", last > revenues[-2]),
    )
    routes = [_route(1, parts1)]
    for number, max_age, minimum in (
        (2, t.route2_max_age, t.route2_revenue_min),
        (3, t.route3_max_age, t.route3_revenue_min),
    ):
        young = founded is not None and founded_within(founded, max_age, deadline)
        parts = (
            _part(f"截至 {deadline} 成立 {founded_age}，要求不超过 {max_age} 年", young),
            _part(f"{years[-1]} 年营业收入 {last:g} 万元，要求不低于 {minimum:g} 万元", last >= minimum - _EPSILON),
        )
        routes.append(_route(number, parts))
    falls = tuple(
        (years[i], (revenues[i - 1] - revenues[i]) / revenues[i - 1] * 100)
        for i in range(1, len(revenues))
        if revenues[i - 1] > 0 and (revenues[i - 1] - revenues[i]) / revenues[i - 1] * 100 > t.large_fall + _EPSILON
    )
    return Eligibility(rd_share, rd_ok, bool(listed), tuple(routes), falls)


def _part(text: str, passed: bool) -> tuple[str, bool]:
    return f"{text}（{'满足' if passed else '不满足'}）", passed


def _route(number: int, parts: tuple[tuple[str, bool], ...]) -> Route:
    """A route passes when every one of its parts does; the explanation lists each part."""
    passed = all(ok for _, ok in parts)
    return Route(number, passed, "，".join(text for text, _ in parts))


def _pct(value: float | None) -> str:
    return "无法计算" if value is None else f"{value:.2f}%"
