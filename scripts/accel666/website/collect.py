"""Accepted applications -> frozen public records for the site. Never prints.

Only what the schemas mark `x-public` leaves this module: `public_view` drops every
other field, so no page, download or search index built from these records can carry
a private value. A record's address on the site is its batch, category and number
(序号), never its 统一社会信用代码 (which is not public).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accel666.check import Checked
from accel666.facts import iso_date
from accel666.load import load_document
from accel666.repository import Batch, Region, Repository, locate
from accel666.rules.base import unit_key
from accel666.schema import field_title, normalised, resolve
from accel666.vocabulary import CATEGORY_TITLES, FORMS, NOTICE_STAGES
from accel666.workflow import BatchState

TARGETS = {"cloud-center": 6, "backbone": 60, "demo-enterprise": 600}


@dataclass(frozen=True)
class PublicField:
    title: str
    value: str
    key: str = ""  # the field's own name in its schema (`industry`), for a page that filters on it


@dataclass(frozen=True)
class Project:
    batch: str
    category: str
    number: int  # 序号 within its batch and category, in region order
    region: Region
    name: str
    unit: str
    kind: str  # 附件1 variant or 附件3 project type; empty for backbone enterprises
    summary: str
    recommender: str
    fields: tuple[PublicField, ...]
    cases: tuple[tuple[PublicField, ...], ...]

    @property
    def uri(self) -> str:
        return f"list/{self.batch}/{self.category}-{self.number:03d}.md"

    @property
    def category_title(self) -> str:
        return CATEGORY_TITLES[self.category]


@dataclass(frozen=True)
class Publicity:
    """A batch's 公示: the proposed projects, the dates and where to object."""

    batch: Batch
    start: dt.date
    end: dt.date
    contact: tuple[PublicField, ...]
    projects: tuple[Project, ...]
    ended: bool
    listed: bool = False  # the batch's list is published: the 公示 is history

    @property
    def current(self) -> bool:
        return not self.listed


@dataclass(frozen=True)
class Announcement:
    """How a batch's list was published: its date and 文号, and the decision it follows."""

    date: dt.date
    document: str
    decision_date: dt.date | None
    decision_document: str


@dataclass(frozen=True)
class Site:
    """Everything the public site shows, derived from the repository's records and the date."""

    regions: tuple[Region, ...]
    batches: tuple[Batch, ...]
    projects: tuple[Project, ...]  # approved applications of published batches only
    today: dt.date
    published: frozenset[str] = frozenset()  # ids of the batches whose list is published
    publicity: tuple[Publicity, ...] = ()  # every 公示 that has started, the published ones included
    stages: dict[str, str] = field(default_factory=dict)  # batch id -> its stage today
    announcements: dict[str, Announcement] = field(default_factory=dict)  # published batch id -> how

    @property
    def current_publicity(self) -> tuple[Publicity, ...]:
        """The 公示 whose list is not published yet: running, or ended and awaiting the list."""
        return tuple(p for p in self.publicity if p.current)

    @property
    def current(self) -> Batch | None:
        return self.batches[-1] if self.batches else None


def public_view(category: str, data: Any) -> Any:
    """`data` reduced to the fields marked x-public (a public container keeps all inside)."""
    return _public(resolve(normalised(category)), data)


def _public(schema: dict[str, Any], value: Any) -> Any:
    if schema.get("x-public"):
        return value
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            prop = schema.get("properties", {}).get(key)
            sub = _public(resolve(prop), item) if prop is not None else None
            if sub is not None:
                kept[key] = sub
        return kept or None
    if isinstance(value, list):
        items = resolve(schema.get("items", {}))
        kept_items = [sub for sub in (_public(items, item) for item in value) if sub is not None]
        return kept_items or None
    return None


def stage(batch: Batch, state: BatchState | None, today: dt.date) -> str:
    """The batch's stage on `today`: from its records once 公示 begins, else from its dates."""
    if state is not None and state.published(today):
        return NOTICE_STAGES[4]
    if state is not None and state.publicity_started(today):
        return NOTICE_STAGES[3]
    if today <= batch.matching_deadline:
        return NOTICE_STAGES[0]
    if today <= batch.application_deadline:
        return NOTICE_STAGES[1]
    return NOTICE_STAGES[2]


