"""A typed value as the value of its field, by the kind of field the schema says it is.

- number fields (`type: number`): “１２８０”, “1,280.5”, “1280万元”, “1280万” read as the
  number they write, and “42.3%” where the field is a percentage (its schema's title says
  百分比); an amount (its title states its unit: 项目合同金额（万元）, 投资规模（亿元）)
  written in another of 元, 万元, 亿元 (“2.1亿元”, “3560000元”) converted to its unit
  (`unit`); anything else stays text, for the validator to refuse;
- code fields (an anchored `pattern`, or a choice of them: codes, phones, months): NFKC
  (full-width digits and letters become ASCII), white space trimmed; letters upper-cased
  where only the upper case fits (the 统一社会信用代码's alphabet is upper case only);
  a phone's spaces and dashes, and a leading +86, taken out where only then it fits
  (138 0000 0041, +86 13800000041); a month written 2020.06 or 2020年6月 as 2020-06;
- text fields: as typed, trimmed.

Every kind first loses what a typist never meant: curly quotes from a Chinese input method
around the whole value (“某公司”, ‘13800000041’) and invisible formatting characters
(`FORMATTING`: zero-width and bidirectional controls, which would make a published name
differ from its look). `value` gives the repaired value; a value no repair makes right
is returned as typed (trimmed), for the validator to refuse in its own words.

`mistake` names what a repair answered, with the code validation reports the mistake with
(TEXT-INVISIBLE, TEXT-QUOTES, FULLWIDTH, or the field's own: MONEY-FORMAT, USCC-FORMAT,
PHONE-FORMAT…) and the same words, for `accel666 fix` to print at the file's line and
the import at the sheet's cell.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from accel666 import schema

# Zero-width and bidirectional formatting characters: invisible, meaningless in a name or a code, and a way to
# make a published name differ from its look-alike (or show reversed).
FORMATTING = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Curly quotes around a whole value, as a Chinese input method types them for "…" and '…'.
_CURLY = re.compile(r"^\s*(?:“([^“”]*)”|‘([^‘’]*)’)\s*$")  # not “甲”和“乙”: two quotations
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_GROUPED = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
IN_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}  # a unit -> how many 万元 it is
UNITS = {"元": "元", "万元": "万元", "万": "万元", "亿元": "亿元", "亿": "亿元"}  # as typed -> the unit
_UNIT = re.compile("(万元|万|亿元|亿|元)$")
_TITLE_UNIT = re.compile(r"[（(](元|万元|亿元)[）)]$")  # an amount's unit, as its field's title states it
# Full-width characters as the validator finds them (FULLWIDTH): ASCII's full-width forms and the ideographic space.
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
_PERCENT = "%"
_DIGITS = re.compile(r"[0-9]+")
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")
_COUNTRY = re.compile(r"^(?:\+86|0086)")
_RANGE_FIRST = re.compile(r"\s*(至|到|~|～|-|—|–|－)")  # a period cell beginning with its range mark: only its end


def invisible(characters: str) -> str:
    """What is wrong with a value holding these formatting characters, each named by its code point."""
    codes = "、".join(f"U+{ord(character):04X}" for character in dict.fromkeys(characters))
    return f"含有不可见的格式字符 {codes}（零宽字符或文字方向控制符，常见于从网页或其他系统复制的文字）"


def curly(typed: str) -> bool:
    """Whether the whole value stands in curly quotes (“…” or ‘…’), as a Chinese input method types them."""
    return _CURLY.match(FORMATTING.sub("", typed)) is not None


CURLY_QUOTES = "两端是中文输入法的引号（“…”或‘…’），引号会成为内容的一部分"


@dataclass(frozen=True)
class Mistake:
    """A typing mistake a reading repaired: the code validation reports it with, and what was done (no title)."""

    code: str
    message: str


QUOTES_REMOVED = Mistake("TEXT-QUOTES", f"{CURLY_QUOTES}，已删除这对引号")


def invisible_removed(characters: str) -> Mistake:
    return Mistake("TEXT-INVISIBLE", f"{invisible(characters)}，已删除")


def mistake(category: str, pointer: str, typed: Any, read: Any) -> Mistake | None:
    """The mistake a typed text had, if `read` (the value it was read as) repaired one; None when it had none.

    In the order validation reports them: invisible characters and curly quotes first (the
    cause of whatever else the value fails), then full-width characters, then the field's own.
    """
    if not isinstance(typed, str):
        return None  # a number or a date: no typing to repair
    if characters := "".join(FORMATTING.findall(typed)):
        return invisible_removed(characters)
    if "\n" not in typed and curly(typed):
        return QUOTES_REMOVED
    how, shown = kind(category, pointer), typed.strip()
    if how == "number" and isinstance(read, (int, float)) and not _NUMBER.fullmatch(shown):
        said = _number_said(shown, plain(read), unit(category, pointer))
    elif how == "code" and isinstance(read, str) and read != shown:
        said = f"“{shown}”{'含有全角字符' if _FULLWIDTH.search(shown) else '格式不规范'}，已读作 “{read}”"
    else:
        return None
    return Mistake("FULLWIDTH" if _FULLWIDTH.search(shown) else code_of(category, pointer), said)


def _number_said(shown: str, read: str, field: str) -> str:
    """What a number was written with, and what it was read as: 含有全角字符, 单位是亿元 (converted), 不是纯数字."""
    written = _UNIT.search(unicodedata.normalize("NFKC", shown).replace(" ", ""))
    if _FULLWIDTH.search(shown):
        return f"“{shown}”含有全角字符，已读作 {read}"
    if field and written is not None and UNITS[written.group(1)] != field:
        return f"“{shown}”的单位是{UNITS[written.group(1)]}，已换算为 {read} {field}"
    return f"“{shown}”不是纯数字（带有单位、百分号或千分位逗号），已读作 {read}{' ' + field if field else ''}"


def plain(number: float) -> str:
    """A number as plain decimal digits (0.00001, never 1e-05, which a YAML reader may take for text)."""
    return format(Decimal(repr(number)), "f")


@functools.cache
def kind(category: str, pointer: str) -> str:
    """How a value of the field at `pointer` is read: "number", "code" or "text"."""
    field = _field(category, pointer).schema
    if field.get("type") in ("number", "integer"):
        return "number"
    return "code" if patterns(category, pointer) else "text"


@functools.cache
def patterns(category: str, pointer: str) -> tuple[str, ...]:
    """The field's anchored patterns: its own, or those of its choices (a mobile or a landline)."""
    field = _field(category, pointer).schema
    found = [field.get("pattern", "")] + [schema.resolve(sub).get("pattern", "") for sub in field.get("anyOf", ())]
    return tuple(pattern for pattern in found if pattern.startswith("^"))


