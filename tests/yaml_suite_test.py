"""The public YAML test suite through the loader: every case's outcome is pinned.

A case loads to exactly its `in.json`, or is refused with findings at recorded places
(tests/resources/yaml-test-suite/README.md says what `expected.json` holds). A
change of the loader or of PyYAML/libyaml that alters any case fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from accel666.load import load_document
from builders import ROOT

SUITE = ROOT / "tests" / "resources" / "yaml-test-suite"
EXPECTED: dict[str, dict[str, Any]] = json.loads((SUITE / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(path.parent.relative_to(SUITE).as_posix() for path in SUITE.glob("**/in.yaml"))
# Refused by design (tests/load_test.py shows why for each).
STRICT = {"YAML-ANCHOR", "YAML-TAG", "YAML-COMPLEX-KEY", "YAML-MULTI-DOC", "YAML-EMPTY", "YAML-TAB"}


def json_documents(path: Path) -> list[Any]:
    """The JSON values of an `in.json`, one per YAML document."""
    text, decoder, index = path.read_text(encoding="utf-8"), json.JSONDecoder(), 0
    values: list[Any] = []
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return values
        value, index = decoder.raw_decode(text, index)
        values.append(value)


def typed(value: Any) -> str:
    """JSON text of a value: 1, 1.0 and true stay apart, as they do in the data."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def test_the_suite_is_complete_and_every_case_has_an_expected_outcome() -> None:
    assert len(CASES) == 402
    assert sorted(EXPECTED) == CASES


@pytest.mark.parametrize("case", CASES)
def test_each_case_loads_or_is_refused_exactly_as_expected(case: str) -> None:
    folder, expected = SUITE / case, EXPECTED[case]
    doc = load_document((folder / "in.yaml").read_bytes(), case)
    found = [[f.code, f.line, f.column] for f in doc.findings]
    if "refused" in expected:
        assert found == expected["refused"]
        return
    assert found == []
    assert doc.loaded
    want = json_documents(folder / "in.json") if expected.get("in_json") else [expected["data"]]
    assert [typed(doc.data)] == [typed(value) for value in want]


@pytest.mark.parametrize("case", [c for c in CASES if (SUITE / c / "error").exists()])
def test_every_text_the_suite_calls_invalid_is_refused(case: str) -> None:
    assert EXPECTED[case].get("why") == "invalid"
    assert EXPECTED[case]["refused"]


@pytest.mark.parametrize("case", [c for c in CASES if EXPECTED[c].get("why") == "strict"])
def test_a_valid_text_refused_by_design_has_a_finding_that_says_which_rule(case: str) -> None:
    assert not (SUITE / case / "error").exists()
    assert {code for code, _, _ in EXPECTED[case]["refused"]} & STRICT


@pytest.mark.parametrize("case", [c for c in CASES if EXPECTED[c].get("why") == "libyaml"])
def test_a_valid_text_refused_as_a_syntax_error_is_one_libyaml_itself_cannot_parse(case: str) -> None:
    assert not (SUITE / case / "error").exists()
    assert {code for code, _, _ in EXPECTED[case]["refused"]} == {"YAML-SYNTAX"}
    text = (SUITE / case / "in.yaml").read_text(encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        list(yaml.parse(text, Loader=yaml.CSafeLoader))


def test_a_valid_case_that_loads_is_one_whose_in_json_the_data_matches() -> None:
    loads = [c for c in CASES if "refused" not in EXPECTED[c]]
    with_json = [c for c in loads if EXPECTED[c].get("in_json")]
    assert all((SUITE / c / "in.json").exists() and not (SUITE / c / "error").exists() for c in with_json)
    # The one case without in.json: `!` alone is the empty text (YAML 1.2, 6.9.1 non-specific tag).
    assert sorted(set(loads) - set(with_json)) == ["UKK6/02"]
    assert EXPECTED["UKK6/02"] == {"data": ""}
