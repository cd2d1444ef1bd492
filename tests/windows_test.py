"""Windows, where most clerks work: what Git for Windows and a Windows editor do to the files.

Git for Windows installs with `core.autocrlf=true`, which checks text files out with CRLF;
Notepad and other editors save CRLF, sometimes only on the lines they touched, and may put a
UTF-8 byte order mark in front. Each test here makes a fresh clone with
`git clone -c core.autocrlf=true` (Git on Linux converts exactly as on Windows), installs the
hooks with the real `pre-commit install` and commits, as tests/precommit_test.py does.
What a clerk must never see is a commit refused in English ("files were modified by this
hook") for line ends, or a finding at the wrong line.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from accel666.documents.render import version
from builders import ROOT, position_of
from precommit_test import BIN, SERVICE, GitRepo, isolated_env

# Besides submissions/: the hooks, their runner, the line-end rules and who reviews what.
SHIPPED = (".pre-commit-config.yaml", ".gitattributes", "scripts/hook", ".github/CODEOWNERS")
ENGLISH_REFUSAL = "files were modified by this hook"
# Kinds of file that must be LF in every checkout, Git's guess notwithstanding.
EXPLICIT_LF = (".py", ".yaml", ".yml", ".json", ".toml", ".md", "scripts/hook", ".ci/run", "Makefile")


def make_origin(base: Path, *, attributes: bool = True) -> GitRepo:
    """A repository built from the tree under test: the samples and the hook files, one commit."""
    origin = base / "origin"
    shutil.copytree(ROOT / "submissions", origin / "submissions")
    for relpath in SHIPPED:
        if relpath == ".gitattributes" and not attributes:
            continue
        (origin / relpath).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relpath, origin / relpath)
    repo = GitRepo(origin, isolated_env(base))
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.git("config", "user.name", "维护人员")
    repo.git("config", "user.email", "maintainer@example.com")
    repo.git("add", ".")
    repo.git("commit", "--quiet", "--no-gpg-sign", "-m", "base")
    return repo


def windows_clone(base: Path, *, attributes: bool = True) -> GitRepo:
    """A clerk's clone: `core.autocrlf=true` as Git for Windows sets it, hooks installed."""
    origin = make_origin(base, attributes=attributes)
    repo = GitRepo(base / "clone", dict(origin.env))
    origin.git("clone", "--quiet", "-c", "core.autocrlf=true", str(origin.root), str(repo.root))
    assert repo.git("config", "core.autocrlf").stdout.strip() == "true"
    repo.git("config", "user.name", "申报 单位")
    repo.git("config", "user.email", "clerk@example.com")
    repo.git("config", "commit.gpgsign", "false")
    installed = repo.run(str(BIN / "pre-commit"), "install")
    assert "pre-commit installed" in installed.stdout
    return repo


@pytest.fixture
def clone(tmp_path: Path) -> GitRepo:
    return windows_clone(tmp_path)


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def write_bytes(repo: GitRepo, relpath: str, raw: bytes) -> None:
    (repo.root / relpath).write_bytes(raw)


def committed(repo: GitRepo, relpath: str) -> bytes:
    return subprocess.run(
        ["git", "show", f"HEAD:{relpath}"], cwd=repo.root, env=repo.env, capture_output=True, check=True
    ).stdout


def validate(repo: GitRepo, relpath: str) -> subprocess.CompletedProcess[str]:
    return repo.run(str(BIN / "python"), "-m", "accel666", "validate", relpath, check=False)


def with_wrong_mobile(text: str) -> str:
    changed = text.replace('mobile: "13800000002"', 'mobile: "1380000000"')
    assert changed != text
    return changed


def test_an_autocrlf_clone_checks_out_the_hook_runner_and_the_applications_with_lf(clone: GitRepo) -> None:
    for relpath in ("scripts/hook", ".pre-commit-config.yaml", SERVICE, "submissions/regions.yaml"):
        assert b"\r" not in (clone.root / relpath).read_bytes(), relpath


def test_in_an_autocrlf_clone_a_valid_change_is_committed_through_every_hook(clone: GitRepo) -> None:
    clone.write(SERVICE, clone.read(SERVICE).replace("周示例", "王示例"))
    accepted = clone.commit("更换项目负责人", [SERVICE])
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert "检查申报文件和配置（accel666 validate）" in output
    assert "Failed" not in output
    assert clone.log() == ["更换项目负责人", "base"]


def test_a_crlf_application_is_validated_and_committed_with_lf_and_the_working_copy_is_left_alone(
    clone: GitRepo,
) -> None:
    text = clone.read(SERVICE).replace("周示例", "王示例")
    write_bytes(clone, SERVICE, crlf(text))

    checked = validate(clone, SERVICE)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 个错误" in checked.stdout

    accepted = clone.commit("更换项目负责人（记事本保存）", [SERVICE])
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert ENGLISH_REFUSAL not in output
    assert committed(clone, SERVICE) == text.encode("utf-8")  # Git stored LF
    assert (clone.root / SERVICE).read_bytes() == crlf(text)  # the clerk's file is untouched
    assert clone.git("status", "--porcelain").stdout == ""


