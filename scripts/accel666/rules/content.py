"""Rules about the text itself: template placeholders left in place."""

from __future__ import annotations

from collections.abc import Iterator

from accel666.findings import Finding
from accel666.rules.base import Application
from accel666.vocabulary import PLACEHOLDER


def check_placeholders(app: Application) -> Iterator[Finding]:
    """A “（请填写…）” line from `accel666 new` still in a value means the field was not filled."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), app.doc.data)]
    while stack:
        parts, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(((*parts, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend(((*parts, index), value) for index, value in enumerate(node))
        elif isinstance(node, str) and PLACEHOLDER in node:
            message = f"「{app.title(*parts)}」仍是模板中的提示文字“{PLACEHOLDER}…）”：请换成实际内容。"
            yield app.finding(parts, "TEMPLATE-PLACEHOLDER", message)
