"""`accel666 intake FILE... [--batch B] [--region CODE] [--actor LOGIN]`: a bureau's received files, placed.

Each file goes to `submissions/<batch>/<region>/<category>/<USCC>.yaml`, checked as the
pull request holding them would be; the files with errors are not written, and what
was placed where, and what is wrong, is printed in Chinese.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accel666 import git
from accel666.cli.options import iso_day, known_batch, known_region
from accel666.clock import today_in_beijing
from accel666.errors import FatalError
from accel666.findings import Finding
from accel666.intake.placement import OUTCOMES, Options, Received, intake
from accel666.report.text import line
from accel666.repository import find_root, open_repository


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="文件", help="收到的申报文件（<统一社会信用代码>.yaml）")
    parser.add_argument("--batch", help="批次编号（默认：文件中的批次，或今天正在受理申报的批次）")
    parser.add_argument("--region", metavar="地区代码", help="本地区代码，如 320500（默认：文件中的地区代码）")
    parser.add_argument(
        "--actor",
        metavar="用户名",
        help="将发起合并请求的账号：按账号配置检查其是否有权提交这些文件（如地区工信局的账号）",
    )
    parser.add_argument(
        "--today", type=iso_day, metavar="YYYY-MM-DD", help="按这一天检查申报截止日期等（默认北京时间今天）"
    )


def run(args: argparse.Namespace) -> int:
    repo = open_repository(find_root())
    if git.output(repo.root, "rev-parse", "--verify", "--quiet", "HEAD") is None:
        raise FatalError(
            f"{repo.root} 不是已有提交的 git 仓库：accel666 intake 须在申报仓库的克隆中运行（以当前提交为基准检查）。"
        )
    if args.batch:
        known_batch(repo, args.batch)
    if args.region:
        known_region(repo, args.region)
    options = Options(args.today or today_in_beijing(), args.batch, args.region, args.actor)
    received, others = intake(repo, args.files, options)
    for item in received:
        _print(item)
    _print_others(others)
    placed = sum(1 for item in received if item.outcome in ("created", "updated"))
    refused = sum(1 for item in received if item.outcome == "refused")
    print(
        f"收到 {len(received)} 个文件：放入 {placed} 个，未改变 {len(received) - placed - refused} 个，未放入 {refused} 个。"
    )
    if placed:
        print("请核对后提交（git add submissions/ 然后 git commit），再为本地区发起一个合并请求。")
    return 1 if refused or others else 0


def _print(item: Received) -> None:
    stream = sys.stderr if item.outcome == "refused" else sys.stdout
    where = f" → {item.relpath}" if item.relpath else ""
    notes = f"（{'；'.join(item.notes)}）" if item.notes and item.outcome != "refused" else ""
    print(f"{OUTCOMES[item.outcome]}：{item.source}{where}{notes}", file=stream)
    for finding in sorted(item.problems):
        print(f"  {line(finding)}", file=stream)


def _print_others(others: list[Finding]) -> None:
    if not others:
        return
    print(
        f"注意：本地区的合并请求还会因以下 {len(others)} 个其他文件的问题不通过（与收到的文件无关，请另行处理）：",
        file=sys.stderr,
    )
    for finding in others:
        print(f"  {line(finding)}", file=sys.stderr)
