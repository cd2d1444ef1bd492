"""`accel666 import-xlsx`: a 附件3 summary sheet in, one valid application file per row out.

Sheets are made the way people make them: from the site's blank template, by hand
with title rows and merged headers, or saved again by LibreOffice. Every row is
checked as the pull request adding it would be (validator and change rules) before
anything is written; a bad cell is reported as FILE:sheet!CELL in a sheet's terms;
importing the same sheet again changes nothing.

The sample batch 2020-1 closes for applications on 2020-08-30 and its sample
demo-enterprise applications already have their bureaus' recommendations: tests
about something else import on IN_TIME.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from stdnum.cn import uscc

import typing_cases
from accel666.cli import main
from accel666.documents.export import annex3_xlsx
from accel666.documents.pdf import convert
from builders import SAMPLES, SampleRepo, loaded_data
from fix_test import fix, xuzhou_application

BATCH = "2020-1"
REGIONS = [  # (code, name) of the 16 recommending regions, as submissions/regions.yaml has them
    ("320100", "南京市"),
    ("320200", "无锡市"),
    ("320300", "徐州市"),
    ("320400", "常州市"),
    ("320500", "苏州市"),
    ("320600", "南通市"),
    ("320700", "连云港市"),
    ("320800", "淮安市"),
    ("320900", "盐城市"),
    ("321000", "扬州市"),
    ("321100", "镇江市"),
    ("321200", "泰州市"),
    ("321300", "宿迁市"),
    ("320583", "昆山市"),
    ("321283", "泰兴市"),
    ("321322", "沭阳县"),
]
TYPES = ["工业互联网标杆工厂", "五星级上云企业", "四星级上云企业", "三星级上云企业"]
FIRST_ROW = 4  # the blank template: title, 填报单位, header, then rows
IN_TIME = "2020-08-20"  # before the sample batch's application deadline, 2020-08-30
LATE = "2020-09-01"  # after it
# Latin words an error message may hold: the command, and the programs and file types the user knows.
ALLOWED_WORDS = {
    "accel666",
    "Excel",
    "WPS",
    "Word",
    "xlsx",
    "xls",
    "et",
    "ods",
    "OpenDocument",
    "CSV",
    "PDF",
    "docx",
    "doc",
    "HTML",
    "XML",
}


def make_uscc(region: str, serial: int) -> str:
    body = f"91{region}MA{serial:07d}"
    return body + uscc.calc_check_digit(body)


def row(number: int) -> list[Any]:
    """A valid row in the template's ten columns (序号 … 统一社会信用代码, 公开简介)."""
    code, name = REGIONS[number % len(REGIONS)]
    return [
        number,
        name,
        f"{name}示例第{number}智能制造有限公司",
        TYPES[number % len(TYPES)],
        f"（示例数据）第 {number} 家企业生产设备接入腾讯云，实现设备联网、生产排程和质量追溯。",
        "2020-07 至 2021-06",
        str(100 + number),  # numbers stored as text, as the exported sheet has them
        f"示例联系人　138{number:08d}",
        make_uscc(code, number),
        f"（示例数据）第 {number} 家企业设备上云，打造示范工厂。",
    ]


def template_sheet(rows: list[list[Any]]) -> openpyxl.Workbook:
    """The site's blank 附件3 template with `rows` typed in from its first row on."""
    workbook = openpyxl.load_workbook(io.BytesIO(annex3_xlsx()))
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(FIRST_ROW + offset, column, value)
    return workbook


