"""The built site in a real browser: Debian's chromium driven by Playwright, axe-core from npm.

The site is built once from a copy of the repository and served by `python -m http.server`
on 127.0.0.1; nothing in these tests reaches another host. `make test` installs chromium,
fonts-noto-cjk and axe-core (node_modules/) first. Set ACCEL666_SCREENSHOTS=<dir> to keep a
full-page screenshot of every page type.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, ViewportSize, sync_playwright

from builders import ROOT, tree_env

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# No first-run, sync, update or other background traffic to Google hosts: the machine has no network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

NOTICE_NUMBER = "苏工信融合〔2020〕229号"
NOTICE_TITLE = "关于组织实施江苏省工业互联网加速器工程的通知"
REGION_CODE = "320500"  # 苏州市
COUNTY_CODE = "320583"  # 昆山市, directly administered, within 苏州市
# A word that appears in exactly one published project's name (checked on the list page).
SEARCH_WORD, SEARCH_PROJECT = "云基地", "常州示例工业互联网云基地"

# Every page type: notice, annex index and one annex, guide, list, one project page, progress,
# 公示 and an archived 公示, the case library, the news list and one news item, 404.
PAGES = {
    "notice": "/",
    "annexes": "/annexes/",
    "annex-backbone": "/annexes/backbone/",
    "guide": "/guide/",
    "list": "/list/",
    "project": "/list/2020-1/backbone-001/",
    "progress": "/progress/",
    "publicity": "/publicity/",
    "publicity-archive": "/publicity/2020-1/",
    "cases": "/cases/",
    "news": "/news/",
    "news-item": "/news/2020-07-08-salon/",
    "404": "/404.html",
}
AXE_PAGES = tuple(PAGES)
# The sample 公示's objection contact (submissions/2020-1/publicity.yaml: the notice's 两化融合推进处).
OBJECTION_PHONE, OBJECTION_EMAIL = "025-82288061", "867446918@qq.com"
SERIOUS = {"serious", "critical"}

# Every row of a project table with whether it is rendered (group rows carry data-region too).
ROWS_JS = """els => els.map(e => ({
    region: e.dataset.region,
    group: e.classList.contains('accel666-group'),
    visible: e.getClientRects().length > 0,
}))"""
LIST_ROWS = "table[data-accel666=list] tbody tr[data-region]"


@dataclass(frozen=True)
class Served:
    url: str  # http://127.0.0.1:<port>
    netloc: str  # 127.0.0.1:<port>


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The site as built after the sample batch's publication (2020-11-10)."""
    with serve(tmp_path_factory.mktemp("browser"), "1605000000") as site:
        yield site


