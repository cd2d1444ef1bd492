"""Site records -> {docs-relative uri: Markdown}. Pure: no I/O, no MkDocs.

Every value that comes from a submission goes out through `markup.text()` (see there).
工作进展 is in `progress.py`, 公示 in `publicity.py`, 工作动态 in `news.py`, 典型案例 in `cases.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

from accel666.repository import parent_region, prefecture_of
from accel666.vocabulary import CATEGORY_TITLES, FORMS, NOTICE_STAGES
from accel666.website.collect import Announcement, Project, Site
from accel666.website.downloads import LIST_FOLDER, LIST_FORMATS, list_file
from accel666.website.markup import cell, definitions, download, front_matter, text
from accel666.website.progress import progress_page

_COLUMNS = ("序号", "项目名称", "单位名称", "地区", "类型", "推荐单位")


# -- 项目名单 --------------------------------------------------------------------------


def list_page(site: Site) -> str:
    parts = [front_matter("项目名单"), "# 项目名单\n"]
    published = [batch for batch in site.batches if batch.id in site.published]
    if not published:
        parts.append("\n尚未发布入选名单。名单经省工信厅审核评定后在此公布。\n")
        return "".join(parts)
    parts.append(_downloads_note(site))
    parts.append(_filters(site))
    for batch in reversed(published):
        sample = "（示例数据）" if batch.sample else ""
        parts.append(f"\n## {text(batch.name)}{sample}\n\n")
        parts.append(_announced(batch.id, site.announcements[batch.id]))
        for category in FORMS:
            projects = [p for p in site.projects if p.batch == batch.id and p.category == category]
            # list.js keeps the count in the heading equal to the rows the filters leave.
            key = f"{batch.id}-{category}"
            count = f'<span class="accel666-n" data-for="{key}">{len(projects)}</span>'
            parts.append(f"\n### {CATEGORY_TITLES[category]}（{count} 个）\n\n")
            parts.append(
                project_table(projects, link_prefix="", key=key)
                if projects
                else f'<p class="accel666-none" data-for="{key}">本批次该类别没有入选项目。</p>\n'
            )
    return "".join(parts)


def _announced(batch_id: str, announced: Announcement) -> str:
    """When and under which 文号 the list was published, the decision it follows, and its 公示."""
    rows = [("发布日期", str(announced.date)), ("发布文号", announced.document)]
    if announced.decision_document or announced.decision_date:
        decided = "，".join(str(part) for part in (announced.decision_document, announced.decision_date) if part)
        rows.append(("决定文号", decided))
    items = "".join(f"<div><dt>{title}</dt><dd>{text(value)}</dd></div>" for title, value in rows)
    archive = f'<div><dt>公示</dt><dd><a href="../publicity/{batch_id}/">查看公示</a></dd></div>'
    return f'<dl class="accel666-announced">{items}{archive}</dl>\n'


def _downloads_note(site: Site) -> str:
    links = " · ".join(download(f"../{LIST_FOLDER}/", list_file(site, ext), label) for ext, label in LIST_FORMATS)
    return f'\n<p class="accel666-downloads">下载名单：{links}</p>\n'


def _region_options(site: Site) -> str:
    """Each prefecture, then the counties within it, indented and selectable alone."""
    codes = {r.code for r in site.regions}
    parents = {r.code: parent for r in site.regions if (parent := parent_region(r.code, codes))}
    options = []
    for region in site.regions:
        if region.code in parents:
            continue
        within = [child for child in site.regions if parents.get(child.code) == region.code]
        label = f"{region.name}（含{'、'.join(c.name for c in within)}）" if within else region.name
        options.append(f'<option value="{region.code}">{text(label)}</option>')
        options += [f'<option value="{child.code}">\u3000{text(child.name)}</option>' for child in within]
    return "".join(options)


def _filters(site: Site) -> str:
    sorts = "".join(f'<option value="{index}">{title}</option>' for index, title in enumerate(_COLUMNS))
    sort = f'<span><label for="accel666-sort">排序</label>\n<select id="accel666-sort">{sorts}</select></span>\n'
    return filter_bar(site, prefix="accel666", placeholder="输入项目或单位名称", controls=sort)


def filter_bar(site: Site, *, prefix: str, placeholder: str, controls: str, cards: bool = False) -> str:
    """The region and name filters, then `controls`, then the count list.js keeps. `cards`: the
    filters act on cards (典型案例库) rather than on the list's tables."""
    # The controls stay hidden until list.js runs: without JavaScript the page simply reads.
    return (
        f'\n<div class="accel666-filters"{" data-cards" if cards else ""} hidden>\n'
        f'<span><label for="{prefix}-region">按地区筛选</label>\n'
        f'<select id="{prefix}-region"><option value="">全部地区</option>{_region_options(site)}</select></span>\n'
        f'<span><label for="{prefix}-query">按名称筛选</label>\n'
        f'<input id="{prefix}-query" type="search" placeholder="{placeholder}"></span>\n'
        f"{controls}"
        '<span class="accel666-count" role="status"></span>\n'
        "</div>\n"
    )


