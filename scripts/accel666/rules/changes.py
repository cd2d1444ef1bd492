"""Rules that compare a pull request with its base: deadlines, locks, one region, one stage.

A file's content is checked by the other rules; these look at what the change does to
the repository and when: adding, editing or deleting an application, a recommendation
or a review after its stage's deadline, data changed together with the tool that judges it, adding, editing or deleting what a later stage already relies
on, a 公示 merged after its first day, publishing before the 公示 has ended, or mixing
what different reviewers must approve. Deadlines are read from the base's batch.yaml, so a pull request cannot move
its own deadline; "today" is a Beijing date given by the caller (the clock is injectable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from accel666.findings import Finding
from accel666.git import Change, ChangeSet
from accel666.repository import RECOMMENDATIONS, REVIEWS, SUBMISSIONS, Batch, Location, Repository
from accel666.vocabulary import WORKFLOW_STEPS
from accel666.workflow import BatchState


@dataclass(frozen=True)
class ChangeContext:
    repo: Repository
    changes: ChangeSet
    today: dt.date
    states: Mapping[str, BatchState] = field(default_factory=dict)  # the head's workflow, by batch
    actor: str | None = None  # the pull request's author (`check --actor`), judged by rules.access

    def batch(self, batch_id: str | None) -> Batch | None:
        """A batch's configuration as the base holds it (the head's for a batch the change creates)."""
        batch_id = batch_id or ""
        return self.changes.base_batches.get(batch_id) or self.repo.batches.get(batch_id)

    def at_base(self, relpath: str) -> bool:
        return relpath in self.changes.base_paths

    def any_at_base(self, prefix: str) -> str | None:
        return next((path for path in sorted(self.changes.base_paths) if path.startswith(prefix)), None)


def _finding(change: Change, code: str, message: str) -> Finding:
    return Finding(change.path, 1, 1, code, message)


@dataclass(frozen=True)
class Deadline:
    """What a stage's deadline closes: which files, changed how, refused with which code."""

    kind: str
    statuses: tuple[str, ...]
    date: Callable[[Batch], dt.date]
    title: str
    closed: str
    code: str


# A deadline closes a stage both ways: after it nothing comes in, and nothing that came in
# is edited or taken back (a deleted recommendation would quietly drop an application).
_ANY = ("added", "modified", "deleted")
# The notice's 联合申报 stage ends with the bureaus' 推荐意见 reported to the province, so
# both applications and recommendations are due by the application deadline.
DEADLINES = (
    Deadline(
        "application",
        _ANY,
        lambda b: b.application_deadline,
        "申报截止日期",
        "新增、修改或删除申报",
        "LATE-APPLICATION",
    ),
    Deadline(
        "recommendation",
        _ANY,
        lambda b: b.application_deadline,
        "申报截止日期（各地工信局须在此前提出推荐意见）",
        "提交、修改或删除推荐意见",
        "LATE-RECOMMENDATION",
    ),
    Deadline(
        "review",
        _ANY,
        lambda b: b.review_deadline,
        "审核截止日期",
        "提交、修改或删除专家评审意见",
        "LATE-REVIEW",
    ),
)


def check_deadlines(context: ChangeContext) -> Iterator[Finding]:
    """No application, recommendation or review comes in after its stage's deadline."""
    for change in context.changes.changes:
        where = change.location
        batch = context.batch(where.batch)
        for deadline in DEADLINES:
            if where.kind != deadline.kind or change.status not in deadline.statuses or batch is None:
                continue
            if context.today > deadline.date(batch):
                message = (
                    f"{batch.name}的{deadline.title}为 {deadline.date(batch)}，今天是 {context.today}："
                    f"截止日期后不能再{deadline.closed}。如确需延期，请省工信厅先修改 {_batch_file(where, 'batch.yaml')} 中的日期。"
                )
                yield _finding(change, deadline.code, message)


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


_ACTIONS = {"added": "新增", "modified": "修改", "deleted": "删除"}


