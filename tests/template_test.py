"""`accel666 new`: a commented template generated from the form's schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from stdnum.cn import uscc

from accel666 import schema as schema_module
from accel666.cli import main
from accel666.template import Prefill, template_text
from builders import ROOT, SampleRepo, tree_env

CONSOLE_SCRIPT = Path(sys.executable).parent / "accel666"
# (category, variant): every template `accel666 new` can write.
KINDS = [("backbone", None), ("demo-enterprise", None), ("cloud-center", "云服务中心"), ("cloud-center", "云基地")]
KIND_IDS = ["backbone", "demo-enterprise", "service-center", "cloud-base"]


def new_args(category: str, variant: str | None) -> list[str]:
    return ["new", category, *(["--variant", variant] if variant else [])]


def template(category: str, variant: str | None, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(new_args(category, variant)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def make_uscc(region: str, serial: int) -> str:
    body = f"91{region}MA{serial:07d}"
    return body + uscc.calc_check_digit(body)


# -- what the schema says the template must contain -----------------------------------


def load_schemas() -> dict[str, dict[str, Any]]:
    """The raw schema files, local `#/...` refs rewritten to name their document."""

    def absolute(node: Any, name: str) -> Any:
        if isinstance(node, dict):
            copy = {key: absolute(value, name) for key, value in node.items()}
            if isinstance(copy.get("$ref"), str) and copy["$ref"].startswith("#"):
                copy["$ref"] = f"{name}.schema.json{copy['$ref']}"
            return copy
        if isinstance(node, list):
            return [absolute(item, name) for item in node]
        return node

    schemas = {}
    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        name = path.name.removesuffix(".schema.json")
        schemas[name] = absolute(json.loads(path.read_text(encoding="utf-8")), name)
    return schemas


SCHEMAS = load_schemas()


def merged(node: dict[str, Any]) -> dict[str, Any]:
    """A subschema with its `$ref` chain merged in (the referring schema's keys win)."""
    result: dict[str, Any] = {}
    current: dict[str, Any] | None = node
    while current is not None:
        for key, value in current.items():
            result.setdefault(key, value)
        ref = current.get("$ref")
        if ref is None:
            current = None
            continue
        document, _, fragment = ref.partition("#")
        current = SCHEMAS[document.removesuffix(".schema.json")]
        for part in filter(None, fragment.split("/")):
            current = current[part]
    result.pop("$ref", None)
    return result


@dataclass(frozen=True)
class Expected:
    key: str
    title: str
    required: bool  # in its parent object
    commented: bool  # its line is commented out (it or an ancestor is optional)
    depth: int  # 0 for the file's top level


def variant_rules(category: str, variant: str | None) -> tuple[set[str], set[str]]:
    """Top-level keys that the variant's branch of the schema makes required, and forbids."""
    required: set[str] = set()
    forbidden: set[str] = set()
    for branch in SCHEMAS[category].get("allOf", []):
        condition = branch.get("if", {}).get("properties", {}).get("variant", {})
        if variant is None or condition.get("const") != variant:
            continue
        then = branch.get("then", {})
        required.update(then.get("required", []))
        forbidden.update(key for key, sub in then.get("properties", {}).items() if sub.get("not") == {})
    return required, forbidden


def expected_fields(category: str, variant: str | None) -> Iterator[Expected]:
    """Every property of the form, depth first in schema order, as the template lists them."""
    extra_required, forbidden = variant_rules(category, variant)

    def walk(node: dict[str, Any], commented: bool, depth: int) -> Iterator[Expected]:
        top = depth == 0
        required = set(node.get("required", ()))
        if top:
            required |= extra_required
        for key, raw in node.get("properties", {}).items():
            if top and key in forbidden:
                continue
            prop = merged(raw)
            is_required = key in required
            hidden = commented or not is_required
            yield Expected(key, prop["title"], is_required, hidden, depth)
            if prop.get("type") == "object":
                yield from walk(prop, hidden, depth + 1)
            elif prop.get("type") == "array":
                yield from walk(merged(prop.get("items", {})), hidden, depth + 1)

    yield from walk(merged(SCHEMAS[category]), commented=False, depth=0)


def test_the_walk_over_the_schemas_finds_nested_and_list_fields() -> None:
    # Guards the helper itself: a broken walk would make the template checks below vacuous.
    keys = [field.key for field in expected_fields("backbone", None)]
    assert {"applicant", "uscc", "intellectual_property", "patents", "indicators", "debt_ratio", "cases"} <= set(keys)
    assert len(keys) > 40
    service = {field.key for field in expected_fields("cloud-center", "云服务中心")}
    base = {field.key: field for field in expected_fields("cloud-center", "云基地")}
    assert "location" not in service
    assert base["location"].required


# -- the template as printed ---------------------------------------------------------


@pytest.mark.parametrize(("category", "variant"), KINDS, ids=KIND_IDS)
def test_template_starts_with_the_schema_comment_pointing_at_the_right_schema(
    category: str, variant: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    text = template(category, variant, capsys)
    first = text.splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    reference = first.removeprefix(prefix)
    # The template is meant for submissions/<batch>/<region>/<category>/<USCC>.yaml.
    folder = ROOT / "submissions" / "2020-1" / "320500" / category
    target = (folder / reference).resolve()
    assert target == (ROOT / "schemas" / f"{category}.schema.json").resolve()
    assert target.is_file()


@pytest.mark.parametrize(("category", "variant"), KINDS, ids=KIND_IDS)
def test_template_names_the_form_it_is_for(
    category: str, variant: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    text = template(category, variant, capsys)
    schema = SCHEMAS[category]
    assert text.splitlines()[1] == f"# {schema['title']}（附件{schema['x-annex']}）"


@pytest.mark.parametrize(("category", "variant"), KINDS, ids=KIND_IDS)
def test_template_lists_every_schema_field_with_its_title_required_uncommented_optional_commented(
    category: str, variant: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_lists_every_field(template(category, variant, capsys), category, variant)


def assert_lists_every_field(text: str, category: str, variant: str | None) -> None:
    """Each field of the schema, in order: its title and flag as a comment, then its key, live or commented out."""
    lines = text.splitlines()
    position = 0
    for field in expected_fields(category, variant):
        flag = "必填" if field.required else "选填"
        heading = f"# {field.title}（{flag}"
        found = next((i for i in range(position, len(lines)) if heading in lines[i]), None)
        assert found is not None, f"no comment “{heading}” for {field.key} after line {position + 1}"
        assert lines[found].lstrip().startswith("#")
        following = found + 1
        if "# 例如：" in lines[following]:
            following += 1
        key_line = lines[following]
        marker = r"(?:#\s+)+" if field.commented else ""  # an optional field inside an optional object: twice
        pattern = rf"\s*{marker}(- )?{field.key}:.*"
        assert re.fullmatch(pattern, key_line), (
            f"{field.key} ({flag}) should be {'commented out' if field.commented else 'a live line'}: "
            f"line {following + 1} is {key_line!r}"
        )
        position = following + 1


@pytest.mark.parametrize(("category", "variant"), KINDS, ids=KIND_IDS)
def test_template_is_loadable_yaml_with_exactly_the_required_top_level_fields(
    category: str, variant: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load(template(category, variant, capsys))
    assert isinstance(data, dict)
    fields = list(expected_fields(category, variant))
    assert set(data) == {field.key for field in fields if field.depth == 0 and not field.commented}
    assert data["category"] == category
    if variant:
        assert data["variant"] == variant


@pytest.mark.parametrize(("category", "variant"), KINDS, ids=KIND_IDS)
def test_template_has_no_trailing_whitespace(
    category: str, variant: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    text = template(category, variant, capsys)
    offending = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line != line.rstrip()]
    assert offending == []
    assert text.endswith("\n")
    assert not text.endswith("\n\n")


def test_service_center_template_has_no_location_line(capsys: pytest.CaptureFixture[str]) -> None:
    text = template("cloud-center", "云服务中心", capsys)
    assert not re.search(r"^[\s#]*location:", text, re.MULTILINE)
    assert "项目所在地址" not in text


def test_cloud_base_template_has_a_location_line_to_fill(capsys: pytest.CaptureFixture[str]) -> None:
    text = template("cloud-center", "云基地", capsys)
    assert "# 项目所在地址（" in text
    # The 云基地 table requires the location (schema: allOf/if 云基地/then required), so it is a live line.
    assert re.search(r"^location: ", text, re.MULTILINE), "location is commented out in the 云基地 template"


def test_template_follows_a_change_of_a_schema_title(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = schema_module.schema_bytes()
    backbone = json.loads(original["backbone"])
    backbone["title"] = "骨干企业申报表（测试改名）"
    backbone["properties"]["project_name"]["title"] = "项目全称（测试改名）"
    changed = {**original, "backbone": json.dumps(backbone, ensure_ascii=False).encode("utf-8")}

    def clear_caches() -> None:
        for cached in (schema_module.all_schemas, schema_module.normalised, schema_module.field):
            cached.cache_clear()
        schema_module.validator.cache_clear()

    clear_caches()
    monkeypatch.setattr(schema_module, "schema_bytes", lambda: changed)
    try:
        text = template("backbone", None, capsys)
    finally:
        monkeypatch.undo()
        clear_caches()
    assert "# 骨干企业申报表（测试改名）（附件2）" in text
    assert "# 项目全称（测试改名）（必填" in text
    assert "# 项目名称（必填" not in text
    # And back to the shipped schema once the change is gone.
    assert "# 项目名称（必填" in template("backbone", None, capsys)


def test_the_console_script_prints_the_template(tmp_path: Path) -> None:
    completed = subprocess.run(
        [str(CONSOLE_SCRIPT), "new", "demo-enterprise"],
        env=tree_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith(
        "# yaml-language-server: $schema=../../../../schemas/demo-enterprise.schema.json\n"
    )
    assert yaml.safe_load(completed.stdout)["filler"] == "腾讯公司"


# -- a fresh template written into the repository ----------------------------------------


def write_template(
    repo: SampleRepo, category: str, variant: str | None, code: str, monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.chdir(repo.root)
    args = [*new_args(category, variant), "--batch", "2020-1", "--region", "320500", "--uscc", code]
    assert main(args) == 0
    relpath = f"submissions/2020-1/320500/{category}/{code}.yaml"
    assert repo.path(relpath).is_file()
    return relpath


def indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" -"))


def empty_value_lines(text: str) -> list[int]:
    """1-based lines of live (uncommented) fields left empty or holding a placeholder."""
    lines = text.splitlines()
    content = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]
    empty = []
    for index, (number, line) in enumerate(content):
        match = re.fullmatch(r"\s*(?:- )?[a-z_]+:(.*)", line)
        if not match:
            continue
        value = match.group(1).strip()
        following = content[index + 1][1] if index + 1 < len(content) else ""
        if value == "|":
            if "（请填写" in following:
                empty.append(number)
        elif value in ("", '""'):
            if value == "" and following and indentation(following) > indentation(line):
                continue  # a mapping or a list: its own fields follow
            empty.append(number)
    return empty


@pytest.mark.parametrize(("category", "variant"), KINDS, ids=KIND_IDS)
def test_a_fresh_template_fails_validation_listing_the_fields_still_to_fill(
    sample_repo: SampleRepo,
    category: str,
    variant: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = make_uscc("320594", 7)
    relpath = write_template(sample_repo, category, variant, code, monkeypatch)
    capsys.readouterr()
    text = sample_repo.read(relpath)
    assert f'"{code}"' in text
    assert 'batch: "2020-1"' in text
    assert 'region: "320500"' in text

    assert main(["validate", "--no-cache", "--format", "json", relpath]) == 1
    findings = json.loads(capsys.readouterr().out)
    codes = {f["code"] for f in findings}
    assert {f["path"] for f in findings} == {relpath}
    assert "SCHEMA-UNKNOWN-FIELD" not in codes
    assert not {c for c in codes if c.startswith("YAML-")}
    assert {"SCHEMA-EMPTY", "TEMPLATE-PLACEHOLDER"} & codes
    # Nothing about what the command line filled in.
    assert not codes & {"USCC-FORMAT", "USCC-CHECKSUM", "FILE-NAME", "BATCH-FOLDER", "REGION-FOLDER", "CATEGORY"}
    # Every field the template leaves to fill is named by a finding on its line (or its block's first line).
    flagged = {f["line"] for f in findings}
    to_fill = empty_value_lines(text)
    assert to_fill, "the template leaves nothing to fill?"
    missed = [n for n in to_fill if n not in flagged and n + 1 not in flagged]
    assert missed == [], "\n".join(text.splitlines()[n - 1] for n in missed)


def test_new_refuses_to_overwrite_an_existing_file(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = make_uscc("320594", 8)
    relpath = write_template(sample_repo, "backbone", None, code, monkeypatch)
    sample_repo.write(relpath, "# 已经开始填写\n")
    capsys.readouterr()
    args = ["new", "backbone", "--batch", "2020-1", "--region", "320500", "--uscc", code]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert "已存在，不会覆盖" in captured.err
    assert "Traceback" not in captured.err
    assert sample_repo.read(relpath) == "# 已经开始填写\n"


def test_new_refuses_to_overwrite_an_output_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "draft.yaml"
    assert main(["new", "demo-enterprise", "-o", str(target)]) == 0
    first = target.read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=")
    target.write_text("keep me\n", encoding="utf-8")
    assert main(["new", "demo-enterprise", "-o", str(target)]) == 2
    assert "不会覆盖" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_backbone_template_prefills_the_batch_indicator_years(
    sample_repo: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    relpath = write_template(sample_repo, "backbone", None, make_uscc("320594", 9), monkeypatch)
    data = yaml.safe_load(sample_repo.read(relpath))
    assert [item["year"] for item in data["indicators"]] == [2017, 2018, 2019]


# -- the workflow's records, printed ---------------------------------------------------

RECORDS = ["recommendation", "review", "decision", "publicity", "publication"]
# A folder where the samples keep each kind of record: a template's schema reference is relative to it.
RECORD_FOLDERS = {
    "recommendation": "submissions/2020-1/320100/recommendations/backbone",
    "review": "submissions/2020-1/reviews/backbone/91320106MA1W7XYL3D",
    "decision": "submissions/2020-1",
    "publicity": "submissions/2020-1",
    "publication": "submissions/2020-1",
}


def leaves(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for value in node.values():
            yield from leaves(value)
    elif isinstance(node, list):
        for item in node:
            yield from leaves(item)
    else:
        yield node


@pytest.mark.parametrize("kind", RECORDS)
def test_record_template_points_at_its_schema_from_where_the_record_goes(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = template(kind, None, capsys).splitlines()[0]
    reference = first.removeprefix("# yaml-language-server: $schema=")
    folder = ROOT / RECORD_FOLDERS[kind]
    assert folder.is_dir()
    assert (folder / reference).resolve() == (ROOT / "schemas" / f"{kind}.schema.json").resolve()


@pytest.mark.parametrize("kind", RECORDS)
def test_record_template_names_the_record_and_claims_no_annex(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    lines = template(kind, None, capsys).splitlines()
    header = lines[: lines.index("")]
    assert lines[1] == f"# {SCHEMAS[kind]['title']}"
    # Records are the workflow's, not forms of the notice: no 附件 number anywhere in the header.
    assert not [line for line in header if "附件" in line]
    # The schema's description says where the file goes and who merges it.
    assert f"# {SCHEMAS[kind]['description']}" in header


@pytest.mark.parametrize("kind", RECORDS)
def test_record_template_lists_every_schema_field_with_its_title_required_uncommented_optional_commented(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_lists_every_field(template(kind, None, capsys), kind, None)


@pytest.mark.parametrize("kind", RECORDS)
def test_record_template_without_options_is_yaml_with_every_required_field_left_empty(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = template(kind, None, capsys)
    data = yaml.safe_load(text)
    fields = list(expected_fields(kind, None))
    assert set(data) == {field.key for field in fields if field.depth == 0 and not field.commented}
    # Nothing is known, so nothing is filled in; and no prompt text, which no rule would catch in a record.
    assert set(leaves(data)) <= {"", None}
    assert "（请填写" not in text


@pytest.mark.parametrize("kind", RECORDS)
def test_record_template_has_no_trailing_whitespace(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = template(kind, None, capsys)
    assert [line for line in text.splitlines() if line != line.rstrip()] == []
    assert text.endswith("\n")
    assert not text.endswith("\n\n")


def test_review_template_leaves_the_conflict_of_interest_declaration_to_the_expert(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The schema admits only `true`; writing it in for the expert would make the declaration meaningless.
    text = template("review", None, capsys)
    assert re.search(r"^declaration:$", text, re.MULTILINE)
    assert yaml.safe_load(text)["declaration"] is None
    assert yaml.safe_load(text)["scores"] == {
        "innovation": None,
        "capability": None,
        "benefit": None,
        "demonstration": None,
    }


def test_the_publicity_contact_is_labelled_public_while_the_publicity_runs(capsys: pytest.CaptureFixture[str]) -> None:
    text = template("publicity", None, capsys)
    assert "（必填，公示期间公开）" in text and "入选后公开" not in text


@pytest.mark.parametrize(
    ("writer", "line"),
    [
        (
            "",
            "# 由 accel666 new backbone 根据 schemas/backbone.schema.json 生成。",
        ),  # a command: spaced off the Chinese
        ("网站申报表单", "# 由网站申报表单根据 schemas/backbone.schema.json 生成。"),  # Chinese words: no spaces
    ],
)
def test_the_third_line_names_what_wrote_the_file_as_a_chinese_sentence_would(writer: str, line: str) -> None:
    assert template_text("backbone", Prefill(command=writer)).splitlines()[2] == line
