"""The command line: `accel666.cli.main(argv)` in process and the installed console script."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import accel666
from accel666.cache import cache_file
from accel666.cli import main
from accel666.rules.codes import RULES
from builders import SAMPLES, SampleRepo, position_of, tree_env

BIN = Path(sys.executable).parent
CONSOLE_SCRIPT = BIN / "accel666"
SERVICE = SAMPLES["service-center"]
BACKBONE = SAMPLES["backbone"]
DEMO = SAMPLES["demo"]


def run_script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real console script, as a user or a hook runs it."""
    return subprocess.run(
        [str(CONSOLE_SCRIPT), *args],
        cwd=cwd,
        env=tree_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def change(repo: SampleRepo, relpath: str, old: str, new: str) -> tuple[int, int]:
    """Replace a value in a file; return where the new value sits."""
    return position_of(repo.replace(relpath, old, new), new)


def break_mobile(repo: SampleRepo, relpath: str = SERVICE) -> tuple[int, int]:
    """Give the contact's mobile number a digit too few; return where the value sits."""
    return change(repo, relpath, '"13800000002"', '"1380000000"')


def assert_clean_usage_error(code: int, stderr: str) -> None:
    assert code == 2
    assert stderr.startswith("accel666: ")
    assert re.search("[\u4e00-\u9fff]", stderr), stderr
    assert "Traceback" not in stderr


# -- validate: whole repository -------------------------------------------------------


def test_validate_without_paths_checks_the_whole_repository_including_configuration(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    # 9 applications, 28 records, regions.yaml, reviewers.yaml and two batch.yaml (the sample's, the practice's).
    assert out == "检查了 41 个文件：0 个错误，0 个警告，通过。\n"


def test_validate_without_paths_reports_a_broken_configuration_file(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_repo.write("submissions/regions.yaml", "regions: [\n")
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^submissions/regions\.yaml:\d+:\d+: YAML-SYNTAX ", out, re.MULTILINE), out


def test_the_console_script_passes_the_unchanged_samples(sample_repo: SampleRepo) -> None:
    completed = run_script("validate", cwd=sample_repo.root)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "0 个错误" in completed.stdout
    assert "通过" in completed.stdout
    assert completed.stderr == ""


def test_an_invalid_application_exits_1_with_the_finding_on_stdout(sample_repo: SampleRepo) -> None:
    line, column = break_mobile(sample_repo)
    completed = run_script("validate", cwd=sample_repo.root)
    assert completed.returncode == 1
    assert f"{SERVICE}:{line}:{column}: PHONE-MOBILE " in completed.stdout
    assert "手机号码应为 11 位半角数字" in completed.stdout
    assert "1 个错误" in completed.stdout
    assert "未通过" in completed.stdout
    assert "Traceback" not in completed.stderr


def test_all_problems_of_several_files_are_reported_in_one_run(sample_repo: SampleRepo) -> None:
    expected = [
        (SERVICE, break_mobile(sample_repo, SERVICE), "PHONE-MOBILE"),
        (SERVICE, change(sample_repo, SERVICE, '"215011"', '"21501"'), "POSTCODE-FORMAT"),
        (BACKBONE, change(sample_repo, BACKBONE, '"210009"', '"2100O9"'), "POSTCODE-FORMAT"),
        (DEMO, change(sample_repo, DEMO, "工业互联网标杆工厂", "二星级上云企业"), "DEMO-PROJECT-TYPE"),
    ]
    completed = run_script("validate", "--no-cache", cwd=sample_repo.root)
    assert completed.returncode == 1
    for path, (line, column), code in expected:
        assert f"{path}:{line}:{column}: {code} " in completed.stdout, completed.stdout
    assert "4 个错误" in completed.stdout


def test_several_explicit_paths_are_all_reported(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cloud_base = SAMPLES["cloud-base"]
    break_mobile(sample_repo, SERVICE)
    change(sample_repo, cloud_base, '"13800000003"', '"1380000000"')
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", "--no-cache", SERVICE, cloud_base]) == 1
    out = capsys.readouterr().out
    assert re.search(f"^{re.escape(SERVICE)}:\\d+:\\d+: PHONE-MOBILE ", out, re.MULTILINE), out
    assert re.search(f"^{re.escape(cloud_base)}:\\d+:\\d+: PHONE-MOBILE ", out, re.MULTILINE), out
    assert "检查了 2 个文件：2 个错误" in out


# -- output formats, end to end --------------------------------------------------------


def test_format_github_prints_workflow_commands(sample_repo: SampleRepo) -> None:
    line, column = break_mobile(sample_repo)
    completed = run_script("validate", "--format", "github", cwd=sample_repo.root)
    assert completed.returncode == 1
    lines = completed.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"::error file={SERVICE},line={line},col={column},title=PHONE-MOBILE::")
    assert "手机号码应为 11 位半角数字" in lines[0]


def test_format_json_prints_the_findings_as_json(sample_repo: SampleRepo) -> None:
    line, column = break_mobile(sample_repo)
    completed = run_script("validate", "--format", "json", cwd=sample_repo.root)
    assert completed.returncode == 1
    data = json.loads(completed.stdout)
    assert [(d["path"], d["line"], d["column"], d["code"], d["severity"]) for d in data] == [
        (SERVICE, line, column, "PHONE-MOBILE", "error")
    ]
    assert "手机号码" in completed.stdout


def test_format_json_prints_an_empty_list_and_exits_0_on_the_samples(sample_repo: SampleRepo) -> None:
    completed = run_script("validate", "--format", "json", cwd=sample_repo.root)
    assert completed.returncode == 0
    assert json.loads(completed.stdout) == []


# -- wrong usage ---------------------------------------------------------------------


def test_an_unknown_option_exits_2_with_a_chinese_message_and_a_runnable_help_hint(sample_repo: SampleRepo) -> None:
    completed = run_script("validate", "--bogus", cwd=sample_repo.root)
    assert_clean_usage_error(completed.returncode, completed.stderr)
    assert "命令行参数有误" in completed.stderr
    assert "--bogus" in completed.stderr
    assert completed.stdout == ""
    # The hint must name a command that exists: `accel666 --help` or `accel666 validate --help`.
    assert re.search(r"运行 accel666 (validate )?--help", completed.stderr), completed.stderr


def test_an_unknown_format_exits_2_with_a_chinese_message(sample_repo: SampleRepo) -> None:
    completed = run_script("validate", "--format", "xml", cwd=sample_repo.root)
    assert_clean_usage_error(completed.returncode, completed.stderr)
    assert "xml" in completed.stderr
    assert "运行 accel666 validate --help" in completed.stderr


def test_a_path_that_does_not_exist_exits_2_with_a_chinese_message(sample_repo: SampleRepo) -> None:
    completed = run_script("validate", "submissions/2020-1/320500/nothere.yaml", cwd=sample_repo.root)
    assert_clean_usage_error(completed.returncode, completed.stderr)
    assert "找不到 submissions/2020-1/320500/nothere.yaml" in completed.stderr


def test_a_file_that_is_not_yaml_exits_2(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_repo.write("notes.txt", "草稿\n")
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", "notes.txt"]) == 2
    err = capsys.readouterr().err
    assert "不是 YAML 文件" in err


def test_a_folder_without_yaml_files_exits_2_instead_of_passing_nothing(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (sample_repo.root / "drafts").mkdir()
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", "drafts"]) == 2
    assert "drafts 中没有 .yaml 文件" in capsys.readouterr().err


def test_a_folder_named_like_a_yaml_file_is_passed_over_when_validating_its_parent(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (sample_repo.root / "submissions/2020-1/320500/odd.yaml").mkdir()
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", "submissions/2020-1/320500"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_dangling_link_in_the_repository_is_a_finding_not_a_crash(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    link = sample_repo.root / "submissions/2020-1/320500/cloud-center/gone.yaml"
    link.symlink_to(sample_repo.root / "nowhere.yaml")
    monkeypatch.chdir(sample_repo.root)
    for _ in range(2):  # a link is never cached as checked
        assert main(["validate", "--format", "json"]) == 1
        data = json.loads(capsys.readouterr().out)
        assert [(d["path"], d["code"]) for d in data] == [
            ("submissions/2020-1/320500/cloud-center/gone.yaml", "FILE-NOT-REGULAR")
        ]


def test_new_with_an_unknown_category_exits_2(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    assert main(["new", "cloud"]) == 2
    captured = capsys.readouterr()
    assert_clean_usage_error(2, captured.err)
    assert "cloud-center" in captured.err
    assert captured.out == ""


def test_new_cloud_center_without_variant_exits_2(sample_repo: SampleRepo) -> None:
    completed = run_script("new", "cloud-center", cwd=sample_repo.root)
    assert_clean_usage_error(completed.returncode, completed.stderr)
    assert "--variant" in completed.stderr
    assert completed.stdout == ""


def test_new_with_a_variant_for_another_category_exits_2(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    assert main(["new", "backbone", "--variant", "云基地"]) == 2
    captured = capsys.readouterr()
    assert_clean_usage_error(2, captured.err)
    assert captured.out == ""


def test_no_command_at_all_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert_clean_usage_error(2, capsys.readouterr().err)


def test_running_outside_any_repository_exits_1_with_a_chinese_message(tmp_path: Path) -> None:
    outside = tmp_path / "empty"
    outside.mkdir()
    completed = run_script("validate", cwd=outside)
    assert completed.returncode == 1
    assert "找不到 submissions/ 文件夹" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""


# -- version and rules ---------------------------------------------------------------


def test_python_dash_m_accel666_prints_the_version(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "accel666", "--version"],
        env=tree_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"accel666 {accel666.__version__}"


def test_rules_lists_every_code_with_its_severity_and_title(tmp_path: Path) -> None:
    completed = run_script("rules", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    rows = [line.split("\t") for line in completed.stdout.splitlines()]
    assert [row[0] for row in rows] == [rule.code for rule in RULES]
    for row, rule in zip(rows, RULES, strict=True):
        assert row[1] == ("错误" if rule.severity.value == "error" else "警告")
        assert row[2].startswith(rule.title)
    codes = {row[0] for row in rows}
    assert {"PHONE-MOBILE", "DUPLICATE-APPLICANT", "INTERNAL-ERROR", "POSTCODE-REGION"} <= codes


# -- one file, drafts, warnings --------------------------------------------------------


def test_validating_one_file_reports_only_that_file_but_still_sees_a_duplicate_elsewhere(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same applicant again, in another region's folder (which also has findings of its own).
    copy = BACKBONE.replace("/320100/", "/320200/")
    sample_repo.write(copy, sample_repo.read(BACKBONE))
    break_mobile(sample_repo, SERVICE)  # a finding in a third file, which must not be shown
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", "--no-cache", "--format", "json", BACKBONE]) == 1
    data = json.loads(capsys.readouterr().out)
    line, column = position_of(sample_repo.read(BACKBONE), '"91320106MA1W7XYL3D"')
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in data] == [
        (BACKBONE, line, column, "DUPLICATE-APPLICANT")
    ]
    assert copy in data[0]["message"]


def test_validating_one_clean_file_ignores_errors_in_other_files(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    break_mobile(sample_repo, SERVICE)
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", BACKBONE]) == 0
    assert capsys.readouterr().out == "检查了 1 个文件：0 个错误，0 个警告，通过。\n"


def test_validating_a_folder_checks_every_file_in_it(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    break_mobile(sample_repo, SERVICE)
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", "--format", "json", "submissions/2020-1/320500"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["path"] for d in data} == {SERVICE}


def test_a_draft_outside_submissions_is_validated_by_its_category_field(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sample_repo.read(SERVICE)
    sample_repo.write("drafts/cloud.yaml", text)
    # Same content, declared as a backbone application: checked against the backbone schema.
    sample_repo.write("drafts/as-backbone.yaml", text.replace("category: cloud-center", "category: backbone"))
    monkeypatch.chdir(sample_repo.root)

    assert main(["validate", "drafts/cloud.yaml"]) == 0
    captured = capsys.readouterr()
    assert "检查了 1 个文件：0 个错误" in captured.out
    # Passing here is not passing in place: the user is told what was not checked.
    assert "注意：drafts/cloud.yaml 不在 submissions/ 中" in captured.err and "与其他申报的重复" in captured.err

    assert main(["validate", "--format", "json", "drafts/as-backbone.yaml"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["path"] for d in data} == {"drafts/as-backbone.yaml"}
    unknown = {d["message"].split("“")[1].split("”")[0] for d in data if d["code"] == "SCHEMA-UNKNOWN-FIELD"}
    assert {"variant", "filled_date"} <= unknown
    assert any(d["code"] == "SCHEMA-REQUIRED" and "basic" in d["message"] for d in data)
    assert not any(d["code"] == "LAYOUT" for d in data)


def test_a_draft_with_an_error_reports_it_at_its_place(sample_repo: SampleRepo) -> None:
    sample_repo.write("draft.yaml", sample_repo.read(SERVICE))
    text = sample_repo.replace("draft.yaml", 'mobile: "13800000002"', 'mobile: "1380000000"')
    line, column = position_of(text, '"1380000000"')
    completed = run_script("validate", "draft.yaml", cwd=sample_repo.root)
    assert completed.returncode == 1
    assert completed.stdout.startswith(f"draft.yaml:{line}:{column}: PHONE-MOBILE ")


def test_a_draft_without_a_category_gets_a_category_finding(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_repo.write("draft.yaml", sample_repo.read(SERVICE).replace("category: cloud-center\n", ""))
    monkeypatch.chdir(sample_repo.root)
    assert main(["validate", "--format", "json", "draft.yaml"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == ["CATEGORY"]


def test_warnings_alone_exit_0(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(SERVICE, 'postcode: "215011"', 'postcode: "100000"')
    line, column = position_of(text, '"100000"')
    completed = run_script("validate", cwd=sample_repo.root)
    assert completed.returncode == 0, completed.stdout
    assert f"{SERVICE}:{line}:{column}: POSTCODE-REGION 警告：" in completed.stdout
    assert "0 个错误，1 个警告，通过" in completed.stdout


def test_the_root_option_validates_another_folder(tmp_path: Path, sample_repo: SampleRepo) -> None:
    break_mobile(sample_repo)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    completed = run_script("validate", "--root", str(sample_repo.root), "--no-cache", cwd=elsewhere)
    assert completed.returncode == 1
    assert f"{SERVICE}:" in completed.stdout
    assert not cache_file(sample_repo.root).exists()


def test_a_repository_without_regions_file_is_an_error_not_a_crash(sample_repo: SampleRepo) -> None:
    (sample_repo.root / "submissions" / "regions.yaml").unlink()
    shutil.rmtree(sample_repo.root / "submissions" / "2020-1")
    completed = run_script("validate", "--no-cache", cwd=sample_repo.root)
    assert completed.returncode == 1
    assert "CONFIG-MISSING" in completed.stdout
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--batch", "2020-1", "--region", "320500", "--uscc", "91320505MA1XY2W3A1"], "统一社会信用代码"),
        (["--batch", "2020-1", "--region", "320500", "--uscc", "91320505ma1xy2w3ax"], "统一社会信用代码"),
        (["--batch", "2020-1", "--region", "320501", "--uscc", "91320505MA1XY2W3AX"], "320501"),
        (["--batch", "2020-2", "--region", "320500", "--uscc", "91320505MA1XY2W3AX"], "2020-2"),
    ],
)
def test_new_refuses_a_wrong_code_region_or_batch_before_writing_anything(
    sample_repo: SampleRepo, args: list[str], named: str
) -> None:
    before = sorted(p for p in sample_repo.root.rglob("*"))
    completed = run_script("new", "backbone", *args, cwd=sample_repo.root)
    assert_clean_usage_error(completed.returncode, completed.stderr)
    assert named in completed.stderr
    assert sorted(p for p in sample_repo.root.rglob("*")) == before


def test_new_with_a_valid_code_writes_into_its_region_and_category_folder(sample_repo: SampleRepo) -> None:
    completed = run_script(
        "new",
        "backbone",
        "--batch",
        "2020-1",
        "--region",
        "320500",
        "--uscc",
        "91320505MA1XY2W3AX",
        cwd=sample_repo.root,
    )
    assert completed.returncode == 0, completed.stderr
    assert sample_repo.path("submissions/2020-1/320500/backbone/91320505MA1XY2W3AX.yaml").is_file()
