"""Whatever an applicant types, the tool answers with findings, never with a crash."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accel666.check import check_bytes
from accel666.findings import Finding
from accel666.load import load_document
from accel666.repository import Repository, open_repository
from builders import ROOT, SAMPLES, SampleRepo, copy_samples, tree_env

ACCEL666 = Path(sys.executable).with_name("accel666")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
APPLICATION = SAMPLES["backbone"]
FUZZED = "submissions/2020-1/320100/backbone/91320106MA1W7XYL3D.yaml"
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- strategies ------------------------------------------------------------------------------

TOKENS = [
    # keys the schema knows, and others
    "category",
    "backbone",
    "applicant",
    "uscc",
    "contact",
    "mobile",
    "indicators",
    "revenue",
    "narratives",
    "key",
    # structure
    ":",
    ": ",
    "：",
    "- ",
    "-",
    "? ",
    "\n",
    "  ",
    "    ",
    "\t",
    "\u3000",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "|\n",
    ">-\n",
    "# ",
    '"',
    "'",
    "\\",
    "&a ",
    "*a",
    "&",
    "*",
    "!!str ",
    "!!python/object:os.system ",
    "!x ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\ufeff",
    "\r\n",
    "\r",
    "\x00",
    "\x07",
    "\x85",
    "\u2028",
    # values
    "0",
    "013",
    "42",
    "-7",
    "12.5",
    "1e3",
    ".inf",
    "0x1F",
    "12:30",
    "true",
    "no",
    "~",
    "null",
    "2020-08-30",
    "13800000012",
    "913201061234567890",
    '"91320106MA1W7XYL3D"',
    "２１０００９",
    "（示例）",
    "，",
    "南京市",
]
yaml_ish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=60).map("".join)
any_text = st.one_of(yaml_ish, st.text(max_size=200))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**16, max_value=10**19),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(
        ["", "no", "013", "2020-02-30", "１３８００００００１２", "13800000012", "９１3201", "-0", "1e400"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)


# -- helpers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[SampleRepo, Repository]:
    """One sample repository copy for the whole module (hypothesis reuses it across examples)."""
    sample = copy_samples(tmp_path_factory.mktemp("properties") / "repo")
    return sample, open_repository(sample.root)


def assert_sane(findings: list[Finding] | tuple[Finding, ...], text: str | None = None) -> None:
    for finding in findings:
        assert finding.code != "INTERNAL-ERROR", finding
        assert finding.line >= 1, finding
        assert finding.column >= 1, finding
        assert finding.message.strip(), finding
        assert CHINESE.search(finding.message), finding
        if text is not None:
            # Never a line past the end of the file (counting every kind of line break).
            assert finding.line <= len(text.splitlines()) + 1, finding


def check_text(checked: tuple[SampleRepo, Repository], raw: bytes) -> tuple[Finding, ...]:
    sample, repo = checked
    sample.write(FUZZED, raw)
    return check_bytes(repo, FUZZED, sample.path(FUZZED).read_bytes()).findings


def leaves(node: object, parts: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path in a JSON-like value, containers included."""
    if parts:
        yield parts
    if isinstance(node, dict):
        for key, child in node.items():
            yield from leaves(child, (*parts, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from leaves(child, (*parts, index))


SAMPLE_DATA = load_document((ROOT / APPLICATION).read_bytes(), APPLICATION).data
SAMPLE_PATHS = list(leaves(SAMPLE_DATA))


def replaced(data: object, path: tuple[str | int, ...], value: object) -> object:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: replaced(v, rest, value) if k == head else v for k, v in data.items()}
    assert isinstance(data, list)
    return [replaced(v, rest, value) if i == head else v for i, v in enumerate(data)]


# -- the loader --------------------------------------------------------------------------------


@PROPERTY
@given(any_text)
def test_loading_any_text_never_raises_and_every_finding_has_a_place_and_a_chinese_message(text: str) -> None:
    doc = load_document(text.encode("utf-8"), FUZZED)
    assert_sane(doc.findings, text)
    if doc.loaded:
        assert {"YAML-SYNTAX", "YAML-EMPTY", "YAML-ENCODING"}.isdisjoint(f.code for f in doc.findings)
    else:
        assert doc.findings, "a file that cannot be loaded must say why"


@PROPERTY
@given(st.binary(max_size=300))
def test_loading_any_bytes_never_raises(raw: bytes) -> None:
    doc = load_document(raw, FUZZED)
    assert_sane(doc.findings)
    if not doc.loaded:
        assert doc.findings, "a file that cannot be loaded must say why"


@PROPERTY
@given(st.lists(st.sampled_from(["k", ":", " ", "\n", "&a", "*a", "[", "]", "{", "}", ",", "- ", "? "]), max_size=80))
def test_loading_structure_soup_never_raises(parts: list[str]) -> None:
    text = "".join(parts)
    assert_sane(load_document(text.encode(), FUZZED).findings, text)


# -- a full check of a repository file ----------------------------------------------------------


@PROPERTY
@given(text=any_text)
def test_checking_any_text_as_an_application_never_raises_nor_gives_an_internal_error(
    checked: tuple[SampleRepo, Repository], text: str
) -> None:
    assert_sane(check_text(checked, text.encode("utf-8")), text)


@PROPERTY
@given(raw=st.binary(max_size=300))
def test_checking_any_bytes_as_an_application_never_raises_nor_gives_an_internal_error(
    checked: tuple[SampleRepo, Repository], raw: bytes
) -> None:
    assert_sane(check_text(checked, raw))


@PROPERTY
@given(lines=st.lists(st.sampled_from((ROOT / APPLICATION).read_text(encoding="utf-8").splitlines()), max_size=40))
def test_checking_shuffled_lines_of_a_sample_never_gives_an_internal_error(
    checked: tuple[SampleRepo, Repository], lines: list[str]
) -> None:
    text = "\n".join(lines) + "\n"
    assert_sane(check_text(checked, text.encode()), text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(SAMPLE_PATHS), value=values)
def test_any_value_in_place_of_a_sample_value_never_gives_an_internal_error(
    checked: tuple[SampleRepo, Repository], path: tuple[str | int, ...], value: object
) -> None:
    text = yaml.safe_dump(replaced(SAMPLE_DATA, path, value), allow_unicode=True, sort_keys=False)
    assert_sane(check_text(checked, text.encode()), text)


@PROPERTY
@given(changes=st.lists(st.tuples(st.sampled_from(SAMPLE_PATHS), values), min_size=2, max_size=6))
def test_several_odd_values_at_once_never_give_an_internal_error(
    checked: tuple[SampleRepo, Repository], changes: list[tuple[tuple[str | int, ...], object]]
) -> None:
    data = SAMPLE_DATA
    for path, value in changes:
        try:
            data = replaced(data, path, value)
        except AssertionError:
            continue  # an earlier change replaced this path's container by a scalar
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert_sane(check_text(checked, text.encode()), text)


@PROPERTY
# PyYAML's emitter writes U+0085 (NEL) raw inside quotes, where it reads back as a line break.
@given(
    value=st.one_of(
        st.text(st.characters(codec="utf-8", exclude_characters="\x85"), max_size=30),
        st.sampled_from(["no", "013", "1e3", "２１0009", "13800000012"]),
    )
)
def test_the_unmodified_sample_with_one_text_value_replaced_still_loads(
    checked: tuple[SampleRepo, Repository], value: str
) -> None:
    # A quoted value is always text: whatever it says, the file still loads.
    data = replaced(SAMPLE_DATA, ("narratives", "awards"), value)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    doc = load_document(text.encode(), FUZZED)
    assert doc.loaded and isinstance(doc.data, dict), doc.findings
    assert doc.data["narratives"]["awards"] == value
    assert_sane(check_text(checked, text.encode()), text)


# -- the command line ---------------------------------------------------------------------------

NASTY_FILES = {
    "gbk.yaml": "category: backbone\nname: 南京示例\n".encode("gbk"),
    "binary.yaml": bytes(range(256)),
    "bom-only.yaml": b"\xef\xbb\xbf",
    "empty.yaml": b"",
    "laughs.yaml": (
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    ).encode(),
    "deep.yaml": b"[" * 5000,
    "tags.yaml": b"a: !!python/object/apply:os.system [echo hi]\nb: !custom x\n",
    "control.yaml": b"a: \x07\x00\x1b\n",
    "tabs.yaml": b"a:\n\tb: 1\n",
    "fullwidth.yaml": "contact：\n\u3000mobile：１３８\n".encode(),
    "multi.yaml": b"a: 1\n---\nb: 2\n---\n",
    "complex.yaml": b"? [a, b]\n: c\n",
    "list.yaml": b"- 1\n- 2\n",
    "scalar.yaml": b"13800000012\n",
}


def run_validate(root: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ACCEL666), "validate", "--no-cache", "--root", str(root), *map(str, paths)],
        env=tree_env(),
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        timeout=120,
    )


