"""load -> schema -> rules -> Result, for one file or the whole repository. Never prints.

The whole repository is always taken into account (a duplicate applicant may sit in
any region's folder); only the findings of the requested paths are reported. Unchanged
files come from the cache; the others are checked on all cores.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

from accel666 import cache as cache_module
from accel666.clock import today_in_beijing
from accel666.facts import Facts
from accel666.findings import MAX_FINDINGS, Finding, Result
from accel666.load import MAX_BYTES, Document, load_document, pointer_of
from accel666.repository import Location, Repository, is_config, locate
from accel666.rules.base import Application, unit_key
from accel666.rules.codes import with_severity
from accel666.rules.registry import CHECKS, RECORD_CHECKS, REPOSITORY_CHECKS
from accel666.schema import schema_bytes, validate_document, validator
from accel666.vocabulary import FORMS, RECORDS
from accel666.workflow import Record, Snapshot

_PARALLEL_MINIMUM = 200


@dataclass(frozen=True)
class Outcome:
    findings: tuple[Finding, ...]
    facts: Facts | None
    record: Record | None = None  # a schema-valid record file, for the workflow rules

    def to_json(self) -> dict[str, Any]:
        # Findings as marshalled bytes and facts as a tuple: a cache of thousands of entries
        # loads several times faster, and a run decodes only the findings it reports.
        return {
            "findings": marshal.dumps([f.to_json() for f in self.findings]),
            "facts": astuple(self.facts) if self.facts else None,
            "record": self.record.to_json() if self.record else None,
        }


def _facts_of(entry: dict[str, Any]) -> Facts | None:
    return Facts(*entry["facts"]) if entry.get("facts") else None


def _record_of(relpath: str, entry: dict[str, Any]) -> Record | None:
    return Record.from_json(relpath, entry["record"]) if entry.get("record") else None


def _findings_of(entry: dict[str, Any]) -> list[Finding]:
    return [Finding.from_json(f) for f in marshal.loads(entry["findings"])]


_MISPLACED_RECORD = (
    "记录文件位置不对：推荐意见应放在 submissions/<批次>/<地区代码>/recommendations/<类别>/<统一社会信用代码>.yaml，"
    "专家评审意见应放在 submissions/<批次>/reviews/<类别>/<统一社会信用代码>/<专家账号>.yaml；请移到对应的文件夹。"
)


def check_bytes(repo: Repository, relpath: str, raw: bytes) -> Outcome:
    """Every finding of one application file, plus the facts repository-wide rules need."""
    location = locate(relpath)
    findings: list[Finding] = []
    if location.kind == "misplaced":
        message = (
            "文件位置不对：申报文件应放在 submissions/<批次>/<地区代码>/<类别>/<统一社会信用代码>.yaml，类别为 "
            + "、".join(FORMS)
            + "；推荐意见、专家评审意见、决定、公示和名单发布文件的位置见 README 的“审核流程”。"
        )
        findings.append(Finding(relpath, 1, 1, "LAYOUT", message))
    if location.kind == "misplaced-record":
        # Checked as nothing else: as an application form it would only earn misleading findings.
        findings.append(Finding(relpath, 1, 1, "LAYOUT", _MISPLACED_RECORD))
        return Outcome(tuple(with_severity(f) for f in [*findings, *load_document(raw, relpath).findings]), None)
    if not relpath.endswith(".yaml"):
        extension = relpath.rsplit(".", 1)[-1]
        message = f"申报文件的扩展名应为小写的 .yaml：请把 .{extension} 改为 .yaml。"
        findings.append(Finding(relpath, 1, 1, "FILE-EXTENSION", message))
    doc = load_document(raw, relpath)
    findings.extend(doc.findings)
    if location.is_record:
        return _check_record(repo, location, doc, findings)
    facts = None
    if doc.loaded:
        category = category_of(location, doc.data)
        if category is None:
            message = "无法确定申报类别：请在文件开头写明 category:（" + "、".join(FORMS) + " 之一）。"
            findings.append(Finding(relpath, 1, 1, "CATEGORY", message))
        else:
            app = Application(doc, repo, location, category)
            findings.extend(_one_per_place(validate_document(doc, category), _run_rules(app)))
            facts = _facts(app)
    return Outcome(tuple(with_severity(f) for f in _capped(relpath, findings)), facts)


def _capped(relpath: str, findings: list[Finding]) -> list[Finding]:
    """The first MAX_FINDINGS by position (each producer stopped collecting one past it), and a note."""
    if len(findings) <= MAX_FINDINGS:
        return findings
    kept = sorted(findings, key=lambda f: (f.line, f.column, f.code))[:MAX_FINDINGS]
    message = (
        f"此文件的问题超过 {MAX_FINDINGS} 个，只列出前 {MAX_FINDINGS} 个：请先确认这是申报表的 YAML 文件，"
        "再改正以上问题后重新检查。"
    )
    return [*kept, Finding(relpath, 1, 1, "TOO-MANY-FINDINGS", message)]


def _check_record(repo: Repository, location: Location, doc: Document, findings: list[Finding]) -> Outcome:
    """A workflow record: its schema, then the rules of one record; kept for the workflow rules if valid."""
    record = None
    if doc.loaded:
        findings.extend(validate_document(doc, location.kind))
        if not findings and isinstance(doc.data, dict):
            record = Record(doc.path, location, doc.data, dict(doc.positions))
            for check in RECORD_CHECKS:
                findings.extend(check(record, repo))
    return Outcome(tuple(with_severity(f) for f in findings), None, record)


def category_of(location: Location, data: object) -> str | None:
    """The form to check against: the one the file declares, else its folder's.

    A backbone form put in a demo-enterprise folder is then checked as the form it is,
    and CATEGORY-FOLDER says it is in the wrong place.
    """
    declared = data.get("category") if isinstance(data, dict) else None
    return declared if declared in FORMS else location.category


# Rule findings that name the cause better than the schema's finding at the same place:
# a template prompt left in a narrative is "not filled in", not "too short".
_ROOT_CAUSES = frozenset({"TEMPLATE-PLACEHOLDER", "TEXT-INVISIBLE", "TEXT-QUOTES"})


def _one_per_place(schema_findings: list[Finding], rule_findings: list[Finding]) -> list[Finding]:
    """At most one explanation per value: the schema's, unless a rule names the root cause."""
    causes = {f.pointer for f in rule_findings if f.code in _ROOT_CAUSES}
    kept = [f for f in schema_findings if f.pointer not in causes]
    refused = {f.pointer for f in kept}
    return kept + [f for f in rule_findings if not f.pointer or f.pointer not in refused]


