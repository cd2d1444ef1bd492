"""Rules about what the province publishes: the approved list names real applications."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from accel666.findings import Finding
from accel666.repository import BATCH_FILE, SUBMISSIONS, Repository
from accel666.rules.base import Facts
from accel666.schema import CATEGORY_TITLES


def check_approved(repo: Repository, facts: Iterable[Facts]) -> Iterator[Finding]:
    """Every USCC in a batch's `publication.approved` is an application of that batch and category."""
    present = {(item.batch, item.category, item.uscc) for item in facts}
    for batch_id, batch in sorted(repo.batches.items()):
        doc = repo.config_docs.get(f"{SUBMISSIONS}/{batch_id}/{BATCH_FILE}")
        for category, codes in batch.approved.items():
            for index, code in enumerate(codes):
                if (batch_id, category, code) in present:
                    continue
                message = (
                    f"入选项目中的 {code} 不是本批次{CATEGORY_TITLES.get(category, category)}的申报："
                    f"请核对统一社会信用代码，或确认申报文件在 submissions/{batch_id}/<地区代码>/{category}/ 下。"
                )
                if doc is not None:
                    yield doc.finding(f"/publication/approved/{category}/{index}", "APPROVED-UNKNOWN", message)
