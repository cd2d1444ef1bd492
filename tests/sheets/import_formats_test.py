"""`accel666 import-xlsx` on sheets as people really make them: amounts in 元 or 亿元, one sheet per
city, codes turned into numbers, hidden columns and rows, other file formats.

Helpers come from importer_test.py (the template sheet, a valid row, the command).
"""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from stdnum.cn import uscc

from accel666.documents.pdf import convert
from builders import SampleRepo, loaded_data
from sheets.importer_test import (
    FIRST_ROW,
    english_words,
    export_xlsx,
    hand_made_sheet,
    import_xlsx,
    reported_cells,
    row,
    row_of,
    save,
    template_sheet,
    word_document,
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


# -- 2. one sheet per city ----------------------------------------------------------------------


def city_sheets(cities: dict[str, list[list[Any]]], notes: bool = True) -> openpyxl.Workbook:
    """The template's sheet once per city (named after it), each with its rows, and a sheet of notes."""
    workbook = template_sheet([])
    template = workbook.active
    assert isinstance(template, Worksheet)
    for name, rows in cities.items():
        sheet = workbook.copy_worksheet(template)
        sheet.title = name
        for offset, values in enumerate(rows):
            for column, value in enumerate(values, start=1):
                sheet.cell(FIRST_ROW + offset, column, value)
    workbook.remove(template)
    if notes:
        workbook.create_sheet("填表说明").append(["金额以万元为单位"])
    return workbook


def test_every_sheet_with_the_header_is_imported_and_the_sheets_read_and_skipped_are_named(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, third = row(1), row(2), row(3)
    workbook = city_sheets({"无锡": [second], "南京": [first, third]})
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "a.xlsx"), monkeypatch) == 0
    out = capsys.readouterr().out
    assert (
        "读取的工作表：“无锡”（1 行）、“南京”（2 行）。未读取的工作表：“填表说明”：没有附件3 汇总表的表头，未读取。"
        in out
    )
    assert "已导入 3 行（新建 3 个" in out
    for values in (first, second, third):
        assert written(sample_repo, values)["enterprise"]["uscc"] == values[8]


def test_a_problem_names_its_sheet_and_one_enterprise_in_two_sheets_names_the_other_sheet(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first, again = row(1), row(2)
    again[8] = first[8]
    path = save(city_sheets({"南京": [first], "无锡": [again]}), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    err = capsys.readouterr().err
    assert f"{path}:南京!I4: 与工作表“无锡”第 4 行是同一家企业" in err
    assert f"{path}:无锡!I4: 与工作表“南京”第 4 行是同一家企业" in err
    assert "未写入任何文件：2 行中有 2 行有错误" in err


def test_a_sheet_with_most_of_the_header_but_a_column_missing_is_refused_not_skipped(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = city_sheets({"南京": [row(1)], "无锡": [row(2)]})
    workbook["无锡"].delete_cols(9)  # 统一社会信用代码
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "a.xlsx"), monkeypatch) == 1
    assert "找不到附件3 汇总表的表头（工作表“无锡”缺少 统一社会信用代码）" in capsys.readouterr().err
    assert not list((sample_repo.root / "submissions").glob("*/*/demo-enterprise/91*MA00000*.yaml"))


def test_a_hidden_sheet_is_not_imported_and_is_named(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = city_sheets({"南京": [row(1)], "旧版": [row(2)]}, notes=False)
    workbook["旧版"].sheet_state = "hidden"
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "a.xlsx"), monkeypatch) == 0
    assert "未读取的工作表：“旧版”：工作表已隐藏，未读取" in capsys.readouterr().out
    assert not (sample_repo.root / f"submissions/2020-1/320300/demo-enterprise/{row(2)[8]}.yaml").exists()
    assert import_xlsx(sample_repo, tmp_path / "a.xlsx", monkeypatch, "--sheet", "旧版") == 1
    assert "工作表“旧版”无法导入：工作表已隐藏，未读取；如需导入，请取消隐藏后重新导入。" in capsys.readouterr().err


