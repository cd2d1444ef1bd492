"""公示 pages: the current 公示 with the objection rules of mkdocs.yml and the contacts of its
record; an archive with every 公示, its period and its list; the list's date and 文号."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from accel666.errors import ConfigError
from accel666.repository import open_repository
from accel666.website.build import build_files
from accel666.website.collect import Publicity, Site
from accel666.website.publicity import publicity_page
from accel666.website.settings import objection_rules, read_settings
from builders import ROOT, copy_samples

SETTINGS = read_settings(ROOT)
RECORDS = ROOT / "submissions" / "2020-1"


def record(name: str) -> dict[str, object]:
    return yaml.safe_load((RECORDS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def repo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_samples(tmp_path_factory.mktemp("publicity")).root


def files_on(root: Path, day: str) -> dict[str, str | bytes]:
    return build_files(root, dt.date.fromisoformat(day), SETTINGS).files


def test_during_the_publicity_the_page_says_how_where_and_until_when_to_object(repo_root: Path) -> None:
    page = str(files_on(repo_root, "2020-10-15")["publicity.md"])
    contact = record("publicity.yaml")["contact"]
    assert isinstance(contact, dict)
    assert f"<dd>{contact['department']}</dd>" in page and "两化融合推进处" in contact["department"]
    assert f'<a href="tel:{contact["phone"]}">' in page and f'<a href="mailto:{contact["email"]}">' in page
    assert f"<dt>通信地址</dt><dd>{contact['address']}</dd>" in page
    assert '截止时间：2020-10-19 17:30<span class="accel666-sample">（示例）</span>' in page
    rules = re.search(r"<h3>异议须知</h3>\s*<ol>(.*?)</ol>", page, re.S)
    assert rules is not None
    assert re.findall(r"<li>(.*?)</li>", rules.group(1)) == list(SETTINGS.objection.requirements)
    for word in ("书面", "真实姓名", "公章"):
        assert word in rules.group(1)
    assert '<td data-label="状态">公示中</td>' in page


def test_after_publication_the_publicity_stays_in_the_archive_with_its_period_and_list(repo_root: Path) -> None:
    files = files_on(repo_root, "2020-11-10")
    page, archived = str(files["publicity.md"]), str(files["publicity/2020-1.md"])
    assert "目前没有正在进行的公示" in page
    assert re.search(
        r'<a href="2020-1/">第一批（示例数据）</a></td><td data-label="公示期">2020-10-13 至 2020-10-19', page
    )
    assert "名单已于 2020-10-30 发布" in page
    decision = record("decision.yaml")
    approved = decision["approved"]
    assert isinstance(approved, list)
    assert len(re.findall(r'<a href="\.\./\.\./list/2020-1/[a-z-]+-[0-9]{3}/">', archived)) == len(approved)
    assert "公示期：2020-10-13 至 2020-10-19" in archived and "异议须知" not in archived
    assert str(record("publication.yaml")["document"]) in archived


def test_every_publicity_so_far_is_in_the_archive_newest_first() -> None:
    first = open_repository(ROOT).batches["2020-1"]
    second = dataclasses.replace(first, id="2021-1", name="第二批")
    past = Publicity(first, dt.date(2020, 10, 13), dt.date(2020, 10, 19), (), (), ended=True, listed=True)
    now = Publicity(second, dt.date(2021, 10, 12), dt.date(2021, 10, 18), (), (), ended=False)
    site = Site((), (first, second), (), dt.date(2021, 10, 13), publicity=(past, now))
    page = publicity_page(site, SETTINGS.objection)
    archive = page.split("## 历次公示", 1)[1]
    assert re.findall(r'<a href="([0-9-]+)/">', archive) == ["2021-1", "2020-1"]
    assert "## 第二批" in page and "## 第一批" not in page  # only the running one in full


def test_the_list_names_its_publication_date_and_the_decisions_and_publications_numbers(repo_root: Path) -> None:
    listing = str(files_on(repo_root, "2020-11-10")["list/index.md"])
    publication, decision = record("publication.yaml"), record("decision.yaml")
    assert f"<dt>发布日期</dt><dd>{publication['date']}</dd>" in listing
    assert f"<dt>发布文号</dt><dd>{publication['document']}</dd>" in listing
    assert f"<dt>决定文号</dt><dd>{decision['document']}，{decision['date']}</dd>" in listing
    assert '<a href="../publicity/2020-1/">' in listing


def test_a_wrong_closing_time_stops_the_build_at_its_line(tmp_path: Path) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text.replace('closing_time: "17:30"', 'closing_time: "5:30 pm"'), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "closing_time:" in row)
    block = {**yaml.safe_load(_objection_block(text)), "closing_time": "5:30 pm"}
    with pytest.raises(ConfigError) as raised:
        objection_rules(config, block)
    assert str(raised.value).startswith(
        f"{config}:{line}:5: extra.objection.closing_time 「异议截止时间」的值 “5:30 pm” 格式不对"
    )


def test_a_config_without_objection_rules_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"缺少 extra\.objection"):
        objection_rules(tmp_path / "mkdocs.yml", None)


def _objection_block(text: str) -> str:
    lines = text.splitlines()
    start = lines.index("  objection:")
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line[4:])
    return "\n".join(block)
