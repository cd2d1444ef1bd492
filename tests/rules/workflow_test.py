"""The review workflow's records: each names a real application, in its region, in order.

The shipped sample batch has gone through every stage (recommendations, two expert
reviews each, the decision, 公示, publication); each test breaks one thing in it.
"""

from __future__ import annotations

import pytest

from builders import SAMPLES, SampleRepo, assert_chinese, at, check_registered, codes_of, expect_one, position_of

BATCH_DIR = "submissions/2020-1"
NANJING = "91320106MA1W7XYL3D"  # backbone, Nanjing: recommended, reviewed, approved
WUXI = "91320214MA1R5K2D4J"  # backbone, Wuxi: recommended, reviewed, rejected
SHUYANG = "91321322MA1Y4G3H79"  # demo enterprise, 沭阳县: not recommended
RECOMMENDATION = f"{BATCH_DIR}/320100/recommendations/backbone/{NANJING}.yaml"
REVIEW = f"{BATCH_DIR}/reviews/backbone/{NANJING}/wang-expert.yaml"
DECISION = f"{BATCH_DIR}/decision.yaml"
PUBLICITY = f"{BATCH_DIR}/publicity.yaml"
PUBLICATION = f"{BATCH_DIR}/publication.yaml"


def test_the_shipped_batch_went_through_every_stage_without_a_finding(sample_repo: SampleRepo) -> None:
    assert check_registered(sample_repo).findings == []


# -- one record file -------------------------------------------------------------------


