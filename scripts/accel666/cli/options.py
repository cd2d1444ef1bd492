"""Argument types that several commands share."""

from __future__ import annotations

import argparse
import datetime as dt

from accel666.errors import UsageError
from accel666.facts import iso_date
from accel666.repository import Region, Repository


def iso_day(text: str) -> dt.date:
    """A `--today` value: a date written YYYY-MM-DD, refused in Chinese otherwise."""
    day = iso_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"日期 “{text}” 应写成 YYYY-MM-DD，例如 2020-08-30")
    return day


def known_batch(repo: Repository, batch: str) -> None:
    """A `--batch` value that names a batch of the repository, refused in Chinese otherwise."""
    if batch not in repo.batches:
        raise UsageError(f"批次 {batch} 不存在：可选的批次有 {'、'.join(repo.batches) or '（无）'}。")


def known_region(repo: Repository, code: str) -> Region:
    """The recommending region a `--region` value names, refused in Chinese otherwise."""
    if code not in repo.regions:
        choices = "、".join(f"{r.code} {r.name}" for r in repo.regions.values())
        raise UsageError(f"地区代码 {code} 不是推荐地区：可选 {choices}。")
    return repo.regions[code]