def check_record_lock(context: ChangeContext) -> Iterator[Finding]:
    """Once the next stage is recorded, the stage before it is closed: no record is added, edited or deleted."""
    for change in context.changes.changes:
        where = change.location
        if not where.is_record:
            continue
        later = _later_record(context, where)
        if later is not None:
            message = (
                f"下一阶段的记录（{later}）已经合并，不能再{_ACTIONS[change.status]}此{WORKFLOW_STEPS[where.kind]}："
                "如确需更正，请联系省工信厅。"
            )
            yield _finding(change, "RECORD-LOCKED", message)


def _with_publicity(
    context: ChangeContext, kind: str, statuses: tuple[str, ...]
) -> Iterator[tuple[Change, dt.date | None, dt.date | None]]:
    """The changes of `kind` made as `statuses` say, in a batch with a 公示 record: with its start and end."""
    for change in context.changes.changes:
        where = change.location
        state = context.states.get(where.batch or "")
        if where.kind == kind and change.status in statuses and state is not None and state.publicity is not None:
            yield change, state.publicity.date("start"), state.publicity.date("end")


def check_publicity_announced_ahead(context: ChangeContext) -> Iterator[Finding]:
    """A 公示 is merged by its first day: one merged later would have run without the public seeing it."""
    for change, start, _ in _with_publicity(context, "publicity", ("added",)):
        if start is not None and start < context.today:
            message = (
                f"公示开始日期为 {start}，今天是 {context.today}：公示须在开始之日或之前合并，网站才能从第一天起公示，"
                "请把开始日期改为今天或以后（结束日期相应顺延 5 个工作日）。"
            )
            yield _finding(change, "PUBLICITY-BACKDATED", message)


def check_publication_after_publicity(context: ChangeContext) -> Iterator[Finding]:
    """The list is published by a change merged after the 公示 has ended, whatever date it carries."""
    for change, start, end in _with_publicity(context, "publication", ("added", "modified")):
        if end is not None and context.today <= end:
            message = (
                f"公示期为 {start} 至 {end}，今天是 {context.today}：公示期满（{end} 之后）且异议处理完毕后，"
                "才能合并名单发布。"
            )
            yield _finding(change, "EARLY-PUBLICATION", message)


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
    kinds = [c.location.kind for c in context.changes.changes if c.location.kind in WORKFLOW_STEPS]
    present = [stage for stage in WORKFLOW_STEPS if stage in kinds]
    if len(present) < 2:
        return
    names = "、".join(f"「{WORKFLOW_STEPS[stage]}」" for stage in present)
    for change in context.changes.changes:
        if change.location.kind in present[1:]:
            message = (
                f"本合并请求同时含有{names}：每个阶段由不同的审核人把关，请按先后顺序分成多个合并请求，"
                f"先合并「{WORKFLOW_STEPS[present[0]]}」。"
            )
            yield _finding(change, "CHANGE-STAGES", message)


# The tool's cache: it lives outside the repository now, and a committed one was a way to
# report a check that never ran.
_CACHE_FOLDER = ".accel666-cache/"


def check_tooling(context: ChangeContext) -> Iterator[Finding]:
    """Data and tooling never travel together: the tool that judges the data must be the base's."""
    outside, changes = context.changes.outside, context.changes.changes
    for path in outside:
        if path.startswith(_CACHE_FOLDER):
            message = "检查缓存不属于仓库，提交的缓存文件不会被读取：请删除此文件（git rm）。"
            yield Finding(path, 1, 1, "CACHE-TRACKED", message)
        elif changes:
            message = (
                f"本合并请求同时修改了申报数据（{SUBMISSIONS}/ 下 {len(changes)} 个文件）和工具、模式、工作流或文档"
                "（本文件）：判断申报数据的必须是基准分支上的工具，请把两类修改分成两个合并请求，工具的修改由省工信厅作为代码审核。"
            )
            yield Finding(path, 1, 1, "CHANGE-TOOLING", message)


CHECKS: tuple[Callable[[ChangeContext], Iterator[Finding]], ...] = (
    check_tooling,
    check_deadlines,
    check_application_lock,
    check_record_lock,
    check_publicity_announced_ahead,
    check_publication_after_publicity,
    check_one_region,
    check_one_stage,
)
