"""典型案例库: the cases of approved backbone enterprises of published batches, and no others,
showing exactly the case fields the reviewed list of public fields names."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import yaml

from accel666.schema import field, field_path, field_title, is_public
from accel666.website.build import build_files
from accel666.website.settings import read_settings
from builders import ROOT, SAMPLES, copy_samples

SETTINGS = read_settings(ROOT)
APPROVED = (SAMPLES["backbone"], SAMPLES["backbone-route3"])  # 南京市, 昆山市
REJECTED = SAMPLES["backbone-route2"]  # 无锡市: in decision.yaml's rejected
REVIEWED = {
    line.split("/")[-1]
    for line in (ROOT / "tests" / "resources" / "public-fields.txt").read_text(encoding="utf-8").splitlines()
    if line.startswith("backbone /cases/*/")
}
CARD = re.compile(r'<section class="accel666-case"(?P<attrs>[^>]*)>(?P<body>.*?)</section>', re.S)


def cases_of(relpath: str) -> list[dict[str, str]]:
    return yaml.safe_load((ROOT / relpath).read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def repo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_samples(tmp_path_factory.mktemp("cases")).root


def page_on(root: Path, day: str) -> str:
    return str(build_files(root, dt.date.fromisoformat(day), SETTINGS).files["cases.md"])


def test_the_library_holds_every_case_of_the_approved_backbone_enterprises_and_no_other(repo_root: Path) -> None:
    page = page_on(repo_root, "2020-11-10")
    cards = CARD.findall(page)
    shown = [re.search(r"<h2[^>]*>(.*?)</h2>", body).group(1) for _, body in cards]  # type: ignore[union-attr]
    assert shown == [html.escape(case["title"]) for relpath in APPROVED for case in cases_of(relpath)]
    assert not any(case["title"] in page or case["customer"] in page for case in cases_of(REJECTED))
    assert f"共 {len(shown)} 个案例" in page


def test_before_the_list_is_published_there_is_no_case(repo_root: Path) -> None:
    page = page_on(repo_root, "2020-10-15")  # in 公示: approved, not published
    assert CARD.findall(page) == []
    assert "暂无典型案例" in page
    assert not any(case["title"] in page for relpath in APPROVED for case in cases_of(relpath))


def test_a_card_shows_exactly_the_public_case_fields(repo_root: Path) -> None:
    page = page_on(repo_root, "2020-11-10")
    keys = list(field("backbone", field_path(["cases", 0])).schema["properties"])
    public = {key for key in keys if is_public("backbone", ["cases", 0, key])}
    assert public == REVIEWED  # the schema and the reviewed list agree
    expected = [
        field_title("backbone", ["cases", 0, key]).split(" › ")[-1] for key in keys if key in public - {"title"}
    ]
    for _, body in CARD.findall(page):
        assert re.findall(r"<dt>(.*?)</dt>", body) == expected
    for key in set(keys) - public:  # none today; a private case field would fail here
        assert field_title("backbone", ["cases", 0, key]).split(" › ")[-1] not in page


def test_each_card_carries_its_region_its_prefecture_and_its_industry_for_the_filters(repo_root: Path) -> None:
    page = page_on(repo_root, "2020-11-10")
    attrs = [attrs for attrs, _ in CARD.findall(page)]
    kunshan = [a for a in attrs if 'data-region="320583"' in a]
    assert len(kunshan) == len(cases_of(SAMPLES["backbone-route3"]))
    assert all('data-within="320500"' in a for a in kunshan)
    industries = [re.search(r'data-industry="([^"]*)"', a).group(1) for a in attrs]  # type: ignore[union-attr]
    assert industries == [html.escape(case.get("industry", "未注明行业")) for r in APPROVED for case in cases_of(r)]
    assert all(f'<option value="{name}">' in page for name in set(industries))
    assert '<a href="../list/2020-1/backbone-002/">' in page
