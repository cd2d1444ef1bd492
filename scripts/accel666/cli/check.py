"""`accel666 check [--base REF]`: exactly what CI runs on a pull request.

The whole repository with its workflow rules and CODEOWNERS, and, given a base, the
rules that compare the change with it (late, locked, another region's files, stages
mixed). `--format summary` writes the Markdown that CI puts in the job summary and
the pull request's comment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accel666.changes import check_pull_request
from accel666.cli.options import iso_day
from accel666.clock import today_in_beijing
from accel666.git import changes_since
from accel666.report import REPORTERS, summary
from accel666.repository import find_root, open_repository


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
    root = (args.root or find_root()).resolve()
    repo = open_repository(root)
    today = args.today or today_in_beijing()
    changes = changes_since(root, args.base) if args.base else None
    result = check_pull_request(repo, changes, today, use_cache=not args.no_cache)
    if args.format == "summary":
        summary.report(result, changes, repo, today, sys.stdout)
    else:
        REPORTERS[args.format](result, sys.stdout)
    return 0 if result.ok else 1
