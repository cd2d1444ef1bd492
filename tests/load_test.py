"""The strict loader: data exactly as typed, positions for every value, pitfalls as findings."""

from __future__ import annotations

import itertools
import json
import re
import time

import pytest

from accel666.findings import MAX_FINDINGS, Finding
from accel666.load import MAX_BYTES, MAX_DEPTH, load_document
from builders import ROOT, SAMPLES, SampleRepo, only, position_of

PATH = "submissions/2020-1/320100/backbone/x.yaml"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
BACKBONE = SAMPLES["backbone"]


def load(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_document(raw, PATH)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def at(finding: Finding) -> tuple[int, int]:
    return finding.line, finding.column


def assert_chinese(finding: Finding) -> None:
    assert CHINESE.search(finding.message), finding.message


# -- plain scalars: only true/false and plain decimal numbers are typed -----------------

# A nested key on line 3 so that both line and column are non-trivial.
NESTED = "# 注释\nouter:\n  k: {}\n"
VALUE_AT = (3, 6)


@pytest.mark.parametrize(
    "typed",
    ["no", "yes", "on", "off", "2020-08-30", "013", "0x1F", "12:30", "1e3", ".inf"],
    ids=["no", "yes", "on", "off", "date", "leading-zero", "hex", "sexagesimal", "exponent", "inf"],
)
def test_yaml_1_1_lookalikes_stay_exactly_the_text_typed(typed: str) -> None:
    doc = load(NESTED.format(typed))
    assert doc.findings == []
    assert doc.loaded
    value = doc.data["outer"]["k"]
    assert type(value) is str
    assert value == typed
    assert doc.positions["/outer/k"] == VALUE_AT
    scalar = doc.scalars["/outer/k"]
    assert (scalar.line, scalar.column) == VALUE_AT
    assert scalar.style is None
    assert scalar.text == typed


@pytest.mark.parametrize(("typed", "expected"), [("true", True), ("false", False)])
def test_true_and_false_are_booleans(typed: str, expected: bool) -> None:
    doc = load(NESTED.format(typed))
    assert doc.findings == []
    assert doc.data["outer"]["k"] is expected
    assert doc.positions["/outer/k"] == VALUE_AT


@pytest.mark.parametrize(("typed", "expected"), [("0", 0), ("42", 42), ("-7", -7), ("12.5", 12.5)])
def test_plain_decimal_numbers_are_numbers(typed: str, expected: float) -> None:
    doc = load(NESTED.format(typed))
    assert doc.findings == []
    value = doc.data["outer"]["k"]
    assert value == expected
    assert type(value) is type(expected)
    assert doc.positions["/outer/k"] == VALUE_AT


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"42"', "42"),
        ("'true'", "true"),
        ('"no"', "no"),
        ("'013'", "013"),
        ("|\n    12.5\n", "12.5\n"),
        (">-\n    false\n", "false"),
    ],
    ids=["double-quoted-number", "single-quoted-bool", "double-quoted-no", "single-quoted-octal", "literal", "folded"],
)
def test_quoted_and_block_scalars_are_always_text(written: str, expected: str) -> None:
    doc = load(NESTED.format(written))
    assert doc.findings == []
    assert doc.data["outer"]["k"] == expected
    assert doc.positions["/outer/k"] == VALUE_AT
    assert doc.scalars["/outer/k"].style == written[0]


def test_positions_map_json_pointers_to_the_line_and_column_of_each_value() -> None:
    text = (ROOT / BACKBONE).read_text(encoding="utf-8")
    doc = load(text)
    assert doc.findings == []
    assert doc.positions["/contact/mobile"] == position_of(text, '"13800000012"')
    assert doc.positions["/indicators/0/revenue"] == position_of(text, "1500")
    assert doc.positions["/indicators/2/credit_rating"] == position_of(text, "AA", 3)
    assert doc.positions["/applicant/uscc"] == position_of(text, '"91320106MA1W7XYL3D"')
    assert doc.key_positions["/contact/mobile"] == position_of(text, "mobile:")
    assert doc.position("/contact/no-such-field") == doc.positions["/contact"]


def test_json_pointer_tokens_escape_slash_and_tilde() -> None:
    doc = load("a/b:\n  c~d: 1\n")
    assert doc.positions["/a~1b/c~0d"] == (2, 8)


# -- unquoted numbers where text is wanted (through a real check of a sample) ---------


def test_an_unquoted_mobile_number_is_reported_at_the_value_with_the_text_to_quote(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'mobile: "13800000012"', "mobile: 13800000012")
    finding = only(sample_repo.findings(BACKBONE), "YAML-UNQUOTED")
    assert at(finding) == position_of(text, "13800000012")
    assert finding.pointer == "/contact/mobile"
    assert '"13800000012"' in finding.message
    assert_chinese(finding)


