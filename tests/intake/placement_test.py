"""`accel666 intake`: a bureau puts the files its applicants sent where they belong, checked as its PR will be.

Every case runs the real command line in a real git repository holding the samples
(main committed, a branch checked out), with files as a Windows PC delivers them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from accel666.cli import main
from builders import SAMPLES, SampleRepo, git_repo

NEW_USCC = "91320594MA1LX0001F"  # made up, registered in Suzhou
BACKBONE = f"submissions/practice/320500/backbone/{NEW_USCC}.yaml"
CLOUD = "submissions/practice/320500/cloud-center/91320505MA1MCK8X03.yaml"


def as_received(sample_repo: SampleRepo, sample: str, **replace: str) -> str:
    """A sample's text with its values replaced (old -> new): an applicant's file."""
    text = sample_repo.read(SAMPLES[sample])
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def practice_backbone(sample_repo: SampleRepo) -> str:
    """The Nanjing backbone sample as a Suzhou enterprise's application in the practice batch."""
    return as_received(
        sample_repo,
        "backbone",
        **{
            '"2020-1"': "practice",
            '"320100"': '"320500"',
            "南京市工业和信息化局": "苏州市工业和信息化局",
            "91320106MA1W7XYL3D": NEW_USCC,
        },
    )


def downloaded(folder: Path, name: str, text: str, *, encoding: str = "utf-8", crlf: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode(encoding))
    return path


