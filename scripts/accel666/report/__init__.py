"""Reporters: a Result in, text on a stream out. Only reporters and the CLI print."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from accel666.findings import Result
from accel666.report import github, json_, text

Reporter = Callable[[Result, TextIO], None]
REPORTERS: dict[str, Reporter] = {"text": text.report, "github": github.report, "json": json_.report}
