"""`accel666 new KIND`: write a commented template generated from a form's or a record's schema.

A form (附件1-3) is for an applicant; the workflow's records are for the bureau (推荐意见),
an expert (评审意见) and the province (决定, 公示, 名单发布). With every option its kind
needs, the file is written where it belongs in the repository (accel666.repository's
layout), after checking that what it is about exists; otherwise it goes to the screen.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections.abc import Callable
from pathlib import Path

from accel666.check import check_repository
from accel666.cli.options import known_batch, known_region
from accel666.clock import today_in_beijing
from accel666.errors import ConfigError, UsageError
from accel666.repository import (
    RECORD_KINDS,
    SUBMISSIONS,
    Batch,
    Location,
    Repository,
    find_root,
    open_repository,
    path_of,
)
from accel666.rules.changes import DEADLINES
from accel666.rules.identity import is_valid_uscc
from accel666.schema import field
from accel666.template import Prefill, template_text
from accel666.vocabulary import CATEGORY_TITLES, FORMS
from accel666.workflow import Case

KINDS = (*FORMS, *RECORD_KINDS)
# The options each kind takes besides --batch and -o; all but --variant are needed to write into the repository.
_TAKES: dict[str, tuple[str, ...]] = {
    "cloud-center": ("variant", "region", "uscc"),
    "backbone": ("region", "uscc"),
    "demo-enterprise": ("region", "uscc"),
    "recommendation": ("region", "category", "uscc"),
    "review": ("category", "uscc", "expert"),
    "decision": (),
    "publicity": (),
    "publication": (),
}
_OPTIONS = ("variant", "region", "category", "uscc", "expert")


def _used_by(option: str) -> str:
    kinds = [kind for kind in KINDS if option in _TAKES[kind]]
    if set(FORMS) <= set(kinds):
        kinds = ["申报表", *(kind for kind in kinds if kind not in FORMS)]
    return "、".join(kinds)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter  # keeps the epilog's table as written
    parser.epilog = _needed()
    parser.add_argument(
        "kind",
        metavar="类型",
        choices=KINDS,
        help="申报表：cloud-center（附件1）、backbone（附件2）、demo-enterprise（附件3）；"
        "审核流程记录：recommendation（推荐意见）、review（专家评审意见）、decision（省级决定）、"
        "publicity（公示）、publication（名单发布）",
    )
    parser.add_argument(
        "--variant", choices=("云服务中心", "云基地"), help=f"附件1 的表格类型（用于 {_used_by('variant')}，必填）"
    )
    parser.add_argument("--batch", help="批次编号，如 2020-1（用于所有类型）")
    parser.add_argument("--region", help=f"地区代码，如 320500（用于 {_used_by('region')}）")
    parser.add_argument("--category", choices=FORMS, help=f"被推荐或评审的申报的类别（用于 {_used_by('category')}）")
    parser.add_argument("--uscc", help=f"申报单位的统一社会信用代码（用于 {_used_by('uscc')}）")
    parser.add_argument("--expert", help=f"评审专家在代码托管平台上的账号，不带 @（用于 {_used_by('expert')}）")
    parser.add_argument("-o", "--output", type=Path, help="写入的文件（默认：给齐选项时写入仓库，否则输出到屏幕）")


def _needed() -> str:
    """Which options write each kind into the repository, one line per set of options."""
    rows: dict[str, list[str]] = {}
    for kind in KINDS:
        options = " ".join(f"--{o}" for o in ("batch", *_TAKES[kind]) if o != "variant")
        rows.setdefault(options, []).append(kind)
    lines = ["给齐以下选项时，文件直接写入仓库中的规定位置（否则输出到屏幕）："]
    for options, kinds in rows.items():
        label = "申报表" if kinds == list(FORMS) else "、".join(kinds)
        lines.append(f"  {label}：{options}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    _check_options(args)
    prefill, output = _prefill(args), args.output
    batch: Batch | None = None  # of a file written into the repository: its deadlines are checked
    repo = _repository(args)
    if repo is not None:
        known_batch(repo, args.batch)
        relpath, prefill = _PLACES[args.kind](repo, args, prefill)
        output = output or repo.root / relpath  # -o writes elsewhere what the repository prefilled
        batch = repo.batches[args.batch]
    text = template_text(args.kind, prefill)
    if output is None:
        sys.stdout.write(text)
        return 0
    if output.exists():
        raise UsageError(f"{output} 已存在，不会覆盖：请换一个文件名或先删除它。")
    if batch is not None:
        _warn_if_closed(batch, args.kind)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"已生成 {output}：请按注释填写后运行 accel666 validate {output}")
    return 0


def _repository(args: argparse.Namespace) -> Repository | None:
    """The repository that prefills the template, when every option the kind needs is given.

    Without -o the file goes into the repository, which must be there; with -o a template is
    written even outside one, only without what the repository knows (bureau, years, list).
    """
    if not (args.batch and all(getattr(args, o) for o in _TAKES[args.kind] if o != "variant")):
        return None
    try:
        root = find_root()
    except ConfigError:
        if args.output is None:
            raise
        return None
    return open_repository(root)


def _warn_if_closed(batch: Batch, kind: str) -> None:
    """The template is still written (the province may extend a deadline), but a pull request would be refused."""
    stage = "application" if kind in FORMS else kind
    today = today_in_beijing()
    for deadline in (d for d in DEADLINES if d.kind == stage and today > d.date(batch)):
        print(
            f"注意：{batch.name}的{deadline.title}为 {deadline.date(batch)}，今天是 {today}：截止日期后不能再{deadline.closed}，"
            f"合并请求的检查会报 {deadline.code}。",
            file=sys.stderr,
        )


def _check_options(args: argparse.Namespace) -> None:
    for option in _OPTIONS:
        if getattr(args, option) and option not in _TAKES[args.kind]:
            raise UsageError(
                f"--{option} 只用于 {_used_by(option)}，不用于 {args.kind}（运行 accel666 new --help 查看用法）。"
            )
    if args.kind == "cloud-center" and not args.variant:
        raise UsageError("附件1 须用 --variant 指定“云服务中心”或“云基地”。")
    if args.uscc and not is_valid_uscc(args.uscc):
        raise UsageError(
            f"统一社会信用代码 {args.uscc} 不正确（18 位大写字母或数字，校验位须正确）：请对照营业执照核对。"
        )
    account = field("review", ("expert", "account"))
    if args.expert and not re.fullmatch(account.schema["pattern"], args.expert):
        raise UsageError(f"专家账号 {args.expert} 不正确：{account.hint}")


def _prefill(args: argparse.Namespace) -> Prefill:
    """What the command line gives, at the fields it fills."""
    if args.kind in FORMS:
        return Prefill(args.batch, args.region, args.uscc, args.variant)
    given = {"batch": args.batch, "region": args.region, "category": args.category, "uscc": args.uscc}
    if args.expert:
        given["expert"] = {"account": args.expert}
    return Prefill(data={key: value for key, value in given.items() if value is not None})


# -- into the repository: where each kind goes, and what the repository adds ----------

_Place = Callable[[Repository, argparse.Namespace, Prefill], tuple[str, Prefill]]


def _form(repo: Repository, args: argparse.Namespace, prefill: Prefill) -> tuple[str, Prefill]:
    """An application: the batch's indicator years, and the region's bureau as its recommender (附件1 and 2)."""
    bureau = known_region(repo, args.region).bureau
    years = repo.batches[args.batch].indicator_years
    relpath = path_of(Location("application", args.batch, args.region, args.kind, args.uscc))
    return relpath, dataclasses.replace(prefill, years=years, data={"recommender": bureau})


def _recommendation(repo: Repository, args: argparse.Namespace, prefill: Prefill) -> tuple[str, Prefill]:
    bureau = known_region(repo, args.region).bureau
    application = path_of(Location("application", args.batch, args.region, args.category, args.uscc))
    if not (repo.root / application).is_file():
        raise UsageError(
            f"申报文件 {application} 不存在：推荐意见只能针对本地区已提交的申报，请核对批次、地区、类别和统一社会信用代码。"
        )
    relpath = path_of(Location("recommendation", args.batch, args.region, args.category, args.uscc))
    return relpath, dataclasses.replace(prefill, data={**(prefill.data or {}), "bureau": bureau})


def _review(repo: Repository, args: argparse.Namespace, prefill: Prefill) -> tuple[str, Prefill]:
    applications = (Location("application", args.batch, region, args.category, args.uscc) for region in repo.regions)
    if not any((repo.root / path_of(application)).is_file() for application in applications):
        raise UsageError(
            f"批次 {args.batch} 中没有{CATEGORY_TITLES[args.category]}申报 {args.uscc}"
            f"（各地区的 {SUBMISSIONS}/{args.batch}/<地区代码>/{args.category}/{args.uscc}.yaml 均不存在）："
            "请核对类别和统一社会信用代码。"
        )
    review = Location("review", args.batch, None, args.category, args.uscc, account=args.expert)
    return path_of(review), prefill


def _batch_record(repo: Repository, args: argparse.Namespace, prefill: Prefill) -> tuple[str, Prefill]:
    return path_of(Location(args.kind, args.batch)), prefill


def _decision(repo: Repository, args: argparse.Namespace, prefill: Prefill) -> tuple[str, Prefill]:
    """A decision lists the recommended applications under `approved`, each commented out, ready to uncomment."""
    relpath, prefill = _batch_record(repo, args, prefill)
    cases = _recommended(repo, args.batch)
    if not cases:
        data = {**(prefill.data or {}), "approved": [], "rejected": []}
        note = ("本批次目前没有已获推荐的申报（推荐意见合并后才能决定）。",)
        return relpath, dataclasses.replace(prefill, data=data, notes={("approved",): note})
    names = {code: region.name for code, region in repo.regions.items()}
    items = tuple(
        f'- {{category: {case.facts.category}, uscc: "{case.facts.uscc}"}}'
        f"  # {case.facts.name}（{names.get(case.region or '', case.region)}）"
        for case in cases
    )
    notes: dict[tuple[str | int, ...], tuple[str, ...]] = {
        ("approved",): (
            f"本批次已获推荐的申报共 {len(cases)} 份，已列在下面（行首有 #）。每份须列入 approved 或 rejected：",
            "入选的，删去该行行首的“# ”（保留行首两个空格）；",
        ),
        ("rejected",): (
            "不入选的，把该行从 approved 下剪切到这里：把 rejected: [] 改为 rejected:，在下一行粘贴并删去“# ”，",
            '再在花括号中加上理由，例如 - {category: backbone, uscc: "…", reason: 评审得分未达到入选分数线}',
        ),
    }
    data = {**(prefill.data or {}), "rejected": []}
    return relpath, dataclasses.replace(prefill, data=data, notes=notes, choices={("approved",): items})


def _recommended(repo: Repository, batch: str) -> list[Case]:
    """The batch's recommended applications, by category, region and code."""
    state = check_repository(repo).snapshot.states.get(batch)
    cases = [case for case in state.cases.values() if case.recommended] if state else []
    return sorted(cases, key=lambda case: (FORMS.index(case.facts.category), case.region or "", case.facts.uscc))


_PLACES: dict[str, _Place] = {
    **dict.fromkeys(FORMS, _form),
    "recommendation": _recommendation,
    "review": _review,
    "decision": _decision,
    "publicity": _batch_record,
    "publication": _batch_record,
}
