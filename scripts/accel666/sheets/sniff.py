"""What a file really is, from its first bytes and its contents, whatever its name says.

A 附件3 sheet comes from many hands: an Excel 97-2003 .xls (still the usual format in
government offices), a WPS .et, a LibreOffice .ods, a CSV, or a Word document or PDF
someone renamed. The import reads a spreadsheet by what it is, and names the real
format of anything else, so the user knows which file they sent:

- a compound file (OLE2/CFB, D0 CF 11 E0…) is told apart by its streams' names
  (stored in UTF-16 in its directory): Workbook/Book (an .xls or a WPS .et),
  EncryptedPackage (a workbook with an opening password), WordDocument (a .doc);
- a zip archive by its members: xl/workbook.xml (.xlsx), word/document.xml (.docx),
  ppt/ (.pptx), or its `mimetype` member (OpenDocument .ods, .odt…);
- %PDF; HTML (what web systems export as “.xls”) and XML; other text (UTF-8,
  UTF-16 with its mark or clearly without it, GB18030 and so GBK) as CSV.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from accel666.repair import encoding

OLE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP = b"PK\x03\x04"
SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls", ".et"), "ods": (".ods",), "csv": (".csv", ".txt")}
NAMES = {
    "xlsx": "Excel 工作簿（.xlsx）",
    "xls": "Excel 97-2003 工作簿（.xls）",
    "ods": "OpenDocument 电子表格（.ods）",
    "csv": "CSV 文本文件",
    "encrypted": "设置了打开密码（已加密）的工作簿",
    "doc": "Word 97-2003 文档（.doc）",
    "docx": "Word 文档（.docx）",
    "odt": "OpenDocument 文本文档（.odt）",
    "pptx": "PowerPoint 演示文稿（.pptx）",
    "ppt": "PowerPoint 97-2003 演示文稿（.ppt）",
    "pdf": "PDF 文件",
    "html": "网页文件（HTML，常见于网上系统导出的“Excel”表格）",
    "xml": "XML 文件（如 Excel 2003 XML 表格）",
    "zip": "zip 压缩包（其中没有工作簿）",
    "cfb": "不是工作簿的 Office 97-2003 复合文档",
    "binary": "无法识别的二进制文件",
    "empty": "空文件",
}
_STREAMS = (("EncryptedPackage", "encrypted"), ("Workbook", "xls"), ("Book", "xls"), ("WordDocument", "doc"))
_MIMETYPES = {
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.text": "odt",
}
_MEMBERS = (("xl/workbook.xml", "xlsx"), ("word/document.xml", "docx"), ("ppt/presentation.xml", "pptx"))
_TEXT_HEAD = 4096  # how much of a text file is looked at to tell what it is


def sniff(path: Path, content: bytes) -> str:
    """The file's real format: a key of NAMES."""
    if not content:
        return "empty"
    if content.startswith(OLE):
        return _compound(content)
    if content.startswith(ZIP):
        return _archive(path)
    if content.startswith(b"%PDF"):
        return "pdf"
    text = decode(content[:_TEXT_HEAD])
    if text is None and len(content) > _TEXT_HEAD:  # cut inside a character: judge by the whole
        text = decode(content)
    if text is None:
        return "binary"
    return _markup(text) or "csv"


def _markup(text: str) -> str | None:
    """HTML or XML saved under a spreadsheet's name (web systems export “.xls” files that are HTML tables)."""
    head = text.lstrip("\ufeff \t\r\n")[:_TEXT_HEAD].lower()
    if head.startswith("<?xml"):
        return "html" if "<html" in head else "xml"
    if head.startswith("<") and any(tag in head for tag in ("<html", "<table", "<!doctype html")):
        return "html"
    return None


def _compound(content: bytes) -> str:
    """A compound file by its streams: their names sit in its directory in UTF-16."""
    for stream, kind in _STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in content:
            return kind
    return "ppt" if "PowerPoint Document".encode("utf-16-le") in content else "cfb"


def _archive(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return _MIMETYPES.get(mimetype, "zip")
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return "binary"  # a damaged archive
    return next((kind for member, kind in _MEMBERS if member in names), "zip")


def decode(content: bytes) -> str | None:
    """The text of a text file (UTF-8 with or without its mark, UTF-16, GB18030/GBK), or None."""
    decoded = encoding.decode(content)
    return decoded.text if decoded else None
