"""`accel666 fix PATH...`: apply the mechanical, meaning-preserving fixes, then report what is left.

Exit 0 when nothing is left to fix by hand, 1 otherwise (like `validate`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accel666.check import check_bytes
from accel666.errors import UsageError
from accel666.findings import Result
from accel666.fix import fix_text
from accel666.report.text import report as text_report
from accel666.repository import find_root, open_repository


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, help="要修正的申报文件")
    parser.add_argument("--root", type=Path, help="仓库根目录（默认从当前目录向上查找 submissions/）")


def run(args: argparse.Namespace) -> int:
    repo = open_repository((args.root or find_root()).resolve())
    remaining = Result()
    for path in args.paths:
        if not path.is_file():
            raise UsageError(f"找不到文件 {path}。")
        relpath = repo.relpath(path)
        if not _is_utf8(path):
            print(f"{relpath}: 不是 UTF-8 编码，无法自动修正：请先以 UTF-8 另存。")
            remaining.findings.extend(check_bytes(repo, relpath, path.read_bytes()).findings)
            continue
        original = path.read_bytes().decode("utf-8")  # bytes: keep CRLF line ends as they are
        text, repairs = fix_text(repo, relpath, original)
        for repair in repairs:
            print(f"{relpath}:{repair.line}:{repair.column}: 已修正 {repair.code} → {repair.replacement}")
        if text != original:
            path.write_bytes(text.encode("utf-8"))
        print(f"{relpath}: 修正了 {len(repairs)} 处。")
        remaining.findings.extend(check_bytes(repo, relpath, text.encode("utf-8")).findings)
        remaining.files_checked += 1
    if remaining.findings:
        print("以下问题需要手工修改：")
        text_report(remaining, sys.stdout)
    return 0 if remaining.ok else 1


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
