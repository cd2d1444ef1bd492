"""What a file really is, whatever its name (sheets/sniff.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from accel666.sheets.sniff import decode, sniff

OLE = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


def opendocument(path: Path, mimetype: str) -> bytes:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return path.read_bytes()


def test_office_files_are_told_apart_by_their_members(tmp_path: Path) -> None:
    openpyxl.Workbook().save(tmp_path / "a.xlsx")
    docx.Document().save(str(tmp_path / "a.docx"))
    assert sniff(tmp_path / "a.xlsx", (tmp_path / "a.xlsx").read_bytes()) == "xlsx"
    assert sniff(tmp_path / "a.docx", (tmp_path / "a.docx").read_bytes()) == "docx"
    ods = opendocument(tmp_path / "a.ods", "application/vnd.oasis.opendocument.spreadsheet")
    assert sniff(tmp_path / "a.ods", ods) == "ods"
    odt = opendocument(tmp_path / "b.xlsx", "application/vnd.oasis.opendocument.text")
    assert sniff(tmp_path / "b.xlsx", odt) == "odt"


@pytest.mark.parametrize(
    ("stream", "kind"),
    [
        ("Workbook", "xls"),
        ("Book", "xls"),
        ("EncryptedPackage", "encrypted"),
        ("WordDocument", "doc"),
        ("Other", "cfb"),
    ],
)
def test_a_compound_file_is_told_apart_by_its_streams(stream: str, kind: str, tmp_path: Path) -> None:
    assert sniff(tmp_path / "a.xls", OLE + stream.encode("utf-16-le") + bytes(2)) == kind


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"", "empty"),
        (b"%PDF-1.4\n", "pdf"),
        ("序号,地区\n".encode("gbk"), "csv"),
        (bytes(range(256)), "binary"),
        ("\ufeff<html><body><table><tr><td>地区</td></tr></table>".encode(), "html"),  # a web system's “.xls”
        (b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', "xml"),
    ],
)
def test_pdf_text_and_binary_are_named(content: bytes, kind: str, tmp_path: Path) -> None:
    assert sniff(tmp_path / "a.xlsx", content) == kind


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"])
def test_text_is_decoded_in_the_encodings_chinese_offices_save(encoding: str) -> None:
    text = "序号,地区,企业名称\n1,南京市,示例公司\n"
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 4,  # every byte value, NULs among them
        b"PK" + bytes(10) + "附件3".encode("utf-16-le"),  # NULs, but not in every other byte
        "category,name\n".encode("utf-16-le") + b"\x00",  # an odd length: no UTF-16
    ],
    ids=["all-bytes", "some-nuls", "odd-length"],
)
def test_bytes_with_nuls_that_are_not_clearly_utf16_are_binary(content: bytes, tmp_path: Path) -> None:
    assert decode(content) is None
