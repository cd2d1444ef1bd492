"""Received application files -> their places `submissions/<batch>/<region>/<category>/<USCC>.yaml`.

A received file is the applicant's: its text is kept as written, only made what the
repository stores (UTF-8 without a byte order mark, LF line ends), so that the line and
column of every finding are those the applicant's editor shows. A file saved as GBK by
a Windows editor is read as such (repair.encoding.decode, the same reading as an imported
CSV) and said to be converted.

The place comes from the content: `category` (the form), the applicant's code, `region`
and `batch`; the bureau's options win for the region and the batch, and without either
the batch is the one batch open for applications today. Each file is then checked as
the pull request holding all of them would be (changes.check_against_head: the
validator repository-wide, deadlines and locks against HEAD, the actor's role), and
only the files without errors are written; an application its bureau has recommended
(locked) is never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accel666.changes import check_against_head
from accel666.findings import Finding, Severity
from accel666.load import load_document
from accel666.repair import encoding
from accel666.repository import SUBMISSIONS, Location, Repository, path_of
from accel666.rules.base import unit_key
from accel666.rules.identity import is_valid_uscc
from accel666.vocabulary import FORMS

OUTCOMES = {"created": "新增", "updated": "替换", "unchanged": "未改变", "refused": "未放入"}


@dataclass
class Received:
    """One received file: where it goes, what was converted, what is wrong, and what was done."""

    source: Path
    relpath: str | None = None  # its place in the repository; None when it cannot be placed
    raw: bytes = b""  # the text as the repository stores it
    notes: list[str] = field(default_factory=list)  # conversions made (encoding, line ends)
    problems: list[Finding] = field(default_factory=list)
    outcome: str = "refused"

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.problems if f.severity is Severity.ERROR]


@dataclass(frozen=True)
class Options:
    """What the bureau's command line says: the batch, its region, its account, the day."""

    today: dt.date
    batch: str | None = None
    region: str | None = None
    actor: str | None = None


def intake(repo: Repository, paths: list[Path], options: Options) -> tuple[list[Received], list[Finding]]:
    """Place, check and write the files at `paths`; also the change's errors in other files under submissions/."""
    received = [_place(repo, path, options) for path in paths]
    _refuse_twins(received)
    for item in received:
        if item.relpath is not None and not item.problems:
            item.outcome = _outcome(repo, item)
    pending = {item.relpath: item.raw for item in received if item.relpath and item.outcome in ("created", "updated")}
    others: list[Finding] = []
    if pending:
        result = check_against_head(repo, pending, today=options.today, actor=options.actor)
        for finding in result.findings:
            owner = next((item for item in received if item.relpath == finding.path), None)
            if owner is not None:
                owner.problems.append(finding)
            elif finding.severity is Severity.ERROR and finding.path.startswith(f"{SUBMISSIONS}/"):
                others.append(finding)  # what `git add submissions/` would also carry into the pull request
    for item in received:
        if item.errors:
            item.outcome = "refused"
        elif item.outcome in ("created", "updated"):
            _write(repo, item)
    return received, sorted(others)


def _place(repo: Repository, path: Path, options: Options) -> Received:
    item = Received(path)
    try:
        content = path.read_bytes()
    except OSError as exc:
        return _refused(item, f"无法读取文件（{exc.strerror or exc}）：请确认文件名和路径。")
    decoded = encoding.decode(content)
    if decoded is None:
        return _refused(item, "这不是文本文件：请收取从网站申报表下载的 .yaml 文件，或用 accel666 new 生成的文件。")
    item.notes.extend(_conversions(content, decoded.encoding))
    item.raw = decoded.text.replace("\r\n", "\n").encode("utf-8")
    doc = load_document(item.raw, str(path))
    if not doc.loaded or not isinstance(doc.data, dict):
        item.problems.extend(doc.findings)
        return item if item.problems else _refused(item, "文件中没有申报内容：请让申报单位重新下载申报文件。")
    return _located(repo, item, doc.data, options)


# How a bureau names what Windows saved: GBK, as Notepad and Excel call it.
_SAVED_AS = {"utf-16": "UTF-16", "gb18030": "GBK"}


