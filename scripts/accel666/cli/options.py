"""Argument types that several commands share."""

from __future__ import annotations

import argparse
import datetime as dt

from accel666.facts import iso_date


def iso_day(text: str) -> dt.date:
    """A `--today` value: a date written YYYY-MM-DD, refused in Chinese otherwise."""
    day = iso_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"日期 “{text}” 应写成 YYYY-MM-DD，例如 2020-08-30")
    return day
