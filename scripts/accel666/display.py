"""How wide text is on a terminal or in a spreadsheet column, where a CJK character takes two columns."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns the text takes: a CJK character is about twice as wide as a Latin one (Excel, terminals)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` filled with spaces to `width` columns, aligned left (or right, for numbers)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
