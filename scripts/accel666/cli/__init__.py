"""`accel666 COMMAND ...`: argument parsing and the one error handler.

Exit codes: 0 no error found, 1 errors found (or the tool cannot go on), 2 wrong usage,
3 an unexpected failure of the tool itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

from accel666 import __version__
from accel666.cli import check, chinese, codeowners, export_xlsx, fix, import_xlsx, new, render, rules, status, validate
from accel666.errors import FatalError, UsageError

COMMANDS: dict[str, ModuleType] = {
    "validate": validate,
    "check": check,
    "status": status,
    "codeowners": codeowners,
    "new": new,
    "fix": fix,
    "rules": rules,
    "render": render,
    "import-xlsx": import_xlsx,
    "export-xlsx": export_xlsx,
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"命令行参数有误：{message}（运行 {self.prog} --help 查看用法）")


def parser() -> argparse.ArgumentParser:
    chinese.install()
    top = _Parser(prog="accel666", description="江苏省工业互联网加速器工程（666工程）申报仓库工具")
    top.add_argument("--version", action="version", version=f"accel666 {__version__}", help="显示版本号并退出")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="命令")
    for name, module in COMMANDS.items():
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        return int(COMMANDS[args.command].run(args))
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