def test_an_unquoted_18_digit_code_is_reported_at_the_value_with_the_exact_digits(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'uscc: "91320106MA1W7XYL3D"', "uscc: 913201061234567890")
    finding = only(sample_repo.findings(BACKBONE), "YAML-UNQUOTED")
    assert at(finding) == position_of(text, "913201061234567890")
    assert '"913201061234567890"' in finding.message
    assert_chinese(finding)


def test_an_unquoted_postcode_is_reported_as_unquoted(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'postcode: "210009"', "postcode: 210009")
    finding = only(sample_repo.findings(BACKBONE), "YAML-UNQUOTED")
    assert at(finding) == position_of(text, "210009")
    assert '"210009"' in finding.message


# -- duplicate keys ---------------------------------------------------------------------


def test_a_duplicate_top_level_key_is_reported_at_the_second_key_naming_the_first_line() -> None:
    doc = load("a: 1\nb: 2\na: 3\n")
    finding = only(doc.findings, "YAML-DUPLICATE-KEY")
    assert at(finding) == (3, 1)
    assert "第 1 行" in finding.message
    assert "a" in finding.message
    assert_chinese(finding)
    assert doc.data == {"a": 1, "b": 2}


def test_a_duplicate_nested_key_is_reported_at_the_second_key() -> None:
    doc = load("top:\n  x: 1\n  y: 2\n  x: 3\n")
    finding = only(doc.findings, "YAML-DUPLICATE-KEY")
    assert at(finding) == (4, 3)
    assert "第 2 行" in finding.message


def test_a_duplicate_key_inside_a_list_item_is_reported() -> None:
    doc = load("items:\n  - name: a\n    year: 2017\n    name: b\n")
    finding = only(doc.findings, "YAML-DUPLICATE-KEY")
    assert at(finding) == (4, 5)
    assert "第 2 行" in finding.message


def test_a_duplicate_key_in_a_flow_mapping_is_reported() -> None:
    doc = load("a: {b: 1, b: 2}\n")
    assert at(only(doc.findings, "YAML-DUPLICATE-KEY")) == (1, 11)


def test_a_duplicate_key_in_a_sample_application_is_reported(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "rd_expense: 152.5\n", "rd_expense: 152.5\nlisted: true\n")
    finding = only(sample_repo.findings(BACKBONE), "YAML-DUPLICATE-KEY")
    # The line added first is the first occurrence; the sample's own `listed:` is the duplicate.
    assert at(finding) == position_of(text, "listed:", 2)
    assert f"第 {position_of(text, 'listed:', 1)[0]} 行" in finding.message


# -- anchors, aliases and tags ------------------------------------------------------------


def test_an_anchor_and_an_alias_are_both_reported() -> None:
    doc = load("a: &x 1\nb: *x\n")
    found = [at(f) for f in doc.findings if f.code == "YAML-ANCHOR"]
    assert found == [(1, 4), (2, 4)]
    assert all(CHINESE.search(f.message) for f in doc.findings)


def test_a_billion_laughs_document_is_refused_quickly_without_expansion() -> None:
    levels = "abcdefghij"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in itertools.pairwise(levels):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 1000
    start = time.perf_counter()
    doc = load(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    anchors = [f for f in doc.findings if f.code == "YAML-ANCHOR"]
    assert len(anchors) == 10 + 9 * 10  # ten anchors, ninety aliases: each reported once
    assert at(anchors[0]) == (1, 4)
    # Nothing was expanded: the data is no bigger than the text.
    assert len(repr(doc.data)) < 2 * len(text)


def test_a_billion_laughs_application_is_checked_quickly(sample_repo: SampleRepo) -> None:
    bomb = 'x: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{name}{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    sample_repo.write(BACKBONE, sample_repo.read(BACKBONE) + bomb)
    start = time.perf_counter()
    found = sample_repo.findings(BACKBONE)
    assert time.perf_counter() - start < 10
    assert "YAML-ANCHOR" in codes(found)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("!!str 1", "str"), ("!!python/object:os.system x", "python/object"), ("!custom 1", "!custom")],
    ids=["str", "python-object", "custom"],
)
def test_tags_are_reported_at_the_tagged_value(written: str, shown: str) -> None:
    doc = load(f"name: x\nk: {written}\n")
    finding = only(doc.findings, "YAML-TAG")
    assert at(finding) == (2, 4)
    assert shown in finding.message
    assert_chinese(finding)


def test_a_tag_on_a_mapping_is_reported() -> None:
    doc = load("k: !!map\n  a: 1\n")
    assert "YAML-TAG" in codes(doc.findings)


