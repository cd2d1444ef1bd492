"""Who applies: the 统一社会信用代码's check character and region, the file name, one application each."""

from __future__ import annotations

import pytest
from stdnum.cn import uscc as stdnum_uscc

from accel666.findings import Severity
from builders import (
    BATCH,
    SAMPLES,
    SampleRepo,
    assert_chinese,
    at,
    check_registered,
    codes_of,
    expect_one,
    findings_of,
    position_of,
)

NANJING = SAMPLES["backbone"]  # submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml
XUZHOU_DEMO = SAMPLES["demo"]  # submissions/2020-1/320300/demo-enterprise/91320312MA1X2T9F6G.yaml
CODE = "91320106MA1W7XYL3D"


def with_check_character(first17: str) -> str:
    return first17 + stdnum_uscc.calc_check_digit(first17)


def change_uscc(sample_repo: SampleRepo, relpath: str, old: str, new: str) -> tuple[str, str]:
    """Give the application a new code and the file the matching name; return (path, text).

    The batch's published list names applications by code, so it follows the change.
    """
    text = sample_repo.replace(relpath, f'"{old}"', f'"{new}"')
    target = relpath.replace(f"{old}.yaml", f"{new}.yaml")
    sample_repo.move(relpath, target)
    sample_repo.write(BATCH, sample_repo.read(BATCH).replace(f'"{old}"', f'"{new}"'))
    return target, text


# -- check character ---------------------------------------------------------------------


def test_a_wrong_check_character_is_refused_naming_the_right_one(sample_repo: SampleRepo) -> None:
    target, text = change_uscc(sample_repo, NANJING, CODE, "91320106MA1W7XYL3E")
    finding = expect_one(sample_repo, target, "USCC-CHECKSUM")
    assert at(finding) == position_of(text, '"91320106MA1W7XYL3E"')
    assert_chinese(finding.message, "「申报单位 › 统一社会信用代码」", "91320106MA1W7XYL3E", "“D”", "“E”")
    assert codes_of(sample_repo, target) == {"USCC-CHECKSUM"}


def test_two_swapped_characters_are_caught_by_the_check_character(sample_repo: SampleRepo) -> None:
    swapped = "91320106MA1W7YXL3D"
    assert stdnum_uscc.calc_check_digit(swapped[:17]) != swapped[17]
    target, text = change_uscc(sample_repo, NANJING, CODE, swapped)
    finding = expect_one(sample_repo, target, "USCC-CHECKSUM")
    assert at(finding) == position_of(text, f'"{swapped}"')


@pytest.mark.parametrize(
    "first17",
    [
        "Y1320106MA1W7XYL3",  # registration authority Y (其他), a letter in position 1
        "N2320106MA1W7XYL3",  # registration authority N (农业), letter in position 1
        "A1320106MA1W7XYL3",  # registration authority A (中央军委改革和编制办公室)
        "5132010650000108X",  # registration authority 5 (民政), an X inside the organisation code
    ],
)
def test_a_code_with_letters_among_its_first_eight_characters_passes_when_its_check_character_is_right(
    sample_repo: SampleRepo, first17: str
) -> None:
    code = with_check_character(first17)
    target, _ = change_uscc(sample_repo, NANJING, CODE, code)
    assert findings_of(sample_repo, target) == []


def test_the_check_character_of_the_unit_in_a_demo_row_is_checked(sample_repo: SampleRepo) -> None:
    target, text = change_uscc(sample_repo, XUZHOU_DEMO, "91320312MA1X2T9F6G", "91320312MA1X2T9F6H")
    finding = expect_one(sample_repo, target, "USCC-CHECKSUM")
    assert at(finding) == position_of(text, '"91320312MA1X2T9F6H"')
    assert_chinese(finding.message, "「企业名称 › 统一社会信用代码」")


def test_a_lower_case_code_is_a_format_error_not_silently_upper_cased(sample_repo: SampleRepo) -> None:
    target, text = change_uscc(sample_repo, NANJING, CODE, CODE.lower())
    finding = expect_one(sample_repo, target, "USCC-FORMAT")
    assert at(finding) == position_of(text, f'"{CODE.lower()}"')
    assert "USCC-CHECKSUM" not in codes_of(sample_repo, target)


