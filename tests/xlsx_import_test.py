"""`accel666 import-xlsx`: a 附件3 summary sheet in, one valid application file per row out.

Sheets are made the way people make them: from the site's blank template, by hand
with title rows and merged headers, or saved again by LibreOffice. Every row is
checked by the pull request's validator before anything is written; a bad cell is
reported as FILE:sheet!CELL; importing the same sheet again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from stdnum.cn import uscc

from accel666.cli import main
from accel666.export import annex3_xlsx
from accel666.load import load_document
from accel666.office import convert
from builders import SAMPLES, SampleRepo

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


def import_xlsx(repo: SampleRepo, path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    monkeypatch.chdir(repo.root)
    return main(["import-xlsx", str(path), "--batch", BATCH, *extra])


def snapshot(repo: SampleRepo) -> dict[str, tuple[bytes, int]]:
    """Every file under submissions/ with its content and modification time."""
    base = repo.root / "submissions"
    return {
        p.relative_to(base).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in base.rglob("*") if p.is_file()
    }


def written(repo: SampleRepo, values: list[Any]) -> Any:
    code = next(code for code, name in REGIONS if name == values[1])
    path = repo.path(f"submissions/{BATCH}/{code}/demo-enterprise/{values[8]}.yaml")
    return load_document(path.read_bytes(), str(path)).data


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


def reported_cells(err: str, sheet: Path) -> set[str]:
    return set(re.findall(rf"^{re.escape(str(sheet))}:附件3!([A-Z]+[0-9]+): [^\n]*[\u4e00-\u9fff]", err, re.MULTILINE))


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


def test_one_enterprise_twice_in_the_sheet_is_refused_at_both_rows(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(1), row(2), row(1)]
    sheet = save(template_sheet(rows), tmp_path / "a.xlsx")
    assert import_xlsx(sample_repo, sheet, monkeypatch) == 1
    err = capsys.readouterr().err
    assert reported_cells(err, sheet) == {"I4", "I6"}
    assert "第 4、6 行是同一地区的同一家企业" in err


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
        data = load_document(path.read_bytes(), str(path)).data
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


def headless(path: Path) -> Path:
    workbook = template_sheet([row(1)])
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.delete_cols(9)  # 统一社会信用代码
    return save(workbook, path)


@pytest.mark.parametrize(
    ("make", "extra", "message"),
    [
        (lambda p: p, (), "找不到文件"),
        (comma_separated, (), "不是可读取的 Excel 工作簿"),
        (lambda p: save(template_sheet([row(1)]), p), ("--sheet", "第二页"), "没有名为“第二页”的工作表"),
        (headless, (), "缺少 统一社会信用代码"),
    ],
    ids=["missing", "not-xlsx", "no-such-sheet", "missing-header"],
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
