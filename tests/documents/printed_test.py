"""The forms as they print: LibreOffice's PDF of the Word files, read page by page with pdftotext.

A cover stays one page however far its lines wrap, no page is blank or nearly so, a table
that runs over pages repeats what labels it (附件3's header, a long row's label), and the
labels are the notice's.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from accel666.documents.export import form_docx
from accel666.documents.pdf import convert
from builders import ROOT, SAMPLES, loaded_data

CJK = re.compile("[\u4e00-\u9fff]")
ISSUER = "江苏省工信厅编制"
LONG_NAME = "（示例）苏州市吴江区汾湖高新技术产业开发区长三角生态绿色一体化发展示范区工业互联网云服务中心"
LONG_ADDRESS = "苏州市吴江区黎里镇汾湖高新技术产业开发区康力大道888号长三角一体化示范区创新中心A座1808室"
# Texts well over a page: numbered paragraphs of the notice's own words.
PROSE = "".join(CJK.findall((ROOT / "docs" / "index.md").read_text(encoding="utf-8")))
PARAGRAPHS = [f"（第{n}段）{PROSE[n * 97 % 1200 :][:300]}" for n in range(1, 16)]


def application(name: str) -> Any:
    return loaded_data((ROOT / SAMPLES[name]).read_bytes(), SAMPLES[name])


def pages(pdf: Path) -> list[str]:
    """Each page's text, white space removed."""
    count = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    return [
        re.sub(r"\s+", "", _run("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-")) for n in range(1, count + 1)
    ]


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def forms() -> dict[str, bytes]:
    wrapped = {**application("service-center"), "project_name": LONG_NAME, "address": LONG_ADDRESS}
    long_narrative = {
        **application("service-center"),
        "narratives": {
            **application("service-center")["narratives"],
            "applicant_overview": "\n\n".join(PARAGRAPHS),
        },
    }
    long_row = {
        **application("demo"),
        "summary": "\n\n".join(PROSE[start : start + 500] for start in range(0, 3000, 500)),
    }
    return {
        "blank-1": form_docx("cloud-center"),
        "blank-2": form_docx("backbone"),
        "blank-3": form_docx("demo-enterprise"),
        "filled-1": form_docx("cloud-center", data=application("service-center")),
        "filled-1-base": form_docx("cloud-center", data=application("cloud-base")),
        "filled-2": form_docx("backbone", data=application("backbone")),
        "filled-3": form_docx("demo-enterprise", data=application("demo")),
        "wrapped-cover": form_docx("cloud-center", data=wrapped),
        "long-narrative": form_docx("cloud-center", data=long_narrative),
        "long-row-3": form_docx("demo-enterprise", data=long_row),
    }


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("printed")
    sources = []
    for name, made in forms().items():
        sources.append(folder / f"{name}.docx")
        sources[-1].write_bytes(made)
    return {path.stem: pages(path) for path in convert(sources, "pdf", folder / "pdf")}


def test_a_cover_whose_lines_wrap_still_prints_on_one_page_with_its_issuer(printed: dict[str, list[str]]) -> None:
    cover, second, *_ = printed["wrapped-cover"]
    assert LONG_NAME in cover and re.sub(r"\s+", "", LONG_ADDRESS) in cover
    assert ISSUER in cover
    assert second.startswith("申报表类型：云服务中心")


@pytest.mark.parametrize("name", [*forms()])
def test_no_page_is_blank_or_nearly_so(name: str, printed: dict[str, list[str]]) -> None:
    assert [len(CJK.findall(page)) for page in printed[name] if len(CJK.findall(page)) < 40] == []


@pytest.mark.parametrize("name", ["blank-1", "blank-2", "filled-1", "filled-2", "wrapped-cover"])
def test_the_issuer_prints_on_the_cover_only(name: str, printed: dict[str, list[str]]) -> None:
    assert [ISSUER in page for page in printed[name]] == [True] + [False] * (len(printed[name]) - 1)


def test_the_annex3_header_repeats_on_every_page(printed: dict[str, list[str]]) -> None:
    sheets = printed["long-row-3"]
    assert len(sheets) >= 2
    for page in sheets:
        for label in ("序号", "地区", "企业名称", "项目情况简介", "项目合同金额", "实施企业联系人及电话"):
            assert label in page


def test_a_row_running_over_pages_repeats_its_label_on_each(printed: dict[str, list[str]]) -> None:
    over = [page for page in printed["long-narrative"] if re.search("（第[0-9]+段）", page)]
    assert len(over) >= 3
    assert all("申报单位概况" in page for page in over)


def test_annex1s_contact_row_is_labelled_as_in_the_notice(printed: dict[str, list[str]]) -> None:
    table = printed["filled-1"][1]
    assert "联系人" in table and "电话" in table and "手机" not in table
