"""Rules of the review workflow: records name real applications, in the right region, in order.

Per record file (RECORD_CHECKS): what its path says agrees with what it holds. Across
the repository (checks on a Snapshot): every record follows the one it depends on, by
existence and by date; 公示 lasts five working days; nothing is dated in the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from accel666.findings import Finding
from accel666.repository import Repository
from accel666.vocabulary import CATEGORY_TITLES, WORKFLOW_STEPS
from accel666.workflow import BatchState, Case, Record, Snapshot, is_working_day, publicity_end

# -- one record file ---------------------------------------------------------------


def check_record_place(record: Record, repo: Repository) -> Iterator[Finding]:
    """The batch, region, category and USCC a record holds are the ones its path names."""
    where = record.location
    expected = {"batch": where.batch, "region": where.region, "category": where.category, "uscc": where.stem}
    for key, value in expected.items():
        if value is None or key not in record.data or record.data[key] == value:
            continue
        message = (
            f"{WORKFLOW_STEPS[record.kind]}中的「{key}」为 “{record.data[key]}”，但文件位于 {record.path}（应为 “{value}”）："
            "请改正该字段，或把文件移到对应的文件夹。"
        )
        yield record.finding(f"/{key}", "RECORD-FOLDER", message)
    account = (record.data.get("expert") or {}).get("account") if record.kind == "review" else None
    if account is not None and account != where.account:
        message = f"评审专家账号 “{account}” 与文件名 {where.account}.yaml 不一致：评审意见文件应以专家本人的账号命名。"
        yield record.finding("/expert/account", "RECORD-FOLDER", message)
    if where.batch not in repo.batches:
        message = f"批次 {where.batch} 没有有效的 batch.yaml：请确认批次文件夹名称。"
        yield record.finding("/batch", "BATCH-UNKNOWN", message)


def check_recommender(record: Record, repo: Repository) -> Iterator[Finding]:
    """The 推荐单位 named is the bureau of the region whose folder holds the record."""
    region = repo.regions.get(record.location.region or "")
    bureau = record.data.get("bureau")
    if record.kind != "recommendation" or region is None or not isinstance(bureau, str) or region.accepts(bureau):
        return
    message = (
        f"推荐单位 “{bureau}” 不是{region.name}的推荐单位（{region.bureau}）：推荐意见只能由申报所在地区的工信局出具。"
    )
    yield record.finding("/bureau", "RECOMMENDATION-BUREAU", message)


RECORD_CHECKS = (check_record_place, check_recommender)


# -- the whole repository ------------------------------------------------------------


def check_workflow(snapshot: Snapshot) -> Iterator[Finding]:
    for state in snapshot.states.values():
        yield from _recommendations(state)
        yield from _reviews(state)
        yield from _decision(state)
        yield from _publicity(state)
        yield from _publication(state)
        yield from _future(state, snapshot.today)


def _title(case_or_key: Case | tuple[str, str]) -> str:
    category, uscc = case_or_key.key if isinstance(case_or_key, Case) else case_or_key
    return f"{CATEGORY_TITLES.get(category, category)}申报 {uscc}"


def _recommendations(state: BatchState) -> Iterator[Finding]:
    for record in state.recommendations:
        where = record.location
        case = state.cases.get((where.category or "", where.stem or ""))
        if case is None:
            yield _missing_application(record, state)
        elif case.region != where.region:
            message = (
                f"{_title(case)} 属于地区 {case.region}（{case.facts.path}），不能由地区 {where.region} 推荐："
                "推荐意见只能由申报所在地区的工信局出具，请删除此文件。"
            )
            yield record.finding("/region", "RECOMMENDATION-REGION", message)


def _missing_application(record: Record, state: BatchState) -> Finding:
    where = record.location
    message = (
        f"{WORKFLOW_STEPS[record.kind]}所指的{_title((where.category or '', where.stem or ''))} 在批次 {state.id} 中不存在："
        "请核对文件夹、类别和统一社会信用代码。"
    )
    return record.finding("/uscc", "RECORD-APPLICATION", message)


def _reviews(state: BatchState) -> Iterator[Finding]:
    for record in state.reviews:
        where = record.location
        case = state.cases.get((where.category or "", where.stem or ""))
        if case is None:
            yield _missing_application(record, state)
        elif not case.recommended:
            message = f"{_title(case)} 尚未获得推荐，不能评审：专家评审须在地区工信局的推荐意见（recommended: true）合并之后。"
            yield record.finding("", "REVIEW-NOT-RECOMMENDED", message)
        elif (before := case.recommendation.date() if case.recommendation else None) and (
            (date := record.date()) and date < before
        ):
            message = f"评审日期 {date} 早于推荐日期 {before}：请核对评审日期。"
            yield record.finding("/date", "RECORD-ORDER", message)


def _decision(state: BatchState) -> Iterator[Finding]:
    decision = state.decision
    if decision is None:
        return
    seen: dict[tuple[str, str], str] = {}
    for listing in ("approved", "rejected"):
        for index, category, uscc in state.decided(listing):
            pointer = f"/{listing}/{index}"
            key = (category, uscc)
            if key in seen:
                message = f"{_title(key)} 在决定中重复出现（已列于 {seen[key]}）：每份申报只能列入一次。"
                yield decision.finding(pointer, "DECISION-DUPLICATE", message)
                continue
            seen[key] = "拟入选" if listing == "approved" else "未入选"
            yield from _decided_case(state, decision, pointer, key, approved=listing == "approved")
    for case in state.cases.values():
        if case.recommended and case.key not in seen:
            message = f"已获推荐的{_title(case)}（{case.facts.name}）未列入决定：请列入 approved 或 rejected。"
            yield decision.finding("", "DECISION-INCOMPLETE", message)


def _decided_case(
    state: BatchState, decision: Record, pointer: str, key: tuple[str, str], *, approved: bool
) -> Iterator[Finding]:
    case = state.cases.get(key)
    if case is None:
        message = f"决定所列的{_title(key)} 在批次 {state.id} 中不存在：请核对类别和统一社会信用代码。"
        yield decision.finding(f"{pointer}/uscc", "RECORD-APPLICATION", message)
        return
    if not case.recommended:
        message = f"{_title(case)}（{case.facts.name}）没有获得推荐，不能作出决定：决定须在地区工信局推荐之后。"
        yield decision.finding(pointer, "DECISION-NOT-RECOMMENDED", message)
        return
    if approved and not case.reviews:
        message = f"{_title(case)}（{case.facts.name}）没有专家评审意见，不能决定入选：请先合并评审意见。"
        yield decision.finding(pointer, "DECISION-UNREVIEWED", message)
    date = decision.date()
    earlier = [
        r
        for r in [case.recommendation, *case.reviews]
        if r is not None and (r.date() or dt.date.min) > (date or dt.date.max)
    ]
    for record in earlier:
        message = (
            f"决定日期 {date} 早于{WORKFLOW_STEPS[record.kind]}日期 {record.date()}（{record.path}）：请核对日期。"
        )
        yield decision.finding("/date", "RECORD-ORDER", message)


def _publicity(state: BatchState) -> Iterator[Finding]:
    publicity = state.publicity
    if publicity is None:
        return
    start, end = publicity.date("start"), publicity.date("end")
    if state.decision is None:
        yield publicity.finding(
            "", "PUBLICITY-BEFORE-DECISION", "本批次还没有省级决定（decision.yaml），不能公示：请先合并决定。"
        )
    elif start and (decided := state.decision.date()) and start < decided:
        message = f"公示开始日期 {start} 早于决定日期 {decided}：请核对日期。"
        yield publicity.finding("/start", "RECORD-ORDER", message)
    if start is None or end is None:
        return
    try:
        expected, working = publicity_end(start), is_working_day(start)
    except NotImplementedError:
        message = f"日历数据中没有 {start.year} 年的法定节假日安排，无法核对公示期：请更新 chinese-calendar 软件包。"
        yield publicity.finding("/end", "PUBLICITY-DAYS", message)
        return
    if not working:
        message = f"公示开始日期 {start} 是休息日：公示期应从工作日开始（下一个工作日开始时应到 {expected} 结束）。"
        yield publicity.finding("/start", "PUBLICITY-DAYS", message)
    elif end != expected:
        message = f"公示期应为 5 个工作日：从 {start} 开始应到 {expected} 结束（法定节假日不计，调休上班日计入），现为 {end}。"
        yield publicity.finding("/end", "PUBLICITY-DAYS", message)


def _publication(state: BatchState) -> Iterator[Finding]:
    publication = state.publication
    if publication is None:
        return
    end = state.publicity.date("end") if state.publicity else None
    date = publication.date()
    if state.publicity is None:
        message = "本批次还没有公示（publicity.yaml），不能发布名单：拟入选名单须先公示 5 个工作日。"
        yield publication.finding("", "PUBLICATION-EARLY", message)
    elif end and date and date <= end:
        message = f"发布日期 {date} 不晚于公示结束日期 {end}：名单须在公示期满后发布。"
        yield publication.finding("/date", "PUBLICATION-EARLY", message)


def _future(state: BatchState, today: dt.date) -> Iterator[Finding]:
    """Recommendations, reviews and decisions record what happened: none is dated after today."""
    for record in [*state.recommendations, *state.reviews, *([state.decision] if state.decision else [])]:
        date = record.date()
        if date and date > today:
            message = f"{WORKFLOW_STEPS[record.kind]}日期 {date} 晚于今天（{today}）：记录应在作出后提交，请核对日期。"
            yield record.finding("/date", "RECORD-FUTURE", message)
