"""The shipped sample batch: valid, labelled as fictional, and covering every form."""

from __future__ import annotations

from pathlib import Path

from accel666.check import check_repository
from accel666.repository import locate, open_repository
from builders import ROOT, SampleRepo


def test_the_shipped_repository_passes_validation_with_no_warning() -> None:
    result = check_repository(open_repository(ROOT), use_cache=False, processes=1)
    assert result.findings == []
    assert result.files_checked >= 12


def test_the_sample_batch_covers_every_category_variant_and_several_regions() -> None:
    apps = [
        p
        for p in (ROOT / "submissions").rglob("*.yaml")
        if locate(p.relative_to(ROOT).as_posix()).kind == "application"
    ]
    categories = {locate(p.relative_to(ROOT).as_posix()).category for p in apps}
    regions = {locate(p.relative_to(ROOT).as_posix()).region for p in apps}
    variants = {
        line.split(":", 1)[1].strip()
        for p in apps
        for line in p.read_text().splitlines()
        if line.startswith("variant:")
    }
    types = {
        line.split(":", 1)[1].strip()
        for p in apps
        for line in p.read_text().splitlines()
        if line.startswith("project_type:")
    }
    assert categories == {"cloud-center", "backbone", "demo-enterprise"}
    assert variants == {"云服务中心", "云基地"}
    assert types == {"工业互联网标杆工厂", "五星级上云企业", "四星级上云企业", "三星级上云企业"}
    assert len(regions) >= 5


def test_every_sample_application_is_labelled_as_fictional() -> None:
    for path in (ROOT / "submissions" / "2020-1").rglob("*.yaml"):
        assert "示例数据" in path.read_text(encoding="utf-8"), path


def test_a_copy_of_the_samples_checks_clean(sample_repo: SampleRepo) -> None:
    assert sample_repo.check().findings == []


def test_the_sample_batch_is_marked_as_sample(sample_repo: SampleRepo) -> None:
    batch = open_repository(Path(sample_repo.root)).batches["2020-1"]
    assert batch.sample is True
    assert batch.indicator_years == (2017, 2018, 2019)
