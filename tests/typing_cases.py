"""One table of typing mistakes, for both ways a value comes in: a YAML file repaired by `accel666 fix`,
and a cell of a 附件3 sheet read by the import. Each case gives the same value both ways
(accel666.repair.values is the one reading of both), and is said the same way: `fix` and
the import's notice at the cell give the code `validate` reports the mistake with, and the
same words (but for a YAML-only mistake, `yaml_only`: a sheet has no quotes to forget).

The values are those of the import tests' `row(2)`, a Xuzhou enterprise: the sheet path
types the case into that row, the fix path into a copy of the 附件3 sample under its code.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum.cn import uscc

CODE = "91320300MA0000002" + uscc.calc_check_digit("91320300MA0000002")  # make_uscc("320300", 2)
NAME = "徐州市示例第2智能制造有限公司"


@dataclass(frozen=True)
class Case:
    id: str
    pointer: str  # the field of a 附件3 application
    typed: str  # as typed after “key: ” in the file, and in the sheet's cell
    expected: object  # the value both give
    yaml_only: bool = False  # a mistake only a YAML file can hold: the import has nothing to say


CASES = (
    Case("amount-wanyuan", "/contract_amount", "2100万元", 2100),
    Case("amount-wan", "/contract_amount", "2100万", 2100),
    Case("amount-commas", "/contract_amount", "3,560.5", 3560.5),
    Case("amount-fullwidth", "/contract_amount", "２１００", 2100),
    Case("amount-yi", "/contract_amount", "2.1亿元", 21000),  # converted exactly: the unit is written
    Case("amount-yuan", "/contract_amount", "3560001元", 356.0001),
    Case("uscc-lower-case", "/enterprise/uscc", CODE.lower(), CODE),
    Case("phone-unquoted", "/contact/phone", "13800000041", "13800000041", yaml_only=True),
    Case("phone-spaces", "/contact/phone", "138 0000 0041", "13800000041"),
    Case("phone-dashes", "/contact/phone", "138-0000-0041", "13800000041"),
    Case("phone-plus86", "/contact/phone", "+86 13800000041", "13800000041"),
    Case("name-curly-quotes", "/enterprise/name", f"“{NAME}”", NAME),
    Case("name-zero-width", "/enterprise/name", NAME[:3] + "\u200b" + NAME[3:], NAME),
)
