"""`accel666 validate [PATH...]`: check files (default: the whole repository)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from accel666.check import check_outside, check_repository, unreadable
from accel666.errors import UsageError
from accel666.findings import Result
from accel666.report import REPORTERS
from accel666.repository import SUBMISSIONS, Repository, find_root, open_repository, printable_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, help="要检查的文件或文件夹")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="输出格式（默认 text）")
    parser.add_argument("--root", type=Path, help="仓库根目录（默认从当前目录向上查找 submissions/）")
    parser.add_argument("--no-cache", action="store_true", help="不使用也不更新缓存")
    parser.add_argument("--jobs", type=int, default=None, help="并行进程数（默认为 CPU 核数）")


def run(args: argparse.Namespace) -> int:
    root = (args.root or find_root()).resolve()
    repo = open_repository(root)
    result = validate(repo, args.paths, use_cache=not args.no_cache, processes=args.jobs)
    REPORTERS[args.format](result, sys.stdout)
    return 0 if result.ok else 1


def validate(repo: Repository, paths: list[Path], *, use_cache: bool, processes: int | None) -> Result:
    """Check `paths` (files or folders; none means the repository) and merge the results."""
    if not paths:
        return check_repository(repo, None, use_cache=use_cache, processes=processes)
    inside, outside = _expand(repo, paths)
    result = check_repository(repo, inside, use_cache=use_cache, processes=processes) if inside else Result()
    for relpath, path in outside:
        print(
            f"注意：{relpath} 不在 submissions/ 中，只检查了内容本身；文件位置、地区文件夹和与其他申报的重复"
            "要放到规定位置后才能检查（accel666 new 可生成放在规定位置的模板）。",
            file=sys.stderr,
        )
        try:
            extra = check_outside(repo, relpath, path.read_bytes())
        except OSError as error:
            extra = Result(list(unreadable(relpath, error).findings))
        result.findings.extend(extra.findings)
        result.files_checked += 1
    return result


def _expand(repo: Repository, paths: list[Path]) -> tuple[list[str], list[tuple[str, Path]]]:
    """Files inside submissions/ are judged there, whatever they are (a stray file is a finding);
    YAML drafts outside it are checked on their own."""
    inside: list[str] = []
    outside: list[tuple[str, Path]] = []
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"找不到 {path}：请检查路径。")
        files = _files_in(repo, path) if _is_folder(path) else [path]
        if not files:
            raise UsageError(f"{path} 中没有 .yaml 文件：请给出申报文件或含有申报文件的文件夹。")
        for file in files:
            relpath = printable_path(repo.relpath(file))  # as the scan names it
            if relpath.startswith(f"{SUBMISSIONS}/"):
                inside.append(relpath)
            elif file.suffix in (".yaml", ".yml"):
                outside.append((relpath, file))
            else:
                raise UsageError(f"{file} 不是 YAML 文件：只能检查 .yaml 文件。")
    return inside, outside


def _files_in(repo: Repository, folder: Path) -> list[Path]:
    """Under submissions/ every entry (what is not an application is a finding), elsewhere the YAML drafts."""
    if f"{repo.relpath(folder)}/".startswith(f"{SUBMISSIONS}/"):
        return sorted(p for p in folder.rglob("*") if p.is_symlink() or p.is_file())
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()
