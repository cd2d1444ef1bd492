"""`accel666 check [--base REF]`: exactly what CI runs on a pull request.

The whole repository with its workflow rules and CODEOWNERS, and, given a base, the
rules that compare the change with it (late, locked, another region's files, stages
mixed). `--format summary` writes the Markdown that CI puts in the job summary and
the pull request's comment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from accel666.facts import iso_date
from accel666.report import REPORTERS
from accel666.repository import find_root, open_repository

if TYPE_CHECKING:
    from accel666.findings import Result
    from accel666.git import ChangeSet
    from accel666.repository import Repository

HELP = "按合并请求的要求检查整个仓库；给出 --base 时还检查相对基准的修改（截止日期、锁定、地区、阶段）"


def iso_day(text: str) -> dt.date:
    day = iso_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"日期 “{text}” 应写成 YYYY-MM-DD，例如 2020-08-30")
    return day


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", metavar="REF", help="比较基准：合并请求的目标分支或提交，例如 origin/main")
    parser.add_argument("--today", type=iso_day, metavar="YYYY-MM-DD", help="按这一天检查截止日期（默认北京时间今天）")
    formats = sorted([*REPORTERS, "summary"])
    parser.add_argument(
        "--format", choices=formats, default="text", help="输出格式（默认 text；summary 为 Markdown 摘要）"
    )
    parser.add_argument("--root", type=Path, help="仓库根目录（默认从当前目录向上查找 submissions/）")
    parser.add_argument("--no-cache", action="store_true", help="不使用也不更新缓存")


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every command's parser is built on each start, and
    # `validate`, the pre-commit hook, should not pay for git, CODEOWNERS and the summary.
    from accel666.git import changes_since  # noqa: PLC0415
    from accel666.report import summary  # noqa: PLC0415
    from accel666.workflow import today_in_beijing  # noqa: PLC0415

    root = (args.root or find_root()).resolve()
    repo = open_repository(root)
    today = args.today or today_in_beijing()
    changes = changes_since(root, args.base) if args.base else None
    result = check(repo, changes, today, use_cache=not args.no_cache)
    if args.format == "summary":
        summary.report(result, changes, repo, today, sys.stdout)
    else:
        REPORTERS[args.format](result, sys.stdout)
    return 0 if result.ok else 1


def check(repo: Repository, changes: ChangeSet | None, today: dt.date, *, use_cache: bool = True) -> Result:
    """The repository's findings, CODEOWNERS's, and those of the change since its base."""
    from accel666 import codeowners  # noqa: PLC0415
    from accel666.check import check_repository  # noqa: PLC0415
    from accel666.rules import CHANGE_CHECKS, with_severity  # noqa: PLC0415
    from accel666.rules.changes import ChangeContext  # noqa: PLC0415

    result = check_repository(repo, None, use_cache=use_cache, today=today)
    result.findings.extend(with_severity(f) for f in codeowners.check(repo))
    if changes is not None:
        context = ChangeContext(repo, changes, today, result.snapshot.states)
        for rule in CHANGE_CHECKS:
            result.findings.extend(with_severity(f) for f in rule(context))
    return result
