"""Rules about dates: inside the batch's window, founding before the deadline, periods in order."""

from __future__ import annotations

from collections.abc import Iterator

from accel666.facts import iso_date
from accel666.findings import Finding
from accel666.rules.base import Application


def check_filled_date(app: Application) -> Iterator[Finding]:
    """附件1's 填报日期 lies between the notice and the application deadline."""
    filled = iso_date(app.get(str, "filled_date"))
    batch = app.batch
    if filled is None or batch is None:
        return
    if not batch.opens <= filled <= batch.application_deadline:
        message = (
            f"「{app.title('filled_date')}」{filled} 不在{batch.name}申报期内"
            f"（{batch.opens} 至 {batch.application_deadline}）：请填写实际填报日期。"
        )
        yield app.finding(("filled_date",), "DATE-WINDOW", message)


def check_founded(app: Application) -> Iterator[Finding]:
    """附件2's 成立时间 cannot be after the application deadline."""
    founded = iso_date(app.get(str, "basic", "founded"))
    batch = app.batch
    if founded is not None and batch is not None and founded > batch.application_deadline:
        message = (
            f"「{app.title('basic', 'founded')}」{founded} 晚于{batch.name}申报截止日期 {batch.application_deadline}："
            "请核对营业执照上的成立日期。"
        )
        yield app.finding(("basic", "founded"), "FOUNDED-AFTER-DEADLINE", message)


def check_demo_period(app: Application) -> Iterator[Finding]:
    """附件3's 项目实施期限 ends no earlier than it starts (YYYY-MM compares as text)."""
    start, end = app.get(str, "period", "start"), app.get(str, "period", "end")
    if start and end and len(start) == len(end) == 7 and end < start:
        message = (
            f"「{app.title('period', 'end')}」{end} 早于「{app.title('period', 'start')}」{start}：请核对项目实施期限。"
        )
        yield app.finding(("period", "end"), "DEMO-PERIOD", message)
