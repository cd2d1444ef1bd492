"""工作动态: hand-written items from docs/news/, items made from the 公示 and publication
records, the list page and the RSS feed (read back with feedparser)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import feedparser
import pytest

from accel666.errors import ConfigError
from accel666.website.build import build_files
from accel666.website.news import FEED, KINDS, NewsItem, feed, news_header, news_items, read_news
from accel666.website.settings import read_settings
from builders import ROOT, copy_samples

SETTINGS = read_settings(ROOT)
PUBLICITY_START, PUBLICATION = dt.date(2020, 10, 13), dt.date(2020, 10, 30)


def write_item(root: Path, name: str, head: str, body: str = "正文。\n") -> Path:
    path = root / "docs" / "news" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    """The sample repository's files as built on 2020-11-10, after the list's publication."""
    repo = copy_samples(tmp_path_factory.mktemp("news"))
    return build_files(repo.root, dt.date(2020, 11, 10), SETTINGS).files


def test_the_shipped_items_are_read_with_their_date_kind_and_sample_label() -> None:
    items = read_news(ROOT / "docs")
    assert items, "no sample news item is shipped"
    assert all(item.kind in KINDS and item.sample and item.heading.endswith("（示例）") for item in items)
    assert all(item.path.startswith("news/") and item.path.endswith("/") for item in items)


def test_an_item_of_an_unknown_kind_stops_the_build_at_its_line(tmp_path: Path) -> None:
    write_item(tmp_path, "a.md", "date: 2020-07-01\ntitle: 讲座\nkind: 讲座\n")
    with pytest.raises(ConfigError) as raised:
        read_news(tmp_path / "docs")
    assert str(raised.value).startswith("docs/news/a.md:4:1: kind 应为 沙龙、培训、发布会、对接会、通知 之一")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("title: 无日期\nkind: 通知\n", "docs/news/b.md:2:1: date 应为日期"),
        (
            "date: 2020/07/01\ntitle: 日期写错\nkind: 通知\n",
            "docs/news/b.md:2:1: date 应为日期，写作 2020-07-10（现为 '2020/07/01'）",
        ),
        ("date: 2020-07-01\ntitle: ''\nkind: 通知\n", "docs/news/b.md:3:1: title 应为标题文字"),
        ("date: 2020-07-01\ntitle: 标题\nkind: 通知\nsample: 是\n", "docs/news/b.md:5:1: sample 应为 true 或 false"),
    ],
)
def test_a_wrong_front_matter_value_is_named_with_its_line(tmp_path: Path, head: str, expected: str) -> None:
    write_item(tmp_path, "b.md", head)
    with pytest.raises(ConfigError) as raised:
        read_news(tmp_path / "docs")
    assert str(raised.value).startswith(expected)


def test_an_item_without_front_matter_is_refused(tmp_path: Path) -> None:
    (tmp_path / "docs" / "news").mkdir(parents=True)
    (tmp_path / "docs" / "news" / "c.md").write_text("# 标题\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^docs/news/c\.md:1:1: 工作动态缺少开头的元数据"):
        read_news(tmp_path / "docs")


def test_the_list_shows_items_up_to_the_build_date_newest_first(published: dict[str, str | bytes]) -> None:
    page = str(published["news/index.md"])
    shipped = read_news(ROOT / "docs")
    order = [page.index(item.heading) for item in sorted(shipped, key=lambda i: i.date, reverse=True)]
    publicity, listed = page.index("第一批拟入选项目公示"), page.index("第一批项目名单发布")
    assert listed < publicity < min(order) and order == sorted(order)
    assert '<a href="../publicity/2020-1/">' in page and '<a href="../list/">' in page


def test_an_item_dated_after_the_build_waits() -> None:
    early = NewsItem(dt.date(2020, 7, 1), "早", "通知", "news/a/")
    late = NewsItem(dt.date(2020, 12, 1), "晚", "通知", "news/b/")
    from accel666.website.collect import Site  # noqa: PLC0415

    site = Site((), (), (), dt.date(2020, 11, 10))
    assert news_items(site, [late, early]) == [early]
    assert news_items(dataclasses.replace(site, today=dt.date(2020, 12, 1)), [late, early]) == [late, early]


def test_a_record_is_news_from_its_date_on(tmp_path: Path) -> None:
    repo = copy_samples(tmp_path)
    listed = {}
    for day in ("2020-10-12", "2020-10-13", "2020-10-30"):
        page = str(build_files(repo.root, dt.date.fromisoformat(day), SETTINGS).files["news/index.md"])
        items = page.split('<ul class="accel666-news">', 1)[1]
        listed[day] = ("第一批拟入选项目公示" in items, "第一批项目名单发布" in items)
    assert listed == {"2020-10-12": (False, False), "2020-10-13": (True, False), "2020-10-30": (True, True)}


def test_the_feed_parses_and_lists_the_news_the_publicity_and_the_publication(
    published: dict[str, str | bytes],
) -> None:
    parsed = feedparser.parse(published[FEED])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    entries = {entry.title: entry for entry in parsed.entries}
    shipped = read_news(ROOT / "docs")
    assert set(entries) == {"第一批项目名单发布（示例）", "第一批拟入选项目公示（示例）", *(i.heading for i in shipped)}
    listed = entries["第一批项目名单发布（示例）"]
    assert listed.link == SETTINGS.site_url + "list/"
    assert dt.date(*listed.published_parsed[:3]) == PUBLICATION - dt.timedelta(days=1)  # 00:00 in Beijing is UTC
    assert "苏工信融合〔2020〕示例2号" in listed.summary
    assert entries["第一批拟入选项目公示（示例）"].link == SETTINGS.site_url + "publicity/2020-1/"
    assert all(entry.link.startswith(SETTINGS.site_url) for entry in parsed.entries)
    assert {entry.tags[0].term for entry in parsed.entries} <= set(KINDS)


def test_the_feed_is_the_same_bytes_for_the_same_items() -> None:
    items = [NewsItem(dt.date(2020, 7, 1), "甲 & <乙>", "沙龙", "news/a/", "摘要", sample=True)]
    first = feed(items, "https://666.example/", "站名")
    assert first == feed(list(items), "https://666.example/", "站名")
    parsed = feedparser.parse(first)
    assert parsed.entries[0].title == "甲 & <乙>（示例）"
    assert parsed.feed.link == "https://666.example/news/"


def test_a_news_page_opens_with_its_title_date_and_kind_and_other_pages_are_untouched() -> None:
    meta = {"title": "培训会", "date": dt.date(2020, 7, 20), "kind": "培训", "sample": True}
    header = news_header("正文", "news/2020-07-20-training.md", meta)
    assert header.startswith('<h1>培训会<span class="accel666-sample">（示例）</span></h1>')
    assert '<time datetime="2020-07-20">2020-07-20</time> · 培训' in header and header.endswith("正文")
    assert news_header("正文", "guide.md", meta) == "正文"
    assert news_header("正文", "news/index.md", meta) == "正文"
