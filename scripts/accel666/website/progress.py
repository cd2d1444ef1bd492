"""The 工作进展 page: the three targets and each region's count, as HTML bars and a table."""

from __future__ import annotations

from accel666.vocabulary import CATEGORY_TITLES, FORMS
from accel666.website.collect import TARGETS, Site
from accel666.website.markup import front_matter, text

_SHORT_TITLES = {"cloud-center": "云服务中心（云基地）", "backbone": "服务骨干企业", "demo-enterprise": "上云示范企业"}


def progress_page(site: Site) -> str:
    counts = {category: sum(1 for p in site.projects if p.category == category) for category in FORMS}
    parts = [
        front_matter("工作进展"),
        "# 工作进展\n\n",
        "<p>以下数字只统计已发布名单中的入选项目，目标为 2022 年底。</p>\n\n",
        _as_of(site),
    ]
    parts.append(_bars("三类项目完成情况", [(CATEGORY_TITLES[c], counts[c], TARGETS[c]) for c in FORMS]))
    parts.append("\n## 按地区\n\n")
    by_region = [(r.name, sum(1 for p in site.projects if p.region.code == r.code)) for r in site.regions]
    parts.append(
        _bars(
            "各地区入选项目数",
            [(name, count, max(count for _, count in by_region) or 1) for name, count in by_region],
            show_target=False,
        )
    )
    # Short column names: the table then fits a phone's width as a table (no cards, no scrolling).
    head = "".join(f'<th scope="col">{_SHORT_TITLES[c]}</th>' for c in FORMS)
    rows = "\n".join(
        f'<tr><th scope="row">{text(r.name)}</th>'
        + "".join(
            f"<td>{sum(1 for p in site.projects if p.region.code == r.code and p.category == c)}</td>" for c in FORMS
        )
        + "</tr>"
        for r in site.regions
    )
    parts.append(
        f'\n<table data-accel666="progress">\n<thead><tr><th scope="col">地区</th>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n'
    )
    return "".join(parts)


def _as_of(site: Site) -> str:
    """The date the figures hold for, and a plain warning when they come from sample batches."""
    samples = [b.name for b in site.batches if b.id in site.published and b.sample]
    warning = (
        f"<strong>示例数据</strong>：{text('、'.join(samples))}是演示用的示例批次，以下数字不是真实的入选情况。"
        if samples
        else ""
    )
    return f'<p class="accel666-asof" role="note">{warning}数据截至 <span class="accel666-nowrap">{site.today}</span>（北京时间）。</p>\n\n'


def _bars(title: str, rows: list[tuple[str, int, int]], *, show_target: bool = True) -> str:
    """A horizontal bar chart in HTML, drawn at build time (no script, no external host).

    HTML, not SVG: SVG text shrinks with the drawing (6.6 px on a phone), while these labels
    are ordinary text at the page's size and wrap above their bar on a narrow screen. Each
    row reads as a sentence; the bars themselves are decoration."""
    items = []
    for label, count, target in rows:
        share = round(100 * min(count / target, 1), 1) if target else 0
        caption = f"{count} / {target}" if show_target else str(count)
        spoken = f"{count} 个，目标 {target} 个" if show_target else f"{count} 个"
        items.append(
            f'<li><span class="accel666-bar__label">{text(label)}</span>'
            f'<span class="accel666-bar__track" aria-hidden="true"><span class="accel666-bar__fill" style="width: {share}%"></span></span>'
            f'<span class="accel666-bar__value" aria-hidden="true">{caption}</span>'
            f'<span class="accel666-visually-hidden">：{spoken}</span></li>'
        )
    return (
        f'<figure class="accel666-chart"><figcaption>{text(title)}</figcaption>'
        f'<ul class="accel666-bars">{"".join(items)}</ul></figure>\n'
    )