def save(workbook: openpyxl.Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def import_xlsx(
    repo: SampleRepo, path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str, today: str | None = IN_TIME
) -> int:
    """`accel666 import-xlsx PATH --batch 2020-1 --today TODAY` (no --today when None: today in Beijing)."""
    monkeypatch.chdir(repo.root)
    return main(["import-xlsx", str(path), "--batch", BATCH, *extra, *(["--today", today] if today else [])])


def export_xlsx(repo: SampleRepo, path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(repo.root)
    assert main(["export-xlsx", "-o", str(path)]) == 0
    return path


def row_of(sheet: Worksheet, code: str) -> int:
    """The row of the exported sheet that holds the enterprise with 统一社会信用代码 `code`."""
    return next(number for number in range(FIRST_ROW, sheet.max_row + 1) if sheet.cell(number, 9).value == code)


def snapshot(repo: SampleRepo) -> dict[str, tuple[bytes, int]]:
    """Every file under submissions/ with its content and modification time."""
    base = repo.root / "submissions"
    return {
        p.relative_to(base).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in base.rglob("*") if p.is_file()
    }


def written(repo: SampleRepo, values: list[Any]) -> Any:
    code = next(code for code, name in REGIONS if name == values[1])
    path = repo.path(f"submissions/{BATCH}/{code}/demo-enterprise/{values[8]}.yaml")
    return loaded_data(path.read_bytes(), str(path))


# -- the whole sheet ---------------------------------------------------------------------------


def test_a_sheet_of_600_rows_becomes_600_valid_applications_in_their_folders(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(number) for number in range(1, 601)]
    sheet = save(template_sheet(rows), tmp_path / "汇总表.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 0
    assert "已导入 600 行（新建 600 个，更新 0 个，未改变 0 个文件）" in capsys.readouterr().out
    assert sample_repo.check().findings == []  # the whole repository, as CI checks it
    made = sorted((sample_repo.root / "submissions").glob(f"{BATCH}/*/demo-enterprise/91*MA0*.yaml"))
    assert len(made) == 600
    for values in (rows[0], rows[299], rows[599]):
        data = written(sample_repo, values)
        assert data["enterprise"] == {"name": values[2], "uscc": values[8]}
        assert data["contract_amount"] == int(values[6])
        assert data["contact"] == {"name": "示例联系人", "phone": values[7][-11:]}
        assert data["period"] == {"start": "2020-07", "end": "2021-06"}


def skeleton(text: str) -> list[str]:
    """Comments, blank lines and keys of a YAML file, without the values."""
    kept = []
    for line in text.splitlines():
        key = re.match(r"\s*[a-z_]+:", line)
        if not line or line.lstrip().startswith("#"):
            kept.append(line)
        elif key:
            kept.append(key.group())
    return kept


def test_an_imported_file_looks_like_the_template_accel666_new_writes(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = row(3)
    assert import_xlsx(sample_repo, save(template_sheet([values]), tmp_path / "a.xlsx"), monkeypatch) == 0
    imported = sample_repo.path(f"submissions/{BATCH}/320400/demo-enterprise/{values[8]}.yaml").read_text("utf-8")
    fresh_path = tmp_path / "new.yaml"
    new = ["new", "demo-enterprise", "--batch", BATCH, "--region", "320400", "--uscc", values[8], "-o", str(fresh_path)]
    assert main(new) == 0
    fresh = fresh_path.read_text("utf-8").replace("accel666 new demo-enterprise", "accel666 import-xlsx")
    # The same comments, blank lines and keys, in the same order; only the values differ.
    assert skeleton(imported) == skeleton(fresh)
    assert "# 由 accel666 import-xlsx 根据 schemas/demo-enterprise.schema.json 生成。" in imported
    assert f'  uscc: "{values[8]}"' in imported
    assert 'phone: "13800000003"' in imported  # quoted: a code stays text


# -- bad rows ------------------------------------------------------------------------------------


def five_bad_cells() -> tuple[list[list[Any]], set[str]]:
    rows = [row(number) for number in range(1, 21)]
    rows[1][1] = "火星市"  # B5: no such region
    rows[3][8] = rows[3][8][:-1] + ("0" if rows[3][8][-1] != "0" else "1")  # I7: wrong check character
    rows[5][7] = "示例联系人 1380000004"  # H9: a digit short
    rows[7][6] = "一千万"  # G11: not a number
    rows[7][5] = "2021-06 至 2020-07"  # F11: ends before it starts
    return rows, {"B5", "I7", "H9", "G11", "F11"}


def reported_cells(err: str, sheet: Path, name: str = "附件3") -> set[str]:
    """The cells of sheet `name` that the errors (not the warnings, with their code or without) are reported at."""
    pattern = rf"^{re.escape(str(sheet))}:{re.escape(name)}!([A-Z]+[0-9]+): (?![A-Z0-9-]* ?警告)[^\n]*[\u4e00-\u9fff]"
    return set(re.findall(pattern, err, re.MULTILINE))


def test_five_bad_cells_are_reported_at_exactly_those_cells_and_nothing_is_written(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows, bad = five_bad_cells()
    sheet = save(template_sheet(rows), tmp_path / "汇总表.xlsx")
    before = snapshot(sample_repo)
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == bad
    assert len(err.splitlines()) == len(bad) + 1  # one line a cell, then the verdict
    assert "未写入任何文件：20 行中有 4 行有错误" in err
    assert snapshot(sample_repo) == before


def test_with_partial_the_good_rows_are_written_and_the_bad_ones_reported(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows, bad = five_bad_cells()
    sheet = save(template_sheet(rows), tmp_path / "汇总表.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch, "--partial") == 1
    captured = capsys.readouterr()
    assert reported_cells(captured.err, sheet) == bad
    assert "已导入 16 行（新建 16 个" in captured.out
    made = list((sample_repo.root / "submissions").glob(f"{BATCH}/*/demo-enterprise/91*MA0*.yaml"))
    assert len(made) == 16
    assert sample_repo.check().findings == []


@pytest.mark.parametrize("region", ["无锡市", "南京市"], ids=["same-region", "another-region"])
def test_one_enterprise_twice_in_the_sheet_is_refused_at_both_rows_each_naming_the_other(
    region: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    again = row(1)  # 无锡市
    again[1] = region
    sheet = save(template_sheet([row(1), row(2), again]), tmp_path / "a.xlsx")
    before = snapshot(sample_repo)
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"I4", "I6"}
    assert f"{sheet}:附件3!I4: 与第 6 行是同一家企业（统一社会信用代码相同）" in err
    assert f"{sheet}:附件3!I6: 与第 4 行是同一家企业（统一社会信用代码相同）" in err
    assert "submissions/" not in err  # no file that the import has not written
    assert snapshot(sample_repo) == before


def test_an_enterprise_already_applying_in_another_region_is_the_validators_duplicate(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = row(1)  # 南京市
    values[8] = Path(SAMPLES["demo"]).stem  # already in 徐州市's folder
    sheet = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"I4"}
    assert "重复申报" in err
    assert SAMPLES["demo"] in err


# -- again, and back and forth -------------------------------------------------------------------


def test_importing_the_same_sheet_again_changes_nothing(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = save(template_sheet([row(number) for number in range(1, 31)]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 0
    first = snapshot(sample_repo)
    capsys.readouterr()
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 0
    assert "新建 0 个，更新 0 个，未改变 30 个文件" in capsys.readouterr().out
    assert snapshot(sample_repo) == first


def test_a_changed_row_updates_its_file_only(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(number) for number in range(1, 4)]
    assert import_xlsx(sample_repo, save(template_sheet(rows), tmp_path / "a.xlsx"), monkeypatch) == 0
    rows[1][6] = "88.5"
    assert import_xlsx(sample_repo, save(template_sheet(rows), tmp_path / "b.xlsx"), monkeypatch) == 0
    assert "新建 0 个，更新 1 个，未改变 2 个文件" in capsys.readouterr().out
    assert written(sample_repo, rows[1])["contract_amount"] == 88.5


def test_export_import_export_is_stable_and_leaves_the_hand_written_samples_alone(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    assert (
        import_xlsx(sample_repo, save(template_sheet([row(n) for n in range(1, 41)]), tmp_path / "a.xlsx"), monkeypatch)
        == 0
    )
    before = snapshot(sample_repo)
    assert main(["export-xlsx", "-o", str(tmp_path / "first.xlsx")]) == 0
    assert import_xlsx(sample_repo, tmp_path / "first.xlsx", monkeypatch) == 0
    assert "新建 0 个，更新 0 个，未改变 44 个文件" in capsys.readouterr().out  # 40 imported and 4 samples
    assert snapshot(sample_repo) == before
    assert main(["export-xlsx", "-o", str(tmp_path / "second.xlsx")]) == 0
    assert (tmp_path / "second.xlsx").read_bytes() == (tmp_path / "first.xlsx").read_bytes()


def test_a_hand_written_file_with_a_multi_line_summary_is_left_alone_by_export_and_import(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = make_uscc("320100", 700)
    hand_written = (
        sample_repo.read(SAMPLES["demo"])
        .replace('region: "320300"', 'region: "320100"')
        .replace("91320312MA1X2T9F6G", code)
        .replace("徐州示例重工机械有限公司", "南京示例重工机械有限公司")
        .replace(
            "summary: （示例数据）建设工程机械总装车间数字孪生系统，设备联网率达到 95%，",
            "summary: |\n  （示例数据）建设工程机械总装车间数字孪生系统，\n  设备联网率达到 95%，",
        )
    )
    relpath = f"submissions/{BATCH}/320100/demo-enterprise/{code}.yaml"
    sample_repo.write(relpath, hand_written)
    assert "summary: |\n" in hand_written
    assert sample_repo.check(relpath).findings == []  # valid as written by hand
    before = snapshot(sample_repo)
    sheet = export_xlsx(sample_repo, tmp_path / "导出.xlsx", monkeypatch)
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 0
    assert "新建 0 个，更新 0 个，未改变 5 个文件" in capsys.readouterr().out  # the 4 samples and this one
    assert snapshot(sample_repo) == before  # its comments and its `|` block as they were


# -- what the import changes, as a pull request would be checked ------------------------------------


@pytest.mark.parametrize("today", [LATE, None], ids=["given", "today-in-beijing"])
def test_new_rows_after_the_application_deadline_are_refused_at_their_rows_naming_the_deadline(
    today: str | None,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = save(template_sheet([row(number) for number in range(1, 4)]), tmp_path / "a.xlsx")
    before = snapshot(sample_repo)
    assert import_xlsx(sample_repo, sheet, monkeypatch, today=today) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"C4", "C5", "C6"}  # each row at its enterprise's name
    late = [line for line in err.splitlines() if "!C" in line]
    assert len(late) == 3
    assert all("2020-08-30" in line and "截止" in line for line in late)
    assert "未写入任何文件：3 行中有 3 行有错误" in err
    assert snapshot(sample_repo) == before


def test_a_changed_row_of_an_application_with_a_recommendation_is_refused(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = Path(SAMPLES["demo"]).stem  # recommended: submissions/2020-1/320300/recommendations/demo-enterprise/
    workbook = openpyxl.load_workbook(export_xlsx(sample_repo, tmp_path / "导出.xlsx", monkeypatch))
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    changed = row_of(sheet, code)
    sheet.cell(changed, 7, "1300")  # 项目合同金额 1280 -> 1300
    before = snapshot(sample_repo)
    path = save(workbook, tmp_path / "改过.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, path) == {f"C{changed}"}
    assert "已有推荐意见" in err
    assert f"recommendations/demo-enterprise/{code}.yaml" in err
    assert snapshot(sample_repo) == before


def test_an_unchanged_sheet_imported_again_after_the_deadline_changes_nothing_and_finds_nothing(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = save(template_sheet([row(number) for number in range(1, 4)]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch, today=IN_TIME) == 0
    exported = export_xlsx(sample_repo, tmp_path / "导出.xlsx", monkeypatch)  # with the recommended samples
    before = snapshot(sample_repo)
    capsys.readouterr()
    for again in (sheet, exported):
        assert import_xlsx(sample_repo, again, monkeypatch, today=LATE) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "新建 0 个，更新 0 个，未改变 3 个文件" in captured.out
    assert "新建 0 个，更新 0 个，未改变 7 个文件" in captured.out
    assert snapshot(sample_repo) == before


def test_today_must_be_a_date(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = save(template_sheet([row(1)]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch, today="2020-08-32") == 2
    assert "应写成 YYYY-MM-DD" in capsys.readouterr().err


# -- sheets as people make them --------------------------------------------------------------------


def hand_made_sheet() -> tuple[openpyxl.Workbook, list[dict[str, Any]]]:
    """Two title rows, headers merged over two rows, 项目实施期限 and the contact split into sub-columns
    under merged headers, full-width and text-typed numbers, date cells, a blank row and trailing blank rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "汇总"
    sheet["A1"] = "附件3"
    sheet["A2"] = "上云上平台示范企业推进项目汇总表（2020年第一批）"
    sheet.merge_cells("A2:L2")
    heads = [
        "序号",
        "地区",
        "企业\n名称",
        "项目类型(工业互联网标杆工厂，或五星级、四星级、三星级上云企业)",
        "项目情况简介",
    ]
    for column, text in enumerate(heads, start=1):
        sheet.cell(3, column, text)
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    sheet["F3"], sheet["F4"], sheet["G4"] = "项目实施期限", "开始年月", "结束年月"
    sheet.merge_cells("F3:G3")
    sheet["H3"] = "项目合同金额(万元)"
    sheet.merge_cells("H3:H4")
    sheet["I3"], sheet["I4"], sheet["J4"] = "实施企业联系人及电话", "联系人", "电话"
    sheet.merge_cells("I3:J3")
    sheet["K3"], sheet["L3"] = "统一社会信用代码", "公开 简介"
    sheet.merge_cells("K3:K4")
    sheet.merge_cells("L3:L4")
    expected: list[dict[str, Any]] = []
    regions = [("无锡市工业和信息化局", "320200"), ("常州市工信局", "320400"), (320500, "320500")]
    for offset, (typed, code) in enumerate(regions):
        number = offset + 1
        code18 = make_uscc(code, 900 + number)
        fullwidth = code18.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
        values = [
            number,
            typed,
            f"示例（第{number}）精密制造有限公司",
            TYPES[offset],
            f"  （示例数据）第 {number} 家：生产线数字化改造，\n设备接入腾讯云。  ",
            dt.datetime(2020, 7 + offset, 1),
            "2021-06",
            "１２８０．５" if offset == 0 else 1280 + offset,
            f"联系人{number}",
            "０２５-８３０００００１" if offset == 0 else 13800000000 + number,
            fullwidth,
            f"（示例数据）第 {number} 家企业数字化改造。",
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(5 + offset * 2, column, value)  # a blank row after each
        expected.append(
            {
                "region": code,
                "uscc": code18,
                "name": values[2],
                "summary": f"（示例数据）第 {number} 家：生产线数字化改造，\n设备接入腾讯云。",
                "period": {"start": f"2020-{7 + offset:02d}", "end": "2021-06"},
                "amount": 1280.5 if offset == 0 else 1280 + offset,
                "contact": {"name": f"联系人{number}", "phone": "025-83000001" if offset == 0 else str(values[9])},
            }
        )
    for blank in range(12, 40):  # formatted but empty rows at the end
        sheet.cell(blank, 1).border = openpyxl.styles.Border(left=openpyxl.styles.Side(style="thin"))
    return workbook, expected


def test_a_hand_made_sheet_with_titles_merged_headers_and_sub_columns_imports(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook, expected = hand_made_sheet()
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "手工.xlsx"), monkeypatch) == 0
    for item in expected:
        path = sample_repo.path(f"submissions/{BATCH}/{item['region']}/demo-enterprise/{item['uscc']}.yaml")
        data = loaded_data(path.read_bytes(), str(path))
        assert data["enterprise"] == {"name": item["name"], "uscc": item["uscc"]}
        assert data["summary"] == item["summary"]  # Chinese text as typed, only trimmed
        assert data["period"] == item["period"]
        assert data["contract_amount"] == item["amount"]
        assert data["contact"] == item["contact"]
    assert sample_repo.check().findings == []


def test_a_sheet_saved_by_libreoffice_from_the_blank_template_imports(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [row(number) for number in range(1, 6)]
    filled = save(template_sheet(rows), tmp_path / "附件3.xlsx")
    (resaved,) = convert([filled], "xlsx", tmp_path / "libreoffice")
    assert resaved.read_bytes() != filled.read_bytes()
    assert import_xlsx(sample_repo, resaved, monkeypatch) == 0
    for values in rows:
        data = written(sample_repo, values)
        assert data["enterprise"]["name"] == values[2]
        assert data["contract_amount"] == int(values[6])
    assert sample_repo.check().findings == []


@pytest.mark.parametrize(
    "total",
    [
        ["合计", None, None, None, None, None, 306],
        [None, "总 计", None, None, None, None, "306万元"],
        ["小计：", None, "3 家企业", None, None, None, "=SUM(G4:G6)"],
    ],
    ids=["合计-in-序号", "总计-first-filled", "小计-with-formula"],
)
def test_a_total_row_is_not_an_enterprise(
    total: list[Any],
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = [row(number) for number in range(1, 4)]
    assert import_xlsx(sample_repo, save(template_sheet([*rows, total]), tmp_path / "a.xlsx"), monkeypatch) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "已导入 3 行（新建 3 个" in captured.out


@pytest.mark.parametrize("merged", ["B4:B6", "B4:B9"], ids=["over-its-rows", "reaching-into-empty-rows"])
def test_a_region_cell_merged_over_the_rows_of_its_city_is_the_region_of_each_row(
    merged: str, sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [row(number) for number in (4, 20, 36)]  # three enterprises of 苏州市
    assert {values[1] for values in rows} == {"苏州市"}
    workbook = template_sheet([rows[0], *([values[0], None, *values[2:]] for values in rows[1:])])
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.merge_cells(merged)
    assert import_xlsx(sample_repo, save(workbook, tmp_path / "合并.xlsx"), monkeypatch) == 0
    made = (sample_repo.root / "submissions" / BATCH / "320500" / "demo-enterprise").glob("91320500MA*.yaml")
    assert sorted(path.stem for path in made) == sorted(values[8] for values in rows)
    for values in rows:
        assert written(sample_repo, values)["region"] == "320500"


def test_a_code_typed_in_lower_case_is_read_in_upper_case(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = row(3)
    typed = values[8].lower()
    assert typed != values[8]
    values[8] = typed
    assert import_xlsx(sample_repo, save(template_sheet([values]), tmp_path / "a.xlsx"), monkeypatch) == 0
    values[8] = typed.upper()
    assert written(sample_repo, values)["enterprise"]["uscc"] == values[8]  # and the file is named so


def test_a_line_break_in_a_name_is_refused_at_its_cell_but_a_summary_may_have_several_lines(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken, fine = row(1), row(2)
    broken[2] = "无锡示例智能制造\n有限公司"  # Alt+Enter
    fine[4] = "（示例数据）设备接入腾讯云，\n实现设备联网和质量追溯。"
    sheet = save(template_sheet([broken, fine]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"C4"}
    assert (
        f"{sheet}:附件3!C4: 「企业名称 › 单位名称」格式不正确（现为 “无锡示例智能制造〔换行〕有限公司”）：这一格只能填写一行文字"
        in err
    )


@pytest.mark.parametrize(
    ("column", "character", "cell"),
    [(9, "\x7f", "J4"), (4, "\x85", "E4"), (4, "\u2028", "E4")],
    ids=["DEL-in-公开简介", "NEL-in-项目情况简介", "line-separator"],
)
def test_an_invisible_control_character_is_refused_at_its_cell_and_nothing_is_written(
    column: int,
    character: str,
    cell: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Text pasted from another system may carry one: its file would fail to load, or read NEL as a space."""
    values = row(1)
    values[column] = f"（示例数据）设备接入{character}腾讯云。"
    sheet = save(template_sheet([values]), tmp_path / "a.xlsx")
    before = snapshot(sample_repo)
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {cell}
    code = f"U+{ord(character):04X}"
    assert f"{cell}: 含有不可见的控制字符 {code}：请删除该字符（常见于从其他系统复制的文字）。" in err
    assert len(err.splitlines()) == 2  # one line for the cell, then the verdict
    assert snapshot(sample_repo) == before


@pytest.mark.parametrize(
    ("typed", "missing"),
    [
        (dt.datetime(2020, 7, 1), "只填写了一个日期（2020-07-01），不能确定它是开始年月还是结束年月"),
        ("2020-07", "只填写了一个年月（2020-07），不能确定它是开始年月还是结束年月"),
        ("2020-07 至", "缺少结束年月"),
        ("至 2021-06", "缺少开始年月"),
        (None, "未填写"),
    ],
    ids=["one-date", "one-month", "start-only", "end-only", "empty"],
)
def test_a_period_cell_without_both_months_asks_for_both(
    typed: Any,
    missing: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    values = row(1)
    values[5] = typed
    sheet = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"F4"}
    assert f"F4: 「项目实施期限」{missing}：请填写开始和结束年月，如 2020-07 至 2021-06。" in err
    assert len(err.splitlines()) == 2  # one line for the cell, then the verdict


# In groups, in other groups, after +86: a mobile all the same, repaired as `accel666 fix` repairs it.
@pytest.mark.parametrize("typed", ["王五 138 0000 0102", "王五 1380 000 0102", "王五 +86 13800000102"])
def test_a_mobile_number_written_in_groups_or_after_86_is_read_as_one(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    values = row(1)
    values[7] = typed
    assert import_xlsx(sample_repo, save(template_sheet([values]), tmp_path / "a.xlsx"), monkeypatch) == 0
    assert written(sample_repo, values)["contact"] == {"name": "王五", "phone": "13800000102"}


@pytest.mark.parametrize("typed", ["钱七，025-83001234转8001", "钱七 025-830012"])
def test_a_phone_that_is_not_one_is_a_wrong_phone_not_a_missing_one(
    typed: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    values = row(1)
    values[7] = typed
    sheet = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"H4"}
    assert "「实施企业联系人及电话 › 电话」格式不正确" in err
    assert "未填写" not in err


def test_a_formula_without_a_calculated_value_says_so_and_one_calculated_imports_as_its_value(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = row(1)
    values[6] = "=100+28"  # written by a program: no value saved with it
    sheet = save(template_sheet([values]), tmp_path / "公式.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"G4"}
    assert "G4: 公式没有计算结果：请在 Excel 或 WPS 中打开并保存，或把公式粘贴为数值。" in err
    (calculated,) = convert([sheet], "xlsx", tmp_path / "libreoffice")  # opened and saved: the value is saved too
    assert import_xlsx(sample_repo, calculated, monkeypatch) == 0
    assert written(sample_repo, values)["contract_amount"] == 128


def test_messages_at_cells_speak_of_cells_not_of_yaml(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(number) for number in range(1, 6)]
    rows[0][2] = None  # C4: empty
    rows[1][8] = "91320200MA000"  # I5: too short
    rows[2][7] = "示例联系人 12345678901"  # H6: no such phone
    rows[3][6] = None  # G7: empty number
    rows[4][9] = ""  # J8: empty text
    sheet = save(template_sheet(rows), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"C4", "I5", "H6", "G7", "J8"}
    for word in ("引号", "注释", "YAML", "模板", "accel666 fix"):
        assert word not in err
    assert "C4: 「企业名称 › 单位名称」未填写：请填写这一格。" in err
    assert "I5: 「企业名称 › 统一社会信用代码」格式不正确（现为 “91320200MA000”）：应为 18 位数字或大写字母" in err


# -- bad input -----------------------------------------------------------------------------------


def test_the_blank_template_has_no_rows_to_import(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = tmp_path / "blank.xlsx"
    blank.write_bytes(annex3_xlsx())  # rows 1 to 3 numbered, nothing else
    assert import_xlsx(sample_repo, blank, monkeypatch) == 1
    assert "没有数据行" in capsys.readouterr().err


def comma_separated(path: Path) -> Path:
    path.write_text("序号,地区\n1,南京市\n", encoding="utf-8")
    return path


def word_document(path: Path) -> Path:
    """A Word document renamed to .xlsx: a zip archive too, but with no workbook in it."""
    document = docx.Document()
    document.add_paragraph("附件3 上云上平台示范企业推进项目汇总表")
    document.save(str(path))
    return path


def compound_file(path: Path) -> Path:
    """What Excel writes for a workbook with an opening password: a compound file with an EncryptedPackage stream."""
    directory = "EncryptedPackage".encode("utf-16-le") + bytes(2)
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + directory + bytes(96))
    return path


def headless(path: Path) -> Path:
    workbook = template_sheet([row(1)])
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.delete_cols(9)  # 统一社会信用代码
    return save(workbook, path)


def english_words(err: str, path: Path) -> set[str]:
    """The Latin words of a message, the file's path and the names of tools aside."""
    return set(re.findall(r"[A-Za-z][A-Za-z0-9]+", err.replace(str(path), ""))) - ALLOWED_WORDS


@pytest.mark.parametrize(
    ("make", "extra", "message"),
    [
        (lambda p: p, (), "找不到文件"),
        (comma_separated, (), "；这个文件实际是CSV 文本文件，已按其内容读取）"),  # a CSV named .xlsx: read as CSV
        (word_document, (), "这个文件实际是Word 文档（.docx），不是电子表格，可能是选错了文件或改了扩展名"),
        (compound_file, (), "工作簿设置了打开密码（已加密），无法读取"),
        (lambda p: save(template_sheet([row(1)]), p), ("--sheet", "第二页"), "没有名为“第二页”的可读取的工作表"),
        (headless, (), "缺少 统一社会信用代码"),
    ],
    ids=["missing", "csv-without-header", "word-document", "encrypted", "no-such-sheet", "missing-header"],
)
def test_bad_input_is_a_chinese_error_with_exit_code_1_and_no_traceback(
    make: Any,
    extra: tuple[str, ...],
    message: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = make(tmp_path / "表.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch, *extra) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert english_words(err, path) == set()  # no exception's name, no library's English


def test_an_old_xls_renamed_to_xlsx_is_read_as_the_xls_it_is(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = row(1)
    (old,) = convert([save(template_sheet([values]), tmp_path / "附件3.xlsx")], "xls", tmp_path / "libreoffice")
    renamed = old.rename(old.with_suffix(".xlsx"))
    assert import_xlsx(sample_repo, renamed, monkeypatch) == 0
    assert "已导入 1 行（新建 1 个" in capsys.readouterr().out
    assert written(sample_repo, values)["enterprise"] == {"name": values[2], "uscc": values[8]}


def test_an_unknown_batch_is_a_usage_error(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    sheet = save(template_sheet([row(1)]), tmp_path / "a.xlsx")
    assert main(["import-xlsx", str(sheet), "--batch", "2099-1"]) == 2
    assert "批次 2099-1 不存在" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("typed", "folder"),
    [
        ("南京市", "320100"),
        ("南京市工业和信息化局", "320100"),  # the bureau
        ("南京市工信局", "320100"),  # an alias from regions.yaml
        ("320100", "320100"),
        (320100, "320100"),  # a number cell
        ("南京", "320100"),  # the one region whose name begins so
        ("３２０５８３", "320583"),
    ],
)
def test_the_region_cell_takes_a_name_a_bureau_an_alias_or_a_code(
    typed: Any, folder: str, sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = row(1)
    values[1] = typed
    values[8] = make_uscc(folder, 1)
    assert import_xlsx(sample_repo, save(template_sheet([values]), tmp_path / "a.xlsx"), monkeypatch) == 0
    assert sample_repo.path(f"submissions/{BATCH}/{folder}/demo-enterprise/{values[8]}.yaml").is_file()


@pytest.mark.parametrize("typed", ["泰", "上海市", "江苏省"])
def test_an_ambiguous_or_unknown_region_is_refused_at_its_cell(
    typed: str,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    values = row(1)
    values[1] = typed  # 泰 begins both 泰州市 and 泰兴市
    sheet = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"B4"}
    assert f"地区“{typed}”不是推荐地区" in err


# -- the table of typing mistakes `accel666 fix` repairs the same way (tests/typing_cases.py) --

CASE_COLUMNS = {"/contract_amount": 6, "/enterprise/uscc": 8, "/contact/phone": 7, "/enterprise/name": 2}


@pytest.mark.parametrize("case", typing_cases.CASES, ids=[case.id for case in typing_cases.CASES])
def test_the_import_reads_each_typing_mistake_as_fix_repairs_it(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: typing_cases.Case
) -> None:
    values = row(2)
    assert (values[2], values[8]) == (typing_cases.NAME, typing_cases.CODE)  # the table's enterprise
    column = CASE_COLUMNS[case.pointer]
    values[column] = f"示例联系人 {case.typed}" if case.pointer == "/contact/phone" else case.typed
    assert import_xlsx(sample_repo, save(template_sheet([values]), tmp_path / "a.xlsx"), monkeypatch) == 0
    path = sample_repo.path(f"submissions/{BATCH}/320300/demo-enterprise/{typing_cases.CODE}.yaml")
    data = loaded_data(path.read_bytes(), str(path))
    parts = case.pointer.split("/")[1:]
    assert (data[parts[0]] if len(parts) == 1 else data[parts[0]][parts[1]]) == case.expected


def test_curly_quotes_around_a_cell_are_taken_out_with_the_words_validate_uses_for_a_file(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = row(2)
    values[2] = f"“{values[2]}”"
    path = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, path, monkeypatch) == 0
    err = capsys.readouterr().err
    assert (
        f"{path}:附件3!C4: TEXT-QUOTES 警告：「企业名称」两端是中文输入法的引号（“…”或‘…’），引号会成为内容的一部分，已删除这对引号"
        in err
    )


@pytest.mark.parametrize("case", typing_cases.CASES, ids=[case.id for case in typing_cases.CASES])
def test_each_typing_mistake_gets_the_same_code_and_words_from_fix_and_from_the_import(
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: typing_cases.Case,
) -> None:
    relpath = xuzhou_application(sample_repo, case)
    validated = {finding.code for finding in sample_repo.findings(relpath) if finding.pointer == case.pointer}
    assert fix(sample_repo, relpath) == 0
    fixed = [line for line in capsys.readouterr().out.splitlines() if "已修正" in line]
    assert len(fixed) == 1, fixed
    said = re.fullmatch(rf"{re.escape(relpath)}:[0-9]+:[0-9]+: 已修正 ([A-Z0-9-]+) → [^：]*(?:：(.+))?", fixed[0])
    assert said is not None, fixed[0]
    code, words = said.groups()
    assert {code} == validated  # fix names the finding validate reported
    sample_repo.path(relpath).unlink()  # the import writes it afresh

    values = row(2)
    column = CASE_COLUMNS[case.pointer]
    values[column] = f"示例联系人 {case.typed}" if case.pointer == "/contact/phone" else case.typed
    sheet = save(template_sheet([values]), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 0
    at_cell = [
        line for line in capsys.readouterr().err.splitlines() if line.startswith(f"{sheet}:附件3!{chr(65 + column)}4: ")
    ]
    if case.yaml_only:
        assert at_cell == []
        return
    assert words  # what was wrong, in words
    assert len(at_cell) == 1, at_cell
    assert at_cell[0].startswith(f"{sheet}:附件3!{chr(65 + column)}4: {code} 警告：")
    assert words in at_cell[0]
