"""Excel cells as application values: by the schema's kind of field, the way people type them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accel666.sheets import values as sheet_values

DEMO = "demo-enterprise"
PERIOD = ("/period/start", "/period/end")
CONTACT = ("/contact/name", "/contact/phone")


@pytest.mark.parametrize(
    ("pointer", "kind"),
    [
        ("/contract_amount", "number"),
        ("/enterprise/uscc", "code"),
        ("/contact/phone", "code"),  # a choice of patterns: mobile or landline
        ("/period/start", "code"),
        ("/region", "code"),
        ("/enterprise/name", "text"),  # its pattern \S is not anchored: free text
        ("/summary", "text"),
        ("/project_type", "text"),
    ],
)
def test_the_kind_of_a_field_comes_from_its_schema(pointer: str, kind: str) -> None:
    assert sheet_values.kind(DEMO, pointer) == kind


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2020-07 至 2021-06", ["2020-07", "2021-06"]),
        ("2020年7月—2021年6月30日", ["2020-07", "2021-06"]),
        ("２０２０.０７-２０２１.０６", ["2020-07", "2021-06"]),
        ("202007-202106", ["2020-07", "2021-06"]),
        (dt.datetime(2020, 7, 1), ["2020-07", ""]),  # a date cell: the start only (the import asks for both)
        ("2020-07", ["2020-07", ""]),
        ("明年", ["明年", ""]),  # nothing to read: the text, for the validator to refuse
    ],
)
def test_a_period_cell_is_read_as_its_start_and_end_months(cell: Any, expected: list[str]) -> None:
    assert sheet_values.values(DEMO, PERIOD, cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("何示例　13800000041", ["何示例", "13800000041"]),  # what the export writes
        ("何示例025-83000001", ["何示例", "025-83000001"]),
        ("欧阳 示例，１３８０００００４１１", ["欧阳 示例", "13800000411"]),
        ("联系人7 13800000007", ["联系人7", "13800000007"]),  # a digit in the name stays in the name
        ("王五 138 0000 0102", ["王五", "13800000102"]),  # a mobile number in its usual groups
        ("联系人7 138 0000 0007", ["联系人7", "13800000007"]),  # 3-4-4 exactly: the name's digit stays
        ("何示例", ["何示例", ""]),
        ("联系人7", ["联系人7", ""]),  # too few digits for a phone: none given
        # Not a phone as the schema writes one: split off all the same, for the validator to refuse.
        ("钱七，025-83001234转8001", ["钱七", "025-83001234转8001"]),
        # A mobile in other groups, or after +86: the phone repaired as `accel666 fix` repairs it.
        ("王五 1380 000 0102", ["王五", "13800000102"]),
        ("钱七 +86 13800000102", ["钱七", "13800000102"]),
    ],
)
def test_a_contact_cell_is_split_before_the_trailing_phone(cell: str, expected: list[str]) -> None:
    assert sheet_values.values(DEMO, CONTACT, cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1280, 1280),
        (1280.0, 1280),
        (1250.5, 1250.5),
        ("1280", 1280),  # stored as text
        ("１２８０．５", 1280.5),
        ("1,280.5", 1280.5),
        ("1280万元", 1280),
        ("", None),
        ("一千万", "一千万"),  # no number: the validator refuses it at its cell
        ("1e3", "1e3"),
    ],
)
def test_a_money_cell_is_read_as_a_number(cell: Any, expected: Any) -> None:
    assert sheet_values.value(DEMO, "/contract_amount", cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("91320312ma1x2t9f6g", "91320312MA1X2T9F6G"),  # typed in lower case: the alphabet is upper case only
        ("９１３２０３１２ｍａ１ｘ２ｔ９ｆ６ｇ", "91320312MA1X2T9F6G"),
        ("91320312ma1x2t9f6", "91320312ma1x2t9f6"),  # too short either way: left for the validator to show
    ],
)
def test_a_code_is_upper_cased_where_only_upper_case_fits(cell: str, expected: str) -> None:
    assert sheet_values.value(DEMO, "/enterprise/uscc", cell) == expected


def test_codes_are_made_half_width_and_text_is_kept_as_typed() -> None:
    assert (
        sheet_values.value(DEMO, "/enterprise/uscc", " ９１３２０３１２ＭＡ１Ｘ２Ｔ９Ｆ６Ｇ ") == "91320312MA1X2T9F6G"
    )
    assert sheet_values.value(DEMO, "/contact/phone", 13800000041) == "13800000041"
    assert sheet_values.value(DEMO, "/enterprise/name", " 示例（第１）公司\r\n二部 ") == "示例（第１）公司\n二部"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("王五 手机：13800000102", ["王五", "13800000102"]),
        ("联系人：王五，电话：025-83001234", ["王五", "025-83001234"]),
        ("王五 Tel: 025-83001234", ["王五", "025-83001234"]),
        ("王五（13800000102）", ["王五", "13800000102"]),
        ("姓名: 王五 手机 138 0000 0102", ["王五", "13800000102"]),
        ("示例联系人　13800000001", ["示例联系人", "13800000001"]),  # 联系人 without a colon is part of a name
        # Two phones: both kept as phones (the import refuses the cell: one field), none in the name.
        ("王五 13800000102 / 025-83001234", ["王五", "13800000102、025-83001234"]),
        ("王五 手机13800000102 电话025-83001234", ["王五", "13800000102、025-83001234"]),
        ("王五13800000102,13900000103", ["王五", "13800000102、13900000103"]),
    ],
)
def test_labels_and_several_phones_never_end_up_in_the_contacts_name(cell: str, expected: list[str]) -> None:
    assert sheet_values.values(DEMO, CONTACT, cell) == expected


def test_several_phones_fill_as_many_phone_fields_as_there_are() -> None:
    assert sheet_values.values(
        DEMO, ("/contact/name", "/contact/phone", "/period/start"), "王五 13800000102 / 025-83001234"
    ) == [
        "王五",
        "13800000102",
        "025-83001234",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2020.06", "2020-06"),
        (2020.06, "2020-06"),  # typed in Excel: a number
        (2020.12, "2020-12"),
        ("２０２０年６月", "2020-06"),
        ("202006", "2020-06"),
        (2020.1, "2020.1"),  # 2020.10 or 2020.1: left for the validator to refuse
        ("2020-06", "2020-06"),
    ],
)
def test_a_month_field_reads_the_months_the_one_cell_period_reads(cell: Any, expected: str) -> None:
    assert sheet_values.value(DEMO, "/period/start", cell) == expected


def test_a_period_cell_with_only_its_end_gives_the_end() -> None:
    assert sheet_values.values(DEMO, PERIOD, "至 2021-06") == ["", "2021-06"]
    assert sheet_values.values(DEMO, PERIOD, "2020-07 至") == ["2020-07", ""]


def test_an_amount_in_wan_is_read_with_or_without_yuan() -> None:
    assert sheet_values.value(DEMO, "/contract_amount", "120万") == 120
    assert sheet_values.value(DEMO, "/contract_amount", "120万元") == 120


def test_an_amount_in_yi_or_yuan_is_converted_to_wan_exactly() -> None:
    # The unit is written with the number: converting is arithmetic, dropping it would be 10 000 times off.
    assert sheet_values.value(DEMO, "/contract_amount", "120亿") == 1200000
    assert sheet_values.value(DEMO, "/contract_amount", "2.1亿元") == 21000
    assert sheet_values.value(DEMO, "/contract_amount", "3560000元") == 356
    assert sheet_values.value(DEMO, "/contract_amount", "1,234,567元") == 123.4567  # not 123.45670000000001
    assert sheet_values.value(DEMO, "/contract_amount", "0.1元") == 0.00001
    too_precise = "1.23456789012345678亿"  # no number in the file holds 12345.6789012345678: left for the validator
    assert sheet_values.value(DEMO, "/contract_amount", too_precise) == too_precise
