"""Rules that compare a pull request with its base: deadlines, locks, one region, one stage.

A file's content is checked by the other rules; these look at what the change does to
the repository: adding an application after the deadline, editing what a later stage
already relies on, or mixing what different reviewers must approve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from accel666.findings import Finding
from accel666.git import Change, ChangeSet
from accel666.repository import RECOMMENDATIONS, REVIEWS, SUBMISSIONS, Location, Repository

# The procedure's order; a change holds files of one of these stages only.
STAGES = {
    "application": "申报",
    "recommendation": "推荐意见",
    "review": "专家评审意见",
    "decision": "省级决定",
    "publicity": "公示",
    "publication": "名单发布",
}


@dataclass(frozen=True)
class ChangeContext:
    repo: Repository
    changes: ChangeSet
    today: dt.date

    def at_base(self, relpath: str) -> bool:
        return relpath in self.changes.base_paths

    def any_at_base(self, prefix: str) -> str | None:
        return next((path for path in sorted(self.changes.base_paths) if path.startswith(prefix)), None)


def _finding(change: Change, code: str, message: str) -> Finding:
    return Finding(change.path, 1, 1, code, message)


def check_deadline(context: ChangeContext) -> Iterator[Finding]:
    """No application is added after its batch's application deadline."""
    for change in context.changes.changes:
        where = change.location
        batch = context.repo.batches.get(where.batch or "")
        if where.kind != "application" or change.status != "added" or batch is None:
            continue
        if context.today > batch.application_deadline:
            message = (
                f"{batch.name}的申报截止日期为 {batch.application_deadline}，今天是 {context.today}："
                "截止日期后不能新增申报。如有疑问，请在议题中向省工信厅咨询。"
            )
            yield _finding(change, "LATE-APPLICATION", message)


def _recommendation_path(where: Location) -> str:
    return f"{SUBMISSIONS}/{where.batch}/{where.region}/{RECOMMENDATIONS}/{where.category}/{where.stem}.yaml"


def _batch_file(where: Location, name: str) -> str:
    return f"{SUBMISSIONS}/{where.batch}/{name}"


def check_application_lock(context: ChangeContext) -> Iterator[Finding]:
    """An application the bureau has given its opinion on stays as the bureau saw it."""
    for change in context.changes.changes:
        where = change.location
        if where.kind != "application" or change.status == "added":
            continue
        recommendation = _recommendation_path(where)
        if context.at_base(recommendation):
            action = "删除" if change.status == "deleted" else "修改"
            message = (
                f"该申报已有推荐意见（{recommendation}），不能再{action}：推荐意见针对的是合并时的申报内容。"
                "确需更正时，请推荐单位先另提合并请求撤回推荐意见。"
            )
            yield _finding(change, "APPLICATION-LOCKED", message)


def _later_record(context: ChangeContext, where: Location) -> str | None:
    """The base's first record of a later stage that relies on the record at `where`."""
    later: list[str | None] = []
    if where.kind == "recommendation":
        later = [context.any_at_base(f"{SUBMISSIONS}/{where.batch}/{REVIEWS}/{where.category}/{where.stem}/")]
    if where.kind in ("recommendation", "review"):
        later.append(_batch_file(where, "decision.yaml"))
    if where.kind == "decision":
        later.append(_batch_file(where, "publicity.yaml"))
    if where.kind in ("publicity", "publication"):
        later.append(_batch_file(where, "publication.yaml"))
    return next((path for path in later if path and context.at_base(path)), None)


def check_record_lock(context: ChangeContext) -> Iterator[Finding]:
    """A record stays fixed once the next stage has been recorded on top of it."""
    for change in context.changes.changes:
        where = change.location
        if not where.is_record or change.status == "added":
            continue
        later = _later_record(context, where)
        if later is not None:
            action = "删除" if change.status == "deleted" else "修改"
            message = (
                f"下一阶段的记录（{later}）已经合并，不能再{action}此{STAGES[where.kind]}：如确需更正，请联系省工信厅。"
            )
            yield _finding(change, "RECORD-LOCKED", message)


def check_one_region(context: ChangeContext) -> Iterator[Finding]:
    """A bureau's recommendations come alone: no other region's files in the same change."""
    changes = context.changes.changes
    regions = sorted({c.location.region for c in changes if c.location.kind == "recommendation" and c.location.region})
    if not regions:
        return
    bureau = regions[0]
    for change in context.changes.changes:
        region = change.location.region
        if region is not None and region != bureau:
            message = (
                f"本合并请求含有地区 {bureau} 的推荐意见，同时修改了地区 {region} 的文件：推荐单位只能修改本地区的文件，"
                "请把其他地区的修改放到单独的合并请求中。"
            )
            yield _finding(change, "CHANGE-REGIONS", message)


def check_one_stage(context: ChangeContext) -> Iterator[Finding]:
    """Each stage has its own reviewers, so a change holds one stage's files."""
    kinds = [c.location.kind for c in context.changes.changes if c.location.kind in STAGES]
    present = [stage for stage in STAGES if stage in kinds]
    if len(present) < 2:
        return
    names = "、".join(f"「{STAGES[stage]}」" for stage in present)
    for change in context.changes.changes:
        if change.location.kind in present[1:]:
            message = (
                f"本合并请求同时含有{names}：每个阶段由不同的审核人把关，请按先后顺序分成多个合并请求，"
                f"先合并「{STAGES[present[0]]}」。"
            )
            yield _finding(change, "CHANGE-STAGES", message)


CHECKS: tuple[Callable[[ChangeContext], Iterator[Finding]], ...] = (
    check_deadline,
    check_application_lock,
    check_record_lock,
    check_one_region,
    check_one_stage,
)