# -- indentation, colons, encodings and characters ---------------------------------------


def test_a_tab_in_indentation_is_reported_at_the_tab() -> None:
    doc = load("a:\n  b: 1\n\tc: 2\n")
    finding = only(doc.findings, "YAML-TAB")
    assert at(finding) == (3, 1)
    assert_chinese(finding)
    assert "YAML-SYNTAX" not in codes(doc.findings)


def test_a_tab_after_spaces_in_indentation_is_reported_at_the_tab() -> None:
    doc = load("a:\n  b: 1\n  \tc: 2\n")
    assert at(only(doc.findings, "YAML-TAB")) == (3, 3)


def test_a_tab_inside_a_value_is_not_indentation() -> None:
    doc = load('a: "x\ty"\n')
    assert doc.findings == []
    assert doc.data == {"a": "x\ty"}


def test_a_fullwidth_space_in_indentation_is_reported_at_that_space() -> None:
    doc = load("contact:\n  name: 张三\n\u3000mobile: '13800000000'\n")
    finding = only(doc.findings, "YAML-FULLWIDTH-INDENT")
    assert at(finding) == (3, 1)
    assert_chinese(finding)


def test_a_fullwidth_space_after_halfwidth_spaces_is_reported_at_that_space() -> None:
    doc = load("contact:\n  \u3000mobile: '13800000000'\n")
    assert at(only(doc.findings, "YAML-FULLWIDTH-INDENT")) == (2, 3)


def test_a_fullwidth_colon_after_a_key_is_reported_at_the_colon() -> None:
    doc = load("name: x\nrecommender：南京市工业和信息化局\n")
    finding = only(doc.findings, "YAML-FULLWIDTH-COLON")
    assert at(finding) == (2, 12)
    assert_chinese(finding)


def test_a_fullwidth_colon_after_a_list_item_key_is_reported_at_the_colon() -> None:
    doc = load("cases:\n  - title：x\n")
    assert at(only(doc.findings, "YAML-FULLWIDTH-COLON")) == (2, 10)


def test_a_fullwidth_colon_inside_a_value_is_free_text() -> None:
    doc = load("awards: 荣誉：省级示范（2019），优秀\n")
    assert doc.findings == []
    assert doc.data == {"awards": "荣誉：省级示范（2019），优秀"}


def test_a_fullwidth_colon_inside_a_block_scalar_narrative_is_free_text() -> None:
    # A line of a narrative that starts with an acronym (MES, ERP) is text, not a key.
    doc = load("narratives:\n  introduction: |\n    公司产品包括：\n    MES：制造执行系统\n    ERP：企业资源计划\n")
    assert doc.findings == []
    assert doc.data == {"narratives": {"introduction": "公司产品包括：\nMES：制造执行系统\nERP：企业资源计划\n"}}


def test_gbk_bytes_are_reported_at_the_first_bad_byte() -> None:
    raw = b"category: backbone\nname: " + "南京示例".encode("gbk") + b"\n"
    doc = load(raw)
    finding = only(doc.findings, "YAML-ENCODING")
    assert at(finding) == (2, 7)
    assert "文件是 GBK/GB18030 编码（从第 26 个字节起不是 UTF-8）" in finding.message
    assert "accel666 fix" in finding.message
    assert_chinese(finding)
    assert not doc.loaded


def test_a_utf16_file_is_named_utf16_not_gbk() -> None:
    finding = only(load("category: backbone\nname: 南京示例\n".encode("utf-16")).findings, "YAML-ENCODING")
    assert "文件是 UTF-16 编码" in finding.message and "GBK" not in finding.message.split("：")[0]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_without_its_byte_order_mark_is_named_utf16_not_read_as_utf8_with_nuls(encoding: str) -> None:
    finding = only(load("category: backbone\nname: 南京示例\n".encode(encoding)).findings, "YAML-ENCODING")
    assert at(finding) == (1, 1)
    assert "文件是 UTF-16 编码（没有字节序标记）" in finding.message and "accel666 fix" in finding.message


def test_gbk_bytes_after_utf8_chinese_are_located_by_character_column() -> None:
    raw = "名称: 示例".encode() + "中文".encode("gbk") + b"\n"  # GBK 中 starts 0xD6 0xD0: invalid UTF-8
    finding = only(load(raw).findings, "YAML-ENCODING")
    assert at(finding) == (1, 7)


def test_a_utf8_bom_is_accepted_and_does_not_shift_columns() -> None:
    doc = load(b"\xef\xbb\xbf" + "name: 示例\nk: 1\n".encode())
    assert doc.findings == []
    assert doc.data == {"name": "示例", "k": 1}
    assert doc.positions["/name"] == (1, 7)


