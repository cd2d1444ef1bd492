"""`accel666 render`: the filled application form for the paper copies, as Word and as PDF.

A rendered form carries every value of its file (the notice's form, then the fields
it has no place for), and every page's footer names the application and the file's
Git blob id, so a printed copy leads back to its commit. Only files that pass the
validator are printed. The PDF is LibreOffice's rendering of the same Word file, with
the Chinese text intact.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest

from accel666.cli import main
from accel666.export import form_docx
from accel666.load import load_document
from accel666.render import blob_id
from builders import ROOT, SAMPLES, SampleRepo, copy_samples, position_of

RENDERED = ["service-center", "cloud-base", "backbone", "backbone-route2", "demo"]  # every category and variant
FOOTER = re.compile(r"申报编号：(\S+)　文件版本：([0-9a-f]+)　第 ")
CJK = re.compile("[\u4e00-\u9fff]")


def render(repo: SampleRepo, name: str, output: Path, *extra: str) -> int:
    return main(["render", str(repo.path(SAMPLES[name])), "-o", str(output), *extra])


def all_text(made: bytes) -> str:
    """Paragraphs, table cells and footers of a .docx, white space removed."""
    document = docx.Document(io.BytesIO(made))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [paragraph.text for section in document.sections for paragraph in section.footer.paragraphs]
    return re.sub(r"\s+", "", "".join(parts))


def footers(made: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(made))
    return [p.text for section in document.sections for p in section.footer.paragraphs if p.text]


def scalars(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for value in node.values():
            yield from scalars(value)
    elif isinstance(node, list):
        for value in node:
            yield from scalars(value)
    elif node is not None and node != "":
        yield node


def printed(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"  # ticked among the notice's check boxes
    return re.sub(r"\s+", "", str(value))


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout.strip()


# -- Word ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RENDERED)
def test_a_rendered_form_opens_and_shows_every_non_empty_value_of_its_file(
    name: str, sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "form.docx"
    assert render(sample_repo, name, output) == 0
    assert "已生成" in capsys.readouterr().out
    data = load_document(sample_repo.path(SAMPLES[name]).read_bytes(), "x").data
    text = all_text(output.read_bytes())
    values = [printed(value) for value in scalars(data)]
    assert len(values) >= 10
    assert not [value for value in values if value not in text]


@pytest.mark.parametrize("name", RENDERED)
def test_the_footer_names_the_application_and_the_files_git_blob_id(
    name: str, sample_repo: SampleRepo, tmp_path: Path
) -> None:
    output = tmp_path / "form.docx"
    assert render(sample_repo, name, output) == 0
    (footer,) = footers(output.read_bytes())
    found = FOOTER.match(footer)
    assert found is not None, footer
    application, version = found.groups()
    assert f"submissions/{application}.yaml" == SAMPLES[name]
    hashed = git(sample_repo.root, "hash-object", SAMPLES[name])  # Git itself is the oracle
    assert len(version) == 12
    assert hashed.startswith(version)
    assert blob_id(sample_repo.path(SAMPLES[name]).read_bytes()) == hashed


def test_the_version_in_the_footer_finds_the_commit_that_added_the_file(
    sample_repo: SampleRepo, tmp_path: Path
) -> None:
    root = sample_repo.root
    git(root, "init", "-q")
    git(root, "-c", "user.name=测试", "-c", "user.email=t@example.com", "add", ".")
    git(root, "-c", "user.name=测试", "-c", "user.email=t@example.com", "commit", "-q", "-m", "申报")
    commit = git(root, "rev-parse", "HEAD")
    assert render(sample_repo, "backbone", tmp_path / "form.docx") == 0
    found = FOOTER.match(footers((tmp_path / "form.docx").read_bytes())[0])
    assert found is not None
    assert git(root, "log", "--format=%H", f"--find-object={found.group(2)}") == commit


def test_a_changed_file_prints_another_version_and_the_same_file_the_same_bytes(
    sample_repo: SampleRepo, tmp_path: Path
) -> None:
    first, again, changed = tmp_path / "1.docx", tmp_path / "2.docx", tmp_path / "3.docx"
    assert render(sample_repo, "demo", first) == 0
    assert render(sample_repo, "demo", again) == 0
    assert first.read_bytes() == again.read_bytes()
    sample_repo.replace(SAMPLES["demo"], "contract_amount: 1280", "contract_amount: 1290")
    assert render(sample_repo, "demo", changed) == 0
    assert footers(changed.read_bytes()) != footers(first.read_bytes())
    assert "1290" in all_text(changed.read_bytes())


def labels(document: Any) -> list[list[str]]:
    """The label cells (bold) of each table."""
    return [
        [
            cell.text
            for row in table.rows
            for cell in row.cells
            if (runs := [run for paragraph in cell.paragraphs for run in paragraph.runs]) and all(r.bold for r in runs)
        ]
        for table in document.tables
    ]


@pytest.mark.parametrize("name", ["service-center", "cloud-base", "backbone", "demo"])
def test_the_filled_form_is_the_sites_blank_form_filled_in(name: str, sample_repo: SampleRepo, tmp_path: Path) -> None:
    """One layout: the printed form has the blank annex's tables with the same labels, then the registration."""
    data = load_document(sample_repo.path(SAMPLES[name]).read_bytes(), "x").data
    blank = labels(docx.Document(io.BytesIO(form_docx(data["category"], variant=data.get("variant")))))
    assert render(sample_repo, name, tmp_path / "form.docx") == 0
    filled = labels(docx.Document(tmp_path / "form.docx"))
    assert filled[: len(blank)] == blank
    assert len(filled) == len(blank) + 1  # 附：申报仓库登记信息


