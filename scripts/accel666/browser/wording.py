"""The form's words for the CLI's: what a clerk filling the web form reads instead of advice on YAML.

The check's findings keep the CLI's `message` word for word (tests/browser/parity_test.py
holds the browser to it); the page shows `form_words` of it. The form writes the file
itself (quoting, indentation, encoding, file name and folder), and its yes/no questions
are 是/否 buttons, so the CLI's advice on those is dropped or said in the form's terms.
The site's field hints (accel666.website.form_fields) go through the same table.

One reviewed table, applied in order: each row is a phrase the CLI or a schema writes and
what the form says instead. A new message that slips past it is caught by the test over
every finding the parity test sees (tests/browser/wording_test.py).
"""

from __future__ import annotations

import re

# (pattern, replacement), in order: the longer, more specific phrases before the general ones.
REWRITES: tuple[tuple[str, str], ...] = (
    # The command line's repair and template commands: the form regenerates the file.
    ("（accel666 fix 可自动修正）", ""),
    (
        r"请运行 accel666 fix 转换（[^）]*），或在编辑器中以 UTF-8 编码重新保存。",
        "请打开由本表单下载的申报文件，或在表单中重新填写。",
    ),
    (r"请用 accel666 new 生成模板后填写。", "请打开由本表单下载的申报文件，或在表单中重新填写。"),
    # A value the file held unquoted (an opened file only: the form quotes every text it writes).
    (
        r"没有加引号，会被当作数字或布尔值（前导 0、长数字会被改变）：请写成 .*$",
        "在原文件中被当作数字或布尔值（前导 0、长数字可能已被改变）：请核对该栏后重新下载。",
    ),
    # Quoting advice in the schemas' hints and in messages built from them.
    ("，请加引号并与文件夹名称一致", ""),
    ("加引号并", ""),
    ("并加引号", ""),
    ("后加引号", "后"),
    ("，请加引号填写", ""),
    (r"；[^；。]*时，请给整个值加引号", ""),
    (r"请给它加引号（\"-\"）", "请删除它或在表单中重新填写"),
    # A syntax message about an opened file: what the file's text lacks, and no advice to quote.
    ("却没有加引号", "却没有用引号括起来"),
    ("请给整个值加引号", "请改正原文件，或在表单中重新填写该栏"),
    ("或给值加引号", ""),
    ("加引号", ""),
    (r'(例如|为|如) ?"([^"\n]*)"', r"\1 \2"),
    # Where the file lies: the form places it from the batch, region and code it holds.
    (r"[，；]须与(文件所在的)?(批次|地区)?文件夹(名称)?一致", ""),
    (r"[，；]文件名须与(之|代码)一致", ""),
    (r"，见 submissions/\S+?(?=[。；，]|$)", ""),
    (
        r"，但文件放在(地区文件夹)? “[^”]*”( 文件夹)? ?中：请改正(该字段|地区代码)，或把文件移到[^。]*。",
        "，与申报的位置不一致：请改正该栏。",
    ),
    (
        r"文件名 “[^”]*” 与统一社会信用代码 “[^”]*” 不一致：请把文件改名为 \S+。",
        "申报文件的命名与统一社会信用代码不一致：请在表单中重新下载。",
    ),
    (r"而申报放在(\S+?)的文件夹中", r"而申报的地区为\1"),
    (r"请省工信厅先修改 \S+ 中的日期", "请联系省工信厅"),
    (r"没有有效的配置文件 \S+：", "没有有效的配置："),
    # Yes/no: 是/否 buttons, not true/false.
    (r"填写 true（是）或 false（否），不要写“是/否”或 yes/no。", "选择“是”或“否”。"),
    (r" ?\btrue 或 false\b", "“是”或“否”"),
    (r"填写 true\b", "选“是”"),
    (r"填写 false\b", "选“否”"),
    (r"(?<!现为 )(?<!但 )(?<!现为)(?<!但) ?\btrue\b", "“是”"),  # not the value the file holds
    (r"(?<!现为 )(?<!但 )(?<!现为)(?<!但) ?\bfalse\b", "“否”"),  # not the value the file holds
    # The file's format, named for what the clerk knows: a 申报文件.
    (r"YAML 语法错误", "申报文件格式错误"),
    (r"(申报表的 )?YAML 文件", "申报文件"),
    (r"\bYAML\b ?", "申报文件"),
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in REWRITES)
_TITLES = re.compile(r"^「[^」]*」")


def for_form(words: str) -> str:
    """A CLI message, schema description or hint in the form's terms."""
    for pattern, replacement in _COMPILED:
        words = pattern.sub(replacement, words)
    return words


def form_words(code: str, message: str) -> str:
    """What the page shows for one finding: an empty field is one still to fill, not YAML lines to edit."""
    if code == "SCHEMA-EMPTY":
        titles = _TITLES.match(message)
        return (titles.group(0) if titles else "此项") + "未填写。"
    return for_form(message)
