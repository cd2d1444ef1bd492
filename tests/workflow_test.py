"""Statuses derived from the records: counted by region and category, and found by file or code."""

from __future__ import annotations

import datetime as dt

from accel666.check import check_repository
from accel666.repository import open_repository
from accel666.workflow import Status, count_statuses, find_cases
from builders import ROOT, SAMPLES


def shipped_states() -> dict:
    return check_repository(open_repository(ROOT), use_cache=False, today=dt.date(2020, 11, 1)).snapshot.states


def test_the_shipped_batch_counts_seven_published_one_not_recommended_and_one_rejected() -> None:
    tables = count_statuses(shipped_states(), dt.date(2020, 11, 1))
    totals: dict[Status, int] = {}
    for row in tables["2020-1"].values():
        for status, count in row.items():
            totals[status] = totals.get(status, 0) + count
    assert {status: n for status, n in totals.items() if n} == {
        Status.PUBLISHED: 7,
        Status.NOT_RECOMMENDED: 1,
        Status.REJECTED: 1,
    }
    assert tables["2020-1"][("320100", "backbone")][Status.PUBLISHED] == 1


def test_before_any_record_every_application_counts_as_submitted() -> None:
    tables = count_statuses(shipped_states(), dt.date(2020, 8, 1))
    assert {status for row in tables["2020-1"].values() for status in row} == {Status.SUBMITTED}


def test_an_application_is_found_by_its_file_and_by_its_code_alike() -> None:
    states = shipped_states()
    by_path = find_cases(states, SAMPLES["backbone"], "")
    by_code = find_cases(states, None, "91320106MA1W7XYL3D")
    assert [case.facts.path for case, _ in by_path] == [SAMPLES["backbone"]]
    assert [case.facts.path for case, _ in by_code] == [SAMPLES["backbone"]]
    assert find_cases(states, None, "91320106MA1W7XYL3X") == []