# -- registration region ---------------------------------------------------------------


def test_a_code_registered_outside_jiangsu_is_a_warning_only(sample_repo: SampleRepo) -> None:
    shanghai = with_check_character("91310106MA1W7XYL3")
    target, text = change_uscc(sample_repo, NANJING, CODE, shanghai)
    finding = expect_one(sample_repo, target, "USCC-REGION")
    assert finding.severity == "warning"
    assert at(finding) == position_of(text, f'"{shanghai}"')
    assert_chinese(finding.message, "「申报单位 › 统一社会信用代码」", "310106", "江苏")
    # (The renamed file's records now name a missing application: that is theirs to report.)
    assert [f for f in check_registered(sample_repo).errors if f.path == target] == []


def test_a_code_with_a_wrong_check_character_gets_no_region_warning(sample_repo: SampleRepo) -> None:
    wrong = "91310106MA1W7XYL30"
    assert with_check_character(wrong[:17]) != wrong
    target, _ = change_uscc(sample_repo, NANJING, CODE, wrong)
    assert codes_of(sample_repo, target) == {"USCC-CHECKSUM"}


@pytest.mark.parametrize(("region", "city"), [("320000", False), ("329999", True), ("321322", True)])
def test_a_code_registered_anywhere_in_jiangsu_has_no_region_warning(
    sample_repo: SampleRepo, region: str, city: bool
) -> None:
    code = with_check_character(f"91{region}MA1W7XYL3")
    target, _ = change_uscc(sample_repo, NANJING, CODE, code)
    # Outside 南京 (but not the provincial 3200xx) is the next rule's warning, never USCC-REGION.
    assert codes_of(sample_repo, target) == ({"USCC-CITY"} if city else set())


# -- file name ---------------------------------------------------------------------------


def test_a_file_not_named_after_the_code_is_reported_at_the_code(sample_repo: SampleRepo) -> None:
    target = NANJING.replace(f"{CODE}.yaml", "nanjing-application.yaml")
    sample_repo.move(NANJING, target)
    text = sample_repo.read(target)
    finding = expect_one(sample_repo, target, "FILE-NAME")
    assert at(finding) == position_of(text, f'"{CODE}"')
    assert_chinese(finding.message, "统一社会信用代码", "nanjing-application.yaml", f"{CODE}.yaml")


def test_a_code_changed_without_renaming_the_file_is_reported(sample_repo: SampleRepo) -> None:
    other = with_check_character("91320106MA1W7XYL4")
    text = sample_repo.replace(NANJING, f'"{CODE}"', f'"{other}"')
    finding = expect_one(sample_repo, NANJING, "FILE-NAME")
    assert at(finding) == position_of(text, f'"{other}"')
    assert_chinese(finding.message, f"{other}.yaml")


# -- one application per unit, batch and category ------------------------------------------


def test_the_same_unit_twice_in_one_category_and_batch_is_reported_in_both_files(sample_repo: SampleRepo) -> None:
    copy = f"submissions/2020-1/320200/backbone/{CODE}.yaml"
    text = sample_repo.read(NANJING)
    copied = text.replace('region: "320100"', 'region: "320200"').replace(
        "recommender: 南京市工业和信息化局", "recommender: 无锡市工业和信息化局"
    )
    sample_repo.write(copy, copied)
    first = expect_one(sample_repo, NANJING, "DUPLICATE-APPLICANT")
    second = expect_one(sample_repo, copy, "DUPLICATE-APPLICANT")
    assert at(first) == position_of(text, f'"{CODE}"')
    assert at(second) == position_of(copied, f'"{CODE}"')
    assert_chinese(first.message, CODE, copy, "工业互联网服务骨干企业")
    assert_chinese(second.message, CODE, NANJING)
    assert codes_of(sample_repo, NANJING) == {"DUPLICATE-APPLICANT"}
    assert codes_of(sample_repo, copy) == {"DUPLICATE-APPLICANT", "USCC-CITY"}  # a Nanjing code in Wuxi's folder


