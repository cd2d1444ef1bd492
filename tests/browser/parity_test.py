"""The check in the browser gives exactly the CLI's findings: the same code under Pyodide, from the site's archive.

One Node run (tests/browser/pyodide_runner.mjs: the runtime from node_modules/pyodide, the
archive accel666.browser.bundle builds) checks every sample application, every case of the
YAML test suite (tests/resources/yaml-test-suite) and every file the rule, schema and
loader tests hand to the loader (recorded by running those tests with tests/browser/recorder.py).
Each result must equal, field for field (code, severity, pointer, message, line, column,
and 附件2's eligibility), what CPython computes for the same bytes at the same path with
the CLI's per-file function, accel666.check.check_bytes, and libyaml; each finding's
form wording is the wording table's (accel666.browser.wording) for that message. The
gate's deadline rule, which the form runs too, judges every file on one fixed day (`DAY`):
the rule reads the date, so both sides must be given the same one, and this day has one
batch closed (2020-1) and one open (practice).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

import accel666.load
from accel666.browser import bundle
from accel666.browser.wording import form_words
from accel666.check import category_of, check_bytes
from accel666.findings import Finding, Result
from accel666.git import Change, ChangeSet
from accel666.load import load_document
from accel666.repository import locate, open_repository
from accel666.rules.backbone import eligibility_of
from accel666.rules.base import Application
from accel666.rules.changes import ChangeContext, check_deadlines
from accel666.rules.codes import with_severity
from accel666.template import Prefill, template_text
from browser.wording_test import CLI_ONLY
from builders import ROOT, tree_env

RUNNER = ROOT / "tests" / "browser" / "pyodide_runner.mjs"
SUITE = ROOT / "tests" / "resources" / "yaml-test-suite"
DAY = "2020-09-15"  # after 2020-1's application deadline, long before the practice batch's
RECORDED_TESTS = ["tests/rules", "tests/schema_test.py", "tests/load_test.py", "tests/samples_test.py"]
# What the check must never carry into the browser (tests/imports_test.py keeps them out of `validate`).
HEAVY = ("openpyxl", "docx", "lxml", "mkdocs", "jinja2", "accel666.cli", "accel666.documents", "accel666.sheets")
# Cases of the YAML test suite that libyaml and PyYAML's pure-Python parser (the browser's)
# still read differently: `%` directives, `?` inside brackets, tags and empty keys in
# braces. None is a form's ordinary text; each is listed so that a new divergence fails here, and a fix removes it.
PURE_PARSER_DIVERGES = (
    "2LFX",
    "4ABK",
    "6LVF",
    "BEC7",
    "FRK4",
    "JR7V",
    "MUS6/00",
    "MUS6/03",
    "MUS6/05",
    "MUS6/06",
    "U99R",
    "W4TN",
    "WZ62",
)
# Two files of the loader's tests, by content: 100,000 `[` (libyaml stops at its own depth
# limit of 1,000, the pure parser reaches the loader's YAML-TOO-DEEP at 41) and `[a?b]`
# (the pure parser ends a plain text in brackets at `?`).
PURE_PARSER_DIVERGES_RECORDED = ("[" * 100_000, "k: [a?b, 'c?d']\nm: {key?: v}\n")


def run_in_pyodide(archive: Path, requests: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    listing = tmp_path / "requests.json"
    listing.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        ["node", str(RUNNER), str(archive), str(listing)], capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def recorded_files(tmp_path: Path) -> dict[tuple[str, str], bytes]:
    """Every application file the rule, schema and loader tests load, by path and content."""
    record = tmp_path / "recorded.jsonl"
    record.touch()
    env = tree_env(ACCEL666_RECORD=str(record))
    env["PYTHONPATH"] = f"{ROOT / 'tests' / 'browser'}:{env['PYTHONPATH']}"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "recorder", "-p", "no:cacheprovider", *RECORDED_TESTS]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    files: dict[tuple[str, str], bytes] = {}
    for line in record.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        raw = base64.b64decode(entry["base64"])
        if locate(entry["path"]).kind in ("application", "outside", "misplaced"):
            files[(entry["path"], base64.b64encode(raw).decode())] = raw
    return files


def expected(repo: Any, path: str, raw: bytes) -> dict[str, Any]:
    """What the CLI computes for one file: check_bytes' findings in the report's order, and the eligibility;
    and what the gate says of the file coming in as a new application on DAY, at the batch's field."""
    findings = Result(list(check_bytes(repo, path, raw).findings)).sorted()
    doc = load_document(raw, path)
    eligibility = None
    if doc.loaded and category_of(locate(path), doc.data) == "backbone":
        result = eligibility_of(Application(doc, repo, locate(path), "backbone"))
        eligibility = result.to_json() if result else None
    late: list[Finding] = []
    if locate(path).kind == "application":
        arrival = ChangeSet(base="", changes=(Change("added", path),), base_paths=frozenset())
        late = [with_severity(f) for f in check_deadlines(ChangeContext(repo, arrival, dt.date.fromisoformat(DAY)))]
    return {
        "findings": [as_shown(f) for f in findings],
        "eligibility": eligibility,
        "deadline": [as_shown(f) | {"pointer": "/batch"} for f in late],
    }


