"""accel666.browser.service as the page reads it: JSON, through JavaScript's numbers."""

from __future__ import annotations

import json

from accel666.browser import service


def test_an_unquoted_long_code_reaches_the_page_with_every_digit() -> None:
    """JavaScript holds integers exactly up to 2**53: 913204121234567891 would come back as
    913204121234568000 and pass the form's format check under a code nobody typed."""
    parsed = service.parse("applicant:\n  uscc: 913204121234567891\n  staff: 120\n")
    data = json.loads(json.dumps(parsed, ensure_ascii=False))
    assert data["data"]["applicant"] == {"uscc": "913204121234567891", "staff": 120}
    assert [finding["code"] for finding in data["findings"]] == []
