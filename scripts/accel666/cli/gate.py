"""Only valid data leaves the repository: the validator's findings, then a refusal if any is an error."""

from __future__ import annotations

import sys

from accel666.findings import Result
from accel666.report.text import line


def passes(result: Result, refusal: str) -> bool:
    """Print every finding (warnings too) to stderr; on errors also `refusal`. True when there is no error."""
    for finding in result.sorted():
        print(line(finding), file=sys.stderr)
    if not result.ok:
        print(refusal, file=sys.stderr)
    return result.ok
