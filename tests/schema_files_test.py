"""The schema files themselves: valid 2020-12 schemas, stable ids, and every property documented."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from accel666 import schema as schema_module
from accel666.codeowners import owners_of, parse
from accel666.load import load_document
from accel666.schema import NAMES, all_schemas, normalised, resolve
from builders import ROOT

SCHEMA_FILES = sorted((ROOT / "schemas").glob("*.schema.json"))
PUBLIC_FIELDS = ROOT / "tests" / "resources" / "public-fields.txt"


def properties(name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of schema `name` (through $refs and list items), merged with its target."""
    stack: list[tuple[str, dict[str, Any]]] = [("", resolve(normalised(name)))]
    while stack:
        path, node = stack.pop()
        for key, raw in node.get("properties", {}).items():
            prop = resolve(raw)
            yield f"{path}/{key}", prop
            stack.append((f"{path}/{key}", prop))
        items = node.get("items")
        if isinstance(items, dict):
            stack.append((f"{path}/#", resolve(items)))
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            stack.append((f"{path}/*", resolve(extra)))


def test_the_package_ships_exactly_the_schema_files_of_the_repository() -> None:
    assert sorted(f"{name}.schema.json" for name in NAMES) == [path.name for path in SCHEMA_FILES]
    for path in SCHEMA_FILES:
        assert json.loads(path.read_bytes()) == all_schemas()[path.name.removesuffix(".schema.json")]


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_valid_2020_12_schema_with_a_stable_id(name: str) -> None:
    schema = all_schemas()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://accel666.example/schemas/{name}.schema.json"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", [n for n in NAMES if n != "common"])
def test_every_property_has_a_chinese_title_and_description(name: str) -> None:
    missing = [path for path, prop in properties(name) if not (prop.get("title") and prop.get("description"))]
    assert missing == []
    for path, prop in properties(name):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in prop["title"]), path


@pytest.mark.parametrize("name", [n for n in NAMES if n != "common"])
def test_every_value_field_has_an_example(name: str) -> None:
    def holds_values(prop: dict[str, Any]) -> bool:  # not an object, nor a list of objects
        inner = resolve(prop.get("items", {})) if prop.get("type") == "array" else prop
        return inner.get("type") != "object"

    leaves = [(path, prop) for path, prop in properties(name) if holds_values(prop) and not path.endswith("#")]
    assert leaves
    assert [path for path, prop in leaves if not (prop.get("examples") or "enum" in prop or "const" in prop)] == []


@pytest.mark.parametrize("name", [n for n in NAMES if n != "common"])
def test_forms_are_closed_so_typos_are_caught(name: str) -> None:
    objects = [
        path or "/"
        for path, prop in [("", resolve(normalised(name))), *properties(name)]
        if prop.get("type") == "object"
    ]
    open_objects = [
        path
        for path, prop in [("", resolve(normalised(name))), *properties(name)]
        if prop.get("type") == "object" and prop.get("additionalProperties", True) is True
    ]
    assert objects
    assert open_objects == []


def test_publishable_fields_are_marked_and_people_and_money_are_not() -> None:
    public = {
        (name, path)
        for name in ("cloud-center", "backbone", "demo-enterprise")
        for path, prop in properties(name)
        if prop.get("x-public")
    }
    assert ("backbone", "/project_name") in public
    assert ("backbone", "/cases") in public
    assert ("demo-enterprise", "/project_type") in public
    private_words = (
        "contact",
        "legal_representative",
        "project_leader",
        "indicators",
        "narratives",
        "address",
        "postcode",
        "rd_expense",
        "uscc",
        "summary",
    )
    leaked = [
        (name, path)
        for name, path in public
        if any(f"/{word}" in path for word in private_words) and not path.endswith("public_summary")
    ]
    assert leaked == []
    assert all(
        isinstance(prop.get("x-public", False), bool)
        for name in NAMES
        if name != "common"
        for _, prop in properties(name)
    )


def marked_public() -> set[str]:
    """`schema /pointer` of every property marked x-public, `*` for a list's items."""
    return {
        f"{name} {path.replace('/#', '/*')}"
        for name in NAMES
        if name != "common"
        for path, prop in properties(name)
        if prop.get("x-public")
    }


def reviewed_public() -> set[str]:
    lines = PUBLIC_FIELDS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_the_public_fields_are_exactly_the_reviewed_list() -> None:
    """The list is checked in, not derived from the schemas under test: a change that marks
    a field x-public (say an application's contact) fails here unless it also edits the
    list, which the province owns in CODEOWNERS."""
    assert sorted(marked_public() ^ reviewed_public()) == []


def test_the_reviewed_list_is_owned_by_the_province() -> None:
    """Matched as GitHub matches CODEOWNERS (last matching line wins)."""
    rules = parse((ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    reviewers = load_document((ROOT / "submissions" / "reviewers.yaml").read_bytes(), "reviewers.yaml").data
    assert isinstance(reviewers, dict)
    assert owners_of(rules, PUBLIC_FIELDS.relative_to(ROOT).as_posix()) == tuple(reviewers["province"])


def test_marking_an_applications_contact_public_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The attack of the issue: `"x-public": true` on the contact of an application."""
    schemas = copy.deepcopy(all_schemas())
    schemas["backbone"]["properties"]["contact"]["x-public"] = True
    normalised.cache_clear()
    monkeypatch.setattr(schema_module, "all_schemas", lambda: schemas)
    try:
        assert marked_public() - reviewed_public() == {"backbone /contact"}
    finally:
        normalised.cache_clear()