def test_a_file_with_mixed_line_ends_is_committed_with_lf_without_an_english_refusal(clone: GitRepo) -> None:
    text = clone.read(SERVICE).replace("周示例", "王示例")
    lines = text.splitlines(keepends=True)
    # An editor that writes CRLF only on the lines it touched.
    mixed = "".join(line.replace("\n", "\r\n") if index % 3 == 0 else line for index, line in enumerate(lines))
    assert "\r\n" in mixed and "\n" in mixed.replace("\r\n", "")
    write_bytes(clone, SERVICE, mixed.encode("utf-8"))

    checked = validate(clone, SERVICE)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    accepted = clone.commit("更换项目负责人", [SERVICE])
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert ENGLISH_REFUSAL not in output
    assert committed(clone, SERVICE) == text.encode("utf-8")


def test_an_error_in_a_crlf_file_is_reported_at_its_line_and_column_and_refuses_the_commit(clone: GitRepo) -> None:
    text = with_wrong_mobile(clone.read(SERVICE))
    line, column = position_of(text, '"1380000000"')
    assert line > 1  # a column counted across CRLF lines would be off after the first
    write_bytes(clone, SERVICE, crlf(text))

    checked = validate(clone, SERVICE)
    assert checked.returncode == 1
    assert f"{SERVICE}:{line}:{column}: PHONE-MOBILE" in checked.stdout

    refused = clone.commit("手机号码少一位", [SERVICE])
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert f"{SERVICE}:{line}:{column}: PHONE-MOBILE" in output
    assert "手机号码应为 11 位半角数字" in output
    assert ENGLISH_REFUSAL not in output
    assert clone.log() == ["base"]


def test_a_loader_finding_in_a_mixed_file_keeps_its_line_and_column(clone: GitRepo) -> None:
    # Found on the raw text (not by the parser): line counting must treat CRLF as one line end.
    text = clone.read(SERVICE).replace("variant: 云服务中心", "variant：云服务中心")
    line, column = position_of(text, "：云服务中心")
    mixed = text.replace("\n", "\r\n", line + 2)  # CRLF before and after the finding's line
    write_bytes(clone, SERVICE, mixed.encode("utf-8"))

    checked = validate(clone, SERVICE)
    assert checked.returncode == 1
    assert f"{SERVICE}:{line}:{column}: YAML-FULLWIDTH-COLON" in checked.stdout


def test_a_lone_carriage_return_is_refused_at_its_position_in_chinese(clone: GitRepo) -> None:
    """An old Mac line end: the parser would count a line that Git, editors and our numbers do not."""
    text = clone.read(SERVICE)
    line, column = position_of(text, "\nbatch:")  # the end of the `variant:` line
    raw = crlf(text).replace("云服务中心\r\nbatch:".encode(), "云服务中心\rbatch:".encode())
    write_bytes(clone, SERVICE, raw)

    checked = validate(clone, SERVICE)
    assert checked.returncode == 1
    assert f"{SERVICE}:{line}:{column}: YAML-CONTROL-CHAR" in checked.stdout
    assert "U+000D" in checked.stdout
    assert checked.stdout.count("YAML-CONTROL-CHAR") == 1  # CRLF elsewhere is fine

    refused = clone.commit("旧式换行", [SERVICE])
    assert refused.returncode != 0
    assert f"{SERVICE}:{line}:{column}: YAML-CONTROL-CHAR" in refused.stdout + refused.stderr


def test_a_utf8_file_with_a_byte_order_mark_and_crlf_is_checked_and_committed_as_saved(clone: GitRepo) -> None:
    """What older Notepad writes for "UTF-8": a byte order mark and CRLF."""
    bom = b"\xef\xbb\xbf"
    wrong = with_wrong_mobile(clone.read(SERVICE))
    line, column = position_of(wrong, '"1380000000"')
    write_bytes(clone, SERVICE, bom + crlf(wrong))
    checked = validate(clone, SERVICE)
    assert f"{SERVICE}:{line}:{column}: PHONE-MOBILE" in checked.stdout

    text = clone.read(SERVICE).removeprefix("\ufeff").replace('"1380000000"', '"13800000009"')
    write_bytes(clone, SERVICE, bom + crlf(text))
    checked = validate(clone, SERVICE)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    accepted = clone.commit("更正手机号码", [SERVICE])
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert ENGLISH_REFUSAL not in output
    assert committed(clone, SERVICE) == bom + text.encode("utf-8")  # LF; the mark is not data, and is kept


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "UTF-16"), ("gbk", "GBK/GB18030")], ids=["notepad-unicode", "notepad-ansi"]
)
def test_a_file_saved_in_another_encoding_is_refused_in_chinese(clone: GitRepo, encoding: str, name: str) -> None:
    write_bytes(clone, SERVICE, clone.read(SERVICE).replace("\n", "\r\n").encode(encoding))
    refused = clone.commit("另存为", [SERVICE])
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert f"{SERVICE}:" in output and "YAML-ENCODING" in output
    assert f"文件是 {name} 编码" in output
    assert "请运行 accel666 fix 转换" in output and "在编辑器中以 UTF-8 编码重新保存" in output
    assert "Traceback" not in output


