"""Plain values read off applications, below both the rules and the workflow.

`Facts` is what repository-wide rules and the workflow's status need of one
application (it is cached with the file's findings); `iso_date` reads the dates that
applications and records hold. Both live here, not in rules/, so that the workflow
(which rules/workflow.py builds on) does not import the rules package.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Facts:
    """What repository-wide rules need to know of one application (kept in the cache)."""

    path: str
    category: str
    batch: str
    uscc: str
    name: str
    line: int
    column: int
    region: str | None = None  # the region folder it sits in (None: not in an application's place)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str | None) -> dt.date | None:
    """A YYYY-MM-DD date, or None (fromisoformat alone also takes week dates like 2020-W01-1)."""
    if text is None or not _ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
