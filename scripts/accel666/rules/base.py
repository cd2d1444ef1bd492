"""What a rule function receives: one loaded application in its repository context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from accel666.findings import Finding
from accel666.load import Document, pointer_of
from accel666.repository import Batch, Location, Region, Repository
from accel666.schema import field_title

T = TypeVar("T")


@dataclass(frozen=True)
class Application:
    """A schema-checked document with the repository context its rules need.

    Rules read values through `get`, which returns None for a missing value or one of
    the wrong type, so a rule never fails on a file the schema already rejected.
    """

    doc: Document
    repo: Repository
    location: Location
    category: str

    @property
    def batch(self) -> Batch | None:
        batch_id = self.location.batch or self.get(str, "batch")
        return self.repo.batches.get(batch_id) if batch_id else None

    @property
    def region(self) -> Region | None:
        code = self.get(str, "region")
        return self.repo.regions.get(code) if code else None

    def get(self, kind: type[T], *parts: str | int) -> T | None:
        node: Any = self.doc.data
        for part in parts:
            if (isinstance(part, int) and isinstance(node, list) and part < len(node)) or (
                isinstance(part, str) and isinstance(node, dict) and part in node
            ):
                node = node[part]  # type: ignore[index]  # narrowed above: int for lists, str for dicts
            else:
                return None
        if kind is float and isinstance(node, int) and not isinstance(node, bool):
            try:
                return float(node)  # type: ignore[return-value]
            except OverflowError:  # a 400-digit "revenue": the schema already refused it
                return None
        if isinstance(node, kind) and not (kind in (int, float) and isinstance(node, bool)):
            return node
        return None

    def title(self, *parts: str | int) -> str:
        return field_title(self.category, list(parts))

    def finding(self, parts: tuple[str | int, ...], code: str, message: str, *, at_key: bool = False) -> Finding:
        return self.doc.finding(pointer_of(parts), code, message, at_key=at_key)


def unit_key(category: str) -> str:
    """The field holding the applicant unit: the demo enterprise in 附件3, the applicant elsewhere."""
    return "enterprise" if category == "demo-enterprise" else "applicant"
