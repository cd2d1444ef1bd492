"""Problems at the cells of a 附件3 sheet, in a sheet's words.

The import reports some problems itself, because a file cannot show them to the
validator: a formula never calculated reads as an empty cell, a cell holding only
some of its values (one date where 项目实施期限 needs two months) would read as a part
"未填写" of a cell that is filled, an invisible control character (read.py's
INVISIBLE, taken out of the text as it is read) would make a file that fails to load,
or one whose text differs from the cell's, more phones than the file has fields for
would have to be dropped, and a code the spreadsheet turned into a number would show
the validator digits nobody typed. Hidden columns read are warnings, and so are the
typing mistakes the reading repaired (accel666.repair.values.mistake: formatting
characters and curly quotes taken out, an amount with 万元 or commas, a lower-case code,
a phone with separators or +86…), each with the code and words `validate` and
`accel666 fix` give the same mistake in a file. The validator's findings
keep their statement of what is wrong; where their advice is about editing YAML (quotes, the
template's comments), a cell's advice replaces it (CELL_ADVICE).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from accel666.documents.forms.annex3 import CATEGORY, Column
from accel666.documents.forms.model import Words
from accel666.findings import Finding
from accel666.repair import values as typed_values
from accel666.sheets import values as sheet_values
from accel666.sheets.header import Found
from accel666.sheets.read import Line

_EXACT = 10**15  # a spreadsheet keeps 15 significant digits of a number
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[Ee]\+?[0-9]+")
HIDDEN_COLUMN = "这一列被隐藏，其中的内容也已导入：请取消隐藏，确认它就是要导入的数据。"
UNCALCULATED = "公式没有计算结果：请在 Excel 或 WPS 中打开并保存，或把公式粘贴为数值。"
INVISIBLE = "含有不可见的控制字符 {codes}：请删除{which}（常见于从其他系统复制的文字）。"
REPAIRED = "：请在表格中也改正。"  # after a repaired mistake's words
# What a cell holding several values should hold, when some of them are missing.
COMBINED = {
    "period": "请填写开始和结束年月，如 2020-07 至 2021-06",
    "contact": "请填写联系人姓名和电话，如 何示例 13800000041",
}
# A cell's advice for findings whose own is about editing the YAML file (“按模板注释填写”,
# “加引号填写”, examples in quotes to be typed): it replaces the advice, after the part
# that says what is wrong. Only codes a 附件3 cell can produce: the template quotes
# every text (no YAML-UNQUOTED) and codes are read half-width (no FULLWIDTH).
CELL_ADVICE = {
    "SCHEMA-EMPTY": "请填写这一格。",
    "USCC-FORMAT": "应为 18 位数字或大写字母（不含 I、O、S、V、Z），请对照营业执照核对，例如 91320500MA1MXXXX0X。",
    "TEXT-ONE-LINE": "这一格只能填写一行文字：请删除单元格中的换行（Alt+Enter 输入的）。",
    "PHONE-FORMAT": (
        "请填写 11 位手机号码（如 13912345678）或带区号的江苏固定电话（如 025-82288061，分机号接在横线后，"
        "如 025-82288061-801）。"
    ),
}


@dataclass(frozen=True)
class Problem:
    """A problem at one cell of the sheet."""

    sheet: str
    row: int
    cell: str  # "C7"
    message: str
    warning: bool = False
    code: str = ""  # the code validation reports the same mistake in a file with, where the import says so

    def text(self, path: str) -> str:
        code = f"{self.code} " if self.code else ""  # where `validate` puts it: path:line:column: CODE 警告：…
        return f"{path}:{self.sheet}!{self.cell}: {code}{'警告：' if self.warning else ''}{self.message}"


def column_pointers(column: Column) -> tuple[str, ...]:
    return tuple(value.pointer for value in column.values)


def cell_problems(found: Found, line: Line, column: Column, values: list[Any]) -> Iterator[Problem]:
    """What a file cannot show the validator: a formula never calculated (it reads as empty), an invisible
    control character, and a cell holding only some of its values (an empty part would be “未填写” of a
    cell that is filled)."""
    pointers = column_pointers(column)
    for key, part in sorted(line.formulas):
        if key == column.key:
            yield Problem(found.sheet, line.number, found.cell(key, line.number, part), UNCALCULATED)
    for key, part, characters in line.invisible:
        if key == column.key:
            yield Problem(found.sheet, line.number, found.cell(key, line.number, part), invisible(characters))
    for key, part, characters in line.removed:
        if key == column.key:
            cell = found.cell(key, line.number, part)
            yield Problem(found.sheet, line.number, cell, removed(characters), True, "TEXT-INVISIBLE")
    if len(line.cells[column.key]) < len(pointers) and any(value in ("", None) for value in values):
        typed = line.cells[column.key][0]
        yield Problem(found.sheet, line.number, found.cell(column.key, line.number), short(column, values, typed))
    if len(line.cells[column.key]) < len(pointers) and (phones := several(column, line.cells[column.key][0])):
        yield Problem(found.sheet, line.number, found.cell(column.key, line.number), phones)
    for part, pointer, typed, read in _typed(column, line, values):
        if (mistake := typed_values.mistake(CATEGORY, pointer, typed, read)) is not None:
            message = f"「{column.label}」{mistake.message}{REPAIRED}"
            yield Problem(
                found.sheet, line.number, found.cell(column.key, line.number, part), message, True, mistake.code
            )
    if len(pointers) == 1 and typed_values.kind(CATEGORY, pointers[0]) == "code":
        typed = line.cells[column.key][0]
        if not certain(typed):
            yield Problem(found.sheet, line.number, found.cell(column.key, line.number), as_number(column, typed))


def _typed(column: Column, line: Line, values: list[Any]) -> Iterator[tuple[int, str, Any, Any]]:
    """(part, pointer, as typed, as read) for each value of a column's cells whose typing a reading can repair.

    A cell holding several values: the quotes around it all, and a phone after a name as typed
    (138 0000 0041); months read off a range have no typing of their own to name.
    """
    cells, pointers = line.cells[column.key], column_pointers(column)
    if len(cells) == len(pointers):
        yield from ((part, *each) for part, each in enumerate(zip(pointers, cells, values, strict=True)))
        return
    if isinstance(cells[0], str) and typed_values.curly(cells[0]):
        yield 0, pointers[0], cells[0], values[0]
        return
    if several(column, cells[0]) or not isinstance(cells[0], str):
        return
    if sheet_values.name_then_codes(CATEGORY, pointers):
        phones = sheet_values.typed_contact(typed_values.text(cells[0]))[1]
        yield from ((0, *each) for each in zip(pointers[1:], phones, values[1:], strict=False))


def several(column: Column, cell: Any) -> str:
    """Why a cell holding a name and phones is refused: more phones than the application has fields for ("" if not)."""
    pointers = column_pointers(column)
    if not sheet_values.name_then_codes(CATEGORY, pointers) or not isinstance(cell, str):
        return ""
    phones = sheet_values.contact(typed_values.text(cell))[1]
    room = len(pointers) - 1
    if len(phones) <= room:
        return ""
    return (
        f"「{column.label}」填写了 {len(phones)} 个电话（{'、'.join(phones)}），申报文件只能保存 {room} 个："
        "请只保留一个（如联系人的手机号码）。"
    )


def certain(cell: Any) -> bool:
    """Whether a code cell's digits are the ones typed: text, or a number no spreadsheet could have rounded.

    A spreadsheet keeps 15 significant digits of a number: an 18-digit code stored as a number
    (LibreOffice does so when it opens a CSV) has lost its last digits, and the rounded code may
    even pass the check character (1 in 31). A whole number below 10^15 is exact; a larger one is
    only when the file holds digits that no floating-point number has (a program wrote them).
    Text in scientific notation (9.13201E+17, a CSV saved from such a sheet) has lost them too.
    """
    if isinstance(cell, str):
        return not _SCIENTIFIC.fullmatch(cell.strip())
    if (
        isinstance(cell, bool)
        or not isinstance(cell, (int, float))
        or (isinstance(cell, float) and not cell.is_integer())
    ):
        return True  # no code at all: the validator says so
    return abs(cell) < _EXACT or (isinstance(cell, int) and float(cell) != cell)


def as_number(column: Column, cell: Any) -> str:
    """A code the spreadsheet turned into a number: what happened, and how to type it as text."""
    shown = format(cell, ".15G") if isinstance(cell, (int, float)) else str(cell).strip()
    return (
        f"「{column.label}」被电子表格存成了数字（{shown}）：超过 15 位的数字会被改动，原来的代码已无法确定。"
        "请选中这一列，右键“设置单元格格式”→“文本”，再按营业执照重新输入代码"
        "（或在代码前加英文单引号 '）；已变成科学计数法或末尾变成 0 的代码不能直接改回。"
    )


def removed(characters: str) -> str:
    """The notice for a cell whose zero-width or bidirectional formatting characters were taken out."""
    return (
        f"{typed_values.invisible_removed(characters).message}，导入的是删除后的文字：请在表格中也删除，以免再次出现。"
    )


def invisible(characters: str) -> str:
    """The message for a cell holding these invisible characters, each named by its code point."""
    codes = "、".join(f"U+{ord(character):04X}" for character in characters)
    return INVISIBLE.format(codes=codes, which="该字符" if len(characters) == 1 else "这些字符")


def short(column: Column, values: list[Any], typed: Any = None) -> str:
    """A cell holding only some of its values (a single date for 项目实施期限): what it holds and should hold.

    One value alone, with nothing to say which it is (a date cell, “2020-07”), is said to be
    one value, not called the first of them: “缺少结束年月” would be wrong if it was the end.
    """
    titles = [Words(CATEGORY).title(pointer) for pointer in column_pointers(column)]
    missing = [title for title, value in zip(titles, values, strict=True) if value in ("", None)]
    given = [value for value in values if value not in ("", None)]
    what = "未填写" if len(missing) == len(titles) else f"缺少{'和'.join(missing)}"
    if len(given) == 1 and len(titles) > 1 and _alone(typed):
        kind = "日期" if isinstance(typed, dt.date) else "年月"
        shown = typed.date().isoformat() if isinstance(typed, dt.datetime) else str(typed).strip()
        what = f"只填写了一个{kind}（{shown}），不能确定它是{'还是'.join(titles)}"
    return f"「{column.label}」{what}：{COMBINED.get(column.key, '请填写' + '和'.join(titles))}。"


def _alone(typed: Any) -> bool:
    """A cell holding one value and no mark of a range before or after it (至, -, ~): a date, “2020-07”."""
    if isinstance(typed, dt.date):
        return True
    return isinstance(typed, str) and not re.search(
        r"(至|到|~|～|—|–|－)|^\s*-|-\s*$", unicodedata.normalize("NFKC", typed)
    )


def one_per_cell(problems: list[Problem]) -> list[Problem]:
    """The first error of each cell (the cause, an uncalculated formula, not its consequence, empty), and its first warning."""
    first: dict[tuple[str, bool], Problem] = {}
    for problem in problems:
        first.setdefault((problem.cell, problem.warning), problem)
    return list(first.values())


def cell_message(finding: Finding) -> str:
    advice = CELL_ADVICE.get(finding.code)
    return finding.message if advice is None else f"{_head(finding.message)}：{advice}"


def _head(message: str) -> str:
    """What is wrong, without the advice: the message up to its first “：” outside a quoted value."""
    quoted = False
    for index, char in enumerate(message):
        if char in "“”":
            quoted = char == "“"
        elif char == "：" and not quoted:
            return message[:index]
    return message.rstrip("。")
