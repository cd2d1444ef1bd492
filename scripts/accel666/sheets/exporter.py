"""附件3 to Excel from the repository: the batch's demo-enterprise rows, and a region's overview.

The applications are listed in the order of submissions/regions.yaml, then by file
name, and written by the writer of the site's blank template (export.annex3_xlsx), so
what `accel666 import-xlsx` reads back is what it wrote: export, import and export
again gives the same workbook. The overview shows each application's status, taken
from the check that cleared the export (its Snapshot of the records).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from accel666.check import Checked, check_repository
from accel666.documents.export import annex3_xlsx
from accel666.documents.forms.annex3 import CATEGORY
from accel666.documents.overview import region_sheet
from accel666.errors import UsageError
from accel666.load import load_document
from accel666.repository import Repository, locate
from accel666.workflow import Snapshot, status


@dataclass(frozen=True)
class Export:
    """What to export: a batch's 附件3, and with `region` that region's overview (files listed once)."""

    batch: str
    region: str | None
    rows: tuple[str, ...]  # the batch's demo-enterprise files, in 附件3's order
    overview: tuple[str, ...]  # the region's files of every category (none without a region)


def latest_batch(repo: Repository) -> str:
    if not repo.batches:
        raise UsageError("仓库中没有批次（submissions/<批次>/batch.yaml）：无法导出。")
    return max(repo.batches, key=lambda name: tuple(int(part) for part in name.split("-") if part.isdigit()))


def plan_export(repo: Repository, batch: str, region: str | None = None) -> Export:
    if batch not in repo.batches:
        raise UsageError(f"批次 {batch} 不存在：可选的批次有 {'、'.join(repo.batches) or '（无）'}。")
    if region is not None and region not in repo.regions:
        raise UsageError(f"地区代码 {region} 不是推荐地区：见 submissions/regions.yaml。")
    ordered = _ordered(repo, batch)
    rows = tuple(relpath for relpath in ordered if locate(relpath).category == CATEGORY)
    overview = tuple(relpath for relpath in ordered if region is not None and locate(relpath).region == region)
    return Export(batch, region, rows, overview)


def problems(repo: Repository, export: Export) -> Checked:
    """The validator's findings for the exported files: only valid data is exported."""
    return check_repository(repo, sorted({*export.rows, *export.overview}))


def workbook(repo: Repository, export: Export, checked: Snapshot, timestamp: datetime | None = None) -> bytes:
    """The workbook; `checked` is the snapshot of the check that passed the files (`problems(...).snapshot`)."""
    rows = [_data(repo, relpath) for relpath in export.rows]
    names = {code: region.name for code, region in repo.regions.items()}
    extra = []
    if export.region is not None:
        own = [(relpath, _data(repo, relpath)) for relpath in export.overview]
        extra.append(region_sheet(names[export.region], export.batch, own, statuses(checked, export.batch)))
    return annex3_xlsx(rows, regions=names, timestamp=timestamp, extra=extra)


def statuses(checked: Snapshot, batch: str) -> dict[str, str]:
    """Each application's current status (已提交, 已推荐, …) by path, as the workflow derives it on the check's day."""
    state = checked.states.get(batch)
    if state is None:
        return {}
    return {case.facts.path: status(case, state, checked.today).label for case in state.cases.values()}


def _ordered(repo: Repository, batch: str) -> list[str]:
    order = {code: region.order for code, region in repo.regions.items()}
    found = [
        relpath
        for relpath in repo.yaml_files()
        if (location := locate(relpath)).kind == "application" and location.batch == batch
    ]
    return sorted(found, key=lambda relpath: (order.get(str(locate(relpath).region), len(order)), relpath))


def _data(repo: Repository, relpath: str) -> Any:
    return load_document((repo.root / relpath).read_bytes(), relpath).data
