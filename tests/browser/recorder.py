"""A pytest plugin that records every file the tests hand to the loader (tests/browser/parity_test.py uses it).

Loaded with `-p recorder` before any test module imports the package, it wraps
accel666.load.load_document, so every module that imports the function gets the
wrapper, and appends each (path, bytes) to the JSON-lines file named by $ACCEL666_RECORD.
"""

from __future__ import annotations

import base64
import json
import os

import accel666.load

_load_document = accel666.load.load_document


def _recording(raw: bytes, path: str) -> accel666.load.Document:
    with open(os.environ["ACCEL666_RECORD"], "a", encoding="utf-8") as record:
        record.write(json.dumps({"path": path, "base64": base64.b64encode(raw).decode("ascii")}) + "\n")
    return _load_document(raw, path)


accel666.load.load_document = _recording
