"""`accel666 export-xlsx`: the batch's 附件3 in the template's layout, and a bureau's overview sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

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
    assert rows[0][5:8] == ["2020-07 至 2021-06", "1280", "何示例　13800000041"]
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=4) for cell in row)


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
    (row,) = [[cell.value for cell in row] for row in overview.iter_rows(min_row=4)]
    assert row[1] == "省级工业互联网云服务中心（云基地）"
    assert row[2] == "云服务中心"
    assert row[5] == Path(SAMPLES["service-center"]).stem
    assert row[-1] == SAMPLES["service-center"]


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
