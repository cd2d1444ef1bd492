"""CODEOWNERS: each region's folder needs its bureau, reviews the experts, the rest the province.

Matching follows GitHub's rules (gitignore-style patterns, the last matching line wins),
checked here on the committed file for every application and record path there is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accel666.codeowners import CODEOWNERS, OwnerLine, check_codeowners, codeowners_text, owners_of, owning_rule, parse
from accel666.repository import RECORD_KINDS, locate, open_repository
from builders import REVIEWERS, ROOT, SampleRepo, assert_chinese

REPO = open_repository(ROOT)
COMMITTED = parse((ROOT / CODEOWNERS).read_text(encoding="utf-8"))
PROVINCE = tuple(REPO.reviewers["province"])
EXPERTS = tuple(REPO.reviewers["experts"])


def test_the_committed_file_is_the_generated_one_and_every_file_has_an_owner() -> None:
    assert (ROOT / CODEOWNERS).read_text(encoding="utf-8") == codeowners_text(REPO)
    assert list(check_codeowners(REPO)) == []


def test_every_region_has_its_own_bureaus_owners_and_no_one_elses() -> None:
    owners = {REPO.reviewers["regions"][code] and tuple(REPO.reviewers["regions"][code]) for code in REPO.regions}
    assert len(REPO.regions) == 16
    assert len(owners) == 16 and all(owners)
    assert not {owner for group in owners for owner in group} & set(PROVINCE)


@pytest.mark.parametrize("code", sorted(REPO.regions))
def test_applications_and_recommendations_under_a_region_need_that_bureau(code: str) -> None:
    bureau = tuple(REPO.reviewers["regions"][code])
    for relpath in (
        f"submissions/2020-1/{code}/backbone/91320100MA1XXXXXX2.yaml",
        f"submissions/2021-1/{code}/demo-enterprise/91320100MA1XXXXXX2.yaml",
        f"submissions/2020-1/{code}/recommendations/cloud-center/91320100MA1XXXXXX2.yaml",
    ):
        assert owners_of(COMMITTED, relpath) == bureau, relpath


def intended_pattern(relpath: str) -> str:
    """The CODEOWNERS line meant for a path of the repository's layout."""
    parts = relpath.split("/")
    if len(parts) == 2:  # submissions/regions.yaml, submissions/reviewers.yaml
        return f"/{relpath}"
    if len(parts) == 3:  # a batch's batch.yaml, decision, 公示, publication
        return f"/submissions/*/{parts[2]}"
    return f"/submissions/*/{parts[2]}/"  # a region's folder, or reviews/


@pytest.mark.parametrize(
    "relpath",
    [
        *sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "submissions").rglob("*.yaml")),
        "submissions/2021-1/320100/backbone/91320100MA1XXXXXX2.yaml",
        "submissions/2021-1/321322/recommendations/demo-enterprise/91320100MA1XXXXXX2.yaml",
        "submissions/2021-1/reviews/cloud-center/91320100MA1XXXXXX2/li-expert.yaml",
        "submissions/2021-1/decision.yaml",
        "submissions/2021-1/publicity.yaml",
        "submissions/2021-1/publication.yaml",
        "submissions/2021-1/batch.yaml",
    ],
)
def test_every_application_and_record_path_is_matched_by_the_line_meant_for_it(relpath: str) -> None:
    rule = owning_rule(COMMITTED, relpath)
    assert rule is not None and rule.pattern == intended_pattern(relpath)
    folder = relpath.split("/")[2] if relpath.count("/") > 2 else ""
    if folder in REPO.regions:
        assert rule.owners == tuple(REPO.reviewers["regions"][folder])
    else:
        assert rule.owners == (EXPERTS if folder == "reviews" else PROVINCE)


def test_the_shipped_samples_hold_every_kind_of_path() -> None:
    kinds = {locate(path.relative_to(ROOT).as_posix()).kind for path in (ROOT / "submissions").rglob("*.yaml")}
    assert kinds == {"regions", "reviewers", "batch", "application", *RECORD_KINDS}


