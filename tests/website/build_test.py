"""The public site, built by a real `mkdocs build --strict` from a fixture repository.

The fixture is the sample repository with every private free-text field of every
application carrying a unique marker, so a leak anywhere in the built site (pages,
search index, sitemap, downloads, inside zip containers) is found by a plain search.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
import yaml
from docx import Document as WordDocument

from accel666.clock import build_date
from accel666.load import load_document
from accel666.repository import locate, open_repository
from accel666.schema import field, field_path
from accel666.vocabulary import FORMS
from builders import CJK, ROOT, SAMPLES, SampleRepo, copy_samples, tree_env

# The reviewed list of public fields (tests/schema_files_test.py holds the schemas to it).
REVIEWED_PUBLIC = {
    line.strip()
    for line in (ROOT / "tests" / "resources" / "public-fields.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}
EPOCH = "1605000000"  # 2020-11-10: the sample batch's list is published (2020-10-30)
INJECTED = "<script>alert('x')</script>[点我](http://evil.example){{ config }}{% raw %}"


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", dirs_exist_ok=True)
    shutil.copytree(ROOT / "schemas", root / "schemas", dirs_exist_ok=True)
    (root / "scripts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "mkdocs_hooks.py", root / "scripts" / "mkdocs_hooks.py")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": EPOCH, "HOME": str(root), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command, cwd=root, env=tree_env(env), capture_output=True, text=True, timeout=300, check=False
    )


def mark_private_fields(repo: SampleRepo) -> list[str]:
    """Prefix every private free-text value of the applications and the workflow records
    (opinions, experts' names and comments, reasons) with a unique marker; return all markers.

    "Private" is whatever tests/resources/public-fields.txt, the reviewed list, does not
    name, never the schemas' own x-public marks: a change that marks a field public in a
    schema then shows a marker on the site and fails here."""
    markers: list[str] = []
    for relpath in (p.relative_to(repo.root).as_posix() for p in sorted(repo.root.rglob("2020-1/**/*.yaml"))):
        where = locate(relpath)
        if where.kind == "batch":
            continue
        schema = where.kind if where.is_record else where.category
        data = load_document(repo.path(relpath).read_bytes(), relpath).data
        assert isinstance(data, dict) and schema
        _mark(schema, data, [], markers)
        repo.write(relpath, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return markers


def _listed(schema: str, parts: list[Any]) -> bool:
    """Whether the reviewed list names the field at `parts` or a container of it."""
    steps = ["*" if isinstance(part, int) else str(part) for part in parts]
    return any(f"{schema} /{'/'.join(steps[:depth])}" in REVIEWED_PUBLIC for depth in range(1, len(steps) + 1))


def _mark(category: str, node: Any, parts: list[Any], markers: list[str]) -> None:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, (dict, list)):
            _mark(category, value, [*parts, key], markers)
        elif isinstance(value, str) and not _listed(category, [*parts, key]):
            schema = field(category, field_path([*parts, key])).schema
            formatted = schema.get("pattern", "\\S") != "\\S" or any(
                k in schema for k in ("anyOf", "enum", "const", "format")
            )
            if formatted:
                unique = _unique_like(value, len(markers))
                if unique is not None:
                    node[key] = unique
                    markers.append(unique)
                continue
            marker = f"私密{len(markers):03d}号"
            node[key] = marker + value
            markers.append(marker)


def _unique_like(value: str, n: int) -> str | None:
    """A unique, still valid replacement for a formatted private value (phones, e-mail,
    postcodes), or the value itself for a 统一社会信用代码 (unique already). Dates, months
    and numbers are left alone and unchecked: they cannot be made unique without changing
    what the rules decide, and short ones coincide with public dates."""
    if re.fullmatch(r"1[3-9][0-9]{9}", value):
        return f"139{n:08d}"
    if re.fullmatch(r"0[0-9]{2,3}-?[0-9]{7,8}", value):
        return f"025-8{n:07d}"
    if "@" in value:
        return f"private{n:03d}@example.com"
    if re.fullmatch(r"[0-9]{6}", value):
        return f"21{n:04d}"
    if len(value) == 18:
        return value
    return None


def site_text(site: Path) -> dict[str, str]:
    """Every file of the built site as text, with zip and gzip containers opened."""
    texts: dict[str, str] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        name = path.relative_to(site).as_posix()
        if raw[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                texts[name] = "".join(archive.read(member).decode("utf-8", "replace") for member in archive.namelist())
        elif raw[:2] == b"\x1f\x8b":
            texts[name] = gzip.decompress(raw).decode("utf-8", "replace")
        else:
            texts[name] = raw.decode("utf-8", "replace")
    # The search index stores text JSON-escaped: decode it so a marker cannot hide.
    for name, content in list(texts.items()):
        if name.endswith(".json"):
            texts[name] += json.dumps(json.loads(content), ensure_ascii=False)
    return texts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path]:
    root = tmp_path_factory.mktemp("fixture")
    repo = copy_samples(root)
    markers = mark_private_fields(repo)
    data = yaml.safe_load(repo.read(SAMPLES["backbone"]))
    data["project_name"] = "（示例）" + INJECTED
    repo.write(SAMPLES["backbone"], yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    site = root / "site"
    done = build(root, site)
    assert done.returncode == 0, done.stderr
    return site, markers, root


def test_the_fixture_repository_is_still_valid(built: tuple[Path, list[str], Path]) -> None:
    from accel666.check import check_repository  # noqa: PLC0415

    _, markers, root = built
    assert len(markers) > 90
    assert check_repository(open_repository(root), use_cache=False).errors == []


def test_no_private_value_reaches_any_file_of_the_site(built: tuple[Path, list[str], Path]) -> None:
    site, markers, _ = built
    texts = site_text(site)
    leaks = sorted({(marker, name) for name, content in texts.items() for marker in markers if marker in content})
    assert leaks == []
    assert any(name.endswith("search_index.json") for name in texts)
    assert "sitemap.xml.gz" in texts


def test_the_list_holds_exactly_the_approved_applications(built: tuple[Path, list[str], Path]) -> None:
    site, _, root = built
    decision = yaml.safe_load((root / "submissions/2020-1/decision.yaml").read_text(encoding="utf-8"))
    listed = (site / "list" / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.parent.name for p in (site / "list" / "2020-1").glob("*/index.html"))
    approved = {(entry["category"], entry["uscc"]) for entry in decision["approved"]}
    units = {}
    for path in root.glob("submissions/2020-1/*/*/9*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        unit = data.get("applicant") or data["enterprise"]
        units[unit["name"]] = (path.parent.name, path.stem) in approved
    assert (
        len(pages) == len(approved) == len(re.findall(r'<tr data-region="[0-9]+"(?: data-within="[0-9]+")?>', listed))
    )
    assert sorted(name for name, chosen in units.items() if chosen and name in listed) == sorted(
        n for n, c in units.items() if c
    )
    assert [name for name, chosen in units.items() if not chosen and name in listed] == []


def test_injected_markup_in_a_project_name_shows_as_text(built: tuple[Path, list[str], Path]) -> None:
    site, _, _ = built
    for page in [site / "list" / "index.html", *(site / "list" / "2020-1").glob("backbone-*/index.html")]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert 'href="http://evil.example"' not in html
    listed = (site / "list" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;[点我](http://evil.example){{ config }}{% raw %}" in listed


def test_the_annex_downloads_open_and_carry_the_forms_fields(built: tuple[Path, list[str], Path]) -> None:
    site, _, _ = built
    annex2 = WordDocument(io.BytesIO((site / "annexes" / "附件2-工业互联网服务骨干企业申报表.docx").read_bytes()))
    words = "\n".join(p.text for p in annex2.paragraphs) + "".join(
        c.text for t in annex2.tables for r in t.rows for c in r.cells
    )
    for title in ("近三年主要经济指标", "主营业务收入（万元）", "典型案例", "单位性质"):
        assert title in words
    annex3 = site / "annexes" / "附件3-上云上平台示范企业推进项目汇总表.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(annex3.read_bytes())).active
    header = [cell.value for row in sheet.iter_rows(max_row=5) for cell in row if cell.value]
    for column in ("序号", "地区", "企业名称", "项目情况简介", "项目合同金额"):
        assert any(column in str(value) for value in header)
    listed = openpyxl.load_workbook(io.BytesIO((site / "downloads" / "666工程第一批项目名单.xlsx").read_bytes())).active
    assert listed.max_row >= 2 + 7
    assert (site / "downloads" / "666工程第一批项目名单.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    for name in ("common", "backbone", "batch"):
        assert json.loads((site / "schemas" / f"{name}.schema.json").read_bytes())["$id"].endswith(
            f"/{name}.schema.json"
        )


DOWNLOAD = re.compile(r'<a href="([^"]+)" download="([^"]+)">')


def test_every_download_has_a_chinese_name_and_every_link_reaches_it(built: tuple[Path, list[str], Path]) -> None:
    """Saved under the name the page shows (the download attribute), at an address a browser and
    GitHub Pages resolve: percent-encoded UTF-8, relative to the page."""
    site, _, _ = built
    files = sorted(
        path.relative_to(site).as_posix()
        for folder in ("annexes", "downloads")
        for path in (site / folder).glob("*.*")
        if path.name != "index.html"
    )
    assert len(files) == 8 + 3
    assert [name for name in files if not CJK.search(name.rsplit("/", 1)[-1])] == []
    assert "annexes/附件2-工业互联网服务骨干企业申报表.docx" in files
    assert "annexes/附件1-省级工业互联网云服务中心（云基地）申报表.docx" in files
    linked: set[str] = set()
    for page in site.rglob("index.html"):
        for href, name in DOWNLOAD.findall(page.read_text(encoding="utf-8")):
            assert href.isascii() and not href.startswith(("/", "http")), href
            target = (page.parent / unquote(href)).resolve()
            assert target.is_file(), f"{page}: {href}"
            assert target.name == html.unescape(name)
            linked.add(target.relative_to(site.resolve()).as_posix())
    assert sorted(linked) == files


def test_two_builds_of_the_same_repository_are_byte_identical(
    built: tuple[Path, list[str], Path], tmp_path: Path
) -> None:
    site, _, root = built
    again = tmp_path / "again"
    done = build(root, again)
    assert done.returncode == 0, done.stderr
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_an_invalid_repository_fails_the_build_with_the_validators_message(tmp_path: Path) -> None:
    repo = copy_samples(tmp_path / "bad")
    repo.replace(SAMPLES["demo"], 'phone: "13800000041"', 'phone: "1380000004"')
    done = build(repo.root, tmp_path / "site")
    assert done.returncode != 0
    assert f"{SAMPLES['demo']}:" in done.stderr + done.stdout
    assert "PHONE-FORMAT" in done.stderr + done.stdout


def test_the_build_date_is_the_date_in_beijing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 公示 starting on 10-13 is on the site from midnight in Beijing, 16:00 UTC the day before."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2020, 10, 12, 16, 0, tzinfo=dt.UTC).timestamp())))
    assert build_date() == dt.date(2020, 10, 13)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2020, 10, 12, 15, 59, tzinfo=dt.UTC).timestamp())))
    assert build_date() == dt.date(2020, 10, 12)


def test_every_page_names_the_site_owner_and_carries_the_government_site_meta_tags(
    built: tuple[Path, list[str], Path],
) -> None:
    site, _, _ = built
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site).as_posix()
        assert '<meta name="SiteIDCode" content="3200000000">' in html, where
        assert '<meta name="SiteName" content="江苏省工业互联网加速器工程（666工程）">' in html, where
        assert '<meta name="SiteDomain" content="666.gxt.jiangsu.gov.cn">' in html, where
        assert "<dt>主办单位</dt><dd>江苏省工业和信息化厅</dd>" in html, where
        assert '<a href="tel:025-82288061">' in html and '<a href="mailto:867446918@qq.com">' in html, where
        # A placeholder says it is one.
        assert '苏ICP备00000000号<span class="accel666-sample">（示例）</span>' in html, where
        assert 'rel="icon" href="' in html and "assets/logo.svg" in html, where


def test_the_404_page_is_in_chinese_and_links_home(built: tuple[Path, list[str], Path]) -> None:
    site, _, _ = built
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<title>页面未找到 - 江苏省工业互联网加速器工程（666工程）</title>" in html
    assert "<h1>页面未找到</h1>" in html
    assert "Not found" not in html
    assert '<a href="/list/">项目名单</a>' in html


def test_a_county_level_region_lies_in_the_prefecture_its_code_names() -> None:
    from accel666.repository import parent_region  # noqa: PLC0415

    codes = ["320500", "320583", "321200", "321283", "321300", "321322", "320100"]
    assert [parent_region(code, codes) for code in codes] == [None, "320500", None, "321200", None, "321300", None]
    assert parent_region("320583", ["320583"]) is None  # no such prefecture among the regions


def test_the_search_words_hold_the_notices_terms_the_regions_and_the_published_units() -> None:
    from accel666.repository import Region  # noqa: PLC0415
    from accel666.website.collect import Site  # noqa: PLC0415
    from accel666.website.search import search_words  # noqa: PLC0415

    region = Region("320583", "昆山市", "省直管县（市）", "昆山市工业和信息化局", (), 13)
    site = Site((region,), (), (), dt.date(2020, 11, 10))
    words = list(search_words(site))
    for word in ("云基地", "云服务中心", "骨干企业", "上云", "标杆工厂", "星级", "公示", "异议", "昆山市"):
        assert word in words
    assert "昆山市工业和信息化局" in words


def test_the_progress_page_says_its_figures_are_sample_data_and_for_which_date(
    built: tuple[Path, list[str], Path],
) -> None:
    site, _, _ = built
    html = (site / "progress" / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="accel666-asof" role="note">(.*?)</p>', html)
    assert note is not None
    assert "<strong>示例数据</strong>：第一批是演示用的示例批次" in note.group(1)
    assert '数据截至 <span class="accel666-nowrap">2020-11-10</span>（北京时间）' in note.group(1)


def test_a_wrong_site_identity_stops_the_build_at_its_line(tmp_path: Path) -> None:
    repo = copy_samples(tmp_path / "repo")
    done = build(repo.root, tmp_path / "site")  # copies the shipped mkdocs.yml
    assert done.returncode == 0, done.stderr
    config = repo.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("icp: 苏ICP备00000000号", "icp: 苏ICP备0000号"), encoding="utf-8")
    line = next(n for n, row in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "icp:" in row)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "again")]
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": EPOCH, "HOME": str(repo.root), "NO_MKDOCS_2_WARNING": "1"}
    failed = subprocess.run(
        command, cwd=repo.root, env=tree_env(env), capture_output=True, text=True, timeout=300, check=False
    )
    assert failed.returncode != 0
    assert f"mkdocs.yml:{line}:5: extra.identity.icp 「ICP备案号」的值 “苏ICP备0000号” 格式不对" in failed.stderr


# What a page makes the browser fetch: scripts, styles, icons, images, frames, media.
_LOADED = re.compile(
    r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\ssrc="([^"]*)"'
    r'|<link\b(?=[^>]*\srel="(?:stylesheet|icon|preload|modulepreload|manifest|apple-touch-icon)")[^>]*?\shref="([^"]*)"'
)


def test_the_site_serves_the_forms_check_itself_and_no_page_loads_anything_from_another_host(
    built: tuple[Path, list[str], Path],
) -> None:
    from accel666.browser.bundle import RUNTIME_FILES, archive, runtime_folder  # noqa: PLC0415

    site, _, root = built
    assert (site / "pyodide" / "accel666.zip").read_bytes() == archive(root)
    for name in RUNTIME_FILES:
        assert (site / "pyodide" / name).read_bytes() == (runtime_folder(root) / name).read_bytes()
    worker = (site / "assets" / "form" / "worker.js").read_text(encoding="utf-8")
    assert "../../pyodide/" in worker
    assert "//" not in re.sub(r"^\s*//.*$", "", worker, flags=re.MULTILINE)  # no URL with a host, comments aside
    pages = sorted(site.rglob("*.html"))
    assert pages
    loads = {
        url
        for page in pages
        for match in _LOADED.finditer(page.read_text(encoding="utf-8"))
        for url in match.groups()
        if url
    }
    assert loads
    assert (
        sorted(url for url in loads if re.match(r"(?i)([a-z][a-z0-9+.-]*:)?//", url) and not url.startswith("data:"))
        == []
    )


def test_a_practice_batch_is_never_on_the_site_even_when_fully_published(tmp_path: Path) -> None:
    from accel666.check import check_repository  # noqa: PLC0415
    from accel666.website.collect import collect_site  # noqa: PLC0415
    from accel666.website.pages import PLACEHOLDERS, list_page  # noqa: PLC0415
    from accel666.website.progress import progress_page  # noqa: PLC0415

    repo = copy_samples(tmp_path)
    # The sample batch again, every stage included, as the practice batch: it would be a published list.
    shutil.rmtree(repo.path("submissions/practice"))  # the shipped one: open, without applications
    shutil.copytree(repo.path("submissions/2020-1"), repo.path("submissions/practice"))
    for path in sorted(repo.path("submissions/practice").rglob("*.yaml")):
        path.write_text(path.read_text(encoding="utf-8").replace('"2020-1"', "practice"), encoding="utf-8")
    repo.replace("submissions/practice/batch.yaml", "name: 第一批", "name: 练习批次\npractice: true")
    opened = open_repository(repo.root)
    result = check_repository(opened, None, use_cache=False, today=dt.date(2020, 11, 10))
    assert result.ok, [f"{f.path}:{f.line} {f.code}" for f in result.errors]
    assert opened.batches["practice"].practice
    site = collect_site(opened, result, dt.date(2020, 11, 10))
    assert [batch.id for batch in site.batches] == ["2020-1"]
    assert {project.batch for project in site.projects} == {"2020-1"} and len(site.projects) == 7
    pages = [list_page(site), progress_page(site), *(render(site) for render in PLACEHOLDERS.values())]
    assert all("练习" not in page for page in pages)


def test_the_search_index_finds_a_project_by_its_names_but_holds_no_long_text(
    built: tuple[Path, list[str], Path],
) -> None:
    """Small enough for every visitor's first page: the names and facts of each project page, not
    its summary and cases, and the list's rows only once (on the projects' own pages)."""
    site, _, root = built
    entries = json.loads((site / "search" / "search_index.json").read_bytes())["docs"]
    # jieba's words are joined with zero-width spaces in the index.
    texts = {entry["location"]: (entry["title"] + entry["text"]).replace("\u200b", "") for entry in entries}
    data = yaml.safe_load((root / SAMPLES["backbone"]).read_text(encoding="utf-8"))
    unit = data["applicant"]["name"]
    assert [where for where, text in texts.items() if unit in text and where.startswith("list/")] == [
        "list/2020-1/backbone-001/"
    ]
    everything = "".join(texts.values())
    assert data["public_summary"].strip() not in everything
    assert [case["title"] for case in data["cases"] if case["title"] in everything] == []


def test_the_built_feed_parses_and_every_link_in_it_leads_to_a_page_of_the_site(
    built: tuple[Path, list[str], Path],
) -> None:
    import feedparser  # noqa: PLC0415

    site, _, _ = built
    parsed = feedparser.parse((site / "news" / "feed.xml").read_bytes())
    assert not parsed.bozo and parsed.version == "rss20"
    titles = [entry.title for entry in parsed.entries]
    assert "第一批项目名单发布（示例）" in titles and "第一批拟入选项目公示（示例）" in titles
    assert len(titles) >= 4  # and the shipped sample news items
    site_url = "http://127.0.0.1:8000/"  # mkdocs.yml's default: SITE_URL is not set here
    for link in [parsed.feed.link, *(entry.link for entry in parsed.entries)]:
        assert link.startswith(site_url), link
        assert (site / link.removeprefix(site_url) / "index.html").is_file(), link
    # Linked from the news page, not from a <link rel="alternate"> in the head: Material fetches
    # a sitemap.xml beside every such link (its language switcher), which would be a 404.
    news = (site / "news" / "index.html").read_text(encoding="utf-8")
    assert '<a href="feed.xml" type="application/rss+xml">RSS 订阅</a>' in news


def test_the_notice_and_each_annex_page_lead_to_the_online_form(built: tuple[Path, list[str], Path]) -> None:
    """A clerk on a phone found the form only through the menu: the notice (the home page) and the
    annex pages its links lead to now link it, and each link reaches a built form page."""
    site, _, _ = built
    home = (site / "index.html").read_text(encoding="utf-8")
    entry = re.search(r'<p class="accel666-entry">(.*?)</p>', home)
    assert entry is not None
    assert re.findall(r'href="([^"]+)"', entry.group(1)) == ["form/", "guide/", "annexes/"]
    assert (site / "form" / "index.html").is_file()
    for category in FORMS:
        page = site / "annexes" / category / "index.html"
        links = re.findall(r'<p class="accel666-entry">在线填写：<a href="([^"]+)">', page.read_text(encoding="utf-8"))
        assert links == [f"../../form/{category}/"]
        assert (page.parent / links[0] / "index.html").resolve().is_file()
