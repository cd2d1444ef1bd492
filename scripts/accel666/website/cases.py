"""典型案例库: the typical cases of every published backbone enterprise, on one page.

附件2 asks each backbone enterprise for at least two cases that it and its customer can
make public, and the notice wants replicable experience spread; the schema marks the
cases x-public. Only approved applications of published batches are in `site.projects`,
and a case carries only the fields `public_view` kept, so nothing else reaches this page.
Each case is a card with its region (and prefecture) and industry as data attributes:
list.js filters them in the page, as it filters the list.
"""

from __future__ import annotations

from collections.abc import Iterator

from accel666.repository import Batch
from accel666.schema import field, field_path
from accel666.website.collect import Project, PublicField, Site
from accel666.website.markup import definitions, front_matter, text
from accel666.website.pages import filter_bar, within

CATEGORY = "backbone"
INDUSTRY = "industry"
UNSTATED = "未注明行业"


def cases_page(site: Site) -> str:
    cases = list(_cases(site))
    parts = [
        # Out of the search index, which every first view loads (benchmark_site.py): the case texts grow
        # with every published enterprise, and the page has its own name filter.
        front_matter("典型案例", hide=("toc",), searchable=False),
        "# 典型案例库\n\n",
    ]
    parts.append(
        "<p>已入选并发布的工业互联网服务骨干企业的典型案例（附件2 第五部分）。"
        "这些案例由申报企业和用户单位同意公开，供各地企业借鉴、复制推广。"
        f"共 {len(cases)} 个案例，可按地区、用户所属行业和名称筛选，点击项目名称查看所属项目。</p>\n"
    )
    if not cases:
        parts.append("\n<p>尚未发布骨干企业名单，暂无典型案例。</p>\n")
        return "".join(parts)
    controls = _industry_select(cases)
    parts.append(
        filter_bar(site, prefix="accel666-case", placeholder="输入案例、用户或企业名称", controls=controls, cards=True)
    )
    parts.append('\n<div class="accel666-cases">\n')
    parts += [_card(batch, project, index, case) for batch, project, index, case in cases]
    parts.append("</div>\n")
    return "".join(parts)


Case = tuple[Batch, Project, int, tuple[PublicField, ...]]


def _cases(site: Site) -> Iterator[Case]:
    """Newest batch first, then in the list's order (序号), each project's cases in its order."""
    for batch in reversed(site.batches):
        for project in site.projects:
            if project.batch == batch.id and project.category == CATEGORY:
                for index, case in enumerate(project.cases, start=1):
                    yield batch, project, index, case


def _industry(case: tuple[PublicField, ...]) -> str:
    return next((item.value for item in case if item.key == INDUSTRY), UNSTATED)


def _industry_select(cases: list[Case]) -> str:
    """The industries the cases name, in the schema's order (GB/T 4754), then 未注明行业."""
    present = {_industry(case) for *_, case in cases}
    known = field(CATEGORY, field_path(["cases", 0, INDUSTRY])).schema.get("enum", [])
    ordered = [name for name in [*known, UNSTATED] if name in present]
    options = "".join(f'<option value="{text(name)}">{text(name)}</option>' for name in ordered)
    return (
        '<span><label for="accel666-case-industry">按行业筛选</label>\n'
        f'<select id="accel666-case-industry"><option value="">全部行业</option>{options}</select></span>\n'
    )


def _card(batch: Batch, project: Project, index: int, case: tuple[PublicField, ...]) -> str:
    anchor = f"{project.batch}-{project.number:03d}-{index}"
    title = next((item.value for item in case if item.key == "title"), f"典型案例 {index}")
    rows = [(item.title.split(" › ")[-1], item.value) for item in case if item.key != "title"]
    page = project.uri.removesuffix(".md")  # list/<batch>/backbone-<nnn>, from cases/ one level up
    sample = "（示例数据）" if batch.sample else ""
    source = (
        f'<p class="accel666-case__source">所属项目：<a href="../{page}/">{text(project.name)}</a>'
        f"（{text(project.unit)}，{text(project.region.name)}，{text(batch.name)}{sample}）</p>\n"
    )
    return (
        f'<section class="accel666-case" id="case-{anchor}" data-region="{project.region.code}"{within(project)} '
        f'data-industry="{text(_industry(case))}" aria-labelledby="case-{anchor}-title">\n'
        f'<h2 id="case-{anchor}-title">{text(title)}</h2>\n{source}{definitions(rows)}</section>\n'
    )
