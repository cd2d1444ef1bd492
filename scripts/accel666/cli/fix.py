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
from accel666.fix import Repair, fix_text
from accel666.repair import encoding
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
        raw = path.read_bytes()
        decoded = encoding.decode(raw)
        if decoded is None:
            print(f"{relpath}: 不是 UTF-8、UTF-16 或 GBK/GB18030 编码的文字文件，无法自动修正：请先以 UTF-8 另存。")
            remaining.findings.extend(check_bytes(repo, relpath, raw).findings)
            continue
        # From bytes: CRLF line ends stay as they are, and so does a UTF-8 file's byte-order mark.
        original = raw.decode("utf-8") if decoded.encoding == "utf-8" else decoded.text
        if decoded.encoding != "utf-8":
            print(f"{relpath}: 已从 {decoded.name} 编码转换为 UTF-8。")
            path.write_bytes(original.encode("utf-8"))
        text, repairs = fix_text(repo, relpath, original)
        for repair in repairs:
            print(f"{relpath}:{repair.line}:{repair.column}: {said(repair)}")
        if text != original:
            path.write_bytes(text.encode("utf-8"))
        print(f"{relpath}: 修正了 {len(repairs)} 处。")
        remaining.findings.extend(check_bytes(repo, relpath, text.encode("utf-8")).findings)
        remaining.files_checked += 1
    if remaining.findings:
        print("以下问题需要手工修改：")
        text_report(remaining, sys.stdout)
    return 0 if remaining.ok else 1


def said(repair: Repair) -> str:
    """`已修正 CODE → replacement`, then the mistake in the words the 附件3 import uses for a cell."""
    replaced = "" if repair.replacement is None else f" → {repair.replacement}"
    return f"已修正 {repair.code or '输入'}{replaced}{'：' + repair.message if repair.message else ''}"
