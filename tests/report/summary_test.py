"""The pull-request summary (accel666.report.summary): what reviewers and watchers read.

GitHub e-mails a pull request's comments to everyone watching the repository, so the
summary names fields and positions but shows no value a schema keeps private, and what
an applicant typed renders as inert text under a real GFM renderer (cmark-gfm, GitHub's
own Markdown library).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accel666.cli import main
from accel666.findings import Finding, Result
from accel666.report.summary import md, report
from accel666.repository import open_repository
from builders import SAMPLES, SampleRepo, git_repo
from rendering import FRAGMENTS, live_parts, render

WUXI = SAMPLES["backbone-route2"]
WUXI_USCC, NEW_USCC = "91320214MA1R5K2D4J", "91320214MA1R5K2D5X"
NEW = WUXI.replace(WUXI_USCC, NEW_USCC)
# Values no message, title or default of the tool contains: if one shows, it was copied from the file.
PRIVATE = {
    "contact": ('mobile: "13800000022"', 'mobile: "1397531x246"'),
    "leader": ('phone: "13800000021"', 'phone: "13975318642"'),
    "revenue": ("revenue: 5600", "revenue: 5976.31"),
    "revenue-text": ("revenue: 3000", 'revenue: "8642.97万"'),
    "rd": ("rd_expense: 310", "rd_expense: 97.531"),
    "address": ("address: 无锡市新吴区示例路 18 号\npostcode", "address: 保密路九七五号\npostcode"),
}
MARKERS = ("1397531", "13975318642", "5976", "8642", "97.53", "保密路")


def summary_of(sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], text: str) -> str:
    """The summary of a pull request that adds `text` as a new application (a copy of WUXI's)."""
    root = git_repo(sample_repo)
    sample_repo.write(NEW, text.replace(WUXI_USCC, NEW_USCC))
    capsys.readouterr()
    main(["check", "--base", "main", "--today", "2020-08-20", "--format", "summary", "--root", str(root)])
    return capsys.readouterr().out


def test_no_private_value_reaches_the_summary_even_when_it_is_wrong(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sample_repo.read(WUXI)
    for old, new in PRIVATE.values():
        assert old in text, old
        text = text.replace(old, new, 1)
    out = summary_of(sample_repo, capsys, text)
    assert "❌" in out
    assert [marker for marker in MARKERS if marker in out] == []


def test_the_eligibility_line_gives_verdicts_without_the_figures(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sample_repo.read(WUXI)
    for key in ("revenue", "rd", "leader"):
        old, new = PRIVATE[key]
        text = text.replace(old, new, 1)
    out = summary_of(sample_repo, capsys, text)
    line = next(line for line in out.splitlines() if line.startswith("- 申报条件："))
    assert line.startswith("- 申报条件：**") and "研发经费占比" in line and "条件（1）" in line and "条件（3）" in line
    assert re.search(r"\d", line.replace("条件（1）", "").replace("条件（2）", "").replace("条件（3）", "")) is None
    assert "上市" not in line  # whether a company is listed is not public either
    assert [marker for marker in MARKERS if marker in out] == []


def test_a_problem_in_a_public_field_keeps_its_message(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sample_repo.read(WUXI).replace("recommender: 无锡市工信局", "recommender: 苏州市工信局", 1)
    out = summary_of(sample_repo, capsys, text)
    problem = next(line for line in out.splitlines() if "第 10 行" in line)
    assert "苏州市工信局" in problem and "该字段不公开" not in problem


@pytest.mark.parametrize(
    "attack",
    [
        "&#64;jsgxt-666/province 请审核",
        "&#x40;jsgxt &commat;jsgxt &#X40;jsgxt",
        "https&#58;//evil.example/x http&colon;//e.example",
        "<https://evil.example> <a href='https://e.example'>x</a> <img src=x>",
        "www.evil.example WWW.Evil.example",
        "[点此](//evil.example) [点此](https://evil.example) ![](https://e.example/i.png)",
        "[ref]\n\n[ref]: https://evil.example",
        "https://evil.example/path?x=1 mailto:someone@evil.example",
        "@jsgxt-666/province @someone 见 #12 和 GH-3",
        "`@code` **@bold** _www.x.com_ $\\href{https://e.example}{x}$",
    ],
)
def test_md_leaves_nothing_a_renderer_links_or_mentions(attack: str) -> None:
    assert live_parts(render(attack)), "the attack works on unescaped text"
    rendered = render(md(attack))
    assert live_parts(rendered) == [], rendered
    assert "\n" not in md(attack)


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join))
def test_md_of_any_mix_of_dangerous_fragments_renders_inert(text: str) -> None:
    assert live_parts(render(md(text))) == []


def test_md_keeps_the_text_readable() -> None:
    assert html.unescape(re.sub(r"<[^>]*>", "", render(md("A&B <公司> [1] #名")))).strip() == "A&B <公司> [1] #名"


def test_the_summary_reads_a_changed_file_through_the_reader_it_is_given(sample_repo: SampleRepo) -> None:
    """Under the gate the head's files are git objects, not the work tree: the caller's reader is used."""
    repo = open_repository(sample_repo.root)
    text = sample_repo.read(WUXI).replace("（示例）纺织行业工业互联网平台", "（示例）只在合并请求中的项目", 1)
    stream = io.StringIO()
    result = Result([Finding(NEW, 6, 15, "SCHEMA-EMPTY", "「项目名称」未填写", pointer="/project_name")])
    report(result, None, repo, dt.date(2020, 8, 20), stream, read={NEW: text.encode()}.__getitem__)
    assert "#### （示例）只在合并请求中的项目" in stream.getvalue()
    assert not sample_repo.path(NEW).exists()


def test_a_change_to_the_tool_or_the_accounts_gets_a_notice_to_review_it_as_code(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git_repo(sample_repo)
    (root / "scripts").mkdir()
    (root / "scripts" / "hook").write_text("#!/bin/sh\n", encoding="utf-8")
    reviewers = sample_repo.read("submissions/reviewers.yaml")
    sample_repo.write("submissions/reviewers.yaml", reviewers.replace("[wang-expert,", "[li-expert, wang-expert,"))
    capsys.readouterr()
    main(["check", "--base", "main", "--today", "2020-11-01", "--format", "summary", "--root", str(root)])
    notice = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("> ⚠️"))
    assert "共 2 个文件" in notice and "作为代码逐行审核" in notice
    assert "scripts/hook" in notice and "submissions/reviewers.yaml" in notice


def test_a_change_of_applications_only_gets_no_code_review_notice(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    out = summary_of(sample_repo, capsys, sample_repo.read(WUXI))
    assert "### 本次修改的申报" in out  # a real summary, not an empty one
    assert "⚠️" not in out


# -- the bureau's registration note ---------------------------------------------------------

NANJING = SAMPLES["backbone"]
NANJING_USCC, SUZHOU_USCC = "91320106MA1W7XYL3D", "91320505MA1W7XYL3K"  # the second registered in Suzhou
NANJING_RECOMMENDATION = f"submissions/2020-1/320100/recommendations/backbone/{NANJING_USCC}.yaml"
NOTE = "registration_note: 该企业由苏州迁至南京，登记机关尚未变更，实际经营地在南京。\n"


@pytest.mark.parametrize("note", [NOTE, ""], ids=["with-note", "without"])
def test_a_recommendation_with_the_registration_note_says_so_and_the_city_warning_goes(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], note: str
) -> None:
    """On main, a Nanjing application under a Suzhou code; the pull request adds its recommendation."""
    application = NANJING.replace(NANJING_USCC, SUZHOU_USCC)
    sample_repo.move(NANJING, application)
    sample_repo.write(application, sample_repo.read(application).replace(NANJING_USCC, SUZHOU_USCC))
    recommendation = sample_repo.read(NANJING_RECOMMENDATION).replace(NANJING_USCC, SUZHOU_USCC)
    sample_repo.move(NANJING_RECOMMENDATION, NANJING_RECOMMENDATION.replace(NANJING_USCC, SUZHOU_USCC))
    root = git_repo(sample_repo)
    changed = recommendation + (note or "# 已核对\n")
    (root / NANJING_RECOMMENDATION.replace(NANJING_USCC, SUZHOU_USCC)).write_text(changed, encoding="utf-8")
    capsys.readouterr()
    main(["check", "--base", "main", "--today", "2020-08-20", "--format", "summary", "--root", str(root)])
    out = capsys.readouterr().out
    assert ("含登记地说明" in out) == bool(note)
    assert ("警告 `USCC-CITY`" in out) != bool(note)  # the warning as the summary lists a problem
    assert "登记机关尚未变更" not in out  # the reason itself is not public
