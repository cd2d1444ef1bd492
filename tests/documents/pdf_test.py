"""LibreOffice conversions: the forms' Chinese fonts print as Debian's Noto CJK SC faces.

宋体 and 黑体 are not installed on Debian. Without a mapping LibreOffice substitutes the
first face of the Noto CJK collection, the Japanese one; with office.py's fontconfig
file it prints the simplified-Chinese face. The proof is pixel for pixel: 骨 has
different glyph forms in Japanese and Chinese.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from accel666.documents.pdf import convert
from accel666.errors import FatalError

GLYPH = "骨"  # the inner stroke of its top part turns the other way in Japanese


def one_glyph(path: Path, font: str) -> Path:
    document = docx.Document()
    run = document.add_paragraph().add_run(GLYPH)
    run.font.size = Pt(72)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    document.save(str(path))
    return path


def pixels(pdf: Path) -> bytes:
    """The top left of the first page, grey, as raw bytes."""
    done = subprocess.run(
        ["pdftoppm", "-r", "100", "-gray", "-singlefile", "-x", "0", "-y", "0", "-W", "400", "-H", "300", str(pdf)],
        capture_output=True,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("glyphs")
    fonts = {
        "sc": "Noto Sans CJK SC",
        "jp": "Noto Sans CJK JP",
        "heiti": "黑体",
        "songti": "宋体",
        "serif": "Noto Serif CJK SC",
    }
    sources = [one_glyph(folder / f"{name}.docx", font) for name, font in fonts.items()]
    return {path.stem: pixels(path) for path in convert(sources, "pdf", folder / "pdf")}


def test_heiti_prints_as_noto_sans_cjk_sc_not_the_japanese_face(printed: dict[str, bytes]) -> None:
    assert printed["heiti"] == printed["sc"]
    assert printed["sc"] != printed["jp"]


def test_songti_prints_as_noto_serif_cjk_sc(printed: dict[str, bytes]) -> None:
    assert printed["songti"] == printed["serif"]
    assert printed["serif"] != printed["sc"]


def test_a_failed_conversion_is_a_chinese_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "gone.pdf").write_bytes(b"an old result")  # must not pass for a new one
    with pytest.raises(FatalError, match=r"LibreOffice 转换失败.*gone\.pdf"):
        convert([tmp_path / "gone.docx"], "pdf", tmp_path / "out")
