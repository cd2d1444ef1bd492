"""GitHub workflow commands: `::error file=…,line=…,col=…,title=CODE::message`."""

from __future__ import annotations

from typing import TextIO

from accel666.findings import Result, Severity


def escape_data(value: str) -> str:
    """Escape a workflow command's message (the runner's own rules)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value: also ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def report(result: Result, stream: TextIO) -> None:
    for finding in result.sorted():
        command = "error" if finding.severity is Severity.ERROR else "warning"
        props = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", finding.path),
                ("line", finding.line),
                ("col", finding.column),
                ("title", finding.code),
            )
        )
        stream.write(f"::{command} {props}::{escape_data(finding.message)}\n")
