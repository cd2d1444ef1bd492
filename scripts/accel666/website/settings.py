"""What the generated pages read from mkdocs.yml besides the records: the 公示 objection rules,
the site's address (the feed's absolute links) and where the hand-written pages are.

The objection rules live in `extra.objection`, beside the site's identity: the province's
own configuration, reviewed as code. What each 公示's objections go to (处室, phone,
e-mail, postal address) is that 公示's own record (`contact` in publicity.yaml, required by
its schema), so an archived 公示 keeps the contacts it was announced with. A value listed
in `samples` is a placeholder and is shown labelled 示例.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accel666.errors import ConfigError
from accel666.website.identity import Block, check_block

OBJECTION = Block(
    "objection",
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["closing_time", "requirements", "samples"],
        "properties": {
            "closing_time": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
            "requirements": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
            "samples": {"type": "array", "uniqueItems": True, "items": {"enum": ["closing_time", "requirements"]}},
        },
    },
    {"closing_time": "异议截止时间", "requirements": "异议须知"},
    {"closing_time": "写作 24 小时制的时:分，如 17:30"},
)


@dataclass(frozen=True)
class Objection:
    """How an objection to a 公示 is made: what it must contain, and the hour the last day closes."""

    closing_time: str
    requirements: tuple[str, ...]
    samples: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Settings:
    objection: Objection
    site_url: str  # the address the site is served at, ending in /
    docs_dir: Path


def objection_rules(config_file: Path, block: object) -> Objection:
    """`extra.objection` of mkdocs.yml, checked: a wrong value stops the build at its line."""
    if not isinstance(block, dict):
        raise ConfigError(f"{config_file}: 缺少 extra.objection（公示异议须知和截止时间）：请按 README 填写。")
    check_block(config_file, OBJECTION, block)
    return Objection(block["closing_time"], tuple(block["requirements"]), frozenset(block["samples"]))


def site_settings(config_file: Path, objection: object, site_url: str | None, docs_dir: Path) -> Settings:
    """The settings from MkDocs' configuration values (or read_settings' plain reading of them)."""
    url = site_url or "http://127.0.0.1:8000/"
    return Settings(objection_rules(config_file, objection), url if url.endswith("/") else url + "/", docs_dir)


def read_settings(root: Path) -> Settings:
    """The settings of `root/mkdocs.yml` without MkDocs: an `!ENV` value reads as its default."""
    config_file = root / "mkdocs.yml"
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a SafeLoader
    docs_dir = root / str(config.get("docs_dir") or "docs")
    extra = config.get("extra") or {}
    return site_settings(config_file, extra.get("objection"), config.get("site_url"), docs_dir)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's loader for reading it outside MkDocs: `!ENV [NAME, default]` gives the default."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode) and node.value:
        return loader.construct_object(node.value[-1])
    return None


_ConfigLoader.add_constructor("!ENV", _env_default)
