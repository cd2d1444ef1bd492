"""The whole public site as files: a plain function of the repository (MkDocs only adds them).

`build_files(root, today, settings)` validates the repository, refuses to go on when it has
errors, and returns every generated page and download by its docs-relative path. The
settings (公示 objection rules, the site's address, the hand-written news) come from
mkdocs.yml: MkDocs' hook passes them, anything else reads root/mkdocs.yml. Keeping this
out of MkDocs' internals lets another builder (ProperDocs, Zensical, a script) reuse it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from accel666.browser.bundle import site_files as browser_check_files
from accel666.check import check_repository
from accel666.clock import build_date
from accel666.documents import export
from accel666.errors import FatalError
from accel666.report.text import line
from accel666.repository import open_repository
from accel666.schema import schema_bytes
from accel666.vocabulary import CATEGORY_TITLES, PROGRAMME
from accel666.website.cases import cases_page
from accel666.website.collect import Project, Site, collect_site
from accel666.website.downloads import LIST_FOLDER, LIST_FORMATS, list_file
from accel666.website.forms import form_pages
from accel666.website.news import FEED, feed, news_items, news_page, read_news
from accel666.website.pages import data_pages
from accel666.website.publicity import publicity_pages
from accel666.website.reference import ANNEX_FILES, reference_pages
from accel666.website.settings import Settings, read_settings

LIST_COLUMNS = (
    ("batch", "批次"),
    ("category", "类别"),
    ("number", "序号"),
    ("region", "地区"),
    ("name", "项目名称"),
    ("unit", "单位名称"),
    ("kind", "类型"),
    ("recommender", "推荐单位"),
    ("summary", "公开简介"),
)


SITE_NAME = "江苏省工业互联网加速器工程（666工程）"


class SiteError(FatalError):
    """The repository has errors: the site is not built from it."""


@dataclass(frozen=True)
class Built:
    site: Site
    files: dict[str, str | bytes]


def build_files(root: Path, today: dt.date | None = None, settings: Settings | None = None) -> Built:
    settings = settings or read_settings(root)
    written = read_news(settings.docs_dir)  # a wrong news item stops the build before the long part
    repo = open_repository(root)
    result = check_repository(repo)  # records dated in the future are judged by the real clock
    today = today or build_date()
    if not result.ok:
        listing = "\n".join(line(f) for f in result.sorted() if f in result.errors)
        raise SiteError(f"申报仓库有 {len(result.errors)} 个错误，网站未生成：\n{listing}")
    site = collect_site(repo, result, today)
    files: dict[str, str | bytes] = dict(data_pages(site))
    files.update(publicity_pages(site, settings.objection))
    files["cases.md"] = cases_page(site)
    items = news_items(site, written)
    files["news/index.md"] = news_page(items)
    files[FEED] = feed(items, settings.site_url, SITE_NAME)
    files.update(reference_pages())
    files.update(form_pages(site, applicant_accounts=bool(repo.reviewers.get("accounts", {}).get("applicants"))))
    files.update(downloads(site))
    files.update(browser_check_files(root))  # the form's check: Pyodide and the archive, served by the site
    return Built(site, files)


def downloads(site: Site) -> Iterator[tuple[str, bytes]]:
    years = site.current.indicator_years if site.current else (2017, 2018, 2019)
    for name, raw in schema_bytes().items():  # published at stable addresses: schemas/<name>.schema.json
        yield f"schemas/{name}.schema.json", raw
    for annex_file in ANNEX_FILES:
        yield f"annexes/{annex_file.name}", annex_file.make(years)
    rows = [_list_row(project) for project in site.projects]
    tables = {
        "csv": export.table_csv(LIST_COLUMNS, rows),
        "json": export.table_json(LIST_COLUMNS, rows),
        "xlsx": export.table_xlsx(LIST_COLUMNS, rows, f"江苏省工业互联网加速器工程（{PROGRAMME}）项目名单"),
    }
    for ext, _ in LIST_FORMATS:
        yield f"{LIST_FOLDER}/{list_file(site, ext)}", tables[ext]


def _list_row(project: Project) -> dict[str, str]:
    return {
        "batch": project.batch,
        "category": CATEGORY_TITLES[project.category],
        "number": str(project.number),
        "region": project.region.name,
        "name": project.name,
        "unit": project.unit,
        "kind": project.kind,
        "recommender": project.recommender,
        "summary": project.summary,
    }