def test_decisions_and_configuration_need_the_province() -> None:
    for relpath in (
        "submissions/2020-1/decision.yaml",
        "submissions/2020-1/publicity.yaml",
        "submissions/2020-1/publication.yaml",
        "submissions/2020-1/batch.yaml",
        "submissions/regions.yaml",
        "submissions/reviewers.yaml",
        ".github/CODEOWNERS",
        "scripts/accel666/check.py",
    ):
        assert owners_of(COMMITTED, relpath) == PROVINCE, relpath
    assert owners_of(COMMITTED, "submissions/2020-1/reviews/backbone/91320100MA1XXXXXX2/wang.yaml") == EXPERTS


def test_matching_follows_githubs_rules() -> None:
    rules = [OwnerLine("*", ("@all",), ""), OwnerLine("docs/*", ("@docs",), ""), OwnerLine("/apps/", ("@apps",), "")]
    assert owners_of(rules, "docs/getting-started.md") == ("@docs",)
    assert owners_of(rules, "docs/build-app/troubleshooting.md") == ("@all",)  # `*` does not cross `/`
    assert owners_of(rules, "apps/a/b.yaml") == ("@apps",)  # a directory owns everything below it
    assert owners_of(rules, "src/apps/b.yaml") == ("@all",)  # a leading `/` anchors to the root
    assert owners_of([*rules, OwnerLine("*.md", ("@md",), "")], "docs/x.md") == ("@md",)  # the last match wins
    assert owners_of(rules[1:], "README.md") is None


def test_a_stale_file_is_refused(sample_repo: SampleRepo) -> None:
    sample_repo.write(CODEOWNERS, codeowners_text(open_repository(sample_repo.root)))
    sample_repo.replace(REVIEWERS, '"320100": ["@jsgxt-666/nanjing"]', '"320100": ["@jsgxt-666/nanjing-new"]')
    findings = list(check_codeowners(open_repository(sample_repo.root)))
    assert [(f.path, f.code) for f in findings] == [(CODEOWNERS, "CODEOWNERS-STALE")]
    assert_chinese(findings[0].message, "accel666 codeowners")


def test_a_missing_file_is_refused(sample_repo: SampleRepo) -> None:
    assert [f.code for f in check_codeowners(open_repository(sample_repo.root))] == ["CODEOWNERS-STALE"]


def test_a_region_without_reviewers_is_refused(sample_repo: SampleRepo) -> None:
    sample_repo.replace(REVIEWERS, '  "320583": ["@jsgxt-666/kunshan"]\n', "")
    repo = open_repository(sample_repo.root)
    sample_repo.write(CODEOWNERS, codeowners_text(repo))
    findings = list(check_codeowners(repo))
    assert {f.code for f in findings} == {"CODEOWNERS-REGION", "CODEOWNERS-UNOWNED"}
    region = next(f for f in findings if f.code == "CODEOWNERS-REGION")
    assert_chinese(region.message, "昆山市", "320583")
    unowned = sorted(f.path for f in findings if f.code == "CODEOWNERS-UNOWNED")
    assert unowned == sorted(
        p.relative_to(sample_repo.root).as_posix()
        for p in Path(sample_repo.root, "submissions/2020-1/320583").rglob("*")
        if p.is_file()
    )


def test_a_hand_edited_file_without_a_default_leaves_files_unowned(sample_repo: SampleRepo) -> None:
    repo = open_repository(sample_repo.root)
    sample_repo.write(CODEOWNERS, codeowners_text(repo).replace("\n*  ", "\n# *  ", 1))
    sample_repo.write("README.md", "说明\n")
    findings = list(check_codeowners(repo))
    assert {f.code for f in findings} == {"CODEOWNERS-STALE", "CODEOWNERS-UNOWNED"}
    assert "README.md" in {f.path for f in findings if f.code == "CODEOWNERS-UNOWNED"}
