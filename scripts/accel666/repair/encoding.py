"""What a text file was saved as: UTF-8 (with or without its mark), UTF-16, or GB18030/GBK.

Windows tools save Chinese text as GBK (Notepad before 2019, Excel's “CSV”) or UTF-16
(Notepad's “Unicode”, PowerShell 5's redirection). The 附件3 import reads such CSV files
and `accel666 fix` converts such YAML files to UTF-8; the loader names the encoding when
it refuses one. GB18030 is a superset of GBK and GB2312, so one decoder reads all three.

UTF-16 is known by its byte-order mark, or without one (a program's export, a file cut
from a longer one) when it is clearly UTF-16: an even length and a NUL byte in every other
position of most characters (`_UTF16_SHARE`), as the ASCII of YAML keys, CSV commas and
line ends gives in UTF-16, and none in the other positions but rarely (a Chinese character
U+4E00 has one). Such text is handled as UTF-16 with its mark is; any other NUL byte
means a binary file.
"""

from __future__ import annotations

from dataclasses import dataclass

_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
_UTF16_SHARE = 0.25  # at least this share of the characters have a NUL byte (ASCII in UTF-16)
_UTF16_HEAD = 4096  # how many bytes are counted
NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "gb18030": "GBK/GB18030"}
_KEYS = {"utf-8-sig": "utf-8", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}


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
        if "\x00" in text:  # NUL characters: not text after all
            return None
        return Decoded(text.removeprefix("\ufeff"), _KEYS.get(encoding, encoding))
    return None


def _candidates(content: bytes) -> tuple[str, ...]:
    """UTF-16 by its byte-order mark, or clearly UTF-16 without it; any other NUL byte means a binary file."""
    if content[:2] in _BOMS:
        return (_BOMS[content[:2]],)
    if b"\x00" not in content:
        return ("utf-8-sig", "gb18030")
    order = utf16_order(content)
    return (order,) if order else ()


def utf16_order(content: bytes) -> str | None:
    """The byte order of text that is clearly UTF-16 without its mark ("utf-16-le" or "utf-16-be"), else None.

    Counted over the first bytes: NULs in one position of each pair for at least a quarter of
    the characters, and in the other position at most a tenth as often.
    """
    if len(content) % 2 or content[:2] in _BOMS:
        return None
    head = content[:_UTF16_HEAD]
    pairs = len(head) // 2
    high, low = head[1::2].count(0), head[0::2].count(0)  # NULs after (LE) and before (BE) each ASCII byte
    for order, ascii_nuls, other in (("utf-16-le", high, low), ("utf-16-be", low, high)):
        if ascii_nuls and ascii_nuls >= pairs * _UTF16_SHARE and other * 10 <= ascii_nuls:
            return order
    return None
