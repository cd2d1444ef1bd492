"""The 申报表单 pages (accel666.website.forms, docs/assets/form/): in Debian's chromium, and at build time.

The site is built from a copy of the repository and served on 127.0.0.1 (browser_test's
`serve`); the check runs in the page's worker (Pyodide, served by the site itself), and
what it says is compared with the real CLI on the same file.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Response
from stdnum.cn import uscc as stdnum_uscc

from accel666.browser.wording import form_words
from accel666.git import Change, ChangeSet
from accel666.repository import open_repository
from accel666.rules.backbone import eligibility_of
from accel666.rules.base import Application
from accel666.rules.changes import ChangeContext, check_deadlines
from accel666.website.build import build_files
from accel666.website.settings import read_settings
from browser.wording_test import CLI_ONLY
from builders import REVIEWERS, ROOT, SAMPLES, SampleRepo, copy_samples, git_repo, tree_env
from website.browser_test import PHONE, Served, assert_accessible, serve

FORMS = {
    "cloud-center": "/form/cloud-center/",
    "backbone": "/form/backbone/",
    "demo-enterprise": "/form/demo-enterprise/",
}
CHECK_TIMEOUT_MS = 180_000  # the first check loads Pyodide on a shared 2-core machine
WEIGHT_LIMIT = 150 * 1024  # the form page without Pyodide, gzip
BUILT = "1597881600"  # 2020-08-20: the sample batch 2020-1 takes applications until 2020-08-30


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The site as built on 2020-08-20, while the sample batch takes applications."""
    with serve(tmp_path_factory.mktemp("form"), BUILT) as site:
        yield site


@pytest.fixture(autouse=True)
def on_the_build_day(request: pytest.FixtureRequest) -> None:
    """The pages' clock on the day the site was built: the form checks the batch's deadline by the page's date."""
    for name in ("page", "phone"):
        if name in request.fixturenames:
            shown: Page = request.getfixturevalue(name)
            shown.clock.set_fixed_time(dt.datetime.fromtimestamp(int(BUILT), dt.UTC))


class Requests:
    """Every URL the page (and its workers) asked for."""

    def __init__(self, context: BrowserContext) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def foreign(self, netloc: str) -> list[str]:
        return [url for url in self.urls if not _own(url, netloc)]


def _own(url: str, netloc: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob"} or (parts.scheme == "http" and parts.netloc == netloc)


def valid_uscc(first17: str) -> str:
    return first17 + stdnum_uscc.calc_check_digit(first17)


def check(page: Page) -> None:
    """Press 检查 and wait for its result (the first one loads the checker)."""
    page.get_by_role("button", name="检查", exact=True).click()
    page.locator("[data-summary] h2").wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)


def cli_findings(root: Path, relpath: str) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "accel666", "validate", "--no-cache", "--format", "json", relpath],
        cwd=root,
        env=tree_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    return [f for f in json.loads(done.stdout) if f["path"] == relpath]


# -- filling and downloading ------------------------------------------------------------


