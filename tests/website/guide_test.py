"""申报指南 (docs/guide.md): an applicant's part without YAML or schemas, and the bureaus' commands.

The applicants' part links the site's form pages by relative URLs with a trailing slash
(`../form/<category>/`): MkDocs leaves such a link as it is and only notes it (level
INFO, which `--strict` does not count), so the guide builds whether or not the form
pages are in the same build, and the browser resolves it from /guide/ to /form/<category>/.
"""

from __future__ import annotations

import re

from accel666.cli import COMMANDS
from accel666.schema import all_schemas
from accel666.vocabulary import FORMS
from builders import ROOT

GUIDE = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
APPLICANTS = GUIDE[GUIDE.index("{ #applicants }") : GUIDE.index("{ #bureaus }")]
BUREAUS = GUIDE[GUIDE.index("{ #bureaus }") :]


def test_the_applicants_part_links_each_form_page_by_its_annex_slug() -> None:
    links = re.findall(r"\]\((\.\./form/[^)]*)\)", APPLICANTS)
    assert links == [f"../form/{category}/" for category in FORMS]


def test_the_applicants_part_names_no_yaml_key_no_schema_and_no_command() -> None:
    assert "schema" not in APPLICANTS.lower() and "JSON" not in APPLICANTS
    keys = {key for name in FORMS for key in _keys(all_schemas()[name])}
    written = set(re.findall(r"`([a-z_]+):?`", APPLICANTS)) | set(re.findall(r"^\s*([a-z_]+):", APPLICANTS, re.M))
    assert written & keys == set()
    assert "accel666 " not in APPLICANTS.split("### 用 Git 申报")[0]  # the web form's steps need no command


def test_the_bureaus_part_shows_the_everyday_commands_and_the_practice_path() -> None:
    for command in ("intake", "status --region", "new decision", "new recommendation", "check --base"):
        assert f"accel666 {command}" in BUREAUS, command
    assert {"intake", "status", "new", "check", "validate", "fix"} <= set(COMMANDS)
    practice = BUREAUS[BUREAUS.index("{ #practice }") :]
    assert "--batch practice" in practice and "check --base main --head" in practice
    assert "不要推送" in practice


def _keys(schema: object) -> set[str]:
    """Every property name in a schema, at any depth."""
    if isinstance(schema, dict):
        found = set(schema.get("properties", {})) if isinstance(schema.get("properties"), dict) else set()
        return found | {key for value in schema.values() for key in _keys(value)}
    if isinstance(schema, list):
        return {key for value in schema for key in _keys(value)}
    return set()
