"""An applicant's first submission: an account nobody has named binds itself to the one application it adds.

Only in deployments that let applicants open pull requests: `accounts.bind_on_first_submission:
true` in the base's submissions/reviewers.yaml. There, a pull request whose author the
configuration does not name may hold exactly two changes:

- one new application, under a code that no account is bound to and that no application
  at the base already has (the bureau's own filing is never claimed by a stranger);
- submissions/reviewers.yaml with exactly one entry added, `accounts.applicants.<author>:
  ["<that code>"]`, and nothing else changed.

So the binding is a line of the file that names every account, added in a pull request
the province (that file's code owner) and the region's bureau (the application's) both
approve, and kept in its history: reviewable before the merge, auditable after. Once
merged, the author is an applicant account of that code like any other (rules.access):
later changes to the application come from that account or the region's bureau only.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from accel666.repository import REVIEWERS_FILE, locate
from accel666.rules.changes import ChangeContext

FLAG = "bind_on_first_submission"


def enabled(accounts: Mapping[str, Any]) -> bool:
    return accounts.get(FLAG) is True


def bound_codes(accounts: Mapping[str, Any]) -> frozenset[str]:
    """Every code some applicant account is bound to."""
    applicants = accounts.get("applicants") or {}
    return frozenset(str(code) for codes in applicants.values() if isinstance(codes, list) for code in codes)


def first_submission(context: ChangeContext, login: str) -> tuple[str | None, str]:
    """The code `login` binds itself to by this pull request, and "" ; or None and why it cannot."""
    changes = context.changes
    added = [c for c in changes.changes if c.location.kind == "application" and c.status == "added"]
    others = [c for c in changes.changes if c not in added and c.path != REVIEWERS_FILE]
    if len(added) != 1 or others or len(changes.changes) != 2 or changes.outside:
        return (
            None,
            f"首次提交只能新增一份申报，并同时在 {REVIEWERS_FILE} 中为本账号绑定它的统一社会信用代码，不能有其他修改。",
        )
    code = added[0].location.stem or ""
    batch = context.repo.batches.get(added[0].location.batch or "")
    if batch is None or batch.practice:  # a practice file never binds a real enterprise's code
        return None, "首次提交只能是正式批次的申报（练习批次的申报不绑定账号）：请联系所在地区的工信局。"
    if code in bound_codes(changes.base_accounts) or any(
        (where := locate(path)).kind == "application" and where.stem == code for path in changes.base_paths
    ):
        return None, f"统一社会信用代码 {code} 已有申报或已与其他账号绑定：请联系所在地区的工信局。"
    if _normalised(context.repo.reviewers) != _with_binding(changes.base_reviewers, login, code):
        return None, (
            f'{REVIEWERS_FILE} 只能新增一行 accounts.applicants 下的“{login}: ["{code}"]”（本账号与本次申报的代码），'
            "不能有其他修改。"
        )
    return code, ""


def _with_binding(reviewers: Mapping[str, Any], login: str, code: str) -> dict[str, Any]:
    expected = _normalised(reviewers)
    accounts = expected.setdefault("accounts", {})
    accounts.setdefault("applicants", {})[login.removeprefix("@").lower()] = [code]
    return expected


def _normalised(reviewers: Mapping[str, Any]) -> dict[str, Any]:
    """A copy with the applicants' logins in lower case: a login is the same account in any case."""
    result = copy.deepcopy(dict(reviewers))
    applicants = (result.get("accounts") or {}).get("applicants")
    if isinstance(applicants, dict):
        result["accounts"]["applicants"] = {str(key).lower(): value for key, value in applicants.items()}
    return result