def fill_backbone(page: Page, code: str) -> None:
    """Everything 附件2 asks for, typed as an applicant on a phone would."""
    text = {
        "#f-project_name": "（示例）化工行业工业互联网解决方案",
        "#f-applicant-name": "（示例）苏州测试工业互联网科技有限公司",
        "#f-applicant-uscc": code,
        "#f-address": "（示例）苏州市工业园区测试路 8 号",
        "#f-postcode": "215000",
        "#f-project_leader-name": "赵测试",
        "#f-project_leader-phone": "13912345678",
        "#f-legal_representative-name": "钱测试",
        "#f-legal_representative-phone": "0512-65123456",
        "#f-contact-name": "孙测试",
        "#f-contact-mobile": "13812345678",
        "#f-basic-registered_address": "（示例）苏州市工业园区测试路 8 号",
        "#f-basic-founded": "2012-04-18",
        "#f-basic-intellectual_property-patents": "12",
        "#f-basic-intellectual_property-software_copyrights": "30",
        "#f-rd_expense": "160",
        "#f-public_summary": "（示例）面向化工企业提供设备联网、安全生产监测和能耗优化服务。",
    }
    page.select_option("#f-region", "320500")
    for selector, value in text.items():
        page.fill(selector, value)
    page.check("input[name='/basic/ownership'][value='民营']")
    page.check("input[name='/listed'][value='false']")
    for index, revenue in enumerate(("1500", "2100", "2900")):
        for key, value in (("total_assets", "5000"), ("debt_ratio", "40.5"), ("revenue", revenue)):
            page.fill(f"#f-indicators-{index}-{key}", value)
        for key, value in (("taxes", "120"), ("profit", "-35.5"), ("credit_rating", "AA")):
            page.fill(f"#f-indicators-{index}-{key}", value)
    long = "（示例）本段为测试填写的文字材料，长度超过二十个字，内容可以公开。"
    for key in ("introduction", "competence", "awards", "business_plan"):
        page.fill(f"#f-narratives-{key}", long)
    for index in range(2):
        page.fill(f"#f-cases-{index}-title", f"（示例）第 {index + 1} 个案例")
        page.fill(f"#f-cases-{index}-customer", "（示例）用户单位有限公司")
        for key in ("introduction", "construction", "implementation", "results"):
            page.fill(f"#f-cases-{index}-{key}", long)


def test_a_phone_fills_a_backbone_form_from_nothing_and_downloads_a_file_the_cli_accepts(
    served: Served, phone: Page, tmp_path: Path
) -> None:
    requests = Requests(phone.context)
    phone.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    assert not [url for url in requests.urls if "pyodide" in url or url.endswith("worker.js")], (
        "the checker loaded early"
    )
    code = valid_uscc("91320594MA1T3PT1X")
    fill_backbone(phone, code)
    assert phone.input_value("#f-recommender") == "苏州市工业和信息化局"  # from the chosen region's bureau
    assert phone.input_value("#f-indicators-0-year") == "2017"  # the batch's indicator years

    check(phone)
    assert phone.locator("[data-summary] h2").inner_text() == "检查通过：没有发现问题"
    passed = phone.locator("[data-summary]")
    assert passed.get_attribute("role") == "status"  # news, read out; not an alarm
    assert passed.evaluate("e => getComputedStyle(e).borderTopColor") != phone.locator(
        ".accel666-required"
    ).first.evaluate("e => getComputedStyle(e).color")  # not the errors' red
    assert_accessible(phone, "backbone passed")
    with phone.expect_download(timeout=CHECK_TIMEOUT_MS) as download:
        phone.get_by_role("button", name="下载申报文件").click()
    assert download.value.suggested_filename == f"{code}.yaml"
    place = f"submissions/2020-1/320500/backbone/{code}.yaml"
    phone.locator("[data-place]").wait_for(state="visible")
    assert place in phone.locator("[data-place]").inner_text()
    assert phone.locator("[data-handover-bureau]").inner_text() == "苏州市工业和信息化局（推荐单位）"
    assert phone.input_value("#f-applicant-uscc") == code  # nothing is wiped on download

    root = git_repo(copy_samples(tmp_path / "repo"))
    (root / place).parent.mkdir(parents=True, exist_ok=True)
    download.value.save_as(root / place)
    written = (root / place).read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../../../schemas/backbone.schema.json\n")
    assert f'uscc: "{code}"' in written and 'postcode: "215000"' in written
    assert written.splitlines()[2] == "# 由网站申报表单根据 schemas/backbone.schema.json 生成。"
    accepted = subprocess.run(
        [sys.executable, "-m", "accel666", "validate", "--no-cache", place],
        cwd=root,
        env=tree_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert requests.foreign(served.netloc) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_wrong_uscc_check_character_is_shown_at_the_uscc_field(served: Served, phone: Page, tmp_path: Path) -> None:
    sample = (ROOT / SAMPLES["backbone"]).read_text(encoding="utf-8")
    good = "91320106MA1W7XYL3D"
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    opened = tmp_path / f"{wrong}.yaml"
    opened.write_text(sample.replace(good, wrong), encoding="utf-8")
    phone.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    phone.locator("[data-file]").set_input_files(str(opened))
    phone.locator("[data-summary] h2").wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)
    assert phone.input_value("#f-applicant-uscc") == wrong
    at_field = phone.locator("#f-applicant-uscc-error").inner_text()
    assert "校验位" in at_field and f"应为 “{good[-1]}”" in at_field
    assert phone.locator("#f-applicant-uscc").get_attribute("aria-invalid") == "true"
    link = phone.locator("[data-summary] a", has_text="校验位")
    assert link.get_attribute("href") == "#f-applicant-uscc"
    link.click()
    assert phone.evaluate("document.activeElement.id") == "f-applicant-uscc"


