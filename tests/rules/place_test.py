"""Where an application sits: folders, batch, region, recommending bureau and postcode."""

from __future__ import annotations

import pytest

from accel666.repository import locate
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
NAME = "91320106MA1W7XYL3D.yaml"


def move_to_region(sample_repo: SampleRepo, code: str, bureau: str) -> str:
    """Move the Nanjing backbone application to region `code`, updating region and recommender."""
    sample_repo.replace(NANJING, 'region: "320100"', f'region: "{code}"')
    sample_repo.replace(NANJING, "recommender: 南京市工业和信息化局", f"recommender: {bureau}")
    target = f"submissions/2020-1/{code}/backbone/{NAME}"
    sample_repo.move(NANJING, target)
    return target


# -- layout ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "misplaced",
    [
        f"submissions/2020-1/320100/{NAME}",  # no category folder
        f"submissions/2020-1/320100/backbones/{NAME}",  # a category folder that is not a form
        f"submissions/2020-1/320100/backbone/2019/{NAME}",  # one folder too deep
        f"submissions/{NAME}",  # outside any batch
    ],
)
def test_an_application_outside_batch_region_category_folders_is_misplaced(
    sample_repo: SampleRepo, misplaced: str
) -> None:
    sample_repo.move(NANJING, misplaced)
    finding = expect_one(sample_repo, misplaced, "LAYOUT")
    assert at(finding) == (1, 1)
    assert_chinese(finding.message, "submissions/<批次>/<地区代码>/<类别>/<统一社会信用代码>.yaml", "backbone")


RECOMMENDATION = "submissions/2020-1/320100/recommendations/backbone/91320106MA1W7XYL3D.yaml"
REVIEW = "submissions/2020-1/reviews/backbone/91320106MA1W7XYL3D/wang-expert.yaml"


@pytest.mark.parametrize(
    ("record", "misplaced"),
    [
        (RECOMMENDATION, "submissions/2020-1/recommendations/backbone/91320106MA1W7XYL3D.yaml"),  # no region folder
        (REVIEW, "submissions/2020-1/reviews/backbone/wang-expert.yaml"),  # no USCC folder
        (REVIEW, "submissions/2020-1/320100/reviews/backbone/91320106MA1W7XYL3D/wang-expert.yaml"),  # in a region
        (RECOMMENDATION, "submissions/2020-1/320100/recommendations/91320106MA1W7XYL3D.yaml"),  # no category folder
    ],
)
def test_a_record_missing_a_folder_level_is_misplaced_not_checked_as_an_application(
    sample_repo: SampleRepo, record: str, misplaced: str
) -> None:
    sample_repo.move(record, misplaced)
    assert [f.code for f in findings_of(sample_repo, misplaced)] == ["LAYOUT"]
    finding = expect_one(sample_repo, misplaced, "LAYOUT")
    assert at(finding) == (1, 1)
    assert_chinese(finding.message, "recommendations/<类别>/<统一社会信用代码>.yaml", "<专家账号>.yaml")


def test_an_application_in_another_regions_folder_with_matching_fields_is_in_place(sample_repo: SampleRepo) -> None:
    target = move_to_region(sample_repo, "320600", "南通市工业和信息化局")
    assert codes_of(sample_repo, target) == {"USCC-CITY"}  # the folder rules agree; the code is Nanjing's


@pytest.mark.parametrize("extension", [".YAML", ".Yml"])
def test_an_upper_case_extension_is_refused_not_passed_over(sample_repo: SampleRepo, extension: str) -> None:
    target = NANJING.removesuffix(".yaml") + extension
    sample_repo.move(NANJING, target)
    finding = expect_one(sample_repo, target, "FILE-EXTENSION")
    assert_chinese(finding.message, extension, ".yaml")


def test_a_file_that_is_not_yaml_is_no_application_and_is_refused_not_passed_over(sample_repo: SampleRepo) -> None:
    """A note beside the data would be committed unseen while its sender believes it was read."""
    sample_repo.write("submissions/2020-1/320100/backbone/说明.txt", "附件清单\n")
    assert locate("submissions/2020-1/320100/backbone/说明.txt").kind == "other"
    finding = expect_one(sample_repo, "submissions/2020-1/320100/backbone/说明.txt", "FILE-STRAY")
    assert_chinese(finding.message, "说明.txt", "不是申报文件")


def test_a_yml_extension_is_refused(sample_repo: SampleRepo) -> None:
    target = NANJING.removesuffix(".yaml") + ".yml"
    sample_repo.move(NANJING, target)
    finding = expect_one(sample_repo, target, "FILE-EXTENSION")
    assert at(finding) == (1, 1)
    assert_chinese(finding.message, ".yml", ".yaml")
    assert codes_of(sample_repo, target) == {"FILE-EXTENSION"}


