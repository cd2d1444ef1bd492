"""HTML fragments for the generated pages. Pure string work.

Every value that comes from a submission goes out through `text()`, which escapes it as
HTML inside raw HTML blocks: Markdown does not parse inside those, so `<script>`,
`[links](…)`, `{{ … }}` and `*emphasis*` all show as the characters typed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from urllib.parse import quote


def text(value: object) -> str:
    """A submission's text, safe inside HTML (long words may wrap: see extra.css)."""
    return html.escape(str(value), quote=True)


def cell(label: str, content: str) -> str:
    """A data cell that names its column: on a phone the table stacks into cards, one
    line per cell, each line starting with this label (extra.css, `table[data-stack]`)."""
    return f'<td data-label="{text(label)}">{content}</td>'


_PHONE = re.compile(r"(?:0[0-9]{2,3}-?[0-9]{7,8}|1[3-9][0-9]{9})")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}")


def contact(value: str) -> str:
    """A phone number or e-mail address as a link a phone can call or write to; other text as is."""
    if _PHONE.fullmatch(value):
        return f'<a href="tel:{text(value)}">{text(value)}</a>'
    if _EMAIL.fullmatch(value):
        return f'<a href="mailto:{text(value)}">{text(value)}</a>'
    return text(value)


def front_matter(title: str, *, hide: tuple[str, ...] = (), searchable: bool = True) -> str:
    """Page metadata with `title` escaped: the theme puts page titles into <title> and the
    header without escaping them. A JSON string is a valid YAML scalar, so no title can
    break the front matter either. `searchable=False` keeps the page out of the search index."""
    lines = [f"title: {json.dumps(html.escape(title, quote=True), ensure_ascii=False)}"]
    if hide:
        lines.append("hide: [" + ", ".join(hide) + "]")
    if not searchable:
        lines.append("search: {exclude: true}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def definitions(rows: Iterable[tuple[str, str]], *, linked: bool = False) -> str:
    """Title and value pairs; `linked` makes phone numbers and e-mail addresses links."""
    show = contact if linked else text
    items = "\n".join(f"<dt>{text(title)}</dt><dd>{show(value)}</dd>" for title, value in rows)
    return f'<dl class="accel666-fields">\n{items}\n</dl>\n'


def download(folder: str, name: str, label: str) -> str:
    """A link to the file `name` in `folder` (relative to the page) that saves it under that name.

    The address is percent-encoded UTF-8, as every browser and GitHub Pages read it; the
    `download` attribute names the saved file even where a server sends no file name."""
    return f'<a href="{text(folder)}{quote(name)}" download="{text(name)}">{label}</a>'