def _run_rules(app: Application) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        try:
            findings.extend(check(app))
        except Exception as exc:
            message = f"内部错误：规则 {check.__module__}.{check.__name__} 处理此文件时出错（{exc!r}）：请把此文件报告给维护人员。"
            findings.append(Finding(app.doc.path, 1, 1, "INTERNAL-ERROR", message))
    return findings


def _facts(app: Application) -> Facts | None:
    unit = unit_key(app.category)
    code, name = app.get(str, unit, "uscc"), app.get(str, unit, "name")
    batch = app.location.batch or app.get(str, "batch")
    if not (code and batch):
        return None
    line, column = app.doc.position(pointer_of((unit, "uscc")))
    return Facts(app.doc.path, app.category, batch, code, name or "", line, column, app.location.region)


# -- the whole repository ---------------------------------------------------------

_WORKER_REPO: Repository | None = None


def unreadable(relpath: str, error: OSError) -> Outcome:
    """A file listed but not readable (a dangling link, a folder named *.yaml, removed meanwhile)."""
    message = f"无法读取此文件（{error.strerror or error}）：请确认它是普通文件而不是文件夹或失效的链接，或删除它。"
    return Outcome((with_severity(Finding(relpath, 1, 1, "YAML-UNREADABLE", message)),), None)


def _worker(job: tuple[str, str | None]) -> tuple[str, os.stat_result | None, str, dict[str, Any] | None]:
    relpath, known_hash = job
    assert _WORKER_REPO is not None
    path = _WORKER_REPO.root / relpath
    try:
        stat = path.stat()
        raw = _read_capped(path)
    except OSError as error:
        return relpath, None, "", unreadable(relpath, error).to_json()
    digest = cache_module.content_hash(raw)
    if digest == known_hash:
        return relpath, stat, digest, None
    return relpath, stat, digest, check_bytes(_WORKER_REPO, relpath, raw).to_json()