def test_the_findings_and_eligibility_shown_are_the_clis(served: Served, page: Page, tmp_path: Path) -> None:
    """A backbone sample whose revenue fails all three routes: the page and `accel666 validate` agree word for word."""
    repo = copy_samples(tmp_path / "repo")
    relpath = SAMPLES["backbone"]
    repo.replace(relpath, "revenue: 2900", "revenue: 900")
    cli = cli_findings(repo.root, relpath)
    assert {f["code"] for f in cli} >= {"BACKBONE-ROUTES"}
    page.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    page.locator("[data-file]").set_input_files(str(repo.path(relpath)))
    page.locator("[data-summary] h2").wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)
    shown = page.locator("[data-summary] li").all_inner_texts()
    level = {"error": "错误", "warning": "警告"}
    assert shown == [f"{level[str(f['severity'])]}：{form_words(str(f['code']), str(f['message']))}" for f in cli]

    from accel666.load import load_document  # noqa: PLC0415
    from accel666.repository import locate, open_repository  # noqa: PLC0415

    doc = load_document(repo.path(relpath).read_bytes(), relpath)
    result = eligibility_of(Application(doc, open_repository(repo.root), locate(relpath), "backbone"))
    assert result is not None and not result.eligible
    figures = page.locator("#accel666-eligibility li").all_inner_texts()
    assert [route.describe() for route in result.routes] == figures[2:5]
    assert figures[0] == f"研发经费占营业收入的比例：{result.rd_share_text}（{'满足' if result.rd_ok else '不满足'}）"
    assert (
        page.locator("#accel666-eligibility .accel666-verdict").inner_text() == "按填写的数据，不满足申报企业基本要求。"
    )


def test_a_file_that_does_not_load_is_reported_in_the_summary_with_its_line_and_column(
    served: Served, phone: Page, tmp_path: Path
) -> None:
    repo = copy_samples(tmp_path / "repo")
    relpath = SAMPLES["backbone"]
    repo.replace(relpath, "listed: false", 'listed: "false')  # an unclosed quote: no data at all
    cli = cli_findings(repo.root, relpath)
    assert cli and all(f["line"] for f in cli)
    phone.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    phone.fill("#f-project_name", "（示例）没有被改动")
    phone.locator("[data-file]").set_input_files(str(repo.path(relpath)))
    phone.locator("[data-summary] h2").wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)
    shown = phone.locator("[data-summary] li").all_inner_texts()
    assert shown == [
        f"错误：{form_words(str(f['code']), str(f['message']))}（文件第 {f['line']} 行第 {f['column']} 列）"
        for f in cli
    ]
    assert phone.locator("[data-summary] li a").count() == 0
    assert phone.input_value("#f-project_name") == "（示例）没有被改动"


def test_a_file_that_is_not_an_application_is_refused_and_nothing_else_is_said(
    served: Served, phone: Page, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("明天上午九点到工信局交材料。\n", encoding="utf-8")  # loads as one text: no finding at all
    phone.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    phone.locator("[data-file]").set_input_files(str(note))
    phone.locator("[data-summary] h2").wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)
    phone.wait_for_function("!document.querySelector('.accel666-form-app').hasAttribute('aria-busy')")
    assert phone.locator("[data-summary]").inner_text().strip() == "note.txt 无法读取为申报文件，表单内容没有改动。"
    assert phone.locator("[data-summary]").get_attribute("role") is None
    assert phone.locator("[data-status]").inner_text() == ""  # not left on “正在打开”


