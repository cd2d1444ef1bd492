"""`accel666 check [--base REF [--head REF] [--actor LOGIN]]`: what CI runs on a pull request.

The whole repository with its workflow rules and CODEOWNERS, and, given a base, the
rules that compare the change with it (late, locked, another region's files, stages
mixed, data with tooling). With `--head`, the gate: run from a checkout of the base, it
reads the pull request's head from git objects as data and judges it with the base's
code; `--actor` holds the author to their role. `--format summary` writes the Markdown
that CI puts in the job summary and the pull request's comment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from accel666.changes import check_pull_request, head_repository
from accel666.check import Checked
from accel666.cli.options import iso_day
from accel666.clock import today_in_beijing
from accel666.errors import UsageError
from accel666.git import ChangeSet, changes_between, changes_since
from accel666.report import REPORTERS, summary
from accel666.repository import Repository, find_root, open_repository


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", metavar="REF", help="比较基准：合并请求的目标分支或提交，例如 origin/main")
    parser.add_argument("--today", type=iso_day, metavar="YYYY-MM-DD", help="按这一天检查截止日期（默认北京时间今天）")
    formats = sorted([*REPORTERS, "summary"])
    parser.add_argument(
        "--format", choices=formats, default="text", help="输出格式（默认 text；summary 为 Markdown 摘要）"
    )
    parser.add_argument("--root", type=Path, help="仓库根目录（默认从当前目录向上查找 submissions/）")
    parser.add_argument("--no-cache", action="store_true", help="不使用也不更新缓存")
    parser.add_argument(
        "--head",
        metavar="REF",
        help="准入检查：把这一提交（合并请求的最新提交）当作数据检查，只从 git 对象读取，不检出、不运行其中任何内容；须与 --base 一起使用",
    )
    parser.add_argument(
        "--actor", metavar="用户名", help="合并请求作者的用户名：按基准分支的账号配置检查其是否有权修改这些文件"
    )


def run(args: argparse.Namespace) -> int:
    root = (args.root or find_root()).resolve()
    today = args.today or today_in_beijing()
    if args.base is None and (args.head is not None or args.actor is not None):
        raise UsageError("--head 和 --actor 须与 --base 一起使用：准入检查比较合并请求的基准和最新提交。")
    if args.head is not None:
        with head_repository(root, args.head) as (head, problems):
            change = changes_between(root, args.base, args.head)
            result = check_pull_request(head, change, today, use_cache=False, actor=args.actor, problems=problems)
            return _report(args.format, result, change, head, today)
    repo = open_repository(root)
    changes = changes_since(root, args.base) if args.base else None
    result = check_pull_request(repo, changes, today, use_cache=not args.no_cache, actor=args.actor)
    return _report(args.format, result, changes, repo, today)


def _report(form: str, result: Checked, changes: ChangeSet | None, repo: Repository, today: dt.date) -> int:
    if form == "summary":
        summary.report(result, changes, repo, today, sys.stdout)
    else:
        REPORTERS[form](result, sys.stdout)
    return 0 if result.ok else 1
