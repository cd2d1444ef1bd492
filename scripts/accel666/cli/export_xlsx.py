"""`accel666 export-xlsx [-o FILE] [--batch B] [--region CODE]`: 附件3 (and a region's overview) as Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

from accel666.cli.gate import passes
from accel666.errors import FatalError
from accel666.repository import find_root, open_repository
from accel666.sheets.exporter import latest_batch, plan_export, problems, workbook


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, help="输出文件（默认为当前文件夹中的“附件3-批次.xlsx”）")
    parser.add_argument("--batch", help="批次编号，如 2020-1（默认为最新的批次）")
    parser.add_argument("--region", help="地区代码，如 320100：另加一张本地区各类申报的汇总表")


def run(args: argparse.Namespace) -> int:
    repo = open_repository(find_root())
    export = plan_export(repo, args.batch or latest_batch(repo), args.region)
    checked = problems(repo, export)
    if not passes(checked, "未导出：以上申报文件有错误，请修正并通过检查（accel666 validate）后再导出。"):
        return 1
    suffix = f"-{export.region}" if export.region else ""
    output = args.output or Path(f"附件3-{export.batch}{suffix}.xlsx")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(workbook(repo, export, checked.snapshot))
    except OSError as exc:
        raise FatalError(f"无法写入 {output}：{exc.strerror or exc}。") from exc
    print(f"已导出 {output}：附件3 共 {len(export.rows)} 行。")
    return 0
