"""The JSON Schemas: loading them once, and turning schema errors into Chinese findings.

The schemas under the repository's `schemas/` are the single source of truth. Besides
standard keywords they carry three annotations that the rest of the tool reads:
`x-public` (the field may be published; default private), `x-code` (the stable
finding code for an error inside that subschema) and `x-hint` (what to do, in Chinese).
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from accel666.errors import ConfigError
from accel666.findings import MAX_FINDINGS, Finding
from accel666.load import Document, pointer_of
from accel666.vocabulary import CONFIGS, FORMS, RECORDS

if TYPE_CHECKING:
    import jsonschema

NAMES = ("common", *FORMS, *CONFIGS, *RECORDS)
_TYPE_NAMES = {
    "string": "文字",
    "number": "数字",
    "integer": "整数",
    "boolean": "true 或 false",
    "object": "含下级字段的映射",
    "array": "列表（每项以“- ”开头）",
    "null": "空值",
}


def schema_bytes() -> dict[str, bytes]:
    """The raw schema files, as shipped in the package (mapped from the top-level schemas/)."""
    folder = resources.files("accel666.schemas")
    found: dict[str, bytes] = {}
    for name in NAMES:
        try:
            found[name] = folder.joinpath(f"{name}.schema.json").read_bytes()
        except OSError as exc:
            raise ConfigError(f"找不到模式文件 schemas/{name}.schema.json：{exc}") from exc
    return found


@functools.cache
def all_schemas() -> dict[str, dict[str, Any]]:
    schemas = {}
    for name, raw in schema_bytes().items():
        try:
            schemas[name] = json.loads(raw)
        except ValueError as exc:
            raise ConfigError(f"模式文件 schemas/{name}.schema.json 不是有效的 JSON：{exc}") from exc
    return schemas


@functools.cache
def validator(name: str) -> jsonschema.protocols.Validator:
    """One validator per schema, built once (tests check the schemas against the metaschema).

    The validator runs on `inlined(name)`: resolving `$ref`s through `referencing` on
    every instance took two thirds of the validation time.
    """
    # Imported on first use: a warm, fully cached run never needs it (~0.06 s saved).
    import jsonschema  # noqa: PLC0415

    checker = jsonschema.FormatChecker(formats=("date",))
    return jsonschema.Draft202012Validator(inlined(name), format_checker=checker)


_ANNOTATIONS = frozenset(
    {"title", "description", "examples", "x-public", "x-code", "x-hint", "x-format", "x-annex", "x-category"}
)
_TIGHTEST = {"maxLength": min, "minLength": max, "maximum": min, "minimum": max, "maxItems": min, "minItems": max}


@functools.cache
def inlined(name: str) -> dict[str, Any]:
    """Schema `name` with every `$ref` replaced by its target (our schemas are not recursive).

    `{"$ref": X, ...}` means "the referring keywords and X both apply". Where that can be
    written as one merged schema (annotations: the referring side wins; `required`: the
    union; bounds: the tighter) it is, since every extra subschema costs a descent per
    instance; otherwise X goes into an `allOf`.
    """

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        copy = {key: walk(value) for key, value in node.items() if key not in ("$ref", "$defs", "$id", "$schema")}
        ref = node.get("$ref")
        return _merge(copy, walk(_lookup(ref))) if isinstance(ref, str) else copy

    return walk(normalised(name))  # type: ignore[no-any-return]


def _merge(referring: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
    merged = dict(target)
    for key, value in referring.items():
        if key not in target or key in _ANNOTATIONS:
            merged[key] = value
        elif key == "required":
            merged[key] = sorted(set(value) | set(target[key]))
        elif key in _TIGHTEST:
            merged[key] = _TIGHTEST[key](value, target[key])
        else:
            return {**referring, "allOf": [*referring.get("allOf", []), target]}
    return merged


@dataclass(frozen=True)
class Field:
    """A property's schema with its $refs merged in (siblings win), and the property's own keys."""

    schema: dict[str, Any]
    own: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.schema.get("title", ""))

    @property
    def code(self) -> str | None:
        return self.schema.get("x-code")

    @property
    def hint(self) -> str:
        return str(self.schema.get("x-hint", ""))


def resolve(subschema: dict[str, Any]) -> dict[str, Any]:
    """Merge the `$ref` chain of `subschema` into one dict (the referring schema's keys win).

    Works on the normalised schemas, where every `$ref` names its document.
    """
    merged: dict[str, Any] = {}
    current: dict[str, Any] | None = subschema
    while current is not None:
        for key, value in current.items():
            merged.setdefault(key, value)
        ref = current.get("$ref")
        current = _lookup(ref) if ref else None
    merged.pop("$ref", None)
    return merged


@functools.cache
def normalised(name: str) -> dict[str, Any]:
    """A copy of schema `name` whose local refs (`#/$defs/x`) name their document."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            copy = {key: walk(value) for key, value in node.items()}
            ref = copy.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                copy["$ref"] = f"{name}.schema.json{ref}"
            return copy
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(all_schemas()[name])  # type: ignore[no-any-return]


def _lookup(ref: str) -> dict[str, Any]:
    document, _, fragment = ref.partition("#")
    node: Any = normalised(document.removesuffix(".schema.json"))
    for part in filter(None, fragment.split("/")):
        node = node[part]
    return node  # type: ignore[no-any-return]


@functools.cache
def field(name: str, path: tuple[str, ...]) -> Field:
    """The merged schema of the field at `path` (list indices written as '#')."""
    own = normalised(name)
    node = resolve(own)
    for part in path:
        if part == "#":
            own = node.get("items", {})
        else:
            own = node.get("properties", {}).get(part)
            if own is None:
                extra = node.get("additionalProperties")
                own = extra if isinstance(extra, dict) else {}
        node = resolve(own)
    return Field(node, own)


def field_path(parts: Iterable[object]) -> tuple[str, ...]:
    return tuple("#" if isinstance(p, int) else str(p) for p in parts)


def field_title(name: str, parts: list[object]) -> str:
    """Chinese title of a field, with its parents' titles for list items ("典型案例 第2项")."""
    titles: list[str] = []
    for depth, part in enumerate(parts):
        here = field(name, field_path(parts[: depth + 1]))
        if isinstance(part, int):
            titles.append(f"第 {part + 1} 项")
        elif here.title:
            titles.append(here.title)
        else:
            titles.append(str(part))
    return " › ".join(titles) if titles else "文件"


def validate_document(doc: Document, name: str) -> list[Finding]:
    """Schema findings for a loaded document, one per place and code."""
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for error in validator(name).iter_errors(doc.data):
        for finding in _translate(doc, name, error):
            if (finding.pointer, finding.code) not in seen:
                seen.add((finding.pointer, finding.code))
                findings.append(finding)
        if len(findings) > MAX_FINDINGS:  # one past the cap: check.py says there are more
            break
    return findings


def _translate(doc: Document, name: str, error: jsonschema.ValidationError) -> list[Finding]:
    parts = list(error.absolute_path)
    keyword = str(error.validator)
    if keyword == "required":
        return [_missing(doc, name, parts, error)]
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        return _unknown(doc, name, parts, error)
    if "propertyNames" in error.schema_path:
        return [_bad_key(doc, name, parts, error)]
    return [_invalid(doc, name, parts, error)]


def _bad_key(doc: Document, name: str, parts: list[object], error: jsonschema.ValidationError) -> Finding:
    """A mapping key that its parent's `propertyNames` refuses, reported at the key."""
    key = str(error.instance)
    failing = error.schema if isinstance(error.schema, dict) else {}
    hint = failing.get("x-hint", "")
    message = f"「{field_title(name, parts)}」中的 {_show(key)} {_problem(str(error.validator), error)}" + (
        f"：{hint}" if hint else "。"
    )
    code = failing.get("x-code") or f"SCHEMA-{str(error.validator).upper()}"
    return doc.finding(pointer_of([*parts, key]), code, message, at_key=True)


def _invalid(doc: Document, name: str, parts: list[object], error: jsonschema.ValidationError) -> Finding:
    pointer = pointer_of(parts)
    keyword = str(error.validator)
    title = field_title(name, parts)
    here = field(name, field_path(parts))
    # Most specific first: the property's own annotation (DEBT-RATIO on a percent), then the
    # failing subschema's (an if/then branch, a $def), then whatever the property inherits.
    failing = error.schema if isinstance(error.schema, dict) else {}
    code = here.own.get("x-code") or failing.get("x-code") or here.code
    hint = here.own.get("x-hint") or failing.get("x-hint") or here.hint
    special = _special(doc, pointer, title, error)
    if special is not None:
        return special
    problem = _problem(keyword, error)
    message = f"「{title}」{problem}" + (f"：{hint}" if hint else "。")
    return doc.finding(pointer, code or f"SCHEMA-{keyword.upper()}", message)


def _special(doc: Document, pointer: str, title: str, error: jsonschema.ValidationError) -> Finding | None:
    """Empty values, unquoted numbers and full-width characters get their own codes."""
    value = error.instance
    scalar = doc.scalars.get(pointer)
    if (value is None or value == "") and scalar is not None:
        message = f"「{title}」未填写：请按模板注释填写；如是不需要的选填字段，请删除该行或改回注释。"
        return doc.finding(pointer, "SCHEMA-EMPTY", message)
    # `type: string`, or a choice of texts (a phone: a mobile or a landline), which fails as anyOf.
    expects_text = (error.validator == "type" and error.validator_value == "string") or (
        error.validator == "anyOf"
        and not isinstance(value, str)
        and all(resolve(sub).get("type") == "string" for sub in error.validator_value)
    )
    if expects_text and scalar is not None and scalar.style is None and not isinstance(value, (dict, list)):
        message = (
            f"「{title}」应为文字，但 {scalar.text} 没有加引号，会被当作数字或布尔值（前导 0、长数字会被改变）："
            f'请写成 "{scalar.text}"（accel666 fix 可自动修正）。'
        )
        return doc.finding(pointer, "YAML-UNQUOTED", message)
    if isinstance(value, str) and scalar is not None:
        offset = next((i for i, ch in enumerate(value) if _is_fullwidth(ch)), None)
        if offset is not None and error.validator in ("pattern", "format", "type", "anyOf"):
            line = scalar.line
            column = scalar.column + offset + (1 if scalar.style in ("'", '"') else 0)
            message = (
                f"「{title}」第 {offset + 1} 个字符“{value[offset]}”是全角字符：代码、号码、日期和金额请用半角字符"
                "（accel666 fix 可自动修正）。"
            )
            return Finding(doc.path, line, column, "FULLWIDTH", message, pointer=pointer)
    return None


def _is_fullwidth(ch: str) -> bool:
    return "\uff01" <= ch <= "\uff5e" or ch == "\u3000"


def choices(values: Iterable[object]) -> str:
    """Allowed values as one line: joined with 、, or with ； when a value has a 、 of its own
    (纺织服装、服饰业 is one industry, not two)."""
    shown = [str(value) for value in values]
    return ("；" if any("、" in value for value in shown) else "、").join(shown)


def _problem(keyword: str, error: jsonschema.ValidationError) -> str:  # noqa: PLR0911 - one case per keyword
    value, limit = error.instance, error.validator_value
    shown = _show(value)
    if keyword == "type":
        wanted = "或".join(_TYPE_NAMES.get(t, t) for t in ([limit] if isinstance(limit, str) else limit))
        return f"应填写{' ' if wanted.isascii() or wanted[0].isascii() else ''}{wanted}，现为 {shown}"
    if keyword == "enum":
        return f"的取值 {shown} 不在允许范围内（可选：{choices(limit)}）"
    if keyword == "const":
        return f"应为 {_show(limit)}，现为 {shown}"
    if keyword in ("minLength", "maxLength"):
        bound = "至少" if keyword == "minLength" else "最多"
        return f"长度为 {len(value)} 字，{bound} {limit} 字"
    if keyword in ("minItems", "maxItems"):
        bound = "至少" if keyword == "minItems" else "最多"
        return f"有 {len(value)} 项，{bound}应有 {limit} 项"
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        relation = {
            "minimum": "不能小于",
            "exclusiveMinimum": "应大于",
            "maximum": "不能大于",
            "exclusiveMaximum": "应小于",
        }
        return f"为 {shown}，{relation[keyword]} {limit}"
    if keyword in ("pattern", "format"):
        return f"格式不正确（现为 {shown}）"
    if keyword == "anyOf":
        return f"格式不正确（现为 {shown}）"
    if keyword == "not":
        # `not: {pattern: X}` refuses values containing X (a line break in one line of text);
        # a bare `not: {}` refuses the field itself (one a variant of the form does not have).
        return f"格式不正确（现为 {shown}）" if isinstance(limit, dict) and "pattern" in limit else "不应填写"
    if keyword == "uniqueItems":
        return "中有重复项"
    return f"不符合要求（{error.message}）"


_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]")