def test_a_file_over_2_mib_is_refused() -> None:
    raw = b"a: " + b"x" * MAX_BYTES + b"\n"
    start = time.perf_counter()
    doc = load(raw)
    assert time.perf_counter() - start < 1
    finding = only(doc.findings, "YAML-TOO-LARGE")
    assert at(finding) == (1, 1)
    assert_chinese(finding)
    assert not doc.loaded


def test_a_file_just_under_2_mib_is_read() -> None:
    raw = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(raw) == MAX_BYTES
    doc = load(raw)
    assert doc.findings == []
    assert doc.loaded


@pytest.mark.parametrize("char", ["\x07", "\x00", "\x1b", "\x7f"], ids=["bell", "nul", "escape", "delete"])
def test_a_control_character_is_reported_at_its_position(char: str) -> None:
    doc = load(f"a: 1\nbb: x{char}y\n")
    finding = only(doc.findings, "YAML-CONTROL-CHAR")
    assert at(finding) == (2, 6)
    assert f"U+{ord(char):04X}" in finding.message
    assert_chinese(finding)


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["nel", "line-separator", "paragraph-separator"])
@pytest.mark.parametrize("written", ["bb: x{}y\n", 'bb: "x{}y"\n', "bb: |\n  x{}y\n"], ids=["plain", "quoted", "block"])
def test_a_unicode_line_break_is_refused_not_folded_into_the_data(char: str, written: str) -> None:
    """libyaml reads these as line breaks (a space inside quotes): the text would change unseen."""
    text = "a: 1\n" + written.format(char)
    doc = load(text)
    finding = only(doc.findings, "YAML-CONTROL-CHAR")
    line = text.count("\n", 0, text.index(char)) + 1
    assert at(finding) == (line, text.index(char) - text.rfind("\n", 0, text.index(char)))
    assert f"U+{ord(char):04X}" in finding.message
    assert not doc.loaded


def test_nesting_deeper_than_40_levels_of_flow_lists_is_refused() -> None:
    doc = load("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n")
    finding = only(doc.findings, "YAML-TOO-DEEP")
    assert at(finding) == (1, MAX_DEPTH + 1)
    assert_chinese(finding)
    assert not doc.loaded


def test_nesting_of_exactly_40_levels_is_accepted() -> None:
    doc = load("[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert doc.findings == []


def test_nesting_deeper_than_40_levels_of_block_mappings_is_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "v: 1\n"
    finding = only(load(text).findings, "YAML-TOO-DEEP")
    assert at(finding) == (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)


def test_a_deep_list_bomb_does_not_crash_the_loader() -> None:
    doc = load("[" * 100_000)
    assert codes(doc.findings) in (["YAML-TOO-DEEP"], ["YAML-SYNTAX"])


def test_a_document_marker_followed_only_by_comments_is_an_empty_file() -> None:
    # An editor template often starts with `---`; nothing after it is still nothing.
    doc = load("---\n# 只有注释\n")
    finding = only(doc.findings, "YAML-EMPTY")
    assert at(finding) == (1, 1)


def test_two_documents_are_reported_at_the_second_separator() -> None:
    doc = load("---\na: 1\n---\nb: 2\n")
    finding = only(doc.findings, "YAML-MULTI-DOC")
    assert at(finding) == (3, 1)
    assert_chinese(finding)


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "# 只有注释\n# 第二行\n", "\ufeff# 注释\n"],
    ids=["empty", "blank", "comments", "bom-and-comment"],
)
def test_an_empty_file_is_reported(text: str) -> None:
    doc = load(text)
    finding = only(doc.findings, "YAML-EMPTY")
    assert at(finding) == (1, 1)
    assert_chinese(finding)
    assert not doc.loaded


@pytest.mark.parametrize(
    ("text", "position"),
    [("? [a, b]\n: c\n", (1, 3)), ("{[1]: 2}\n", (1, 2)), ("? {a: 1}\n: c\n", (1, 3))],
    ids=["block-list-key", "flow-list-key", "mapping-key"],
)
def test_a_complex_key_is_reported(text: str, position: tuple[int, int]) -> None:
    doc = load(text)
    finding = only(doc.findings, "YAML-COMPLEX-KEY")
    assert at(finding) == position
    assert_chinese(finding)


def test_an_unclosed_quote_is_a_syntax_error_with_a_chinese_message() -> None:
    doc = load('a: "abc\nb: 1\n')
    finding = only(doc.findings, "YAML-SYNTAX")
    assert 1 <= finding.line <= 3
    assert finding.column >= 1
    assert_chinese(finding)
    assert not doc.loaded


