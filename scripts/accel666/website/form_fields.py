"""A form's fields as HTML controls, generated from its schema (the site's 申报表单).

Every control is named by its field's JSON pointer (`name="/applicant/uscc"`, id
`f-applicant-uscc`), so the page's script (docs/assets/form/form.js) builds the data from
the controls and puts each finding of the check at its field. What a control is comes
from the schema alone: a `const` is a hidden value, an `enum` or a boolean a choice, a
text that may span lines a text area; `required`, `pattern` and `maxLength` become the
browser's own checks, the schema's `x-hint` their message. A list's items repeat from a
`<template>`; the if/then branches of a schema ride along as `data-when` for the script.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from accel666.browser.wording import for_form
from accel666.schema import resolve
from accel666.template import yaml_scalar
from accel666.website.markup import text

INDEX = "__i__"  # a list item's index in a <template>; form.js puts the real one in
NUMBER = "__n__"  # the item's number as shown (index + 1)
_CHOICE_LIMIT = 5  # more options than this: a menu, not radio buttons
_ONE_LINE = "[\\r\\n"  # how a schema's `not: {pattern: ...}` forbids a line break (common.schema.json text)


# field pointer -> the pointer it depends on -> that field's value -> effects ("hide", "required", "pattern", "hint")
Rules = dict[str, dict[str, dict[str, dict[str, Any]]]]


@dataclass(frozen=True)
class Context:
    """What the build adds to the schema: choices and values from the repository's configuration."""

    # pointer -> its choices as (value, label, bureau): the regions of regions.yaml with their bureaus
    options: Mapping[str, Sequence[tuple[str, str, str]]] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)  # pointer -> initial value (the current batch, its years)
    when: Rules = field(default_factory=dict)  # the schema's if/then branches (forms.variant_rules)


def control_id(pointer: str) -> str:
    return "f" + pointer.replace("/", "-")


def fields(schema: dict[str, Any], pointer: str, context: Context, *, required: bool, public: bool) -> Iterator[str]:
    """The controls of an object's properties, in schema order."""
    wanted = set(schema.get("required", ()))
    for key, raw in schema.get("properties", {}).items():
        prop = resolve(raw)
        yield from control(prop, f"{pointer}/{key}", context, required=required and key in wanted, public=public)


def control(prop: dict[str, Any], pointer: str, context: Context, *, required: bool, public: bool) -> Iterator[str]:
    public = public or bool(prop.get("x-public"))
    if "const" in prop:  # fixed by the form (申报类别): written into the file, nothing to choose
        value = prop["const"] if isinstance(prop["const"], str) else yaml_scalar(prop["const"])
        yield f'<input type="hidden" name="{pointer}" value="{text(value)}" data-type="{_kind(prop)}">'
    elif prop.get("type") == "object":
        yield from _group(prop, pointer, context, required=required, public=public)
    elif prop.get("type") == "array":
        yield from _list(prop, pointer, context, required=required, public=public)
    elif pointer in context.options or "enum" in prop or prop.get("type") == "boolean":
        yield _choice(prop, pointer, context, required=required, public=public)
    else:
        yield _input(prop, pointer, context, required=required, public=public)


def _group(prop: dict[str, Any], pointer: str, context: Context, *, required: bool, public: bool) -> Iterator[str]:
    # An optional group's fields are required only once it is filled: the check says so, the browser cannot.
    yield f'<fieldset class="accel666-group" id="{control_id(pointer)}"{_when(pointer, context)}>'
    yield f"<legend>{_title(prop, required)}</legend>"
    yield _hint(prop, pointer, public, note="" if required else "（不需要时全部留空）")
    yield from fields(prop, pointer, context, required=required, public=public)
    yield "</fieldset>"


def _list(prop: dict[str, Any], pointer: str, context: Context, *, required: bool, public: bool) -> Iterator[str]:
    item = resolve(prop.get("items", {}))
    low, high = max(int(prop.get("minItems", 1)), 1), int(prop.get("maxItems", 100))
    limits = f'data-min="{low}" data-max="{high}"'
    yield f'<fieldset class="accel666-list" id="{control_id(pointer)}" data-list="{pointer}" {limits}>'
    yield f"<legend>{_title(prop, required)}</legend>"
    yield _hint(prop, pointer, public, note=_count_note(low, high))
    yield '<div class="accel666-items">'
    for index in range(low):
        yield from _item(item, pointer, str(index), str(index + 1), context, public=public, removable=low < high)
    yield "</div>"
    if low < high:
        yield "<template>"
        yield from _item(item, pointer, INDEX, NUMBER, context, public=public, removable=True)
        yield "</template>"
        yield f'<button type="button" class="accel666-button" data-add>添加一项{text(item.get("title", ""))}</button>'
    yield "</fieldset>"


