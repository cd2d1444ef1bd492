"""Wires browser_test.py's browser fixtures (Debian's chromium, a desktop page, a phone page) for form_test.py."""

from __future__ import annotations

from website.browser_test import browser, context, page, phone  # noqa: F401 - fixtures, found by name