@functools.cache
def is_percent(category: str, pointer: str) -> bool:
    """A percentage: its title states the unit % as an amount's states 万元 (负债率（%）: 42.3 for 42.3%)."""
    field = _field(category, pointer)
    return field.title.endswith(("（%）", "(%)")) or field.code == "PERCENT-RANGE"


@functools.cache
def unit(category: str, pointer: str) -> str:
    """An amount's unit, as its title states it (项目合同金额（万元）, 投资规模（亿元）); "" for any other field."""
    stated = _TITLE_UNIT.search(_field(category, pointer).title)
    return stated.group(1) if stated else ""


@functools.cache
def declared(category: str, pointer: str) -> bool:
    """Whether the schema describes a one-value field at `pointer` (not an unknown key, not a mapping or list)."""
    field = _field(category, pointer).schema
    return bool(field) and field.get("type") not in ("object", "array")


@functools.cache
def expects_text(category: str, pointer: str) -> bool:
    """Whether the field wants text: `type: string`, or a choice of texts (a mobile or a landline)."""
    field = _field(category, pointer).schema
    choices = [schema.resolve(sub) for sub in field.get("anyOf", ())]
    return field.get("type") == "string" or (bool(choices) and all(sub.get("type") == "string" for sub in choices))


def code_of(category: str, pointer: str) -> str:
    """The code validation reports a wrong value of the field with ("" when the field has none)."""
    return _field(category, pointer).code or ""


def _field(category: str, pointer: str) -> schema.Field:
    """The field at a JSON pointer (a list's index read as any item)."""
    return schema.field(category, tuple("#" if part.isdigit() else part for part in pointer.split("/")[1:]))


def value(category: str, pointer: str, typed: Any) -> Any:
    """One typed value (a YAML scalar's value or a cell's) as the value of one field."""
    how = kind(category, pointer)
    if how == "number":
        return number(typed, percent=is_percent(category, pointer), unit=unit(category, pointer))
    if how == "code":
        return code(typed, patterns(category, pointer))
    return text(typed)


def cleaned(typed: str) -> str:
    """The text without invisible formatting characters and, if it is one line, the curly quotes around it; trimmed."""
    bare = FORMATTING.sub("", typed).strip()
    quoted = _CURLY.match(bare) if "\n" not in bare else None
    return next(part for part in quoted.groups() if part is not None).strip() if quoted else bare


def text(typed: Any) -> str:
    """A text as typed: trimmed, line ends made \\n, a date as YYYY-MM-DD, a whole float without its .0."""
    if typed is None:
        return ""
    if isinstance(typed, dt.datetime):
        return typed.date().isoformat()
    if isinstance(typed, float) and typed.is_integer():
        return str(int(typed))
    return cleaned(str(typed).replace("\r\n", "\n").replace("\r", "\n"))


