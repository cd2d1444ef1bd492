"""A commented YAML template for one form or workflow record, generated from its schema.

Every field appears with its Chinese title, whether it is required, its description and
an example as comments; required values are left empty (or carry a “（请填写…）”
placeholder in a form's multi-line texts) so that validating a fresh template lists
exactly what is still to be filled. Optional fields are commented out.

Given values (`Prefill.data`: a whole application, e.g. a row of 附件3 imported from
Excel, or what the command line knows about a record), the same template is written
filled: every value at its field, optional fields that have a value uncommented, texts
of several lines as `|-` blocks, other texts quoted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from accel666.schema import all_schemas, choices, normalised, resolve
from accel666.vocabulary import FORMS, PLACEHOLDER, RECORDS

Path = tuple[str | int, ...]  # keys, and list indices as ints
_MISSING = object()
# What a `|-` block cannot carry exactly (the loader refuses control characters; \r would become \n).
_NOT_IN_BLOCK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufeff]")
# Folders between the repository root and each kind of file (accel666.repository's layout);
# an application sits four deep: submissions/<batch>/<region>/<category>/<USCC>.yaml.
_DEPTHS = {"recommendation": 5, "review": 5, "decision": 2, "publicity": 2, "publication": 2}


@dataclass(frozen=True)
class Prefill:
    """Values known before the applicant (or the bureau, expert, province) starts."""

    batch: str | None = None
    region: str | None = None
    uscc: str | None = None
    variant: str | None = None
    years: tuple[int, ...] = ()
    data: Mapping[str, Any] | None = None  # every value it has is written at its field
    command: str = ""  # what writes the file, named in its third line (default: accel666 new CATEGORY)
    notes: Mapping[Path, tuple[str, ...]] = field(default_factory=dict)  # extra comment lines above a field
    # A list's items to choose from, each written commented out under its key: uncommented where
    # it stands, an item is a valid entry of the list (a decision's recommended applications).
    choices: Mapping[Path, tuple[str, ...]] = field(default_factory=dict)


def schema_path(category: str, depth: int | None = None) -> str:
    """The schema's path relative to a file `depth` folders below the repository root (default: where it goes)."""
    folders = _DEPTHS.get(category, 4) if depth is None else depth
    return "../" * folders + f"schemas/{category}.schema.json"


def _amid_chinese(words: str) -> str:
    """`words` inside a Chinese sentence: a space apart where its edge is Latin (a command), none where it is Chinese."""
    before = " " if words[:1].isascii() else ""
    after = " " if words[-1:].isascii() else ""
    return f"{before}{words}{after}"


def template_text(category: str, prefill: Prefill) -> str:
    """The template of a form (`category`) or of a workflow record (one of schema.RECORDS)."""
    schema = all_schemas()[category]
    annex = f"（附件{schema['x-annex']}）" if "x-annex" in schema else ""  # records are not in the notice's annexes
    lines = [
        f"# yaml-language-server: $schema={schema_path(category)}",
        f"# {schema['title']}{annex}",
        f"# 由{_amid_chinese(prefill.command or f'accel666 new {category}')}根据 schemas/{category}.schema.json 生成。",
        "# 每个字段上方的注释说明它的含义、是否必填和示例；“（选填）”的字段不需要时保持注释即可。",
        "# 填写后在仓库根目录运行：accel666 validate 本文件路径",
    ]
    if category == "backbone" or category in RECORDS:  # the requirements; for a record, where it goes and who merges it
        lines.append(_comment(schema["description"], 0))
    lines.extend(_object(category, _for_variant(resolve(normalised(category)), prefill.variant), 0, prefill, ()))
    return "\n".join(lines) + "\n"


def _for_variant(schema: dict[str, Any], variant: str | None) -> dict[str, Any]:
    """Apply the `if variant == X then ...` branches of the schema for the chosen variant.

    A branch's `required` adds required fields (云基地's `location`); a property the
    branch forbids (`not: {}`) is left out of the template (云服务中心 has no `location`).
    """
    required = list(schema.get("required", ()))
    properties = dict(schema.get("properties", {}))
    for branch in schema.get("allOf", ()):
        condition = branch.get("if", {}).get("properties", {}).get("variant", {})
        if variant is None or condition.get("const") != variant:
            continue
        then = branch.get("then", {})
        required += then.get("required", [])
        for key, rule in then.get("properties", {}).items():
            if rule.get("not") == {}:
                properties.pop(key, None)
    return {**schema, "required": required, "properties": properties}


def _comment(text: str, indent: int, prefix: str = "") -> str:
    return " " * indent + "# " + prefix + text


def _object(
    name: str, schema: dict[str, Any], indent: int, prefill: Prefill, path: Path, *, spaced: bool = True
) -> list[str]:
    """The fields of an object, each after a blank line unless not `spaced` (inside a list item)."""
    lines: list[str] = []
    required = set(schema.get("required", ()))
    for key, raw in schema.get("properties", {}).items():
        prop = resolve(raw)
        if spaced:
            lines.append("")
        lines.extend(_describe(prop, key in required, indent, _PUBLIC.get(name, "入选后公开")))
        lines.extend(_comment(note, indent) for note in prefill.notes.get((*path, key), ()))
        body = _field(name, key, prop, indent, prefill, (*path, key))
        if key not in required and _given(prefill, (*path, key)) is _MISSING:
            body = [" " * indent + "# " + line[indent:] if line else line for line in body]
        lines.extend(body)
    return lines