def test_the_same_unit_may_apply_once_in_each_category(sample_repo: SampleRepo) -> None:
    # The Nanjing backbone enterprise is also a demo enterprise row in its own region.
    target = f"submissions/2020-1/320100/demo-enterprise/{CODE}.yaml"
    text = sample_repo.read(XUZHOU_DEMO).replace('"91320312MA1X2T9F6G"', f'"{CODE}"')
    sample_repo.write(target, text.replace('region: "320300"', 'region: "320100"'))
    assert findings_of(sample_repo, target) == []
    assert findings_of(sample_repo, NANJING) == []


# -- registration region and folder ---------------------------------------------------------


def test_a_code_registered_in_another_city_is_a_warning_naming_the_folders_bureau(sample_repo: SampleRepo) -> None:
    target, text = change_uscc(sample_repo, NANJING, CODE, "91320505MA1W7XYL3K")  # registered in Suzhou
    finding = expect_one(sample_repo, target, "USCC-CITY")
    assert finding.severity is Severity.WARNING
    assert at(finding) == position_of(text, '"91320505MA1W7XYL3K"')
    assert_chinese(
        finding.message, "320505", "南京市", "南京市工业和信息化局在推荐意见的 registration_note（登记地说明）"
    )


SUZHOU_CODE = "91320505MA1W7XYL3K"
RECOMMENDATION = f"submissions/2020-1/320100/recommendations/backbone/{CODE}.yaml"
NOTE = "registration_note: 该企业 2019 年由苏州迁至南京，登记机关尚未变更，实际经营地在南京。\n"


def recommend_with_note(sample_repo: SampleRepo, code: str, note: str) -> str:
    """The Nanjing recommendation moved to `code`'s application, with the bureau's registration note."""
    target = RECOMMENDATION.replace(CODE, code)
    text = sample_repo.read(RECOMMENDATION).replace(f'"{CODE}"', f'"{code}"')
    sample_repo.move(RECOMMENDATION, target)
    sample_repo.write(target, text + note)
    return target


def test_the_bureaus_registration_note_in_its_recommendation_silences_the_city_warning(
    sample_repo: SampleRepo,
) -> None:
    target, _ = change_uscc(sample_repo, NANJING, CODE, SUZHOU_CODE)
    recommendation = recommend_with_note(sample_repo, SUZHOU_CODE, NOTE)
    assert codes_of(sample_repo, target) == set()
    assert findings_of(sample_repo, recommendation) == []


def test_a_recommendation_without_the_note_keeps_the_city_warning(sample_repo: SampleRepo) -> None:
    target, _ = change_uscc(sample_repo, NANJING, CODE, SUZHOU_CODE)
    recommend_with_note(sample_repo, SUZHOU_CODE, "")
    assert codes_of(sample_repo, target) == {"USCC-CITY"}


def test_a_note_in_another_applications_recommendation_does_not_silence_the_warning(sample_repo: SampleRepo) -> None:
    target, _ = change_uscc(sample_repo, NANJING, CODE, SUZHOU_CODE)
    sample_repo.write(RECOMMENDATION, sample_repo.read(RECOMMENDATION) + NOTE)  # still about the old code
    assert codes_of(sample_repo, target) == {"USCC-CITY"}


def test_a_code_registered_by_the_provincial_authority_fits_every_city(sample_repo: SampleRepo) -> None:
    target, _ = change_uscc(sample_repo, NANJING, CODE, with_check_character("91320000MA1W7XYL3"))
    assert findings_of(sample_repo, target) == []


def test_a_directly_administered_county_accepts_codes_registered_by_its_city(sample_repo: SampleRepo) -> None:
    kunshan = SAMPLES["backbone-route3"]  # in 昆山市, which lies in 苏州市 (3205)
    target, _ = change_uscc(sample_repo, kunshan, "91320583MA1P8N6E5J", "91320505MA1W7XYL3K")
    assert codes_of(sample_repo, target) == set()
