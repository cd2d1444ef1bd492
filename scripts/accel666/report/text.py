"""`path:line:column: CODE message`, one finding a line, then a Chinese summary."""

from __future__ import annotations

from typing import TextIO

from accel666.findings import Finding, Result, Severity


def line(finding: Finding) -> str:
    warning = "警告：" if finding.severity is Severity.WARNING else ""
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {warning}{finding.message}"


def report(result: Result, stream: TextIO) -> None:
    for finding in result.sorted():
        stream.write(line(finding) + "\n")
    errors, warnings = len(result.errors), len(result.warnings)
    verdict = "通过" if result.ok else "未通过"
    stream.write(f"检查了 {result.files_checked} 个文件：{errors} 个错误，{warnings} 个警告，{verdict}。\n")
