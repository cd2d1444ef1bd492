"""The registry of finding codes: unique, complete, and every code specified by a test."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from accel666 import check as check_module
from accel666.findings import Finding, Severity
from accel666.rules.codes import BY_CODE, RULES, with_severity
from builders import CJK, ROOT, SAMPLES, SampleRepo, assert_chinese, at, codes_of, expect_one

TESTS = Path(__file__).resolve().parent
SCHEMAS = ROOT / "schemas"
ACTIVE = {rule.code for rule in RULES if not rule.retired}

# Codes no input can produce. Each entry says why; registry_test keeps checking the reason.
# Codes registered but impossible to produce from real input (none). The generic
# SCHEMA-FORMAT and SCHEMA-CONST are not registered at all: every `format` and `const`
# in the schemas carries its own x-code (guarded by test_every_format_keyword_... and
# test_every_const_keyword_...), and an unregistered code fails every check here.
UNREACHABLE: set[str] = set()

# The codes left to the reviewers' judgement (DOMAIN.md): warnings, never rejections.
WARNINGS = {"USCC-REGION", "USCC-CITY", "POSTCODE-REGION", "PHONE-REGION", "PUBLIC-NAME", "BACKBONE-LARGE-FALL"}

# Codes the loader's tests (tests/load_test.py and others) specify, not this suite.
LOADER_CODES = {rule.code for rule in RULES if rule.code.startswith("YAML-")} | {"FULLWIDTH"}

# The codes the files of this suite specify, each with a failing case.
SUITE_FILES = (
    "rules/identity_test.py",
    "rules/place_test.py",
    "rules/dates_test.py",
    "rules/backbone_test.py",
    "rules/content_test.py",
    "rules/config_test.py",
    "rules/workflow_test.py",
    "rules/changes_test.py",
    "review_flow_test.py",
    "codeowners_test.py",
    "gate_test.py",
    "repository_test.py",
    "check_test.py",
    "schema_test.py",
    "registry_test.py",
    "intake/placement_test.py",
)
SPECIFIED_HERE = {
    # schema layer, generic keywords
    "SCHEMA-REQUIRED",
    "SCHEMA-UNKNOWN-FIELD",
    "SCHEMA-EMPTY",
    "SCHEMA-TYPE",
    "SCHEMA-PATTERN",
    "SCHEMA-ENUM",
    "SCHEMA-MAXLENGTH",
    "SCHEMA-MINIMUM",
    "SCHEMA-MAXIMUM",
    "TEXT-ONE-LINE",
    "SCHEMA-MINITEMS",
    "SCHEMA-MAXITEMS",
    "SCHEMA-UNIQUEITEMS",
    # schema layer, x-code annotations
    "NARRATIVE-LENGTH",
    "PUBLIC-SUMMARY-LENGTH",
    "USCC-FORMAT",
    "PHONE-MOBILE",
    "PHONE-LANDLINE",
    "PHONE-FORMAT",
    "EMAIL-FORMAT",
    "POSTCODE-FORMAT",
    "REGION-CODE",
    "BATCH-ID",
    "MONEY-FORMAT",
    "PERCENT-RANGE",
    "DATE-FORMAT",
    "MONTH-FORMAT",
    "CATEGORY",
    "CLOUD-VARIANT",
    "CLOUD-PROJECT-NAME",
    "CLOUD-VARIANT-FIELD",
    "JOINT-KIND",
    "OWNERSHIP",
    "COUNT",
    "INDICATOR-YEARS",
    "DEBT-RATIO",
    "BOOLEAN",
    "BACKBONE-CASES",
    "DEMO-FILLER",
    "DEMO-PROJECT-TYPE",
    "REVIEWER-ACCOUNT",
    # rule functions
    "LAYOUT",
    "FILE-EXTENSION",
    "CATEGORY-FOLDER",
    "BATCH-FOLDER",
    "BATCH-UNKNOWN",
    "REGION-UNKNOWN",
    "REGION-FOLDER",
    "RECOMMENDER-REGION",
    "POSTCODE-REGION",
    "PHONE-REGION",
    "USCC-CHECKSUM",
    "USCC-REGION",
    "USCC-CITY",
    "FILE-NAME",
    "FILE-STRAY",
    "FILE-NOT-REGULAR",
    "FILE-NAME-CONTROL",
    "TOO-MANY-FINDINGS",
    "TEXT-QUOTES",
    "PUBLIC-PERSONAL",
    "PUBLIC-NAME",
    "TEXT-INVISIBLE",
    "DUPLICATE-APPLICANT",
    "REVIEW-SCORE",
    "REVIEW-VERDICT",
    "REVIEW-CONFLICT",
    "RECORD-FOLDER",
    "RECOMMENDATION-BUREAU",
    "RECOMMENDATION-REGION",
    "RECORD-APPLICATION",
    "RECORD-ORDER",
    "RECORD-FUTURE",
    "REVIEW-NOT-RECOMMENDED",
    "DECISION-NOT-RECOMMENDED",
    "DECISION-UNREVIEWED",
    "DECISION-INCOMPLETE",
    "DECISION-DUPLICATE",
    "PUBLICITY-BEFORE-DECISION",
    "PUBLICITY-DAYS",
    "PUBLICATION-EARLY",
    # comparisons with the base of a pull request
    "LATE-APPLICATION",
    "APPLICATION-LOCKED",
    "RECORD-LOCKED",
    "CHANGE-REGIONS",
    "CHANGE-STAGES",
    "LATE-RECOMMENDATION",
    "LATE-REVIEW",
    "EARLY-PUBLICATION",
    "PUBLICITY-BACKDATED",
    "CHANGE-TOOLING",
    "CACHE-TRACKED",
    # who may change what
    "ACCESS-UNKNOWN",
    "ACCESS-FORBIDDEN",
    "ACCOUNT-LOGIN",
    # CODEOWNERS
    "CODEOWNERS-STALE",
    "CODEOWNERS-UNOWNED",
    "CODEOWNERS-REGION",
    "TEMPLATE-PLACEHOLDER",
    "DATE-WINDOW",
    "FOUNDED-AFTER-DEADLINE",
    "DEMO-PERIOD",
    "BACKBONE-INDICATOR-YEARS",
    "BACKBONE-RD-SHARE",
    "BACKBONE-LISTED",
    "BACKBONE-ROUTES",
    "BACKBONE-LARGE-FALL",
    "BATCH-DATES-ORDER",
    "BATCH-YEARS",
    "BATCH-PRACTICE",
    "INTAKE-UNPLACED",
    "REGIONS-DUPLICATE",
    "REVIEWERS-REGION",
    "CONFIG-MISSING",
    "INTERNAL-ERROR",
}

# -- the registry itself ---------------------------------------------------------------


_SCHEMA_MAPS = ("properties", "$defs")  # keywords whose values map names to subschemas
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")  # keywords whose values list subschemas
_SCHEMA_ONE = ("items", "additionalProperties", "propertyNames", "not", "if", "then", "else")


def _walk(node: Any, inside_if: bool = False) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every subschema of a schema, with whether it sits inside an `if` condition."""
    if not isinstance(node, dict):
        return
    yield node, inside_if
    for keyword in _SCHEMA_MAPS:
        for child in node.get(keyword, {}).values():
            yield from _walk(child, inside_if)
    for keyword in _SCHEMA_LISTS:
        for child in node.get(keyword, []):
            yield from _walk(child, inside_if)
    for keyword in _SCHEMA_ONE:
        yield from _walk(node.get(keyword), inside_if or keyword == "if")


