"""The published list in batch.yaml names real applications of its batch and category."""

from __future__ import annotations

from builders import BATCH, SAMPLES, SampleRepo, assert_chinese, at, check_registered, expect_one, position_of


def test_the_shipped_publication_list_names_existing_applications(sample_repo: SampleRepo) -> None:
    assert check_registered(sample_repo).findings == []


def test_an_approved_code_with_no_application_is_refused_at_its_entry(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(BATCH, '"91320583MA1P8N6E5J"', '"91320583MA1P8N6E5X"')
    finding = expect_one(sample_repo, BATCH, "APPROVED-UNKNOWN")
    assert at(finding) == position_of(text, '"91320583MA1P8N6E5X"')
    assert_chinese(finding.message, "91320583MA1P8N6E5X", "工业互联网服务骨干企业")


def test_an_application_approved_under_another_category_is_refused(sample_repo: SampleRepo) -> None:
    # The Wuxi backbone enterprise is not a demo enterprise: approving it there is a slip.
    text = sample_repo.replace(BATCH, 'demo-enterprise: ["', 'demo-enterprise: ["91320214MA1R5K2D4J", "')
    finding = expect_one(sample_repo, BATCH, "APPROVED-UNKNOWN")
    assert at(finding) == position_of(text, '"91320214MA1R5K2D4J"')


def test_an_application_moved_out_of_the_batch_is_no_longer_approvable(sample_repo: SampleRepo) -> None:
    sample_repo.move(SAMPLES["demo"], SAMPLES["demo"].replace("2020-1", "2021-1"))
    assert "APPROVED-UNKNOWN" in {f.code for f in sample_repo.check().findings}