def _count_note(low: int, high: int) -> str:
    return f"（共 {low} 项）" if low == high else f"（至少 {low} 项，最多 {high} 项）"


def _item(
    item: dict[str, Any], pointer: str, index: str, number: str, context: Context, *, public: bool, removable: bool
) -> Iterator[str]:
    here = f"{pointer}/{index}"
    title = text(item.get("title", ""))
    yield f'<fieldset class="accel666-item" id="{control_id(here)}" data-item>'
    yield f"<legend>{title} 第 {number} 项</legend>"
    if item.get("type") == "object":
        yield from fields(item, here, context, required=True, public=public)
    else:
        yield from control(item, here, context, required=True, public=public)
    if removable:
        yield f'<button type="button" class="accel666-button accel666-remove" data-remove>删除{title}第 {number} 项</button>'
    yield "</fieldset>"


def _choice(prop: dict[str, Any], pointer: str, context: Context, *, required: bool, public: bool) -> str:
    if prop.get("type") == "boolean":
        options = [("true", "是", ""), ("false", "否", "")]
    else:
        options = list(context.options.get(pointer) or [(str(v), str(v), "") for v in prop.get("enum", ())])
    name = control_id(pointer)
    described = _described(pointer)
    if len(options) > _CHOICE_LIMIT:
        items = "".join(
            f'<option value="{text(v)}"' + (f' data-bureau="{text(b)}"' if b else "") + f">{text(label)}</option>"
            for v, label, b in options
        )
        return (
            f'<div class="accel666-field"{_when(pointer, context)}><label for="{name}">{_title(prop, required)}</label>'
            + _hint(prop, pointer, public)
            + f'<select id="{name}" name="{pointer}" data-type="{_kind(prop)}"{_required(required)} {described}>'
            + f'<option value="">请选择</option>{items}</select>{_error(pointer)}</div>'
        )
    radios = "".join(
        f'<label class="accel666-option"><input type="radio" name="{pointer}" value="{text(v)}"'
        + (f' id="{name}"' if i == 0 else "")
        + f' data-type="{_kind(prop)}"{_required(required)}> {text(label)}</label>'
        for i, (v, label, _b) in enumerate(options)
    )
    return (
        f'<fieldset class="accel666-field accel666-choice" {described}{_when(pointer, context)}>'
        + f"<legend>{_title(prop, required)}</legend>{_hint(prop, pointer, public)}"
        + f'<div class="accel666-options">{radios}</div>{_error(pointer)}</fieldset>'
    )


def _input(prop: dict[str, Any], pointer: str, context: Context, *, required: bool, public: bool) -> str:
    name = control_id(pointer)
    attributes = [f'id="{name}"', f'name="{pointer}"', f'data-type="{_kind(prop)}"', _described(pointer)]
    if required:
        attributes.append("required")
    pattern = html_pattern(prop)
    if pattern:
        attributes.append(f'pattern="{text(pattern)}"')
        attributes.append(f'title="{text(for_form(str(prop.get("x-hint") or prop.get("description", ""))))}"')
    if "maxLength" in prop:
        attributes.append(f'maxlength="{int(prop["maxLength"])}"')
    if "minLength" in prop:
        attributes.append(f'minlength="{int(prop["minLength"])}"')
    if _kind(prop) in ("number", "integer"):
        attributes.append('inputmode="decimal"' if prop.get("minimum", -1) >= 0 else 'inputmode="text"')
    elif _digits_only(str(prop.get("pattern", ""))):
        attributes.append('inputmode="numeric"')  # a phone's digit pad: mobiles, postcodes, region codes
    attributes.append('autocomplete="off"')
    default = context.defaults.get(pointer)
    label = f'<label for="{name}">{_title(prop, required)}</label>' + _hint(prop, pointer, public)
    joined = " ".join(a for a in attributes if a)
    if _multiline(prop):
        control = f'<textarea {joined} rows="{_rows(prop)}">{text(default or "")}</textarea>'
    else:
        value = f' value="{text(default)}"' if default else ""
        control = f'<input type="text" {joined}{value}>'
    return f'<div class="accel666-field"{_when(pointer, context)}>{label}{control}{_error(pointer)}</div>'


