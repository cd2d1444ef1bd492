"""The submission repository: where it is, what its paths mean, and its configuration.

Layout (a path says which batch, which recommending bureau and which form):

    submissions/regions.yaml                                   the 16 recommending regions
    submissions/reviewers.yaml                                 who reviews for whom
    submissions/<batch>/batch.yaml                             dates, indicator years, thresholds
    submissions/<batch>/<region>/<category>/<USCC>.yaml        one application

and the review workflow's records, one stage each, so that CODEOWNERS can give every
stage to its own reviewers (see accel666.workflow):

    submissions/<batch>/<region>/recommendations/<category>/<USCC>.yaml   the bureau's 推荐意见
    submissions/<batch>/reviews/<category>/<USCC>/<account>.yaml          one expert's review
    submissions/<batch>/decision.yaml                                     the province's decision
    submissions/<batch>/publicity.yaml                                    its 公示
    submissions/<batch>/publication.yaml                                  the published list
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accel666.errors import ConfigError
from accel666.findings import Finding
from accel666.load import Document, load_document
from accel666.rules.codes import with_severity
from accel666.rules.config import CHECKS as CONFIG_CHECKS
from accel666.schema import validate_document
from accel666.vocabulary import FORMS

SUBMISSIONS = "submissions"
REGIONS_FILE = f"{SUBMISSIONS}/regions.yaml"
REVIEWERS_FILE = f"{SUBMISSIONS}/reviewers.yaml"
BATCH_FILE = "batch.yaml"
RECOMMENDATIONS = "recommendations"
REVIEWS = "reviews"
# The batch-wide records, by file name: each is one stage of the province's.
BATCH_RECORDS = {"decision.yaml": "decision", "publicity.yaml": "publicity", "publication.yaml": "publication"}
RECORD_KINDS = ("recommendation", "review", *BATCH_RECORDS.values())
_RECORD_FOLDERS = (RECOMMENDATIONS, REVIEWS)  # never a region's folder


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str
    bureau: str
    aliases: tuple[str, ...]
    order: int

    def accepts(self, recommender: str) -> bool:
        return recommender.strip() in (self.bureau, *self.aliases)


def prefecture_of(code: str) -> str:
    """The prefecture-level code a region code lies in, by GB/T 2260: 320583 (昆山市) -> 320500 (苏州市)."""
    return code[:4] + "00"


def parent_region(code: str, codes: Iterable[str]) -> str | None:
    """The prefecture a county-level region lies in, if it is a region too. Directly administered
    counties recommend on their own, but a reader choosing 苏州市 expects Kunshan's projects too."""
    parent = prefecture_of(code)
    return parent if parent != code and parent in set(codes) else None


def in_region(code: str, chosen: str, codes: Iterable[str]) -> bool:
    """Whether region `code` is shown when `chosen` is: itself, or a county within the chosen prefecture."""
    return code == chosen or parent_region(code, codes) == chosen


@dataclass(frozen=True)
class Thresholds:
    rd_share_min: float
    route1_base_revenue_min: float
    route1_cagr_min: float
    route2_max_age: int
    route2_revenue_min: float
    route3_max_age: int
    route3_revenue_min: float
    large_fall: float


@dataclass(frozen=True)
class Batch:
    id: str
    name: str
    sample: bool
    practice: bool  # a batch to practise on: always open, never on the site or in any count
    notice: str
    opens: dt.date
    matching_deadline: dt.date
    application_deadline: dt.date
    review_deadline: dt.date
    publication: dt.date
    indicator_years: tuple[int, ...]
    thresholds: Thresholds

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Batch:
        dates = {key: dt.date.fromisoformat(value) for key, value in data["dates"].items()}
        return cls(
            id=data["id"],
            name=data["name"],
            sample=bool(data.get("sample", False)),
            practice=bool(data.get("practice", False)),
            notice=data["notice"],
            indicator_years=tuple(data["indicator_years"]),
            thresholds=Thresholds(**data["thresholds"]),
            **dates,
        )


