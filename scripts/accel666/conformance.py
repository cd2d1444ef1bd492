"""What libyaml accepts although YAML 1.2 refuses it, found on the text around parse events.

Measured against the public YAML test suite (tests/resources/yaml-test-suite): libyaml
reads a comment glued to a value (`key: "value"# c`), continuation lines of a quoted
text or a bracketed list that are not indented under their key, a lone `-` inside
brackets, and a block text whose leading blank lines are deeper than its first line.
YAML 1.2 calls each of them an error, and another YAML reader (an editor, a later
version of this tool) may read them differently: they are refused where they are.
Every function here takes the text's lines and 0-based libyaml positions and returns
1-based positions, or None when all is well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?")
_GLUED_HASH = re.compile(r"[^ \t\n]#")


def under_indented(lines: list[str], first: int, last: int, parent: int) -> tuple[int, int, bool] | None:
    """First continuation line (after `first`, up to `last`) not indented deeper than column `parent`.

    Returns its line, the column of its first non-space character and whether that is a tab.
    Blank lines may be less indented (YAML 1.2 `l-empty`).
    """
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        row = lines[number]
        spaces = len(row) - len(row.lstrip(" "))
        if row.strip(" \t\r") and spaces <= parent:
            return number + 1, spaces + 1, row[spaces] == "\t"
    return None


def glued_header_comment(lines: list[str], line: int, column: int) -> tuple[int, int] | None:
    """A `#` right after a block scalar's `|` or `>` header: a comment needs a space before it."""
    row = lines[line] if line < len(lines) else ""
    header = _BLOCK_HEADER.match(row, column)
    if header and row[header.end() : header.end() + 1] == "#":
        return line + 1, header.end() + 1
    return None


def deep_leading_blanks(lines: list[str], line: int, column: int, parent: int) -> tuple[int, int] | None:
    """Leading blank lines of an auto-indented block text deeper than its first line (YAML 1.2: an error).

    libyaml takes the deepest blank line as the text's indentation and ends the text at
    the first line, which YAML 1.2 reads as the text's content.
    """
    row = lines[line] if line < len(lines) else ""
    header = _BLOCK_HEADER.match(row, column)
    if header is None or any(c.isdigit() for c in header.group()):
        return None
    deepest = (0, 0)
    for number in range(line + 1, len(lines)):
        text = lines[number].rstrip("\r")
        if text.strip(" "):
            depth = len(text) - len(text.lstrip(" "))
            if parent < depth < deepest[1]:
                return deepest[0] + 1, depth + 1
            return None
        if len(text) > deepest[1]:
            deepest = (number, len(text))
    return None


def glued_comments(lines: list[str], spans: Iterable[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """Each `#` that starts a comment right after a value (no space before it).

    `spans` are the 0-based (line, column, end line, end column) of every scalar; a `#`
    inside one is text. On each line, the first `#` outside a scalar starts a comment.
    """
    inside: dict[int, list[tuple[int, int]]] = {}
    for line, column, end_line, end_column in spans:
        for number in range(line, end_line + 1):
            start = column if number == line else 0
            end = end_column if number == end_line else 1 << 30
            inside.setdefault(number, []).append((start, end))
    found = []
    for number, row in enumerate(lines):
        if "#" not in row:
            continue
        for index, char in enumerate(row):
            if char != "#" or any(start <= index < end for start, end in inside.get(number, ())):
                continue
            if index > 0 and row[index - 1] not in " \t":
                found.append((number + 1, index + 1))
            break
    return found


def may_have_glued_comments(text: str) -> bool:
    return "#" in text and _GLUED_HASH.search(text) is not None