def test_an_unclosed_quote_in_an_application_is_reported_where_the_quote_opens(sample_repo: SampleRepo) -> None:
    # libyaml only notices at the end of the file; the applicant has to find the opening quote.
    text = sample_repo.replace(BACKBONE, 'mobile: "13800000012"', 'mobile: "13800000012')
    finding = only(sample_repo.findings(BACKBONE), "YAML-SYNTAX")
    assert at(finding) == position_of(text, '"13800000012')


def test_bad_indentation_is_a_syntax_error_at_the_misindented_line() -> None:
    doc = load("a:\n  b: 1\n c: 2\n")
    finding = only(doc.findings, "YAML-SYNTAX")
    assert at(finding) == (3, 2)
    assert_chinese(finding)


def test_bad_indentation_in_an_application_is_reported_at_that_line(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, '  mobile: "13800000012"', ' mobile: "13800000012"')
    finding = only(sample_repo.findings(BACKBONE), "YAML-SYNTAX")
    assert finding.line == position_of(text, " mobile:")[0]
    assert_chinese(finding)


def test_a_colon_inside_a_plain_value_is_a_syntax_error_explained_in_chinese() -> None:
    doc = load("a: b: c\n")
    finding = only(doc.findings, "YAML-SYNTAX")
    assert at(finding) == (1, 5)
    # The explanation is Chinese, not libyaml's English problem text.
    assert "mapping values" not in finding.message
    assert_chinese(finding)


# -- full-width characters in codes and in free text (through a real check) --------------


def test_fullwidth_digits_in_a_postcode_are_reported_at_the_first_fullwidth_character(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'postcode: "210009"', 'postcode: "２１0009"')
    finding = only(sample_repo.findings(BACKBONE), "FULLWIDTH")
    assert at(finding) == position_of(text, "２")
    assert at(finding) == (position_of(text, "postcode:")[0], 12)  # counting the opening quote
    assert "２" in finding.message
    assert_chinese(finding)


def test_a_fullwidth_digit_in_the_middle_of_a_mobile_number_is_reported_at_that_digit(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'mobile: "13800000012"', 'mobile: "138０0000012"')
    finding = only(sample_repo.findings(BACKBONE), "FULLWIDTH")
    assert at(finding) == position_of(text, "０")
    assert "第 4 个字符" in finding.message


def test_fullwidth_digits_in_an_unquoted_date_are_reported_at_the_first_one(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "founded: 2012-04-18", "founded: 2012-０4-18")
    finding = only(sample_repo.findings(BACKBONE), "FULLWIDTH")
    assert at(finding) == position_of(text, "０")


def test_fullwidth_letters_in_a_uscc_are_reported_at_the_first_one(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'uscc: "91320106MA1W7XYL3D"', 'uscc: "91320106ＭＡ1W7XYL3D"')
    finding = only(sample_repo.findings(BACKBONE), "FULLWIDTH")
    assert at(finding) == position_of(text, "Ｍ")


def test_fullwidth_digits_in_a_phone_number_are_reported_as_fullwidth(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'phone: "025-83000001"', 'phone: "０２５-83000001"')
    finding = only(sample_repo.findings(BACKBONE), "FULLWIDTH")
    assert at(finding) == position_of(text, "０")


def test_fullwidth_digits_in_an_amount_are_reported_as_fullwidth(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "revenue: 1500", "revenue: １５００")
    finding = only(sample_repo.findings(BACKBONE), "FULLWIDTH")
    assert at(finding) == position_of(text, "１５００")
    assert finding.pointer == "/indicators/0/revenue"


def test_fullwidth_punctuation_in_names_and_narratives_is_accepted(sample_repo: SampleRepo) -> None:
    sample_repo.replace(
        BACKBONE, "name: 南京示例智联科技有限公司（示例数据）", "name: 南京示例智联科技，有限公司（示例数据）"
    )
    sample_repo.replace(BACKBONE, "awards: （示例数据）", "awards: （示例数据）荣誉：省级示范，“优秀”；")
    sample_repo.replace(BACKBONE, "address: 南京市鼓楼区示例路 6 号", "address: 南京市鼓楼区示例路６号（Ａ座）")
    sample_repo.replace(BACKBONE, "  name: 褚示例", "  name: 褚示例（联系人）")
    sample_repo.replace(BACKBONE, "产品覆盖设备联网、", "产品覆盖：设备联网、！？")
    assert sample_repo.findings(BACKBONE) == []


# -- YAML 1.2 where libyaml reads otherwise (accel666.conformance) ---------------------


