"""What a path in the repository means (locate) and where a file of each kind goes (path_of)."""

from __future__ import annotations

import pytest

from accel666.repository import Location, locate, path_of

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
