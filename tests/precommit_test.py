"""The pre-commit hooks, for real: a git repository, `pre-commit install`, `git commit`.

Every hook in .pre-commit-config.yaml is `repo: local` with `language: unsupported`
(pre-commit 4's `system`), run through scripts/hook as `python -m MODULE`, so
nothing is fetched: the modules come from this environment, whose bin folder is put first
on PATH as an activated `make setup` environment would have it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from builders import ROOT, SAMPLES, position_of, tree_env

BIN = Path(sys.executable).parent
SERVICE = SAMPLES["service-center"]
NEW_CODE = "91320594MA00000015"  # a valid 统一社会信用代码 not used by any sample


@dataclass
class GitRepo:
    root: Path
    env: dict[str, str]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        completed = subprocess.run(
            list(args),
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        if check:
            assert completed.returncode == 0, f"{args} failed:\n{completed.stdout}\n{completed.stderr}"
        return completed

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, check=check)

    def commit(self, message: str, paths: Sequence[str]) -> subprocess.CompletedProcess[str]:
        self.git("add", *paths)
        return self.git("commit", "-m", message, check=False)

    def read(self, relpath: str) -> str:
        return (self.root / relpath).read_text(encoding="utf-8")

    def write(self, relpath: str, text: str) -> None:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def log(self) -> list[str]:
        return self.git("log", "--format=%s").stdout.splitlines()


def isolated_env(base: Path) -> dict[str, str]:
    """No user or system git configuration, caches in the temp dir, this venv first on PATH."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    for name in ("home", "cache", "pre-commit"):
        (base / name).mkdir()
    env.update(
        HOME=str(base / "home"),
        XDG_CACHE_HOME=str(base / "cache"),
        XDG_CONFIG_HOME=str(base / "home" / ".config"),
        PRE_COMMIT_HOME=str(base / "pre-commit"),
        PATH=os.pathsep.join([str(BIN), env.get("PATH", "")]),
        GIT_CONFIG_NOSYSTEM="1",
        LANG="C.UTF-8",
    )
    env.pop("VIRTUAL_ENV", None)
    return tree_env(env)


@pytest.fixture
def hooked_repo(tmp_path: Path) -> GitRepo:
    """A git repository with the samples and the project's hook configuration, hooks installed."""
    root = tmp_path / "work"
    root.mkdir()
    shutil.copytree(ROOT / "submissions", root / "submissions")
    for name in (".pre-commit-config.yaml", ".gitattributes"):
        shutil.copy2(ROOT / name, root / name)
    (root / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "hook", root / "scripts" / "hook")
    repo = GitRepo(root, isolated_env(tmp_path))
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.git("config", "user.name", "测试 用户")
    repo.git("config", "user.email", "tester@example.com")
    repo.git("config", "commit.gpgsign", "false")
    repo.git("add", ".")
    repo.git("commit", "--quiet", "-m", "base")
    installed = repo.run(str(BIN / "pre-commit"), "install")
    assert "pre-commit installed" in installed.stdout
    assert (root / ".git" / "hooks" / "pre-commit").is_file()
    return repo


def test_commit_of_an_invalid_application_is_refused_with_the_chinese_finding(hooked_repo: GitRepo) -> None:
    text = hooked_repo.read(SERVICE).replace('mobile: "13800000002"', 'mobile: "1380000000"')
    hooked_repo.write(SERVICE, text)
    line, column = position_of(text, '"1380000000"')

    refused = hooked_repo.commit("手机号码少一位", [SERVICE])
    output = refused.stdout + refused.stderr

    assert refused.returncode != 0, output
    assert f"{SERVICE}:{line}:{column}: PHONE-MOBILE" in output
    assert "手机号码应为 11 位半角数字" in output
    assert "检查申报文件和配置（accel666 validate）" in output
    assert hooked_repo.log() == ["base"]
    # The change is still staged, waiting for a fix.
    assert hooked_repo.git("diff", "--cached", "--name-only").stdout.split() == [SERVICE]


def test_after_the_fix_the_commit_goes_through(hooked_repo: GitRepo) -> None:
    original = hooked_repo.read(SERVICE)
    hooked_repo.write(SERVICE, original.replace('mobile: "13800000002"', 'mobile: "1380000000"'))
    assert hooked_repo.commit("手机号码少一位", [SERVICE]).returncode != 0

    hooked_repo.write(SERVICE, original.replace('mobile: "13800000002"', 'mobile: "13800000009"'))
    accepted = hooked_repo.commit("更正联系人手机号码", [SERVICE])

    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert hooked_repo.log() == ["更正联系人手机号码", "base"]
    assert hooked_repo.git("show", "HEAD:" + SERVICE).stdout == hooked_repo.read(SERVICE)
    assert '"13800000009"' in hooked_repo.git("show", "HEAD:" + SERVICE).stdout
    assert hooked_repo.git("status", "--porcelain").stdout == ""


