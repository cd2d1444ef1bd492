"""What a pull request does, compared with its base: deadlines by the day, locks, the 公示.

Each test commits the sample repository on main of a real git repository, makes one
change on a branch (the working tree counts as the branch) and runs what CI runs,
`accel666 check --base main`, on chosen days. The end-to-end walk through every stage
is tests/review_flow_test.py; these pin down the boundaries.
"""

from __future__ import annotations

import json

import pytest

from accel666.cli import main
from accel666.rules.changes import DEADLINES
from builders import SAMPLES, SampleRepo, git_repo

BATCH_DIR = "submissions/2020-1"
LATE = f"{BATCH_DIR}/320900/demo-enterprise/91320903MA1U3L5M9E.yaml"  # recommended in the samples
REVIEW = f"{BATCH_DIR}/reviews/backbone/91320106MA1W7XYL3D/wang-expert.yaml"
RECOMMENDATION = f"{BATCH_DIR}/320100/recommendations/backbone/91320106MA1W7XYL3D.yaml"


def codes(sample_repo: SampleRepo, today: str, capsys: pytest.CaptureFixture[str]) -> dict[str, set[str]]:
    """path -> the codes `accel666 check --base main --today <today>` reports for it."""
    capsys.readouterr()
    main(["check", "--base", "main", "--today", today, "--format", "json", "--root", str(sample_repo.root)])
    found: dict[str, set[str]] = {}
    for finding in json.loads(capsys.readouterr().out):
        found.setdefault(finding["path"], set()).add(finding["code"])
    return found


def new_application(sample_repo: SampleRepo) -> str:
    """A copy of the Xuzhou demo enterprise under a new code, without any record: a new application."""
    text = sample_repo.read(SAMPLES["demo"]).replace("91320312MA1X2T9F6G", "91320312MA1X2T9F7A")
    target = SAMPLES["demo"].replace("91320312MA1X2T9F6G", "91320312MA1X2T9F7A")
    sample_repo.write(target, text.replace("徐州示例重工机械", "徐州示例新重工机械"))
    return target


def test_deadlines_cover_applications_recommendations_and_reviews() -> None:
    assert {(d.kind, d.code) for d in DEADLINES} == {
        ("application", "LATE-APPLICATION"),
        ("recommendation", "LATE-RECOMMENDATION"),
        ("review", "LATE-REVIEW"),
    }


@pytest.mark.parametrize(("today", "late"), [("2020-08-30", False), ("2020-08-31", True)])
def test_an_application_may_be_added_on_the_deadline_day_but_not_after(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], today: str, late: bool
) -> None:
    git_repo(sample_repo)
    added = new_application(sample_repo)
    assert ("LATE-APPLICATION" in codes(sample_repo, today, capsys).get(added, set())) is late


@pytest.mark.parametrize(("today", "late"), [("2020-09-30", False), ("2020-10-01", True)])
def test_a_review_may_be_changed_until_the_review_deadline(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], today: str, late: bool
) -> None:
    sample_repo.path(f"{BATCH_DIR}/publication.yaml").unlink()
    sample_repo.path(f"{BATCH_DIR}/publicity.yaml").unlink()
    sample_repo.path(f"{BATCH_DIR}/decision.yaml").unlink()
    git_repo(sample_repo)
    sample_repo.replace(REVIEW, "verdict: 建议入选", "verdict: 建议入选 ")
    assert ("LATE-REVIEW" in codes(sample_repo, today, capsys).get(REVIEW, set())) is late


def test_the_deadline_of_a_batch_the_change_creates_is_its_own(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    git_repo(sample_repo)
    batch = sample_repo.read(f"{BATCH_DIR}/batch.yaml").replace("2020-", "2021-")  # id and every date
    sample_repo.write("submissions/2021-1/batch.yaml", batch)
    text = sample_repo.read(SAMPLES["demo"]).replace('batch: "2020-1"', 'batch: "2021-1"')
    added = SAMPLES["demo"].replace("2020-1", "2021-1")
    sample_repo.write(added, text)
    assert codes(sample_repo, "2021-08-30", capsys).get(added, set()) & {"LATE-APPLICATION", "BATCH-UNKNOWN"} == set()
    assert "LATE-APPLICATION" in codes(sample_repo, "2021-08-31", capsys).get(added, set())


def test_a_recommendation_added_after_the_decision_is_refused_on_itself(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bureau sees why on its own file, not only as an incomplete decision it cannot edit."""
    sample_repo.path(f"{BATCH_DIR}/publication.yaml").unlink()
    sample_repo.path(f"{BATCH_DIR}/publicity.yaml").unlink()
    new_application(sample_repo)  # merged with the rest, never recommended
    git_repo(sample_repo)
    recommendation = sample_repo.read(f"{BATCH_DIR}/320300/recommendations/demo-enterprise/91320312MA1X2T9F6G.yaml")
    target = f"{BATCH_DIR}/320300/recommendations/demo-enterprise/91320312MA1X2T9F7A.yaml"
    sample_repo.write(target, recommendation.replace("91320312MA1X2T9F6G", "91320312MA1X2T9F7A"))
    found = codes(sample_repo, "2020-10-13", capsys)
    assert {"RECORD-LOCKED", "LATE-RECOMMENDATION"} <= found[target]


@pytest.mark.parametrize(("today", "early"), [("2020-10-19", True), ("2020-10-20", False)])
def test_the_list_is_published_by_a_change_merged_after_the_last_day_of_publicity(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], today: str, early: bool
) -> None:
    publication = sample_repo.read(f"{BATCH_DIR}/publication.yaml")
    sample_repo.path(f"{BATCH_DIR}/publication.yaml").unlink()
    git_repo(sample_repo)
    sample_repo.write(f"{BATCH_DIR}/publication.yaml", publication)  # dated 2020-10-30
    found = codes(sample_repo, today, capsys).get(f"{BATCH_DIR}/publication.yaml", set())
    assert ("EARLY-PUBLICATION" in found) is early


@pytest.mark.parametrize(("today", "backdated"), [("2020-10-13", False), ("2020-10-14", True)])
def test_a_publicity_is_merged_by_its_first_day(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str], today: str, backdated: bool
) -> None:
    """Merged later, a 公示 from 10-13 would have run days without the site showing it."""
    publicity = sample_repo.read(f"{BATCH_DIR}/publicity.yaml")
    sample_repo.path(f"{BATCH_DIR}/publication.yaml").unlink()
    sample_repo.path(f"{BATCH_DIR}/publicity.yaml").unlink()
    git_repo(sample_repo)
    sample_repo.write(f"{BATCH_DIR}/publicity.yaml", publicity)  # 2020-10-13 to 2020-10-19
    found = codes(sample_repo, today, capsys).get(f"{BATCH_DIR}/publicity.yaml", set())
    assert ("PUBLICITY-BACKDATED" in found) is backdated
