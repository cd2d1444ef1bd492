"""What a path in the repository means (locate) and where a file of each kind goes (path_of)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accel666.cli import main
from accel666.repository import Location, locate, open_repository, path_of
from builders import SampleRepo

LOCATIONS = [
    Location("application", "2020-1", "320500", "cloud-center", "91320505MA1MCK8X03"),
    Location("recommendation", "2020-1", "320100", "backbone", "91320106MA1W7XYL3D"),
    Location("review", "2020-1", None, "demo-enterprise", "91320312MA1X2T9F6G", account="wang-expert"),
    Location("decision", "2020-1"),
    Location("publicity", "2020-1"),
    Location("publication", "2020-1"),
    Location("batch", "2020-1"),
    Location("regions"),
    Location("reviewers"),
]


@pytest.mark.parametrize("location", LOCATIONS, ids=lambda location: location.kind)
def test_locating_the_path_of_a_location_gives_the_location_back(location: Location) -> None:
    assert locate(path_of(location)) == location


def test_an_application_goes_under_its_batch_region_and_category_named_by_its_code() -> None:
    location = Location("application", "2020-1", "320583", "backbone", "91320583MA1P8N6E5J")
    assert path_of(location) == "submissions/2020-1/320583/backbone/91320583MA1P8N6E5J.yaml"


def test_a_kind_with_no_single_path_is_refused() -> None:
    with pytest.raises(ValueError, match="misplaced"):
        path_of(Location("misplaced", stem="x"))


# -- what lies under submissions/ ------------------------------------------------------------

STRAYS = {
    "submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml.txt": "FILE-STRAY",  # Notepad's "save as"
    "submissions/2020-1/320100/backbone/营业执照.pdf": "FILE-STRAY",
    "submissions/2020-1/320100/.drafts/91320106MA1W7XYL3D.yaml": "FILE-STRAY",
    "submissions/2020-1/.hidden.yaml": "FILE-STRAY",
}


@pytest.mark.parametrize("relpath", sorted(STRAYS))
def test_a_file_that_can_be_no_application_is_a_finding_from_validate_and_from_the_whole_check(
    sample_repo: SampleRepo, relpath: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_repo.write(relpath, "category: backbone\n")
    assert {f.code for f in sample_repo.findings(relpath)} == {STRAYS[relpath]}
    assert main(["validate", "--root", str(sample_repo.root), str(sample_repo.path(relpath))]) == 1
    assert f"{relpath}:1:1: {STRAYS[relpath]}" in capsys.readouterr().out


def test_a_link_is_refused_as_itself_and_never_followed(sample_repo: SampleRepo, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("category: backbone\nname: 不该被读取的内容\n", encoding="utf-8")
    link = "submissions/2020-1/320100/backbone/91320106MA1W7XYL4G.yaml"
    sample_repo.path(link).symlink_to(secret)
    findings = sample_repo.findings(link)
    assert [f.code for f in findings] == ["FILE-NOT-REGULAR"]
    assert all("不该被读取" not in f.message for f in sample_repo.check().findings)


def test_a_linked_folder_is_refused_and_not_walked_into(sample_repo: SampleRepo, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.yaml").write_text("category: backbone\n", encoding="utf-8")
    sample_repo.path("submissions/2020-1/320100/extra").symlink_to(tmp_path / "elsewhere")
    result = sample_repo.check()
    assert {(f.path, f.code) for f in result.findings} == {("submissions/2020-1/320100/extra", "FILE-NOT-REGULAR")}


def test_a_file_name_with_a_newline_never_reaches_the_output_as_a_line_break(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "submissions/2020-1/320100/backbone/x\n::error file=a.yaml::伪造.yaml"
    sample_repo.write(name, "category: backbone\n")
    assert main(["validate", "--root", str(sample_repo.root), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("::error")] == [
        line for line in out.splitlines() if "FILE-NAME-CONTROL" in line
    ]
    assert "x\\u000a::error" in out


def test_a_linked_batch_folder_is_not_read_as_a_batch(sample_repo: SampleRepo, tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "batch.yaml").write_text(
        sample_repo.read("submissions/2020-1/batch.yaml").replace('id: "2020-1"', 'id: "2021-1"'), encoding="utf-8"
    )
    sample_repo.path("submissions/2021-1").symlink_to(tmp_path / "outside")
    assert "2021-1" not in open_repository(sample_repo.root).batches
    assert [f.code for f in sample_repo.findings("submissions/2021-1")] == ["FILE-NOT-REGULAR"]


def test_validating_a_file_whose_name_holds_a_control_character_refuses_it(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "submissions/2020-1/320100/backbone/bad\x1bx.yaml"
    sample_repo.write(name, sample_repo.read("submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml"))
    assert main(["validate", "--root", str(sample_repo.root), str(sample_repo.path(name))]) == 1
    assert "bad\\u001bx.yaml:1:1: FILE-NAME-CONTROL" in capsys.readouterr().out


def test_a_file_reached_through_a_linked_folder_is_still_inside_the_repository(
    sample_repo: SampleRepo, tmp_path: Path
) -> None:
    (tmp_path / "shortcut").symlink_to(sample_repo.root)
    repo = open_repository(sample_repo.root.resolve())
    relpath = "submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml"
    assert repo.relpath(tmp_path / "shortcut" / relpath) == relpath