def project_table(projects: list[Project], *, link_prefix: str | None, key: str = "") -> str:
    """Projects grouped by region, each name leading to `link_prefix` + its page under list/;
    in 公示 (`link_prefix=None`) there are no project pages yet."""
    head = "".join(f'<th scope="col">{title}</th>' for title in _COLUMNS)
    rows = []
    current = None
    for project in projects:
        if project.region.code != current:
            current = project.region.code
            rows.append(
                f'<tr class="accel666-group" data-region="{current}"{within(project)}><th scope="rowgroup" colspan="{len(_COLUMNS)}">{text(project.region.name)}</th></tr>'
            )
        rows.append(_row(project, link_prefix))
    body = "\n".join(rows)
    # A data attribute, not a class: Material styles only tables without a class.
    named = f' data-key="{key}"' if key else ""
    # The list's rows stay out of the search index: each project's own page is in it, with the
    # same names (with both, the index of 700 projects was half as large again: benchmark_site.py).
    named += " data-search-exclude" if key else ""
    kind = "list" if key else "publicity"
    return f'<table data-accel666="{kind}"{named} data-stack>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n'


def _row(project: Project, link_prefix: str | None) -> str:
    page = project.uri.removeprefix("list/").removesuffix(".md")
    link = text(project.name) if link_prefix is None else f'<a href="{link_prefix}{page}/">{text(project.name)}</a>'
    cells = (
        str(project.number),
        link,
        text(project.unit),
        text(project.region.name),
        text(project.kind or "—"),
        text(project.recommender),
    )
    return (
        f'<tr data-region="{project.region.code}"{within(project)}>'
        + "".join(cell(label, content) for label, content in zip(_COLUMNS, cells, strict=True))
        + "</tr>"
    )


def within(project: Project) -> str:
    """The prefecture that also selects this row (data-within), for county-level regions."""
    code = project.region.code
    parent = prefecture_of(code)
    return f' data-within="{parent}"' if parent != code else ""


def project_page(project: Project) -> str:
    rows = [
        ("批次", project.batch),
        ("类别", project.category_title),
        ("序号", str(project.number)),
        ("地区", project.region.name),
        ("推荐单位", project.recommender),
        ("单位名称", project.unit),
    ]
    if project.kind:
        rows.append(("类型", project.kind))
    described = [("公开简介", project.summary), *((field.title, field.value) for field in project.fields)]
    # The search index holds the names above; the longer texts below stay out of it (and the
    # cases with their headings): with 700 projects they made an index of megabytes that every
    # visitor's first page downloads (scripts/benchmark_site.py weighs it).
    parts = [front_matter(project.name), f"<h1>{text(project.name)}</h1>\n\n", definitions(rows)]
    parts.append(f"<div data-search-exclude>\n{definitions(described)}")
    for index, case in enumerate(project.cases, start=1):
        parts.append(f"\n<h2>典型案例 {index}</h2>\n\n")
        parts.append(definitions([(field.title.split(" › ")[-1], field.value) for field in case]))
    parts.append('</div>\n\n<p><a href="../../">返回项目名单</a></p>\n')
    return "".join(parts)


# -- placeholders in the hand-written pages ----------------------------------------------


STAGE_PAGES = {
    "项目对接": "guide/",
    "联合申报": "guide/",
    "审核评定": "guide/",
    "公示": "publicity/",
    "名单发布": "list/",
}


def stage_banner(site: Site) -> str:
    batch = site.current
    if batch is None:
        return ""
    now = site.stages[batch.id]
    # The current stage leads to the page where it happens (the banner is on the notice, at the root).
    steps = "".join(
        f'<li aria-current="step"><a href="{STAGE_PAGES[name]}">{name}</a></li>' if name == now else f"<li>{name}</li>"
        for name in NOTICE_STAGES
    )
    sample = "（示例数据）" if batch.sample else ""
    return (
        f'<div class="accel666-stage" role="note"><p>{text(batch.name)}{sample}当前阶段：<strong>{now}</strong>'
        f"（截至 {site.today}）</p><ol>{steps}</ol>{_ENTRY}</div>\n"
    )


# The notice (the home page, all text) leads an applicant to the form: a clerk on a phone
# found the form only through the menu.
_ENTRY = (
    '<p class="accel666-entry">常用入口：<a href="form/">在线填写申报表</a>'
    ' · <a href="guide/">申报指南</a> · <a href="annexes/">附件下载</a></p>'
)


def deadlines_table(site: Site) -> str:
    rows = "\n".join(
        f'<tr><th scope="row">{text(b.name)}</th>'
        + "".join(
            cell(label, str(day))
            for label, day in zip(
                _DEADLINES, (b.matching_deadline, b.application_deadline, b.review_deadline, b.publication), strict=True
            )
        )
        + "</tr>"
        for b in site.batches
    )
    head = '<th scope="col">批次</th>' + "".join(f'<th scope="col">{label}</th>' for label in _DEADLINES)
    return f"<table data-stack>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"


_DEADLINES = ("项目对接", "申报截止", "审核截止", "名单发布")
PLACEHOLDERS = {"<!-- accel666:stage -->": stage_banner, "<!-- accel666:deadlines -->": deadlines_table}


def label_search_dialog(page_html: str) -> str:
    """Name Material's search dialog for screen readers (axe: aria-dialog-name)."""
    return page_html.replace(
        'class="md-search" data-md-component="search" role="dialog"',
        'class="md-search" data-md-component="search" role="dialog" aria-label="搜索"',
        1,
    )


def fill_placeholders(markdown: str, site: Site) -> str:
    for marker, render in PLACEHOLDERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render(site))
    return markdown


def data_pages(site: Site) -> Iterator[tuple[str, str]]:
    """The list, one page per project, progress."""
    yield "list/index.md", list_page(site)
    yield "progress.md", progress_page(site)
    for project in site.projects:
        yield project.uri, project_page(project)
