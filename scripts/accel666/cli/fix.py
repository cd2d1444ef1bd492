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
from accel666.fix import FIXABLE, apply, fix_colons, plan
from accel666.load import load_document
from accel666.report.text import report as text_report
from accel666.repository import Repository, find_root, locate, open_repository

HELP = "自动修正全角冒号、未加引号的号码和全角数字字母等机械性问题"
_ROUNDS = 3


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
        text, count = fix_file(repo, relpath, original)
        if text != original:
            path.write_bytes(text.encode("utf-8"))
        print(f"{relpath}: 修正了 {count} 处。")
        remaining.findings.extend(check_bytes(repo, relpath, text.encode("utf-8")).findings)
        remaining.files_checked += 1
    if remaining.findings:
        print("以下问题需要手工修改：")
        text_report(remaining, sys.stdout)
    return 0 if remaining.ok else 1


def fix_file(repo: Repository, relpath: str, text: str) -> tuple[str, int]:
    """Apply the fixes until none is left (a fixed colon can reveal an unquoted number)."""
    text, colons = fix_colons(text, load_document(text.encode("utf-8"), relpath).findings)
    for finding in colons:
        print(f"{relpath}:{finding.line}:{finding.column}: 已修正 {finding.code} → :")
    count = len(colons)
    for _ in range(_ROUNDS):
        raw = text.encode("utf-8")
        doc = load_document(raw, relpath)
        fixable = [f for f in check_bytes(repo, relpath, raw).findings if f.code in FIXABLE]
        category = locate(relpath).category or (doc.data.get("category") if isinstance(doc.data, dict) else None)
        edits = plan(doc, str(category), fixable) if doc.loaded and category else []
        if not edits:
            break
        for edit in edits:
            print(f"{relpath}:{edit.line}:{edit.column}: 已修正 {edit.finding.code} → {edit.replacement}")
        text = apply(text, edits)
        count += len(edits)
    return text, count


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