def test_the_cli_reports_handcrafted_nasty_files_without_a_traceback(tmp_path: Path) -> None:
    sample = copy_samples(tmp_path / "repo")
    drafts = []
    for name, raw in NASTY_FILES.items():
        draft = sample.root / "drafts" / name
        sample.write(f"drafts/{name}", raw)
        drafts.append(draft)
    done = run_validate(sample.root, *drafts)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "内部错误" not in done.stdout + done.stderr
    for name in NASTY_FILES:
        assert f"drafts/{name}:" in done.stdout


@pytest.mark.parametrize(
    "name", ["gbk.yaml", "binary.yaml", "laughs.yaml", "deep.yaml", "fullwidth.yaml", "scalar.yaml"]
)
def test_the_cli_reports_a_nasty_application_inside_the_repository_without_a_traceback(
    sample_repo: SampleRepo, name: str
) -> None:
    sample_repo.write(FUZZED, NASTY_FILES[name])
    done = run_validate(sample_repo.root, sample_repo.path(FUZZED))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"{FUZZED}:" in done.stdout


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(yaml_ish, min_size=3, max_size=3), raw=st.binary(min_size=1, max_size=200))
def test_the_cli_never_prints_a_traceback_for_generated_files(texts: list[str], raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sample = copy_samples(Path(folder) / "repo")
        files = []
        for index, text in enumerate(texts):
            sample.write(f"drafts/generated-{index}.yaml", text.encode("utf-8"))
            files.append(sample.root / f"drafts/generated-{index}.yaml")
        sample.write(FUZZED, raw)
        files.append(sample.path(FUZZED))
        done = run_validate(sample.root, *files)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "内部错误" not in done.stdout + done.stderr