def _schemas() -> dict[str, Any]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMAS.glob("*.schema.json"))}


def _strings_in_tests(files: tuple[str, ...] | None = None) -> set[str]:
    """String constants of the test modules (all, or `files`): where a test names a code.

    In this module the top-level tables (UNREACHABLE, SPECIFIED_HERE, ...) are left out,
    so that listing a code there never counts as specifying it.
    """
    found: set[str] = set()
    for path in sorted(TESTS.rglob("*_test.py")):
        relative = path.relative_to(TESTS).as_posix()
        if files is not None and relative not in files:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = tree.body
        if path.resolve() == Path(__file__).resolve():
            nodes = [node for node in nodes if not isinstance(node, (ast.Assign, ast.AnnAssign))]
        for top in nodes:
            found.update(
                node.value for node in ast.walk(top) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            )
    return found


def test_finding_codes_are_unique() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes)), sorted(code for code in codes if codes.count(code) > 1)


def test_every_code_is_upper_case_ascii_with_a_chinese_title() -> None:
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]+(-[A-Z]+)*", rule.code), rule.code
        assert CJK.search(rule.title), rule


def test_the_warnings_are_exactly_the_points_left_to_reviewers() -> None:
    assert {rule.code for rule in RULES if rule.severity is Severity.WARNING} == WARNINGS