def as_shown(finding: Finding) -> dict[str, object]:
    shown = {k: v for k, v in finding.to_json().items() if k != "path"}
    return shown | {"form_message": form_words(finding.code, finding.message)}


@pytest.fixture(scope="module")
def parity(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp_path = tmp_path_factory.mktemp("parity")
    archive = tmp_path / bundle.ARCHIVE
    archive.write_bytes(bundle.archive(ROOT))
    repo = open_repository(ROOT)
    samples = {p: (ROOT / p).read_bytes() for p in sorted(repo.yaml_files()) if locate(p).kind == "application"}
    inputs = {(path, "sample"): raw for path, raw in samples.items()}
    inputs.update(((f"{case}.yaml", "suite"), (SUITE / case / "in.yaml").read_bytes()) for case in suite_cases())
    inputs.update(recorded_files(tmp_path))
    files = [(path, raw) for (path, _), raw in inputs.items()]
    requests = [
        {
            "op": "check",
            "args": {"form": locate(path).category or "backbone", "path": path, "today": DAY, "base64": _b64(raw)},
        }
        for path, raw in files
    ]
    sample_data = {path: load_document(raw, path).data for path, raw in samples.items()}
    requests += [
        {"op": "render", "args": {"form": locate(path).category, "data": data}} for path, data in sample_data.items()
    ]
    return {
        "archive": archive,
        "repo": repo,
        "files": files,
        "samples": samples,
        "sample_data": sample_data,
        "run": run_in_pyodide(archive, requests, tmp_path),
    }


def as_javascript_holds_it(value: Any) -> Any:
    """The data after a page's JSON: a JavaScript number has no 55.0 apart from 55."""
    if isinstance(value, dict):
        return {key: as_javascript_holds_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_javascript_holds_it(item) for item in value]
    return int(value) if isinstance(value, float) and value.is_integer() else value


def suite_cases() -> list[str]:
    return sorted(path.parent.relative_to(SUITE).as_posix() for path in SUITE.glob("**/in.yaml"))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def test_every_file_gets_the_same_findings_and_eligibility_under_pyodide_as_from_the_cli(
    parity: dict[str, Any],
) -> None:
    files, responses = parity["files"], parity["run"]["responses"]
    assert len(files) > len(suite_cases()) + 150  # the samples, the suite and the recorded fixtures all came
    differing = [
        (path, raw)
        for (path, raw), response in zip(files, responses, strict=False)
        if response != {"ok": True, "result": expected(parity["repo"], path, raw)}
    ]
    recorded = {text.encode() for text in PURE_PARSER_DIVERGES_RECORDED}
    assert sorted(path for path, raw in differing if raw not in recorded) == [
        f"{case}.yaml" for case in PURE_PARSER_DIVERGES
    ]
    assert {raw for _, raw in differing if raw in recorded} == recorded


def test_the_fixtures_reach_every_kind_of_finding_the_loader_schema_and_rules_give(parity: dict[str, Any]) -> None:
    codes = {
        finding["code"]
        for response in parity["run"]["responses"][: len(parity["files"])]
        for finding in response["result"]["findings"]
    }
    for code in ("YAML-SYNTAX", "YAML-TAB", "USCC-CHECKSUM", "SCHEMA-REQUIRED", "BACKBONE-ROUTES", "YAML-ENCODING"):
        assert code in codes


def test_no_finding_reads_in_the_form_with_advice_on_yaml_files_folders_or_commands(parity: dict[str, Any]) -> None:
    shown = [
        finding
        for response in parity["run"]["responses"][: len(parity["files"])]
        for finding in response["result"]["findings"] + response["result"]["deadline"]
    ]
    assert len({f["code"] for f in shown}) > 40  # the loader's, the schema's and the rules' findings all came
    unchanged = sorted({f["message"] for f in shown if CLI_ONLY.search(f["form_message"])})
    assert not unchanged, "\n".join(unchanged)


def test_the_gate_refuses_the_closed_batchs_samples_on_the_day_and_not_the_practice_batchs(
    parity: dict[str, Any],
) -> None:
    late = {
        path: [f["code"] for f in response["result"]["deadline"]]
        for (path, raw), response in zip(parity["files"], parity["run"]["responses"], strict=False)
        if parity["samples"].get(path) == raw
    }
    assert {path for path, codes in late.items() if codes == ["LATE-APPLICATION"]} == {
        path for path in late if path.startswith("submissions/2020-1/")
    }
    assert {path for path, codes in late.items() if not codes} == {
        path for path in late if path.startswith("submissions/practice/")
    }


def test_a_sample_file_and_its_form_rendered_under_pyodide_are_what_accel666_new_writes(
    parity: dict[str, Any],
) -> None:
    rendered = parity["run"]["responses"][len(parity["files"]) :]
    assert len(rendered) == len(parity["sample_data"])
    for (path, given), response in zip(parity["sample_data"].items(), rendered, strict=True):
        data = as_javascript_holds_it(given)
        batch = parity["repo"].batches[data["batch"]]
        prefill = Prefill(variant=data.get("variant"), years=batch.indicator_years, data=data, command="网站申报表单")
        assert response == {"ok": True, "result": template_text(str(locate(path).category), prefill)}


def test_the_samples_pass_the_real_cli_as_they_pass_in_the_browser(parity: dict[str, Any]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "accel666", "validate", "--format", "json", "--no-cache", *parity["samples"]],
        cwd=ROOT,
        env=tree_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    cli: dict[str, list[dict[str, Any]]] = {path: [] for path in parity["samples"]}
    for finding in json.loads(done.stdout):
        cli[finding.pop("path")].append(finding)
    browser = {}
    for (path, raw), response in zip(parity["files"], parity["run"]["responses"], strict=False):
        if parity["samples"].get(path) == raw:
            browser[path] = [
                {k: v for k, v in f.items() if k != "form_message"} for f in response["result"]["findings"]
            ]
    assert browser == cli


def test_the_archive_holds_only_modules_the_check_imports(parity: dict[str, Any]) -> None:
    names = zipfile.ZipFile(io.BytesIO(parity["archive"].read_bytes())).namelist()
    modules = {
        name.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for name in names if name.endswith(".py")
    }
    imported = set(parity["run"]["modules"])
    assert sorted(modules - imported) == []
    assert sorted(m for m in imported | modules if m.startswith(HEAVY)) == []
    data = sorted({name.split("/")[0] for name in names if not name.endswith(".py")})
    assert data == ["accel666", "jsonschema_specifications", "submissions"]  # schemas, metaschemas, configuration
    assert [name for name in names if name.startswith("submissions/")] == sorted(
        p.relative_to(ROOT).as_posix()
        for p in [ROOT / "submissions/regions.yaml", *ROOT.glob("submissions/*/batch.yaml")]
    )


def test_two_archives_of_the_same_tree_are_byte_identical(parity: dict[str, Any]) -> None:
    assert bundle.archive(ROOT) == parity["archive"].read_bytes()


def test_the_pure_parser_reads_the_suite_as_libyaml_does_but_for_the_listed_cases(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same comparison without Pyodide: the loader's own two parsers, in this interpreter."""

    def read(loader: type, raw: bytes, path: str) -> tuple[list[tuple[str, int, int, str]], object]:
        monkeypatch.setattr(accel666.load, "_Loader", loader)
        doc = load_document(raw, path)
        return [(f.code, f.line, f.column, f.message) for f in doc.findings], doc.data

    differing = [
        case
        for case in suite_cases()
        if read(yaml.CSafeLoader, raw := (SUITE / case / "in.yaml").read_bytes(), case)
        != read(accel666.load.PureLoader, raw, case)
    ]
    assert differing == list(PURE_PARSER_DIVERGES)