@dataclass(frozen=True)
class Location:
    """What a path inside the repository is. Fields are None where the path says nothing."""

    # "application", one of RECORD_KINDS, "batch", "regions", "reviewers", "misplaced",
    # "misplaced-record" (under a recommendations/ or reviews/ folder, but not where records go),
    # "other" (under submissions/ but not a YAML file), "outside"
    kind: str
    batch: str | None = None
    region: str | None = None
    category: str | None = None
    stem: str | None = None  # the USCC of an application, and of the application a record is about
    account: str | None = None  # the expert of a review

    @property
    def is_record(self) -> bool:
        return self.kind in RECORD_KINDS


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def locate(relpath: str) -> Location:  # noqa: PLR0911 - one return per kind of path, in the layout's order
    """What `relpath` is, from its parts alone (plain string work: it runs for every file)."""
    parts = relpath.split("/")
    if not parts or parts[0] != SUBMISSIONS:
        return Location("outside", stem=_stem(relpath))
    rest = parts[1:]
    if rest == ["regions.yaml"]:
        return Location("regions")
    if rest == ["reviewers.yaml"]:
        return Location("reviewers")
    if len(rest) == 2 and rest[1] == BATCH_FILE:
        return Location("batch", batch=rest[0])
    if len(rest) == 2 and rest[1] in BATCH_RECORDS:
        return Location(BATCH_RECORDS[rest[1]], batch=rest[0])
    if not rest or not rest[-1].lower().endswith((".yaml", ".yml")):
        return Location("other", stem=_stem(relpath))  # not data: an attachment, a note
    if (
        len(rest) > 1
        and rest[1] in _RECORD_FOLDERS
        and not (len(rest) == 5 and rest[1] == REVIEWS and rest[2] in FORMS)
    ):
        # A record missing a folder level (no region, no USCC folder) is not an application of region "reviews".
        return Location("misplaced-record", stem=_stem(relpath))
    if len(rest) == 4 and rest[2] in FORMS:
        return Location("application", rest[0], rest[1], rest[2], _stem(rest[3]))
    if len(rest) == 5 and rest[2] == RECOMMENDATIONS and rest[3] in FORMS:
        return Location("recommendation", rest[0], rest[1], rest[3], _stem(rest[4]))
    if len(rest) == 5 and rest[1] == REVIEWS and rest[2] in FORMS:
        return Location("review", rest[0], None, rest[2], rest[3], account=_stem(rest[4]))
    if any(part in _RECORD_FOLDERS for part in rest[:-1]):
        return Location("misplaced-record", stem=_stem(relpath))
    return Location("misplaced", stem=_stem(relpath))


def path_of(location: Location) -> str:
    """The repository-relative path of the file `location` describes: `locate`'s inverse."""
    kind, batch = location.kind, f"{SUBMISSIONS}/{location.batch}"
    if kind == "application":
        return f"{batch}/{location.region}/{location.category}/{location.stem}.yaml"
    if kind == "recommendation":
        return f"{batch}/{location.region}/{RECOMMENDATIONS}/{location.category}/{location.stem}.yaml"
    if kind == "review":
        return f"{batch}/{REVIEWS}/{location.category}/{location.stem}/{location.account}.yaml"
    if kind == "batch":
        return f"{batch}/{BATCH_FILE}"
    names = {record: name for name, record in BATCH_RECORDS.items()}
    if kind in names:
        return f"{batch}/{names[kind]}"
    configs = {"regions": REGIONS_FILE, "reviewers": REVIEWERS_FILE}
    if kind in configs:
        return configs[kind]
    raise ValueError(f"no single path for a location of kind {kind!r}")


def is_config(relpath: str) -> bool:
    """Whether `relpath` is one of the configuration files (cheaper than locate())."""
    return relpath in (REGIONS_FILE, REVIEWERS_FILE) or (
        relpath.endswith(f"/{BATCH_FILE}") and relpath.count("/") == 2  # submissions/<batch>/batch.yaml
    )


@dataclass
class Repository:
    root: Path
    regions: dict[str, Region] = field(default_factory=dict)
    batches: dict[str, Batch] = field(default_factory=dict)
    config_findings: list[Finding] = field(default_factory=list)
    config_files: list[str] = field(default_factory=list)
    config_docs: dict[str, Document] = field(default_factory=dict)
    reviewers: dict[str, Any] = field(default_factory=dict)  # submissions/reviewers.yaml, when valid

    def relpath(self, path: Path) -> str:
        # Folders resolved (the root is), the last part not: a link is judged as itself, never as its target.
        given = Path(os.path.abspath(path))
        absolute = given.parent.resolve() / given.name
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def scan(self) -> tuple[list[str], list[Finding]]:
        """Every YAML file under submissions/ to check, sorted, and a finding for every other entry there.

        Nothing is followed or skipped unseen: a link, a hidden folder, a `.yaml.txt` or a PDF
        would otherwise be committed without a word while its sender believes they applied.
        (os.scandir's entry types need no further system call: this runs on every commit.)
        """
        found: list[str] = []
        problems: list[Finding] = []
        folders = [SUBMISSIONS] if (self.root / SUBMISSIONS).is_dir() else []
        while folders:
            folder = folders.pop()
            with os.scandir(f"{self.root}/{folder}") as entries:
                listed = list(entries)
            for entry in listed:
                relpath = f"{folder}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    folders.append(relpath)
                    continue
                problem = path_problem(relpath, regular=entry.is_file(follow_symlinks=False)) or stray_problem(relpath)
                if problem is None:
                    found.append(relpath)
                else:
                    problems.append(problem)
        return sorted(found), sorted(problems, key=lambda finding: finding.path)

    def yaml_files(self) -> list[str]:
        """Every YAML file under submissions/ that is checked, sorted, as repository-relative paths."""
        return self.scan()[0]


