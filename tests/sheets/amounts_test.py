"""Amounts in their header's unit, converted to the field's unit exactly (sheets/amounts.py)."""

from __future__ import annotations

from typing import Any

import pytest

from accel666.sheets import amounts


@pytest.mark.parametrize(
    ("header", "unit", "known"),
    [
        ("项目合同金额（元）", "元", True),
        ("项目合同金额(万元)", "万元", True),
        ("项目合同金额 （ 亿元 ）", "亿元", True),
        ("项目合同金额", "", True),
        ("项目合同金额（美元）", "美元", False),
    ],
)
def test_the_unit_of_a_header_is_its_trailing_parenthesis(header: str, unit: str, known: bool) -> None:
    assert amounts.header_unit(header) == amounts.HeaderUnit(unit, known)


@pytest.mark.parametrize(
    ("cell", "header", "expected"),
    [
        (1234567.89, "元", 123.456789),
        (1200000, "元", 120),
        (50, "元", 0.005),
        (1.5, "亿元", 15000),
        (0.0001, "亿元", 1),
        ("1,200,000", "元", 120),
        ("120万", "元", 120),  # the cell's own unit wins over the header's
        ("120万元", "元", 120),
        ("1.2亿", "万元", 12000),
        ("３００元", "万元", 0.03),
        (1280, "万元", 1280),
    ],
)
def test_an_amount_is_converted_to_wan_yuan_exactly(cell: Any, header: str, expected: Any) -> None:
    value, refused = amounts.convert(cell, header, "万元")
    assert refused is None
    assert value == expected
    assert type(value) is type(expected)


def test_a_conversion_that_no_number_in_the_file_could_hold_is_refused_not_rounded() -> None:
    value, refused = amounts.convert("12345678901234.5678", "元", "万元")
    assert value == "12345678901234.5678"
    assert refused is not None
    assert "有效数字过多" in refused


def test_a_cell_without_a_number_is_left_for_the_validator() -> None:
    assert amounts.convert("一千万", "元", "万元") == ("一千万", None)


def test_a_formatting_character_in_the_header_does_not_hide_its_unit() -> None:
    """The header matched with the character removed, so its unit is read without it as well."""
    assert amounts.header_unit("项目合同金额（元\u200b）") == amounts.HeaderUnit("元", True)
