"""Who may change what: a pull request's author, by the roles the base's configuration gives them.

The accounts are read from the BASE commit's submissions/reviewers.yaml (`accounts:`), so a
pull request cannot name itself. Roles follow DOMAIN.md's access model:

- province: the batch configuration and records (batch.yaml, decision, 公示, publication),
  regions.yaml and reviewers.yaml, and everything outside submissions/ (the tool, reviewed as code);
- a region's bureau: that region's applications and recommendations;
- Tencent: 附件3 (demo-enterprise) applications of every region;
- an expert: their own review files (reviews/<category>/<USCC>/<account>.yaml);
- an applicant (where the deployment gives applicants accounts): their own applications,
  by the codes the configuration binds to their account; an account nobody has named binds
  itself by its first submission where the deployment allows it (rules.binding). An
  application bound to an applicant is changed by that account or its region's bureau only.

Deadlines and locks are the change rules' business (rules/changes.py): they apply to
everyone, whatever the role.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from accel666.findings import Finding
from accel666.repository import SUBMISSIONS, Location
from accel666.rules import binding
from accel666.rules.changes import ChangeContext

# Files no one may add, which the layout rules refuse for everyone (LAYOUT, FILE-STRAY):
# an access finding on top would only repeat it.
_REFUSED_ANYWAY = frozenset({"other", "misplaced", "misplaced-record"})
_PROVINCE_KINDS = frozenset({"batch", "decision", "publicity", "publication", "regions", "reviewers"})


@dataclass(frozen=True)
class Roles:
    """What one account may do, from the accounts configuration."""

    province: bool = False
    tencent: bool = False
    expert: bool = False
    regions: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()  # the applications an applicant account is bound to
    bound: frozenset[str] = frozenset()  # the applications any applicant account is bound to

    @property
    def known(self) -> bool:
        return self.province or self.tencent or self.expert or bool(self.regions or self.codes)


def roles_of(accounts: Mapping[str, Any], login: str) -> Roles:
    """The roles `login` has; logins compare without a leading @ and case-insensitively, as on GitHub."""
    name = login.removeprefix("@").lower()

    def named(logins: Any) -> bool:
        return isinstance(logins, list) and name in {str(item).removeprefix("@").lower() for item in logins}

    regions = accounts.get("regions") or {}
    applicants = {
        str(key).removeprefix("@").lower(): value for key, value in (accounts.get("applicants") or {}).items()
    }
    return Roles(
        province=named(accounts.get("province")),
        tencent=named(accounts.get("tencent")),
        expert=named(accounts.get("experts")),
        regions=frozenset(code for code, logins in regions.items() if named(logins)),
        codes=frozenset(str(code) for code in applicants.get(name, ())),
        bound=binding.bound_codes(accounts),
    )


def may_change(roles: Roles, location: Location, login: str) -> bool:
    """Whether an account with `roles` may add, change or delete the file at `location`."""
    kind = location.kind
    if kind in _PROVINCE_KINDS:
        return roles.province
    if kind == "application":
        return (
            location.region in roles.regions
            or (roles.tencent and location.category == "demo-enterprise" and location.stem not in roles.bound)
            or location.stem in roles.codes
        )
    if kind == "recommendation":
        return location.region in roles.regions
    if kind == "review":
        return roles.expert and (location.account or "").lower() == login.removeprefix("@").lower()
    return kind in _REFUSED_ANYWAY


def check_actor(context: ChangeContext) -> Iterator[Finding]:
    """Every changed file the pull request's author may not change (nothing without --actor)."""
    if context.actor is None:
        return
    accounts: Mapping[str, Any] = context.changes.base_accounts
    roles = roles_of(accounts, context.actor)
    who = f"账号 {context.actor}"
    problem = ""
    if not roles.known and binding.enabled(accounts):
        code, problem = binding.first_submission(context, context.actor)
        if code is not None:
            return  # the one new application and its binding: the bureau and the province review both
    for change in context.changes.changes:
        if not roles.known:
            yield Finding(change.path, 1, 1, "ACCESS-UNKNOWN", _unknown(who, accounts, problem))
        elif not may_change(roles, change.location, context.actor):
            yield Finding(change.path, 1, 1, "ACCESS-FORBIDDEN", f"{who} 无权修改此文件：{_owner(change.location)}")
    if context.changes.outside and not roles.province:
        for path in context.changes.outside:
            message = f"{who} 无权修改此文件：工具、模式、工作流和文档由省工信厅作为代码审核修改。"
            yield Finding(path, 1, 1, "ACCESS-FORBIDDEN", message)


def _unknown(who: str, accounts: Mapping[str, Any], problem: str) -> str:
    """Why an account nobody has named changes nothing, and what it can do."""
    if binding.enabled(accounts):
        return f"{who} 尚未与任何申报绑定：{problem}"
    return (
        f"{who} 不在基准分支的账号配置（submissions/reviewers.yaml 的 accounts）中，不能修改 {SUBMISSIONS}/ 下的文件："
        "申报单位请把申报文件交给所在地区的工信局，由推荐单位提交；其他参与者请联系省工信厅登记账号。"
    )


def _owner(location: Location) -> str:
    kind = location.kind
    if kind in _PROVINCE_KINDS:
        return "批次配置、决定、公示、名单发布和账号配置由省工信厅修改。"
    if kind == "application":
        return (
            f"地区 {location.region} 的申报由该地区工信局（推荐单位）提交和修改，附件3 也可由腾讯公司提交；"
            "申报单位自己的账号只能修改与其绑定的统一社会信用代码的申报。"
        )
    if kind == "recommendation":
        return f"地区 {location.region} 的推荐意见只能由该地区工信局提交。"
    if kind == "review":
        return f"专家评审意见只能由评审专家本人（{location.account}）提交。"
    return "此文件只能由省工信厅修改。"


CHECKS = (check_actor,)