def test_with_severity_gives_a_finding_the_severity_of_its_code() -> None:
    finding = Finding("x.yaml", 1, 1, min(WARNINGS), "警告", severity=Severity.ERROR)
    assert with_severity(finding).severity is Severity.WARNING
    unknown = Finding("x.yaml", 1, 1, "NOT-A-CODE", "未知")
    assert with_severity(unknown) is unknown


def test_every_x_code_used_in_a_schema_is_registered() -> None:
    used = {
        (name, node["x-code"]) for name, schema in _schemas().items() for node, _ in _walk(schema) if "x-code" in node
    }
    assert used, "no x-code found: the schemas moved?"
    assert [pair for pair in sorted(used) if pair[1] not in BY_CODE] == []


def test_every_keyword_that_can_fail_without_an_x_code_has_a_registered_generic_code() -> None:
    structural = {"required": "SCHEMA-REQUIRED", "additionalProperties": "SCHEMA-UNKNOWN-FIELD"}
    applicators = {*_SCHEMA_MAPS, *_SCHEMA_LISTS, *_SCHEMA_ONE, "$ref"} - {"additionalProperties", "not", "anyOf"}
    annotations = {"title", "description", "examples", "$schema", "$id"}
    generic: set[tuple[str, str]] = set()
    for schema in _schemas().values():
        for node, inside_if in _walk(schema):
            if "x-code" in node or inside_if:  # an `if` condition's failure is never reported
                continue
            for keyword in node.keys() - applicators - annotations:
                if not keyword.startswith("x-"):
                    generic.add((keyword, structural.get(keyword, f"SCHEMA-{keyword.upper()}")))
    assert {"SCHEMA-ENUM", "SCHEMA-UNIQUEITEMS", "SCHEMA-MAXITEMS"} <= {code for _, code in generic}
    assert sorted(pair for pair in generic if pair[1] not in BY_CODE) == []


def test_every_format_keyword_carries_its_own_x_code() -> None:
    """Why SCHEMA-FORMAT is unreachable; if this fails, write a real test for it instead."""
    formats = [(name, node) for name, schema in _schemas().items() for node, _ in _walk(schema) if "format" in node]
    assert formats, "no `format` at all: SCHEMA-FORMAT is unreachable for a simpler reason"
    assert [(name, node["format"]) for name, node in formats if "x-code" not in node] == []


def test_every_const_keyword_carries_its_own_x_code_or_sits_in_an_if_condition() -> None:
    """Why SCHEMA-CONST is unreachable; if this fails, write a real test for it instead."""
    consts = [
        (name, node, inside_if)
        for name, schema in _schemas().items()
        for node, inside_if in _walk(schema)
        if "const" in node
    ]
    assert consts
    assert [(name, node["const"]) for name, node, inside_if in consts if not inside_if and "x-code" not in node] == []


def test_unreachable_codes_are_registered_and_not_retired() -> None:
    assert UNREACHABLE <= ACTIVE


def test_this_suite_specifies_every_code_but_the_loaders_and_the_unreachable() -> None:
    assert ACTIVE - LOADER_CODES - UNREACHABLE == SPECIFIED_HERE
    assert not SPECIFIED_HERE & UNREACHABLE


def test_each_code_specified_here_is_expected_by_a_test_of_this_suite() -> None:
    named = _strings_in_tests(SUITE_FILES)
    assert sorted(SPECIFIED_HERE - named) == []


def test_every_reachable_code_appears_in_some_test_file() -> None:
    assert sorted(ACTIVE - UNREACHABLE - _strings_in_tests()) == []


# -- the safety net for rules that fail ----------------------------------------------


def test_a_rule_that_raises_is_reported_as_internal_error_and_the_other_rules_still_run(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(app: object) -> list[Finding]:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(check_module, "CHECKS", (broken, *check_module.CHECKS))
    sample_repo.replace(SAMPLES["demo"], 'end: "2021-06"', 'end: "2020-06"')
    finding = expect_one(sample_repo, SAMPLES["demo"], "INTERNAL-ERROR")
    assert at(finding) == (1, 1)
    assert_chinese(finding.message, "内部错误", "broken", "ZeroDivisionError")
    assert "DEMO-PERIOD" in codes_of(sample_repo, SAMPLES["demo"])
