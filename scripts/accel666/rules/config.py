"""Rules for the repository's own configuration files (batches, regions, reviewers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

from accel666.findings import Finding
from accel666.load import Document
from accel666.schema import field_title

PRACTICE = "practice"  # the practice batch's id (and folder): see schemas/batch.schema.json
_DATE_ORDER = ("opens", "matching_deadline", "application_deadline", "review_deadline", "publication")


def check_batch(doc: Document, folder: str | None, regions: frozenset[str]) -> Iterator[Finding]:
    data: dict[str, Any] = doc.data  # type: ignore[assignment]
    if folder is not None and data["id"] != folder:
        message = f"批次编号 “{data['id']}” 与所在文件夹 “{folder}” 不一致：请改正 id。"
        yield doc.finding("/id", "BATCH-FOLDER", message)
    if bool(data.get("practice")) != (data["id"] == PRACTICE):
        message = (
            f"练习批次（practice: true）的编号须为 “{PRACTICE}”，编号 “{PRACTICE}” 也只用于练习批次："
            "练习批次不在网站上显示，正式批次请勿标为练习。"
        )
        yield doc.finding("/practice" if "practice" in data else "/id", "BATCH-PRACTICE", message)
    dates = data["dates"]
    for before, after in pairwise(_DATE_ORDER):
        if dates[after] < dates[before]:
            later, earlier = field_title("batch", ["dates", after]), field_title("batch", ["dates", before])
            message = f"阶段日期顺序不对：「{later}」{dates[after]} 早于「{earlier}」{dates[before]}：请按通知核对各阶段日期。"
            yield doc.finding(f"/dates/{after}", "BATCH-DATES-ORDER", message)
    years = data["indicator_years"]
    if any(b != a + 1 for a, b in pairwise(years)):
        message = f"指标年度 {years} 应为连续三年，按从早到晚排列，例如 [2017, 2018, 2019]。"
        yield doc.finding("/indicator_years", "BATCH-YEARS", message)


def check_regions(doc: Document, folder: str | None, regions: frozenset[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, item in enumerate(doc.data["regions"]):  # type: ignore[index]
        if item["code"] in seen:
            yield doc.finding(f"/regions/{index}/code", "REGIONS-DUPLICATE", f"地区代码 {item['code']} 重复出现。")
        seen.add(item["code"])


def check_reviewers(doc: Document, folder: str | None, regions: frozenset[str]) -> Iterator[Finding]:
    data: dict[str, Any] = doc.data  # type: ignore[assignment]
    tables = [("/regions", data["regions"]), ("/accounts/regions", data.get("accounts", {}).get("regions", {}))]
    for pointer, table in tables:
        for code in table:
            if regions and code not in regions:
                message = f"审核人配置中的地区 {code} 不在 submissions/regions.yaml 中：请改正地区代码。"
                yield doc.finding(f"{pointer}/{code}", "REVIEWERS-REGION", message, at_key=True)


CHECKS: dict[str, Callable[[Document, str | None, frozenset[str]], Iterator[Finding]]] = {
    "batch": check_batch,
    "regions": check_regions,
    "reviewers": check_reviewers,
}