def collect_site(repo: Repository, result: Checked, today: dt.date) -> Site:
    """The public records of a repository that `result` (its validation) found clean."""
    if not result.ok:
        raise ValueError("collect_site needs a repository without errors")
    regions = tuple(sorted(repo.regions.values(), key=lambda r: r.order))
    # The practice batch is never public: not on the list, the progress page or the notice's stages.
    batches = tuple(repo.batches[key] for key in sorted(repo.batches) if not repo.batches[key].practice)
    states: dict[str, BatchState] = result.snapshot.states
    projects: list[Project] = []
    publicity: list[Publicity] = []
    announcements: dict[str, Announcement] = {}
    for batch in batches:
        state = states.get(batch.id)
        if state is None:
            continue
        chosen = _batch_projects(repo, batch, set(state.approved)) if state.decision else []
        if state.published(today):
            announcements[batch.id] = _announcement(state)
            projects.extend(chosen)
        if state.publicity is not None and state.publicity_started(today):
            publicity.append(_publicity(batch, state, today, tuple(chosen)))
    stages = {batch.id: stage(batch, states.get(batch.id), today) for batch in batches}
    published = frozenset(announcements)
    return Site(regions, batches, tuple(projects), today, published, tuple(publicity), stages, announcements)


def _publicity(batch: Batch, state: BatchState, today: dt.date, projects: tuple[Project, ...]) -> Publicity:
    assert state.publicity is not None
    record = state.publicity
    start, end = record.date("start"), record.date("end")
    assert start is not None and end is not None  # the schema requires both
    # The objection contact is public by design (x-public in publicity.schema.json).
    contact = tuple(_fields("publicity", ["contact"], public_view("publicity", record.data)["contact"]))
    ended, listed = state.publicity_ended(today), state.published(today)
    return Publicity(batch, start, end, contact, projects, ended=ended, listed=listed)


def _announcement(state: BatchState) -> Announcement:
    """The publication's date (the day the list went public) and the 文号 and decision date its
    and the decision's schemas mark x-public."""
    assert state.publication is not None  # published
    date = state.publication.date()
    assert date is not None  # published on it
    publication = public_view("publication", state.publication.data) or {}
    decision = (public_view("decision", state.decision.data) or {}) if state.decision else {}
    return Announcement(
        date=date,
        document=str(publication.get("document") or ""),
        decision_date=iso_date(str(decision["date"])) if decision.get("date") else None,
        decision_document=str(decision.get("document") or ""),
    )


def _batch_projects(repo: Repository, batch: Batch, approved: set[tuple[str, str]]) -> list[Project]:
    found: list[tuple[int, str, str, dict[str, Any]]] = []
    for relpath in repo.yaml_files():
        where = locate(relpath)
        if where.kind != "application" or where.batch != batch.id or (where.category, where.stem) not in approved:
            continue
        data = load_document((repo.root / relpath).read_bytes(), relpath).data
        assert isinstance(data, dict) and where.category and where.region
        found.append((repo.regions[where.region].order, where.category, relpath, data))
    projects = []
    for category in FORMS:
        rows = sorted(
            (item for item in found if item[1] == category), key=lambda item: (item[0], _name(category, item[3]))
        )
        for number, (_, _, relpath, data) in enumerate(rows, start=1):
            projects.append(_project(repo, batch, category, number, Path(relpath), data))
    return projects


def _name(category: str, data: dict[str, Any]) -> str:
    return str(data.get("project_name") or data[unit_key(category)]["name"])


def _project(repo: Repository, batch: Batch, category: str, number: int, path: Path, data: dict[str, Any]) -> Project:
    public = public_view(category, data) or {}
    for shown_elsewhere in (
        "category",
        "batch",
        "region",
        "variant",
        "project_type",
        "public_summary",
        "project_name",
        "recommender",
    ):
        public.pop(shown_elsewhere, None)  # the page shows these as the project's attributes
    if isinstance(public.get(unit_key(category)), dict):
        public[unit_key(category)].pop("name", None)  # shown as 单位名称
    cases = tuple(
        tuple(_fields(category, ["cases", index], case)) for index, case in enumerate(public.pop("cases", []))
    )
    return Project(
        batch=batch.id,
        category=category,
        number=number,
        region=repo.regions[data["region"]],
        name=_name(category, data),
        unit=data[unit_key(category)]["name"],
        kind=str(data.get("variant") or data.get("project_type") or ""),
        summary=data["public_summary"],
        recommender=str(data.get("recommender") or repo.regions[data["region"]].bureau),
        fields=tuple(_fields(category, [], public)),
        cases=cases,
    )


def _fields(schema: str, parts: list[object], value: Any) -> Iterable[PublicField]:
    """Flatten a public view into (Chinese title, text) rows, in schema order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _fields(schema, [*parts, key], item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _fields(schema, [*parts, index], item)
    elif value is not None:
        yield PublicField(field_title(schema, parts), str(value), str(parts[-1]) if parts else "")
