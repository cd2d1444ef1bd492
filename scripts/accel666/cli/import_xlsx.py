"""`accel666 import-xlsx FILE --batch B [--today YYYY-MM-DD]`: the rows of a 附件3 summary sheet as application files.

Checked as the pull request adding them would be, deadlines and locks included, on
`--today` (default: today in Beijing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accel666.cli.options import iso_day, known_batch
from accel666.clock import today_in_beijing
from accel666.errors import FatalError
from accel666.repository import find_root, open_repository
from accel666.sheets.importer import Imported, import_sheet

OUTCOMES = {"created": "新建", "updated": "更新", "unchanged": "未改变"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, help="汇总表文件（.xlsx、.xls、.et、.ods 或 .csv），以网站上的空白汇总表为模板"
    )
    parser.add_argument("--batch", required=True, help="批次编号，如 2020-1")
    parser.add_argument("--sheet", help="只导入这一个工作表（默认导入每个有附件3 表头的工作表）")
    parser.add_argument("--partial", action="store_true", help="有错误的行不导入，其余行照常导入（退出码仍为 1）")
    parser.add_argument(
        "--today", type=iso_day, metavar="YYYY-MM-DD", help="按这一天检查申报截止日期等（默认北京时间今天）"
    )


def run(args: argparse.Namespace) -> int:
    repo = open_repository(find_root())
    known_batch(repo, args.batch)
    today = args.today or today_in_beijing()
    imported = import_sheet(repo, args.file, args.batch, today=today, partial=args.partial, sheet=args.sheet)
    if not imported.rows:
        names = "、".join(f"“{name}”" for name in imported.sheets)
        raise FatalError(f"{args.file}: 工作表 {names} 的表头下没有数据行，没有可导入的内容。")
    print(sheets_read(imported))
    for sheet, rows in imported.hidden.items():
        numbers = "、".join(map(str, rows))
        print(
            f"注意：工作表“{sheet}”有 {len(rows)} 行是隐藏的（手工隐藏或被筛选隐藏：第 {numbers} 行），这些行也已读取；"
            "如不应导入，请删除这些行后重新导入。"
        )
    for problem in imported.problems:
        print(problem.text(str(args.file)), file=sys.stderr)
    bad = len(imported.bad_rows)
    if bad and not args.partial:
        print(
            f"未写入任何文件：{imported.rows} 行中有 {bad} 行有错误。请修正后重新导入，或用 --partial 只导入没有错误的行。",
            file=sys.stderr,
        )
        return 1
    print(_summary(imported))
    if imported.absent:
        print(
            f"注意：仓库中本批次有 {len(imported.absent)} 个附件3 申报文件在这个汇总表中没有对应的行（已删除的行，"
            "或换了地区的企业）。这些文件未作改动；如企业确已退出，请另行删除文件并提交审核："
        )
        print("\n".join(f"  {relpath}" for relpath in imported.absent))
    return 1 if bad else 0


def sheets_read(imported: Imported) -> str:
    """The sheets read, with their rows, and those skipped, with why: a city's sheet is never lost unseen."""
    read = "、".join(f"“{name}”（{rows} 行）" for name, rows in imported.sheets.items())
    skipped = "；".join(f"“{name}”：{why}" for name, why in imported.skipped.items())
    return f"读取的工作表：{read}" + (f"。未读取的工作表：{skipped}" if skipped else "") + "。"


def _summary(imported: Imported) -> str:
    counts = "，".join(f"{label} {len(imported.written[key])} 个" for key, label in OUTCOMES.items())
    skipped = f"；{len(imported.bad_rows)} 行有错误，未导入" if imported.bad_rows else ""
    return f"已导入 {imported.rows - len(imported.bad_rows)} 行（{counts}文件）{skipped}。"
