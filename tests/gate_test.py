"""The gate: the base's tool judges a pull request's head as data, and holds its author to their role.

Each test builds a real git repository: the samples plus an open practice batch on
`main`, one pull request on the branch `pr`, then `accel666 check --base main --head pr
--actor LOGIN` run from a checkout of main, as the gate workflow runs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from accel666.cli import main
from builders import ROOT, SAMPLES, SampleRepo, git_repo

BATCH = "2026-1"
TODAY = "2026-12-04"  # inside the practice batch's application window
DEMO = SAMPLES["demo"]
BACKBONE = SAMPLES["backbone"]
NEW_CODE = "91320312MA1X2T9F7K"  # a valid code no sample uses
OTHER_CODE = "91320312MA1X2T9F8N"  # also registered in Xuzhou
NANJING_CODE = "91320106MA1W7XYL4G"
APPLICANT = "applicant-sample"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def open_batch(sample_repo: SampleRepo) -> None:
    """A batch open on TODAY, and an applicant account bound to NEW_CODE, on main."""
    text = sample_repo.read("submissions/2020-1/batch.yaml").replace('id: "2020-1"', f'id: "{BATCH}"')
    dates = {"opens": "2026-11-01", "matching_deadline": "2026-11-15", "application_deadline": "2026-12-31"}
    dates |= {"review_deadline": "2027-01-31", "publication": "2027-02-28"}
    for key, value in dates.items():
        text = re.sub(rf"{key}: \S+", f"{key}: {value}", text)
    sample_repo.write(f"submissions/{BATCH}/batch.yaml", text.replace("name: 第一批", "name: 练习批次"))
    sample_repo.write(
        "submissions/reviewers.yaml",
        sample_repo.read("submissions/reviewers.yaml") + f'  applicants:\n    {APPLICANT}: ["{NEW_CODE}"]\n',
    )


def demo_in(region: str, code: str = NEW_CODE) -> tuple[str, str]:
    """A new 附件3 application of the practice batch in `region`: (path, text)."""
    text = (ROOT / DEMO).read_text(encoding="utf-8")
    text = text.replace('batch: "2020-1"', f'batch: "{BATCH}"').replace('region: "320300"', f'region: "{region}"')
    text = text.replace("91320312MA1X2T9F6G", code).replace("徐州示例重工机械", "示例新重工机械")
    return f"submissions/{BATCH}/{region}/demo-enterprise/{code}.yaml", text


@pytest.fixture
def base(sample_repo: SampleRepo) -> Path:
    open_batch(sample_repo)
    root = git_repo(sample_repo, branch="pr")
    return root


def pull_request(root: Path, files: dict[str, str | None], *, links: dict[str, str] | None = None) -> None:
    """Commit `files` (None deletes) and `links` (path -> target) on the branch pr, then check main out."""
    for relpath, text in files.items():
        target = root / relpath
        if text is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for relpath, destination in (links or {}).items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(destination, root / relpath)
    git(root, "add", "-A", "-f")
    git(root, "commit", "-q", "-m", "pull request")
    git(root, "checkout", "-q", "main")


def gate(root: Path, actor: str | None, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, set[str]]]:
    """The gate's exit code and codes by path."""
    capsys.readouterr()
    args = ["check", "--base", "main", "--head", "pr", "--today", TODAY, "--format", "json", "--root", str(root)]
    code = main([*args, *(["--actor", actor] if actor else [])])
    found: dict[str, set[str]] = {}
    for finding in json.loads(capsys.readouterr().out):
        found.setdefault(finding["path"], set()).add(finding["code"])
    return code, found


