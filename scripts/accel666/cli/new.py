"""`accel666 new CATEGORY`: write a commented template generated from the form's schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accel666.errors import UsageError
from accel666.repository import SUBMISSIONS, find_root, open_repository
from accel666.rules.identity import is_valid_uscc
from accel666.schema import FORMS
from accel666.template import Prefill, render

HELP = "根据申报表的字段定义（schemas/）生成带注释的填写模板"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "category", choices=FORMS, help="申报类别：cloud-center（附件1）、backbone（附件2）、demo-enterprise（附件3）"
    )
    parser.add_argument("--variant", choices=("云服务中心", "云基地"), help="附件1 的表格类型")
    parser.add_argument("--batch", help="批次编号，如 2020-1")
    parser.add_argument("--region", help="地区代码，如 320500")
    parser.add_argument("--uscc", help="统一社会信用代码；与 --batch、--region 一起给出时直接写入仓库中的规定位置")
    parser.add_argument("-o", "--output", type=Path, help="写入的文件（默认输出到屏幕）")


def run(args: argparse.Namespace) -> int:
    if args.category == "cloud-center" and not args.variant:
        raise UsageError("附件1 须用 --variant 指定“云服务中心”或“云基地”。")
    if args.category != "cloud-center" and args.variant:
        raise UsageError("--variant 只用于 cloud-center（附件1）。")
    if args.uscc and not is_valid_uscc(args.uscc):
        raise UsageError(
            f"统一社会信用代码 {args.uscc} 不正确（18 位大写字母或数字，校验位须正确）：请对照营业执照核对。"
        )
    years: tuple[int, ...] = ()
    output = args.output
    if args.batch and args.region and args.uscc and output is None:
        root = find_root()
        repo = open_repository(root)
        batch = repo.batches.get(args.batch)
        if batch is None:
            raise UsageError(f"批次 {args.batch} 不存在：可选的批次有 {'、'.join(repo.batches) or '（无）'}。")
        if args.region not in repo.regions:
            choices = "、".join(f"{r.code} {r.name}" for r in repo.regions.values())
            raise UsageError(f"地区代码 {args.region} 不是推荐地区：可选 {choices}。")
        years = batch.indicator_years
        output = root / SUBMISSIONS / args.batch / args.region / args.category / f"{args.uscc}.yaml"
    text = render(args.category, Prefill(args.batch, args.region, args.uscc, args.variant, years))
    if output is None:
        sys.stdout.write(text)
        return 0
    if output.exists():
        raise UsageError(f"{output} 已存在，不会覆盖：请换一个文件名或先删除它。")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"已生成 {output}：请按注释填写后运行 accel666 validate {output}")
    return 0
