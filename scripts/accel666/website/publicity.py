"""The 公示 pages: the current 公示 with how to object, and an archive of every 公示.

publicity.md (served at publicity/) shows the 公示 whose list is not published yet, in
full, and a table of every 公示 that has started; each has its own page at
publicity/<batch>/ that stays after the list is published: its period, the contacts it
was announced with and its list, whose names then lead to the project pages.
"""

from __future__ import annotations

from collections.abc import Iterator

from accel666.vocabulary import CATEGORY_TITLES, FORMS
from accel666.website.collect import Publicity, Site
from accel666.website.markup import cell, definitions, front_matter, text
from accel666.website.pages import project_table
from accel666.website.settings import Objection

_ARCHIVE_COLUMNS = ("批次", "公示期", "拟入选项目", "状态")


def publicity_pages(site: Site, objection: Objection) -> Iterator[tuple[str, str]]:
    yield "publicity.md", publicity_page(site, objection)
    for publicity in site.publicity:
        yield f"publicity/{publicity.batch.id}.md", archived_publicity(site, publicity, objection)


def publicity_page(site: Site, objection: Objection) -> str:
    """The 公示 in progress (or ended, its list not yet published), then every 公示 so far."""
    parts = [front_matter("公示"), "# 拟入选项目公示\n"]
    current = site.current_publicity
    if not current:
        parts.append(
            "\n目前没有正在进行的公示。拟入选名单经省工信厅决定后在此公示 5 个工作日，期满后在“项目名单”中发布。\n"
        )
    for publicity in current:
        parts.append(f"\n## {_batch_title(publicity)}\n\n")
        parts.append(_section(publicity, objection, link_prefix="", level=3))
    if site.publicity:
        parts.append("\n## 历次公示\n\n")
        parts.append(_archive_table(site))
    return "".join(parts)


def archived_publicity(site: Site, publicity: Publicity, objection: Objection) -> str:
    """publicity/<batch>.md: one 公示 as announced, kept after its list is published."""
    title = f"{publicity.batch.name}拟入选项目公示"
    # Out of the search index: it repeats publicity/ while the 公示 runs and the list after it,
    # and would outrank both for every name and for 异议.
    parts = [front_matter(title, searchable=False), f"# {text(title)}{_sample(publicity)}\n\n"]
    announced = site.announcements.get(publicity.batch.id)
    if announced is not None:
        parts.append(
            f'<p class="accel666-listed" role="note">公示期满，名单已于 {announced.date} 发布'
            f'（{text(announced.document)}），见<a href="../../list/">项目名单</a>。</p>\n\n'
        )
    # Published projects have pages under list/, two levels up from publicity/<batch>/.
    parts.append(_section(publicity, objection, link_prefix="../../list/" if publicity.listed else None, level=2))
    parts.append('\n<p><a href="../">返回公示</a></p>\n')
    return "".join(parts)


def _section(publicity: Publicity, objection: Objection, *, link_prefix: str | None, level: int) -> str:
    """The period, where and how to object (while it runs) and the proposed projects by category."""
    closing = f"{publicity.end} {objection.closing_time}{_label('closing_time', objection)}"
    when = f"公示期：{publicity.start} 至 {publicity.end}（5 个工作日），异议受理截止时间：{closing}"
    status = (
        "公示期已结束。"
        if publicity.ended
        else "公示期内，任何单位和个人对公示项目有异议的，可按下列要求向受理处室书面反映。"
    )
    h = f"h{level}"
    # Once it has ended, nothing is received any more: the contacts stay as a record of the 公示.
    contacts = "受理处室和联系方式" if publicity.ended else "异议受理"
    parts = [
        f'<div class="accel666-publicity" role="note"><p><strong>{when}</strong></p><p>{status}</p></div>\n\n',
        f"<{h}>{contacts}</{h}>\n\n",
        definitions([(field.title.split(" › ")[-1], field.value) for field in publicity.contact], linked=True),
    ]
    if not publicity.ended:
        rules = "".join(f"<li>{text(rule)}</li>" for rule in objection.requirements)
        parts.append(f"\n<{h}>异议须知{_label('requirements', objection)}</{h}>\n\n<ol>{rules}</ol>\n")
    for category in FORMS:
        projects = [p for p in publicity.projects if p.category == category]
        parts.append(f"\n<{h}>{CATEGORY_TITLES[category]}（{len(projects)} 个）</{h}>\n\n")
        parts.append(
            project_table(projects, link_prefix=link_prefix) if projects else "<p>本批次该类别没有拟入选项目。</p>\n"
        )
    return "".join(parts)


def _archive_table(site: Site) -> str:
    """Every 公示 that has started, newest first, each leading to its page."""
    rows = []
    for publicity in reversed(site.publicity):
        announced = site.announcements.get(publicity.batch.id)
        status = (
            f"名单已于 {announced.date} 发布"
            if announced
            else "公示期已结束，名单待发布"
            if publicity.ended
            else "公示中"
        )
        link = f'<a href="{publicity.batch.id}/">{_batch_title(publicity)}</a>'
        cells = (link, f"{publicity.start} 至 {publicity.end}", f"{len(publicity.projects)} 个", status)
        rows.append("<tr>" + "".join(cell(c, v) for c, v in zip(_ARCHIVE_COLUMNS, cells, strict=True)) + "</tr>")
    head = "".join(f'<th scope="col">{c}</th>' for c in _ARCHIVE_COLUMNS)
    body = "\n".join(rows)
    return f'<table data-accel666="archive" data-stack>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n'


def _batch_title(publicity: Publicity) -> str:
    return text(publicity.batch.name) + _sample(publicity)


def _sample(publicity: Publicity) -> str:
    return "（示例数据）" if publicity.batch.sample else ""


def _label(key: str, objection: Objection) -> str:
    return '<span class="accel666-sample">（示例）</span>' if key in objection.samples else ""
