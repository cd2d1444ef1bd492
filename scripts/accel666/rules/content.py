"""Rules about the text itself: template placeholders left in place, and what a typist never meant.

Curly quotes around a whole value and invisible formatting characters are the mistakes
`accel666 fix` repairs and the 附件3 import takes out (accel666.repair.values): reported
here with the same words, as the cause, ahead of the pattern the value then fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from accel666.findings import Finding
from accel666.repair import values as repair_values
from accel666.rules.base import Application
from accel666.vocabulary import PLACEHOLDER


def _texts(app: Application) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text value of the application with its path."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), app.doc.data)]
    while stack:
        parts, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(((*parts, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend(((*parts, index), value) for index, value in enumerate(node))
        elif isinstance(node, str):
            yield parts, node


def check_placeholders(app: Application) -> Iterator[Finding]:
    """A “（请填写…）” line from `accel666 new` still in a value means the field was not filled."""
    for parts, text in _texts(app):
        if PLACEHOLDER in text:
            message = f"「{app.title(*parts)}」仍是模板中的提示文字“{PLACEHOLDER}…）”：请换成实际内容。"
            yield app.finding(parts, "TEMPLATE-PLACEHOLDER", message)


_FIXABLE = "（accel666 fix 可自动修正）"


def check_typing(app: Application) -> Iterator[Finding]:
    """Invisible formatting characters in any text, curly quotes around a one-line value."""
    for parts, text in _texts(app):
        title = app.title(*parts)
        characters = "".join(repair_values.FORMATTING.findall(text))
        if characters:
            message = f"「{title}」{repair_values.invisible(characters)}：请删除{_FIXABLE}。"
            yield app.finding(parts, "TEXT-INVISIBLE", message)
        elif "\n" not in text and repair_values.curly(text):
            message = f"「{title}」{repair_values.CURLY_QUOTES}：请删除这对引号{_FIXABLE}。"
            yield app.finding(parts, "TEXT-QUOTES", message)
