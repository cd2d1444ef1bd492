""".github/CODEOWNERS from submissions/reviewers.yaml: who must approve a change to which path.

With branch protection's "require review from code owners", a pull request under a
region's folder needs that bureau's approval, expert reviews need the experts', and
everything else (decisions, 公示, publication, configuration, code) the province's.
Matching follows GitHub: gitignore-style patterns, the last matching line wins.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pathspec.patterns.gitignore.basic import GitIgnoreBasicPattern

from accel666.findings import Finding
from accel666.repository import (
    BATCH_FILE,
    BATCH_RECORDS,
    REGIONS_FILE,
    REVIEWERS_FILE,
    REVIEWS,
    SUBMISSIONS,
    Repository,
)

CODEOWNERS = ".github/CODEOWNERS"
_SKIPPED = frozenset(
    {".git", ".venv", "node_modules", "site", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
)


@dataclass(frozen=True)
class OwnerLine:
    pattern: str
    owners: tuple[str, ...]
    comment: str

    def matches(self, relpath: str) -> bool:
        return GitIgnoreBasicPattern(self.pattern).match_file(relpath) is not None


def owner_lines(repo: Repository) -> list[OwnerLine]:
    """The CODEOWNERS lines for `repo`, most general first (the last match wins)."""
    reviewers = repo.reviewers
    province = tuple(reviewers.get("province", ()))
    experts = tuple(reviewers.get("experts", ())) or province
    lines = [OwnerLine("*", province, "默认：省工信厅（代码、文档和未单列的文件）")]
    by_region = reviewers.get("regions", {})
    for region in sorted(repo.regions.values(), key=lambda r: r.order):
        owners = tuple(by_region.get(region.code, ()))
        lines.append(
            OwnerLine(f"/{SUBMISSIONS}/*/{region.code}/", owners, f"{region.name}：申报和推荐意见由{region.bureau}审核")
        )
    lines.append(OwnerLine(f"/{SUBMISSIONS}/*/{REVIEWS}/", experts, "专家评审意见由评审专家审核"))
    for name in (BATCH_FILE, *BATCH_RECORDS):
        lines.append(OwnerLine(f"/{SUBMISSIONS}/*/{name}", province, "批次配置、决定、公示和名单发布由省工信厅审核"))
    for relpath in (REGIONS_FILE, REVIEWERS_FILE):
        lines.append(OwnerLine(f"/{relpath}", province, "地区和审核人配置由省工信厅审核"))
    return lines


def codeowners_text(repo: Repository) -> str:
    out = [
        "# 由 accel666 codeowners 根据 submissions/reviewers.yaml 生成，请勿手工修改；",
        "# 修改审核人请改 reviewers.yaml 后运行 accel666 codeowners。后面的规则优先。",
    ]
    width = max(len(rule.pattern) for rule in owner_lines(repo))
    comment = None
    for rule in owner_lines(repo):
        if rule.comment != comment:  # one comment heads each group of lines
            out += ["", f"# {rule.comment}"]
            comment = rule.comment
        out.append(f"{rule.pattern.ljust(width)}  {' '.join(rule.owners)}".rstrip())
    return "\n".join(out) + "\n"


def parse(text: str) -> list[OwnerLine]:
    """The rules of a CODEOWNERS file (comments and blank lines dropped)."""
    found = []
    for line in text.splitlines():
        stripped = line.split("#", 1)[0].strip()
        if stripped:
            pattern, *owners = stripped.split()
            found.append(OwnerLine(pattern, tuple(owners), ""))
    return found


def owning_rule(rules_: list[OwnerLine], relpath: str) -> OwnerLine | None:
    """The rule GitHub applies to `relpath`: the last one that matches; None if none does."""
    return next((rule for rule in reversed(rules_) if rule.matches(relpath)), None)


def owners_of(rules_: list[OwnerLine], relpath: str) -> tuple[str, ...] | None:
    """The owners GitHub would request for `relpath`; None if no rule matches."""
    rule = owning_rule(rules_, relpath)
    return rule.owners if rule is not None else None


def repository_files(root: Path) -> Iterator[str]:
    """Every file of the work tree that can be part of a change (tools' caches left out)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED)
        rel = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            yield name if rel == "." else f"{rel}/{name}"


def check_codeowners(repo: Repository) -> Iterator[Finding]:
    """CODEOWNERS is the generated one, every region has reviewers, every file has an owner."""
    reviewers = repo.reviewers.get("regions", {})
    for region in sorted(repo.regions.values(), key=lambda r: r.order):
        if not reviewers.get(region.code):
            message = f"{region.name}（{region.code}）在 submissions/reviewers.yaml 中没有审核人：请在 regions 下为其列出账号或团队。"
            yield Finding(REVIEWERS_FILE, 1, 1, "CODEOWNERS-REGION", message)
    path = repo.root / CODEOWNERS
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current != codeowners_text(repo):
        message = f"{CODEOWNERS} {'不存在' if current is None else '与 submissions/reviewers.yaml 不一致'}：请运行 accel666 codeowners 重新生成并提交。"
        yield Finding(CODEOWNERS, 1, 1, "CODEOWNERS-STALE", message)
    parsed = parse(current if current is not None else codeowners_text(repo))
    for relpath in repository_files(repo.root):
        if not owners_of(parsed, relpath):
            message = f"{relpath} 没有审核人（{CODEOWNERS} 中没有匹配的规则或规则未列账号）：请补充 submissions/reviewers.yaml。"
            yield Finding(relpath, 1, 1, "CODEOWNERS-UNOWNED", message)
