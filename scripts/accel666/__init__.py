"""Validation and tooling for the Jiangsu "666" Industrial Internet Accelerator submissions."""

from __future__ import annotations

__version__ = "0.1.0"
