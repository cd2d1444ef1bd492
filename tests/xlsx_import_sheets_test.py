"""`accel666 import-xlsx` on sheets as people really make them: amounts in 元 or 亿元, one sheet per
city, codes turned into numbers, hidden columns and rows, other file formats.

Helpers come from xlsx_import_test.py (the template sheet, a valid row, the command).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from builders import SampleRepo
from xlsx_import_test import (
    FIRST_ROW,
    import_xlsx,
    reported_cells,
    row,
    save,
    template_sheet,
    written,
)

HEADER = FIRST_ROW - 1
AMOUNT = 7  # column G


def with_amount_header(header: str, amounts: list[Any]) -> openpyxl.Workbook:
    rows = [row(number) for number in range(1, len(amounts) + 1)]
    for values, amount in zip(rows, amounts, strict=True):
        values[AMOUNT - 1] = amount
    workbook = template_sheet(rows)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.cell(HEADER, AMOUNT, header)
    return workbook


# -- 1. the unit of the amount header -----------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "typed", "stored"),
    [
        ("项目合同金额（元）", 1234567.89, 123.456789),
        ("项目合同金额（元）", "1,200,000", 120),
        ("项目合同金额（亿元）", 1.5, 15000),
        ("项目合同金额（万元）", 1280, 1280),
        ("项目合同金额（元）", "120万", 120),  # the cell states its own unit
    ],
)
def test_amounts_are_stored_in_wan_yuan_whatever_unit_the_header_states(
    header: str, typed: Any, stored: Any, sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = with_amount_header(header, [typed])
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "a.xlsx"), monkeypatch) == 0
    assert written(sample_repo, row(1))["contract_amount"] == stored


def test_a_header_without_a_unit_is_read_in_wan_yuan_with_a_warning_at_the_header(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = save(with_amount_header("项目合同金额", [300]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 0
    err = capsys.readouterr().err
    assert f"{sheet}:附件3!G3: 警告：表头“项目合同金额”没有写金额单位，按通知规定的万元读取这一列" in err
    assert written(sample_repo, row(1))["contract_amount"] == 300


def test_a_header_with_a_unit_that_cannot_be_converted_is_refused_and_nothing_is_written(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = save(with_amount_header("项目合同金额（美元）", [300]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    assert "附件3!表头 G3“项目合同金额（美元）”的单位“美元”无法换算" in capsys.readouterr().err
    assert not list((sample_repo.root / "submissions").glob("*/*/demo-enterprise/91*MA00000*.yaml"))


def test_an_amount_that_cannot_be_converted_exactly_is_refused_at_its_cell(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = save(with_amount_header("项目合同金额（元）", [500000, "12345678901234.5678"]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"G5"}
    assert "有效数字过多，无法准确保存" in err
