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


# Contact details as they appear inside a sentence (the schema's patterns match whole values):
# ASCII classes, as \w would take in Chinese text around an address.
_CONTACT = re.compile(
    r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)"  # a mobile, spaced or not
    r"|[（(]?(?<!\d)0\d{2,3}[）)]?[ -]?\d{3,4}[ -]?\d{4}(?!\d)"  # a landline: (025)8228 8061, 0512-6888-1234
    r"|[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # an e-mail address, ＠ typed full-width too
)
# The people an application names, whose names are personal data the site never publishes.
_PEOPLE = ("project_leader", "legal_representative", "contact")


def check_public_privacy(app: Application) -> Iterator[Finding]:
    """A field published with the list (公开简介, typical cases...) holds no phone or e-mail
    (an error) and no name of a person the application names (a warning: 高峰 is a name and
    also a word, so a reviewer judges): the schema says 不得包含个人信息、联系方式, and the site
    would publish them as typed."""
    names = {name.strip() for key in _PEOPLE if (name := app.get(str, key, "name")) and len(name.strip()) >= 2}
    for parts, text in _texts(app):
        if not is_public(app.category, parts):
            continue
        title = app.title(*parts)
        if contacts := [match.group() for match in _CONTACT.finditer(text)]:
            message = (
                f"「{title}」入选后向社会公开，但含有联系方式 {_quoted(contacts)}：请删除，联系方式只填在联系人栏目中。"
            )
            yield app.finding(parts, "PUBLIC-PERSONAL", message)
        # A unit or project may be named after its founder: names are looked for in texts only.
        if not str(parts[-1]).endswith("name") and (people := sorted(n for n in names if n in text)):
            message = (
                f"「{title}」入选后向社会公开，其中的 {_quoted(people)} 与本申报填写的人员姓名相同：如是人名请删除。"
            )
            yield app.finding(parts, "PUBLIC-NAME", message)


def _quoted(items: list[str]) -> str:
    return "、".join(f"“{item}”" for item in items)
