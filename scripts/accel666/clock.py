"""The two clocks the tool reads: today in Beijing, and a build's date from SOURCE_DATE_EPOCH.

Deadlines, 公示 periods and the site's stage are Beijing dates (China has kept UTC+8
without daylight saving since 1991). A reproducible build (reproducible-builds.org)
sets SOURCE_DATE_EPOCH; `source_date_epoch` is its one reader, and refuses junk rather
than silently falling back to the real clock, so two builds never differ unnoticed.
"""

from __future__ import annotations

import datetime as dt
import os

from accel666.errors import ConfigError

BEIJING = dt.timezone(dt.timedelta(hours=8))


def today_in_beijing() -> dt.date:
    return dt.datetime.now(BEIJING).date()


def source_date_epoch() -> dt.datetime | None:
    """$SOURCE_DATE_EPOCH as an aware UTC time, None when unset or empty."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ConfigError(f"环境变量 SOURCE_DATE_EPOCH 应为整数秒数，现为 {raw!r}：请改正或删除它。")
    return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)


def build_date() -> dt.date:
    """The Beijing date of SOURCE_DATE_EPOCH when set, else today in Beijing.

    Beijing, as everywhere dates are compared: a 公示 starting on 10-13 is on the site
    from 00:00 Beijing time, not from 08:00.
    """
    epoch = source_date_epoch()
    return epoch.astimezone(BEIJING).date() if epoch else today_in_beijing()
