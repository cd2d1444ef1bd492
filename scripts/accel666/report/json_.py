"""A JSON list of findings: path, line, column, severity, code, message (and pointer)."""

from __future__ import annotations

import json
from typing import TextIO

from accel666.findings import Result


def report(result: Result, stream: TextIO) -> None:
    json.dump([f.to_json() for f in result.sorted()], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
