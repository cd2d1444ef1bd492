"""`accel666 rules`: list every finding code with its severity and meaning."""

from __future__ import annotations

import argparse

from accel666.rules.codes import RULES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def run(args: argparse.Namespace) -> int:
    for rule in RULES:
        level = "错误" if rule.severity.value == "error" else "警告"
        retired = "（已停用）" if rule.retired else ""
        print(f"{rule.code}\t{level}\t{rule.title}{retired}")
    return 0
