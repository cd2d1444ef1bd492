"""The rule functions a schema cannot express, by when they run.

CHECKS and RECORD_CHECKS judge one application or record, REPOSITORY_CHECKS the whole
repository's workflow snapshot. A change's rules against its base (`accel666 check
--base`) are rules.changes.CHECKS, run by accel666.changes: validating files never loads git. The configuration files' rules (rules.config) run as the repository
is opened (repository.open_repository). Explicit tuples, not import-time
decorators: the order findings come in is the order written here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from accel666.findings import Finding
from accel666.rules import backbone, content, dates, identity, place, workflow
from accel666.rules.base import Application
from accel666.workflow import Snapshot

ApplicationCheck = Callable[[Application], Iterable[Finding]]
CHECKS: tuple[ApplicationCheck, ...] = (
    place.check_folder,
    place.check_region,
    place.check_postcode,
    place.check_landline_region,
    identity.check_uscc,
    identity.check_file_name,
    dates.check_filled_date,
    dates.check_founded,
    dates.check_demo_period,
    backbone.check_eligibility,
    content.check_placeholders,
    content.check_typing,
    content.check_public_privacy,
)
RECORD_CHECKS = workflow.RECORD_CHECKS
REPOSITORY_CHECKS: tuple[Callable[[Snapshot], Iterable[Finding]], ...] = (
    identity.check_duplicates,
    identity.check_uscc_city,
    workflow.check_workflow,
)
