"""The review workflow: records of each stage, and every application's status derived from them.

The notice's procedure is: units apply; the region's bureau gives its 推荐意见; experts
review; the province decides, holds a 公示 and publishes the list. Each step is a record
file merged by its own reviewers (see accel666.repository for the paths). Nothing here
is typed by hand: an application's status is a function of the records and the date.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from accel666.facts import Facts, iso_date
from accel666.findings import Finding
from accel666.repository import Batch, Location, Repository, locate

PUBLICITY_WORKING_DAYS = 5


class Status(enum.Enum):
    """An application's stage, in the order the procedure reaches them."""

    SUBMITTED = "已提交"
    NOT_RECOMMENDED = "未获推荐"
    RECOMMENDED = "已推荐"
    UNDER_REVIEW = "专家评审中"
    REJECTED = "未入选"
    APPROVED = "拟入选"
    IN_PUBLICITY = "公示中"
    PUBLISHED = "已发布"

    @property
    def label(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Record:
    """One record file as the cache keeps it: its data, and where each value sits."""

    path: str
    location: Location
    data: dict[str, Any]
    positions: dict[str, tuple[int, int]]

    @property
    def kind(self) -> str:
        return self.location.kind

    def date(self, key: str = "date") -> dt.date | None:
        value = self.data.get(key)
        return iso_date(value) if isinstance(value, str) else None

    def finding(self, pointer: str, code: str, message: str) -> Finding:
        probe = pointer
        while probe not in self.positions and probe:
            probe = probe.rsplit("/", 1)[0]
        line, column = self.positions.get(probe, (1, 1))
        return Finding(self.path, line, column, code, message, pointer=pointer)

    def to_json(self) -> dict[str, Any]:
        return {"data": self.data, "positions": {key: list(value) for key, value in self.positions.items()}}

    @classmethod
    def from_json(cls, path: str, entry: dict[str, Any]) -> Record:
        positions = {key: (value[0], value[1]) for key, value in entry["positions"].items()}
        return cls(path, locate(path), entry["data"], positions)


@dataclass
class Case:
    """One application and the records about it."""

    facts: Facts
    region: str | None
    recommendation: Record | None = None
    reviews: list[Record] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.facts.category, self.facts.uscc)

    @property
    def recommended(self) -> bool:
        return self.recommendation is not None and self.recommendation.data.get("recommended") is True


@dataclass
class BatchState:
    """A batch's applications and the records of every stage."""

    id: str
    batch: Batch | None
    cases: dict[tuple[str, str], Case] = field(default_factory=dict)
    recommendations: list[Record] = field(default_factory=list)
    reviews: list[Record] = field(default_factory=list)
    decision: Record | None = None
    publicity: Record | None = None
    publication: Record | None = None

    def decided(self, listing: str) -> list[tuple[int, str, str]]:
        """(index, category, uscc) of the decision's `approved` or `rejected` entries."""
        if self.decision is None:
            return []
        entries = self.decision.data.get(listing) or []
        return [(i, str(e.get("category")), str(e.get("uscc"))) for i, e in enumerate(entries) if isinstance(e, dict)]

    @property
    def approved(self) -> list[tuple[str, str]]:
        return [(category, uscc) for _, category, uscc in self.decided("approved")]

    def publicity_started(self, today: dt.date) -> bool:
        start = self.publicity.date("start") if self.publicity else None
        return start is not None and start <= today

    def publicity_ended(self, today: dt.date) -> bool:
        end = self.publicity.date("end") if self.publicity else None
        return end is not None and end < today

    def published(self, today: dt.date) -> bool:
        date = self.publication.date() if self.publication else None
        return date is not None and date <= today


def build(repo: Repository, facts: Iterable[Facts], records: Iterable[Record]) -> dict[str, BatchState]:
    """Every batch's state from the applications' facts and the record files."""
    states: dict[str, BatchState] = {}

    def state(batch_id: str) -> BatchState:
        if batch_id not in states:
            states[batch_id] = BatchState(batch_id, repo.batches.get(batch_id))
        return states[batch_id]

    for item in facts:
        case = Case(item, item.region)
        state(item.batch).cases.setdefault(case.key, case)
    for record in sorted(records, key=lambda r: r.path):
        where = record.location
        if where.batch is None:
            continue
        target = state(where.batch)
        about = target.cases.get((where.category or "", where.stem or ""))
        if record.kind == "recommendation":
            target.recommendations.append(record)
            if about is not None and about.region == where.region:
                about.recommendation = record
        elif record.kind == "review":
            target.reviews.append(record)
            if about is not None:
                about.reviews.append(record)
        else:
            setattr(target, record.kind, record)
    return states