def _show(value: object) -> str:
    if isinstance(value, str):
        # Invisible characters named, and no line break: a finding is one line of output.
        shown = value[:40].replace("\u3000", "〔全角空格〕").replace("\t", "〔Tab〕")
        shown = _LINE_BREAK.sub("〔换行〕", shown)
        return f"“{shown}{'…' if len(value) > 40 else ''}”"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "映射" if isinstance(value, dict) else "列表"
    return "空值" if value is None else str(value)


def _missing(doc: Document, name: str, parts: list[object], error: jsonschema.ValidationError) -> Finding:
    missing = str(error.message.split("'")[1]) if "'" in error.message else "?"
    child = field(name, field_path([*parts, missing]))
    parent = field_title(name, parts) if parts else "文件顶层"
    label = f"「{child.title}」（{missing}）" if child.title else f"“{missing}”"
    message = f"缺少必填字段{label}：请在{parent}下添加 {missing}: 并填写。"
    if not parts:
        return Finding(doc.path, 1, 1, "SCHEMA-REQUIRED", message, pointer="")
    return doc.finding(pointer_of(parts), "SCHEMA-REQUIRED", message, at_key=True)


def _unknown(doc: Document, name: str, parts: list[object], error: jsonschema.ValidationError) -> list[Finding]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    known = sorted(field(name, field_path(parts)).schema.get("properties", {}))
    findings = []
    for _, key in zip(range(MAX_FINDINGS + 1), (k for k in instance if k not in known), strict=False):
        close = difflib.get_close_matches(key.strip("\u3000 "), known, n=1)
        suggestion = f"是否想写 {close[0]}？" if close else f"这一层可用的字段有：{'、'.join(known)}。"
        if key.startswith("\u3000"):  # the loader also reports YAML-FULLWIDTH-INDENT on this line
            suggestion = "字段名前是全角空格：缩进请改用半角空格，该字段才会落到正确的层级。"
        message = f"未知字段{_show(key)}：请检查拼写或删除该字段，{suggestion}"
        findings.append(doc.finding(pointer_of([*parts, key]), "SCHEMA-UNKNOWN-FIELD", message, at_key=True))
    return findings


def is_public(name: str, parts: Sequence[object]) -> bool:
    """Whether the field at `parts`, or a container of it, is marked x-public in schema `name`.

    The same rule as the site's `website.collect.public_view`, asked of one field: what the PR
    summary may quote is what the site may publish.
    """
    path = field_path(parts)
    return bool(path) and any(
        field(name, path[:depth]).schema.get("x-public") is True for depth in range(1, len(path) + 1)
    )
