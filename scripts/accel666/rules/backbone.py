"""Backbone enterprise eligibility (附件2 申报企业基本要求), with the computed figures."""

from __future__ import annotations

from collections.abc import Iterator

from accel666.eligibility import Eligibility, assess
from accel666.facts import iso_date
from accel666.findings import Finding
from accel666.rules.base import Application


def check_eligibility(app: Application) -> Iterator[Finding]:
    if app.category != "backbone" or app.batch is None:
        return
    revenues = _revenues(app)
    if revenues is None:
        return
    years = app.batch.indicator_years
    if tuple(year for year, _ in revenues) != years:
        typed = "、".join(str(year) for year, _ in revenues)
        wanted = "、".join(map(str, years))
        message = f"「{app.title('indicators')}」的年度为 {typed}，{app.batch.name}应按顺序填写 {wanted} 年：请改正年度或顺序。"
        yield app.finding(("indicators",), "BACKBONE-INDICATOR-YEARS", message, at_key=True)
        return
    yield from _report(app, _assess(app, revenues))


def eligibility_of(app: Application) -> Eligibility | None:
    """The computed eligibility of a backbone application whose figures can be read, else None."""
    if app.category != "backbone" or app.batch is None:
        return None
    revenues = _revenues(app)
    if revenues is None or tuple(year for year, _ in revenues) != app.batch.indicator_years:
        return None
    return _assess(app, revenues)


def _assess(app: Application, revenues: list[tuple[int, float]]) -> Eligibility:
    assert app.batch is not None
    rd_expense = app.get(float, "rd_expense")
    listed = app.get(bool, "listed")
    founded = iso_date(app.get(str, "basic", "founded"))
    return assess(tuple(value for _, value in revenues), rd_expense, listed, founded, app.batch)


def _revenues(app: Application) -> list[tuple[int, float]] | None:
    items = app.get(list, "indicators") or []
    found = [
        (app.get(int, "indicators", i, "year"), app.get(float, "indicators", i, "revenue")) for i in range(len(items))
    ]
    if not found or any(year is None or value is None for year, value in found):
        return None
    return found  # type: ignore[return-value]


def _report(app: Application, result: Eligibility) -> Iterator[Finding]:
    batch = app.batch
    assert batch is not None
    last_year = batch.indicator_years[-1]
    minimum = batch.thresholds.rd_share_min
    if not result.rd_ok and app.get(float, "rd_expense") is not None:  # a missing figure is the schema's to report
        message = (
            f"近一年（{last_year} 年）研发经费占营业收入的比例为 {result.rd_share_text}，申报要求大于 {minimum:g}%："
            "请核对「近一年研发经费」和主营业务收入；不满足要求的企业不能申报。"
        )
        yield app.finding(("rd_expense",), "BACKBONE-RD-SHARE", message)
    if result.listed:
        message = "「是否已上市」为 true：骨干企业要求尚未上市，已上市企业不能申报；如未上市请改为 false。"
        yield app.finding(("listed",), "BACKBONE-LISTED", message)
    details = "；".join(route.describe() for route in result.routes)
    if not result.passing_routes:
        message = f"三项条件均不满足，至少须满足其中一项：{details}。"
        yield app.finding(("indicators",), "BACKBONE-ROUTES", message, at_key=True)
    elif result.falls and 1 not in result.passing_routes:
        falls = "、".join(f"{year} 年下降 {percent:.1f}%" for year, percent in result.falls)
        routes = "、".join(f"（{n}）" for n in result.passing_routes)
        message = (
            f"营业收入有大幅度下降（{falls}，超过 {batch.thresholds.large_fall:g}%），而满足的条件{routes}要求三年收入无大幅度下降："
            "请评审人员核实。"
        )
        yield app.finding(("indicators",), "BACKBONE-LARGE-FALL", message, at_key=True)
