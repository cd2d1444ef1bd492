"""The pull request's check as a plain function: the repository's findings plus the change's."""

from __future__ import annotations

import datetime as dt

from accel666.changes import check_pull_request
from accel666.git import changes_since
from accel666.repository import open_repository
from builders import SAMPLES, SampleRepo, git_repo


def test_a_pull_request_adding_an_application_after_the_deadline_is_told_it_is_late(sample_repo: SampleRepo) -> None:
    root = git_repo(sample_repo)
    target = SAMPLES["demo"].replace("91320312MA1X2T9F6G", "91320312MA1X2T9F7K")
    text = sample_repo.read(SAMPLES["demo"]).replace("91320312MA1X2T9F6G", "91320312MA1X2T9F7K")
    sample_repo.write(target, text.replace("徐州示例重工机械", "徐州示例新重工机械"))
    repo, changes = open_repository(root), changes_since(root, "main")
    on_time = check_pull_request(repo, changes, dt.date(2020, 8, 30), use_cache=False)
    late = check_pull_request(repo, changes, dt.date(2020, 8, 31), use_cache=False)
    assert [f.code for f in on_time.findings if f.path == target] == []
    assert [f.code for f in late.findings if f.path == target] == ["LATE-APPLICATION"]


def test_without_a_change_only_the_repository_is_judged(sample_repo: SampleRepo) -> None:
    result = check_pull_request(open_repository(git_repo(sample_repo)), None, dt.date(2020, 11, 1), use_cache=False)
    assert result.findings == []
    assert result.snapshot.states["2020-1"].cases  # the workflow the rules saw, for the summary