def test_a_byte_order_mark_does_not_shift_a_finding_on_the_first_line(clone: GitRepo) -> None:
    text = "category： cloud-center\n" + clone.read(SERVICE)
    write_bytes(clone, SERVICE, b"\xef\xbb\xbf" + crlf(text))
    checked = validate(clone, SERVICE)
    assert f"{SERVICE}:1:9: YAML-FULLWIDTH-COLON" in checked.stdout


def test_a_crlf_working_copy_is_no_change_for_check_base_and_prints_the_committed_version(clone: GitRepo) -> None:
    """Saved again by a CRLF editor, an application already recommended is not edited."""
    write_bytes(clone, SERVICE, crlf(clone.read(SERVICE)))

    checked = clone.run(str(BIN / "python"), "-m", "accel666", "check", "--base", "HEAD", check=False)
    assert "APPLICATION-LOCKED" not in checked.stdout
    assert checked.returncode == 0, checked.stdout + checked.stderr

    printed = version(clone.root, SERVICE, (clone.root / SERVICE).read_bytes())
    assert printed.committed is True  # the footer's version is the one `git log --find-object` finds
    assert printed.blob == clone.git("rev-parse", f"HEAD:{SERVICE}").stdout.strip()


def test_a_crlf_hook_runner_from_a_clone_without_attributes_still_runs_every_hook(tmp_path: Path) -> None:
    """Without .gitattributes (an old copy, a bureau's fork) autocrlf gives scripts/hook CRLF."""
    clone = windows_clone(tmp_path, attributes=False)
    assert b"\r\n" in (clone.root / "scripts/hook").read_bytes()
    assert b"\r\n" in (clone.root / SERVICE).read_bytes()

    clone.write(SERVICE, clone.read(SERVICE).replace("周示例", "王示例"))
    accepted = clone.commit("更换项目负责人", [SERVICE])
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert "pipefail" not in output

    clone.write(SERVICE, with_wrong_mobile(clone.read(SERVICE)))
    refused = clone.commit("手机号码少一位", [SERVICE])
    assert refused.returncode != 0
    assert "PHONE-MOBILE" in refused.stdout + refused.stderr


def bare_path(base: Path) -> str:
    """A PATH with git and bash (what Git for Windows gives a hook) and a python without accel666."""
    tools = base / "tools"
    tools.mkdir()
    for name in ("git", "bash", "dirname"):
        found = shutil.which(name)
        assert found is not None, name
        (tools / name).symlink_to(found)
    python = tools / "python"
    python.write_text(f'#!/bin/sh\nexec "{BIN / "python"}" -S "$@"\n', encoding="utf-8")  # no site-packages
    python.chmod(0o755)
    return str(tools)


