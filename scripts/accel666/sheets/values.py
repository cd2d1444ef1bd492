"""Excel cells as application values, by the kind of field the schema says each is.

One cell, one field: `accel666.repair.values.value`, the reading `accel666 fix` gives a
YAML value too (numbers with 万元, commas or %; codes in full width or lower case, phones
with separators or +86; curly quotes and invisible formatting characters), so the
same typing gives the same value in a sheet and in a file. A date cell is written in
the field's own format (2020-07 where the field is a month). Whether a text may have
several lines is the schema's to say (TEXT-ONE-LINE).

A cell holding several values (附件3's “2020-07 至 2021-06”, “何示例　13800000041”)
is split by the kinds of its values: codes alone (two months) are read off the
numbers in order; a text then codes (a name then phones) is split before the
trailing digits, a mobile number written in groups (138 0000 0102) included, labels
(手机：, 电话, Tel) and brackets around a phone taken out, several phones each a phone
(more than the fields can hold: refused by the import, never left in the name); a
phone that is not one (“025-83001234转8001”) is still split off, from its first
digit, for the validator to refuse at its cell rather than call it missing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from typing import Any

from accel666.repair.values import code, kind, text, value
from accel666.repair.values import months as _months

_DIGITS = re.compile(r"[0-9]+")
_SEPARATORS = r"[\s,，、;；/／:：]*"
# A phone at the end of a text: digits (any width) with dashes or brackets, no spaces (a name may end in a
# digit); a country code before it goes with it (for the validator to refuse), not into the name.
_TRAILING_CODE = re.compile(
    _SEPARATORS + r"((?:[+＋]86[\s\-－]*)?[+＋]?[0-9０-９][0-9０-９\-－—()（）]*[0-9０-９])\s*$"
)
# A mobile number written in groups, 138 0000 0102: exactly 3-4-4 digits, so a name's own digit stays in the name.
_GROUPED_MOBILE = re.compile(_SEPARATORS + r"([1１][0-9０-９]{2}[ \u3000][0-9０-９]{4}[ \u3000][0-9０-９]{4})\s*$")
_FIRST_DIGIT = re.compile(r"[+＋]?[0-9０-９]")
_TRAILING_SEPARATORS = re.compile(_SEPARATORS + "$")
_MIN_PHONE_DIGITS = 5
_MIN_SEVERAL_DIGITS = 7  # each of several phones: a landline's own number at least
# Labels before a name (with its colon: 示例联系人 is a name) or a phone, taken out: 联系人：王五 手机：138…, Tel: 025-…
_LABEL = re.compile(
    r"(^\s*(?:联系人|姓名)\s*[:：]|联系电话|联系方式|手机号码|手机号|手机|移动电话|电话号码|办公电话|固定电话|固话|座机|电话|"
    r"(?<![A-Za-z])(?:tel|mobile|phone|mob)(?![A-Za-z]))[\s.:：]*",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"(.*?)\s*[（(]([^（）()]*)[）)]\s*")
_PHONE = re.compile(
    r"((?:[+＋]86[\s\-－]*)?[0-9０-９](?:[0-9０-９\-－—()（）]|[ \u3000](?=[0-9０-９]{4}(?![0-9０-９])))*[0-9０-９]"
    r"(?:转[0-9０-９]+)?)"
)
_ONLY_SEPARATORS = re.compile(_SEPARATORS)


def values(category: str, pointers: tuple[str, ...], cell: Any) -> list[Any]:
    """One cell holding the values of several fields."""
    if len(pointers) == 1:
        return [value(category, pointers[0], cell)]
    kinds = [kind(category, pointer) for pointer in pointers]
    if isinstance(cell, dt.date):
        return [value(category, pointers[0], cell), *("" for _ in pointers[1:])]
    typed = text(cell)
    if all(how == "code" for how in kinds):
        return _months(typed, len(pointers))
    if name_then_codes(category, pointers):
        name, phones = contact(typed)
        room = len(pointers) - 1  # more phones than fields: all in the last, for the import to refuse (cells.py)
        fitted = phones if len(phones) <= room else [*phones[: room - 1], "、".join(phones[room - 1 :])]
        fitted = [value(category, pointer, phone) for pointer, phone in zip(pointers[1:], fitted, strict=False)]
        return [name, *fitted, *("" for _ in range(room - len(fitted)))]
    return [typed, *("" for _ in pointers[1:])]


def name_then_codes(category: str, pointers: tuple[str, ...]) -> bool:
    """Whether a cell's values are a text then codes: a name and its phones (联系人及电话)."""
    kinds = [kind(category, pointer) for pointer in pointers]
    return kinds[0] == "text" and all(how == "code" for how in kinds[1:])


def contact(typed: str) -> tuple[str, list[str]]:
    """A name and its phones, each read as a phone (a mobile in groups without its spaces)."""
    name, phones = typed_contact(typed)
    return name, [_phone(phone) for phone in phones]


def typed_contact(typed: str) -> tuple[str, list[str]]:
    """A name and its phones as typed: labels (手机, 电话, Tel…) and brackets around a phone taken out, never left in the name.

    Several phones (何示例 13800000041 / 025-83000001) are each a phone; one is split off as
    `_text_then_code` does, a phone that is not one (025-83001234转8001) included.
    """
    text = _LABEL.sub(" ", typed)
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed is not None and _digit_count(bracketed.group(2)) >= _MIN_PHONE_DIGITS:
        text = f"{bracketed.group(1)} {bracketed.group(2)}"  # 王五（13800000102）
    found = [match for match in _PHONE.finditer(text) if _digit_count(match.group(1)) >= _MIN_SEVERAL_DIGITS]
    between = [text[a.end() : b.start()] for a, b in itertools.pairwise(found)]
    if len(found) > 1 and all(_ONLY_SEPARATORS.fullmatch(gap) for gap in [*between, text[found[-1].end() :]]):
        name = _TRAILING_SEPARATORS.sub("", text[: found[0].start()]).strip()
        return name, [match.group(1) for match in found]
    name, phone = _text_then_code(text.strip())
    return name, [phone] if phone else []


def _phone(typed: str) -> str:
    """A phone as one: a mobile in groups (138 0000 0102) without its spaces."""
    grouped = _GROUPED_MOBILE.fullmatch(" " + typed.strip())
    return "".join(_DIGITS.findall(code(typed))) if grouped is not None else code(typed)


def _text_then_code(typed: str) -> list[str]:
    """A name then a phone as typed: 何示例　13800000041, 何示例 025-83000001, 何示例13800000041, 王五 138 0000 0102."""
    grouped = _GROUPED_MOBILE.search(typed)
    if grouped is not None:
        return [typed[: grouped.start()].strip(), grouped.group(1)]
    match = _TRAILING_CODE.search(typed)
    if match is not None and _digit_count(match.group(1)) >= _MIN_PHONE_DIGITS:
        return [typed[: match.start()].strip(), match.group(1)]
    # No phone as the schema writes one, but digits enough for one (025-83001234转8001): the phone
    # is what follows the name, so the validator says it is wrong, at its cell, instead of missing.
    first = _FIRST_DIGIT.search(typed)
    if first is not None and _digit_count(typed[first.start() :]) >= _MIN_PHONE_DIGITS:
        return [_TRAILING_SEPARATORS.sub("", typed[: first.start()]), typed[first.start() :]]
    return [typed, ""]


def _digit_count(typed: str) -> int:
    return sum(map(len, _DIGITS.findall(unicodedata.normalize("NFKC", typed))))