def test_a_plain_scalar_with_the_non_specific_tag_is_text_not_a_number() -> None:
    doc = load("phone: ! 13800000000\nseq: [! 12, 12]\n")
    assert doc.findings == []
    assert doc.data == {"phone": "13800000000", "seq": ["12", 12]}
    assert doc.positions["/phone"] == (1, 8)


@pytest.mark.parametrize(
    ("text", "position"),
    [("k: [?x]\n", (1, 5)), ("k: { ?foo: bar }\n", (1, 6)), ("applicant: { ?name: 某公司 }\n", (1, 14))],
    ids=["in-list", "in-mapping", "application-field"],
)
def test_a_question_mark_glued_to_a_word_in_brackets_is_refused_at_the_question_mark(
    text: str, position: tuple[int, int]
) -> None:
    """YAML 1.2 reads the text `?name`; libyaml the key `name`, which would pass as the real field."""
    doc = load(text)
    finding = only(doc.findings, "YAML-COMPLEX-KEY")
    assert at(finding) == position
    assert_chinese(finding)
    assert not doc.loaded


def test_a_question_mark_inside_a_word_is_text() -> None:
    doc = load("k: [a?b, 'c?d']\nm: {key?: v}\n")
    assert doc.findings == []
    assert doc.data == {"k": ["a?b", "c?d"], "m": {"key?": "v"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("foo: |\n  x\n   ", {"foo": "x\n \n"}), ("- |+\n   ", ["\n"]), ("foo: |\n  x\n  ", {"foo": "x\n"})],
    ids=["deeper-spaces", "keep", "clip"],
)
def test_a_block_text_keeps_its_last_line_break_when_the_file_ends_in_spaces(text: str, expected: object) -> None:
    doc = load(text)
    assert doc.findings == []
    assert doc.data == expected


@pytest.mark.parametrize(
    ("text", "position"),
    [("a: 1\n~: 2\n", (2, 1)), ("a: 1\nnull: 2\n", (2, 1)), ("a:\n  ?\n  : 2\n", (2, 3)), ("{a: 1, ?\n}\n", (1, 8))],
    ids=["tilde", "null", "explicit-empty", "flow-empty"],
)
def test_an_empty_key_is_refused_at_its_place_not_read_as_text(text: str, position: tuple[int, int]) -> None:
    doc = load(text)
    finding = only(doc.findings, "YAML-COMPLEX-KEY")
    assert at(finding) == position
    assert_chinese(finding)
    assert "null" not in json.dumps(doc.data)
    assert "~" not in json.dumps(doc.data)


def test_quoted_null_and_tilde_keys_are_text() -> None:
    doc = load("'~': 1\n\"null\": 2\n")
    assert doc.findings == []
    assert doc.data == {"~": 1, "null": 2}


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ('key: "value"# 说明\n', (1, 13)),
        ("k: [a, b]#说明\n", (1, 10)),
        ("k: [a,#说明\n  ]\n", (1, 7)),
        ("block: ># 说明\n  text\n", (1, 9)),
    ],
    ids=["after-quote", "after-bracket", "after-comma", "after-block-header"],
)
def test_a_comment_glued_to_a_value_is_a_syntax_error_at_the_hash(text: str, position: tuple[int, int]) -> None:
    doc = load(text)
    finding = only(doc.findings, "YAML-SYNTAX")
    assert at(finding) == position
    assert "#" in finding.message
    assert_chinese(finding)
    assert not doc.loaded


def test_a_hash_inside_a_value_and_comments_after_a_space_are_fine() -> None:
    doc = load('# 注释#1\nurl: http://x/#a  # 注释#2\nq: "a#b" # c\nb: | # c\n  x # y\n')
    assert doc.findings == []
    assert doc.data == {"url": "http://x/#a", "q": "a#b", "b": "x # y\n"}


def test_a_tab_at_the_start_of_a_quoted_continuation_line_is_reported_at_the_tab() -> None:
    doc = load('a: 1\nfoo: "bar\n\tbaz"\n')
    finding = only(doc.findings, "YAML-TAB")
    assert at(finding) == (3, 1)
    assert_chinese(finding)
    assert not doc.loaded


@pytest.mark.parametrize(
    ("text", "position"),
    [('a: 1\nquoted: "a\nb\n  c"\n', (3, 1)), ("top:\n  list: [a,\n  b]\n", (3, 3))],
    ids=["quoted", "flow-list"],
)
def test_a_continuation_line_not_deeper_than_its_key_is_a_syntax_error_there(
    text: str, position: tuple[int, int]
) -> None:
    doc = load(text)
    assert at(only(doc.findings, "YAML-SYNTAX")) == position
    assert not doc.loaded


