"""What a text file was saved as: UTF-8 (with or without its mark), UTF-16, or GB18030/GBK.

Windows tools save Chinese text as GBK (Notepad before 2019, Excel's “CSV”) or UTF-16
(Notepad's “Unicode”, PowerShell 5's redirection). The 附件3 import reads such CSV files
and `accel666 fix` converts such YAML files to UTF-8; the loader names the encoding when
it refuses one. GB18030 is a superset of GBK and GB2312, so one decoder reads all three.
"""

from __future__ import annotations

from dataclasses import dataclass

_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "gb18030": "GBK/GB18030"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a key of NAMES

    @property
    def name(self) -> str:
        return NAMES[self.encoding]


def decode(content: bytes) -> Decoded | None:
    """The text of a text file and its encoding, or None when it is none of those (a binary file)."""
    for encoding in _candidates(content):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return Decoded(text.removeprefix("\ufeff"), "utf-8" if encoding == "utf-8-sig" else encoding)
    return None


def _candidates(content: bytes) -> tuple[str, ...]:
    """UTF-16 by its byte-order mark only (Windows always writes it): a NUL byte otherwise means a binary file."""
    if content[:2] in _BOMS:
        return (_BOMS[content[:2]],)
    return () if b"\x00" in content else ("utf-8-sig", "gb18030")