def _read_capped(path: Path) -> bytes:
    """At most one byte over the loader's limit: enough for it to refuse the file, never all of a huge one."""
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def _run_jobs(repo: Repository, jobs: list[tuple[str, str | None]], processes: int) -> Iterable[tuple[Any, ...]]:
    global _WORKER_REPO  # noqa: PLW0603 - handed to forked workers, never mutated there
    _WORKER_REPO = repo
    if processes <= 1 or len(jobs) < _PARALLEL_MINIMUM:
        return [_worker(job) for job in jobs]
    import multiprocessing  # noqa: PLC0415 - imported here: a warm or one-file run never forks

    if "fork" not in multiprocessing.get_all_start_methods():
        return [_worker(job) for job in jobs]
    for name in (*FORMS, *RECORDS):
        validator(name)  # build once before forking so every worker shares them
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        return pool.map(_worker, jobs, chunksize=max(16, len(jobs) // (processes * 8)))


@dataclass
class Checked(Result):
    """A whole repository's Result, with the workflow as its repository-wide rules saw it.

    Commands that go on to report statuses (status, the site, the PR summary) read the
    application's stage from `snapshot` instead of deriving it a second time.
    """

    snapshot: Snapshot = field(kw_only=True)


def repository_key(repo: Repository) -> str:
    parts = cache_module.package_sources() + list(schema_bytes().values())
    parts += [(repo.root / relpath).read_bytes() for relpath in sorted(repo.config_files)]
    return cache_module.fingerprint(parts)


def check_repository(
    repo: Repository,
    paths: list[str] | None = None,
    *,
    use_cache: bool = True,
    processes: int | None = None,
    today: dt.date | None = None,
) -> Checked:
    """Check every file of the repository; report the findings of `paths` (all when None).

    `today` (a Beijing date; default the current one) is what the workflow rules compare
    record dates with.
    """
    use_cache = use_cache and cache_module.enabled()
    found, strays = repo.scan()
    files = [f for f in found if not is_config(f)]
    # The key hashes the tool's code, schemas and configuration: only worth it when the cache is used.
    cache = cache_module.Cache(repo.root, repository_key(repo) if use_cache else "")
    if use_cache:
        cache.load()
    # Entries stay plain dicts: only the reported files' findings become objects.
    entries: dict[str, dict[str, Any]] = {}
    jobs: list[tuple[str, str | None]] = []
    base = str(repo.root)
    for relpath in files:
        try:
            entry = cache.by_stat(relpath, os.stat(f"{base}/{relpath}")) if use_cache else None
        except OSError:
            entry = None  # the worker reports it
        if entry is not None:
            entries[relpath] = entry
        else:
            jobs.append((relpath, cache.hash_of(relpath)))
    for relpath, stat, digest, outcome in _run_jobs(repo, jobs, processes or os.cpu_count() or 1):
        if stat is None:  # unreadable: reported, never cached
            entries[relpath] = outcome or {}
            continue
        cache.store(relpath, stat, digest, outcome)
        entries[relpath] = cache.entries[relpath]
    if use_cache:
        cache.forget_missing(set(files))
        cache.save()
    return _result(repo, entries, paths, today or today_in_beijing(), strays)


def snapshot(repo: Repository, entries: dict[str, dict[str, Any]], today: dt.date) -> Snapshot:
    facts = [facts for entry in entries.values() if (facts := _facts_of(entry)) is not None]
    records = [record for path, entry in entries.items() if (record := _record_of(path, entry)) is not None]
    return Snapshot(repo, facts, records, today)


def _result(
    repo: Repository, entries: dict[str, dict[str, Any]], paths: list[str] | None, today: dt.date, strays: list[Finding]
) -> Checked:
    wanted = set(paths) if paths is not None else None
    state = snapshot(repo, entries, today)
    files_checked = len(entries) + len(repo.config_files) if wanted is None else len(wanted)
    result = Checked(files_checked=files_checked, snapshot=state)
    everything = [f for path, entry in entries.items() if wanted is None or path in wanted for f in _findings_of(entry)]
    everything += repo.config_findings
    everything += [with_severity(f) for f in strays]
    for check in REPOSITORY_CHECKS:
        everything.extend(with_severity(f) for f in check(state))
    result.findings = [f for f in everything if wanted is None or f.path in wanted]
    return result


def check_outside(repo: Repository, relpath: str, raw: bytes) -> Result:
    """A file outside submissions/ (a draft): its own findings only."""
    outcome = check_bytes(repo, relpath, raw)
    return Result(list(outcome.findings), files_checked=1)
