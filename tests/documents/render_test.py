"""`accel666 render`: the filled application form for the paper copies, as Word and as PDF.

A rendered form carries every value of its file in its body (the notice's form, then
the fields it has no place for), and every page's footer names the application and
the Git blob id Git stores for the file, so a printed copy leads back to its commit.
Only files that pass the validator are printed. The PDF is LibreOffice's rendering of
the same Word file, with the Chinese text intact.
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
from accel666.documents.export import form_docx
from accel666.documents.pdf import convert
from accel666.documents.render import blob_id
from accel666.repository import open_repository
from accel666.vocabulary import CATEGORY_TITLES
from builders import ROOT, SAMPLES, SampleRepo, copy_samples, loaded_data, position_of

RENDERED = ["service-center", "cloud-base", "backbone", "backbone-route2", "demo"]  # every category and variant
FOOTER = re.compile(r"申报编号：(\S+)　文件版本：([0-9a-f]+)　第 ")
CJK = re.compile("[\u4e00-\u9fff]")


def render(repo: SampleRepo, name: str, output: Path, *extra: str) -> int:
    return main(["render", str(repo.path(SAMPLES[name])), "-o", str(output), *extra])


def body_text(made: bytes) -> str:
    """The body of a .docx, paragraphs and table cells (not the footer), white space removed."""
    document = docx.Document(io.BytesIO(made))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", "", "".join(parts))


def footers(made: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(made))
    return [p.text for section in document.sections for p in section.footer.paragraphs if p.text]


def leaves(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """(JSON pointer, value) of every non-empty scalar of an application."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, f"{pointer}/{index}")
    elif node is not None and node != "":
        yield pointer, node


def on_paper(pointer: str, value: Any, data: dict[str, Any], regions: dict[str, str]) -> str:
    """How a value reads on the printed form, white space removed."""
    if isinstance(value, bool):
        return "☑是" if value else "☑否"  # ticked among the notice's check boxes
    if pointer == "/category":
        return CATEGORY_TITLES[value]  # people read the category's title, not the file's id
    if pointer == "/region" and data["category"] == "demo-enterprise":
        return regions[value]  # 附件3's 地区 column names the region
    return re.sub(r"\s+", "", str(value))


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit_all(root: Path, *config: str) -> str:
    """Make `root` a Git repository (with `config` set before anything is added) holding every file; the commit."""
    git(root, "init", "-q")
    for setting in config:
        git(root, "config", *setting.split("=", 1))
    git(root, "add", ".")
    git(root, "-c", "user.name=测试", "-c", "user.email=t@example.com", "commit", "-q", "-m", "申报")
    return git(root, "rev-parse", "HEAD")


def version_in(made: bytes) -> str:
    found = FOOTER.match(footers(made)[0])
    assert found is not None, footers(made)
    return found.group(2)


