"""`accel666 COMMAND ...`: argument parsing and the one error handler.

Exit codes: 0 no error found, 1 errors found (or the tool cannot go on), 2 wrong usage,
3 an unexpected failure of the tool itself.

A command's module is imported only when that command runs: `accel666 validate FILE`,
the pre-commit hook run on every commit, never loads the office, sheet or site code.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from accel666 import __version__
from accel666.cli import chinese
from accel666.errors import FatalError, UsageError


@dataclass(frozen=True)
class Command:
    module: str  # under accel666.cli: `add_arguments(parser)` and `run(args) -> int`
    help: str


COMMANDS: dict[str, Command] = {
    "validate": Command("validate", "检查申报文件和配置；不给路径时检查整个仓库"),
    "check": Command(
        "check", "按合并请求的要求检查整个仓库；给出 --base 时还检查相对基准的修改（截止日期、锁定、地区、阶段）"
    ),
    "status": Command("status", "查询申报状态：给出申报文件或统一社会信用代码时显示其进展，否则按地区和类别汇总"),
    "codeowners": Command(
        "codeowners", "根据 submissions/reviewers.yaml 生成 .github/CODEOWNERS；--check 只检查是否最新"
    ),
    "new": Command(
        "new", "根据字段定义（schemas/）生成带注释的填写模板：申报表，或推荐意见、专家评审意见、决定、公示、名单发布"
    ),
    "intake": Command(
        "intake",
        "地区工信局：把收到的申报文件放到仓库中的规定位置，按合并请求的要求检查（截止日期、锁定、重复、账号权限）",
    ),
    "fix": Command("fix", "自动修正全角冒号、未加引号的号码和全角数字字母等机械性问题"),
    "rules": Command("rules", "列出所有检查规则的代码、级别和含义"),
    "render": Command("render", "把申报文件打印成填好的申报表（Word 或 PDF），每页页脚有申报编号和文件版本"),
    "import-xlsx": Command(
        "import_xlsx", "把附件3 汇总表（Excel、WPS、OpenDocument 或 CSV）的每一行导入为一个申报文件；全部通过检查才写入"
    ),
    "export-xlsx": Command(
        "export_xlsx", "把附件3 汇总表导出为 Excel（可再用 import-xlsx 导入）；--region 另加本地区全部申报的汇总"
    ),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"命令行参数有误：{message}（运行 {self.prog} --help 查看用法）")


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"accel666.cli.{COMMANDS[name].module}")


def parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; only the `chosen` command's options are loaded (all are listed)."""
    chinese.install()
    top = _Parser(prog="accel666", description="江苏省工业互联网加速器工程（666工程）申报仓库工具")
    top.add_argument("--version", action="version", version=f"accel666 {__version__}", help="显示版本号并退出")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="命令")
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help, description=command.help)
        if name == chosen:
            command_module(name).add_arguments(sub)
    return top


def _chosen(argv: Sequence[str]) -> str | None:
    # The top level takes no option with a value, so the first word is the command.
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser(_chosen(words)).parse_args(words)
        return int(command_module(args.command).run(args))
    except UsageError as exc:
        print(f"accel666: {exc}", file=sys.stderr)
        return 2
    except FatalError as exc:
        print(f"accel666: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`accel666 rules | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception:
        traceback.print_exc()
        print("accel666: 工具内部错误（以上为技术信息）：请把以上内容报告给维护人员。", file=sys.stderr)
        return 3