def test_a_valid_change_is_committed_and_every_hook_passes(hooked_repo: GitRepo) -> None:
    text = hooked_repo.read(SERVICE).replace("周示例", "王示例")
    hooked_repo.write(SERVICE, text)
    accepted = hooked_repo.commit("更换项目负责人", [SERVICE])
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    for hook in (
        "检查申报文件和配置",
        "删除行尾空格",
        "文件以一个换行结束",
        "检查未解决的合并冲突标记",
    ):
        line = next((row for row in output.splitlines() if row.startswith(hook)), None)
        assert line is not None, output
        assert line.endswith("Passed"), line
    assert hooked_repo.log() == ["更换项目负责人", "base"]


def test_without_an_activated_environment_the_hooks_use_the_repository_venv(hooked_repo: GitRepo) -> None:
    # As from an editor's Git panel: the tools are not on PATH, only in .venv.
    (hooked_repo.root / ".venv").symlink_to(BIN.parent, target_is_directory=True)
    (hooked_repo.root / ".gitignore").write_text(".venv\n", encoding="utf-8")
    hooked_repo.env["PATH"] = "/usr/bin:/bin"
    hooked_repo.write(SERVICE, hooked_repo.read(SERVICE).replace("周示例", "王示例"))
    accepted = hooked_repo.commit("更换项目负责人", [SERVICE, ".gitignore"])
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    hooked_repo.write(SERVICE, hooked_repo.read(SERVICE).replace('mobile: "13800000002"', 'mobile: "1380000000"'))
    refused = hooked_repo.commit("手机号码少一位", [SERVICE])
    assert refused.returncode != 0
    assert "PHONE-MOBILE" in refused.stdout + refused.stderr


def test_a_duplicate_applicant_in_another_region_is_refused(hooked_repo: GitRepo) -> None:
    copy = SERVICE.replace("/320500/", "/320583/")
    hooked_repo.write(copy, hooked_repo.read(SERVICE))
    refused = hooked_repo.commit("重复申报", [copy])
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "DUPLICATE-APPLICANT" in output
    assert "重复申报" in output
    assert hooked_repo.log() == ["base"]


def test_trailing_whitespace_is_fixed_by_the_hook_and_the_retry_succeeds(hooked_repo: GitRepo) -> None:
    text = hooked_repo.read(SERVICE).replace(
        "address: 苏州市虎丘区示例路 100 号", "address: 苏州市虎丘区示例路 101 号   "
    )
    hooked_repo.write(SERVICE, text)
    first = hooked_repo.commit("地址", [SERVICE])
    output = first.stdout + first.stderr
    assert first.returncode != 0
    assert "删除行尾空格" in output
    assert f"Fixing {SERVICE}" in output
    fixed = hooked_repo.read(SERVICE)
    assert "101 号   \n" not in fixed
    assert "address: 苏州市虎丘区示例路 101 号\n" in fixed
    second = hooked_repo.commit("地址", [SERVICE])
    assert second.returncode == 0, second.stdout + second.stderr
    assert hooked_repo.log() == ["地址", "base"]


def test_a_template_from_accel666_new_passes_the_formatting_hooks_unchanged(hooked_repo: GitRepo) -> None:
    """A fresh template fails validation, but the whitespace fixers must have nothing to change in it."""
    hooked_repo.run(
        str(BIN / "accel666"),
        "new",
        "cloud-center",
        "--variant",
        "云基地",
        "--batch",
        "2020-1",
        "--region",
        "320500",
        "--uscc",
        NEW_CODE,
    )
    relpath = f"submissions/2020-1/320500/cloud-center/{NEW_CODE}.yaml"
    before = hooked_repo.read(relpath)
    refused = hooked_repo.commit("模板", [relpath])
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "TEMPLATE-PLACEHOLDER" in output
    assert hooked_repo.read(relpath) == before, "a pre-commit fixer rewrote the generated template"


@pytest.mark.parametrize(
    "stray",
    ["submissions/2020-1/320500/cloud-center/91320505MA1MCK8X03.yaml.txt", "submissions/2020-1/320500/说明.pdf"],
    ids=["yaml.txt", "pdf"],
)
def test_a_file_that_is_no_application_is_refused_at_commit_as_the_gate_refuses_it(
    hooked_repo: GitRepo, stray: str
) -> None:
    hooked_repo.write(stray, hooked_repo.read(SERVICE))
    refused = hooked_repo.commit("另存的申报表", [stray])
    assert refused.returncode != 0
    assert f"{stray}:1:1: FILE-STRAY" in refused.stdout + refused.stderr
    assert hooked_repo.log() == ["base"]


def test_an_application_committed_as_a_link_is_refused_at_commit(hooked_repo: GitRepo) -> None:
    link = "submissions/2020-1/320500/cloud-center/91320505MA1MCK8X11.yaml"
    (hooked_repo.root / link).symlink_to("91320505MA1MCK8X03.yaml")
    refused = hooked_repo.commit("链接", [link])
    assert refused.returncode != 0
    assert f"{link}:1:1: FILE-NOT-REGULAR" in refused.stdout + refused.stderr
