"""`accel666 fix`: mechanical repairs only, everything else byte for byte, idempotent."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import typing_cases
from accel666.cli import main
from accel666.fix import fix_text
from accel666.repair import values as repair_values
from accel666.repository import open_repository
from builders import ROOT, SAMPLES, SampleRepo, loaded_data, only, position_of, tree_env

BACKBONE = SAMPLES["backbone"]
DEMO = SAMPLES["demo"]
ACCEL666 = Path(sys.executable).with_name("accel666")


def original(relpath: str) -> str:
    return (ROOT / relpath).read_text(encoding="utf-8")


def fix(repo: SampleRepo, relpath: str) -> int:
    return main(["fix", "--root", str(repo.root), str(repo.path(relpath))])


def break_and_fix(repo: SampleRepo, relpath: str, old: str, new: str, *, exit_code: int = 0) -> tuple[str, str]:
    """Write `new` in place of `old`, run fix, and return the text before and after.

    `exit_code` is 1 when problems that need a person remain after the fix.
    """
    before = repo.replace(relpath, old, new)
    assert fix(repo, relpath) == exit_code
    return before, repo.read(relpath)


def test_fix_quotes_an_unquoted_mobile_number_exactly_as_typed(sample_repo: SampleRepo) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, 'mobile: "13800000012"', "mobile: 13800000012")
    assert after == before.replace("  mobile: 13800000012\n", '  mobile: "13800000012"\n')
    assert after == original(BACKBONE)
    assert sample_repo.findings(BACKBONE) == []


def test_fix_quotes_an_unquoted_18_digit_code_without_rounding_it(sample_repo: SampleRepo) -> None:
    code = "913201069999999999"  # as a float this would become 9.13201069999999999e17
    before, after = break_and_fix(
        sample_repo, BACKBONE, 'uscc: "91320106MA1W7XYL3D"', f"uscc: {code}", exit_code=1
    )  # the made-up code's check character is wrong: left for the applicant
    assert after == before.replace(f"  uscc: {code}\n", f'  uscc: "{code}"\n')


def test_fix_keeps_a_comment_after_an_unquoted_value(sample_repo: SampleRepo) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, 'mobile: "13800000012"', "mobile: 13800000012  # 手机")
    assert after == before.replace("mobile: 13800000012  # 手机", 'mobile: "13800000012"  # 手机')
    assert sample_repo.findings(BACKBONE) == []


def test_fix_quotes_a_value_inside_a_flow_mapping(sample_repo: SampleRepo) -> None:
    before, after = break_and_fix(
        sample_repo,
        BACKBONE,
        'contact:\n  name: 褚示例\n  mobile: "13800000012"',
        "contact: {name: 褚示例, mobile: 13800000012}",
    )
    assert after == before.replace("mobile: 13800000012}", 'mobile: "13800000012"}')
    assert sample_repo.findings(BACKBONE) == []


def test_fix_turns_a_fullwidth_colon_after_a_key_into_colon_space(sample_repo: SampleRepo) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, "recommender: 南京", "recommender：南京")
    assert after == before.replace("recommender：南京", "recommender: 南京")
    assert after == original(BACKBONE)
    assert sample_repo.findings(BACKBONE) == []


def test_fix_turns_a_fullwidth_colon_with_a_following_space_into_one_colon_space(sample_repo: SampleRepo) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, "  name: 褚示例", "  name： 褚示例")
    assert after == before.replace("  name： 褚示例", "  name: 褚示例")
    assert sample_repo.findings(BACKBONE) == []


def test_fix_turns_a_fullwidth_colon_in_a_list_item(sample_repo: SampleRepo) -> None:
    _, after = break_and_fix(
        sample_repo, BACKBONE, "  - title: （示例数据）机械企业设备", "  - title：（示例数据）机械企业设备"
    )
    assert after == original(BACKBONE)
    assert sample_repo.findings(BACKBONE) == []


def test_fix_of_a_fullwidth_colon_before_a_nested_block_leaves_no_trailing_space(sample_repo: SampleRepo) -> None:
    # The repository's pre-commit hooks reject trailing whitespace.
    before, after = break_and_fix(sample_repo, BACKBONE, "contact:\n", "contact：\n")
    assert after == before.replace("contact：\n", "contact:\n")
    assert sample_repo.findings(BACKBONE) == []


def test_fix_then_quotes_a_number_behind_a_fullwidth_colon(sample_repo: SampleRepo) -> None:
    _, after = break_and_fix(sample_repo, BACKBONE, 'mobile: "13800000012"', "mobile：13800000012")
    assert after == original(BACKBONE)
    assert sample_repo.findings(BACKBONE) == []


@pytest.mark.parametrize(
    ("old", "broken", "fixed"),
    [
        ('uscc: "91320106MA1W7XYL3D"', 'uscc: "９１３２0106ＭＡ1W7XYL3D"', 'uscc: "91320106MA1W7XYL3D"'),
        ('postcode: "210009"', 'postcode: "２１0009"', 'postcode: "210009"'),
        ('postcode: "210009"', "postcode: '２１０００９'", 'postcode: "210009"'),
        ('mobile: "13800000012"', 'mobile: "１３８００００００１２"', 'mobile: "13800000012"'),
        ('phone: "025-83000001"', 'phone: "０２５－８３０００００１"', 'phone: "025-83000001"'),
        ('phone: "13800000011"', 'phone: "１３８00000011"', 'phone: "13800000011"'),
        ('fax: "025-83000002"', 'fax: "０２５-83000002"', 'fax: "025-83000002"'),
    ],
    ids=["uscc", "postcode", "postcode-single-quoted", "mobile", "landline", "phone-mobile", "fax"],
)
def test_fix_normalises_fullwidth_characters_in_codes_and_phone_numbers(
    sample_repo: SampleRepo, old: str, broken: str, fixed: str
) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, old, broken)
    assert after == before.replace(broken, fixed)
    assert after == original(BACKBONE)
    assert sample_repo.findings(BACKBONE) == []


def test_fix_normalises_fullwidth_digits_in_a_date(sample_repo: SampleRepo) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, "founded: 2012-04-18", "founded: ２０１２－０４－１８")
    assert after in (
        before.replace("founded: ２０１２－０４－１８", "founded: 2012-04-18"),
        before.replace("founded: ２０１２－０４－１８", 'founded: "2012-04-18"'),
    )
    assert loaded_data(after.encode(), BACKBONE)["basic"]["founded"] == "2012-04-18"
    assert sample_repo.findings(BACKBONE) == []


@pytest.mark.parametrize(
    ("old", "broken", "fixed", "pointer", "value"),
    [
        ("revenue: 1500", "revenue: １５００", "revenue: 1500", ("indicators", 0, "revenue"), 1500),
        ("revenue: 2100", 'revenue: "２１００"', "revenue: 2100", ("indicators", 1, "revenue"), 2100),
        ("debt_ratio: 42.5", "debt_ratio: ４２．５", "debt_ratio: 42.5", ("indicators", 0, "debt_ratio"), 42.5),
        ("profit: 120", "profit: １２０", "profit: 120", ("indicators", 0, "profit"), 120),
        ("year: 2017", "year: ２０１７", "year: 2017", ("indicators", 0, "year"), 2017),
    ],
    ids=["revenue", "quoted-revenue", "decimal", "profit", "year"],
)
def test_fix_turns_fullwidth_digits_in_a_number_field_into_a_plain_number(
    sample_repo: SampleRepo, old: str, broken: str, fixed: str, pointer: tuple[str | int, ...], value: float
) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, old, broken)
    assert after == before.replace(broken, fixed, 1)
    node: Any = loaded_data(after.encode(), BACKBONE)
    for part in pointer:
        node = node[part]
    assert node == value
    assert type(node) is type(value)
    assert sample_repo.findings(BACKBONE) == []


def test_fix_leaves_comments_order_blank_lines_and_free_text_byte_for_byte(sample_repo: SampleRepo) -> None:
    text = sample_repo.read(BACKBONE)
    decorated = (
        text.replace("category: backbone\n", "category: backbone   # 类别：骨干企业\n\n\n")
        .replace("address: 南京市鼓楼区示例路 6 号", "address: 南京市鼓楼区示例路６号（Ａ座），二楼")
        .replace("awards: （示例数据）", "awards: （示例数据）荣誉：省级示范，“优秀”；")
        .replace("rd_expense: 152.5\n", "# 研发经费：万元\n\nrd_expense: 152.5\n")
        .replace("  name: 冯示例\n", "  # 项目负责人：\n  name: 冯示例（项目经理）\n")
    )
    broken = (
        decorated.replace('mobile: "13800000012"', "mobile: 13800000012")
        .replace("recommender: 南京", "recommender：南京")
        .replace('postcode: "210009"', 'postcode: "２１０００９"')
        .replace("revenue: 2900", "revenue: ２９００")
    )
    sample_repo.write(BACKBONE, broken)
    assert fix(sample_repo, BACKBONE) == 0
    assert sample_repo.read(BACKBONE) == decorated
    assert sample_repo.findings(BACKBONE) == []


def test_fix_leaves_crlf_line_endings_and_a_bom_in_place(sample_repo: SampleRepo) -> None:
    good = "\ufeff" + sample_repo.read(BACKBONE).replace("\n", "\r\n")
    broken = good.replace('mobile: "13800000012"', "mobile: 13800000012").replace(
        'postcode: "210009"', 'postcode: "２１0009"'
    )
    sample_repo.path(BACKBONE).write_bytes(broken.encode())
    assert fix(sample_repo, BACKBONE) == 0
    assert sample_repo.path(BACKBONE).read_bytes() == good.encode()


def test_fix_leaves_a_fullwidth_colon_in_a_narrative_block_alone(sample_repo: SampleRepo) -> None:
    # Lines of a `|` block are text even when they look like `MES：...`.
    text = sample_repo.replace(BACKBONE, "    产品覆盖设备联网", "    MES：制造执行系统。\n    产品覆盖设备联网")
    assert fix(sample_repo, BACKBONE) == 0
    assert sample_repo.read(BACKBONE) == text


def test_fix_is_idempotent(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, 'mobile: "13800000012"', "mobile: 13800000012")
    sample_repo.replace(BACKBONE, 'postcode: "210009"', 'postcode: "２１0009"')
    sample_repo.replace(BACKBONE, "recommender: 南京", "recommender：南京")
    assert fix(sample_repo, BACKBONE) == 0
    once = sample_repo.path(BACKBONE).read_bytes()
    assert fix(sample_repo, BACKBONE) == 0
    assert sample_repo.path(BACKBONE).read_bytes() == once
    assert once.decode() == original(BACKBONE)


def test_fix_of_a_clean_file_changes_nothing_and_says_so(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = sample_repo.path(DEMO).read_bytes()
    assert fix(sample_repo, DEMO) == 0
    assert sample_repo.path(DEMO).read_bytes() == raw
    assert "修正了 0 处" in capsys.readouterr().out


def test_fix_does_not_touch_a_fullwidth_space_indentation(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, "  name: 褚示例", "\u3000name: 褚示例")
    fix(sample_repo, BACKBONE)
    assert sample_repo.read(BACKBONE) == text
    finding = only(sample_repo.findings(BACKBONE), "YAML-FULLWIDTH-INDENT")
    assert (finding.line, finding.column) == position_of(text, "\u3000")


def test_fix_reports_a_fullwidth_space_indentation_it_leaves_alone(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # "apply the fixes, then report what is left": the applicant learns where to look.
    text = sample_repo.replace(BACKBONE, "  name: 褚示例", "\u3000name: 褚示例")
    line, column = position_of(text, "\u3000")
    fix(sample_repo, BACKBONE)
    out = capsys.readouterr().out
    assert f"{BACKBONE}:{line}:{column}: " in out
    assert "YAML-FULLWIDTH-INDENT" in out


def test_fix_does_not_touch_a_wrong_checksum(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'uscc: "91320106MA1W7XYL3D"', 'uscc: "91320106MA1W7XYL3E"')
    fix(sample_repo, BACKBONE)
    assert sample_repo.read(BACKBONE) == text
    assert "USCC-CHECKSUM" in sample_repo.codes(BACKBONE)


def test_fix_reports_a_wrong_checksum_it_cannot_repair(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_repo.replace(BACKBONE, 'uscc: "91320106MA1W7XYL3D"', 'uscc: "91320106MA1W7XYL3E"')
    fix(sample_repo, BACKBONE)
    assert "USCC-CHECKSUM" in capsys.readouterr().out


def test_fix_upper_cases_a_lower_case_uscc_as_the_import_does(sample_repo: SampleRepo) -> None:
    # The code's alphabet has no lower case: 91320106ma… can only mean 91320106MA….
    _, after = break_and_fix(sample_repo, BACKBONE, 'uscc: "91320106MA1W7XYL3D"', 'uscc: "91320106ｍａ1w7xyl3d"')
    assert after == original(BACKBONE)


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("gbk", "GBK/GB18030"),
        ("gb18030", "GBK/GB18030"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),  # without a byte-order mark
        ("utf-16-be", "UTF-16"),
    ],
)
def test_fix_converts_a_gbk_or_utf16_file_to_utf8_and_says_so(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], encoding: str, name: str
) -> None:
    text = sample_repo.read(BACKBONE).replace('mobile: "13800000012"', "mobile: 13800000012")
    sample_repo.path(BACKBONE).write_bytes(text.encode(encoding))
    assert f"文件是 {name} 编码" in sample_repo.findings(BACKBONE)[0].message  # what validate says first
    assert fix(sample_repo, BACKBONE) == 0
    assert sample_repo.path(BACKBONE).read_bytes() == original(BACKBONE).encode("utf-8")
    assert f"已从 {name} 编码转换为 UTF-8" in capsys.readouterr().out


def test_fix_of_a_missing_file_is_a_usage_error(sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", "--root", str(sample_repo.root), str(sample_repo.root / "nope.yaml")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_the_fix_console_script_repairs_a_file_and_prints_what_it_did(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BACKBONE, 'mobile: "13800000012"', "mobile: 13800000012")
    line, column = position_of(text, "13800000012")
    done = subprocess.run(
        [str(ACCEL666), "fix", str(sample_repo.path(BACKBONE))],
        env=tree_env(),
        cwd=sample_repo.root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{BACKBONE}:{line}:{column}: 已修正 YAML-UNQUOTED" in done.stdout
    assert "修正了 1 处" in done.stdout
    assert sample_repo.read(BACKBONE) == original(BACKBONE)


def test_fix_lists_every_repair_it_counts_colons_included(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sample_repo.replace(BACKBONE, 'mobile: "13800000012"', "mobile：13800000012")
    line, column = position_of(text, "：13800000012")
    assert fix(sample_repo, BACKBONE) == 0
    out = capsys.readouterr().out
    repairs = [row for row in out.splitlines() if "已修正" in row]
    assert len(repairs) == 2 and "修正了 2 处" in out
    assert repairs[0] == f"{BACKBONE}:{line}:{column}: 已修正 YAML-FULLWIDTH-COLON → :"
    assert "YAML-UNQUOTED" in repairs[1]


def test_fix_text_reports_each_repair_in_order_and_leaves_the_rest_byte_for_byte(sample_repo: SampleRepo) -> None:
    original = sample_repo.path(BACKBONE).read_text(encoding="utf-8")
    broken = original.replace("listed: false", "listed：false", 1).replace(
        'mobile: "13800000012"', "mobile: 13800000012", 1
    )
    assert broken != original
    repo = open_repository(sample_repo.root)
    text, repairs = fix_text(repo, BACKBONE, broken)
    assert text == original
    assert [repair.code for repair in repairs] == ["YAML-FULLWIDTH-COLON", "YAML-UNQUOTED"]
    assert repairs[1].replacement == '"13800000012"'


def test_fix_quotes_a_number_on_a_line_indented_with_fullwidth_spaces_where_it_was_typed(
    sample_repo: SampleRepo,
) -> None:
    """The loader reads past the full-width indentation; the quote lands on the number as typed."""
    before, after = break_and_fix(
        sample_repo, BACKBONE, '  mobile: "13800000012"', "\u3000mobile: 13800000012", exit_code=1
    )
    assert after == before.replace("\u3000mobile: 13800000012", '\u3000mobile: "13800000012"')
    assert {f.code for f in sample_repo.findings(BACKBONE)} == {"YAML-FULLWIDTH-INDENT"}


def test_fix_quotes_a_number_behind_a_colon_without_space_and_leaves_the_space_to_the_applicant(
    sample_repo: SampleRepo,
) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, 'mobile: "13800000012"', "mobile:13800000012", exit_code=1)
    assert after == before.replace("mobile:13800000012", 'mobile:"13800000012"')
    finding = only(sample_repo.findings(BACKBONE), "YAML-COLON-SPACE")
    assert (finding.line, finding.column) == position_of(after, ':"13800000012"')


# -- the table of typing mistakes the 附件3 import repairs the same way (tests/typing_cases.py) --

XUZHOU_APPLICATION = f"submissions/2020-1/320300/demo-enterprise/{typing_cases.CODE}.yaml"
CASE_LINES = {  # pointer -> (the sample's line, the line with the case typed in)
    "/contract_amount": ("contract_amount: 1280", "contract_amount: {typed}"),
    "/enterprise/uscc": ('  uscc: "91320312MA1X2T9F6G"', "  uscc: {typed}"),
    "/contact/phone": ('  phone: "13800000041"', "  phone: {typed}"),
    "/enterprise/name": ("  name: 徐州示例重工机械有限公司（示例数据）", "  name: {typed}"),
}


def xuzhou_application(sample_repo: SampleRepo, case: typing_cases.Case) -> str:
    """The 附件3 sample as the row(2) enterprise of the import tests, with the case typed in."""
    text = original(DEMO).replace('"91320312MA1X2T9F6G"', f'"{typing_cases.CODE}"')
    text = text.replace("徐州示例重工机械有限公司（示例数据）", typing_cases.NAME)
    line, typed = CASE_LINES[case.pointer]
    correct = line.replace('"91320312MA1X2T9F6G"', f'"{typing_cases.CODE}"').replace(
        "徐州示例重工机械有限公司（示例数据）", typing_cases.NAME
    )
    assert correct in text
    sample_repo.write(XUZHOU_APPLICATION, text.replace(correct, typed.format(typed=case.typed)))
    return XUZHOU_APPLICATION


@pytest.mark.parametrize("case", typing_cases.CASES, ids=[case.id for case in typing_cases.CASES])
def test_fix_repairs_each_typing_mistake_to_the_value_the_import_reads(
    sample_repo: SampleRepo, case: typing_cases.Case
) -> None:
    path = xuzhou_application(sample_repo, case)
    assert sample_repo.findings(path) != []  # validate reports the mistake
    assert fix(sample_repo, path) == 0
    data: Any = loaded_data(sample_repo.path(path).read_bytes(), path)
    parts = case.pointer.split("/")[1:]
    assert (data[parts[0]] if len(parts) == 1 else data[parts[0]][parts[1]]) == case.expected
    assert sample_repo.findings(path) == []


@pytest.mark.parametrize(
    ("old", "broken", "fixed"),
    [
        ('  phone: "025-83000001"', "  phone: 13900000001", '  phone: "13900000001"'),  # the project leader's
        ('  phone: "13800000011"', "  phone: 13800000011", '  phone: "13800000011"'),  # the legal representative's
        ("debt_ratio: 42.5", "debt_ratio: 42.5%", "debt_ratio: 42.5"),
        ("revenue: 2100", 'revenue: "2,100万元"', "revenue: 2100"),
        ('mobile: "13800000012"', "mobile: “13800000012”", 'mobile: "13800000012"'),  # the input method's quotes
    ],
    ids=["leader-phone", "legal-representative-phone", "percent", "amount", "curly-quoted-mobile"],
)
def test_fix_repairs_the_backbone_forms_phones_percentages_and_amounts(
    sample_repo: SampleRepo, old: str, broken: str, fixed: str
) -> None:
    before, after = break_and_fix(sample_repo, BACKBONE, old, broken)
    assert after == before.replace(broken, fixed, 1)
    assert sample_repo.findings(BACKBONE) == []


def test_an_unquoted_phone_of_either_kind_is_reported_as_unquoted_not_as_a_wrong_phone(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, '  phone: "13800000011"', "  phone: 13800000011")
    assert sample_repo.codes(BACKBONE) == {"YAML-UNQUOTED"}


def test_a_phone_of_either_kind_typed_as_text_but_wrong_is_a_wrong_phone_not_unquoted(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BACKBONE, '  phone: "13800000011"', "  phone: 138 0000 001")  # a digit short: no repair
    assert sample_repo.codes(BACKBONE) == {"PHONE-FORMAT"}


def test_fix_takes_invisible_characters_out_of_every_line_of_a_multi_line_text_and_says_so(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # A zero-width space and a right-to-left override pasted into a `|` block's two lines.
    first, second = "主营工业互联网解决方案，", "客户主要分布在长三角地区。"
    sample_repo.replace(BACKBONE, first, "主营工业\u200b互联网解决方案，")
    text = sample_repo.replace(BACKBONE, second, "客户主要分布在\u202e长三角地区。")
    assert "TEXT-INVISIBLE" in sample_repo.codes(BACKBONE)
    assert fix(sample_repo, BACKBONE) == 0
    assert sample_repo.read(BACKBONE) == original(BACKBONE)
    out = capsys.readouterr().out
    for character, where in (("U+200B", "主营工业"), ("U+202E", "客户主要")):
        line, _ = position_of(text, where)
        assert re.search(
            rf"^{re.escape(BACKBONE)}:{line}:[0-9]+: 已修正 TEXT-INVISIBLE：含有不可见的格式字符 {re.escape(character)}（.*已删除$",
            out,
            re.M,
        )
    assert "修正了 2 处" in out
    assert sample_repo.findings(BACKBONE) == []


@pytest.mark.parametrize(
    ("typed", "written", "said"),
    [
        ("0.15亿元", "1500", "“0.15亿元”的单位是亿元，已换算为 1500 万元"),
        ("15000001元", "1500.0001", "“15000001元”的单位是元，已换算为 1500.0001 万元"),  # exactly
        ("1,500万元", "1500", "“1,500万元”不是纯数字（带有单位、百分号或千分位逗号），已读作 1500 万元"),
        ("0.5元", "0.00005", "“0.5元”的单位是元，已换算为 0.00005 万元"),  # plain digits, not 5e-05
    ],
)
def test_fix_converts_an_amount_in_yi_or_yuan_to_wan_exactly_and_says_so(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], typed: str, written: str, said: str
) -> None:
    before = sample_repo.replace(BACKBONE, "revenue: 1500", f"revenue: {typed}")
    fix(sample_repo, BACKBONE)  # 0.00005 万元 of revenue fails the conditions: left for the applicant
    assert "MONEY-FORMAT" not in sample_repo.codes(BACKBONE)
    assert sample_repo.read(BACKBONE) == before.replace(f"revenue: {typed}", f"revenue: {written}")
    line, column = position_of(before, typed)
    assert f"{BACKBONE}:{line}:{column}: 已修正 MONEY-FORMAT → {written}：{said}" in capsys.readouterr().out


def test_fix_converts_an_amount_to_the_unit_its_own_field_states_yi_yuan_for_an_investment(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # 投资规模（亿元）: 68000万元 is 6.8 亿元, never 68000 亿元 (the unit dropped).
    cloud_base = SAMPLES["cloud-base"]
    before = sample_repo.replace(cloud_base, "investment: 6.8", "investment: 68000万元")
    assert fix(sample_repo, cloud_base) == 0
    assert sample_repo.read(cloud_base) == original(cloud_base)
    line, column = position_of(before, "68000万元")
    said = "“68000万元”的单位是万元，已换算为 6.8 亿元"
    assert f"{cloud_base}:{line}:{column}: 已修正 MONEY-FORMAT → 6.8：{said}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("old", "broken"),
    [
        ("debt_ratio: 42.5", "debt_ratio: 42.5%"),
        ("revenue: 1500", "revenue: １５００"),
        ('uscc: "91320106MA1W7XYL3D"', 'uscc: "91320106ma1w7xyl3d"'),
        ('mobile: "13800000012"', 'mobile: "+86 138-0000-0012"'),
    ],
    ids=["percent", "fullwidth", "lower-case", "phone-separators"],
)
def test_fix_names_each_repair_with_the_code_validate_reported_for_it(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], old: str, broken: str
) -> None:
    text = sample_repo.replace(BACKBONE, old, broken)
    line, _ = position_of(text, broken)
    reported = {finding.code for finding in sample_repo.findings(BACKBONE) if finding.line == line}
    assert fix(sample_repo, BACKBONE) == 0
    done = [row for row in capsys.readouterr().out.splitlines() if "已修正" in row]
    assert len(done) == 1 and len(reported) == 1, (done, reported)
    assert re.match(
        rf"{re.escape(BACKBONE)}:{line}:[0-9]+: 已修正 {reported.pop()} → .+：“.+”.+，已(读作|换算为) ", done[0]
    )


@pytest.mark.parametrize("typed", ["2020年第4季度", "2020年10-12月", "2020年下半年", "2020年7月上旬"])
def test_a_quarter_a_month_range_or_half_a_year_is_not_read_as_one_month(typed: str) -> None:
    """2020年第4季度 is not April: a text that is not a plain year-month is left for the validator."""
    assert repair_values.months(typed, 1) == [typed]
    assert repair_values.code(typed, (r"^\d{4}-(0[1-9]|1[0-2])$",)) == typed


@pytest.mark.parametrize(("typed", "read"), [("2020年6月", "2020-06"), ("2020.06", "2020-06"), ("202006", "2020-06")])
def test_a_plain_year_month_is_read(typed: str, read: str) -> None:
    assert repair_values.code(typed, (r"^\d{4}-(0[1-9]|1[0-2])$",)) == read


@pytest.mark.parametrize("typed", ["zhang san@example.com", "zhang-san @example.com", "zhang san"])
def test_spaces_and_dashes_stay_in_an_address_or_an_account(typed: str) -> None:
    """Separators come out of phone numbers only: in an e-mail address or a login they change its meaning."""
    assert repair_values.code(typed, (r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+$", r"^[a-z0-9-]+$")) == typed


@pytest.mark.parametrize("typed", ["138 0000 0041", "+86 138-0000-0041"])
def test_separators_and_the_country_code_come_out_of_a_mobile(typed: str) -> None:
    assert repair_values.code(typed, (r"^1[3-9]\d{9}$",)) == "13800000041"
