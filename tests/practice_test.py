"""The practice batch: a newcomer walks the whole path and sees it pass, today and every day.

The sample batch closed in 2020, so a change to it can never pass `check --base main`;
the shipped practice batch (submissions/practice/) stays open. This walks the guide's
practice section in a real git repository, with the real command line.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from accel666.cli import main
from builders import SAMPLES, SampleRepo, git_repo, loaded_data

USCC = "91320594MA1LX0001F"  # made up, with a correct check character, registered in Suzhou
TARGET = f"submissions/practice/320500/backbone/{USCC}.yaml"


def filled(sample_repo: SampleRepo, template: str) -> str:
    """The template's values, as a clerk fills them: here the Nanjing sample's, for a Suzhou enterprise."""
    data = loaded_data(sample_repo.path(SAMPLES["backbone"]).read_bytes())
    given = yaml.safe_load(template)
    data.update({key: given[key] for key in ("batch", "region", "recommender")})
    data["applicant"]["uscc"] = USCC
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_the_whole_path_in_the_practice_batch_passes_the_gate_today(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git_repo(sample_repo, branch="练习")
    monkeypatch.chdir(root)
    # new: the template lands where it belongs, prefilled with the batch, the region and its bureau.
    assert main(["new", "backbone", "--batch", "practice", "--region", "320500", "--uscc", USCC]) == 0
    template = sample_repo.read(TARGET)
    assert yaml.safe_load(template)["recommender"] == "苏州市工业和信息化局"
    assert "注意" not in capsys.readouterr().err  # the practice batch is open: no deadline warning
    assert main(["validate", "--no-cache", TARGET]) == 1  # a fresh template still has everything to fill
    # fill, validate
    sample_repo.write(TARGET, filled(sample_repo, template))
    capsys.readouterr()
    assert main(["validate", "--no-cache", TARGET]) == 0, capsys.readouterr().out
    # commit on the branch, then the gate as CI runs it for the Suzhou bureau's account
    git(root, "add", TARGET)
    git(root, "commit", "-q", "-m", "练习：新增申报")
    capsys.readouterr()
    assert main(["check", "--base", "main", "--head", "练习", "--actor", "suzhou-sample", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "0 个错误" in out
    # status shows it, labelled as practice, for the bureau's region.
    assert main(["status", "--batch", "practice", "--region", "320500"]) == 0
    out = capsys.readouterr().out
    assert "批次 practice（练习批次，练习用，不计入正式申报）申报状态（苏州市，含昆山市）" in out
    assert "苏州市  骨干企业" in out


def test_the_same_file_in_the_closed_sample_batch_is_refused_as_late(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Why the practice batch exists: the sample batch's deadline passed in 2020."""
    root = git_repo(sample_repo)
    monkeypatch.chdir(root)
    late = TARGET.replace("practice", "2020-1")
    sample_repo.write(
        late, filled(sample_repo, 'batch: "2020-1"\nregion: "320500"\nrecommender: 苏州市工业和信息化局\n')
    )
    git(root, "add", late)
    git(root, "commit", "-q", "-m", "新增申报")
    capsys.readouterr()
    assert main(["check", "--base", "main", "--head", "change", "--actor", "suzhou-sample", "--no-cache"]) == 1
    assert "LATE-APPLICATION" in capsys.readouterr().out