def test_a_windows_venv_layout_is_found_when_nothing_is_activated(clone: GitRepo, tmp_path: Path) -> None:
    """.venv/Scripts/python.exe, as `py -m venv .venv` makes it, and no activated environment."""
    venv = clone.root / ".venv"
    (venv / "Scripts").mkdir(parents=True)
    shutil.copy2(BIN.parent / "pyvenv.cfg", venv / "pyvenv.cfg")
    (venv / "lib").symlink_to(BIN.parent / "lib", target_is_directory=True)
    (venv / "Scripts" / "python.exe").symlink_to(BIN / "python")
    (clone.root / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    clone.env["PATH"] = bare_path(tmp_path)

    clone.write(SERVICE, with_wrong_mobile(clone.read(SERVICE)))
    refused = clone.commit("手机号码少一位", [SERVICE, ".gitignore"])
    assert refused.returncode != 0
    assert "PHONE-MOBILE" in refused.stdout + refused.stderr

    clone.write(SERVICE, clone.read(SERVICE).replace('"1380000000"', '"13800000009"'))
    accepted = clone.commit("更正手机号码", [SERVICE, ".gitignore"])
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_a_python_without_the_tools_gets_a_chinese_message_not_a_traceback(clone: GitRepo, tmp_path: Path) -> None:
    clone.env["PATH"] = bare_path(tmp_path)
    clone.env.pop("PYTHONPATH", None)  # the tree under test is what this Python must not find
    clone.write(SERVICE, clone.read(SERVICE).replace("周示例", "王示例"))
    refused = clone.commit("更换项目负责人", [SERVICE])
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "中没有安装 accel666：请在仓库根目录安装检查工具" in output
    assert "No module named" not in output
    assert clone.log() == ["base"]


def test_without_any_python_the_hook_says_in_chinese_what_to_install(clone: GitRepo, tmp_path: Path) -> None:
    clone.env["PATH"] = bare_path(tmp_path)
    (Path(clone.env["PATH"]) / "python").unlink()
    clone.write(SERVICE, clone.read(SERVICE).replace("周示例", "王示例"))
    refused = clone.commit("更换项目负责人", [SERVICE])
    assert refused.returncode != 0
    assert "找不到 Python：请先在仓库根目录建立 .venv" in refused.stdout + refused.stderr


def repository_files() -> list[str]:
    """Every file of the tree under test that Git would track (ignored files left out)."""
    skipped = {".git", ".venv", "node_modules", "site", "__pycache__"}
    found = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if path.is_file() and not skipped.intersection(parts):
            found.append(path.relative_to(ROOT).as_posix())
    return found


def scratch_repo(base: Path) -> GitRepo:
    """An empty repository holding this tree's .gitattributes and .gitignore, to ask Git about paths."""
    repo = GitRepo(base / "scratch", isolated_env(base))
    repo.root.mkdir()
    repo.git("init", "--quiet")
    for name in (".gitattributes", ".gitignore"):
        shutil.copy2(ROOT / name, repo.root / name)
    return repo


def ask_git(repo: GitRepo, *args: str, paths: list[str]) -> list[str]:
    """A `git ... --stdin -z` answer as its NUL-separated fields (paths unquoted, Chinese included)."""
    done = subprocess.run(
        ["git", *args, "--stdin", "-z"],
        cwd=repo.root,
        env=repo.env,
        input="\0".join(paths).encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr  # check-ignore: 1 when nothing is ignored
    return [field for field in done.stdout.decode("utf-8").split("\0") if field]


def attributes_of(repo: GitRepo, paths: list[str], *names: str) -> dict[str, dict[str, str]]:
    fields = ask_git(repo, "check-attr", *names, paths=paths)
    found: dict[str, dict[str, str]] = {}
    for path, name, value in zip(fields[::3], fields[1::3], fields[2::3], strict=True):
        found.setdefault(path, {})[name] = value
    return found


# The YAML test suite's cases hold CRs, tabs and missing final line breaks on purpose.
VERBATIM = "tests/resources/yaml-test-suite/"


def test_every_text_file_of_the_repository_is_stored_and_checked_out_with_lf(tmp_path: Path) -> None:
    """Judged by `git check-attr` on this tree's .gitattributes, for every file Git would track."""
    scratch = scratch_repo(tmp_path)
    files = repository_files()
    ignored = set(ask_git(scratch, "check-ignore", "--no-index", paths=files))
    tracked = [relpath for relpath in files if relpath not in ignored]
    assert "scripts/hook" in tracked and SERVICE in tracked and ".venv/pyvenv.cfg" not in tracked

    attributes = attributes_of(scratch, tracked, "text", "eol")
    problems = []
    for relpath in tracked:
        raw, attrs = (ROOT / relpath).read_bytes(), attributes[relpath]
        if relpath.startswith(VERBATIM):  # test corpora kept byte for byte: never converted either way
            if attrs["text"] != "unset":
                problems.append(f"{relpath}: a corpus file but text={attrs['text']}")
            continue
        if b"\0" in raw:  # binary: must never be converted
            if attrs["text"] != "unset":
                problems.append(f"{relpath}: binary but text={attrs['text']}")
            continue
        explicit = relpath.endswith(EXPLICIT_LF) or relpath in EXPLICIT_LF
        if attrs["text"] not in ({"set"} if explicit else {"set", "auto"}) or attrs["eol"] != "lf":
            problems.append(f"{relpath}: text={attrs['text']} eol={attrs['eol']}")
        if b"\r" in raw:
            problems.append(f"{relpath}: has a carriage return in this tree")
    assert problems == []


@pytest.mark.parametrize("name", ["附件1.docx", "附件3.xlsx", "汇总.xls", "表.ods", "申报表.pdf", "logo.png"])
def test_office_files_and_images_are_binary_for_git(tmp_path: Path, name: str) -> None:
    # text unset: never converted, whatever eol says; diff unset: never shown as text.
    attrs = attributes_of(scratch_repo(tmp_path), [f"docs/{name}"], "text", "diff")
    assert attrs == {f"docs/{name}": {"text": "unset", "diff": "unset"}}
