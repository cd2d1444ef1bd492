"""What the site's form asks of the validation core, as JSON-able values (docs/assets/form/worker.js calls it).

Under Pyodide in a Web Worker this module runs the CLI's own code paths on one file:
`check` is `accel666.check.check_bytes`, the function `accel666 validate` runs for each
file (loader, schema, per-file rules), against the repository configuration the
browser archive ships (accel666.browser.bundle: regions.yaml and each batch.yaml). The
repository-wide rules (a duplicate applicant, the review workflow) need every other
file and stay with the CLI and CI, but for the gate's deadline (rules.changes), which needs
only the file's place and a date: a closed batch is said at the form, not first at the bureau.
Each finding carries the form's wording beside the CLI's (accel666.browser.wording).
`render` is `accel666 new`'s template, filled.

Text comes in as a str or as the file's bytes (a file opened from disk: an encoding the
loader refuses is then reported as `accel666 validate` reports it).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from accel666.browser.wording import form_words
from accel666.check import category_of, check_bytes
from accel666.clock import today_in_beijing
from accel666.errors import FatalError, UsageError
from accel666.findings import Finding, Result
from accel666.git import Change, ChangeSet
from accel666.load import load_document
from accel666.repository import Location, Repository, find_root, locate, open_repository, path_of
from accel666.rules.backbone import eligibility_of
from accel666.rules.base import Application, unit_key
from accel666.rules.changes import ChangeContext, check_deadlines
from accel666.rules.codes import with_severity
from accel666.template import Prefill, template_text

# What stands for an unknown part of a file's place (the README's layout uses the same words).
UNKNOWN = {"batch": "<批次>", "region": "<地区代码>", "uscc": "<统一社会信用代码>"}
# The name a file is checked under when its place is not known yet: outside submissions/,
# where `accel666 validate` checks the content only (as for a draft).
DRAFT = "申报文件.yaml"
# The third line of a downloaded file says what wrote it.
WRITER = "网站申报表单"


@functools.cache
def repository() -> Repository:
    """The configuration next to the package: the archive's copy in the browser, the checkout's in the CLI's tree."""
    return open_repository(find_root(Path(__file__).resolve().parent))


def check(form: str, text: str | bytes, path: str | None = None, today: str | None = None) -> dict[str, Any]:
    """Every finding `accel666 validate` gives for this one file, and 附件2's computed eligibility.

    `deadline` is what the bureau's gate (`accel666 intake`, the pull request's check) would
    add for this file coming in as a new application on `today` (an ISO date; by default
    today in Beijing): kept apart from `findings`, which are the CLI's per-file check alone.
    """
    raw = _bytes(text)
    relpath = path or _path_for(form, raw)
    if locate(relpath).is_record:  # their rules read the whole workflow: the CLI's and CI's to run
        raise UsageError(f"网页中只检查申报表，{relpath} 是审核流程记录：请用 accel666 validate 检查。")
    repo = repository()
    findings = check_bytes(repo, relpath, raw).findings
    return {
        "findings": _findings(findings),
        "eligibility": _eligibility(repo, relpath, raw),
        "deadline": _findings(_deadline(repo, relpath, dt.date.fromisoformat(today) if today else today_in_beijing())),
    }


def parse(text: str | bytes) -> dict[str, Any]:
    """An existing file's data (None when it does not load) and the loader's findings."""
    doc = load_document(_bytes(text), DRAFT)
    return {"data": _exact(doc.data) if doc.loaded else None, "findings": _findings(doc.findings)}


# JavaScript's numbers hold integers exactly up to 2**53: an unquoted 18-digit code would reach
# the form rounded (and pass its format check), so a longer integer travels as its digits.
_EXACT_IN_JS = 2**53