# Characters a file name must not hold: a control character lets a name forge lines in CI's
# output (a newline, then "::error ..."), an invisible one hides what the file really is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def printable_path(relpath: str) -> str:
    """`relpath` with every unprintable character written as \\uXXXX: safe in any output."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", relpath)


def path_problem(relpath: str, *, regular: bool) -> Finding | None:
    """A name no output may carry, or an entry that is not a regular file (a link, a submodule, a device)."""
    if not relpath.isprintable() and _UNPRINTABLE.search(relpath):  # isprintable: the fast, usual answer
        shown = printable_path(relpath)
        message = f"文件名含有控制字符或不可见字符（{shown}）：请把文件改名为只含文字、数字、连字符和点的名字。"
        return Finding(shown, 1, 1, "FILE-NAME-CONTROL", message)
    return None if regular else not_regular(relpath)


def not_regular(relpath: str) -> Finding:
    message = "这不是普通文件（而是符号链接、子模块或设备）：申报仓库只受理普通文件，请提交文件本身。"
    return Finding(relpath, 1, 1, "FILE-NOT-REGULAR", message)


def stray_problem(relpath: str) -> Finding | None:
    """A file under submissions/ that can be no application, record or configuration: hidden, or not YAML."""
    name = relpath.rsplit("/", 1)[-1]
    if "/." in relpath:  # a hidden file, or a file in a hidden folder
        message = "名字以 . 开头的文件或文件夹不会被检查和受理：申报文件和审核记录请放到规定位置，其他文件请删除。"
        return Finding(relpath, 1, 1, "FILE-STRAY", message)
    lower = name.lower()
    if lower.endswith((".yaml.txt", ".yml.txt")):
        hint = "记事本另存时“保存类型”请选“所有文件”，文件名写成 <统一社会信用代码>.yaml"
    elif not lower.endswith((".yaml", ".yml")):
        hint = "submissions/ 中只放 .yaml 申报文件、审核记录和配置；附件、扫描件和说明请勿提交"
    else:
        return None
    return Finding(relpath, 1, 1, "FILE-STRAY", f"{name} 不是申报文件，不会被检查和受理：{hint}。")


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` that holds submissions/."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / SUBMISSIONS).is_dir():
            return candidate
    raise ConfigError(f"在 {here} 及其上级目录中找不到 submissions/ 文件夹：请在申报仓库中运行本命令。")


def open_repository(root: Path) -> Repository:
    """Load regions and batch configuration; their problems become findings, not exceptions."""
    repo = Repository(root)
    regions_doc = _load_config(repo, REGIONS_FILE, "regions", required=True)
    codes = frozenset(item["code"] for item in regions_doc["regions"]) if regions_doc else frozenset()
    if regions_doc is not None:
        for order, item in enumerate(regions_doc["regions"]):
            aliases = tuple(item.get("aliases", ()))
            region = Region(item["code"], item["name"], item["kind"], item["bureau"], aliases, order)
            repo.regions[region.code] = region
    repo.reviewers = _load_config(repo, REVIEWERS_FILE, "reviewers", required=False, regions=codes) or {}
    base = root / SUBMISSIONS
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")):
        relpath = f"{SUBMISSIONS}/{folder.name}/{BATCH_FILE}"
        data = _load_config(repo, relpath, "batch", required=False, regions=codes, folder=folder.name)
        if data is not None:
            repo.batches[folder.name] = Batch.from_data(data)
    return repo


def _load_config(
    repo: Repository,
    relpath: str,
    schema: str,
    *,
    required: bool,
    regions: frozenset[str] = frozenset(),
    folder: str | None = None,
) -> dict[str, Any] | None:
    path = repo.root / relpath
    if path.is_symlink():
        repo.config_findings.append(with_severity(not_regular(relpath)))
        return None
    if not path.is_file():
        if required:
            repo.config_findings.append(Finding(relpath, 1, 1, "CONFIG-MISSING", f"缺少配置文件 {relpath}。"))
        return None
    repo.config_files.append(relpath)
    doc = repo.config_docs[relpath] = load_document(path.read_bytes(), relpath)
    problems = list(doc.findings)
    if doc.loaded:
        problems.extend(validate_document(doc, schema))
    if not problems:
        problems.extend(CONFIG_CHECKS[schema](doc, folder, regions))
    repo.config_findings.extend(with_severity(f) for f in problems)
    if problems or not isinstance(doc.data, dict):
        return None
    return doc.data
