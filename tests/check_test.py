"""check_repository: the per-file cache, parallel checking and rules that fail."""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from stdnum.cn import uscc

from accel666 import check as check_module
from accel666.cache import Cache, cache_file
from accel666.check import check_repository, repository_key
from accel666.findings import Finding, Result
from accel666.repository import open_repository
from accel666.rules.base import Application
from builders import SAMPLES, SampleRepo, position_of

SERVICE = SAMPLES["service-center"]
BACKBONE = SAMPLES["backbone"]
# Files the cache keeps an entry for in the shipped sample batch: 9 applications and 28
# workflow records (9 recommendations, 16 expert reviews, the decision, 公示 and publication).
APPLICATIONS = 9 + 28


class CountingCheck:
    """Wraps accel666.check.check_bytes and records which files it really checked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.original = check_module.check_bytes
        self.paths: list[str] = []
        monkeypatch.setattr(check_module, "check_bytes", self)

    def __call__(self, repo: object, relpath: str, raw: bytes) -> check_module.Outcome:
        self.paths.append(relpath)
        return self.original(repo, relpath, raw)  # type: ignore[arg-type]

    def take(self) -> list[str]:
        paths, self.paths = self.paths, []
        return sorted(paths)


def cached_run(repo: SampleRepo) -> Result:
    return check_repository(open_repository(repo.root), use_cache=True, processes=1)


def stored_cache(repo: SampleRepo) -> Cache:
    """The cache as the next run would load it (whatever its file format)."""
    opened = open_repository(repo.root)
    return Cache(repo.root, repository_key(opened)).load()


def cache_entries(repo: SampleRepo) -> dict[str, dict[str, object]]:
    cache = stored_cache(repo)
    assert cache.path.is_file()
    return cache.entries


def bump_mtime(path: Path) -> None:
    stat = path.stat()
    later = stat.st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))


# -- the cache ------------------------------------------------------------------------


def test_a_second_run_reuses_every_cached_entry(sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = CountingCheck(monkeypatch)
    first = cached_run(sample_repo)
    assert len(counter.take()) == APPLICATIONS
    second = cached_run(sample_repo)
    assert counter.take() == []
    assert second.sorted() == first.sorted()
    assert second.files_checked == first.files_checked


def test_cached_findings_are_the_same_as_fresh_ones(sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    text = sample_repo.replace(SERVICE, '"13800000002"', '"1380000000"')
    sample_repo.replace(BACKBONE, 'postcode: "210009"', 'postcode: "100009"')
    fresh = sample_repo.check()
    assert {f.code for f in fresh.findings} == {"PHONE-MOBILE", "POSTCODE-REGION"}
    cached_run(sample_repo)
    counter = CountingCheck(monkeypatch)
    again = cached_run(sample_repo)
    assert counter.take() == []
    assert again.sorted() == fresh.sorted()
    mobile = next(f for f in again.findings if f.code == "PHONE-MOBILE")
    assert (mobile.line, mobile.column) == position_of(text, '"1380000000"')
    assert mobile.pointer == "/contact/mobile"


def test_editing_one_file_rechecks_only_that_file(sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = CountingCheck(monkeypatch)
    cached_run(sample_repo)
    counter.take()
    sample_repo.replace(SERVICE, '"13800000002"', '"1380000000"')
    result = cached_run(sample_repo)
    assert counter.take() == [SERVICE]
    assert [(f.path, f.code) for f in result.findings] == [(SERVICE, "PHONE-MOBILE")]
    # And the fix is seen as well.
    sample_repo.replace(SERVICE, '"1380000000"', '"13800000002"')
    assert cached_run(sample_repo).findings == []
    assert counter.take() == [SERVICE]


def test_an_edit_that_keeps_the_size_is_still_rechecked(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = CountingCheck(monkeypatch)
    cached_run(sample_repo)
    counter.take()
    sample_repo.replace(SERVICE, '"13800000002"', '"12800000002"')
    bump_mtime(sample_repo.path(SERVICE))  # a later edit, whatever the clock's resolution
    result = cached_run(sample_repo)
    assert counter.take() == [SERVICE]
    assert [f.code for f in result.findings] == ["PHONE-MOBILE"]


def test_touching_a_file_without_changing_it_does_not_recheck_it(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = CountingCheck(monkeypatch)
    cached_run(sample_repo)
    counter.take()
    bump_mtime(sample_repo.path(SERVICE))
    assert cached_run(sample_repo).findings == []
    assert counter.take() == []
    # The new mtime is recorded, so the next run matches on the stat alone.
    assert cache_entries(sample_repo)[SERVICE]["mtime"] == sample_repo.path(SERVICE).stat().st_mtime_ns
    cached_run(sample_repo)
    assert counter.take() == []


def test_changing_the_batch_configuration_invalidates_everything(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = CountingCheck(monkeypatch)
    cached_run(sample_repo)
    counter.take()
    batch = "submissions/2020-1/batch.yaml"
    sample_repo.write(batch, sample_repo.read(batch) + "# 一行注释也会改变配置的指纹\n")
    cached_run(sample_repo)
    assert len(counter.take()) == APPLICATIONS


def test_a_change_of_the_batch_dates_reaches_cached_files(sample_repo: SampleRepo) -> None:
    cached_run(sample_repo)
    batch = "submissions/2020-1/batch.yaml"
    text = sample_repo.read(batch)
    assert "2020-08-30" in text
    sample_repo.write(batch, text.replace("2020-08-30", "2020-08-10"))
    # Some application dated after the new deadline now fails; a stale cache would hide it.
    assert cached_run(sample_repo).sorted() == sample_repo.check().sorted()
    assert cached_run(sample_repo).findings != []


def test_a_changed_schema_fingerprint_invalidates_everything(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = CountingCheck(monkeypatch)
    cached_run(sample_repo)
    counter.take()
    shipped = check_module.schema_bytes()
    edited = {**shipped, "common": shipped["common"] + b"\n"}
    monkeypatch.setattr(check_module, "schema_bytes", lambda: edited)
    cached_run(sample_repo)
    assert len(counter.take()) == APPLICATIONS
    cached_run(sample_repo)
    assert counter.take() == []


def test_a_change_of_the_tools_own_code_invalidates_everything(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = CountingCheck(monkeypatch)
    cached_run(sample_repo)
    counter.take()
    sources = check_module.cache_module.package_sources()
    monkeypatch.setattr(check_module.cache_module, "package_sources", lambda: [*sources, b"# edited rule\n"])
    cached_run(sample_repo)
    assert len(counter.take()) == APPLICATIONS


def test_a_deleted_file_disappears_from_the_cache(sample_repo: SampleRepo) -> None:
    cached_run(sample_repo)
    assert SERVICE in cache_entries(sample_repo)
    sample_repo.path(SERVICE).unlink()
    result = cached_run(sample_repo)
    entries = cache_entries(sample_repo)
    assert SERVICE not in entries
    assert len(entries) == APPLICATIONS - 1
    assert all(f.path != SERVICE for f in result.findings)


def test_the_cache_lives_in_the_users_cache_folder_never_in_the_repository(sample_repo: SampleRepo) -> None:
    cached_run(sample_repo)
    path = stored_cache(sample_repo).path
    assert path == cache_file(sample_repo.root)
    assert path.is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))
    assert not path.is_relative_to(sample_repo.root)
    assert len(cache_entries(sample_repo)) == APPLICATIONS


def test_no_cache_means_no_cache_file(sample_repo: SampleRepo) -> None:
    sample_repo.check()
    assert not cache_file(sample_repo.root).exists()


def break_in_place(sample_repo: SampleRepo) -> None:
    """A wrong mobile number of the same length, the file's mtime put back: unchanged by its stat."""
    path = sample_repo.path(SERVICE)
    before = path.stat()
    sample_repo.replace(SERVICE, '"13800000002"', '"12800000002"')
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_in_ci_no_cache_is_read_or_written(sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    cached_run(sample_repo)
    break_in_place(sample_repo)
    assert [f for f in cached_run(sample_repo).findings if f.path == SERVICE] == []  # the stale cache answers
    monkeypatch.setenv("CI", "true")
    assert any(f.path == SERVICE for f in cached_run(sample_repo).findings)
    assert marshal.loads(stored_cache(sample_repo).entries[SERVICE]["findings"]) == []  # and CI did not rewrite it


def test_a_cache_file_committed_inside_the_repository_is_never_read(sample_repo: SampleRepo) -> None:
    """A real, stale cache (as the earlier in-tree location held it) beside a changed file: never consulted."""
    cached_run(sample_repo)
    planted = sample_repo.root / ".accel666-cache" / "validate.marshal"
    planted.parent.mkdir()
    cache_file(sample_repo.root).replace(planted)
    break_in_place(sample_repo)  # unchanged by its stat: only a cache that is read would hide it
    assert any(f.path == SERVICE for f in cached_run(sample_repo).findings)


def test_a_corrupt_cache_file_is_ignored(sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    cached_run(sample_repo)
    stored_cache(sample_repo).path.write_bytes(b"{not a cache")
    counter = CountingCheck(monkeypatch)
    assert cached_run(sample_repo).findings == []
    assert len(counter.take()) == APPLICATIONS


# -- parallel checking ----------------------------------------------------------------


def make_code(region: str, serial: int) -> str:
    body = f"91{region}MA{serial:07d}"
    return body + uscc.calc_check_digit(body)


def generate(repo: SampleRepo, count: int) -> None:
    """`count` more applications: copies of the samples under new valid codes, some broken."""
    samples = sorted(SAMPLES.values())
    for index in range(count):
        sample = samples[index % len(samples)]
        folder, stem = sample.rsplit("/", 1)
        region = folder.split("/")[2]
        code = make_code(region, index)
        text = repo.read(sample).replace(stem.removesuffix(".yaml"), code)
        if index % 9 == 0:
            text = text.replace('mobile: "138', 'mobile: "38', 1)
        if index % 13 == 0:
            text = text.replace("postcode: ", "postcode: x", 1)
        repo.write(f"{folder}/{code}.yaml", text)
    # Two duplicates, so the repository-wide rule has work too.
    repo.write(BACKBONE.replace("/320100/", "/320200/"), repo.read(BACKBONE))


def test_parallel_checking_gives_exactly_the_same_findings_as_sequential(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    generate(sample_repo, 260)
    repo = open_repository(sample_repo.root)
    sequential = check_repository(repo, use_cache=False, processes=1)

    # Record which process checked each file, to be sure the work really was split.
    log = tmp_path / "workers.log"
    original = check_module.check_bytes

    def logging_check(repo: object, relpath: str, raw: bytes) -> check_module.Outcome:
        with log.open("a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")
        return original(repo, relpath, raw)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "check_bytes", logging_check)
    parallel = check_repository(repo, use_cache=False, processes=2)

    assert parallel.sorted() == sequential.sorted()
    # 3 configuration files and the practice batch's batch.yaml
    assert parallel.files_checked == sequential.files_checked == 260 + 1 + APPLICATIONS + 4
    codes = {f.code for f in sequential.findings}
    assert {"PHONE-MOBILE", "POSTCODE-FORMAT", "DUPLICATE-APPLICANT"} <= codes
    workers = set(log.read_text(encoding="utf-8").split())
    assert len(log.read_text(encoding="utf-8").split()) == 260 + 1 + APPLICATIONS
    # Every file was checked in a worker process, none in this one.
    assert workers
    assert str(os.getpid()) not in workers


def test_parallel_checking_fills_the_cache_like_sequential(sample_repo: SampleRepo) -> None:
    generate(sample_repo, 250)
    repo = open_repository(sample_repo.root)
    parallel = check_repository(repo, use_cache=True, processes=2)
    entries = cache_entries(sample_repo)
    assert len(entries) == 250 + 1 + APPLICATIONS
    again = check_repository(repo, use_cache=True, processes=2)
    assert again.sorted() == parallel.sorted() == check_repository(repo, use_cache=False, processes=1).sorted()


# -- a rule that fails ------------------------------------------------------------------


def failing_for(path: str, rule: Callable[[Application], Iterable[Finding]]) -> Callable[[Application], list[Finding]]:
    def check_postcode(app: Application) -> list[Finding]:
        if app.doc.path == path:
            raise KeyError("boom")
        return list(rule(app))

    return check_postcode


def test_a_rule_that_raises_gives_an_internal_error_and_the_other_findings_still_come(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Findings from the schema (mobile) and from other rules (recommender) in the same file.
    sample_repo.replace(SERVICE, '"13800000002"', '"1380000000"')
    sample_repo.replace(SERVICE, "recommender: 苏州市工业和信息化局", "recommender: 无锡市工业和信息化局")
    sample_repo.replace(BACKBONE, 'postcode: "210009"', 'postcode: "100009"')
    checks = list(check_module.CHECKS)
    index = next(i for i, check in enumerate(checks) if check.__name__ == "check_postcode")
    checks[index] = failing_for(SERVICE, checks[index])
    monkeypatch.setattr(check_module, "CHECKS", tuple(checks))

    result = sample_repo.check()
    by_path = {(f.path, f.code) for f in result.findings}
    assert (SERVICE, "INTERNAL-ERROR") in by_path
    assert (SERVICE, "PHONE-MOBILE") in by_path
    assert (SERVICE, "RECOMMENDER-REGION") in by_path
    # The same rule still works for the other files.
    assert (BACKBONE, "POSTCODE-REGION") in by_path
    assert [f.path for f in result.findings if f.code == "INTERNAL-ERROR"] == [SERVICE]
    internal = next(f for f in result.findings if f.code == "INTERNAL-ERROR")
    assert "check_postcode" in internal.message
    assert "boom" in internal.message
    assert not result.ok


def test_a_file_with_hundreds_of_problems_lists_the_first_ones_and_says_how_many(sample_repo: SampleRepo) -> None:
    text = "category: backbone\n" + "".join(f"unknown_{n}: x\n" for n in range(500))
    sample_repo.write(SERVICE, text)
    findings = sample_repo.findings(SERVICE)
    assert len(findings) == check_module.MAX_FINDINGS + 1
    capped = [f for f in findings if f.code == "TOO-MANY-FINDINGS"]
    assert len(capped) == 1 and "只列出前 200 个" in capped[0].message


def test_a_file_that_vanishes_between_listing_and_reading_is_a_finding_never_cached(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = check_module._read_capped

    def vanished(path: Path) -> bytes:
        if path.name == Path(SERVICE).name:
            raise FileNotFoundError(2, "No such file or directory")
        return real(path)

    monkeypatch.setattr(check_module, "_read_capped", vanished)
    assert [f.code for f in cached_run(sample_repo).findings if f.path == SERVICE] == ["YAML-UNREADABLE"]
    assert SERVICE not in cache_entries(sample_repo)
