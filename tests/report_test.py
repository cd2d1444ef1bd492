"""The three reporters: plain text, GitHub workflow commands and JSON."""

from __future__ import annotations

import io
import json

from accel666.findings import Finding, Result, Severity
from accel666.report import REPORTERS
from accel666.report.github import escape_data, escape_property

APP = "submissions/2020-1/320500/cloud-center/91320505MA1MCK8X03.yaml"
OTHER = "submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml"

MOBILE = Finding(APP, 22, 11, "PHONE-MOBILE", "「联系人及手机 › 手机」格式不正确。", pointer="/contact/mobile")
POSTCODE = Finding(APP, 13, 11, "POSTCODE-REGION", "「邮编」不是江苏省内邮编。", Severity.WARNING, "/postcode")
EMPTY = Finding(APP, 13, 11, "SCHEMA-EMPTY", "「邮编」未填写。", pointer="/postcode")
BACKBONE = Finding(OTHER, 5, 9, "REGION-FOLDER", "「地区代码」与文件夹不一致。", pointer="/region")


def render(result: Result, fmt: str) -> str:
    stream = io.StringIO()
    REPORTERS[fmt](result, stream)
    return stream.getvalue()


def unsorted_result() -> Result:
    # Deliberately out of order: the reporters must sort by path, line, column, code.
    return Result([MOBILE, BACKBONE, POSTCODE, EMPTY], files_checked=3)


# -- text ---------------------------------------------------------------------------


def test_text_reporter_prints_one_sorted_line_per_finding_then_the_chinese_summary() -> None:
    lines = render(unsorted_result(), "text").splitlines()
    assert lines == [
        f"{OTHER}:5:9: REGION-FOLDER 「地区代码」与文件夹不一致。",
        f"{APP}:13:11: POSTCODE-REGION 警告：「邮编」不是江苏省内邮编。",
        f"{APP}:13:11: SCHEMA-EMPTY 「邮编」未填写。",
        f"{APP}:22:11: PHONE-MOBILE 「联系人及手机 › 手机」格式不正确。",
        "检查了 3 个文件：3 个错误，1 个警告，未通过。",
    ]


def test_text_reporter_marks_only_warnings_with_the_warning_word() -> None:
    lines = render(unsorted_result(), "text").splitlines()
    marked = [line for line in lines if "警告：" in line]
    assert marked == [f"{APP}:13:11: POSTCODE-REGION 警告：「邮编」不是江苏省内邮编。"]


def test_text_reporter_says_passed_when_there_are_only_warnings() -> None:
    output = render(Result([POSTCODE], files_checked=12), "text")
    assert output.endswith("检查了 12 个文件：0 个错误，1 个警告，通过。\n")


def test_text_reporter_prints_only_the_summary_for_a_clean_run() -> None:
    assert render(Result([], files_checked=12), "text") == "检查了 12 个文件：0 个错误，0 个警告，通过。\n"


# -- github -------------------------------------------------------------------------


def test_github_reporter_prints_error_and_warning_commands_in_sorted_order() -> None:
    lines = render(unsorted_result(), "github").splitlines()
    assert lines == [
        f"::error file={OTHER},line=5,col=9,title=REGION-FOLDER::「地区代码」与文件夹不一致。",
        f"::warning file={APP},line=13,col=11,title=POSTCODE-REGION::「邮编」不是江苏省内邮编。",
        f"::error file={APP},line=13,col=11,title=SCHEMA-EMPTY::「邮编」未填写。",
        f"::error file={APP},line=22,col=11,title=PHONE-MOBILE::「联系人及手机 › 手机」格式不正确。",
    ]


def test_github_reporter_prints_nothing_for_a_clean_run() -> None:
    assert render(Result([], files_checked=5), "github") == ""


def test_escape_data_encodes_percent_first_then_carriage_return_and_newline() -> None:
    assert escape_data("50%\r\n下一行") == "50%25%0D%0A下一行"
    # An already encoded-looking sequence must not be decoded by the runner later.
    assert escape_data("%0A") == "%250A"
    # ':' and ',' are harmless in a message and stay as they are.
    assert escape_data("a: b, c") == "a: b, c"


def test_escape_property_also_encodes_colon_and_comma() -> None:
    assert escape_property("a:b,c%d\re\nf") == "a%3Ab%2Cc%25d%0De%0Af"
    assert escape_property("%3A") == "%253A"


def test_github_reporter_escapes_a_message_and_a_path_with_special_characters() -> None:
    path = "drafts/a:b,c%\r\n.yaml"
    message = "第一行 100%\r\n第二行: a, b"
    output = render(Result([Finding(path, 3, 7, "SCHEMA-EMPTY", message)], files_checked=1), "github")
    assert (
        output
        == "::error file=drafts/a%3Ab%2Cc%25%0D%0A.yaml,line=3,col=7,title=SCHEMA-EMPTY::第一行 100%25%0D%0A第二行: a, b\n"
    )
    # One finding stays one workflow command, whatever its text contains.
    assert output.count("\n") == 1


# -- json ---------------------------------------------------------------------------


def test_json_reporter_prints_a_sorted_list_with_exactly_the_documented_keys() -> None:
    data = json.loads(render(unsorted_result(), "json"))
    assert isinstance(data, list)
    assert [set(item) for item in data] == [{"path", "line", "column", "severity", "code", "message", "pointer"}] * 4
    assert [(item["path"], item["line"], item["column"], item["code"]) for item in data] == [
        (OTHER, 5, 9, "REGION-FOLDER"),
        (APP, 13, 11, "POSTCODE-REGION"),
        (APP, 13, 11, "SCHEMA-EMPTY"),
        (APP, 22, 11, "PHONE-MOBILE"),
    ]
    assert data[1]["severity"] == "warning"
    assert data[3] == {
        "path": APP,
        "line": 22,
        "column": 11,
        "severity": "error",
        "code": "PHONE-MOBILE",
        "message": "「联系人及手机 › 手机」格式不正确。",
        "pointer": "/contact/mobile",
    }


def test_json_reporter_writes_chinese_unescaped() -> None:
    output = render(Result([MOBILE], files_checked=1), "json")
    assert "「联系人及手机 › 手机」格式不正确。" in output
    assert "\\u" not in output


def test_json_reporter_prints_an_empty_list_for_a_clean_run() -> None:
    assert json.loads(render(Result([], files_checked=12), "json")) == []


def test_json_reporter_round_trips_every_finding() -> None:
    result = unsorted_result()
    data = json.loads(render(result, "json"))
    assert [Finding.from_json(item) for item in data] == result.sorted()
