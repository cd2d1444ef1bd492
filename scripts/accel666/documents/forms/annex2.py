"""附件2, 工业互联网服务骨干企业项目申报表, as the notice lays it out (see layouts.py).

Cover; 一、基本信息 (a four-column table, then the indicators with one column per
year of the batch); 二、申报材料: the 申报企业基本要求 from the schema's description,
the applicant's declarations that the requirements are checked against, sections
（一）–（四） and （五） the cases, one small table per case.
"""

from __future__ import annotations

import re
from functools import partial

from accel666.documents.forms.model import (
    PUBLIC_SUMMARY,
    Block,
    Cell,
    Choices,
    Layout,
    Para,
    Prefixed,
    Repeat,
    Row,
    Table,
    Value,
    Words,
    cover,
    filled,
    head,
    runs_over,
    section,
    year_label,
)

CATEGORY = "backbone"
COVER = (
    "project_name",
    "applicant",
    "recommender",
    "address",
    "project_leader",
    "legal_representative",
    "fax",
    "contact",
)
# The notice's wording around the schema's titles (“一、基本信息”, “二、申报材料（请提供详细文字材料）”).
PART_ONE = "一、"
PART_TWO = "二、"
DETAILED = "（请提供详细文字材料）"


def annex2(years: tuple[int, ...], issuer: str) -> Layout:
    words = Words(CATEGORY)
    body: tuple[Block | Repeat[Block], ...] = (
        Para(PART_ONE + words.title("/basic"), style="heading"),
        _basic(words),
        _indicators(words, years),
        Para(PART_TWO + words.title("/narratives") + DETAILED, style="heading"),
        *_requirements(words),
        *_narratives(words),
        Para(words.title("/cases"), style="subheading"),
        Para(hint=words.description("/cases")),
        Repeat("/cases", int(words.prop("/cases").get("minItems", 1)), partial(_case, words)),
        *section(words, PUBLIC_SUMMARY),
    )
    title = words.title("")
    return Layout(CATEGORY, int(words.prop("")["x-annex"]), title, cover(words, COVER, issuer), body)


def _basic(words: Words) -> Table:
    # The notice's labels where they differ from the titles are named in the descriptions
    # (“即基本信息中的单位地址”); the titles stand in if a description stops saying so.
    named = _named_in(words.description("/applicant"))
    unit_name = named[0] if named else words.title("/applicant/name")
    unit_code = named[1] if len(named) > 1 else words.title("/applicant/uscc")
    address = next(iter(_named_in(words.description("/address"))), words.title("/address"))
    ownership = Choices(words.options("/basic/ownership"))
    ip = "/basic/intellectual_property"
    ip_parts = tuple(Value(f"{ip}/{key}", Prefixed(words.title(f"{ip}/{key}"))) for key in words.keys(ip))
    ip_hint = "　".join(f"{words.title(f'{ip}/{key}')}：" for key in words.keys(ip))
    rep = "/legal_representative"
    rows = (
        Row((head(unit_name), filled("/applicant/name", span=3))),
        Row((head(words.title("/basic/registered_address")), filled("/basic/registered_address", span=3))),
        Row(
            (
                head(unit_code),
                filled("/applicant/uscc"),
                head(words.title("/basic/founded")),
                filled("/basic/founded"),
            )
        ),
        Row(
            (
                head(words.title("/basic/ownership")),
                filled("/basic/ownership", hint=ownership(None), span=3, show=ownership),
            )
        ),
        Row((head(address), filled("/address", span=3))),
        Row((head(words.title(ip)), Cell(values=ip_parts, hint=ip_hint, span=3, sep="\n"))),
        Row(
            (
                head(words.title(rep)),
                Cell(label=words.title(f"{rep}/name"), values=(Value(f"{rep}/name"),)),
                Cell(label=words.title(f"{rep}/phone"), values=(Value(f"{rep}/phone"),), span=2),
            )
        ),
    )
    # The code's column holds 18 Latin characters on one line, even wide ones (…MAWWWWWWWM) in
    # LibreOffice's fallback for Times New Roman; the date column needs only ten narrow ones.
    return Table((4, 6, 3, 3), rows)


def _named_in(description: str) -> list[str]:
    return re.findall(r"即基本信息中的([^）。，；]+)", description)


def _indicators(words: Words, years: tuple[int, ...]) -> Table:
    """Years as columns (the batch's on a blank form, the application's own when filled)."""
    columns = range(len(years))
    header = Row(
        (
            head(words.title("/indicators")),
            *(
                Cell(values=(Value(f"/indicators/{i}/year", year_label),), hint=year_label(years[i]), header=True)
                for i in columns
            ),
        )
    )
    rows = tuple(
        Row((head(words.title(f"/indicators/#/{key}")), *(filled(f"/indicators/{i}/{key}") for i in columns)))
        for key in words.keys("/indicators/#")
        if key != "year"
    )
    return Table((5, *(3 for _ in columns)), (header, *rows))


def _requirements(words: Words) -> tuple[Block, ...]:
    """申报企业基本要求 (the schema's description), one paragraph per route, and what the applicant declares for it."""
    text = re.sub(r"^附件\d+。", "", words.description(""))
    # Fixed text (a label), not a hint: the requirement stays on the filled form too.
    paragraphs = tuple(Para(part) for part in re.split(r"(?=（\d）)", text) if part)
    # Not on the notice's form, but the requirement is checked against them: printed so paper and data agree.
    listed = Choices(("是", "否"))
    declared = Row(
        (
            head(words.title("/rd_expense")),
            filled("/rd_expense"),
            head(words.title("/listed")),
            filled("/listed", hint=listed(None), show=listed),
        )
    )
    return (*paragraphs, Table((4, 3, 3, 3), (declared,)))


def _narratives(words: Words) -> tuple[Block, ...]:
    return tuple(block for key in words.keys("/narratives") for block in section(words, f"/narratives/{key}"))


def _case(words: Words, index: int) -> tuple[Block, ...]:
    rows = tuple(
        Row(
            (head(words.title(f"/cases/#/{key}")), filled(f"/cases/{index}/{key}")), runs_over(words, f"/cases/#/{key}")
        )
        for key in words.keys("/cases/#")
    )
    return Para(f"{words.title('/cases/#')} {index + 1}", style="caption"), Table((2, 7), rows)
