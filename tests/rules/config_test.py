"""The repository's own configuration: batch dates and years, regions, reviewers, missing files."""

from __future__ import annotations

from accel666.repository import open_repository
from builders import (
    BATCH,
    REGIONS,
    REVIEWERS,
    SAMPLES,
    SampleRepo,
    assert_chinese,
    at,
    check_registered,
    codes_of,
    expect_one,
    findings_of,
    position_of,
    value_at,
)

NANJING = SAMPLES["backbone"]


# -- batch.yaml ---------------------------------------------------------------------------


def test_a_stage_date_before_the_previous_stage_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BATCH, "matching_deadline: 2020-07-15", "matching_deadline: 2020-05-01")
    finding = expect_one(sample_repo, BATCH, "BATCH-DATES-ORDER")
    assert at(finding) == value_at(text, "matching_deadline: ")
    assert_chinese(finding.message, "2020-05-01", "2020-05-28", "项目对接截止日期", "通知发布日期")


def test_a_publication_date_before_the_review_deadline_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BATCH, "publication: 2020-10-31", "publication: 2020-09-29")
    finding = expect_one(sample_repo, BATCH, "BATCH-DATES-ORDER")
    assert at(finding) == value_at(text, "  publication: ")
    assert_chinese(finding.message, "2020-09-29", "2020-09-30", "名单发布日期", "审核截止日期")


def test_two_stages_on_the_same_day_are_in_order(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BATCH, "matching_deadline: 2020-07-15", "matching_deadline: 2020-05-28")
    assert findings_of(sample_repo, BATCH) == []


def test_indicator_years_with_a_gap_are_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BATCH, "[2017, 2018, 2019]", "[2017, 2019, 2020]")
    finding = expect_one(sample_repo, BATCH, "BATCH-YEARS")
    assert at(finding) == position_of(text, "[2017, 2019, 2020]")
    assert_chinese(finding.message, "指标年度", "2017, 2019, 2020", "连续三年")


def test_indicator_years_from_latest_to_earliest_are_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BATCH, "[2017, 2018, 2019]", "[2019, 2018, 2017]")
    finding = expect_one(sample_repo, BATCH, "BATCH-YEARS")
    assert at(finding) == position_of(text, "[2019, 2018, 2017]")
    assert_chinese(finding.message, "从早到晚")


def test_a_batch_with_later_indicator_years_asks_applications_for_those_years(sample_repo: SampleRepo) -> None:
    sample_repo.replace(BATCH, "[2017, 2018, 2019]", "[2018, 2019, 2020]")
    assert findings_of(sample_repo, BATCH) == []
    finding = expect_one(sample_repo, NANJING, "BACKBONE-INDICATOR-YEARS")
    assert_chinese(finding.message, "2018、2019、2020")


def test_a_batch_id_different_from_its_folder_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BATCH, 'id: "2020-1"', 'id: "2020-2"')
    finding = expect_one(sample_repo, BATCH, "BATCH-FOLDER")
    assert at(finding) == position_of(text, '"2020-2"')
    assert_chinese(finding.message, "批次编号", "2020-2", "2020-1")


# -- regions.yaml ---------------------------------------------------------------------------