def test_only_the_sheet_asked_for_is_imported(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = save(city_sheets({"南京": [row(1)], "无锡": [row(2)]}), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch, "--sheet", "无锡") == 0
    assert "读取的工作表：“无锡”（1 行）。\n" in capsys.readouterr().out


# -- 3. a code the spreadsheet turned into a number ---------------------------------------------


def digit_uscc(region: str, serial: int) -> str:
    """An all-digit 统一社会信用代码 (its check character a digit too), as many enterprises have."""
    while True:
        body = f"91{region}{serial:09d}"
        check = uscc.calc_check_digit(body)
        if check.isdigit():
            return body + check
        serial += 1


def header_labels() -> list[Any]:
    sheet = template_sheet([]).active
    assert isinstance(sheet, Worksheet)
    return [cell.value for cell in sheet[HEADER]]


def csv_text(rows: list[list[Any]]) -> str:
    stream = io.StringIO()
    csv.writer(stream).writerows([header_labels(), *rows])
    return stream.getvalue()


def test_an_all_digit_code_made_a_number_by_libreoffice_opening_a_csv_is_refused_at_its_cell_saying_how_to_fix_it(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(number) for number in (1, 2)]
    rows[1][8] = digit_uscc("320300", 912345678)
    (tmp_path / "附件3.csv").write_text(csv_text(rows), encoding="utf-8")
    (opened,) = convert([tmp_path / "附件3.csv"], "xlsx", tmp_path / "libreoffice", infilter="CSV:44,34,76")
    number = openpyxl.load_workbook(opened).active.cell(3, 9).value
    assert isinstance(number, float)  # what LibreOffice made of the code
    assert import_xlsx(sample_repo, opened, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, opened, "附件3") == {"I3"}
    assert f"附件3!I3: 「统一社会信用代码」被电子表格存成了数字（{format(number, '.15G')}）" in err
    assert "右键“设置单元格格式”→“文本”，再按营业执照重新输入代码" in err


def exact_number(path: Path, placeholder: int, digits: str) -> None:
    """Replace the number `placeholder` in the sheet's XML with `digits`, as a program keeping every digit writes it."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents[member] = contents[member].replace(f"<v>{placeholder}</v>".encode(), f"<v>{digits}</v>".encode(), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in contents.items():
            archive.writestr(name, content)


@pytest.mark.parametrize(
    ("stored", "accepted"),
    [
        (float(913200000000000000), False),  # a spreadsheet's number: its last digits are not known
        (9.13203e17, False),
        ("9.13203E+17", False),  # the same, saved as text (a CSV of such a sheet)
        (int, True),  # the exact digits in the file (no float holds them): they are what was typed
    ],
)
def test_a_numeric_code_is_accepted_only_when_its_digits_are_certain(
    stored: Any,
    accepted: bool,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    values = row(3)
    values[8] = digit_uscc("320400", 3)
    placeholder = 4242
    workbook = template_sheet([[*values[:8], placeholder if stored is int else stored, values[9]]])
    path = save(workbook, tmp_path / "a.xlsx")
    if stored is int:  # openpyxl writes every number as a float: put the 18 digits in the file as they are
        assert float(int(values[8])) != int(values[8])
        exact_number(path, placeholder, values[8])
    assert import_xlsx(sample_repo, path, monkeypatch) == (0 if accepted else 1)
    err = capsys.readouterr().err
    if accepted:
        assert written(sample_repo, values)["enterprise"]["uscc"] == values[8]
    else:
        assert reported_cells(err, path) == {"I4"}
        assert "被电子表格存成了数字" in err


# -- 4. the contact cell ------------------------------------------------------------------------


def test_a_labelled_contact_cell_gives_the_name_and_the_phone(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = row(1)
    values[7] = "联系人：王五（手机：138 0000 0102）"
    assert import_xlsx(sample_repo, save(template_sheet([values]), tmp_path / "a.xlsx"), monkeypatch) == 0
    assert written(sample_repo, values)["contact"] == {"name": "王五", "phone": "13800000102"}


def test_two_phones_in_the_contact_cell_are_refused_at_the_cell_as_two_phones_not_a_strange_name(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = row(1)
    values[7] = "王五 手机 13800000102 电话 025-83001234"
    path = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, path) == {"H4"}
    assert "「实施企业联系人及电话」填写了 2 个电话（13800000102、025-83001234），申报文件只能保存 1 个" in err


# -- 5. hidden columns and rows -----------------------------------------------------------------


def test_a_hidden_stale_region_column_left_of_the_real_one_is_refused_naming_both(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = template_sheet([row(1), row(2)])
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.insert_cols(2)  # the stale copy in B, the real 地区 now in C
    for number in range(HEADER, HEADER + 3):
        sheet.cell(number, 2, "地区" if number == HEADER else "火星市")
    sheet.column_dimensions["B"].hidden = True
    path = save(workbook, tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    err = capsys.readouterr().err
    assert f"{path}:附件3: 表头“地区”有 2 列（B3（隐藏的列）、C3），无法确定哪一列是要导入的" in err
    assert not list((sample_repo.root / "submissions").glob("*/*/demo-enterprise/91*MA00000*.yaml"))


def test_a_hidden_column_that_is_read_is_said_at_its_header(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = template_sheet([row(1)])
    workbook.active.column_dimensions["J"].hidden = True  # 公开简介
    path = save(workbook, tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 0
    assert f"{path}:附件3!J3: 警告：这一列被隐藏，其中的内容也已导入" in capsys.readouterr().err


def test_hidden_and_filtered_rows_are_imported_and_counted(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = template_sheet([row(number) for number in range(1, 6)])
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.row_dimensions[5].hidden = True  # hidden by hand
    sheet.auto_filter.ref = f"A{HEADER}:J8"
    sheet.auto_filter.add_filter_column(3, ["五星级上云企业"])
    sheet.row_dimensions[7].hidden = True  # what the filter hides (Excel hides the rows it filters out)
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "a.xlsx"), monkeypatch) == 0
    out = capsys.readouterr().out
    assert "注意：工作表“附件3”有 2 行是隐藏的（手工隐藏或被筛选隐藏：第 5、7 行），这些行也已读取" in out
    assert "已导入 5 行" in out


# -- 6. zero-width and bidirectional formatting characters -------------------------------------


def test_zero_width_and_bidi_characters_are_taken_out_of_every_text_with_a_notice_at_their_cell(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = row(1)
    clean = list(values)
    values[2] = values[2][:2] + "\u200b" + values[2][2:] + "\ufeff"  # C4: the public name
    values[9] = "\u202e" + values[9]  # J4: the public summary, shown reversed
    values[7] = "示例联系人\u200d　" + values[7].split("　")[1]  # H4
    values[8] = values[8] + "\u2060"  # I4: the code
    path = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 0
    err = capsys.readouterr().err
    assert f"{path}:附件3!C4: TEXT-INVISIBLE 警告：含有不可见的格式字符 U+200B、U+FEFF（零宽字符或文字方向控制符" in err
    for cell, code in (("J4", "U+202E"), ("H4", "U+200D"), ("I4", "U+2060")):
        assert f"{path}:附件3!{cell}: TEXT-INVISIBLE 警告：含有不可见的格式字符 {code}（" in err
    data = written(sample_repo, clean)
    assert data["enterprise"] == {"name": clean[2], "uscc": clean[8]}
    assert data["public_summary"] == clean[9]
    assert data["contact"]["name"] == "示例联系人"


def test_a_formatting_character_and_an_error_in_one_cell_are_both_reported(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = row(1)
    values[8] = values[8][:-1] + "\u200b"  # a character short, and a zero-width space
    path = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, path) == {"I4"}
    assert f"{path}:附件3!I4: TEXT-INVISIBLE 警告：含有不可见的格式字符 U+200B" in err


# -- 7. rows deleted from the sheet -------------------------------------------------------------


def test_a_row_deleted_from_a_full_re_import_is_named_and_its_file_kept(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(number) for number in range(1, 4)]
    assert import_xlsx(sample_repo, save(template_sheet(rows), tmp_path / "first.xlsx"), monkeypatch) == 0
    exported = export_xlsx(sample_repo, tmp_path / "exported.xlsx", monkeypatch)
    workbook = openpyxl.load_workbook(exported)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.delete_rows(row_of(sheet, rows[1][8]))
    capsys.readouterr()
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "again.xlsx"), monkeypatch) == 0
    out = capsys.readouterr().out
    deleted = f"submissions/2020-1/320300/demo-enterprise/{rows[1][8]}.yaml"
    assert "注意：仓库中本批次有 1 个附件3 申报文件在这个汇总表中没有对应的行" in out
    assert f"\n  {deleted}\n" in out
    assert sample_repo.path(deleted).is_file()  # named, not deleted


def test_importing_one_sheet_names_no_file_as_absent(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        import_xlsx(sample_repo, save(template_sheet([row(1)]), tmp_path / "a.xlsx"), monkeypatch, "--sheet", "附件3")
        == 0
    )
    assert "没有对应的行" not in capsys.readouterr().out


# -- 8. other formats: .xls, .et, .ods, CSV -----------------------------------------------------


def converted(workbook: openpyxl.Workbook, tmp_path: Path, target: str, program: str = "libreoffice") -> Path:
    """The workbook as LibreOffice (or gnumeric's ssconvert) saves it in format `target` (xls, ods, csv)."""
    source = save(workbook, tmp_path / "附件3.xlsx")
    if program == "gnumeric":
        (tmp_path / target).mkdir()
        path = tmp_path / target / f"附件3.{target}"
        command = ["ssconvert", str(source), str(path)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0 and path.is_file(), done.stderr
        return path
    (path,) = convert([source], target, tmp_path / target)
    return path


RESAVED = [("libreoffice", "xls"), ("libreoffice", "ods"), ("gnumeric", "xls"), ("gnumeric", "ods")]


@pytest.mark.parametrize(("program", "target"), RESAVED)
def test_an_xls_or_ods_sheet_imports_with_the_same_checks_and_cell_addresses(
    program: str,
    target: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = [row(number) for number in range(1, 6)]
    rows[2][6] = "一千万"  # G6: not an amount
    rows[3][8] = 9.13203e17  # I7: a code made a number
    path = converted(template_sheet(rows), tmp_path, target, program)
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, path) == {"G6", "I7"}
    assert "被电子表格存成了数字" in err
    assert import_xlsx(sample_repo, path, monkeypatch, "--partial") == 1
    assert "已导入 3 行（新建 3 个" in capsys.readouterr().out
    for values in (rows[0], rows[1], rows[4]):
        data = written(sample_repo, values)
        assert data["enterprise"] == {"name": values[2], "uscc": values[8]}
        assert data["contract_amount"] == int(values[6])
        assert data["period"] == {"start": "2020-07", "end": "2021-06"}


@pytest.mark.parametrize(("program", "target"), RESAVED)
def test_a_region_merged_over_its_rows_in_an_xls_or_ods_is_the_region_of_each_row(
    program: str, target: str, sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [row(number) for number in (1, 17)]  # both of 无锡市
    workbook = template_sheet(rows)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.cell(FIRST_ROW + 1, 2).value = None
    sheet.merge_cells(start_row=FIRST_ROW, start_column=2, end_row=FIRST_ROW + 1, end_column=2)
    assert import_xlsx(sample_repo, converted(workbook, tmp_path, target, program), monkeypatch) == 0
    assert written(sample_repo, rows[1])["region"] == "320200"


@pytest.mark.parametrize(("program", "target"), RESAVED)
def test_hidden_rows_and_a_hidden_stale_column_of_an_xls_or_ods_are_reported(
    program: str,
    target: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workbook = template_sheet([row(number) for number in range(1, 4)])
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.row_dimensions[5].hidden = True
    path = converted(workbook, tmp_path, target, program)
    assert import_xlsx(sample_repo, path, monkeypatch) == 0
    assert "注意：工作表“附件3”有 1 行是隐藏的（手工隐藏或被筛选隐藏：第 5 行）" in capsys.readouterr().out
    sheet.insert_cols(2)
    sheet.cell(HEADER, 2, "地区")
    sheet.column_dimensions["B"].hidden = True
    (tmp_path / "stale").mkdir()
    stale = converted(workbook, tmp_path / "stale", target, program)
    assert import_xlsx(sample_repo, stale, monkeypatch) == 1
    assert "表头“地区”有 2 列（B3（隐藏的列）、C3）" in capsys.readouterr().err


def test_a_csv_saved_by_gnumeric_imports_with_the_same_checks_and_cell_addresses(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ssconvert writes the sheet's rows as they are, title lines included: the addresses stay the sheet's."""
    rows = [row(number) for number in range(1, 6)]
    rows[1][5] = "2021-06 至 2020-07"  # F5: ends before it starts
    rows[2][6] = "一千万"  # G6: not an amount
    rows[3][8] = 9.13203e17  # I7: a code made a number, written by gnumeric as 9.13203E+17
    path = converted(template_sheet(rows), tmp_path, "csv", "gnumeric")
    assert import_xlsx(sample_repo, path, monkeypatch, "--partial") == 1
    captured = capsys.readouterr()
    assert reported_cells(captured.err, path) == {"F5", "G6", "I7"}
    assert "已导入 2 行（新建 2 个" in captured.out
    for values in (rows[0], rows[4]):
        data = written(sample_repo, values)
        assert data["enterprise"] == {"name": values[2], "uscc": values[8]}
        assert data["contract_amount"] == int(values[6])


def test_a_wps_et_file_is_read_as_the_compound_workbook_it_is(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = row(1)
    xls = converted(template_sheet([values]), tmp_path, "xls")
    assert import_xlsx(sample_repo, xls.rename(xls.with_suffix(".et")), monkeypatch) == 0
    assert written(sample_repo, values)["enterprise"]["uscc"] == values[8]


def test_an_et_file_that_cannot_be_read_is_told_to_be_saved_as_xlsx_in_wps(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "附件3.et"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(1024))  # a compound file without a workbook stream
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    err = capsys.readouterr().err
    assert "WPS 表格文件（.et）无法读取：请在 WPS 中打开，“另存为” Excel 工作簿（*.xlsx）后再导入" in err
    assert english_words(err, path) == set()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_csv_file_imports_in_each_encoding_chinese_offices_save(
    encoding: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = [row(number) for number in range(1, 4)]
    if encoding == "gb18030":
        rows[0][2] = "䶮" + rows[0][2]  # a character GBK has not: GB18030 writes it in four bytes
    rows[1][5] = "2021-06 至 2020-07"  # F3: ends before it starts
    path = tmp_path / "附件3.csv"
    path.write_bytes(csv_text(rows).encode(encoding))
    assert import_xlsx(sample_repo, path, monkeypatch, "--partial") == 1
    captured = capsys.readouterr()
    assert reported_cells(captured.err, path) == {"F3"}
    assert "读取的工作表：“附件3”（3 行）" in captured.out
    assert written(sample_repo, rows[0])["enterprise"]["name"] == rows[0][2]
    assert written(sample_repo, rows[2])["contact"] == {"name": "示例联系人", "phone": rows[2][7][-11:]}


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "PDF 文件"),
        (word_document, "Word 文档（.docx）"),
        (
            lambda p: p.write_bytes(
                bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(2)
            ),
            "Word 97-2003 文档（.doc）",
        ),
        (lambda p: p.write_bytes(bytes(range(256)) * 4), "无法识别的二进制文件"),
        (
            lambda p: p.write_text("<html><body><table><tr><td>地区</td><td>企业名称</td></tr></table>", "gbk"),
            "网页文件（HTML，常见于网上系统导出的“Excel”表格）",
        ),
    ],
    ids=["pdf", "docx", "doc", "binary", "html"],
)
def test_a_file_that_is_no_spreadsheet_is_named_by_what_it_really_is(
    make: Any,
    named: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "附件3.xlsx"
    make(path)
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    err = capsys.readouterr().err
    assert f"{path}: 这个文件实际是{named}，不是电子表格" in err
    assert "可能是 Word 文档" not in err
    assert english_words(err, path) == set()


def test_an_ods_renamed_to_xlsx_is_read_as_the_ods_it_is(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = row(1)
    ods = converted(template_sheet([values]), tmp_path, "ods")
    assert import_xlsx(sample_repo, ods.rename(ods.with_suffix(".xlsx")), monkeypatch) == 0
    assert written(sample_repo, values)["enterprise"]["uscc"] == values[8]


# -- 9. the ways people write amounts and months ------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "period"),
    [
        ("2020.06", "2021.06", {"start": "2020-06", "end": "2021-06"}),  # as text
        (2020.06, 2021.12, {"start": "2020-06", "end": "2021-12"}),  # typed in Excel: numbers
        ("2020年6月", "202106", {"start": "2020-06", "end": "2021-06"}),
    ],
)
def test_a_month_in_a_start_or_end_sub_column_is_read_as_in_the_one_cell_period(
    start: Any,
    end: Any,
    period: dict[str, str],
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workbook, expected = hand_made_sheet()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet["F5"], sheet["G5"] = start, end
    sheet["F5"].number_format = "General"  # it held a date
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "a.xlsx"), monkeypatch) == 0
    path = f"submissions/2020-1/{expected[0]['region']}/demo-enterprise/{expected[0]['uscc']}.yaml"
    assert loaded_data(sample_repo.path(path).read_bytes(), path)["period"] == period


def test_a_month_a_spreadsheet_made_a_number_with_one_decimal_is_refused_not_guessed(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, _ = hand_made_sheet()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet["G5"] = 2021.1  # 2021.10 or 2021.1? A number cannot say
    path = save(workbook, tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    assert reported_cells(capsys.readouterr().err, path, "汇总") == {"G5"}
