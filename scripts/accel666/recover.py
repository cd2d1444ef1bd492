"""Reading past the commonest typing slips, so that one slip does not hide every other finding.

A full-width colon after a key (`name：李小红`), a key without a space after its colon
(`listed:false`) and full-width spaces as indentation are each reported at their place
by the loader. YAML itself would stop at the first of them with a misleading syntax
error a line or two further down, and the schema and the rules would not run at all:
an applicant would fix one slip per round. So the loader also reads a repaired copy of
the text, with each slip read the way the applicant evidently meant it (a half-width
colon and a space; two half-width spaces per full-width one), and maps every position
in that copy back to the file as typed. The file itself is never changed here; the
slips stay findings, so the check still fails until they are fixed.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from accel666.findings import MAX_FINDINGS, Finding

# In each pattern the offending character comes right after group 1.
_TAB_INDENT = re.compile(r"^([ ]*)\t", re.MULTILINE)
_FULLWIDTH_INDENT = re.compile(r"^([ ]*)\u3000", re.MULTILINE)
# `key：value`: an ASCII key (ours are all ASCII) followed by a full-width colon. Group 1
# is everything before the colon; `fix` uses the same pattern to repair the line.
FULLWIDTH_COLON = re.compile(r"^([ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_]*[ ]*)：[ \u3000]*", re.MULTILINE)
# `key:value` on a key's line: an ASCII key (ours are snake_case) and a colon followed by
# neither a space nor what a text would carry there (`//` of a URL, `::`, a comment).
# Group 1 is the key with its indentation and list marker; the colon follows it.
COLON_WITHOUT_SPACE = re.compile(r"^([ ]*(?:-[ ]+)?[a-z_][a-z0-9_]*):(?=[^\s:/#])", re.MULTILINE)
# A line's leading run of spaces with at least one full-width space in it.
_INDENT_RUN = re.compile(r"[ \u3000]*")
REPAIRED = frozenset({"YAML-FULLWIDTH-COLON", "YAML-COLON-SPACE", "YAML-FULLWIDTH-INDENT"})


def scan(text: str, path: str) -> list[Finding]:
    """Problems the parser misreports or accepts silently, found on the raw text.

    Each kind stops one past MAX_FINDINGS, and a line is found by bisecting the line starts:
    a file with a slip on every line costs time in proportion to its length, not its square.
    """
    found: list[Finding] = []
    starts: list[int] = []
    checks = (
        ("\t", _TAB_INDENT, "YAML-TAB", "行首使用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成空格。"),
        (
            "\u3000",
            _FULLWIDTH_INDENT,
            "YAML-FULLWIDTH-INDENT",
            "行首使用了全角空格缩进，会让字段落到错误的层级：请换成半角空格（通常是两个）。",
        ),
        (
            "：",
            FULLWIDTH_COLON,
            "YAML-FULLWIDTH-COLON",
            "字段名后使用了全角冒号“：”，YAML 不会把它当作字段：请改为半角冒号加空格“: ”（accel666 fix 可自动修正）。",
        ),
        (
            ":",
            COLON_WITHOUT_SPACE,
            "YAML-COLON-SPACE",
            "字段名后的冒号“:”后面缺少空格，YAML 不会把它当作字段：请在冒号后加一个空格，写成“字段名: 值”。",
        ),
    )
    for needle, pattern, code, message in checks:
        if needle not in text:
            continue
        starts = starts or line_starts(text)
        for _, match in zip(range(MAX_FINDINGS + 1), pattern.finditer(text), strict=False):
            offset = match.end(1)
            line = bisect.bisect_right(starts, offset)
            found.append(Finding(path, line, offset - starts[line - 1] + 1, code, message))
    return found


def line_starts(text: str) -> list[int]:
    """The offset at which each line begins (line n at index n - 1)."""
    return [0, *(match.end() for match in re.finditer("\n", text))]


@dataclass(frozen=True)
class Edit:
    """Replace `removed` characters at 1-based `column` of `line` by `inserted`."""

    line: int
    column: int
    removed: int
    inserted: str


def edits_for(text: str, findings: Iterable[Finding]) -> list[Edit]:
    """The repairs of the slips `findings` point at."""
    lines = text.split("\n")
    edits = []
    for finding in findings:
        row = lines[finding.line - 1]
        if finding.code == "YAML-COLON-SPACE":
            edits.append(Edit(finding.line, finding.column + 1, 0, " "))
        elif finding.code == "YAML-FULLWIDTH-INDENT":
            run = _INDENT_RUN.match(row).group()  # type: ignore[union-attr]
            edits.append(Edit(finding.line, 1, len(run), run.replace("\u3000", "  ")))
        elif finding.code == "YAML-FULLWIDTH-COLON" and (match := FULLWIDTH_COLON.match(row)):
            rest = row[match.end() :].strip()
            edits.append(Edit(finding.line, finding.column, match.end() - match.end(1), ": " if rest else ":"))
    return edits


def apply(text: str, edits: Iterable[Edit]) -> str:
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        row = lines[edit.line - 1]
        start = edit.column - 1
        lines[edit.line - 1] = row[:start] + edit.inserted + row[start + edit.removed :]
    return "\n".join(lines)


class ColumnMap:
    """Maps a position in the repaired text back to the same character in the text as typed."""

    def __init__(self, edits: Iterable[Edit]) -> None:
        self.by_line: dict[int, list[Edit]] = defaultdict(list)
        for edit in sorted(edits, key=lambda e: (e.line, e.column)):
            self.by_line[edit.line].append(edit)

    def original(self, line: int, column: int) -> tuple[int, int]:
        shift = 0
        for edit in self.by_line.get(line, ()):
            start = edit.column + shift  # where the edit begins in the repaired line
            if column < start:
                break
            if column < start + len(edit.inserted):  # inside what the repair put there
                return line, edit.column + min(column - start, edit.removed)
            shift += len(edit.inserted) - edit.removed
        return line, column - shift
