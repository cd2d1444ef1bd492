"""The form's words (accel666.browser.wording): what a clerk reads instead of the CLI's advice on YAML and commands.

The findings here come from the CLI's own code (the loader, the schema check, the rules)
on files a clerk could open or the form could write; every one must read, in the form,
without YAML, quoting, files, folders, commands or true/false. tests/browser/parity_test.py
checks the same over every finding its Pyodide run sees.
"""

from __future__ import annotations

import re

import pytest

from accel666.browser import service
from accel666.browser.wording import for_form, form_words
from builders import ROOT, SAMPLES

# What the form's words never say: the clerk sees no YAML, no command line, no file system, and answers 是/否.
CLI_ONLY = re.compile(r"accel666|加引号|YAML|文件夹|文件名|true|false|编辑器")


def backbone(pattern: str = "^$", replacement: str = "") -> str:
    """附件2's sample with one edit."""
    return re.sub(pattern, replacement, (ROOT / SAMPLES["backbone"]).read_text(encoding="utf-8"), count=1, flags=re.M)


# Files a clerk may open or the form may write, each reaching the CLI advice named beside it.
CASES = {
    "YAML-ENCODING": backbone().encode("gb18030"),
    "YAML-EMPTY": b"",
    "YAML-SYNTAX": backbone("^listed: false", 'listed: "false').encode(),
    "YAML-UNQUOTED": backbone('^postcode: "(\\d+)"', r"postcode: \1").encode(),
    "TEXT-INVISIBLE": backbone("^project_name: ", "project_name: \u200b").encode(),
    "USCC-CHECKSUM": backbone("91320106MA1W7XYL3D", "91320106MA1W7XYL3E").encode(),
    "BACKBONE-LISTED": backbone("^listed: false", "listed: true").encode(),
    "BOOLEAN": backbone("^listed: false", 'listed: "是"').encode(),
    "SCHEMA-EMPTY": backbone('^postcode: "(\\d+)"', "postcode:").encode(),
}
# The CLI's message of these codes gives advice for the command line or YAML (the others say nothing the form must change).
ADVISED = {
    "YAML-ENCODING",
    "YAML-EMPTY",
    "YAML-SYNTAX",
    "YAML-UNQUOTED",
    "TEXT-INVISIBLE",
    "BACKBONE-LISTED",
    "BOOLEAN",
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_kind_of_cli_advice_reads_in_the_forms_words(code: str) -> None:
    findings = service.check("backbone", CASES[code], today="2020-08-20")["findings"]
    shown = [f for f in findings if f["code"] == code]
    assert shown, [f["code"] for f in findings]  # the case reaches the advice it stands for
    for finding in shown:
        assert finding["form_message"] == form_words(code, finding["message"])
        assert not CLI_ONLY.search(finding["form_message"]), finding
    assert all(bool(CLI_ONLY.search(f["message"])) == (code in ADVISED) for f in shown)


def test_the_message_itself_stays_the_clis() -> None:
    found = service.check("backbone", CASES["BACKBONE-LISTED"], today="2020-08-20")["findings"]
    (listed,) = [f for f in found if f["code"] == "BACKBONE-LISTED"]
    assert "true" in listed["message"] and "false" in listed["message"]
    assert "“是”" in listed["form_message"] and "“否”" in listed["form_message"]


@pytest.mark.parametrize(
    ("cli", "form"),
    [
        (
            "「单位名称」含有零宽空格（U+200B）：请删除（accel666 fix 可自动修正）。",
            "「单位名称」含有零宽空格（U+200B）：请删除。",
        ),
        (
            '统一社会信用代码应为 18 位半角数字或大写字母（不含 I、O、S、V、Z），请核对营业执照后加引号填写，例如 "91320500MA1MXXXX0X"。',
            "统一社会信用代码应为 18 位半角数字或大写字母（不含 I、O、S、V、Z），请核对营业执照后填写，例如 91320500MA1MXXXX0X。",
        ),
        (
            "已在证券交易所上市填写 true，尚未上市填写 false（申报要求尚未上市）。",
            "已在证券交易所上市选“是”，尚未上市选“否”（申报要求尚未上市）。",
        ),
        (
            "申报批次编号，形如 2020-1（2020 年第一批），须与文件所在的批次文件夹一致；练习批次的编号为 practice。",
            "申报批次编号，形如 2020-1（2020 年第一批）；练习批次的编号为 practice。",
        ),
        ("单位的 18 位统一社会信用代码；文件名须与之一致。", "单位的 18 位统一社会信用代码。"),
        (
            "「地区代码」为 “320111”，但文件放在地区文件夹 “320100” 中：请改正地区代码，或把文件移到 submissions/2020-1/320111/backbone/。",
            "「地区代码」为 “320111”，与申报的位置不一致：请改正该栏。",
        ),
        (
            "第一批的申报截止日期为 2020-08-30，今天是 2020-09-15：截止日期后不能再新增、修改或删除申报。如确需延期，请省工信厅先修改 submissions/2020-1/batch.yaml 中的日期。",
            "第一批的申报截止日期为 2020-08-30，今天是 2020-09-15：截止日期后不能再新增、修改或删除申报。如确需延期，请联系省工信厅。",
        ),
    ],
)
def test_the_table_rewrites_the_phrases_the_phone_user_saw(cli: str, form: str) -> None:
    assert for_form(cli) == form


@pytest.mark.parametrize(
    "cli",
    [
        "YAML 语法错误：找不到字段名后的冒号，或值中含有“: ”却没有加引号。",
        "值中含有“: ”：请给整个值加引号。",
        "「联系人及手机 › 姓名」格式不正确（现为 true）。",
    ],
)
def test_what_a_message_says_of_the_files_own_text_is_kept_whole(cli: str) -> None:
    """The file's syntax and the value it holds are the file's: rewriting them would say what is not there."""
    form = for_form(cli)
    assert not form.endswith(("没有。", "整个值。", "给值。"))
    assert ("现为 true" in form) == ("现为 true" in cli)
    assert "加引号" not in form
