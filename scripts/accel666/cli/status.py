"""`accel666 status [APPLICATION]`: where an application is, or a table by region and category.

The status is derived from the record files (accel666.workflow), never typed by hand.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

from accel666.check import check_repository
from accel666.cli.options import iso_day, known_region
from accel666.clock import today_in_beijing
from accel666.display import display_width, pad
from accel666.errors import UsageError
from accel666.repository import Repository, find_root, in_region, open_repository
from accel666.vocabulary import CATEGORY_SHORT, CATEGORY_TITLES, FORMS
from accel666.workflow import BatchState, Case, Snapshot, Status, count_statuses, find_cases, history


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("application", nargs="?", help="申报文件路径或统一社会信用代码")
    parser.add_argument("--batch", help="只看这一批次（默认全部批次）")
    parser.add_argument(
        "--region", metavar="地区代码", help="只看这一地区（设区市含其范围内的省直管县（市），如 320500 含昆山市）"
    )
    parser.add_argument("--today", type=iso_day, metavar="YYYY-MM-DD", help="按这一天计算状态（默认北京时间今天）")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    parser.add_argument("--root", type=Path, help="仓库根目录（默认从当前目录向上查找 submissions/）")


def run(args: argparse.Namespace) -> int:
    root = (args.root or find_root()).resolve()
    repo = open_repository(root)
    today = args.today or today_in_beijing()
    result = check_repository(repo, None, today=today)
    snapshot: Snapshot = result.snapshot
    if args.batch and args.batch not in repo.batches:
        raise UsageError(f"没有批次 {args.batch}：请检查批次编号（submissions/ 下的文件夹名）。")
    states = {key: state for key, state in snapshot.states.items() if args.batch in (None, key)}
    if args.region:
        known_region(repo, args.region)
        states = {key: _in_region(repo, state, args.region) for key, state in states.items()}
    if args.batch and not states and not args.application:
        print(f"批次 {args.batch} 还没有申报。")
        return 0
    if result.errors:
        print(
            f"注意：仓库中有 {len(result.errors)} 个错误（运行 accel666 check 查看），有错误的申报和记录的状态可能不准确。",
            file=sys.stderr,
        )
    if args.application:
        cases = _find(repo, states, args.application)
        _print_cases(cases, today, args.format)
    else:
        _print_table(repo, states, today, args.format, args.region)
    return 0


def _in_region(repo: Repository, state: BatchState, chosen: str) -> BatchState:
    """The batch with only the applications a bureau of `chosen` sees: its own, and its counties' (as the site's list)."""
    cases = {key: case for key, case in state.cases.items() if in_region(case.region or "", chosen, repo.regions)}
    return dataclasses.replace(state, cases=cases)


def region_label(repo: Repository, chosen: str) -> str:
    """“苏州市，含昆山市”: the region a bureau's view covers, as the site's list names it."""
    within = [r.name for r in repo.regions.values() if r.code != chosen and in_region(r.code, chosen, repo.regions)]
    return repo.regions[chosen].name + (f"，含{'、'.join(within)}" if within else "")


def _batch_label(state: BatchState) -> str:
    if state.batch is None:
        return ""
    return state.batch.name + ("，练习用，不计入正式申报" if state.batch.practice else "")


def _find(repo: Repository, states: dict[str, BatchState], wanted: str) -> list[tuple[Case, BatchState]]:
    path = Path(wanted)
    relpath = repo.relpath(path) if path.suffix in (".yaml", ".yml") else None
    found = find_cases(states, relpath, wanted.strip().upper())
    if not found:
        raise UsageError(
            f"找不到申报 {wanted}：请给出申报文件路径或统一社会信用代码；文件有错误时请先运行 accel666 check。"
        )
    return found


def _print_cases(cases: list[tuple[Case, BatchState]], today: dt.date, form: str) -> None:
    if form == "json":
        rows = [
            {
                "path": case.facts.path,
                "status": history(case, state, today)[-1].status.label,
                "history": [
                    {"date": str(e.date or ""), "status": e.status.label, "detail": e.detail, "path": e.path}
                    for e in history(case, state, today)
                ],
            }
            for case, state in cases
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for case, state in cases:
        events = history(case, state, today)
        batch = _batch_label(state) or state.id
        print(f"{case.facts.name}（{CATEGORY_TITLES[case.facts.category]}，{batch}）")
        print(f"申报文件：{case.facts.path}")
        print(f"当前状态：{events[-1].status.label}（截至 {today}）")
        for event in events:
            print(f"  {str(event.date or '').ljust(10)}  {pad(event.status.label, 10)}  {event.detail}  {event.path}")


def _print_table(
    repo: Repository, states: dict[str, BatchState], today: dt.date, form: str, chosen: str | None
) -> None:
    columns = list(Status)
    tables = count_statuses(states, today)
    if form == "json":
        out = {
            key: [
                {"region": region, "category": category, **{s.label: row[s] for s in columns}}
                for (region, category), row in sorted(counts.items())
            ]
            for key, counts in tables.items()
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    where = f"（{region_label(repo, chosen)}）" if chosen else ""
    order = {code: region.order for code, region in repo.regions.items()}
    shown = {key: counts for key, counts in tables.items() if counts}  # no table of zeros for an empty batch
    if not shown:
        print(f"{'批次 ' + '、'.join(tables) if tables else '各批次'}{where}还没有申报。")
    for key, counts in shown.items():
        print(f"批次 {key}（{_batch_label(states[key])}）申报状态{where}，截至 {today}：")
        header = ["地区", "类别", *(s.label for s in columns), "合计"]
        rows = [header]
        for (region, category), row in sorted(
            counts.items(), key=lambda i: (order.get(i[0][0], 99), FORMS.index(i[0][1]))
        ):
            name = repo.regions[region].name if region in repo.regions else region
            rows.append([name, CATEGORY_SHORT[category], *(str(row[s]) for s in columns), str(sum(row.values()))])
        totals = [sum(int(r[i]) for r in rows[1:]) for i in range(2, len(header))]
        rows.append(["合计", "", *map(str, totals)])
        widths = [max(display_width(r[i]) for r in rows) for i in range(len(header))]
        for r in rows:
            print("  ".join(pad(cell, widths[i], right=i >= 2) for i, cell in enumerate(r)).rstrip())
        print()
