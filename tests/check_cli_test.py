"""`accel666 check` and `accel666 status` as an applicant, a bureau or CI uses them."""

from __future__ import annotations

import pytest

from accel666.cli import main
from builders import SAMPLES, SampleRepo, git_repo

NANJING = SAMPLES["backbone"]


def test_the_shipped_repository_passes_check_as_ci_runs_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "0 个错误" in capsys.readouterr().out


def test_an_unknown_base_is_a_chinese_error(sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]) -> None:
    root = git_repo(sample_repo)
    assert main(["check", "--base", "no-such-branch", "--root", str(root)]) == 1
    assert "找不到比较基准 no-such-branch" in capsys.readouterr().err


def test_a_malformed_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--today", "2020-13-01"]) == 2
    assert "应写成 YYYY-MM-DD" in capsys.readouterr().err


def test_the_summary_describes_each_changed_application_for_the_reviewers(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git_repo(sample_repo)
    wuxi = SAMPLES["backbone-route2"]
    target = wuxi.replace("91320214MA1R5K2D4J", "91320214MA1R5K2D5X")
    text = sample_repo.read(wuxi).replace("91320214MA1R5K2D4J", "91320214MA1R5K2D5X")
    text = text.replace(
        "无锡示例数智科技有限公司", "无锡<script>x</script>[链接](http://e.com)@jsgxt-666/province www.e.com公司"
    )
    sample_repo.write(target, text.replace("rd_expense: ", "rd_expense: 0.5 #", 1))
    capsys.readouterr()
    assert main(["check", "--base", "main", "--today", "2020-08-20", "--format", "summary", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("## ❌ 检查未通过")
    assert "工业互联网服务骨干企业" in out and "无锡市" in out and "（新增）" in out
    assert "- 状态：已提交" in out
    assert "- 申报条件：**不满足**（研发经费占比" in out and "条件（2）" in out
    assert "`BACKBONE-RD-SHARE`" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    # Neither a link nor a mention of the province's team: a zero-width space breaks each.
    assert "\\[链接\\]\\(http\u200b://e.com\\)@\u200bjsgxt\\-666/province www\u200b.e.com公司" in out
    assert "http://" not in out and "@jsgxt" not in out and "www.e" not in out


def test_status_shows_one_applications_history(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", NANJING, "--today", "2020-10-14"]) == 0
    out = capsys.readouterr().out
    assert "当前状态：公示中（截至 2020-10-14）" in out
    for step in ("已提交", "已推荐", "专家评审中", "拟入选", "南京市工业和信息化局", "2020-10-13 至 2020-10-19"):
        assert step in out


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2020-08-27", "已提交"),  # recommended on 08-28
        ("2020-08-28", "已推荐"),
        ("2020-09-22", "专家评审中"),
        ("2020-10-11", "专家评审中"),  # decided on 10-12
        ("2020-10-12", "拟入选"),
    ],
)
def test_status_on_a_past_day_counts_only_the_records_dated_by_then(
    capsys: pytest.CaptureFixture[str], today: str, expected: str
) -> None:
    assert main(["status", NANJING, "--today", today]) == 0
    assert f"当前状态：{expected}（截至 {today}）" in capsys.readouterr().out


def test_status_without_an_application_tabulates_by_region_and_category(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--today", "2020-11-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "批次 2020-1（第一批）申报状态，截至 2020-11-01："
    assert lines[1].split() == [
        "地区",
        "类别",
        "已提交",
        "未获推荐",
        "已推荐",
        "专家评审中",
        "未入选",
        "拟入选",
        "公示中",
        "已发布",
        "合计",
    ]
    assert lines[2].split() == ["南京市", "骨干企业", "0", "0", "0", "0", "0", "0", "0", "1", "1"]
    assert lines[-2].split() == ["合计", "0", "1", "0", "0", "1", "0", "0", "7", "9"]


def test_status_of_an_unknown_application_says_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "91320000MA0000000X"]) == 2
    assert "找不到申报 91320000MA0000000X" in capsys.readouterr().err


def test_the_summary_of_a_change_adding_a_dangling_link_reports_it_without_crashing(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git_repo(sample_repo)
    (root / "submissions/2020-1/320300/demo-enterprise/91320382MA1X2T9F6G.yaml").symlink_to("nowhere.yaml")
    capsys.readouterr()
    code = main(["check", "--base", "main", "--today", "2020-08-20", "--format", "summary", "--root", str(root)])
    out = capsys.readouterr().out
    assert code == 1 and "FILE-NOT-REGULAR" in out and "Traceback" not in out


def test_status_of_a_batch_without_applications_says_so(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = sample_repo.read("submissions/2020-1/batch.yaml").replace("2020-", "2099-")  # its id and every date
    sample_repo.write("submissions/2099-1/batch.yaml", batch)
    assert main(["status", "--batch", "2099-1", "--root", str(sample_repo.root)]) == 0
    assert capsys.readouterr().out == "批次 2099-1 还没有申报。\n"
    assert main(["status", "--batch", "2098-1", "--root", str(sample_repo.root)]) == 2
    assert "没有批次 2098-1" in capsys.readouterr().err


def test_an_actor_without_a_base_is_a_usage_error_not_a_silent_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--actor", "someone"]) == 2
    assert "须与 --base 一起使用" in capsys.readouterr().err


def test_status_of_a_region_counts_only_its_applications_and_its_counties_as_the_sites_list_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", "--region", "320500", "--today", "2020-11-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "批次 2020-1（第一批）申报状态（苏州市，含昆山市），截至 2020-11-01："
    assert [line.split()[:2] for line in lines[2:-2]] == [["苏州市", "云服务中心"], ["昆山市", "骨干企业"]]
    assert lines[-2].split()[-1] == "2"
    # 昆山市's own bureau sees only Kunshan; 南京市 none of Suzhou's.
    assert main(["status", "--region", "320583", "--today", "2020-11-01"]) == 0
    out = capsys.readouterr().out
    assert "昆山市  骨干企业" in out and "苏州市" not in out
    assert main(["status", "--region", "320100", "--today", "2020-11-01"]) == 0
    out = capsys.readouterr().out
    assert "南京市" in out and "苏州市" not in out and "昆山市" not in out


def test_status_of_a_region_without_applications_or_an_unknown_region(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--region", "320600"]) == 0
    assert capsys.readouterr().out == "批次 2020-1（南通市）还没有申报。\n"
    assert main(["status", "--region", "310000"]) == 2
    assert "地区代码 310000 不是推荐地区" in capsys.readouterr().err
    # One application outside the chosen region is not found there.
    assert main(["status", NANJING, "--region", "320500"]) == 2
    assert "找不到申报" in capsys.readouterr().err