def _digits_only(pattern: str) -> bool:
    """A pattern of digits alone (no dash, no letter): the digit pad can type every value it allows."""
    rest = re.sub(r"\[[0-9-]+\]", "", pattern)
    return bool(pattern) and rest != pattern and not re.search(r"[-A-Za-z\\]", rest)


def _multiline(prop: dict[str, Any]) -> bool:
    """A text that may span lines (no one-line rule) and is longer than a name: a text area."""
    one_line = any(_ONE_LINE in str(rule.get("not", {}).get("pattern", "")) for rule in prop.get("allOf", ()))
    plain = prop.get("type") == "string" and not {"pattern", "format", "enum"} & set(prop)
    return plain and not one_line and int(prop.get("maxLength", 10**6)) > 100


def _rows(prop: dict[str, Any]) -> int:
    return 3 if int(prop.get("maxLength", 10**6)) <= 200 else 8


def _kind(prop: dict[str, Any]) -> str:
    kind = prop.get("type")
    if isinstance(kind, str):
        return kind
    values = prop.get("enum", [prop.get("const")])
    return "boolean" if all(isinstance(v, bool) for v in values) else "string"


def html_pattern(prop: dict[str, Any]) -> str:
    """The schema's pattern as an HTML `pattern`: anchored whole (HTML) from a search (JSON Schema),
    written for the `v` flag browsers compile it with; numbers get a pattern of their own."""
    if _kind(prop) in ("number", "integer"):
        sign = "-?" if prop.get("minimum", -1) < 0 else ""
        return sign + ("[0-9]+" if _kind(prop) == "integer" else "[0-9]+(\\.[0-9]+)?")
    if "anyOf" in prop:  # 手机或固定电话: either pattern
        parts = [html_pattern(resolve(option)) for option in prop["anyOf"]]
        return "|".join(f"(?:{part})" for part in parts) if all(parts) else ""
    pattern = prop.get("pattern")
    return _whole(str(pattern)) if pattern else ""


def _whole(pattern: str) -> str:
    start, end = pattern.startswith("^"), pattern.endswith("$") and not pattern.endswith("\\$")
    core = _for_v_flag(pattern[1 if start else 0 : -1 if end else None])
    any_text = "[\\s\\S]*"
    return ("" if start else any_text) + f"(?:{core})" + ("" if end else any_text)


def _for_v_flag(pattern: str) -> str:
    """Escape a `-` at either end of a character class: the `v` flag refuses it unescaped."""
    return re.sub(r"\[(\^?)-", r"[\1\\-", re.sub(r"(?<!\\)-\]", r"\\-]", pattern))


def _title(prop: dict[str, Any], required: bool) -> str:
    flag = (
        '<span class="accel666-required">（必填）</span>'
        if required
        else '<span class="accel666-optional">（选填）</span>'
    )
    return f"{text(prop.get('title', ''))}{flag}"


def _hint(prop: dict[str, Any], pointer: str, public: bool, note: str = "") -> str:
    parts = [for_form(str(prop.get("description", ""))) + note]
    example = _example(prop)
    if example:
        parts.append(f"例如：{example}")
    if public:
        parts.append("入选后公开。")
    return f'<p class="accel666-hint" id="{control_id(pointer)}-hint">{text(" ".join(p for p in parts if p))}</p>'


def _example(prop: dict[str, Any]) -> str:
    if "enum" in prop or prop.get("type") in ("object", "array", "boolean"):
        return ""
    shown = [
        e if isinstance(e, str) else yaml_scalar(e) for e in prop.get("examples", ()) if not isinstance(e, (dict, list))
    ]
    return " 或 ".join(e for e in shown if len(e) < 60)


def _described(pointer: str) -> str:
    name = control_id(pointer)
    return f'aria-describedby="{name}-hint {name}-error"'


def _error(pointer: str) -> str:
    return f'<p class="accel666-error" id="{control_id(pointer)}-error" data-error></p>'


def _required(required: bool) -> str:
    return " required" if required else ""


def _when(pointer: str, context: Context) -> str:
    rules = context.when.get(re.sub(r"/\d+(?=/|$)", "/#", pointer))
    return f' data-when="{text(json.dumps(rules, ensure_ascii=False))}"' if rules else ""