def _given(prefill: Prefill, path: Path) -> Any:
    """The value `prefill.data` has at `path`, or _MISSING."""
    node: Any = prefill.data
    if node is None:
        return _MISSING
    for part in path:
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            continue
        if not (isinstance(node, Mapping) and part in node):
            return _MISSING
        node = node[part]
    return node


# When an `x-public` field is published: an application's (and its recommendation's) when it
# is selected; the 公示's objection contact while the 公示 runs.
_PUBLIC = {"publicity": "公示期间公开"}


def _describe(prop: dict[str, Any], required: bool, indent: int, published: str) -> list[str]:
    flag = "必填" if required else "选填"
    public = f"，{published}" if prop.get("x-public") else ""
    lines = [_comment(f"{prop.get('title', '')}（{flag}{public}）：{prop.get('description', '')}", indent)]
    example = _example(prop)
    if example is not None:
        lines.append(_comment(f"例如：{example}", indent))
    return lines


def _example(prop: dict[str, Any]) -> str | None:
    if "enum" in prop:
        return choices(prop["enum"])
    shown = [yaml_scalar(e) for e in prop.get("examples", ()) if not isinstance(e, (dict, list)) and len(str(e)) < 60]
    return " 或 ".join(shown) if shown else None


def _field(name: str, key: str, prop: dict[str, Any], indent: int, prefill: Prefill, path: Path) -> list[str]:
    pad = " " * indent
    kind = prop.get("type")
    if kind == "object":
        return [f"{pad}{key}:", *_object(name, prop, indent + 2, prefill, path)]
    if kind == "array":
        return _array(name, key, prop, indent, prefill, path)
    value = _prefilled(key, prop, prefill, path)
    if value is not None:
        return _assignment(pad, key, value)
    # Only forms run the TEMPLATE-PLACEHOLDER rule: a record's text is left empty, which the schema names.
    if prop.get("minLength", 0) >= 10 and kind == "string" and name in FORMS:
        return [f"{pad}{key}: |", f"{pad}  {PLACEHOLDER}{prop.get('title', '')}）"]
    return [f"{pad}{key}: {yaml_scalar(_empty(prop))}".rstrip()]


def _array(name: str, key: str, prop: dict[str, Any], indent: int, prefill: Prefill, path: Path) -> list[str]:
    pad = " " * indent
    if path in prefill.choices:
        return [f"{pad}{key}:", *(f"{pad}  # {item}" for item in prefill.choices[path])]
    if _given(prefill, path) == []:
        return [f"{pad}{key}: []"]  # known to be empty so far (a decision's lists), not one item to fill
    return [f"{pad}{key}:", *_items(name, key, prop, indent + 2, prefill, path)]


def _empty(prop: dict[str, Any]) -> str | None:
    """An unfilled value: `""` where the answer is a text, nothing (`key:`) for numbers and true/false."""
    choices = prop.get("enum", [prop["const"]] if "const" in prop else [])
    return "" if prop.get("type") == "string" or any(isinstance(choice, str) for choice in choices) else None


def _assignment(pad: str, key: str, value: object) -> list[str]:
    if isinstance(value, str) and _block(value):
        body, chomp = (value[:-1], "") if value.endswith("\n") else (value, "-")
        return [f"{pad}{key}: |{chomp}", *(f"{pad}  {line}" if line else "" for line in body.split("\n"))]
    return [f"{pad}{key}: {yaml_scalar(value)}"]


def _block(text: str) -> bool:
    """Whether a text of several lines reads back exactly from a `|` or `|-` block (and survives the whitespace hooks)."""
    body = text.removesuffix("\n")
    lines = body.split("\n")
    return (
        "\n" in text
        and body[:1] not in ("", " ", "\t", "\n")
        and all(line == line.rstrip() for line in lines)
        and lines[-1] != ""
        and not _NOT_IN_BLOCK.search(text)
    )


def _items(name: str, key: str, prop: dict[str, Any], indent: int, prefill: Prefill, path: Path) -> list[str]:
    item = resolve(prop.get("items", {}))
    given = _given(prefill, path)
    count = len(given) if isinstance(given, list) else max(prop.get("minItems", 1), 1)
    lines: list[str] = []
    for index in range(count):
        lines.append(_comment(f"第 {index + 1} 项", indent))
        years = prefill.years or (2017, 2018, 2019)
        sub = Prefill(
            **{**prefill.__dict__, "years": (years[index],) if key == "indicators" and index < len(years) else ()}
        )
        body = _object(name, item, indent + 2, sub, (*path, index), spaced=False)  # no blank lines in an item
        first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
        body[first] = " " * indent + "- " + body[first][indent + 2 :]
        lines.extend(body)
    return lines


def _prefilled(key: str, prop: dict[str, Any], prefill: Prefill, path: Path) -> object:
    given = _given(prefill, path)
    if given is not _MISSING:
        return given
    if "const" in prop and not isinstance(prop["const"], bool):
        # A fixed text is filled in; a fixed true is a declaration (无利益冲突声明) the person makes.
        return prop["const"]
    known: dict[tuple[str, ...], object] = {
        ("batch",): prefill.batch,
        ("region",): prefill.region,
        ("variant",): prefill.variant,
        ("applicant", "uscc"): prefill.uscc,
        ("enterprise", "uscc"): prefill.uscc,
        ("indicators", "#", "year"): prefill.years[0] if prefill.years else None,
    }
    return known.get(tuple("#" if isinstance(part, int) else part for part in path))


def yaml_scalar(value: object) -> str:
    if value is None:
        return ""  # callers strip the trailing space: `key:` alone means "not filled"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")  # never 1e-05: the loader reads that as text
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