def code(typed: Any, wanted: tuple[str, ...] = ()) -> str:
    """A code: NFKC and trimmed, upper case or without a phone's separators if only that fits; a date as the field wants it."""
    if isinstance(typed, dt.date):
        month, day = f"{typed.year:04d}-{typed.month:02d}", f"{typed.year:04d}-{typed.month:02d}-{typed.day:02d}"
        return month if fits(month, wanted) else day
    normal = unicodedata.normalize("NFKC", text(typed)).strip()
    if not wanted or fits(normal, wanted):
        return normal
    month = months(normal, 1)[0]  # 2020.06, 2020年6月, 202006 where the field is a month
    if fits(month, wanted) and not _ambiguous_month(typed):
        return month
    bare = _COUNTRY.sub("", _PHONE_SEPARATORS.sub("", normal))  # 138 0000 0041, +86 138-0000-0041
    # Separators come out of a number only: in an e-mail address or an account they are part of it.
    candidates = (normal.upper(), bare) if bare.isdigit() else (normal.upper(),)
    return next((candidate for candidate in candidates if fits(candidate, wanted)), normal)


def _ambiguous_month(typed: Any) -> bool:
    """A number such as 2020.1: a spreadsheet made 2020.10 so as well as 2020.1, so the month is not known."""
    return isinstance(typed, float) and len(repr(typed).partition(".")[2]) == 1


def fits(typed: str, wanted: tuple[str, ...]) -> bool:
    return any(re.search(pattern, typed) for pattern in wanted)


def number(typed: Any, *, percent: bool = False, unit: str = "") -> Any:
    """A number (int when whole), None when empty, or the text when it is no number.

    An amount in `unit` (万元 or 亿元, a key of IN_WAN) written with a unit of its own (元,
    万/万元, 亿/亿元) is converted to `unit`, exactly (Decimal): the unit is written with
    the number, so the conversion is arithmetic, not a guess at what was meant, while
    keeping the number and dropping its unit would store it ten thousand times too large
    or too small. The 附件3 import reads a cell's own unit so too (sheets.amounts). A
    result no number in the file holds exactly is left as typed, for the validator to
    refuse; so is a unit written where the field has none.
    """
    if typed is None or (isinstance(typed, str) and not typed.strip()):
        return None
    if isinstance(typed, (int, float)) and not isinstance(typed, bool):
        return int(typed) if float(typed).is_integer() else float(typed)
    written = unicodedata.normalize("NFKC", text(typed)).replace(" ", "")
    scale = Decimal(1)
    if percent:
        written = written.removesuffix(_PERCENT)
    elif unit and (own := _UNIT.search(written)) is not None:
        written, scale = written[: own.start()], IN_WAN[UNITS[own.group(1)]] / IN_WAN[unit]
    if _GROUPED.fullmatch(written):
        written = written.replace(",", "")
    if not _NUMBER.fullmatch(written):
        return text(typed)
    try:
        parsed = Decimal(written) * scale
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        return text(typed)
    held = exact(parsed)
    return text(typed) if held is None else held


def exact(number: Decimal) -> int | float | None:
    """The number as an int, or a float holding exactly its digits; None when no float does."""
    if number == number.to_integral_value():
        return int(number)
    as_float = float(number)
    return as_float if Decimal(repr(as_float)) == number.normalize() else None


_NOT_A_MONTH = re.compile(r"季|半年|旬")
_WITH_DAYS = re.compile(r"日|\d{4}[-./]\d{1,2}[-./]\d{1,2}")


def months(typed: str, count: int) -> list[str]:
    """Year-month pairs read off the numbers in order: 2020-07 至 2021-06, 2020年7月—2021年6月, 202007-202106."""
    numbers = _DIGITS.findall(unicodedata.normalize("NFKC", typed))
    found: list[str] = []
    index = 0
    unread = 0
    while index < len(numbers):
        current = numbers[index]
        if len(current) == 6:  # 202007
            found.append(f"{current[:4]}-{current[4:]}")
        elif len(current) == 4 and index + 1 < len(numbers) and len(numbers[index + 1]) <= 2:
            found.append(f"{current}-{int(numbers[index + 1]):02d}")
            index += 1
            if index + 1 < len(numbers) and len(numbers[index + 1]) <= 2 and _WITH_DAYS.search(typed):
                index += 1  # 2021年6月30日, 2021-06-30: the day of a month read
        else:
            unread += 1
        index += 1
    # A number not read (2020年10-12月) or a quarter, half-year or ten days (2020年第4季度 is not
    # April): not a plain year-month, so left as typed, to be refused.
    if unread or _NOT_A_MONTH.search(typed):
        found = []
    if not found or len(found) > count:  # nothing to read, or more than asked for: left as typed, to be refused
        return [unicodedata.normalize("NFKC", typed), *("" for _ in range(count - 1))]
    if len(found) < count and _RANGE_FIRST.match(unicodedata.normalize("NFKC", typed)):  # “至 2021-06”: the end
        return ["" for _ in range(count - len(found))] + found
    return found + ["" for _ in range(count - len(found))]