def test_a_region_code_listed_twice_is_refused_at_the_second(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(REGIONS, 'code: "320200", name: 无锡市', 'code: "320100", name: 无锡市')
    finding = expect_one(sample_repo, REGIONS, "REGIONS-DUPLICATE")
    assert at(finding) == position_of(text, '"320100"', occurrence=2)
    assert_chinese(finding.message, "地区代码", "320100")


def test_a_seventeenth_region_with_a_new_code_is_accepted(sample_repo: SampleRepo) -> None:
    extra = '  - {code: "321400", name: 示例市, kind: 设区市, bureau: 示例市工业和信息化局}\n'
    sample_repo.write(REGIONS, sample_repo.read(REGIONS) + extra)
    assert findings_of(sample_repo, REGIONS) == []


# -- reviewers.yaml --------------------------------------------------------------------------


def test_reviewers_for_a_region_that_is_not_recommending_are_refused_at_the_key(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(REVIEWERS, '"320600"', '"320611"')
    finding = expect_one(sample_repo, REVIEWERS, "REVIEWERS-REGION")
    assert at(finding) == position_of(text, '"320611"')
    assert_chinese(finding.message, "审核人", "320611", "submissions/regions.yaml")


def test_reviewers_need_not_list_every_region(sample_repo: SampleRepo) -> None:
    sample_repo.replace(REVIEWERS, '  "320600": ["@jsgxt-666/nantong"]\n', "")
    assert findings_of(sample_repo, REVIEWERS) == []


# -- missing files -----------------------------------------------------------------------------


def test_a_repository_without_regions_yaml_is_reported(sample_repo: SampleRepo) -> None:
    sample_repo.path(REGIONS).unlink()
    finding = expect_one(sample_repo, REGIONS, "CONFIG-MISSING")
    assert at(finding) == (1, 1)
    assert_chinese(finding.message, "缺少配置文件", REGIONS)
    assert not check_registered(sample_repo).ok


def test_reviewers_yaml_is_optional(sample_repo: SampleRepo) -> None:
    sample_repo.path(REVIEWERS).unlink()
    assert check_registered(sample_repo).findings == []


def test_an_invalid_regions_yaml_is_reported_once_and_not_used(sample_repo: SampleRepo) -> None:
    sample_repo.replace(REGIONS, "kind: 设区市, bureau: 南京市", "kind: 地级市, bureau: 南京市")
    assert codes_of(sample_repo, REGIONS) == {"SCHEMA-ENUM"}
    assert findings_of(sample_repo, NANJING) == []


# -- accounts in reviewers.yaml -------------------------------------------------------------


def test_an_account_written_as_a_team_is_refused_at_the_value(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(REVIEWERS, "province: [jsgxt-sample-province]", 'province: ["@jsgxt-666/province"]')
    finding = expect_one(sample_repo, REVIEWERS, "ACCOUNT-LOGIN")
    assert at(finding) == position_of(text, '"@jsgxt-666/province"]\n  tencent')
    assert_chinese(finding.message, "用户名")


def test_an_account_of_a_region_that_is_not_a_recommending_region_is_refused_at_its_key(
    sample_repo: SampleRepo,
) -> None:
    text = sample_repo.replace(REVIEWERS, '    "320100": [nanjing-sample]', '    "320111": [nanjing-sample]')
    finding = expect_one(sample_repo, REVIEWERS, "REVIEWERS-REGION")
    assert at(finding) == position_of(text, '"320111": [nanjing-sample]')


PRACTICE = "submissions/practice/batch.yaml"


def test_the_shipped_practice_batch_is_valid_marked_and_open_for_decades(sample_repo: SampleRepo) -> None:
    assert findings_of(sample_repo, PRACTICE) == []
    batch = open_repository(sample_repo.root).batches["practice"]
    assert batch.practice and not open_repository(sample_repo.root).batches["2020-1"].practice
    assert batch.application_deadline.year >= 2099


def test_a_regular_batch_marked_practice_is_refused_so_that_it_is_never_hidden_from_the_site(
    sample_repo: SampleRepo,
) -> None:
    text = sample_repo.replace(BATCH, "sample: true", "sample: true\npractice: true")
    finding = expect_one(sample_repo, BATCH, "BATCH-PRACTICE")
    assert at(finding) == value_at(text, "practice: ")
    assert_chinese(finding.message, "practice", "练习批次")


def test_the_practice_batchs_id_without_its_mark_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(PRACTICE, "practice: true\n", "")
    finding = expect_one(sample_repo, PRACTICE, "BATCH-PRACTICE")
    assert at(finding) == value_at(text, "id: ")
