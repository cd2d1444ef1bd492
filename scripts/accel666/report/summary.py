"""A pull request's summary in Markdown: each changed application and record, for reviewers.

CI writes it to the job summary and posts it as the pull request's comment, which GitHub
e-mails to everyone watching the repository. So it shows only values the schemas mark
`x-public` (names, titles, the region); a problem in a private field (a phone, revenue,
an address, a review) is given by its code, the rule's title, the field's title and its
position, and the full message stays in the annotation on the file's line. What an
applicant typed is escaped, so a name cannot add links, images, HTML or @-mentions to the
comment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TextIO

from accel666.check import Checked
from accel666.findings import Finding, Result, Severity
from accel666.git import Change, ChangeSet
from accel666.load import load_document
from accel666.repository import Location, Repository, locate
from accel666.rules.backbone import eligibility_of
from accel666.rules.base import Application
from accel666.rules.codes import BY_CODE
from accel666.rules.identity import OVERRIDE
from accel666.schema import all_schemas, field_title, is_public
from accel666.vocabulary import CATEGORY_TITLES, WORKFLOW_STEPS
from accel666.workflow import Case, Snapshot, history

# Every character Markdown gives a meaning to, backslash-escaped: no emphasis, code, link,
# image, heading, list, table or math ($) can start inside a value. `&` and `<` are written
# as entities first, so no entity of the value (&#64; is @) is ever decoded and no HTML
# or <autolink> is ever read.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$-])")
# GitHub links bare http://, https:// and www. text, notifies @name and links #123 whatever
# Markdown escapes surround them: a zero-width space (as Dependabot writes it) after the @
# and the # and before the scheme's colon or www's dot keeps the text readable and inert.
_MENTION_OR_LINK = re.compile(r"@|#(?=\d)|(?<=[a-zA-Z]):(?=//)|(?<=www)\.", re.IGNORECASE)
_ZWSP = "\u200b"
MAX_CHARS = 60000  # a GitHub comment holds 65,536 characters


def md(text: object) -> str:
    """Plain text for Markdown: special characters escaped, HTML, mentions and links neutralised, one line."""
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MENTION_OR_LINK.sub(lambda m: m.group(0) + _ZWSP if m.group(0) in "@#" else _ZWSP + m.group(0), value)
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def report(
    result: Result,
    changes: ChangeSet | None,
    repo: Repository,
    today: dt.date,
    stream: TextIO,
    read: Callable[[str], bytes] | None = None,
) -> None:
    """Write the summary. `read` gives a changed file's bytes by its repository path: the
    head's, when the head is checked from git objects (the default reads the work tree)."""
    reader = read or (lambda path: (repo.root / path).read_bytes())
    lines = [*_headline(result, changes, today), *_code_review(changes)]
    by_path: dict[str, list[Finding]] = {}
    for finding in result.sorted():
        by_path.setdefault(finding.path, []).append(finding)
    changed = list(changes.changes) if changes else [Change("modified", path) for path in by_path]
    snapshot = result.snapshot if isinstance(result, Checked) else None
    applications = [c for c in changed if c.location.kind == "application"]
    records = [c for c in changed if c.location.kind != "application"]
    if applications:
        lines += ["", "### 本次修改的申报"]
        for change in applications:
            lines += _application(change, repo, snapshot, today, by_path.pop(change.path, []), reader)
    if records:
        lines += ["", "### 本次修改的其他文件"]
        for change in records:
            lines += _other(change, by_path.pop(change.path, []), snapshot)
    rest = [f for findings in by_path.values() for f in findings]
    if rest:
        lines += ["", "### 仓库中其他文件的问题"] + [_problem(f, with_path=True) for f in rest]
    text = "\n".join(lines) + "\n"
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rsplit("\n", 1)[0] + "\n\n……（摘要过长，其余内容见检查日志）\n"
    stream.write(text)


def _headline(result: Result, changes: ChangeSet | None, today: dt.date) -> list[str]:
    verdict = "✅ 检查通过" if result.ok else "❌ 检查未通过"
    scope = f"，修改了 {len(changes.changes)} 个文件" if changes else ""
    counts = f"{len(result.errors)} 个错误，{len(result.warnings)} 个警告"
    return [f"## {verdict}", "", f"按 {today}（北京时间）检查{scope}：{counts}。"]


# Configuration that decides who may do what: a change to it is reviewed like code.
_ACCESS_CONFIG = ("regions", "reviewers")
_LISTED = 10


def _code_review(changes: ChangeSet | None) -> list[str]:
    """A notice, first thing, that the gate cannot judge a change to the tool or the access configuration."""
    if changes is None:
        return []
    paths = [*changes.outside, *(c.path for c in changes.changes if c.location.kind in _ACCESS_CONFIG)]
    if not paths:
        return []
    listed = "、".join(md(path) for path in paths[:_LISTED]) + ("等" if len(paths) > _LISTED else "")
    return [
        "",
        f"> ⚠️ **本合并请求修改了工具、模式、工作流、文档或账号与审核人配置**（共 {len(paths)} 个文件：{listed}）。"
        "准入检查用的是基准分支上的工具，不能判断这些修改本身是否正确、安全："
        "请省工信厅把它作为代码逐行审核，确认后再合并。",
    ]