def test_a_batch_past_its_deadline_is_refused_at_the_batch_field_in_the_gates_words(
    served: Served, phone: Page
) -> None:
    """`accel666 intake` refuses a new application after the deadline: the form's check says so first."""
    day = dt.date(2020, 9, 15)
    phone.clock.set_fixed_time(dt.datetime(2020, 9, 15, 1, tzinfo=dt.UTC))  # 09:00 in Beijing
    phone.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    phone.locator("[data-file]").set_input_files(str(ROOT / SAMPLES["backbone"]))  # a file the CLI passes
    phone.locator("[data-summary] h2").wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)
    assert cli_findings(ROOT, SAMPLES["backbone"]) == []
    arrival = ChangeSet(base="", changes=(Change("added", SAMPLES["backbone"]),), base_paths=frozenset())
    (gate,) = check_deadlines(ChangeContext(open_repository(ROOT), arrival, day))
    assert gate.code == "LATE-APPLICATION" and str(day) in gate.message
    assert phone.locator("#f-batch-error").inner_text() == "错误：" + form_words(gate.code, gate.message)
    assert phone.locator("#f-batch").get_attribute("aria-invalid") == "true"
    assert phone.locator("[data-summary] h2").inner_text() == "检查结果：1 个错误，0 个警告"


def test_no_hint_speaks_of_yaml_quoting_true_false_folders_or_file_names(served: Served, phone: Page) -> None:
    for name, path in FORMS.items():
        phone.goto(served.url + path, wait_until="networkidle")
        hints = phone.locator(".accel666-hint").all_inner_texts()
        titles = phone.eval_on_selector_all("form [title]", "found => found.map(e => e.title)")
        rules = phone.eval_on_selector_all(
            "[data-when]",
            """found => found.flatMap(e => Object.values(JSON.parse(e.dataset.when)))
                .flatMap(byValue => Object.values(byValue)).map(effect => effect.hint || '')""",
        )
        assert len(hints) > 10, name
        assert [words for words in hints + titles + rules if CLI_ONLY.search(words)] == [], name


def test_a_file_of_another_form_is_not_opened_but_linked_to_its_form(served: Served, phone: Page) -> None:
    phone.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    phone.locator("[data-file]").set_input_files(str(ROOT / SAMPLES["demo"]))
    link = phone.locator("[data-status] a")
    link.wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)
    assert link.inner_text() == "附件3：上云上平台示范企业"
    link.click()
    assert urlsplit(phone.url).path == FORMS["demo-enterprise"]


# -- the page before any check ---------------------------------------------------------


@pytest.mark.parametrize("name", tuple(FORMS))
def test_a_form_page_weighs_at_most_150_kb_gzip_and_asks_no_other_host(served: Served, phone: Page, name: str) -> None:
    bodies: dict[str, bytes] = {}
    requests = Requests(phone.context)

    def keep(response: Response) -> None:
        bodies[response.url] = response.body()

    phone.on("response", keep)
    phone.goto(served.url + FORMS[name], wait_until="networkidle")
    phone.wait_for_timeout(500)
    weight = sum(len(gzip.compress(body, 9)) for body in bodies.values())
    assert 10_000 < weight <= WEIGHT_LIMIT, {url: len(gzip.compress(body)) for url, body in bodies.items()}
    assert requests.foreign(served.netloc) == []
    assert not [url for url in bodies if "pyodide" in url]


@pytest.mark.parametrize("name", tuple(FORMS))
def test_every_control_and_button_is_at_least_44_px_tall_on_a_phone(served: Served, phone: Page, name: str) -> None:
    phone.goto(served.url + FORMS[name], wait_until="networkidle")
    heights = phone.locator(
        ".accel666-form-app button:visible, .accel666-form input[type=text]:visible, .accel666-form select:visible, "
        ".accel666-form textarea:visible, .accel666-form label.accel666-option:visible"
    ).evaluate_all("els => els.map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().height])")
    assert heights, "no control found"
    assert [h for h in heights if h[1] < 44] == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("name", tuple(FORMS))
