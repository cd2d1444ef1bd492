"""Amounts in the unit their header states, converted exactly to the unit of their field.

A sheet's amount header says its unit in its trailing parenthesis: 项目合同金额（元）,
（万元） or （亿元）. Ignoring it would store an amount ten thousand times too large or
too small, so the header's unit is read (`header_unit`) and each amount converted to
the field's own unit, the one its schema title states (项目合同金额（万元）). A header
without a unit is read in the field's unit, the notice's, with a warning; a unit that
is none of 元, 万元, 亿元 is refused. A cell may state its own unit (120万元, 120万,
1.2亿): it is then read in that unit, whatever the header says.

The arithmetic is Decimal: a cell's number is taken at its shortest exact decimal
(the digits the spreadsheet shows), scaled, and kept only if the file can hold the
result exactly; an amount that would need more digits than a number in the file
carries is refused at its cell rather than rounded.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from accel666.repair.values import IN_WAN, UNITS, exact
from accel666.sheets.header import label_key

_PARENTHESIS = re.compile(r"\(([^()]*)\)$")
_AMOUNT = re.compile(r"(-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(元|万元|万|亿元|亿)?")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class HeaderUnit:
    """The unit a header states ("" when it states none, the text when it is no unit the import knows)."""

    unit: str
    known: bool

    @property
    def stated(self) -> bool:
        return bool(self.unit)


def unit_of(label: str) -> str:
    """The unit in a title's or header's trailing parenthesis (NFKC, no white space), or ""."""
    match = _PARENTHESIS.search(label_key(label))  # as the header was matched: formatting characters out too
    return match.group(1) if match else ""


def header_unit(header: str) -> HeaderUnit:
    unit = unit_of(header)
    return HeaderUnit(unit, not unit or unit in IN_WAN)


def parse(cell: Any) -> tuple[Decimal, str] | None:
    """The number a cell holds and the unit it states itself ("" for none), or None when it holds no number.

    A numeric cell is read at its shortest decimal (repr), the digits a spreadsheet shows for it.
    """
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and math.isfinite(cell):
        return Decimal(repr(cell)), ""
    match = _AMOUNT.fullmatch(_SPACE.sub("", unicodedata.normalize("NFKC", cell))) if isinstance(cell, str) else None
    if match is None:
        return None
    try:
        number = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        return None
    return number, UNITS.get(match.group(2) or "", "")


def convert(cell: Any, header: str, field: str) -> tuple[Any, str | None]:
    """The cell as a value of a field in unit `field`, read in the header's unit `header` (or the cell's own).

    Returns the value and None, or the value to show and the reason the cell is refused. A cell
    that is no number comes back as it is, for the validator to refuse in its own words.
    """
    parsed = parse(cell)
    if parsed is None:
        return cell, None
    number, stated = parsed
    source = stated or header or field
    if field not in IN_WAN:  # a field without a unit: a number as it is, one with a unit for the validator to refuse
        plain = None if stated else exact(number)
        return (cell if plain is None else plain), None
    result = exact(number * IN_WAN[source] / IN_WAN[field])
    if result is None:
        return cell, f"金额 {cell} {source}换算为{field}后有效数字过多，无法准确保存：请核对金额，或改用{field}填写。"
    return result, None


def no_unit(label: str, field: str) -> str:
    """The warning for an amount header that states no unit: read in the field's unit, the notice's."""
    return (
        f"表头“{label}”没有写金额单位，按通知规定的{field}读取这一列：如金额以元或亿元为单位，"
        f"请在表头写明，如“{label}（元）”。"
    )


def unknown_unit(cell: str, label: str, unit: str) -> str:
    return (
        f"表头 {cell}“{label}”的单位“{unit}”无法换算：金额单位只能是元、万元或亿元，"
        "请改正表头的单位（如“项目合同金额（万元）”）后重新导入。"
    )
