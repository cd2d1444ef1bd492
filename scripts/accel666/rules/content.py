"""Rules about the text itself: template placeholders left in place, and what a typist never meant.

Curly quotes around a whole value and invisible formatting characters are the mistakes
`accel666 fix` repairs and the 附件3 import takes out (accel666.repair.values): reported
here with the same words, as the cause, ahead of the pattern the value then fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from accel666.findings import Finding
from accel666.repair import values as repair_values
from accel666.rules.base import Application
from accel666.schema import is_public
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


# Contact details as they appear inside a sentence (the schema's patterns match whole values).
_CONTACT = re.compile(
    r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)"  # a mobile, spaced or not
    r"|(?<!\d)0\d{2,3}[ -]?\d{7,8}(?!\d)"  # a landline with its area code
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
)
# The people an application names, whose names are personal data the site never publishes.
_PEOPLE = ("project_leader", "legal_representative", "contact")


def check_public_privacy(app: Application) -> Iterator[Finding]:
    """A field published with the list (公开简介, typical cases...) holds no phone, e-mail or
    name of a person the application names: the schema says 不得包含个人信息、联系方式, and the
    site would publish them as typed."""
    names = {name for key in _PEOPLE if (name := app.get(str, key, "name")) and len(name.strip()) >= 2}
    for parts, text in _texts(app):
        if not is_public(app.category, parts):
            continue
        found = [match.group() for match in _CONTACT.finditer(text)]
        # A unit or project may be named after its founder: names are looked for in texts only.
        if not str(parts[-1]).endswith("name"):
            found += sorted(name for name in names if name.strip() in text)
        if found:
            shown = "、".join(f"“{item}”" for item in found)
            message = (
                f"「{app.title(*parts)}」入选后向社会公开，但含有联系方式或个人姓名 {shown}：请删除，"
                "联系方式只填在联系人栏目中。"
            )
            yield app.finding(parts, "PUBLIC-PERSONAL", message)