def test_every_pattern_compiles_as_the_browser_reads_it(served: Served, phone: Page, name: str) -> None:
    """HTML compiles `pattern` with the `v` flag; one it refuses is silently ignored."""
    phone.goto(served.url + FORMS[name], wait_until="networkidle")
    refused = phone.evaluate(
        """[...document.querySelectorAll('[pattern]')].map(e => e.getAttribute('pattern')).filter(p => {
            try { new RegExp(p, 'v'); return false; } catch (e) { return true; } })"""
    )
    assert refused == []
    assert phone.locator("[pattern]").count() > 3


def test_a_wrong_value_is_hinted_while_typing_from_the_schema(served: Served, phone: Page) -> None:
    phone.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    phone.fill("#f-contact-mobile", "1391234")
    phone.locator("#f-contact-mobile").blur()
    hint = phone.locator("#f-contact-mobile-error").inner_text()
    assert hint.startswith("提示：手机号码应为 11 位半角数字")  # the schema's x-hint
    phone.fill("#f-contact-mobile", "13912345678")
    assert phone.locator("#f-contact-mobile-error").inner_text() == ""
    described = phone.locator("#f-contact-mobile").get_attribute("aria-describedby")
    assert described == "f-contact-mobile-hint f-contact-mobile-error"


def test_the_cloud_base_variant_asks_for_its_location_and_the_service_centre_does_not(
    served: Served, phone: Page
) -> None:
    phone.goto(served.url + FORMS["cloud-center"], wait_until="networkidle")
    phone.check("input[name='/variant'][value='云服务中心']")
    assert phone.locator("#f-location").is_hidden()
    phone.check("input[name='/variant'][value='云基地']")
    assert phone.locator("#f-location").is_visible()
    assert phone.locator("label[for=f-location]").inner_text() == "项目所在地址（必填）"
    assert phone.locator("#f-project_name").get_attribute("pattern") == "[\\s\\S]*(?:工业互联网云基地)"


def test_cases_can_be_added_and_removed_down_to_the_two_the_notice_asks_for(served: Served, phone: Page) -> None:
    phone.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    cases = phone.locator("#f-cases [data-item]")
    assert cases.count() == 2 and phone.locator("#f-cases [data-remove]:visible").count() == 0
    phone.get_by_role("button", name="添加一项典型案例").click()
    assert cases.count() == 3
    assert phone.evaluate("document.activeElement.id") == "f-cases-2-title"
    phone.fill("#f-cases-1-title", "第二")
    phone.fill("#f-cases-2-title", "第三")
    phone.get_by_role("button", name="删除典型案例第 2 项").click()
    assert cases.count() == 2
    assert phone.evaluate("document.activeElement.textContent") == "添加一项典型案例"
    assert phone.input_value("#f-cases-1-title") == "第三"
    assert phone.locator("#f-indicators [data-item]").count() == 3  # three years, fixed


def test_a_draft_survives_a_reload_and_is_cleared_only_after_confirmation(served: Served, phone: Page) -> None:
    phone.goto(served.url + FORMS["demo-enterprise"], wait_until="networkidle")
    phone.fill("#f-enterprise-name", "（示例）草稿测试有限公司")
    phone.wait_for_timeout(600)  # the draft is saved shortly after typing
    phone.reload(wait_until="networkidle")
    assert phone.input_value("#f-enterprise-name") == "（示例）草稿测试有限公司"
    assert "已恢复本机保存的草稿" in phone.locator("[data-status]").inner_text()

    phone.once("dialog", lambda dialog: dialog.dismiss())
    phone.get_by_role("button", name="清除").click()
    assert phone.input_value("#f-enterprise-name") == "（示例）草稿测试有限公司"
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="清除").click()
    assert phone.input_value("#f-enterprise-name") == ""
    phone.reload(wait_until="networkidle")
    assert phone.input_value("#f-enterprise-name") == ""


@pytest.mark.parametrize("name", ("index", *FORMS))
@pytest.mark.parametrize("screen", ("phone", "page"))
def test_no_serious_accessibility_violations_on_the_form_pages(
    served: Served, request: pytest.FixtureRequest, screen: str, name: str
) -> None:
    shown: Page = request.getfixturevalue(screen)  # browser_test's phone (390 px) or desktop page
    shown.goto(served.url + FORMS.get(name, "/form/"), wait_until="networkidle")
    assert_accessible(shown, f"{name} ({screen})")


