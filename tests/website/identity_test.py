"""The site's identity block in mkdocs.yml: a wrong value stops the build at its line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from accel666.errors import ConfigError
from accel666.website.identity import check_identity
from builders import ROOT


def shipped_identity() -> dict[str, Any]:
    """The identity block of the shipped mkdocs.yml, read without resolving its !ENV tags."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  identity:")
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line)
    return yaml.safe_load("\n".join(block))["identity"]


def write_config(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_identity_is_accepted_and_labels_its_placeholders(tmp_path: Path) -> None:
    identity = shipped_identity()
    check_identity(write_config(tmp_path), identity)
    assert {"site_id_code", "icp", "police"} <= set(identity["samples"])


def test_a_site_id_code_of_nine_digits_is_refused_at_its_line_and_column(tmp_path: Path) -> None:
    config = write_config(tmp_path, ('site_id_code: "3200000000"', 'site_id_code: "320000000"'))
    identity = {**shipped_identity(), "site_id_code": "320000000"}
    line = next(
        n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "site_id_code:" in text
    )
    with pytest.raises(ConfigError) as raised:
        check_identity(config, identity)
    message = str(raised.value)
    assert message.startswith(f"{config}:{line}:5: extra.identity.site_id_code ")
    assert "网站标识码" in message and "10 位数字" in message


def test_an_icp_number_without_its_province_is_refused_with_the_expected_form(tmp_path: Path) -> None:
    identity = {**shipped_identity(), "icp": "ICP备12345678号"}
    with pytest.raises(ConfigError, match="苏ICP备12345678号"):
        check_identity(write_config(tmp_path), identity)


def test_a_missing_organiser_is_named_in_chinese(tmp_path: Path) -> None:
    identity = shipped_identity()
    del identity["organizer"]
    with pytest.raises(ConfigError, match="缺少「主办单位」（organizer）"):
        check_identity(write_config(tmp_path), identity)


def test_a_sample_key_that_is_not_a_field_is_refused(tmp_path: Path) -> None:
    identity = {**shipped_identity(), "samples": ["fax"]}
    with pytest.raises(ConfigError, match=r"extra\.identity\.samples\.0"):
        check_identity(write_config(tmp_path), identity)


def test_a_config_without_identity_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"缺少 extra\.identity"):
        check_identity(write_config(tmp_path), None)
