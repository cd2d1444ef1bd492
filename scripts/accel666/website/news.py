"""工作动态: the news items, their list page and an RSS 2.0 feed.

The notice's 宣传引导 asks for 投资沙龙、培训会、发布会、供需对接会 and for replicable
experience to be spread. The province writes each item as a Markdown page in docs/news/
with front matter (date, title, kind; `sample: true` for a demonstration item, `summary`
for the feed). Each 公示 and each published list is an item too, made from its record on
its date, so the news never says less than the records. Items dated after the build date
wait. The feed is written by our build from these values alone: two builds of the same
repository give the same bytes, and every link in it points into the site.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accel666.clock import BEIJING
from accel666.errors import ConfigError
from accel666.website.collect import Site
from accel666.website.markup import front_matter, text

KINDS = ("沙龙", "培训", "发布会", "对接会", "通知")
FOLDER = "news"
FEED = f"{FOLDER}/feed.xml"
SAMPLE = "（示例）"


@dataclass(frozen=True)
class NewsItem:
    date: dt.date
    title: str
    kind: str
    path: str  # the page it leads to, relative to the site root: news/<name>/, publicity/2020-1/
    summary: str = ""
    sample: bool = False

    @property
    def heading(self) -> str:
        return self.title + (SAMPLE if self.sample else "")


class NewsError(ConfigError):
    """A news item's front matter is wrong: the build stops at its line."""


def read_news(docs_dir: Path) -> list[NewsItem]:
    """Every hand-written item under docs/news/, checked (the list page itself is generated)."""
    folder = docs_dir / FOLDER
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    return [_item(path, docs_dir) for path in paths if path.name != "index.md"]


def _item(path: Path, docs_dir: Path) -> NewsItem:
    where = path.relative_to(docs_dir.parent).as_posix()
    source = path.read_text(encoding="utf-8")
    if not source.startswith("---\n") or "\n---\n" not in source[3:]:
        raise NewsError(
            f"{where}:1:1: 工作动态缺少开头的元数据：请以 --- 开始，写明 date、title 和 kind，再以 --- 结束。"
        )
    head = source[4 : source.index("\n---\n", 3)]
    meta = yaml.safe_load(head)
    if not isinstance(meta, dict):
        raise NewsError(f"{where}:2:1: 工作动态的元数据应为“键: 值”的形式（date、title、kind）。")

    def fail(key: str, problem: str) -> NewsError:
        return NewsError(f"{where}:{_line(head, key)}:1: {key} {problem}。")

    date, title, kind = meta.get("date"), meta.get("title"), meta.get("kind")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise fail("date", f"应为日期，写作 2020-07-10（现为 {date!r}）")
    if not isinstance(title, str) or not title.strip():
        raise fail("title", "应为标题文字，不能为空")
    if kind not in KINDS:
        raise fail("kind", f"应为 {'、'.join(KINDS)} 之一（现为 {kind!r}）")
    if not isinstance(meta.get("sample", False), bool):
        raise fail("sample", "应为 true 或 false")
    summary = meta.get("summary", "")
    if not isinstance(summary, str):
        raise fail("summary", "应为一段文字")
    page = path.relative_to(docs_dir).with_suffix("").as_posix() + "/"
    return NewsItem(date, title.strip(), kind, page, summary.strip(), bool(meta.get("sample", False)))


def _line(head: str, key: str) -> int:
    """The front matter's line (1-based, counting the opening ---) that sets `key`, else its first."""
    for number, row in enumerate(head.splitlines(), start=2):
        if row.startswith(f"{key}:"):
            return number
    return 2


def record_news(site: Site) -> Iterator[NewsItem]:
    """A 通知 for each 公示 that has started and each list that is published, on their dates."""
    for publicity in site.publicity:
        batch = publicity.batch
        yield NewsItem(
            publicity.start,
            f"{batch.name}拟入选项目公示",
            "通知",
            f"publicity/{batch.id}/",
            f"公示期 {publicity.start} 至 {publicity.end}，共 {len(publicity.projects)} 个拟入选项目。",
            batch.sample,
        )
    for batch in site.batches:
        announced = site.announcements.get(batch.id)
        if announced is None:
            continue
        count = sum(1 for project in site.projects if project.batch == batch.id)
        yield NewsItem(
            announced.date,
            f"{batch.name}项目名单发布",
            "通知",
            "list/",
            f"{announced.document}：{batch.name}共 {count} 个项目入选。",
            batch.sample,
        )


