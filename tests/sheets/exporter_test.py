"""`accel666 export-xlsx`: the batch's 附件3 in the template's layout, and a bureau's overview sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from stdnum.cn import uscc

from accel666.cli import main
from builders import SAMPLES, SampleRepo

DEMO_ROWS = [  # the sample demo enterprises in the order of regions.yaml: 徐州, 盐城, 泰兴, 沭阳
    "submissions/2020-1/320300/demo-enterprise/91320312MA1X2T9F6G.yaml",
    "submissions/2020-1/320900/demo-enterprise/91320903MA1U3L5M9E.yaml",
    "submissions/2020-1/321283/demo-enterprise/91321283MA1T6J8K8L.yaml",
    "submissions/2020-1/321322/demo-enterprise/91321322MA1Y4G3H79.yaml",
]


def export(repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.chdir(repo.root)
    return main(["export-xlsx", *args])


def test_the_batchs_demo_enterprises_fill_the_annex3_sheet_in_region_order(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(sample_repo, monkeypatch) == 0
    assert "附件3 共 4 行" in capsys.readouterr().out
    workbook = openpyxl.load_workbook(sample_repo.root / "附件3-2020-1.xlsx")  # the default name: the latest batch
    assert workbook.sheetnames == ["附件3"]
    sheet = workbook["附件3"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[8] for row in rows] == [Path(path).stem for path in DEMO_ROWS]
    assert rows[0][:3] == ["1", "徐州市", "徐州示例重工机械有限公司（示例数据）"]
    assert rows[0][5:8] == ["2020-07 至 2021-06", 1280, "何示例　13800000041"]


def test_amounts_are_numeric_cells_that_add_up_and_everything_else_stays_text(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bureau staff SUM the 合同金额 column; codes, phones and months keep their leading zeros as text."""
    assert export(sample_repo, monkeypatch) == 0
    sheet = openpyxl.load_workbook(sample_repo.root / "附件3-2020-1.xlsx")["附件3"]
    header = [cell.value for cell in sheet[3]]
    amount = header.index("项目合同金额（万元）")
    cells = [row[amount] for row in sheet.iter_rows(min_row=4)]
    assert [cell.value for cell in cells] == [1280, 560, 220, 36.5]  # as the files have them
    assert {cell.data_type for cell in cells} == {"n"}
    assert sum(cell.value for cell in cells) == 2096.5
    # Thousands separated, the decimals each amount has: 1,280 and 36.5, nothing rounded away.
    assert [cell.number_format for cell in cells] == ["#,##0", "#,##0", "#,##0", "#,##0.0"]
    others = [cell for row in sheet.iter_rows(min_row=4) for cell in row if cell.column != amount + 1]
    assert {cell.data_type for cell in others} == {"s"}
    assert "张示例　0515-88000001" in {cell.value for cell in others}  # 盐城's landline, its 0 intact


def test_a_region_adds_its_applications_of_every_category_as_a_second_sheet(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "苏州.xlsx"
    assert export(sample_repo, monkeypatch, "--region", "320500", "-o", str(output)) == 0
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == ["附件3", "苏州市汇总"]
    assert workbook["附件3"].max_row == 3 + len(DEMO_ROWS)  # the whole table, as Tencent fills it
    overview = workbook["苏州市汇总"]
    assert overview["A1"].value == "苏州市2020-1批次申报汇总"
    assert "共 1 项" in overview["A2"].value
    header = [cell.value for cell in overview[3]]
    assert header[:6] == ["序号", "申报类别", "表格或项目类型", "项目名称", "申报单位（企业）", "统一社会信用代码"]
    assert header[6] == "当前状态"
    (row,) = [[cell.value for cell in row] for row in overview.iter_rows(min_row=4)]
    assert row[1] == "省级工业互联网云服务中心（云基地）"
    assert row[2] == "云服务中心"
    assert row[5] == Path(SAMPLES["service-center"]).stem
    assert row[-1] == SAMPLES["service-center"]


def overview_rows(repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, region: str) -> list[dict]:
    """The region's overview sheet as one {header: value} per application."""
    output = tmp_path / f"{region}.xlsx"
    assert export(repo, monkeypatch, "--region", region, "-o", str(output)) == 0
    sheet = openpyxl.load_workbook(output).worksheets[1]
    header = [cell.value for cell in sheet[3]]
    return [dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=4)]


@pytest.mark.parametrize(
    ("region", "status", "investment", "contract"),
    [
        ("320500", "已发布", 35.5, None),  # 苏州's 云服务中心: decided, 公示 over, list published
        ("320200", "未入选", None, None),  # 无锡's backbone enterprise: 附件2 asks for no single amount
        ("321322", "未获推荐", None, 36.5),  # 沭阳's demo enterprise: its bureau did not recommend it
    ],
)
def test_the_overview_shows_each_applications_status_and_the_amount_its_form_asks_for(
    region: str,
    status: str,
    investment: float | None,
    contract: float | None,
    sample_repo: SampleRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (row,) = overview_rows(sample_repo, tmp_path, monkeypatch, region)
    assert row["当前状态"] == status
    assert (row["投资规模（亿元）"], row["项目合同金额（万元）"]) == (investment, contract)


def test_the_overviews_amounts_are_numbers_in_the_forms_own_units(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "苏州.xlsx"
    assert export(sample_repo, monkeypatch, "--region", "320500", "-o", str(output)) == 0
    sheet = openpyxl.load_workbook(output).worksheets[1]
    header = [cell.value for cell in sheet[3]]
    cell = sheet.cell(4, header.index("投资规模（亿元）") + 1)
    assert (cell.value, cell.data_type, cell.number_format) == (35.5, "n", "#,##0.0")


def test_a_new_application_without_records_is_submitted_next_to_the_published_one(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status comes from the records (accel666.workflow), not from anything typed in the application."""
    body = "91320505MA1Q7R2T0"
    new = body + uscc.calc_check_digit(body)
    text = sample_repo.read(DEMO_ROWS[0])
    for old, value in (("91320312MA1X2T9F6G", new), ('region: "320300"', 'region: "320500"')):
        text = text.replace(old, value)
    sample_repo.write(f"submissions/2020-1/320500/demo-enterprise/{new}.yaml", text)
    rows = overview_rows(sample_repo, tmp_path, monkeypatch, "320500")
    assert [(row["统一社会信用代码"], row["当前状态"]) for row in rows] == [
        (Path(SAMPLES["service-center"]).stem, "已发布"),
        (new, "已提交"),
    ]
    assert rows[1]["项目合同金额（万元）"] == 1280


def test_invalid_data_is_not_exported(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_repo.replace(DEMO_ROWS[1], "contract_amount:", "contract_amount: -")
    output = tmp_path / "a.xlsx"
    assert export(sample_repo, monkeypatch, "-o", str(output)) == 1
    err = capsys.readouterr().err
    assert f"{DEMO_ROWS[1]}:" in err
    assert "未导出" in err
    assert not output.exists()


@pytest.mark.parametrize(
    ("args", "message"), [(("--batch", "2030-1"), "批次 2030-1 不存在"), (("--region", "310000"), "不是推荐地区")]
)
def test_an_unknown_batch_or_region_is_a_usage_error(
    args: tuple[str, ...],
    message: str,
    sample_repo: SampleRepo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert export(sample_repo, monkeypatch, *args) == 2
    assert message in capsys.readouterr().err