def test_enter_checks_says_the_checker_is_loading_and_the_findings_pass_axe(served: Served, page: Page) -> None:
    page.goto(served.url + FORMS["backbone"], wait_until="networkidle")
    page.fill("#f-applicant-uscc", "91320594MA1T3ST1")
    page.evaluate(
        """() => { const line = document.querySelector('[data-status]'); window.said = [];
            new MutationObserver(() => window.said.push(line.textContent)).observe(line, {childList: true}); }"""
    )
    page.keyboard.press("Enter")  # in a text field: the form's submit, which is 检查
    page.locator("[data-summary] h2").wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)
    assert any(said.startswith("正在加载检查程序") for said in page.evaluate("window.said"))
    assert page.locator("[data-summary] li").count() > 5
    assert page.evaluate("document.activeElement.matches('[data-summary]')")
    assert page.locator("#f-project_name-error").inner_text() == "错误：「项目名称」未填写。"
    assert_accessible(page, "backbone with findings")


# -- the build ----------------------------------------------------------------------


GIT_ROUTE = "已开通申报仓库账号的单位：自己提交"


def test_the_git_hosts_route_is_offered_only_where_applicants_have_accounts(sample_repo: SampleRepo) -> None:
    today = dt.date(2020, 8, 20)
    for name in FORMS:
        page = build_files(sample_repo.root, today, read_settings(ROOT)).files[f"form/{name}.md"]
        assert isinstance(page, str) and "把文件交给所在地区的工信局" in page and GIT_ROUTE not in page
    applicant = '  applicants:\n    wang-wu: ["91320106MA1W7XYL3D"]\n'
    sample_repo.write(REVIEWERS, sample_repo.read(REVIEWERS) + applicant)
    page = build_files(sample_repo.root, today, read_settings(ROOT)).files["form/backbone.md"]
    assert isinstance(page, str) and GIT_ROUTE in page
    assert "Upload files" in page and "Create pull request" in page and "8 KB" in page


def test_a_field_added_to_a_schema_appears_in_the_form(tmp_path: Path) -> None:
    """The form is the schema's: build the site with a copy of the package whose schema has one more field."""
    scripts = tmp_path / "scripts"
    shutil.copytree(ROOT / "scripts" / "accel666", scripts / "accel666", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schemas", scripts / "accel666" / "schemas", ignore=shutil.ignore_patterns("__pycache__"))
    schema_file = scripts / "accel666" / "schemas" / "backbone.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["basic"]["properties"]["website"] = {
        "title": "单位网站（测试新增）",
        "description": "单位的网站地址。",
        "type": "string",
        "maxLength": 77,
        "pattern": "^https?://",
        "examples": ["https://example.com"],
    }
    # Optional: the site build validates the samples first, and they do not have it.
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    repo = tmp_path / "repo"
    for folder in ("docs", "submissions", "schemas"):
        shutil.copytree(ROOT / folder, repo / folder)
    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "mkdocs_hooks.py", repo / "scripts" / "mkdocs_hooks.py")
    (repo / "node_modules").symlink_to(ROOT / "node_modules")  # Pyodide's runtime, which the site serves
    env = tree_env({**os.environ, "NO_MKDOCS_2_WARNING": "1"}, PYTHONPATH=str(scripts))
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    html = (tmp_path / "site" / "form" / "backbone" / "index.html").read_text(encoding="utf-8")
    assert (
        '<label for="f-basic-website">单位网站（测试新增）<span class="accel666-optional">（选填）</span></label>'
        in html
    )
    assert 'name="/basic/website"' in html and 'maxlength="77"' in html and 'pattern="(?:https?://)[\\s\\S]*"' in html
    assert "例如：https://example.com" in html
    # The forms stay out of the search index (their words would outrank the pages readers look for); their list does not.
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert "form/" in locations and not {f"form/{name}/" for name in FORMS} & locations
