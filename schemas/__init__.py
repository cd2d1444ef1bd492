"""Makes the top-level schemas/ folder importable as `accel666.schemas` package data.

The JSON files beside this one are the single source of truth; pyproject.toml maps
this folder into the package so an installed copy (a bureau's pre-commit hook) ships them.
"""