@dataclass(frozen=True)
class Event:
    """One step of an application's history, as `accel666 status` shows it."""

    date: dt.date | None
    status: Status
    detail: str
    path: str


def _by(record: Record | None, today: dt.date) -> bool:
    """Whether a record exists as of `today`: one dated later has not happened yet."""
    date = record.date() if record is not None else None
    return record is not None and (date is None or date <= today)


def history(case: Case, state: BatchState, today: dt.date) -> list[Event]:
    """The steps an application has been through by `today`, oldest first; the last one is its status."""
    events = [Event(None, Status.SUBMITTED, case.facts.name, case.facts.path)]
    if case.recommendation is not None and _by(case.recommendation, today):
        rec = case.recommendation
        status = Status.RECOMMENDED if case.recommended else Status.NOT_RECOMMENDED
        events.append(Event(rec.date(), status, str(rec.data.get("bureau", "")), rec.path))
    reviews = [review for review in case.reviews if _by(review, today)]
    for review in sorted(reviews, key=lambda r: (r.date() or dt.date.min, r.path)):
        expert = review.data.get("expert") or {}
        detail = f"{expert.get('name', '')}：{review.data.get('verdict', '')}（{_total(review)} 分）"
        events.append(Event(review.date(), Status.UNDER_REVIEW, detail, review.path))
    events.extend(_decision_events(case, state, today))
    return events


def _decision_events(case: Case, state: BatchState, today: dt.date) -> list[Event]:
    if state.decision is None or not _by(state.decision, today):
        return []
    decision = state.decision
    rejected = {(category, uscc): i for i, category, uscc in state.decided("rejected")}
    if case.key in rejected:
        reason = state.decision.data["rejected"][rejected[case.key]].get("reason", "")
        return [Event(decision.date(), Status.REJECTED, str(reason), decision.path)]
    if case.key not in state.approved:
        return []
    events = [Event(decision.date(), Status.APPROVED, str(decision.data.get("document", "")), decision.path)]
    if state.publicity is not None and state.publicity_started(today):
        span = f"{state.publicity.data.get('start')} 至 {state.publicity.data.get('end')}"
        events.append(Event(state.publicity.date("start"), Status.IN_PUBLICITY, span, state.publicity.path))
    if state.publication is not None and state.published(today):
        events.append(
            Event(
                state.publication.date(),
                Status.PUBLISHED,
                str(state.publication.data.get("document", "")),
                state.publication.path,
            )
        )
    return events


def status(case: Case, state: BatchState, today: dt.date) -> Status:
    return history(case, state, today)[-1].status


def _total(review: Record) -> int:
    scores = review.data.get("scores") or {}
    return sum(value for value in scores.values() if isinstance(value, int))


def is_working_day(day: dt.date) -> bool:
    """Whether `day` is a working day in China: public holidays are not, make-up working days are.

    From `chinese_calendar`, which raises NotImplementedError for a year it does not know yet.
    """
    import chinese_calendar  # noqa: PLC0415 - only the 公示 rules need it

    return bool(chinese_calendar.is_workday(day))


def publicity_end(start: dt.date) -> dt.date:
    """The last day of a 公示 that starts on `start`: its fifth working day, `start` counted if it is one."""
    day, counted = start, 0
    while True:
        if is_working_day(day):
            counted += 1
            if counted == PUBLICITY_WORKING_DAYS:
                return day
        day += dt.timedelta(days=1)


@dataclass
class Snapshot:
    """What repository-wide rules see: the configuration, every application's facts, every record."""

    repo: Repository
    facts: list[Facts]
    records: list[Record]
    today: dt.date
    _states: dict[str, BatchState] | None = field(default=None, repr=False)

    @property
    def states(self) -> dict[str, BatchState]:
        if self._states is None:
            self._states = build(self.repo, self.facts, self.records)
        return self._states


def find_cases(states: Mapping[str, BatchState], relpath: str | None, uscc: str) -> list[tuple[Case, BatchState]]:
    """The applications filed at `relpath` or under the code `uscc`, in every batch given."""
    return [
        (case, state)
        for state in states.values()
        for case in state.cases.values()
        if case.facts.path == relpath or case.facts.uscc == uscc
    ]


def count_statuses(
    states: Mapping[str, BatchState], today: dt.date
) -> dict[str, dict[tuple[str, str], Counter[Status]]]:
    """Per batch, per (region, category): how many applications are at each status as of `today`."""
    tables: dict[str, dict[tuple[str, str], Counter[Status]]] = {}
    for key, state in sorted(states.items()):
        counts: dict[tuple[str, str], Counter[Status]] = {}
        for case in state.cases.values():
            counts.setdefault((case.region or "", case.facts.category), Counter())[
                history(case, state, today)[-1].status
            ] += 1
        tables[key] = counts
    return tables