def test_a_clean_addition_to_an_open_batch_by_its_bureau_passes(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, text = demo_in("320300")
    pull_request(base, {path: text})
    assert gate(base, "xuzhou-sample", capsys) == (0, {})


def test_a_pull_request_that_edits_the_tool_and_adds_a_broken_application_is_refused_for_both(
    base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text = demo_in("320300")
    broken = text.replace('phone: "13800000041"', 'phone: "1380000004"')
    # What an attacker would write: the late and phone rules disarmed, every finding dropped.
    tool = "def check_repository(*args, **kwargs):\n    raise SystemExit(0)\n"
    pull_request(base, {path: broken, "scripts/accel666/check.py": tool})
    code, found = gate(base, "xuzhou-sample", capsys)
    assert code == 1
    assert "PHONE-FORMAT" in found[path] or "PHONE-MOBILE" in found[path]
    assert found["scripts/accel666/check.py"] == {"CHANGE-TOOLING", "ACCESS-FORBIDDEN"}


def test_the_head_is_never_checked_out_the_base_checkout_is_left_as_it_was(
    base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text = demo_in("320300")
    pull_request(base, {path: text})
    before = git(base, "status", "--porcelain", "--ignored")
    gate(base, "xuzhou-sample", capsys)
    assert git(base, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert not (base / path).exists()
    assert git(base, "status", "--porcelain", "--ignored") == before


def test_an_application_committed_as_a_symlink_is_refused(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, text = demo_in("320300")
    pull_request(base, {path.replace(".yaml", ".txt"): text}, links={path: Path(path).name.replace(".yaml", ".txt")})
    code, found = gate(base, "xuzhou-sample", capsys)
    assert code == 1 and "FILE-NOT-REGULAR" in found[path]


def test_a_tracked_cache_file_is_refused(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pull_request(base, {".accel666-cache/validate.marshal": "fake outcome"})
    code, found = gate(base, "jsgxt-sample-province", capsys)
    assert code == 1 and found[".accel666-cache/validate.marshal"] == {"CACHE-TRACKED"}


@pytest.mark.parametrize(
    "stray",
    [
        f"submissions/{BATCH}/320300/demo-enterprise/{NEW_CODE}.yaml.txt",  # Notepad's "save as"
        f"submissions/{BATCH}/320300/demo-enterprise/申报表.pdf",
        f"submissions/{BATCH}/320300/.drafts/{NEW_CODE}.yaml",  # a dot-folder
    ],
    ids=["yaml.txt", "pdf", "dot-folder"],
)
def test_a_file_the_tool_cannot_accept_is_refused_not_passed_over(
    base: Path, capsys: pytest.CaptureFixture[str], stray: str
) -> None:
    pull_request(base, {stray: demo_in("320300")[1]})
    code, found = gate(base, "xuzhou-sample", capsys)
    assert code == 1 and found[stray] == {"FILE-STRAY"}


def test_an_account_the_configuration_does_not_name_changes_nothing(
    base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text = demo_in("320300")
    pull_request(base, {path: text})
    code, found = gate(base, "someone-else", capsys)
    assert code == 1 and found[path] == {"ACCESS-UNKNOWN"}


def test_a_pull_request_cannot_give_its_author_an_account(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, text = demo_in("320100", NANJING_CODE)
    reviewers = (base / "submissions/reviewers.yaml").read_text(encoding="utf-8")
    more = reviewers.replace('"320100": [nanjing-sample]', '"320100": [nanjing-sample, someone-else]')
    pull_request(base, {path: text, "submissions/reviewers.yaml": more})
    code, found = gate(base, "someone-else", capsys)
    assert code == 1 and found[path] == {"ACCESS-UNKNOWN"}  # the base's accounts are the ones that count


ALLOWED_AND_FORBIDDEN = {
    # actor: (an application it may add (region, code), one it may not)
    "xuzhou-sample": (("320300", NEW_CODE), ("320100", NANJING_CODE)),  # a bureau: its own region only
    "tencent-sample-666": (("320100", NANJING_CODE), None),  # Tencent: 附件3 of every region
    APPLICANT: (("320300", NEW_CODE), ("320300", OTHER_CODE)),  # an applicant: its own code only
}


@pytest.mark.parametrize("actor", sorted(ALLOWED_AND_FORBIDDEN))
def test_each_role_may_add_the_applications_it_answers_for(
    base: Path, capsys: pytest.CaptureFixture[str], actor: str
) -> None:
    region, code = ALLOWED_AND_FORBIDDEN[actor][0]
    path, text = demo_in(region, code)
    pull_request(base, {path: text})
    assert gate(base, actor, capsys) == (0, {})


@pytest.mark.parametrize("actor", ["xuzhou-sample", APPLICANT])
def test_each_role_may_not_add_an_application_it_does_not_answer_for(
    base: Path, capsys: pytest.CaptureFixture[str], actor: str
) -> None:
    forbidden = ALLOWED_AND_FORBIDDEN[actor][1]
    assert forbidden is not None
    path, text = demo_in(*forbidden)
    pull_request(base, {path: text})
    code, found = gate(base, actor, capsys)
    assert code == 1 and found[path] == {"ACCESS-FORBIDDEN"}


def test_tencent_may_not_file_a_backbone_enterprise(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / BACKBONE).read_text(encoding="utf-8")
    path = f"submissions/{BATCH}/320100/backbone/91320106MA1W7XYL3D.yaml"
    pull_request(base, {path: text.replace('batch: "2020-1"', f'batch: "{BATCH}"')})
    code, found = gate(base, "tencent-sample-666", capsys)
    assert code == 1 and "ACCESS-FORBIDDEN" in found[path]


def test_the_province_may_change_a_batch_but_not_an_application(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch = f"submissions/{BATCH}/batch.yaml"
    renamed = (base / batch).read_text(encoding="utf-8").replace("name: 练习批次", "name: 练习批次（延长）")
    pull_request(base, {batch: renamed})
    assert gate(base, "jsgxt-sample-province", capsys) == (0, {})
    assert gate(base, "xuzhou-sample", capsys) == (1, {batch: {"ACCESS-FORBIDDEN"}})


def test_the_province_may_not_file_an_application(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, text = demo_in("320300")
    pull_request(base, {path: text})
    code, found = gate(base, "jsgxt-sample-province", capsys)
    assert code == 1 and found[path] == {"ACCESS-FORBIDDEN"}


def test_an_expert_may_change_only_their_own_review(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = "submissions/2020-1/reviews/backbone/91320106MA1W7XYL3D/wang-expert.yaml"
    other = "submissions/2020-1/reviews/backbone/91320106MA1W7XYL3D/chen-expert.yaml"
    for path in (own, other):
        text = (base / path).read_text(encoding="utf-8")
        (base / path).write_text(text.replace("（示例数据）", "（示例数据，已修改）"), encoding="utf-8")
    pull_request(base, {})
    code, found = gate(base, "wang-expert", capsys)
    assert code == 1
    # Both are late (the 2020 review deadline has passed) and locked; only the other's is not theirs.
    assert "ACCESS-FORBIDDEN" not in found[own]
    assert "ACCESS-FORBIDDEN" in found[other]


def test_a_file_name_with_a_newline_cannot_forge_a_line_of_the_gates_output(
    base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = f"submissions/{BATCH}/320300/x\n::error file=a.yaml::通过.yaml"
    pull_request(base, {forged: "category: demo-enterprise\n"})
    capsys.readouterr()
    args = ["check", "--base", "main", "--head", "pr", "--today", TODAY, "--format", "github", "--root", str(base)]
    assert main([*args, "--actor", "xuzhou-sample"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if line.startswith("::error file=a.yaml")] == []
    assert any("FILE-NAME-CONTROL" in line and "x\\u000a::error" in line for line in lines)


def test_an_experts_own_review_of_a_recommended_application_passes(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    open_batch(sample_repo)
    path, text = demo_in("320300")
    sample_repo.write(path, text)
    recommendation = sample_repo.read(
        "submissions/2020-1/320300/recommendations/demo-enterprise/91320312MA1X2T9F6G.yaml"
    )
    recommendation = recommendation.replace('batch: "2020-1"', f'batch: "{BATCH}"').replace(
        "91320312MA1X2T9F6G", NEW_CODE
    )
    sample_repo.write(
        f"submissions/{BATCH}/320300/recommendations/demo-enterprise/{NEW_CODE}.yaml",
        re.sub(r"date: \S+", "date: 2026-12-01", recommendation),
    )
    root = git_repo(sample_repo, branch="pr")
    review = sample_repo.read("submissions/2020-1/reviews/demo-enterprise/91320312MA1X2T9F6G/wang-expert.yaml")
    review = review.replace('batch: "2020-1"', f'batch: "{BATCH}"').replace("91320312MA1X2T9F6G", NEW_CODE)
    own = f"submissions/{BATCH}/reviews/demo-enterprise/{NEW_CODE}/wang-expert.yaml"
    pull_request(root, {own: re.sub(r"date: \S+", "date: 2026-12-03", review)})
    assert gate(root, "wang-expert", capsys) == (0, {})
    assert gate(root, "chen-expert", capsys) == (1, {own: {"ACCESS-FORBIDDEN"}})


# -- an applicant's first submission binds its account (deployments that allow it) ----------

NEWCOMER = "newcomer-applicant"
FILED_CODE = "91320312MA1X2T9F6G"  # the Xuzhou 附件3 sample's, filed by its bureau
REVIEWERS = "submissions/reviewers.yaml"


def allow_binding(sample_repo: SampleRepo) -> None:
    """The practice batch open, and the deployment letting applicants bind themselves on first submission."""
    open_batch(sample_repo)
    text = sample_repo.read(REVIEWERS).replace("accounts:\n", "accounts:\n  bind_on_first_submission: true\n", 1)
    sample_repo.write(REVIEWERS, text)


def with_binding(root: Path, login: str, code: str, *, more: str = "") -> str:
    """The base's reviewers.yaml with `login` bound to `code` (and `more` appended to the file)."""
    text = (root / REVIEWERS).read_text(encoding="utf-8")
    return text.replace("  applicants:\n", f'  applicants:\n    {login}: ["{code}"]\n', 1) + more


@pytest.fixture
def open_deployment(sample_repo: SampleRepo) -> Path:
    allow_binding(sample_repo)
    return git_repo(sample_repo, branch="pr")


def test_a_newcomer_adding_one_application_and_its_own_binding_passes(
    open_deployment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text = demo_in("320300", OTHER_CODE)
    pull_request(open_deployment, {path: text, REVIEWERS: with_binding(open_deployment, NEWCOMER, OTHER_CODE)})
    assert gate(open_deployment, NEWCOMER, capsys) == (0, {})


def test_without_the_deployments_consent_a_newcomer_binds_nothing(
    base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text = demo_in("320300", OTHER_CODE)
    pull_request(base, {path: text, REVIEWERS: with_binding(base, NEWCOMER, OTHER_CODE)})
    code, found = gate(base, NEWCOMER, capsys)
    assert code == 1 and found[path] == {"ACCESS-UNKNOWN"} and found[REVIEWERS] == {"ACCESS-UNKNOWN"}


def refused_first_submissions(root: Path) -> dict[str, dict[str, str | None]]:
    """Pull requests by NEWCOMER that are no valid first submission, each with the reason in its name."""
    path, text = demo_in("320300", OTHER_CODE)
    second, second_text = demo_in("320100", NANJING_CODE)
    return {
        "no binding": {path: text},
        "binding only": {REVIEWERS: with_binding(root, NEWCOMER, OTHER_CODE)},
        "another login bound": {path: text, REVIEWERS: with_binding(root, "someone-else", OTHER_CODE)},
        "another code bound": {path: text, REVIEWERS: with_binding(root, NEWCOMER, NANJING_CODE)},
        "a code already bound": {
            demo_in("320300", NEW_CODE)[0]: demo_in("320300", NEW_CODE)[1],
            REVIEWERS: with_binding(root, NEWCOMER, NEW_CODE),  # NEW_CODE is APPLICANT's
        },
        "two applications": {path: text, second: second_text, REVIEWERS: with_binding(root, NEWCOMER, OTHER_CODE)},
        "more in the configuration": {
            path: text,
            REVIEWERS: with_binding(root, NEWCOMER, OTHER_CODE).replace(
                '"320300": [xuzhou-sample]', f'"320300": [xuzhou-sample, {NEWCOMER}]'
            ),
        },
        "a code with an application at the base": {  # the Xuzhou sample's code, filed again in Nanjing
            demo_in("320100", FILED_CODE)[0]: demo_in("320100", FILED_CODE)[1],
            REVIEWERS: with_binding(root, NEWCOMER, FILED_CODE),
        },
        "a practice application": {  # practice never binds a real enterprise's code
            path.replace(BATCH, "practice"): text.replace(f'batch: "{BATCH}"', "batch: practice"),
            REVIEWERS: with_binding(root, NEWCOMER, OTHER_CODE),
        },
    }


@pytest.mark.parametrize(
    "case",
    [
        "no binding",
        "binding only",
        "another login bound",
        "another code bound",
        "a code already bound",
        "two applications",
        "more in the configuration",
        "a code with an application at the base",
        "a practice application",
    ],
)
def test_a_first_submission_of_any_other_shape_is_refused_for_every_file(
    open_deployment: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    files = refused_first_submissions(open_deployment)[case]
    pull_request(open_deployment, files)
    code, found = gate(open_deployment, NEWCOMER, capsys)
    assert code == 1
    assert {path: codes & {"ACCESS-UNKNOWN"} for path, codes in found.items() if path in files} == {
        path: {"ACCESS-UNKNOWN"} for path in files
    }


def test_once_bound_the_application_is_changed_by_its_account_or_its_bureau_only(
    sample_repo: SampleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the merge, NEWCOMER is bound to OTHER_CODE; the application is edited in a pull request."""
    allow_binding(sample_repo)
    path, text = demo_in("320300", OTHER_CODE)
    sample_repo.write(path, text)
    sample_repo.write(REVIEWERS, with_binding(sample_repo.root, NEWCOMER, OTHER_CODE))
    root = git_repo(sample_repo, branch="pr")
    pull_request(root, {path: text.replace("示例新重工机械", "示例新重工机械（更正）")})
    assert gate(root, NEWCOMER, capsys) == (0, {})
    assert gate(root, "xuzhou-sample", capsys) == (0, {})
    assert gate(root, "tencent-sample-666", capsys) == (1, {path: {"ACCESS-FORBIDDEN"}})
    assert gate(root, APPLICANT, capsys) == (1, {path: {"ACCESS-FORBIDDEN"}})
    assert gate(root, "someone-else", capsys) == (1, {path: {"ACCESS-UNKNOWN"}})
