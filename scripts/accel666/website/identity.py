"""The site's identity (主办单位, 网站标识码, 备案号 …): checked before a page is built.

《政府网站发展指引》 asks every government site to name its organiser and contact, show its
网站标识码, ICP and 公安 filing numbers and carry the SiteName/SiteDomain/SiteIDCode meta
tags. The values live in one place, the `extra.identity` block of mkdocs.yml: the theme's
templates (footer, meta tags, 404 page) read them from there directly, and mkdocs.yml is
the site's own configuration, changed by the province and reviewed as code. A value
listed in `samples` is a placeholder and is shown labelled 示例 until the real one is
known. A wrong value stops the build with its line and column in mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from accel666.errors import ConfigError

_TEXT = {"type": "string", "minLength": 1}
FIELDS = {
    "organizer": ("主办单位", _TEXT),
    "undertaker": ("承办单位", _TEXT),
    "phone": ("联系电话", {"type": "string", "pattern": "^(0[0-9]{2,3}-[0-9]{7,8}|1[3-9][0-9]{9})$"}),
    "email": ("联系邮箱", {"type": "string", "pattern": "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$"}),
    "address": ("通信地址", _TEXT),
    "domain": ("网站域名", {"type": "string", "pattern": "^[a-z0-9-]+(\\.[a-z0-9-]+)+$"}),
    "site_id_code": ("网站标识码", {"type": "string", "pattern": "^[0-9]{10}$"}),
    "icp": ("ICP备案号", {"type": "string", "pattern": "^[\u4e00-\u9fa5]ICP备[0-9]{8}号(-[0-9]+)?$"}),
    "police": ("公安备案号", {"type": "string", "pattern": "^[\u4e00-\u9fa5]公网安备 ?[0-9]{14}号$"}),
}
_HINTS = {
    "phone": "固定电话写作 025-83300000，手机写 11 位数字",
    "domain": "只写域名，如 gxt.jiangsu.gov.cn，不带 http:// 和路径",
    "site_id_code": "网站标识码是 10 位数字",
    "icp": "格式如 苏ICP备12345678号 或 苏ICP备12345678号-1",
    "police": "格式如 苏公网安备 32010202000000号（14 位数字）",
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": [*FIELDS, "samples"],
    "properties": {
        **{key: schema for key, (_, schema) in FIELDS.items()},
        "samples": {"type": "array", "uniqueItems": True, "items": {"enum": list(FIELDS)}},
    },
}


def check_identity(config_file: Path, identity: object) -> None:
    """Raise ConfigError naming the first wrong value of `extra.identity` and where it is."""
    if not isinstance(identity, dict):
        raise ConfigError(f"{config_file}: 缺少 extra.identity（网站主办单位、标识码和备案号）：请按 README 填写。")
    check_block(
        config_file, Block("identity", SCHEMA, {key: title for key, (title, _) in FIELDS.items()}, _HINTS), identity
    )


@dataclass(frozen=True)
class Block:
    """A block of mkdocs.yml's `extra` the site reads: its schema and each key's Chinese title."""

    name: str
    schema: dict[str, Any]
    titles: dict[str, str]
    hints: dict[str, str]


def check_block(config_file: Path, block: Block, value: dict[str, Any]) -> None:
    """Raise ConfigError naming the first wrong value of `extra.<block>`, with its line and column."""
    errors = sorted(jsonschema.Draft202012Validator(block.schema).iter_errors(value), key=lambda e: list(e.path))
    if not errors:
        return
    error = errors[0]
    parts = [str(part) for part in error.path]
    line, column = _position(config_file, ["extra", block.name, *parts])
    key = parts[0] if parts else ""
    title = block.titles.get(key, f"extra.{block.name}")
    if error.validator == "required":
        missing = str(error.message).split("'")[1]
        title = block.titles.get(missing, missing)
        problem = f"缺少「{title}」（{missing}）：请补上；真实值未知时填示例值并列入 samples"
    elif error.validator == "additionalProperties":
        problem = f"有不认识的键：只能使用 {', '.join(block.schema['properties'])}"
    elif error.validator == "enum" and key == "samples":
        problem = f"“{error.instance}” 不能标为示例：samples 只能列出 {', '.join(block.titles)}"
    elif error.validator == "pattern":
        problem = f"「{title}」的值 “{error.instance}” 格式不对：{block.hints.get(key, '请检查')}"
    else:
        problem = f"「{title}」的值不对（{error.validator}）：请按 README 改正"
    raise ConfigError(f"{config_file}:{line}:{column}: extra.{block.name}.{'.'.join(parts)} {problem}。")


def _position(config_file: Path, keys: list[str]) -> tuple[int, int]:
    """Line and column (1-based) of the deepest of `keys` found in the YAML file.

    Composing (not constructing) the document reads mkdocs.yml's `!ENV` tags without
    resolving them, and keeps every node's position."""
    node: yaml.Node | None = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    mark = node.start_mark if node is not None else None
    for key in keys:
        found = None
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(node.value):
            found = (node.value[int(key)], node.value[int(key)])
        if found is None:
            break
        mark = found[0].start_mark
        node = found[1]
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
