"""A commented YAML template for one form, generated from its schema.

Every field appears with its Chinese title, whether it is required, its description and
an example as comments; required values are left empty (or carry a “（请填写…）”
placeholder in multi-line texts) so that validating a fresh template lists exactly
what is still to be filled. Optional fields are commented out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from accel666.schema import all_schemas, normalised, resolve

PLACEHOLDER = "（请填写"


@dataclass(frozen=True)
class Prefill:
    """Values known before the applicant starts (from the command line)."""

    batch: str | None = None
    region: str | None = None
    uscc: str | None = None
    variant: str | None = None
    years: tuple[int, ...] = ()


def schema_path(category: str, depth: int = 4) -> str:
    """The schema's path relative to a file `depth` folders below the repository root."""
    return "../" * depth + f"schemas/{category}.schema.json"


def render(category: str, prefill: Prefill) -> str:
    schema = all_schemas()[category]
    lines = [
        f"# yaml-language-server: $schema={schema_path(category)}",
        f"# {schema['title']}（附件{schema['x-annex']}）",
        f"# 由 accel666 new {category} 根据 schemas/{category}.schema.json 生成。",
        "# 每个字段上方的注释说明它的含义、是否必填和示例；“（选填）”的字段不需要时保持注释即可。",
        "# 填写后在仓库根目录运行：accel666 validate 本文件路径",
    ]
    if category == "backbone":
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


def _object(name: str, schema: dict[str, Any], indent: int, prefill: Prefill, path: tuple[str, ...]) -> list[str]:
    lines: list[str] = []
    required = set(schema.get("required", ()))
    for key, raw in schema.get("properties", {}).items():
        prop = resolve(raw)
        lines.append("")
        lines.extend(_describe(prop, key in required, indent))
        body = _field(name, key, prop, indent, prefill, (*path, key))
        if key not in required:
            body = [" " * indent + "# " + line[indent:] if line else line for line in body]
        lines.extend(body)
    return lines


def _describe(prop: dict[str, Any], required: bool, indent: int) -> list[str]:
    flag = "必填" if required else "选填"
    public = "，入选后公开" if prop.get("x-public") else ""
    lines = [_comment(f"{prop.get('title', '')}（{flag}{public}）：{prop.get('description', '')}", indent)]
    example = _example(prop)
    if example is not None:
        lines.append(_comment(f"例如：{example}", indent))
    return lines


def _example(prop: dict[str, Any]) -> str | None:
    if "enum" in prop:
        return "、".join(map(str, prop["enum"]))
    shown = [_scalar(e) for e in prop.get("examples", ()) if not isinstance(e, (dict, list)) and len(str(e)) < 60]
    return " 或 ".join(shown) if shown else None


def _field(
    name: str, key: str, prop: dict[str, Any], indent: int, prefill: Prefill, path: tuple[str, ...]
) -> list[str]:
    pad = " " * indent
    kind = prop.get("type")
    if kind == "object":
        return [f"{pad}{key}:", *_object(name, prop, indent + 2, prefill, path)]
    if kind == "array":
        return [f"{pad}{key}:", *_items(name, key, prop, indent + 2, prefill, path)]
    value = _prefilled(key, prop, prefill, path)
    if value is not None:
        return [f"{pad}{key}: {_scalar(value)}"]
    if prop.get("minLength", 0) >= 10 and kind == "string":
        return [f"{pad}{key}: |", f"{pad}  {PLACEHOLDER}{prop.get('title', '')}）"]
    empty = "" if kind == "string" or "enum" in prop or "const" in prop else None
    return [f"{pad}{key}: {_scalar(empty)}".rstrip()]


def _items(
    name: str, key: str, prop: dict[str, Any], indent: int, prefill: Prefill, path: tuple[str, ...]
) -> list[str]:
    item = resolve(prop.get("items", {}))
    count = max(prop.get("minItems", 1), 1)
    lines: list[str] = []
    for index in range(count):
        lines.append(_comment(f"第 {index + 1} 项", indent))
        years = prefill.years or (2017, 2018, 2019)
        sub = Prefill(
            **{**prefill.__dict__, "years": (years[index],) if key == "indicators" and index < len(years) else ()}
        )
        body = _object(name, item, indent + 2, sub, (*path, "#"))
        body = [line for line in body if line]  # no blank lines inside a list item
        first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
        body[first] = " " * indent + "- " + body[first][indent + 2 :]
        lines.extend(body)
    return lines


def _prefilled(key: str, prop: dict[str, Any], prefill: Prefill, path: tuple[str, ...]) -> object:
    if "const" in prop:
        return prop["const"]
    known: dict[tuple[str, ...], object] = {
        ("batch",): prefill.batch,
        ("region",): prefill.region,
        ("variant",): prefill.variant,
        ("applicant", "uscc"): prefill.uscc,
        ("enterprise", "uscc"): prefill.uscc,
        ("indicators", "#", "year"): prefill.years[0] if prefill.years else None,
    }
    return known.get(path)


def _scalar(value: object) -> str:
    if value is None:
        return ""  # callers strip the trailing space: `key:` alone means "not filled"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