# -- Word ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RENDERED)
def test_the_body_of_a_rendered_form_shows_every_non_empty_value_of_its_file(
    name: str, sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the form and its registration table, not only in the footer (which holds region, category and code)."""
    output = tmp_path / "form.docx"
    assert render(sample_repo, name, output) == 0
    assert "已生成" in capsys.readouterr().out
    data = loaded_data(sample_repo.path(SAMPLES[name]).read_bytes(), "x")
    regions = {code: region.name for code, region in open_repository(sample_repo.root).regions.items()}
    body = body_text(output.read_bytes())
    values = {pointer: on_paper(pointer, value, data, regions) for pointer, value in leaves(data)}
    assert len(values) >= 10
    assert {pointer: text for pointer, text in values.items() if text not in body} == {}


@pytest.mark.parametrize("name", ["service-center", "backbone", "demo"])
def test_the_registration_table_names_the_category_by_its_chinese_title(
    name: str, sample_repo: SampleRepo, tmp_path: Path
) -> None:
    assert render(sample_repo, name, tmp_path / "form.docx") == 0
    document = docx.Document(str(tmp_path / "form.docx"))
    registration = {row.cells[0].text: row.cells[1].text for row in document.tables[-1].rows}
    category = loaded_data(sample_repo.path(SAMPLES[name]).read_bytes(), "x")["category"]
    assert registration["申报类别"] == CATEGORY_TITLES[category]
    assert category not in body_text((tmp_path / "form.docx").read_bytes())  # the id only in the footer


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
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As render.py tells a person checking a paper copy: git accepts the footer's 12 digits."""
    commit = commit_all(sample_repo.root)
    assert render(sample_repo, "backbone", tmp_path / "form.docx") == 0
    assert "警告" not in capsys.readouterr().err  # committed: nothing to warn about
    version = version_in((tmp_path / "form.docx").read_bytes())
    assert len(version) == 12
    assert git(sample_repo.root, "log", "--all", "--format=%H", f"--find-object={version}") == commit


def test_a_crlf_working_copy_prints_the_version_git_stores_not_the_hash_of_its_bytes(
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """core.autocrlf=true (Git for Windows' default): the working copy has CRLF, the commit LF."""
    commit_all(sample_repo.root, "core.autocrlf=true")
    sample_repo.path(SAMPLES["backbone"]).unlink()
    git(sample_repo.root, "checkout", "--", SAMPLES["backbone"])  # written again, now with CRLF
    raw = sample_repo.path(SAMPLES["backbone"]).read_bytes()
    assert b"\r\n" in raw
    stored = git(sample_repo.root, "ls-tree", "HEAD", SAMPLES["backbone"]).split()[2]
    assert blob_id(raw) != stored  # the bytes on disk are not what the commit holds
    assert render(sample_repo, "backbone", tmp_path / "form.docx") == 0
    assert version_in((tmp_path / "form.docx").read_bytes()) == stored[:12]
    assert "警告" not in capsys.readouterr().err  # the same content as HEAD's, only other line ends


def test_an_uncommitted_edit_prints_but_warns_that_its_version_is_in_no_commit(
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit_all(sample_repo.root)
    sample_repo.replace(SAMPLES["demo"], "contract_amount: 1280", "contract_amount: 1290")
    output = tmp_path / "form.docx"
    assert render(sample_repo, "demo", output) == 0
    captured = capsys.readouterr()
    assert "已生成" in captured.out
    version = version_in(output.read_bytes())
    assert f"警告：{SAMPLES['demo']} 与最近一次提交（HEAD）中的内容不同" in captured.err
    assert f"文件版本 {version} 还不在任何提交中" in captured.err
    assert "请在提交（git commit）之后再打印" in captured.err
    search = ["git", "log", "--all", "--format=%H", f"--find-object={version}"]
    found = subprocess.run(search, cwd=sample_repo.root, capture_output=True, text=True, check=False)
    assert found.stdout == ""  # no commit (git cannot even resolve the id): the paper would lead nowhere


def test_without_git_the_version_is_the_blob_id_of_the_bytes_and_render_still_works(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commit_all(sample_repo.root)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no git (and no LibreOffice: Word needs none)
    assert render(sample_repo, "demo", tmp_path / "form.docx") == 0
    raw = sample_repo.path(SAMPLES["demo"]).read_bytes()
    assert version_in((tmp_path / "form.docx").read_bytes()) == blob_id(raw)[:12]
    assert "警告" not in capsys.readouterr().err  # nothing to compare with: no claim either way


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
    assert "1290" in body_text(changed.read_bytes())


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
    data = loaded_data(sample_repo.path(SAMPLES[name]).read_bytes(), "x")
    blank = labels(docx.Document(io.BytesIO(form_docx(data["category"], variant=data.get("variant")))))
    assert render(sample_repo, name, tmp_path / "form.docx") == 0
    filled = labels(docx.Document(str(tmp_path / "form.docx")))
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
    data = loaded_data((ROOT / SAMPLES[name]).read_bytes(), "x")
    unit = (data.get("applicant") or data["enterprise"])["name"]
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


def code_lines(pdf: Path, page: int) -> list[str]:
    """The lines of a PDF page (as laid out) that hold a 统一社会信用代码, the footer left out."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if "913201" in line and "申报编号" not in line]


def test_the_code_in_annex2s_basic_information_prints_on_one_line(pdfs: dict[str, Path]) -> None:
    (line,) = code_lines(pdfs["backbone"], 2)
    assert Path(SAMPLES["backbone"]).stem in line


def test_even_a_code_of_wide_letters_fits_its_cell_on_one_line(tmp_path: Path) -> None:
    """Some codes end in a run of letters (…MA…); W and M are the widest Latin capitals."""
    data = loaded_data((ROOT / SAMPLES["backbone"]).read_bytes(), "x")
    data["applicant"]["uscc"] = "91320106MAWWWWWWWM"  # a shape, not a valid code: this is about paper
    source = tmp_path / "wide.docx"
    source.write_bytes(form_docx("backbone", data=data))
    (pdf,) = convert([source], "pdf", tmp_path / "pdf")
    (line,) = code_lines(pdf, 2)
    assert "91320106MAWWWWWWWM" in line


def test_a_pdf_page_renders_to_png(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """The image was looked at when this test was written: Chinese glyphs, no boxes (see pdf_test for the forms)."""
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2", str(pdfs["backbone"]), str(tmp_path / "p")], check=True
    )
    (image,) = tmp_path.glob("p*.png")
    assert image.read_bytes().startswith(b"\x89PNG")
    assert image.stat().st_size > 10_000  # a page with text, not a blank one


def test_without_libreoffice_pdf_is_refused_naming_the_debian_packages_and_the_word_way(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An applicant is told what to install, and that Word needs none of it; not about the test suite."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    output = tmp_path / "form.pdf"
    assert render(sample_repo, "demo", output) == 1
    err = capsys.readouterr().err
    assert "apt-get install libreoffice-writer-nogui fonts-noto-cjk（Debian 软件包）" in err
    assert f"也可以生成 Word 文件：accel666 render {sample_repo.path(SAMPLES['demo'])} --to docx" in err
    assert "make test" not in err
    assert "Traceback" not in err
    assert not output.exists()
    assert render(sample_repo, "demo", tmp_path / "form.docx") == 0  # as the message says


def test_the_format_follows_the_output_name_and_a_mismatch_is_refused(
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert render(sample_repo, "demo", tmp_path / "form.pdf", "--to", "docx") == 2
    assert "扩展名不一致" in capsys.readouterr().err


def test_an_output_name_of_another_type_is_refused_but_a_folder_of_any_name_takes_the_form(
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert render(sample_repo, "demo", tmp_path / "form.txt") == 2
    err = capsys.readouterr().err
    assert f"无法生成 {tmp_path / 'form.txt'}：输出文件的扩展名应为 .docx（Word）或 .pdf" in err
    assert not (tmp_path / "form.txt").exists()
    folder = tmp_path / "打印.2020"
    folder.mkdir()
    assert render(sample_repo, "demo", folder) == 0
    assert [path.name for path in folder.iterdir()] == [f"{Path(SAMPLES['demo']).stem}.docx"]


def test_an_output_name_without_extension_gets_the_formats(
    sample_repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert render(sample_repo, "demo", tmp_path / "申报表") == 0
    assert not (tmp_path / "申报表").exists()
    assert body_text((tmp_path / "申报表.docx").read_bytes())  # a Word document
    assert f"已生成 {tmp_path / '申报表.docx'}" in capsys.readouterr().out