def test_an_invalid_application_is_refused_with_the_validators_findings_and_nothing_printed(
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sample_repo.replace(SAMPLES["demo"], '"13800000041"', '"1380000004"')
    line, column = position_of(text, '"1380000004"')
    output = tmp_path / "form.docx"
    assert render(sample_repo, "demo", output) == 1
    err = capsys.readouterr().err
    assert f"{SAMPLES['demo']}:{line}:{column}: PHONE-FORMAT " in err
    assert "未生成申报表" in err
    assert not output.exists()


def test_a_file_outside_the_submissions_layout_is_refused_in_chinese(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = sample_repo.root / "draft.yaml"
    draft.write_bytes(sample_repo.path(SAMPLES["demo"]).read_bytes())
    assert main(["render", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "只能打印" in err
    assert "Traceback" not in err


def test_several_files_go_into_one_folder_named_by_their_codes(
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(sample_repo.path(SAMPLES[name])) for name in ("demo", "backbone")]
    assert main(["render", *paths, "-o", str(tmp_path / "打印")]) == 0
    made = sorted(path.name for path in (tmp_path / "打印").iterdir())
    assert made == sorted(f"{Path(SAMPLES[name]).stem}.docx" for name in ("demo", "backbone"))
    assert capsys.readouterr().out.count("已生成") == 2


# -- PDF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every rendered sample as PDF, made in one LibreOffice run (`-o` a folder)."""
    root = tmp_path_factory.mktemp("pdf")
    repo = copy_samples(root / "repo")
    paths = [str(repo.path(SAMPLES[name])) for name in RENDERED]
    assert main(["render", *paths, "--to", "pdf", "-o", str(root / "out")]) == 0
    return {name: root / "out" / f"{Path(SAMPLES[name]).stem}.pdf" for name in RENDERED}


@pytest.mark.parametrize("name", RENDERED)
def test_the_pdf_text_extracts_with_the_chinese_intact(name: str, pdfs: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(pdfs[name])
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    data = load_document((ROOT / SAMPLES[name]).read_bytes(), "x").data
    unit = data.get("applicant", data.get("enterprise"))["name"]
    assert unit in text
    assert "申报编号：" in text
    assert Path(SAMPLES[name]).stem in text
    assert "\ufffd" not in text  # no character lost on the way
    assert len(CJK.findall(text)) > 100


def test_every_pdf_page_carries_the_footer_with_its_page_number(pdfs: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(pdfs["backbone"])
    assert len(reader.pages) >= 3
    for number, page in enumerate(reader.pages, start=1):
        text = re.sub(r"\s+", "", page.extract_text())
        assert f"第{number}页／共{len(reader.pages)}页" in text


def test_a_pdf_page_renders_to_png(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """The image was looked at when this test was written: Chinese glyphs, no boxes (see office_test for the forms)."""
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2", str(pdfs["backbone"]), str(tmp_path / "p")], check=True
    )
    (image,) = tmp_path.glob("p*.png")
    assert image.read_bytes().startswith(b"\x89PNG")
    assert image.stat().st_size > 10_000  # a page with text, not a blank one


def test_without_libreoffice_pdf_is_refused_naming_the_debian_package(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    output = tmp_path / "form.pdf"
    assert render(sample_repo, "demo", output) == 1
    err = capsys.readouterr().err
    assert "apt-get install libreoffice-writer-nogui" in err
    assert "Traceback" not in err
    assert not output.exists()


def test_the_format_follows_the_output_name_and_a_mismatch_is_refused(
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert render(sample_repo, "demo", tmp_path / "form.pdf", "--to", "docx") == 2
    assert "扩展名不一致" in capsys.readouterr().err
