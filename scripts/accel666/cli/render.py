"""`accel666 render PATH... --to docx|pdf [-o FILE]`: the filled application form, for the printed copies."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accel666.cli.gate import passes
from accel666.documents.pdf import OfficeMissing
from accel666.documents.render import FORMATS, Version, application_id, problems, write_forms
from accel666.errors import FatalError, UsageError
from accel666.repository import Repository, find_root, locate, open_repository


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", type=Path, help="申报文件：submissions/<批次>/<地区代码>/<类别>/<统一社会信用代码>.yaml"
    )
    parser.add_argument(
        "--to", choices=FORMATS, help="输出格式：docx（Word）或 pdf（需要 LibreOffice）；默认按 -o 的扩展名，否则 docx"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help=(
            "输出文件，扩展名为 .docx 或 .pdf，不写扩展名时按输出格式补上（默认为当前文件夹中的“统一社会信用代码.docx”）；"
            "已有的文件夹，或多个申报文件时，为输出文件夹"
        ),
    )


def run(args: argparse.Namespace) -> int:
    to = _format(args.to, args.output)
    repo = open_repository(find_root(args.paths[0].resolve().parent))
    relpaths = [_application(repo, path) for path in args.paths]
    if not passes(
        problems(repo, relpaths), "未生成申报表：以上申报文件有错误，请修正并通过检查（accel666 validate）后再打印。"
    ):
        return 1
    targets = _targets(relpaths, args.output, to)
    try:
        versions = write_forms(repo, targets, to)
    except OfficeMissing as exc:
        word = " ".join(["accel666 render", *map(str, args.paths), "--to docx"])
        raise FatalError(f"{exc}不安装这些软件包也可以生成 Word 文件：{word}。") from exc
    except OSError as exc:
        raise FatalError(f"无法写入 {exc.filename or '输出文件'}：{exc.strerror or exc}。") from exc
    for relpath, target in targets.items():
        _warn_uncommitted(relpath, versions[relpath])
        print(f"已生成 {target}（申报编号 {application_id(relpath)}）")
    return 0


def _warn_uncommitted(relpath: str, version: Version) -> None:
    """A version HEAD does not hold leads nowhere from paper: say so, but print (a draft is worth reading)."""
    if version.committed is False:
        print(
            f"警告：{relpath} 与最近一次提交（HEAD）中的内容不同（尚未提交或提交后又有修改），"
            f"页脚中的文件版本 {version.short} 还不在任何提交中，无法据此找回纸质材料对应的提交。"
            "正式报送的纸质材料请在提交（git commit）之后再打印。",
            file=sys.stderr,
        )


def _format(to: str | None, output: Path | None) -> str:
    """--to, else the output file's extension, else docx; an output file named otherwise is refused."""
    suffix = output.suffix.lower().lstrip(".") if output is not None and not output.is_dir() else ""
    if suffix and suffix not in FORMATS:
        raise UsageError(
            f"无法生成 {output}：输出文件的扩展名应为 .docx（Word）或 .pdf，不写扩展名时按输出格式补上；"
            "-o 也可以是已有的文件夹。"
        )
    if to and suffix and suffix != to:
        raise UsageError(f"--to {to} 与输出文件 {output} 的扩展名不一致。")
    return to or suffix or "docx"


def _application(repo: Repository, path: Path) -> str:
    if not path.is_file():
        raise UsageError(f"找不到申报文件 {path}：请检查路径。")
    relpath = repo.relpath(path)
    if locate(relpath).kind != "application":
        raise UsageError(
            f"{path} 不是申报仓库中的申报文件：只能打印 submissions/<批次>/<地区代码>/<类别>/<统一社会信用代码>.yaml。"
        )
    return relpath


def _targets(relpaths: list[str], output: Path | None, to: str) -> dict[str, Path]:
    """Where each form goes: `output` for one file (with the format's extension if it has none), else files named
    after the code in `output` (a folder)."""
    stems = [str(locate(relpath).stem) for relpath in relpaths]
    if len(set(relpaths)) != len(relpaths):
        raise UsageError("同一个申报文件给出了不止一次。")
    if len(set(stems)) != len(stems):  # one unit in two categories or batches
        stems = [application_id(relpath).replace("/", "-") for relpath in relpaths]
    if len(relpaths) == 1 and output is not None and not output.is_dir():
        output.parent.mkdir(parents=True, exist_ok=True)
        return {relpaths[0]: output if output.suffix else output.with_suffix(f".{to}")}
    folder = output or Path()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"给出多个申报文件时，-o 应为文件夹，但 {folder} 是文件。")
    folder.mkdir(parents=True, exist_ok=True)
    return {relpath: folder / f"{stem}.{to}" for relpath, stem in zip(relpaths, stems, strict=True)}
