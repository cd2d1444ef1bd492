"""`accel666 new RECORD`: the workflow's records written where they go, prefilled from the repository.

Each case takes a sample record out of a copy of the sample repository and writes the
template for it again: the template must land at the sample's path, fail validation only
on what is left to fill, and pass once those fields carry the sample's values.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from stdnum.cn.uscc import calc_check_digit

from accel666.cli import main
from accel666.rules.identity import is_valid_uscc
from builders import SampleRepo

BACKBONE_USCC = "91320106MA1W7XYL3D"  # 南京, recommended and reviewed in the samples


@dataclass(frozen=True)
class Case:
    relpath: str  # the sample record, taken out and written again
    args: tuple[str, ...]  # `accel666 new` with every option its kind needs


CASES = {
    "recommendation": Case(
        f"submissions/2020-1/320100/recommendations/backbone/{BACKBONE_USCC}.yaml",
        (
            "recommendation",
            "--batch",
            "2020-1",
            "--region",
            "320100",
            "--category",
            "backbone",
            "--uscc",
            BACKBONE_USCC,
        ),
    ),
    "review": Case(
        f"submissions/2020-1/reviews/backbone/{BACKBONE_USCC}/wang-expert.yaml",
        ("review", "--batch", "2020-1", "--category", "backbone", "--uscc", BACKBONE_USCC, "--expert", "wang-expert"),
    ),
    "decision": Case("submissions/2020-1/decision.yaml", ("decision", "--batch", "2020-1")),
    "publicity": Case("submissions/2020-1/publicity.yaml", ("publicity", "--batch", "2020-1")),
    "publication": Case("submissions/2020-1/publication.yaml", ("publication", "--batch", "2020-1")),
}


def plain(data: Any) -> Any:
    """YAML data as JSON would hold it (dates as text), to compare a template with a sample."""
    return json.loads(json.dumps(data, default=str))


def take_out(repo: SampleRepo, relpath: str) -> dict[str, Any]:
    """Remove a sample record; return its data."""
    data = plain(yaml.safe_load(repo.read(relpath)))
    repo.path(relpath).unlink()
    return data


def write_again(repo: SampleRepo, case: Case, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(repo.root)
    assert main(["new", *case.args]) == 0
    return repo.read(case.relpath)


@dataclass(frozen=True)
class Filled:
    text: str
    blank_lines: list[int]  # 1-based lines of the fields the template left empty


def fill(text: str, values: dict[str, Any]) -> Filled:
    """Give every field left empty (`key:`, `key: ""`, `key: []`) the value `values` has at its place."""
    out: list[str] = []
    blank: list[int] = []
    parents: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = re.fullmatch(r"( *)([a-z_]+):(.*)", line)
        if match is None:  # comments and blank lines
            out.append(line)
            continue
        pad, key, rest = match.groups()
        parents = [(depth, name) for depth, name in parents if depth < len(pad)]
        value: Any = values
        for name in [*(name for _, name in parents), key]:
            value = value.get(name) if isinstance(value, dict) else None
        parents.append((len(pad), key))
        if rest not in ("", ' ""', " []") or isinstance(value, dict):  # filled in, or a mapping whose fields follow
            out.append(line)
            continue
        if rest != " []":  # an empty list is a valid value, not a blank
            blank.append(number)
        out.append(f"{pad}{key}: {json.dumps(value, ensure_ascii=False)}")
    return Filled("\n".join(out) + "\n", blank)


def validate_json(relpath: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    main(["validate", "--no-cache", "--format", "json", relpath])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("kind", list(CASES))
def test_a_fresh_record_template_fails_validation_only_on_the_fields_left_to_fill(
    kind: str, sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[kind]
    sample = take_out(sample_repo, case.relpath)
    text = write_again(sample_repo, case, monkeypatch)
    findings = validate_json(case.relpath, capsys)
    blank = fill(text, sample).blank_lines
    assert blank, "the template leaves nothing to fill?"
    assert sorted((f["line"], f["code"]) for f in findings) == [(line, "SCHEMA-EMPTY") for line in blank]


@pytest.mark.parametrize("kind", list(CASES))
def test_a_record_template_filled_with_the_samples_values_passes_validation(
    kind: str, sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[kind]
    sample = take_out(sample_repo, case.relpath)
    fresh = write_again(sample_repo, case, monkeypatch)
    # What the command line and the repository filled in is what the sample says.
    prefilled = {key: value for key, value in yaml.safe_load(fresh).items() if value not in ("", None, [])}
    for key, value in prefilled.items():
        if isinstance(value, dict):
            given = {k: v for k, v in value.items() if v not in ("", None)}
            assert given.items() <= sample[key].items()
        else:
            assert sample[key] == value, key
    sample_repo.write(case.relpath, fill(fresh, sample).text)
    capsys.readouterr()
    assert main(["validate", "--no-cache"]) == 0, capsys.readouterr().out
    assert "通过" in capsys.readouterr().out


def test_a_recommendation_is_prefilled_with_the_regions_bureau(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES["recommendation"]
    take_out(sample_repo, case.relpath)
    data = yaml.safe_load(write_again(sample_repo, case, monkeypatch))
    assert data["bureau"] == "南京市工业和信息化局"  # submissions/regions.yaml, region 320100
    assert (data["batch"], data["region"], data["category"], data["uscc"]) == (
        "2020-1",
        "320100",
        "backbone",
        BACKBONE_USCC,
    )
    assert data["recommended"] is None
    assert data["opinion"] == ""
    assert data["date"] == ""


def test_a_review_is_prefilled_with_the_application_and_the_expert_and_lists_the_criteria(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES["review"]
    take_out(sample_repo, case.relpath)
    data = yaml.safe_load(write_again(sample_repo, case, monkeypatch))
    assert (data["batch"], data["category"], data["uscc"]) == ("2020-1", "backbone", BACKBONE_USCC)
    assert data["expert"] == {"name": "", "account": "wang-expert"}
    assert list(data["scores"]) == ["innovation", "capability", "benefit", "demonstration"]


def listed_choices(text: str) -> list[dict[str, Any]]:
    """The applications a decision template lists under `approved`, commented out."""
    return [
        yaml.safe_load(line.strip().removeprefix("# "))[0] for line in text.splitlines() if line.startswith("  # - {")
    ]


def test_a_decision_lists_the_recommended_applications_of_the_batch_to_choose_from(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES["decision"]
    sample = take_out(sample_repo, case.relpath)
    text = write_again(sample_repo, case, monkeypatch)
    data = yaml.safe_load(text)
    assert (data["approved"], data["rejected"]) == (None, [])  # nothing chosen yet: approved is still to fill
    # The sample decision sorts every recommended application, and only those (321322's was not recommended).
    decided = [{"category": e["category"], "uscc": e["uscc"]} for e in [*sample["approved"], *sample["rejected"]]]
    assert sorted(map(str, listed_choices(text))) == sorted(map(str, decided))
    assert "91321322MA1Y4G3H79" not in text
    assert "# 南京示例智联科技有限公司（示例数据）（南京市）" in text


def test_uncommenting_the_listed_applications_where_they_stand_gives_a_valid_decision(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES["decision"]
    sample = take_out(sample_repo, case.relpath)
    text = write_again(sample_repo, case, monkeypatch)
    rejected = sample["rejected"][0]["uscc"]
    lines = [
        "  " + line.removeprefix("  # ")  # what an editor's "uncomment" does
        if line.startswith("  # - {") and rejected not in line
        else line
        for line in text.splitlines()
    ]
    chosen = "\n".join(lines).replace('date: ""', f"date: {sample['date']}")
    chosen = chosen.replace(
        "\nrejected: []",
        f'\nrejected:\n  - {{category: backbone, uscc: "{rejected}", reason: 评审得分未达到入选分数线}}',
    )
    sample_repo.write(case.relpath, chosen + "\n")
    data = yaml.safe_load(chosen)
    assert [entry["uscc"] for entry in data["approved"]] == [
        entry["uscc"] for entry in listed_choices(text) if entry["uscc"] != rejected
    ]
    assert main(["validate", "--no-cache"]) == 0, capsys.readouterr().out


def test_a_decision_written_elsewhere_with_o_keeps_the_list(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(sample_repo.root)
    target = tmp_path / "决定草稿.yaml"
    assert main(["new", "decision", "--batch", "2020-1", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert len(listed_choices(text)) == 8
    assert sample_repo.read(CASES["decision"].relpath) != text  # the sample decision is left alone


def test_an_application_is_prefilled_with_its_regions_bureau_as_recommender(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(sample_repo.root)
    uscc = "91320594MA1XXXXXX7"
    if not is_valid_uscc(uscc):
        uscc = uscc[:-1] + calc_check_digit(uscc[:-1])
    for region, bureau in (("320500", "苏州市工业和信息化局"), ("320583", "昆山市工业和信息化局")):
        assert main(["new", "backbone", "--batch", "practice", "--region", region, "--uscc", uscc]) == 0
        data = yaml.safe_load(sample_repo.read(f"submissions/practice/{region}/backbone/{uscc}.yaml"))
        assert data["recommender"] == bureau
    # -o keeps it too; outside any repository there is no region list, so nothing is prefilled.
    target = tmp_path / "申报.yaml"
    assert (
        main(
            [
                "new",
                "cloud-center",
                "--variant",
                "云基地",
                "--batch",
                "practice",
                "--region",
                "320400",
                "--uscc",
                uscc,
                "-o",
                str(target),
            ]
        )
        == 0
    )
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["recommender"] == "常州市工业和信息化局"
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "别处.yaml"
    assert (
        main(["new", "backbone", "--batch", "practice", "--region", "320500", "--uscc", uscc, "-o", str(elsewhere)])
        == 0
    )
    assert yaml.safe_load(elsewhere.read_text(encoding="utf-8"))["recommender"] == ""


def test_a_decision_of_a_batch_without_recommendations_says_so(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in sorted(sample_repo.root.glob("submissions/2020-1/*/recommendations/*/*.yaml")):
        path.unlink()
    case = CASES["decision"]
    take_out(sample_repo, case.relpath)
    text = write_again(sample_repo, case, monkeypatch)
    assert "# 本批次目前没有已获推荐的申报" in text
    assert "#   - {" not in text


def test_without_the_batch_a_record_template_goes_to_the_screen_with_what_was_given(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    before = sorted(sample_repo.root.rglob("*"))
    assert main(["new", "review", "--category", "backbone", "--uscc", BACKBONE_USCC, "--expert", "li-expert"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert (data["batch"], data["category"], data["uscc"]) == ("", "backbone", BACKBONE_USCC)
    assert data["expert"]["account"] == "li-expert"
    assert sorted(sample_repo.root.rglob("*")) == before


# -- refusals -------------------------------------------------------------------------


def assert_refused(argv: list[str], named: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("accel666: ")
    assert re.search("[\u4e00-\u9fff]", captured.err), captured.err
    assert named in captured.err
    assert "Traceback" not in captured.err
    return captured.err


def test_a_recommendation_for_an_application_not_in_the_region_is_refused_naming_the_path(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    before = sorted(sample_repo.root.rglob("*"))
    args = ["--batch", "2020-1", "--region", "320200", "--category", "backbone", "--uscc", BACKBONE_USCC]
    assert_refused(["new", "recommendation", *args], f"submissions/2020-1/320200/backbone/{BACKBONE_USCC}.yaml", capsys)
    assert sorted(sample_repo.root.rglob("*")) == before


def test_a_review_of_an_application_in_no_region_of_the_batch_is_refused(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    before = sorted(sample_repo.root.rglob("*"))
    args = ["--batch", "2020-1", "--category", "demo-enterprise", "--uscc", BACKBONE_USCC, "--expert", "li-expert"]
    assert_refused(["new", "review", *args], BACKBONE_USCC, capsys)
    assert sorted(sample_repo.root.rglob("*")) == before


@pytest.mark.parametrize("kind", list(CASES))
def test_an_existing_record_is_never_overwritten(
    kind: str, sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    case = CASES[kind]
    before = sample_repo.read(case.relpath)
    assert_refused(["new", *case.args], "已存在，不会覆盖", capsys)
    assert sample_repo.read(case.relpath) == before


def test_a_record_of_an_unknown_batch_is_refused(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)
    assert_refused(["new", "publicity", "--batch", "2020-2"], "2020-2", capsys)
    assert not sample_repo.path("submissions/2020-2").exists()


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["new", "recommendation", "--variant", "云基地"], "--variant"),
        (["new", "decision", "--batch", "2020-1", "--expert", "wang-expert"], "--expert"),
        (["new", "recommendation", "--expert", "wang-expert"], "--expert"),
        (["new", "backbone", "--expert", "wang-expert"], "--expert"),
        (["new", "backbone", "--category", "backbone"], "--category"),
        (["new", "review", "--region", "320100"], "--region"),
        (["new", "publication", "--uscc", BACKBONE_USCC], "--uscc"),
        (["new", "review", "--expert", "@wang-expert"], "@wang-expert"),
        (["new", "review", "--uscc", "91320106MA1W7XYL3X"], "统一社会信用代码"),
    ],
)
def test_an_option_the_kind_does_not_take_or_a_wrong_value_is_a_usage_error(
    argv: list[str],
    named: str,
    sample_repo: SampleRepo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(sample_repo.root)
    before = sorted(sample_repo.root.rglob("*"))
    assert_refused(argv, named, capsys)
    assert sorted(sample_repo.root.rglob("*")) == before


def test_the_help_says_which_options_go_with_which_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["new", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for kind in CASES:
        assert kind in out
    assert "（用于 review）" in out  # --expert
    assert "recommendation：--batch --region --category --uscc" in out
    assert "review：--batch --category --uscc --expert" in out
    assert "decision、publicity、publication：--batch" in out


@pytest.mark.parametrize(
    ("args", "warned"),
    [
        (("backbone", "--region", "320100", "--uscc", "91320106MA1W7XYL4G"), "LATE-APPLICATION"),
        (CASES["review"].args, "LATE-REVIEW"),
    ],
    ids=["application", "review"],
)
def test_a_template_for_a_closed_stage_is_written_with_a_warning_naming_the_deadline(
    sample_repo: SampleRepo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    warned: str,
) -> None:
    if args[0] == "review":
        take_out(sample_repo, CASES["review"].relpath)
    monkeypatch.chdir(sample_repo.root)
    full = [*args] if "--batch" in args else [*args, "--batch", "2020-1"]
    assert main(["new", *full]) == 0
    err = capsys.readouterr().err
    assert "注意：第一批的" in err and warned in err and ("2020-08-30" in err or "2020-09-30" in err)


def test_a_template_for_an_open_batch_has_no_warning(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = sample_repo.read("submissions/2020-1/batch.yaml").replace("2020-", "2099-")  # its id and every date
    sample_repo.write("submissions/2099-1/batch.yaml", batch)
    monkeypatch.chdir(sample_repo.root)
    args = ["new", "backbone", "--batch", "2099-1", "--region", "320100", "--uscc", "91320106MA1W7XYL4G"]
    assert main(args) == 0
    assert capsys.readouterr().err == ""