def test_continuation_lines_deeper_than_their_key_are_folded_as_yaml_says() -> None:
    doc = load('top:\n  quoted: "a\n   b"\n  list: [a,\n   b]\n')
    assert doc.findings == []
    assert doc.data == {"top": {"quoted": "a b", "list": ["a", "b"]}}


def test_a_lone_dash_in_brackets_is_a_syntax_error_at_the_dash() -> None:
    doc = load("k: [a, -]\n")
    assert at(only(doc.findings, "YAML-SYNTAX")) == (1, 8)


def test_blank_lines_deeper_than_the_first_line_of_a_block_text_are_a_syntax_error() -> None:
    doc = load("k: |\n\n     \n  text\n")
    assert at(only(doc.findings, "YAML-SYNTAX")) == (3, 3)


# -- positions ---------------------------------------------------------------------------


def test_a_control_character_after_chinese_text_is_reported_at_its_character_column() -> None:
    # libyaml reports a byte offset: 3 bytes per Chinese character would push it to later lines.
    doc = load("名称: 南京示例智联科技有限公司\u0007\nb: 1\nc: 2\nd: 3\n")
    finding = only(doc.findings, "YAML-CONTROL-CHAR")
    assert at(finding) == (1, 17)


def test_a_key_without_its_colon_is_reported_at_that_key_not_at_the_next_colon() -> None:
    doc = load("top1:\n  key1: val1\ntop2\nnext: 1\nmore: 2\n")
    assert at(only(doc.findings, "YAML-SYNTAX")) == (3, 1)


def test_a_syntax_error_after_an_anchor_is_still_reported() -> None:
    doc = load("a: &x 1\nb: c: d\n")
    assert at(only(doc.findings, "YAML-ANCHOR")) == (1, 4)
    assert at(only(doc.findings, "YAML-SYNTAX")) == (2, 5)


def test_a_bracket_left_open_at_the_end_of_the_file_is_reported_where_it_opens() -> None:
    doc = load("a: 1\nb: [x, y\n\n")
    assert at(only(doc.findings, "YAML-SYNTAX")) == (2, 4)


# -- the commonest slips are read past: every other finding in the same run ---------------


def test_a_key_without_a_space_after_its_colon_is_reported_at_the_colon_and_read_as_meant() -> None:
    doc = load("a: 1\nlisted:false\ncontact:\n  name:李小红\n  mobile: '13800000000'\n")
    found = [f for f in doc.findings if f.code == "YAML-COLON-SPACE"]
    assert [at(f) for f in found] == [(2, 7), (4, 7)]
    assert all(CHINESE.search(f.message) for f in found)
    assert codes(doc.findings) == ["YAML-COLON-SPACE", "YAML-COLON-SPACE"]
    assert doc.data == {"a": 1, "listed": False, "contact": {"name": "李小红", "mobile": "13800000000"}}
    # Positions are those of the file as typed, not of the repaired reading.
    assert doc.positions["/listed"] == (2, 8)
    assert doc.positions["/contact/name"] == (4, 8)
    assert doc.positions["/contact/mobile"] == (5, 11)


def test_a_url_or_a_time_in_a_text_is_not_a_missing_space() -> None:
    doc = load("site:\n  http://example.com\nt: '12:30'\n")
    assert doc.findings == []
    assert doc.data == {"site": "http://example.com", "t": "12:30"}


def test_a_fullwidth_colon_is_read_as_meant_and_the_rest_of_the_file_still_loads() -> None:
    doc = load("name: x\nrecommender：南京市工业和信息化局\nb: &y 1\n")
    assert [(f.code, at(f)) for f in doc.findings] == [("YAML-FULLWIDTH-COLON", (2, 12)), ("YAML-ANCHOR", (3, 4))]
    assert doc.data == {"name": "x", "recommender": "南京市工业和信息化局", "b": 1}
    assert doc.positions["/recommender"] == (2, 13)
    assert doc.scalars["/recommender"].column == 13


def test_fullwidth_space_indentation_is_read_as_two_spaces_each() -> None:
    doc = load("contact:\n\u3000name: 张三\n\u3000mobile: '13800000000'\n")
    assert [at(f) for f in doc.findings if f.code == "YAML-FULLWIDTH-INDENT"] == [(2, 1), (3, 1)]
    assert doc.data == {"contact": {"name": "张三", "mobile": "13800000000"}}
    assert doc.positions["/contact/mobile"] == (3, 10)


def test_a_syntax_error_hidden_behind_a_slip_is_reported_at_its_own_line() -> None:
    doc = load("listed:false\na: 1\nb: c: d\n")
    assert [(f.code, at(f)) for f in doc.findings] == [("YAML-COLON-SPACE", (1, 7)), ("YAML-SYNTAX", (3, 5))]
    assert not doc.loaded