@pytest.fixture
def repo(sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch) -> SampleRepo:
    monkeypatch.chdir(git_repo(sample_repo, branch="intake"))
    return sample_repo


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def test_windows_files_are_placed_by_their_content_as_utf8_with_lf_and_the_gate_then_passes(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backbone = downloaded(tmp_path / "下载", f"{NEW_USCC}.yaml", practice_backbone(repo), encoding="gbk", crlf=True)
    cloud_text = as_received(repo, "service-center", **{'"2020-1"': "practice"})
    cloud = downloaded(tmp_path / "下载", "申报文件(1).yaml", "\ufeff" + cloud_text, crlf=True)
    assert main(["intake", str(backbone), str(cloud), "--actor", "suzhou-sample"]) == 0
    out = capsys.readouterr().out
    assert f"新增：{backbone} → {BACKBONE}（已从 GBK 编码转为 UTF-8；已把 Windows 换行（CRLF）改为 LF）" in out
    assert f"新增：{cloud} → {CLOUD}（已去掉文件开头的 BOM；已把 Windows 换行（CRLF）改为 LF）" in out
    assert "收到 2 个文件：放入 2 个，未改变 0 个，未放入 0 个。" in out
    assert repo.path(BACKBONE).read_bytes() == practice_backbone(repo).encode("utf-8")
    assert repo.path(CLOUD).read_bytes() == cloud_text.encode("utf-8")
    # The same files again change nothing.
    assert main(["intake", str(backbone), str(cloud), "--actor", "suzhou-sample"]) == 0
    assert "未改变：" in capsys.readouterr().out
    # What intake accepted, the gate accepts: one commit, one pull request for the region.
    git(repo.root, "add", "submissions")
    git(repo.root, "commit", "-q", "-m", "苏州市：收取申报")
    assert main(["check", "--base", "main", "--head", "intake", "--actor", "suzhou-sample", "--no-cache"]) == 0


def test_an_application_its_bureau_recommended_is_never_overwritten(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nanjing = SAMPLES["backbone"]
    before = repo.path(nanjing).read_bytes()
    changed = downloaded(tmp_path, "91320106MA1W7XYL3D.yaml", repo.read(nanjing).replace("冯示例", "冯更正"))
    assert main(["intake", str(changed), "--today", "2020-08-20", "--actor", "nanjing-sample"]) == 1
    err = capsys.readouterr().err
    assert f"未放入：{changed} → {nanjing}" in err
    assert f"{nanjing}:1:1: APPLICATION-LOCKED" in err
    # On that day the samples' later records lie in the future: the region's PR would fail for them too.
    assert "注意：本地区的合并请求还会因以下" in err and "RECORD-FUTURE" in err
    assert repo.path(nanjing).read_bytes() == before


def test_a_new_application_after_the_deadline_is_refused_and_not_written(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = practice_backbone(repo).replace("batch: practice", 'batch: "2020-1"')
    late = downloaded(tmp_path, f"{NEW_USCC}.yaml", text)
    assert main(["intake", str(late), "--actor", "suzhou-sample"]) == 1
    target = BACKBONE.replace("practice", "2020-1")
    assert f"{target}:1:1: LATE-APPLICATION" in capsys.readouterr().err
    assert not repo.path(target).exists()


def test_an_enterprise_already_applying_in_another_region_is_a_duplicate(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Nanjing's backbone applicant, sent to Suzhou as well, before the deadline.
    text = as_received(repo, "backbone", **{'"320100"': '"320500"', "南京市工业和信息化局": "苏州市工业和信息化局"})
    twice = downloaded(tmp_path, "91320106MA1W7XYL3D.yaml", text)
    assert main(["intake", str(twice), "--today", "2020-08-20"]) == 1
    err = capsys.readouterr().err
    assert "submissions/2020-1/320500/backbone/91320106MA1W7XYL3D.yaml" in err and "DUPLICATE-APPLICANT" in err
    assert not repo.path("submissions/2020-1/320500/backbone/91320106MA1W7XYL3D.yaml").exists()


def test_a_bureau_account_cannot_take_in_another_regions_application(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    received = downloaded(tmp_path, f"{NEW_USCC}.yaml", practice_backbone(repo))
    assert main(["intake", str(received), "--actor", "nanjing-sample"]) == 1
    assert f"{BACKBONE}:1:1: ACCESS-FORBIDDEN 账号 nanjing-sample 无权修改此文件" in capsys.readouterr().err
    assert not repo.path(BACKBONE).exists()


def test_the_bureaus_region_wins_and_a_file_of_another_region_is_refused_there(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    received = downloaded(tmp_path, f"{NEW_USCC}.yaml", practice_backbone(repo))
    assert main(["intake", str(received), "--region", "320583"]) == 1
    err = capsys.readouterr().err
    kunshan = BACKBONE.replace("/320500/", "/320583/")
    assert f"未放入：{received} → {kunshan}" in err and "REGION-FOLDER" in err


def test_files_that_cannot_be_placed_say_why_and_two_files_for_one_place_are_both_refused(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    no_form = downloaded(tmp_path, "a.yaml", "name: 某公司\n")
    broken = downloaded(tmp_path, "b.yaml", "category: backbone\n  batch: [\n")
    first = downloaded(tmp_path / "1", f"{NEW_USCC}.yaml", practice_backbone(repo))
    second = downloaded(tmp_path / "2", f"{NEW_USCC}.yaml", practice_backbone(repo).replace("冯示例", "冯二"))
    assert main(["intake", str(no_form), str(broken), str(first), str(second)]) == 1
    err = capsys.readouterr().err
    assert f"{no_form}:1:1: INTAKE-UNPLACED 无法判断申报类别" in err
    assert err.count("INTAKE-UNPLACED") == 3  # the form unknown, and each of the two files for one place
    assert f"{broken}:2:" in err and "YAML-SYNTAX" in err
    assert f"与 {second} 是同一份申报" in err and f"与 {first} 是同一份申报" in err
    assert not repo.path(BACKBONE).exists()
    assert git(repo.root, "status", "--porcelain") == ""


def test_without_a_batch_in_the_file_or_the_options_the_open_batch_is_taken(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = practice_backbone(repo).replace("batch: practice\n", "batch: \n")
    received = downloaded(tmp_path, f"{NEW_USCC}.yaml", text)
    # On 2020-08-20 the sample batch is the one open for applications (never the practice batch).
    assert main(["intake", str(received), "--today", "2020-08-20"]) == 1
    assert "submissions/2020-1/320500/backbone/" in capsys.readouterr().err  # placed there, batch still empty
    # Today no regular batch is open: the bureau must say which.
    assert main(["intake", str(received)]) == 1
    assert (
        "无法确定批次：文件中没有批次，今天也没有唯一一个正在受理申报的批次，请用 --batch 指定"
        in capsys.readouterr().err
    )
    assert main(["intake", str(received), "--batch", "2099-1"]) == 2
    assert "批次 2099-1 不存在" in capsys.readouterr().err


def test_outside_a_git_repository_intake_says_it_needs_one(
    sample_repo: SampleRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sample_repo.root)  # the samples, but no git
    received = downloaded(tmp_path, f"{NEW_USCC}.yaml", practice_backbone(sample_repo))
    assert main(["intake", str(received)]) == 1
    assert "不是已有提交的 git 仓库" in capsys.readouterr().err
    assert not sample_repo.path(BACKBONE).exists()


@pytest.mark.parametrize("link", ["submissions/practice/320500", BACKBONE])
def test_a_place_reached_through_a_link_is_refused_and_nothing_is_written_where_it_points(
    repo: SampleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str
) -> None:
    """A link a local tree may hold (the gate refuses links in a pull request) would write the
    file wherever it points, outside every check."""
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    place = repo.path(link)
    place.parent.mkdir(parents=True, exist_ok=True)
    place.symlink_to(victim if link == BACKBONE else outside)
    received = downloaded(tmp_path / "下载", f"{NEW_USCC}.yaml", practice_backbone(repo))
    assert main(["intake", str(received), "--actor", "suzhou-sample"]) == 1
    err = capsys.readouterr().err
    assert f"未放入：{received}" in err and f"INTAKE-UNPLACED {link} 是链接" in err
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in outside.rglob("*")) == ["victim.txt"]