def news_items(site: Site, written: Iterable[NewsItem]) -> list[NewsItem]:
    """The items on or before the build date, newest first (ties: by title, for a stable order)."""
    shown = [item for item in [*written, *record_news(site)] if item.date <= site.today]
    return sorted(shown, key=lambda item: (item.date, item.title), reverse=True)


def news_page(items: list[NewsItem]) -> str:
    """news/index.md: every item with its date and kind, and where to subscribe."""
    parts = [front_matter("工作动态"), "# 工作动态\n\n"]
    parts.append(
        '<p class="accel666-feed">投资沙龙、培训会、发布会、供需对接会和公示、名单发布等通知。'
        '<a href="feed.xml" type="application/rss+xml">RSS 订阅</a></p>\n\n'
    )
    if not items:
        parts.append("<p>暂无工作动态。</p>\n")
        return "".join(parts)
    rows = "\n".join(
        f'<li><time datetime="{item.date}">{item.date}</time> <span class="accel666-kind">{text(item.kind)}</span> '
        f'<a href="../{item.path}">{text(item.heading)}</a></li>'
        for item in items
    )
    return "".join(parts) + f'<ul class="accel666-news">\n{rows}\n</ul>\n'


def news_header(markdown: str, src_uri: str, meta: dict[str, Any]) -> str:
    """A hand-written item's page opens with its title, date and kind (and 示例 for a sample)."""
    if not src_uri.startswith(f"{FOLDER}/") or src_uri == f"{FOLDER}/index.md" or "kind" not in meta:
        return markdown
    sample = f'<span class="accel666-sample">{SAMPLE}</span>' if meta.get("sample") else ""
    return (
        f"<h1>{text(meta.get('title', ''))}{sample}</h1>\n\n"
        f'<p class="accel666-news-meta"><time datetime="{meta.get("date")}">{meta.get("date")}</time> · '
        f'{text(meta["kind"])} · <a href="../">全部工作动态</a></p>\n\n' + markdown
    )


def feed(items: list[NewsItem], site_url: str, title: str) -> bytes:
    """RSS 2.0: absolute links under `site_url`, dates as Beijing midnight, no build time inside."""
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"})
    channel = ET.SubElement(rss, "channel")
    _add(channel, "title", f"{title} · 工作动态")
    _add(channel, "link", site_url + f"{FOLDER}/")
    _add(channel, "description", "江苏省工业互联网加速器工程（666工程）的活动、公示和名单发布。")
    _add(channel, "language", "zh-CN")
    ET.SubElement(channel, "atom:link", {"href": site_url + FEED, "rel": "self", "type": "application/rss+xml"})
    if items:
        _add(channel, "lastBuildDate", _rfc822(items[0].date))
    for item in items:
        entry = ET.SubElement(channel, "item")
        _add(entry, "title", item.heading)
        _add(entry, "link", site_url + item.path)
        # Two items may lead to one page (the list): the guid also names the date and kind.
        _add(entry, "guid", f"{site_url}{item.path}#{item.date}-{item.kind}", isPermaLink="false")
        _add(entry, "pubDate", _rfc822(item.date))
        _add(entry, "category", item.kind)
        if item.summary:
            _add(entry, "description", item.summary)
    return bytes(ET.tostring(rss, encoding="utf-8", xml_declaration=True)) + b"\n"


def _add(parent: ET.Element, tag: str, value: str, **attributes: str) -> None:
    ET.SubElement(parent, tag, attributes).text = value


def _rfc822(day: dt.date) -> str:
    return email.utils.format_datetime(dt.datetime.combine(day, dt.time(), tzinfo=BEIJING))