@pytest.fixture(scope="module")
def served_in_publicity(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The site as built during the sample batch's 公示 (2020-10-15)."""
    with serve(tmp_path_factory.mktemp("publicity"), "1602720000") as site:
        yield site


@contextmanager
def serve(work: Path, epoch: str) -> Iterator[Served]:
    """The site built strictly from a copy of the repository and served on a free loopback port."""
    repo = work / "repo"
    repo.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    # schemas/ is one of mkdocs.yml's watch paths, which must exist for the configuration to load.
    for folder in ("docs", "submissions", "schemas"):
        shutil.copytree(ROOT / folder, repo / folder)
    (repo / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "mkdocs_hooks.py", repo / "scripts" / "mkdocs_hooks.py")
    site = work / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=repo,
        env=tree_env(env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    # Port 0: the server picks a free port and says which on its first line.
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.search(r"port (\d+)", first)
        assert found, f"http.server did not start: {first!r}"
        netloc = f"127.0.0.1:{found.group(1)}"
        yield Served(f"http://{netloc}", netloc)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout:
            server.stdout.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, never a downloaded build. Each launch gets a fresh temporary profile
    (Playwright's own --user-data-dir, removed when the browser closes)."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test` (installs Debian's chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    made.set_default_timeout(TIMEOUT_MS)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page (390 × 844 CSS pixels, touch), as an iPhone 12-14 shows it."""
    made = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3)
    made.set_default_timeout(TIMEOUT_MS)
    try:
        yield made.new_page()
    finally:
        made.close()


@pytest.fixture(params=[{"width": 1280, "height": 900}, PHONE], ids=["1280px", "390px"])
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page on a desktop, then on a phone-wide screen."""
    made = browser.new_context(locale="zh-CN", viewport=request.param)
    made.set_default_timeout(TIMEOUT_MS)
    try:
        yield made.new_page()
    finally:
        made.close()


def width(page: Page) -> int:
    size = page.viewport_size
    assert size is not None
    return size["width"]


def visible_rows(page: Page) -> list[dict[str, object]]:
    return [row for row in page.eval_on_selector_all(LIST_ROWS, ROWS_JS) if row["visible"]]


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot into $ACCEL666_SCREENSHOTS, only when it is set."""
    folder = os.environ.get("ACCEL666_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_the_notice_shows_its_number_title_and_stage(served: Served, page: Page) -> None:
    page.goto(served.url + "/")
    assert page.get_by_text(NOTICE_NUMBER, exact=True).is_visible()
    heading = page.locator("article h1")
    assert heading.inner_text().strip() == NOTICE_TITLE
    assert heading.is_visible()
    assert NOTICE_TITLE in page.title()
    stage = page.locator(".accel666-stage")
    assert stage.is_visible()
    # SOURCE_DATE_EPOCH=1605000000 is 2020-11-10: the sample batch's list is published (2020-10-30).
    assert stage.locator('[aria-current="step"]').inner_text() == "名单发布"
    assert stage.locator('[aria-current="step"] a').get_attribute("href") == "list/"


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_the_notice_has_a_red_header_on_one_line_a_red_rule_and_a_centred_black_title(
    served: Served, browser: Browser, width: int
) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(served.url + "/", wait_until="networkidle")
        issuer = page.locator(".accel666-issuer")
        assert issuer.inner_text() == "江苏省工业和信息化厅文件"
        style = issuer.evaluate(
            """e => { const r = document.createRange(); r.selectNodeContents(e);
                const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
                return {lines: lines.size, color: getComputedStyle(e).color, right: e.getBoundingClientRect().right,
                        overflow: e.scrollWidth > e.clientWidth}; }"""
        )
        assert style["lines"] == 1 and not style["overflow"], style
        assert style["color"] == "rgb(204, 0, 0)" and style["right"] <= width
        rule = page.locator(".accel666-docno").evaluate(
            "e => [getComputedStyle(e).borderBottomStyle, getComputedStyle(e).borderBottomWidth, getComputedStyle(e).borderBottomColor]"
        )
        assert rule == ["solid", "2px", "rgb(204, 0, 0)"]
        title = page.locator("article h1").evaluate("e => [getComputedStyle(e).textAlign, getComputedStyle(e).color]")
        assert title == ["center", "rgba(0, 0, 0, 0.87)"]
    finally:
        context.close()


def test_printing_the_notice_prints_the_document_alone(served: Served, page: Page) -> None:
    page.goto(served.url + "/", wait_until="networkidle")
    page.emulate_media(media="print")
    for hidden in (".accel666-stage", "footer.md-footer", ".md-header", ".md-sidebar--primary"):
        assert page.locator(hidden).first.is_hidden(), hidden
    first = page.evaluate(
        """() => [...document.querySelectorAll('article *')].find(e => e.getClientRects().length
            && e.innerText && e.innerText.trim()).innerText.trim()"""
    )
    assert first.startswith("江苏省工业和信息化厅文件")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_the_current_stage_is_a_link_to_its_page(served: Served, served_in_publicity: Served, page: Page) -> None:
    for site, stage, path in ((served, "名单发布", "/list/"), (served_in_publicity, "公示", "/publicity/")):
        page.goto(site.url + "/")
        current = page.locator('.accel666-stage [aria-current="step"] a')
        assert current.inner_text() == stage
        current.click()
        assert urlsplit(page.url).path == path
    assert page.locator(".accel666-stage li:not([aria-current]) a").count() == 0


def test_the_larger_text_switch_enlarges_the_text_and_is_remembered(served: Served, page: Page) -> None:
    page.goto(served.url + "/", wait_until="networkidle")
    size_js = "() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    normal = page.evaluate(size_js)
    switch = page.get_by_role("button", name="大字")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert page.evaluate(size_js) >= normal * 1.2
    assert switch.get_attribute("aria-pressed") == "true"

    page.goto(served.url + "/list/", wait_until="networkidle")  # another page, same choice
    assert page.evaluate(size_js) >= normal * 1.2
    assert page.get_by_role("button", name="大字").get_attribute("aria-pressed") == "true"
    page.reload(wait_until="networkidle")
    assert page.evaluate(size_js) >= normal * 1.2

    page.get_by_role("button", name="大字").click()
    assert page.evaluate(size_js) == normal
    page.reload(wait_until="networkidle")
    assert page.evaluate(size_js) == normal


@pytest.mark.parametrize("name", ("notice", "list", "progress", "annex-backbone"))
def test_with_larger_text_a_phone_page_neither_scrolls_sideways_nor_fails_axe(
    served: Served, phone: Page, name: str
) -> None:
    phone.goto(served.url + PAGES[name], wait_until="networkidle")
    phone.get_by_role("button", name="大字").click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone, PAGES[name] + " (390 px, larger text)")


def test_the_region_filter_shows_only_that_regions_rows(served: Served, page: Page) -> None:
    page.goto(served.url + "/list/")
    every = visible_rows(page)
    assert any(row["region"] == REGION_CODE and not row["group"] for row in every)
    assert {row["region"] for row in every} - {REGION_CODE, COUNTY_CODE}

    page.select_option("#accel666-region", label="南京市")
    shown = visible_rows(page)
    assert shown and {row["region"] for row in shown} == {"320100"}
    projects = [row for row in shown if not row["group"]]
    assert projects == [row for row in every if row["region"] == "320100" and not row["group"]]
    assert page.locator(".accel666-count").inner_text() == f"显示 {len(projects)} 个项目"

    page.select_option("#accel666-region", label="全部地区")
    assert visible_rows(page) == every


def test_choosing_a_city_shows_the_directly_administered_county_within_it_too(served: Served, page: Page) -> None:
    page.goto(served.url + "/list/")
    every = [row for row in visible_rows(page) if not row["group"]]
    assert any(row["region"] == COUNTY_CODE for row in every), "no 昆山市 project in the samples"

    page.select_option("#accel666-region", value=REGION_CODE)
    assert page.locator("#accel666-region option:checked").inner_text() == "苏州市（含昆山市）"
    shown = [row for row in visible_rows(page) if not row["group"]]
    assert {row["region"] for row in shown} == {REGION_CODE, COUNTY_CODE}
    assert shown == [row for row in every if row["region"] in (REGION_CODE, COUNTY_CODE)]

    page.select_option("#accel666-region", value=COUNTY_CODE)  # the county alone
    alone = [row for row in visible_rows(page) if not row["group"]]
    assert alone and {row["region"] for row in alone} == {COUNTY_CODE}
    labels = page.locator("#accel666-region option").all_inner_texts()
    assert labels.index("\u3000昆山市") == labels.index("苏州市（含昆山市）") + 1
    assert labels.index("\u3000泰兴市") == labels.index("泰州市（含泰兴市）") + 1
    assert labels.index("\u3000沭阳县") == labels.index("宿迁市（含沭阳县）") + 1


def test_the_counts_follow_the_filter_and_emptied_categories_disappear(served: Served, page: Page) -> None:
    page.goto(served.url + "/list/")
    headings = page.locator("article h3")
    assert headings.all_inner_texts() == [
        "省级工业互联网云服务中心（云基地）（2 个）",
        "工业互联网服务骨干企业（2 个）",
        "上云上平台示范企业（3 个）",
    ]
    page.select_option("#accel666-region", value=REGION_CODE)
    visible = [headings.nth(i) for i in range(headings.count()) if headings.nth(i).is_visible()]
    assert [h.inner_text() for h in visible] == [
        "省级工业互联网云服务中心（云基地）（1 个）",
        "工业互联网服务骨干企业（1 个）",
    ]
    tables = page.locator("table[data-accel666=list]")
    assert [tables.nth(i).is_visible() for i in range(tables.count())] == [True, True, False]

    page.fill("#accel666-query", "不存在的名称")
    assert [h for h in headings.all() if h.is_visible()] == []
    assert page.locator(".accel666-count").inner_text() == "没有符合条件的项目"
    page.fill("#accel666-query", "")
    page.select_option("#accel666-region", value="")
    assert headings.nth(2).inner_text() == "上云上平台示范企业（3 个）" and headings.nth(2).is_visible()


def test_a_column_header_sorts_its_table(served: Served, page: Page) -> None:
    page.goto(served.url + "/list/")
    # The table with the most projects, sorted by 单位名称 (column 3).
    tables = page.locator("table[data-accel666=list]")
    sizes = [tables.nth(i).locator("tbody tr:not(.accel666-group)").count() for i in range(tables.count())]
    table = tables.nth(sizes.index(max(sizes)))
    assert max(sizes) >= 2
    column_js = "rows => rows.map(r => r.cells[2].textContent.trim())"
    cells = "tbody tr:not(.accel666-group)"
    before = table.locator(cells).evaluate_all(column_js)
    expected = page.evaluate("xs => xs.slice().sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))", before)
    assert expected != before, "the published order is already sorted by 单位名称: nothing would be tested"

    header = table.locator("thead th").nth(2)
    assert table.locator("thead th").nth(0).get_attribute("aria-sort") == "ascending"
    button = table.get_by_role("button", name="单位名称")
    button.click()
    assert table.locator(cells).evaluate_all(column_js) == expected
    assert header.get_attribute("aria-sort") == "ascending"
    assert button.get_attribute("aria-sort") is None  # aria-sort belongs on the column header
    assert table.locator("thead th[aria-sort]").count() == 1
    # Sorted rows are no longer grouped by region: the group headings go away.
    assert [row for row in table.locator("tbody tr.accel666-group").evaluate_all(ROWS_JS) if row["visible"]] == []

    button.click()
    assert table.locator(cells).evaluate_all(column_js) == expected[::-1]
    assert header.get_attribute("aria-sort") == "descending"


def test_sorting_by_number_restores_the_published_order_without_a_reload_and_keeps_the_filter(
    served: Served, page: Page
) -> None:
    page.goto(served.url + "/list/")
    published = page.locator("table[data-accel666=list] tbody tr").evaluate_all("rows => rows.map(r => r.textContent)")
    page.evaluate("window.accel666Marker = 1")  # gone if the page reloads
    page.select_option("#accel666-region", value=REGION_CODE)
    filtered = visible_rows(page)
    page.select_option("#accel666-sort", label="单位名称")
    page.get_by_role("button", name="序号").first.click()
    assert page.evaluate("window.accel666Marker") == 1
    assert page.input_value("#accel666-region") == REGION_CODE
    assert visible_rows(page) == filtered
    order = page.locator("table[data-accel666=list] tbody tr").evaluate_all("rows => rows.map(r => r.textContent)")
    assert order == published
    assert page.locator("table[data-accel666=list] thead th:first-child[aria-sort=ascending]").count() == 3


def test_the_filtered_and_sorted_list_has_no_serious_accessibility_violations(served: Served, sized: Page) -> None:
    sized.goto(served.url + "/list/", wait_until="networkidle")
    sized.select_option("#accel666-region", value=REGION_CODE)
    sized.select_option("#accel666-sort", label="项目名称")
    assert_accessible(sized, f"/list/ filtered and sorted ({width(sized)} px)")


def test_the_name_filter_shows_a_focus_ring_from_the_keyboard(served: Served, page: Page) -> None:
    page.goto(served.url + "/list/", wait_until="networkidle")
    page.focus("#accel666-region")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "accel666-query"
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 2


def test_the_list_reads_without_javascript(served: Served, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(served.url + "/list/")
        rows = page.locator("table[data-accel666=list] tbody tr[data-region]:not(.accel666-group)")
        assert rows.count() >= 2
        for i in range(rows.count()):
            assert rows.nth(i).is_visible()
            assert rows.nth(i).locator("a").count() == 1
        assert page.get_by_text(SEARCH_PROJECT, exact=True).is_visible()
        # The filters need the script: without it they stay hidden rather than do nothing.
        assert page.locator(".accel666-filters").is_hidden()
    finally:
        context.close()


def search(page: Page, query: str) -> list[str]:
    """The paths (with #section) of Material's search results for `query`, best first."""
    # Narrow screens open search from the header's label; wide ones show the box itself.
    opener = page.locator('label.md-header__button[for="__search"]:visible')
    if opener.count():
        opener.first.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    # Chinese arrives as inserted text, without the key-up an input method ends on and
    # Material searches on: release a key after it, as a person's typing does.
    box.press_sequentially(query, delay=50)
    box.press("End")
    results = page.locator(".md-search-result__list a.md-search-result__link")
    results.first.wait_for(state="visible")
    return [
        urlsplit(href).path + (f"#{urlsplit(href).fragment}" if urlsplit(href).fragment else "")
        for href in results.evaluate_all("links => links.map(a => a.href)")
    ]


def test_search_finds_a_project_by_a_word_of_its_name(served: Served, page: Page) -> None:
    page.goto(served.url + "/list/")
    names = page.locator("table[data-accel666=list] tbody tr:not(.accel666-group) td:nth-child(2) a")
    matching = [name for name in names.all_inner_texts() if SEARCH_WORD in name]
    assert matching == [SEARCH_PROJECT]
    link = names.filter(has_text=SEARCH_PROJECT)
    project_url = urlsplit(link.evaluate("a => a.href")).path  # /list/2020-1/<category>-<nnn>/
    found = search(page, SEARCH_WORD)
    assert found[0] == project_url, f"{project_url} is not the first result for {SEARCH_WORD}: {found}"


# The programme's words, as a reader types them, and the page that must come first.
SEARCHES = {
    "附件2": "/annexes/backbone/",  # jieba's index holds 附件 and 2: the separator splits the query too
    "异议": "/guide/",  # jieba's own dictionary hides it inside 有异议
    "云基地": "/list/2020-1/cloud-center-001/",  # the cloud base, not every page with 云
    "苏州市": "/list/2020-1/cloud-center-002/",
    "昆山市": "/list/2020-1/backbone-002/",
    "南京示例智联科技有限公司": "/list/2020-1/backbone-001/",  # a full company name: its own project
}


@pytest.mark.parametrize("query", tuple(SEARCHES))
def test_search_puts_the_expected_page_first(served: Served, page: Page, query: str) -> None:
    page.goto(served.url + "/")
    found = search(page, query)
    assert found[0] == SEARCHES[query], f"{query}: {found[:5]}"


def test_search_finds_the_objection_contact_during_publicity(served_in_publicity: Served, phone: Page) -> None:
    phone.goto(served_in_publicity.url + "/")
    found = search(phone, "异议")
    assert "/publicity/" in [path.split("#")[0] for path in found], found


def test_every_page_type_loads_only_from_the_site_itself(served: Served, context: BrowserContext) -> None:
    requested: list[str] = []
    failed: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
    errors: list[str] = []
    broken: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

    def note_broken(response: Response) -> None:
        if response.status >= 400:
            broken.append(f"{response.status} {response.url}")

    page.on("response", note_broken)
    for name, path in PAGES.items():
        response = page.goto(served.url + path, wait_until="networkidle")
        assert response is not None
        assert response.status == 200, f"{path}: HTTP {response.status}"
        shoot(page, name)
    foreign = [url for url in requested if not _own(url, served.netloc)]
    assert foreign == [], "requests to other hosts:\n" + "\n".join(foreign)
    assert len(requested) > len(PAGES)
    assert broken == [], "\n".join(broken)
    assert failed == [], "\n".join(failed)
    assert errors == [], "\n".join(errors)


def _own(url: str, netloc: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob"} or (parts.scheme == "http" and parts.netloc == netloc)


def test_during_publicity_the_publicity_page_lists_the_proposed_projects_and_the_list_none(
    served_in_publicity: Served, page: Page
) -> None:
    page.goto(served_in_publicity.url + "/publicity/", wait_until="networkidle")
    rows = page.locator("table[data-accel666=publicity] tbody tr[data-region]:not(.accel666-group)")
    assert rows.count() == 7
    assert page.get_by_text("公示期：2020-10-13 至 2020-10-19（5 个工作日）").is_visible()
    assert page.locator(f'article a[href="tel:{OBJECTION_PHONE}"]').is_visible()
    assert page.get_by_text("异议受理截止时间：2020-10-19 17:30").is_visible()
    assert page.get_by_role("heading", name="异议须知", exact=True).is_visible()
    page.goto(served_in_publicity.url + "/list/", wait_until="networkidle")
    assert page.locator(LIST_ROWS).count() == 0
    assert page.get_by_text("尚未发布入选名单").is_visible()


def test_the_publicity_page_has_no_serious_accessibility_violations(served_in_publicity: Served, page: Page) -> None:
    assert AXE.exists(), f"{AXE} is missing: run `make test` (runs npm ci)"
    page.goto(served_in_publicity.url + "/publicity/", wait_until="networkidle")
    assert_accessible(page, "/publicity/")


def assert_accessible(page: Page, where: str) -> None:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
        }))"""
    )
    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert serious == [], f"{where}:\n" + "\n".join(_describe(v) for v in serious)


@pytest.mark.parametrize("name", AXE_PAGES)
def test_no_serious_accessibility_violations(served: Served, page: Page, name: str) -> None:
    assert AXE.exists(), f"{AXE} is missing: run `make test` (runs npm ci)"
    page.goto(served.url + PAGES[name], wait_until="networkidle")
    assert_accessible(page, PAGES[name])


@pytest.mark.parametrize("name", AXE_PAGES)
def test_no_serious_accessibility_violations_on_a_phone(served: Served, phone: Page, name: str) -> None:
    phone.goto(served.url + PAGES[name], wait_until="networkidle")
    assert_accessible(phone, PAGES[name] + " (390 px)")


def test_the_publicity_page_has_no_serious_accessibility_violations_on_a_phone(
    served_in_publicity: Served, phone: Page
) -> None:
    phone.goto(served_in_publicity.url + "/publicity/", wait_until="networkidle")
    assert_accessible(phone, "/publicity/ (390 px)")
    assert phone.locator(f'.accel666-publicity ~ dl a[href="tel:{OBJECTION_PHONE}"]').is_visible()
    assert phone.locator(f'.accel666-publicity ~ dl a[href="mailto:{OBJECTION_EMAIL}"]').is_visible()


@pytest.mark.parametrize("name", tuple(PAGES))
def test_no_page_scrolls_sideways_on_a_phone(served: Served, phone: Page, name: str) -> None:
    phone.goto(served.url + PAGES[name], wait_until="networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_phone_every_column_of_the_list_is_on_screen_with_its_name(served: Served, phone: Page) -> None:
    phone.goto(served.url + "/list/", wait_until="networkidle")
    cells = phone.locator("table[data-accel666=list] tbody tr:not(.accel666-group) td")
    assert cells.count() == 7 * 6
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    kind = phone.locator('table[data-accel666=list] td[data-label="类型"]').first
    assert kind.evaluate("td => getComputedStyle(td, '::before').content") == '"类型"'
    # The header row's sort buttons are gone on a card, also from the keyboard; the menu sorts.
    phone.focus("#accel666-sort")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getClientRects().length > 0")
    assert phone.evaluate("document.activeElement.closest('thead') === null")
    recommender = phone.locator('table[data-accel666=list] td[data-label="推荐单位"]').first
    assert recommender.is_visible() and recommender.inner_text() == "常州市工信局"


def test_the_list_filters_are_at_least_44_px_tall(served: Served, sized: Page) -> None:
    sized.goto(served.url + "/list/", wait_until="networkidle")
    assert_tall(sized, "#accel666-region", "#accel666-query")


def assert_tall(page: Page, *controls: str) -> None:
    """Each control is a touch target at least 44 px tall (WCAG 2.5.5)."""
    for control in controls:
        box = page.locator(control).bounding_box()
        assert box is not None and box["height"] >= 44, (control, box)


def test_the_progress_charts_text_is_at_least_12_px_on_a_phone(served: Served, phone: Page) -> None:
    phone.goto(served.url + "/progress/", wait_until="networkidle")
    labels = phone.locator(".accel666-chart .accel666-bar__label, .accel666-chart .accel666-bar__value")
    assert labels.count() == 2 * (3 + 16)
    sizes = labels.evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 12
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]


def test_a_table_wider_than_the_screen_is_a_labelled_focusable_region(served: Served, browser: Browser) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 300, "height": 700})
    try:
        page = context.new_page()
        page.goto(served.url + "/guide/", wait_until="networkidle")
        wraps = page.locator(".md-typeset__scrollwrap").evaluate_all(
            """els => els.map(e => ({wide: e.scrollWidth > e.clientWidth + 1, tabindex: e.getAttribute('tabindex'),
                role: e.getAttribute('role'), label: e.getAttribute('aria-label'),
                hint: !!(e.nextElementSibling && e.nextElementSibling.classList.contains('accel666-scroll-hint'))}))"""
        )
        wide = [w for w in wraps if w["wide"]]
        assert wide, "no table is wider than 300 px on the guide: nothing would be tested"
        for wrap in wide:
            assert wrap["tabindex"] == "0" and wrap["role"] == "region" and wrap["hint"]
            assert wrap["label"].startswith("表格：第二步") and wrap["label"].endswith("（可左右滚动）")
        assert [w for w in wraps if not w["wide"] and w["tabindex"] is not None] == []
    finally:
        context.close()


def test_phone_numbers_and_addresses_are_links_to_call_or_write(served: Served, phone: Page) -> None:
    phone.goto(served.url + "/", wait_until="networkidle")
    for href in ("tel:025-82288061", "tel:13913378338", "mailto:867446918@qq.com"):
        assert phone.locator(f'article a[href="{href}"]').count() == 1, href
    footer = phone.locator("footer.accel666-footer")
    assert footer.locator('a[href="tel:025-82288061"]').is_visible()
    assert footer.locator('a[href="mailto:867446918@qq.com"]').is_visible()
    assert "网站标识码" in footer.inner_text() and "（示例）" in footer.inner_text()


CARDS = "section.accel666-case"
CARDS_JS = "els => els.map(e => ({region: e.dataset.region, industry: e.dataset.industry, visible: e.getClientRects().length > 0}))"


def visible_cards(page: Page) -> list[dict[str, object]]:
    return [card for card in page.eval_on_selector_all(CARDS, CARDS_JS) if card["visible"]]


def test_the_case_library_filters_by_region_with_the_county_in_its_city_and_by_industry(
    served: Served, page: Page
) -> None:
    page.goto(served.url + "/cases/", wait_until="networkidle")
    every = visible_cards(page)
    assert {card["region"] for card in every} == {"320100", COUNTY_CODE}, "the samples' approved backbone regions"
    page.select_option("#accel666-case-region", value=REGION_CODE)  # 苏州市: 昆山市's cases too
    shown = visible_cards(page)
    assert shown and shown == [card for card in every if card["region"] == COUNTY_CODE]
    assert page.locator(".accel666-filters[data-cards] .accel666-count").inner_text() == f"显示 {len(shown)} 个案例"

    page.select_option("#accel666-case-region", value="")
    industry = str(every[0]["industry"])
    page.select_option("#accel666-case-industry", value=industry)
    assert visible_cards(page) == [card for card in every if card["industry"] == industry]
    page.select_option("#accel666-case-region", value=COUNTY_CODE)
    if industry != next(card["industry"] for card in every if card["region"] == COUNTY_CODE):
        assert visible_cards(page) == []
        assert page.locator(".accel666-filters[data-cards] .accel666-count").inner_text() == "没有符合条件的案例"

    # Each case leads to its project's page.
    page.select_option("#accel666-case-region", value="")
    page.select_option("#accel666-case-industry", value="")
    page.locator(f"{CARDS} .accel666-case__source a").first.click()
    assert re.fullmatch(r"/list/2020-1/backbone-[0-9]{3}/", urlsplit(page.url).path)


def test_the_filtered_case_library_has_tall_controls_and_no_serious_accessibility_violations(
    served: Served, sized: Page
) -> None:
    sized.goto(served.url + "/cases/", wait_until="networkidle")
    sized.select_option("#accel666-case-region", value=REGION_CODE)
    assert_tall(sized, "#accel666-case-region", "#accel666-case-industry", "#accel666-case-query")
    assert_accessible(sized, f"/cases/ filtered ({width(sized)} px)")


def test_search_results_have_no_serious_accessibility_violations(served: Served, sized: Page) -> None:
    sized.goto(served.url + "/", wait_until="networkidle")
    assert search(sized, "公示")
    assert_accessible(sized, f"search results ({width(sized)} px)")


def test_the_news_list_leads_to_the_items_the_publicity_and_the_list(served: Served, page: Page) -> None:
    page.goto(served.url + "/news/", wait_until="networkidle")
    links = page.locator("ul.accel666-news a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert links[:2] == ["/list/", "/publicity/2020-1/"]  # newest first: the publication, then the 公示
    assert "/news/2020-07-08-salon/" in links
    page.get_by_role("link", name="RSS 订阅").click()  # the feed is served from the site itself
    assert urlsplit(page.url).path == "/news/feed.xml"


def _describe(violation: dict[str, object]) -> str:
    nodes = violation["nodes"]
    assert isinstance(nodes, list)
    lines = [f"- {violation['id']} ({violation['impact']}): {violation['help']}"]
    lines += [
        f"    {node['target']}: {node['html'][:200]}\n      {node['summary']}".replace("\n", "\n      ")
        for node in nodes
    ]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("path", "label", "name"),
    [
        ("/annexes/backbone/", "申报表（Word）", "附件2-工业互联网服务骨干企业申报表.docx"),
        ("/annexes/demo-enterprise/", "汇总表（Excel）", "附件3-上云上平台示范企业推进项目汇总表.xlsx"),
        ("/list/", "Excel", "666工程第一批项目名单.xlsx"),
    ],
)
def test_a_download_is_saved_under_its_chinese_name(
    served: Served, page: Page, tmp_path: Path, path: str, label: str, name: str
) -> None:
    """Clicked in a real browser from a static server (as GitHub Pages serves the site)."""
    page.goto(served.url + path)
    with page.expect_download() as started:
        page.get_by_role("link", name=label, exact=True).click()
    download = started.value
    assert download.suggested_filename == name
    download.save_as(tmp_path / name)
    assert (tmp_path / name).read_bytes()[:2] == b"PK"  # the workbook or document itself
