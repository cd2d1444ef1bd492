"""Excel cells as application values, by the kind of field the schema says each is.

- number fields (`type: number`): numbers as numbers; text such as “１２８０”, “1,280.5”
  “1280万元” or “1280万” read as the number it writes; anything else stays text, for the
  validator to refuse at its cell;
- code fields (an anchored `pattern` or a choice of them: codes, phones, months): NFKC
  (full-width digits and letters become ASCII), white space trimmed; letters
  upper-cased where only the upper case fits the pattern (the 统一社会信用代码's
  alphabet is upper case only, and Excel users type 91320312ma1x…); a date cell is
  written in the field's own format (2020-07 where the field is a month);
- text fields: as typed, only trimmed, line ends made \\n; Chinese punctuation stays.
  Whether a text may have several lines is the schema's to say (TEXT-ONE-LINE).

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
import functools
import itertools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from accel666 import schema

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_GROUPED = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_UNIT = "万元"
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
_RANGE_FIRST = re.compile(r"\s*(至|到|~|～|-|—|–|－)")  # a period cell beginning with its range mark: only its end
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


@functools.cache
def kind(category: str, pointer: str) -> str:
    """How a cell for the field at `pointer` is read: "number", "code" or "text"."""
    field = schema.field(category, tuple(pointer.split("/")[1:])).schema
    if field.get("type") in ("number", "integer"):
        return "number"
    return "code" if _patterns(category, pointer) else "text"


@functools.cache
def value(category: str, pointer: str, cell: Any) -> Any:
    """One cell as the value of one field."""
    how = kind(category, pointer)
    if how == "number":
        return number(cell)
    if how == "code":
        return code(cell, _patterns(category, pointer))
    return text(cell)


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
    if kinds[0] == "text" and all(how == "code" for how in kinds[1:]):
        name, phones = contact(typed)
        room = len(pointers) - 1  # more phones than fields: all in the last, for the import to refuse (cells.py)
        fitted = phones if len(phones) <= room else [*phones[: room - 1], "、".join(phones[room - 1 :])]
        return [name, *fitted, *("" for _ in range(room - len(fitted)))]
    return [typed, *("" for _ in pointers[1:])]


def contact(typed: str) -> tuple[str, list[str]]:
    """A name and its phones: labels (手机, 电话, Tel…) and brackets around a phone taken out, never left in the name.

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
        return name, [_phone(match.group(1)) for match in found]
    name, phone = _text_then_code(text.strip())
    return name, [phone] if phone else []


def _phone(typed: str) -> str:
    """A phone as one: a mobile in groups (138 0000 0102) without its spaces."""
    grouped = _GROUPED_MOBILE.fullmatch(" " + typed.strip())
    return "".join(_DIGITS.findall(code(typed))) if grouped is not None else code(typed)


def text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).replace("\r\n", "\n").replace("\r", "\n").strip()


def code(cell: Any, patterns: tuple[str, ...] = ()) -> str:
    """A code: NFKC and trimmed, upper case if only that fits; a date as the field's pattern wants it (month or day)."""
    if isinstance(cell, dt.date):
        month, day = f"{cell.year:04d}-{cell.month:02d}", f"{cell.year:04d}-{cell.month:02d}-{cell.day:02d}"
        return month if _fits(month, patterns) else day
    typed = unicodedata.normalize("NFKC", text(cell)).strip()
    if patterns and not _fits(typed, patterns):
        month = _months(typed, 1)[0]  # 2020.06, 2020年6月, 202006 where the field is a month
        if _fits(month, patterns) and not _ambiguous_month(cell):
            return month
    return typed.upper() if not _fits(typed, patterns) and _fits(typed.upper(), patterns) else typed


def _ambiguous_month(cell: Any) -> bool:
    """A number such as 2020.1: a spreadsheet made 2020.10 so as well as 2020.1, so the month is not known."""
    return isinstance(cell, float) and len(repr(cell).partition(".")[2]) == 1


def _fits(typed: str, patterns: tuple[str, ...]) -> bool:
    return any(re.search(pattern, typed) for pattern in patterns)


def number(cell: Any) -> Any:
    """A number (int when whole), None when empty, or the text when it is no number."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return int(cell) if float(cell).is_integer() else float(cell)
    typed = code(cell).removesuffix(_UNIT).removesuffix(_UNIT[0]).strip()
    if _GROUPED.fullmatch(typed):
        typed = typed.replace(",", "")
    if not _NUMBER.fullmatch(typed):
        return text(cell)
    try:
        parsed = Decimal(typed)
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        return text(cell)
    return int(parsed) if parsed == parsed.to_integral_value() else float(parsed)


@functools.cache
def _patterns(category: str, pointer: str) -> tuple[str, ...]:
    """The field's anchored patterns: its own, or those of its choices (a mobile or a landline)."""
    field = schema.field(category, tuple(pointer.split("/")[1:])).schema
    patterns = [field.get("pattern", "")] + [schema.resolve(sub).get("pattern", "") for sub in field.get("anyOf", ())]
    return tuple(pattern for pattern in patterns if pattern.startswith("^"))


def _months(typed: str, count: int) -> list[str]:
    """Year-month pairs read off the numbers in order: 2020-07 至 2021-06, 2020年7月—2021年6月, 202007-202106."""
    numbers = _DIGITS.findall(unicodedata.normalize("NFKC", typed))
    found: list[str] = []
    index = 0
    while index < len(numbers):
        current = numbers[index]
        if len(current) == 6:  # 202007
            found.append(f"{current[:4]}-{current[4:]}")
        elif len(current) == 4 and index + 1 < len(numbers) and len(numbers[index + 1]) <= 2:
            found.append(f"{current}-{int(numbers[index + 1]):02d}")
            index += 1
        index += 1
    if not found or len(found) > count:  # nothing to read, or more than asked for: left as typed, to be refused
        return [unicodedata.normalize("NFKC", typed), *("" for _ in range(count - 1))]
    if len(found) < count and _RANGE_FIRST.match(unicodedata.normalize("NFKC", typed)):  # “至 2021-06”: the end
        return ["" for _ in range(count - len(found))] + found
    return found + ["" for _ in range(count - len(found))]


def _text_then_code(typed: str) -> list[str]:
    """A name then a phone: 何示例　13800000041, 何示例 025-83000001, 何示例13800000041, 王五 138 0000 0102."""
    grouped = _GROUPED_MOBILE.search(typed)
    if grouped is not None:
        return [typed[: grouped.start()].strip(), "".join(_DIGITS.findall(code(grouped.group(1))))]
    match = _TRAILING_CODE.search(typed)
    if match is not None and _digit_count(match.group(1)) >= _MIN_PHONE_DIGITS:
        return [typed[: match.start()].strip(), code(match.group(1))]
    # No phone as the schema writes one, but digits enough for one (025-83001234转8001): the phone
    # is what follows the name, so the validator says it is wrong, at its cell, instead of missing.
    first = _FIRST_DIGIT.search(typed)
    if first is not None and _digit_count(typed[first.start() :]) >= _MIN_PHONE_DIGITS:
        return [_TRAILING_SEPARATORS.sub("", typed[: first.start()]), code(typed[first.start() :])]
    return [typed, ""]


def _digit_count(typed: str) -> int:
    return sum(map(len, _DIGITS.findall(unicodedata.normalize("NFKC", typed))))