def _conversions(content: bytes, saved_as: str) -> list[str]:
    """What was changed to store the text: its encoding (as read by `encoding.decode`), a byte order mark, Windows line ends."""
    notes = []
    if saved_as in _SAVED_AS:
        notes.append(f"已从 {_SAVED_AS[saved_as]} 编码转为 UTF-8")
    if content.startswith(b"\xef\xbb\xbf"):
        notes.append("已去掉文件开头的 BOM")
    if b"\r\n" in content:
        notes.append("已把 Windows 换行（CRLF）改为 LF")
    return notes


def _located(repo: Repository, item: Received, data: dict[str, Any], options: Options) -> Received:
    category = data.get("category")
    if category not in FORMS:
        choices = "、".join(FORMS)
        return _refused(item, f"无法判断申报类别：文件中的 category 应为 {choices} 之一（网站下载的申报文件已填好）。")
    unit = data.get(unit_key(category))
    uscc = unit.get("uscc") if isinstance(unit, dict) else None
    uscc = uscc if isinstance(uscc, str) and is_valid_uscc(uscc) else item.source.stem
    if not is_valid_uscc(uscc):
        return _refused(item, "文件中没有正确的统一社会信用代码，文件名也不是：请让申报单位核对后重新下载。")
    region = options.region or data.get("region")
    region = str(region) if isinstance(region, int) else region  # unquoted: placed, and YAML-UNQUOTED says so
    if not isinstance(region, str) or region not in repo.regions:
        return _refused(item, f"文件中的地区代码 “{region or ''}” 不是推荐地区：请用 --region 指定本地区代码。")
    batch = _batch(repo, data, options)
    if batch is None:
        names = "、".join(repo.batches) or "（无）"
        message = (
            f"无法确定批次：文件中没有批次，今天也没有唯一一个正在受理申报的批次，请用 --batch 指定（可选 {names}）。"
        )
        return _refused(item, message)
    relpath = path_of(Location("application", batch, region, category, uscc))
    if linked := _link_on_the_way(repo.root, relpath):
        return _refused(item, f"{linked} 是链接（快捷方式），不是普通文件夹或文件：请先删除它，不会通过链接写入。")
    item.relpath = relpath
    return item


def _link_on_the_way(root: Path, relpath: str) -> str | None:
    """The first folder or file from `root` to `relpath` that is a symbolic link: writing there
    would land wherever it points, outside the checks (the gate refuses links, a local tree may not)."""
    parts = Path(relpath).parts
    for depth in range(1, len(parts) + 1):
        if (root.joinpath(*parts[:depth])).is_symlink():
            return "/".join(parts[:depth])
    return None


def _batch(repo: Repository, data: dict[str, Any], options: Options) -> str | None:
    """The bureau's --batch, else the file's own, else the one regular batch open for applications today."""
    if options.batch:
        return options.batch
    if data.get("batch") in repo.batches:
        return str(data["batch"])
    open_now = [
        batch.id
        for batch in repo.batches.values()
        if not batch.practice and batch.opens <= options.today <= batch.application_deadline
    ]
    return open_now[0] if len(open_now) == 1 else None


def _refused(item: Received, message: str) -> Received:
    item.problems.append(Finding(str(item.source), 1, 1, "INTAKE-UNPLACED", message, severity=Severity.ERROR))
    return item


def _refuse_twins(received: list[Received]) -> None:
    """Two received files for one place: neither is written, the bureau must choose."""
    counts = Counter(item.relpath for item in received if item.relpath)
    for item in received:
        if item.relpath and counts[item.relpath] > 1:
            others = "、".join(str(o.source) for o in received if o.relpath == item.relpath and o is not item)
            _refused(
                item, f"与 {others} 是同一份申报（同一批次、地区、类别和统一社会信用代码）：请只收取其中最新的一份。"
            )


def _outcome(repo: Repository, item: Received) -> str:
    target = repo.root / (item.relpath or "")
    if not target.is_file():
        return "created"
    return "unchanged" if target.read_bytes() == item.raw else "updated"


def _write(repo: Repository, item: Received) -> None:
    target = repo.root / (item.relpath or "")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(item.raw)
