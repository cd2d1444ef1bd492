"""`accel666 codeowners [--check]`: write .github/CODEOWNERS from submissions/reviewers.yaml."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accel666.findings import Result
from accel666.report import text
from accel666.repository import find_root, open_repository
from accel666.rules.codes import with_severity


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check", action="store_true", help="不写文件，只检查 CODEOWNERS 是否最新、每个文件是否有审核人"
    )
    parser.add_argument("--root", type=Path, help="仓库根目录（默认从当前目录向上查找 submissions/）")


def run(args: argparse.Namespace) -> int:
    from accel666 import codeowners  # noqa: PLC0415 - only this command needs pathspec

    root = (args.root or find_root()).resolve()
    repo = open_repository(root)
    if repo.config_findings:
        text.report(Result(list(repo.config_findings), len(repo.config_files)), sys.stdout)
        return 1
    if not args.check:
        path = root / codeowners.CODEOWNERS
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(codeowners.codeowners_text(repo), encoding="utf-8")
        print(f"已写入 {codeowners.CODEOWNERS}。")
    findings = [with_severity(f) for f in codeowners.check_codeowners(repo)]
    result = Result(findings, files_checked=1)
    text.report(result, sys.stdout)
    return 0 if result.ok else 1