# -- category and batch against their folders ----------------------------------------------


def test_a_category_different_from_its_folder_is_reported_at_the_category(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(NANJING, "category: backbone", "category: demo-enterprise")
    finding = expect_one(sample_repo, NANJING, "CATEGORY-FOLDER")
    assert at(finding) == position_of(text, "demo-enterprise")
    assert_chinese(finding.message, "「申报类别」", "demo-enterprise", "backbone")


def test_a_batch_different_from_its_folder_is_reported_at_the_batch(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(NANJING, 'batch: "2020-1"', 'batch: "2020-2"')
    finding = expect_one(sample_repo, NANJING, "BATCH-FOLDER")
    assert at(finding) == position_of(text, '"2020-2"')
    assert_chinese(finding.message, "「批次」", "2020-2", "2020-1")


def test_an_application_in_a_batch_without_configuration_cannot_be_checked(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(NANJING, 'batch: "2020-1"', 'batch: "2020-2"')
    target = NANJING.replace("2020-1", "2020-2")
    sample_repo.move(NANJING, target)
    finding = expect_one(sample_repo, target, "BATCH-UNKNOWN")
    assert at(finding) == position_of(text, '"2020-2"')
    assert_chinese(finding.message, "2020-2", "submissions/2020-2/batch.yaml")
    assert codes_of(sample_repo, target) == {"BATCH-UNKNOWN"}


def test_every_application_and_record_of_a_batch_with_an_invalid_configuration_cannot_be_checked(
    sample_repo: SampleRepo,
) -> None:
    sample_repo.replace(BATCH, "application_deadline: 2020-08-30", "application_deadline: 2020-08-32")
    result = check_registered(sample_repo)
    unchecked = {f.path for f in result.findings if f.code == "BATCH-UNKNOWN"}
    files = {p.relative_to(sample_repo.root).as_posix() for p in sample_repo.root.glob("submissions/2020-1/**/*.yaml")}
    assert len(files) >= 9 + 28
    assert unchecked == files - {BATCH}


def test_an_application_in_a_new_batch_with_its_configuration_is_checked(sample_repo: SampleRepo) -> None:
    sample_repo.write("submissions/2020-2/batch.yaml", sample_repo.read(BATCH).replace('id: "2020-1"', 'id: "2020-2"'))
    sample_repo.replace(NANJING, 'batch: "2020-1"', 'batch: "2020-2"')
    target = NANJING.replace("2020-1", "2020-2")
    sample_repo.move(NANJING, target)
    assert findings_of(sample_repo, target) == []


# -- region and recommending bureau -------------------------------------------------------


def test_a_region_code_that_is_not_one_of_the_16_regions_is_refused(sample_repo: SampleRepo) -> None:
    # 320111 (浦口区) has the form of a Jiangsu code but is not a recommending region.
    target = move_to_region(sample_repo, "320111", "南京市工业和信息化局")
    text = sample_repo.read(target)
    finding = expect_one(sample_repo, target, "REGION-UNKNOWN")
    assert at(finding) == position_of(text, '"320111"')
    assert_chinese(finding.message, "「地区代码」", "320111", "320100 南京市", "321322 沭阳县")
    assert codes_of(sample_repo, target) == {"REGION-UNKNOWN"}


@pytest.mark.parametrize(
    ("code", "bureau"),
    [("320583", "昆山市工业和信息化局"), ("321283", "泰兴市工业和信息化局"), ("321322", "沭阳县工业和信息化局")],
)
def test_the_three_directly_administered_pilots_are_recommending_regions(
    sample_repo: SampleRepo, code: str, bureau: str
) -> None:
    target = move_to_region(sample_repo, code, bureau)
    # Only the reviewers' warning that a Nanjing code now sits in another city's folder.
    assert codes_of(sample_repo, target) == {"USCC-CITY"}


def test_a_region_code_different_from_its_folder_is_reported_at_the_region(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(NANJING, 'region: "320100"', 'region: "320200"')
    sample_repo.replace(NANJING, "recommender: 南京市工业和信息化局", "recommender: 无锡市工业和信息化局")
    finding = expect_one(sample_repo, NANJING, "REGION-FOLDER")
    assert at(finding) == position_of(text, '"320200"')
    assert_chinese(finding.message, "「地区代码」", "320200", "320100", "submissions/2020-1/320200/backbone/")
    assert codes_of(sample_repo, NANJING) == {"REGION-FOLDER"}


def test_a_wrong_region_code_alone_is_reported_once_not_blamed_on_the_right_recommender(
    sample_repo: SampleRepo,
) -> None:
    """Folder and recommender say 南京; only the code says 无锡: the code is what to correct."""
    sample_repo.replace(NANJING, 'region: "320100"', 'region: "320200"')
    assert codes_of(sample_repo, NANJING) == {"REGION-FOLDER"}


def test_a_recommender_of_another_region_is_refused(sample_repo: SampleRepo) -> None:
    text = sample_repo.replace(NANJING, "recommender: 南京市工业和信息化局", "recommender: 苏州市工业和信息化局")
    finding = expect_one(sample_repo, NANJING, "RECOMMENDER-REGION")
    assert at(finding) == position_of(text, "苏州市工业和信息化局")
    assert_chinese(finding.message, "「推荐单位」", "苏州市工业和信息化局", "南京市工业和信息化局", "320100")


@pytest.mark.parametrize("recommender", ["南京市工信局", '" 南京市工业和信息化局 "'])
def test_the_recommenders_short_name_and_surrounding_spaces_are_accepted(
    sample_repo: SampleRepo, recommender: str
) -> None:
    sample_repo.replace(NANJING, "recommender: 南京市工业和信息化局", f"recommender: {recommender}")
    assert findings_of(sample_repo, NANJING) == []


# -- postcode ----------------------------------------------------------------------------


@pytest.mark.parametrize("postcode", ["100000", "200000", "230000"])
def test_a_postcode_outside_jiangsu_is_a_warning_only(sample_repo: SampleRepo, postcode: str) -> None:
    text = sample_repo.replace(NANJING, '"210009"', f'"{postcode}"')
    finding = expect_one(sample_repo, NANJING, "POSTCODE-REGION")
    assert finding.severity == "warning"
    assert at(finding) == position_of(text, f'"{postcode}"')
    assert_chinese(finding.message, "「邮编」", postcode, "21", "22")
    assert check_registered(sample_repo).ok


@pytest.mark.parametrize("postcode", ["210000", "219999", "220000", "229999"])
def test_a_postcode_starting_21_or_22_has_no_warning(sample_repo: SampleRepo, postcode: str) -> None:
    sample_repo.replace(NANJING, '"210009"', f'"{postcode}"')
    assert findings_of(sample_repo, NANJING) == []


SERVICE_CENTER = SAMPLES["service-center"]


@pytest.mark.parametrize(
    ("relpath", "old", "new", "person"),
    [
        (NANJING, '"025-83000001"', '"{}"', "项目负责人 › 电话"),  # a backbone's project leader
        (
            SERVICE_CENTER,
            "  name: 吴示例\n",
            '  name: 吴示例\n  phone: "{}"\n',
            "法定代表人 › 电话",
        ),  # a cloud centre's
    ],
)
@pytest.mark.parametrize("landline", ["021-62345678", "010-8888888", "0755-86013388"])
def test_a_leaders_or_legal_representatives_landline_outside_jiangsu_is_a_warning_only(
    sample_repo: SampleRepo, relpath: str, old: str, new: str, person: str, landline: str
) -> None:
    text = sample_repo.replace(relpath, old, new.format(landline))
    finding = expect_one(sample_repo, relpath, "PHONE-REGION")
    assert finding.severity == "warning"
    assert at(finding) == position_of(text, f'"{landline}"')
    assert_chinese(finding.message, person, landline, "025", "0510 至 0519")
    assert check_registered(sample_repo).ok


@pytest.mark.parametrize("landline", ["025-83000009", "0512-6600000", "0523-86000001-801", "13912345678"])
def test_a_jiangsu_landline_or_a_mobile_of_a_leader_has_no_warning(sample_repo: SampleRepo, landline: str) -> None:
    sample_repo.replace(NANJING, '"025-83000001"', f'"{landline}"')
    assert findings_of(sample_repo, NANJING) == []


@pytest.mark.parametrize("landline", ["021-0234567", "00-12345678", "1234-5678901"])
def test_a_leaders_phone_that_is_no_landline_anywhere_is_still_an_error(sample_repo: SampleRepo, landline: str) -> None:
    sample_repo.replace(NANJING, '"025-83000001"', f'"{landline}"')
    assert "PHONE-FORMAT" in codes_of(sample_repo, NANJING)
    assert "PHONE-REGION" not in codes_of(sample_repo, NANJING)


def test_the_contacts_office_landline_and_the_fax_stay_jiangsu_only(sample_repo: SampleRepo) -> None:
    sample_repo.replace(NANJING, '"025-83000002"', '"021-62345678"')  # the fax
    assert "PHONE-LANDLINE" in codes_of(sample_repo, NANJING)
