"""Failures of the tool itself. Problems in user data are findings, never exceptions."""

from __future__ import annotations


class FatalError(RuntimeError):
    """The tool cannot go on; the message (Chinese) says why and what to do."""


class ConfigError(FatalError):
    """The repository's configuration or schemas are missing or unusable."""


class UsageError(FatalError):
    """The command line asks for something impossible."""