def test_a_slip_lookalike_inside_a_block_text_is_left_as_text() -> None:
    doc = load("a：1\nnote: |\n  MES：制造执行系统\n  ratio:3\n")
    assert codes(doc.findings) == ["YAML-FULLWIDTH-COLON"]
    assert doc.data == {"a": 1, "note": "MES：制造执行系统\nratio:3\n"}


def test_a_newcomers_form_with_fifteen_typical_mistakes_shows_all_of_them_in_one_run(
    sample_repo: SampleRepo,
) -> None:
    """Before, the first run showed only the full-width colon; the other fourteen came one fix later."""
    mistakes = [
        ("recommender: 南京市", "recommender：南京市", "YAML-FULLWIDTH-COLON", "：南京市"),
        ("listed: false", "listed:false", "YAML-COLON-SPACE", ":false"),
        ("  name: 褚示例", "  name:李小红", "YAML-COLON-SPACE", ":李小红"),
        ("  name: 冯示例", "\u3000name: 冯示例", "YAML-FULLWIDTH-INDENT", "\u3000name"),
        ('  mobile: "13800000012"', "  mobile: 13800000012", "YAML-UNQUOTED", "13800000012"),
        ('postcode: "210009"', 'postcode: "21000"', "POSTCODE-FORMAT", '"21000"'),
        ('uscc: "91320106MA1W7XYL3D"', 'uscc: "91320106MA1W7XYL3E"', "USCC-CHECKSUM", '"91320106MA1W7XYL3E"'),
        ('fax: "025-83000002"', 'fax: "０２５-83000002"', "FULLWIDTH", "０"),
        ("founded: 2012-04-18", "founded: 2012/04/18", "DATE-FORMAT", "2012/04/18"),
        ("ownership: 民营", "ownership: 私营", "OWNERSHIP", "私营"),
        ("debt_ratio: 42.5", "debt_ratio: 142.5", "DEBT-RATIO", "142.5"),
        ("rd_expense: 152.5\n", "rd_expense: 152.5\nrd_expense: 160\n", "YAML-DUPLICATE-KEY", "rd_expense: 160"),
        ('  phone: "13800000011"', '  phone: ""', "SCHEMA-EMPTY", '""'),
        ("  awards: ", "  award: ", "SCHEMA-UNKNOWN-FIELD", "award:"),
        ("    patents: 8", "    patents: 八", "COUNT", "八"),
    ]
    for old, new, _, _ in mistakes:
        text = sample_repo.replace(BACKBONE, old, new)
    found = {(f.code, f.line, f.column) for f in sample_repo.findings(BACKBONE)}
    for _, _, code, needle in mistakes:
        assert (code, *position_of(text, needle)) in found, (code, needle, sorted(found))
    # The award typo also leaves awards missing: one more finding, at the narratives.
    assert len(found) == len(mistakes) + 1
    assert "SCHEMA-REQUIRED" in {code for code, _, _ in found}


def test_paragraphs_indented_with_fullwidth_spaces_stay_text_when_a_slip_comes_first() -> None:
    text = "name：示例\nnarratives:\n  introduction: |\n    \u3000\u3000第一段：产品\n    \u3000\u3000第二段\n  awards: 无\n"
    doc = load(text)
    assert [(f.code, at(f)) for f in doc.findings] == [("YAML-FULLWIDTH-COLON", (1, 5))]
    assert doc.data == {
        "name": "示例",
        "narratives": {"introduction": "\u3000\u3000第一段：产品\n\u3000\u3000第二段\n", "awards": "无"},
    }


# -- a file wrong on every line costs what a short one does ---------------------------------

SLIP_ON_EVERY_LINE = {
    "YAML-TAB": "\tk{n}: v\n",
    "YAML-FULLWIDTH-INDENT": "\u3000k{n}: v\n",
    "YAML-FULLWIDTH-COLON": "k{n}：v\n",
    "YAML-DUPLICATE-KEY": "k: v\n",
}


@pytest.mark.parametrize("code", sorted(SLIP_ON_EVERY_LINE))
def test_the_loader_stops_collecting_one_past_the_cap_with_the_first_ones_in_place(code: str) -> None:
    text = "category: backbone\n" + "".join(SLIP_ON_EVERY_LINE[code].format(n=n) for n in range(20000))
    findings = [f for f in load(text).findings if f.code == code]
    # Not 20,000: the scan stops one past the cap (a few lines the repaired copy reads as text drop out).
    assert MAX_FINDINGS - 10 < len(findings) <= MAX_FINDINGS + 1
    assert min(findings, key=at).line < 10  # the first ones, not some from further down