def _application(
    change: Change,
    repo: Repository,
    snapshot: Snapshot | None,
    today: dt.date,
    findings: list[Finding],
    read: Callable[[str], bytes],
) -> list[str]:
    where = change.location
    category = CATEGORY_TITLES.get(where.category or "", where.category or "")
    region = repo.regions.get(where.region or "")
    if change.status == "deleted":
        return ["", f"#### 删除的申报 {md(change.path)}", *_problems(findings)]
    try:
        raw = read(change.path)
    except (OSError, KeyError):  # a dangling link, a folder: its YAML-UNREADABLE finding says so
        raw = b""
    doc = load_document(raw, change.path)
    data = doc.data if isinstance(doc.data, dict) else {}
    unit = data.get("enterprise" if where.category == "demo-enterprise" else "applicant") or {}
    name = unit.get("name") if isinstance(unit, dict) else None
    title = data.get("project_name") or name or where.stem
    lines = ["", f"#### {md(title)}", "", f"- 类别：{md(category)}"]
    lines.append(f"- 申报单位：{md(name or '（未填写）')}")
    lines.append(f"- 地区：{md(region.name if region else where.region)}")
    lines.append(f"- 文件：{md(change.path)}（{'新增' if change.status == 'added' else '修改'}）")
    case = _case(snapshot, where)
    if case is not None and snapshot is not None:
        state = snapshot.states[where.batch or ""]
        lines.append(f"- 状态：{history(case, state, today)[-1].status.label}")
    if doc.loaded and where.category == "backbone":
        lines.append(f"- 申报条件：{_eligibility(Application(doc, repo, where, 'backbone'))}")
    if _registration_noted(snapshot, where):
        lines.append(
            "- 登记地：统一社会信用代码的登记地属于另一个设区市，推荐单位已在推荐意见的登记地说明中写明理由"
            "（不再警告；理由不公开，见推荐意见文件）"
        )
    return lines + _problems(findings)


def _registration_noted(snapshot: Snapshot | None, where: Location) -> bool:
    """Whether the application's recommendation holds the bureau's registration note (rules.identity)."""
    return snapshot is not None and any(
        record.kind == "recommendation"
        and (record.location.batch, record.location.region, record.location.category, record.location.stem)
        == (where.batch, where.region, where.category, where.stem)
        and isinstance(record.data.get(OVERRIDE), str)
        for record in snapshot.records
    )


def _case(snapshot: Snapshot | None, where: Location) -> Case | None:
    if snapshot is None or where.batch not in snapshot.states:
        return None
    return snapshot.states[where.batch].cases.get((where.category or "", where.stem or ""))


def _eligibility(app: Application) -> str:
    result = eligibility_of(app)
    if result is None:
        return "经济指标未正确填写，无法计算"
    # Verdicts only: the figures (revenue, research spending, listing) are private.
    verdict = "满足" if result.eligible else "不满足"
    parts = [f"研发经费占比{'满足' if result.rd_ok else '不满足'}要求"]
    parts += [f"条件（{route.number}）{'满足' if route.passed else '不满足'}" for route in result.routes]
    return f"**{verdict}**（{md('；'.join(parts))}）"


def _other(change: Change, findings: list[Finding], snapshot: Snapshot | None = None) -> list[str]:
    where = locate(change.path)
    kind = WORKFLOW_STEPS.get(where.kind, "文件")
    about = (
        f"，关于 {md(CATEGORY_TITLES.get(where.category or '', ''))} {md(where.stem)}"
        if where.stem and where.is_record
        else ""
    )
    action = {"added": "新增", "modified": "修改", "deleted": "删除"}[change.status]
    if change.status != "deleted" and where.kind == "recommendation" and _registration_noted(snapshot, where):
        about += "，含登记地说明（统一社会信用代码登记地不在本地区的理由，不公开），该申报不再有 `USCC-CITY` 警告"
    return ["", f"- {action}{kind} {md(change.path)}{about}", *("  " + line for line in _problems(findings))]


def _problems(findings: list[Finding]) -> list[str]:
    if not findings:
        return ["- 问题：无"]
    return ["- 问题："] + ["  " + _problem(f) for f in findings]


def _problem(finding: Finding, *, with_path: bool = False) -> str:
    level = "错误" if finding.severity is Severity.ERROR else "警告"
    where = f"{md(finding.path)} " if with_path else ""
    return f"- {where}第 {finding.line} 行第 {finding.column} 列 {level} `{finding.code}`：{_said(finding)}"


# Rule sources whose messages quote what a file holds (the loader's and the schema's
# "现为 …", the figures of the eligibility rules, a date of founding, a code).
_QUOTING_SOURCES = frozenset({"load", "schema", "backbone", "content", "identity", "dates"})


def _said(finding: Finding) -> str:
    """The message where it can only hold public values, else the rule's and the field's titles."""
    schema = _schema_of(finding.path)
    parts: list[object] = [int(p) if p.isdigit() else p for p in _pointer_parts(finding.pointer)]
    rule = BY_CODE.get(finding.code)
    if (schema is not None and is_public(schema, parts)) or (
        not parts and rule is not None and rule.source not in _QUOTING_SOURCES
    ):
        return md(finding.message)
    title = rule.title if rule is not None else "问题"
    place = f"「{field_title(schema, parts)}」" if schema is not None and parts else ""
    return f"{md(place + title)}（该字段不公开，摘要不显示其值；完整说明见文件改动页该行的标注）"


def _schema_of(path: str) -> str | None:
    where = locate(path)
    name = where.category if where.kind == "application" else where.kind
    return name if name in all_schemas() else None


def _pointer_parts(pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]
