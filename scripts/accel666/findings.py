"""Value types for what validation found: one Finding per problem, a Result per run."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

# Enough to fix a file by; a file with more is rarely an application at all (a pasted
# document, a binary). Every producer (the loader's scan and parse, the schema) stops
# collecting one past it, so that a 2 MiB file wrong on every line costs what a short
# one does, and check.py reports the first ones with TOO-MANY-FINDINGS.
MAX_FINDINGS = 200


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. `path` is relative to the repository root when inside it."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    pointer: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "pointer": self.pointer,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Finding:
        return cls(
            path=str(data["path"]),
            line=int(data["line"]),  # type: ignore[call-overload]
            column=int(data["column"]),  # type: ignore[call-overload]
            code=str(data["code"]),
            message=str(data["message"]),
            severity=Severity(str(data["severity"])),
            pointer=str(data.get("pointer", "")),
        )


@dataclass
class Result:
    """All findings of one run, over every file checked."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (f.path, f.line, f.column, f.code, f.message))