def _exact(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _exact(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_exact(value) for value in node]
    if isinstance(node, int) and not isinstance(node, bool) and abs(node) > _EXACT_IN_JS:
        return str(node)
    return node


def render(form: str, data: dict[str, Any]) -> str:
    """The file `accel666 new` would write for `form`, filled with `data`: comments, modeline, quoting."""
    batch = repository().batches.get(str(data.get("batch")))
    prefill = Prefill(
        variant=_text(data.get("variant")),
        years=batch.indicator_years if batch else (),
        data=data,
        command=WRITER,
    )
    return template_text(form, prefill)


def place(form: str, data: dict[str, Any]) -> str:
    """Where the file belongs in the repository; an unknown part is written as its placeholder."""
    unit = data.get(unit_key(form))
    known = {
        "batch": _text(data.get("batch")),
        "region": _text(data.get("region")),
        "uscc": _text(unit.get("uscc")) if isinstance(unit, dict) else None,
    }
    parts = {key: value or UNKNOWN[key] for key, value in known.items()}
    return path_of(Location("application", parts["batch"], parts["region"], form, parts["uscc"]))


def handle(request: str, raw: bytes | None = None) -> str:
    """One message of the worker's protocol: `{"op", "args"}` in, `{"ok", "result"}` or `{"ok", "error"}` out.

    The page's bytes (a file opened from disk) come as `raw`, outside the JSON, and stand
    for `args["text"]`. Both worker.js and the parity test (tests/browser/) call this.
    """
    message = json.loads(request)
    operation = OPERATIONS.get(message.get("op"))
    if operation is None:
        return json.dumps(
            {"ok": False, "error": f"未知的操作 {message.get('op')!r}：页面与检查程序的版本不一致，请刷新页面。"}
        )
    args = dict(message.get("args") or {})
    if raw is not None:
        args["text"] = bytes(raw)
    try:
        result = operation(**args)
    except FatalError as exc:
        return json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False)
    except Exception as exc:  # the page shows it; a finding never comes this way
        error = f"检查程序出错（{exc!r}）：请刷新页面后重试；仍然出错时请把文件发给维护人员。"
        return json.dumps({"ok": False, "error": error}, ensure_ascii=False)
    return json.dumps({"ok": True, "result": result}, ensure_ascii=False)


def _path_for(form: str, raw: bytes) -> str:
    """Where a file given without a path is checked: its place, once batch, region and code are filled in."""
    doc = load_document(raw, DRAFT)
    data = doc.data if doc.loaded and isinstance(doc.data, dict) else {}
    relpath = place(form, data)
    return DRAFT if any(unknown in relpath for unknown in UNKNOWN.values()) else relpath


def _deadline(repo: Repository, relpath: str, today: dt.date) -> list[Finding]:
    """The gate's deadline rule for this file added as a new application; the batch's field is where the page shows it."""
    if locate(relpath).kind != "application":
        return []
    arrival = ChangeSet(base="", changes=(Change("added", relpath),), base_paths=frozenset())
    found = check_deadlines(ChangeContext(repo, arrival, today))
    return [replace(with_severity(finding), pointer="/batch") for finding in found]


def _eligibility(repo: Repository, relpath: str, raw: bytes) -> dict[str, object] | None:
    """The figures of 附件2's requirements as the backbone rule computes them; None for other forms or unreadable figures."""
    doc = load_document(raw, relpath)
    if not doc.loaded:
        return None
    location = locate(relpath)
    if category_of(location, doc.data) != "backbone":
        return None
    result = eligibility_of(Application(doc, repo, location, "backbone"))
    return result.to_json() if result else None


def _findings(findings: list[Finding] | tuple[Finding, ...]) -> list[dict[str, object]]:
    """In the CLI's order, without the file's path (the page knows which file it checked), with the form's wording."""
    return [
        {key: value for key, value in finding.to_json().items() if key != "path"}
        | {"form_message": form_words(finding.code, finding.message)}
        for finding in Result(list(findings)).sorted()
    ]


def _bytes(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


OPERATIONS: dict[str, Callable[..., object]] = {"check": check, "render": render, "parse": parse, "place": place}