def test_a_record_whose_content_names_another_application_than_its_path(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(RECOMMENDATION, f'uscc: "{NANJING}"', f'uscc: "{WUXI}"')
    finding = expect_one(sample_repo, RECOMMENDATION, "RECORD-FOLDER")
    assert at(finding) == position_of(text, f'"{WUXI}"')
    assert_chinese(finding.message, WUXI, NANJING, RECOMMENDATION)


def test_a_review_filed_under_another_experts_name(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(REVIEW, "account: wang-expert", "account: li-expert")
    finding = expect_one(sample_repo, REVIEW, "RECORD-FOLDER")
    assert at(finding) == position_of(text, "li-expert")
    assert_chinese(finding.message, "li-expert", "wang-expert.yaml")


def test_a_recommendation_signed_by_another_bureau(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(RECOMMENDATION, "bureau: 南京市工业和信息化局", "bureau: 苏州市工业和信息化局")
    finding = expect_one(sample_repo, RECOMMENDATION, "RECOMMENDATION-BUREAU")
    assert at(finding) == position_of(text, "苏州市工业和信息化局")
    assert_chinese(finding.message, "苏州市工业和信息化局", "南京市")


def test_a_recommendation_accepts_the_bureaus_short_name(sample_repo: SampleRepo) -> None:
    sample_repo.replace(RECOMMENDATION, "bureau: 南京市工业和信息化局", "bureau: 南京市工信局")
    assert codes_of(sample_repo, RECOMMENDATION) == set()


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("innovation: 25", "innovation: 31", "REVIEW-SCORE"),
        ("verdict: 建议入选", "verdict: 同意", "REVIEW-VERDICT"),
        ("declaration: true", "declaration: false", "REVIEW-CONFLICT"),
    ],
)
def test_a_review_needs_scores_within_each_criterion_a_verdict_and_the_conflict_declaration(
    sample_repo: SampleRepo, old: str, new: str, code: str
) -> None:
    text = sample_repo.replace(REVIEW, old, new)
    finding = expect_one(sample_repo, REVIEW, code)
    assert at(finding) == position_of(text, new.split(": ")[1])


# -- across the repository -------------------------------------------------------------


def test_another_regions_bureau_cannot_recommend(sample_repo: SampleRepo) -> None:
    # Suzhou files a recommendation for Nanjing's application in its own folder.
    foreign = f"{BATCH_DIR}/320500/recommendations/backbone/{NANJING}.yaml"
    text = sample_repo.read(RECOMMENDATION).replace('region: "320100"', 'region: "320500"')
    sample_repo.write(foreign, text.replace("南京市工业和信息化局", "苏州市工业和信息化局"))
    finding = expect_one(sample_repo, foreign, "RECOMMENDATION-REGION")
    assert at(finding) == position_of(text, '"320500"')
    assert_chinese(finding.message, "320100", "320500", SAMPLES["backbone"])


def test_a_record_for_a_missing_application(sample_repo: SampleRepo) -> None:
    sample_repo.path(SAMPLES["backbone"]).unlink()
    finding = expect_one(sample_repo, RECOMMENDATION, "RECORD-APPLICATION")
    assert_chinese(finding.message, NANJING, "2020-1")
    assert "RECORD-APPLICATION" in codes_of(sample_repo, REVIEW)
    decision = expect_one(sample_repo, DECISION, "RECORD-APPLICATION")
    assert at(decision) == position_of(sample_repo.read(DECISION), f'"{NANJING}"')


def test_no_review_before_a_positive_recommendation(sample_repo: SampleRepo) -> None:
    target = f"{BATCH_DIR}/reviews/demo-enterprise/{SHUYANG}/wang-expert.yaml"
    text = sample_repo.read(REVIEW).replace("category: backbone", "category: demo-enterprise")
    sample_repo.write(target, text.replace(NANJING, SHUYANG))
    finding = expect_one(sample_repo, target, "REVIEW-NOT-RECOMMENDED")
    assert_chinese(finding.message, SHUYANG, "推荐")


def test_a_review_dated_before_the_recommendation(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(REVIEW, "date: 2020-09-22", "date: 2020-08-27")
    finding = expect_one(sample_repo, REVIEW, "RECORD-ORDER")
    assert at(finding) == position_of(text, "2020-08-27")
    assert_chinese(finding.message, "2020-08-27", "2020-08-28")


def test_no_decision_on_an_application_that_was_not_recommended(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(
        DECISION, "rejected:\n", f'  - {{category: demo-enterprise, uscc: "{SHUYANG}"}}\nrejected:\n'
    )
    finding = expect_one(sample_repo, DECISION, "DECISION-NOT-RECOMMENDED")
    assert at(finding) == position_of(text, '{category: demo-enterprise, uscc: "' + SHUYANG)
    assert_chinese(finding.message, SHUYANG, "推荐")


def test_no_approval_without_an_expert_review(sample_repo: SampleRepo) -> None:
    for expert in ("wang-expert", "chen-expert"):
        sample_repo.path(f"{BATCH_DIR}/reviews/backbone/{NANJING}/{expert}.yaml").unlink()
    finding = expect_one(sample_repo, DECISION, "DECISION-UNREVIEWED")
    assert_chinese(finding.message, NANJING, "评审")


def test_every_recommended_application_is_decided(sample_repo: SampleRepo) -> None:
    text = sample_repo.read(DECISION)
    sample_repo.write(DECISION, text[: text.index("rejected:")] + "rejected: []\n")
    finding = expect_one(sample_repo, DECISION, "DECISION-INCOMPLETE")
    assert_chinese(finding.message, WUXI, "approved", "rejected")


def test_an_application_is_decided_once(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(DECISION, "rejected:\n", f'  - {{category: backbone, uscc: "{WUXI}"}}\nrejected:\n')
    finding = expect_one(sample_repo, DECISION, "DECISION-DUPLICATE")
    # Reported at its second listing, the rejection, naming the first.
    assert at(finding) == position_of(text, f'category: backbone\n    uscc: "{WUXI}"')
    assert_chinese(finding.message, WUXI, "拟入选")


def test_the_decision_is_not_dated_before_what_it_decides_on(sample_repo: SampleRepo) -> None:
    sample_repo.replace(DECISION, "date: 2020-10-12", "date: 2020-09-10")
    findings = [f for f in check_registered(sample_repo).findings if f.path == DECISION]
    assert {f.code for f in findings} == {"RECORD-ORDER"}
    assert_chinese(findings[0].message, "2020-09-10")


def test_no_publicity_without_a_decision(sample_repo: SampleRepo) -> None:
    sample_repo.path(DECISION).unlink()
    finding = expect_one(sample_repo, PUBLICITY, "PUBLICITY-BEFORE-DECISION")
    assert_chinese(finding.message, "decision.yaml")


def test_publicity_lasts_five_working_days_with_chinese_holidays(sample_repo: SampleRepo) -> None:
    # From 2020-09-29 (Tue): 09-29, 09-30, then the National Day holiday 10-01..10-08, then
    # 10-09 (Fri), 10-10 (a Saturday worked in exchange) and 10-12 (Mon): five working days.
    sample_repo.replace(DECISION, "date: 2020-10-12", "date: 2020-09-28")
    sample_repo.replace(PUBLICITY, "start: 2020-10-13\nend: 2020-10-19", "start: 2020-09-29\nend: 2020-10-05")
    sample_repo.replace(PUBLICATION, "date: 2020-10-30", "date: 2020-10-13")
    finding = expect_one(sample_repo, PUBLICITY, "PUBLICITY-DAYS")
    assert at(finding) == position_of(sample_repo.read(PUBLICITY), "2020-10-05")
    assert_chinese(finding.message, "2020-09-29", "2020-10-12", "5 个工作日")
    sample_repo.replace(PUBLICITY, "end: 2020-10-05", "end: 2020-10-12")
    assert codes_of(sample_repo, PUBLICITY) == set()


@pytest.mark.parametrize(
    ("start", "end", "first_working_day_end"),
    [
        ("2020-10-17", "2020-10-23", "2020-10-23"),  # a Saturday: five working days, but not from the start
        ("2020-10-01", "2020-10-13", "2020-10-14"),  # National Day: 10-09, 10-10 (worked), 10-12..10-14
    ],
)
def test_publicity_starts_on_a_working_day(
    sample_repo: SampleRepo, start: str, end: str, first_working_day_end: str
) -> None:
    sample_repo.replace(DECISION, "date: 2020-10-12", "date: 2020-09-28")
    sample_repo.replace(PUBLICITY, "start: 2020-10-13\nend: 2020-10-19", f"start: {start}\nend: {end}")
    finding = expect_one(sample_repo, PUBLICITY, "PUBLICITY-DAYS")
    assert at(finding) == position_of(sample_repo.read(PUBLICITY), start)
    assert_chinese(finding.message, start, "休息日", first_working_day_end)


def test_a_publicity_may_start_on_a_make_up_working_day(sample_repo: SampleRepo) -> None:
    # 2020-10-10 is a Saturday worked in exchange for the National Day holiday.
    sample_repo.replace(DECISION, "date: 2020-10-12", "date: 2020-09-28")
    sample_repo.replace(PUBLICITY, "start: 2020-10-13\nend: 2020-10-19", "start: 2020-10-10\nend: 2020-10-15")
    assert codes_of(sample_repo, PUBLICITY) == set()


def test_publicity_starts_after_the_decision(sample_repo: SampleRepo) -> None:
    sample_repo.replace(DECISION, "date: 2020-10-12", "date: 2020-10-14")
    finding = expect_one(sample_repo, PUBLICITY, "RECORD-ORDER")
    assert_chinese(finding.message, "2020-10-13", "2020-10-14")


def test_no_publication_before_publicity_has_ended(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(PUBLICATION, "date: 2020-10-30", "date: 2020-10-19")
    finding = expect_one(sample_repo, PUBLICATION, "PUBLICATION-EARLY")
    assert at(finding) == position_of(text, "2020-10-19")
    sample_repo.path(PUBLICITY).unlink()
    finding = expect_one(sample_repo, PUBLICATION, "PUBLICATION-EARLY")
    assert_chinese(finding.message, "publicity.yaml")


def test_a_record_dated_in_the_future(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(RECOMMENDATION, "date: 2020-08-28", "date: 2999-09-03")
    finding = expect_one(sample_repo, RECOMMENDATION, "RECORD-FUTURE")
    assert at(finding) == position_of(text, "2999-09-03")
