"""Markdown as GitHub renders it, for tests of what a comment can do.

cmark-gfm (via cmarkgfm) is the library GitHub's own renderer is built on, with its
extensions (autolinks, tables, strikethrough, tag filter). Raw HTML is let through
(CMARK_OPT_UNSAFE), so a tag that survived sanitising shows up as a tag here.
GitHub then links @mentions, #123 and bare URLs in the rendered text; `live_parts`
looks for those in the text as the browser shows it (its entities decoded). A `//host`
is only a link as a link's destination, which shows up as an <a> tag.
"""

from __future__ import annotations

import html
import re

import cmarkgfm
from cmarkgfm.cmark import Options

# Pieces that hypothesis strings together into would-be mentions, links and entities.
FRAGMENTS = (
    *"@&#;:/<>[]()!\\`*_. \n\u200b",
    "//",
    "64",
    "x40",
    "58",
    "commat",
    "colon",
    "amp",
    "www",
    "https",
    "e.com",
    "1",
)

# What GitHub would turn into a notification or a link in rendered text.
_LIVE_TEXT = re.compile(
    r"@[A-Za-z0-9]"  # @user, @org/team
    r"|#\d"  # #123
    r"|[A-Za-z][A-Za-z0-9+.-]*://"  # scheme://
    r"|www\.",  # www.host
    re.IGNORECASE,
)
_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_INERT_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "hr", "br", "del"}
_INERT_TAGS |= {"blockquote", "pre", "table", "thead", "tbody", "tr", "th", "td"}


def render(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def live_parts(rendered: str) -> list[str]:
    """Every tag other than plain formatting, and every mention- or link-like text, in `rendered`."""
    tags = [f"<{name}" for name in _TAG.findall(rendered) if name.lower() not in _INERT_TAGS]
    text = html.unescape(re.sub(r"<[^>]*>", " ", rendered))
    return tags + _LIVE_TEXT.findall(text)
