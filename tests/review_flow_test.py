"""End to end: one application of each category through every stage, by branches and merges.

A real git repository in a temp dir. Each stage is a branch that `accel666 check --base
main` (what CI runs on a pull request) must pass before it is merged, and `accel666
status` must then show the new stage. Each refusal is a branch that check must reject:
a late application (also with the deadline moved in the same branch), a change or
deletion after recommendation, a decision before recommendation, a record for a missing
application, another region's bureau recommending, a late recommendation or review,
records added or changed after the next stage, mixed stages, publishing during the 公示.
Two more applications end 未获推荐 and 未入选. The site is built at each stage.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from accel666.cli import main
from accel666.website.build import build_files
from builders import ROOT, tree_env

BATCH = "submissions/2020-1"
APPS = {  # category -> (region, USCC) of a shipped sample
    "cloud-center": ("320500", "91320505MA1MCK8X03"),
    "backbone": ("320100", "91320106MA1W7XYL3D"),
    "demo-enterprise": ("320300", "91320312MA1X2T9F6G"),
}
LATE = f"{BATCH}/320900/demo-enterprise/91320903MA1U3L5M9E.yaml"
# Two more applications, for the two other ends: the bureau does not recommend one, the province rejects the other.
NOT_RECOMMENDED = ("backbone", "320200", "91320214MA1R5K2D4J")
REJECTED = ("demo-enterprise", "321283", "91321283MA1T6J8K8L")
BUREAUS = {
    "320500": "苏州市工业和信息化局",
    "320100": "南京市工业和信息化局",
    "320300": "徐州市工业和信息化局",
    "320200": "无锡市工业和信息化局",
    "321283": "泰兴市工业和信息化局",
}
UNITS = (
    "苏州示例云计算有限公司（示例数据）",
    "南京示例智联科技有限公司（示例数据）",
    "徐州示例重工机械有限公司（示例数据）",
)


def app_path(category: str) -> str:
    region, uscc = APPS[category]
    return f"{BATCH}/{region}/{category}/{uscc}.yaml"


def sample(category: str, region: str, uscc: str) -> tuple[str, str]:
    relpath = f"{BATCH}/{region}/{category}/{uscc}.yaml"
    return relpath, (ROOT / relpath).read_text("utf-8")


def recommendation(
    category: str,
    *,
    region: str | None = None,
    uscc: str | None = None,
    recommended: bool = True,
    date: str = "2020-08-28",
) -> tuple[str, str]:
    home, code = APPS.get(category, ("", ""))
    region, uscc = region or home, uscc or code
    opinion = (
        "经审核，申报材料真实、完整，符合申报条件，同意推荐。" if recommended else "经审核，成效材料不足，暂不推荐。"
    )
    text = (
        f'batch: "2020-1"\nregion: "{region}"\ncategory: {category}\nuscc: "{uscc}"\n'
        f"bureau: {BUREAUS[region]}\nrecommended: {'true' if recommended else 'false'}\n"
        f"opinion: {opinion}\ndate: {date}\n"
    )
    return f"{BATCH}/{region}/recommendations/{category}/{uscc}.yaml", text


def review(
    category: str, expert: str = "wang-expert", *, uscc: str | None = None, date: str = "2020-09-20"
) -> tuple[str, str]:
    uscc = uscc or APPS[category][1]
    text = (
        f'batch: "2020-1"\ncategory: {category}\nuscc: "{uscc}"\nexpert:\n  name: 王示例\n  account: {expert}\n'
        f"date: {date}\nscores:\n  innovation: 25\n  capability: 24\n  benefit: 20\n  demonstration: 12\n"
        "verdict: 建议入选\ncomment: 技术方案先进，服务能力较强，建议入选。\ndeclaration: true\n"
    )
    return f"{BATCH}/reviews/{category}/{uscc}/{expert}.yaml", text


def decision(*categories: str, rejected: tuple[str, str] | None = None) -> tuple[str, str]:
    entries = "".join(f'  - {{category: {c}, uscc: "{APPS[c][1]}"}}\n' for c in categories)
    refused = (
        f'\n  - {{category: {rejected[0]}, uscc: "{rejected[1]}", reason: 评审得分未达到入选分数线。}}\n'
        if rejected
        else " []\n"
    )
    return f"{BATCH}/decision.yaml", f'batch: "2020-1"\ndate: 2020-10-12\napproved:\n{entries}rejected:{refused}'


PUBLICITY = (
    f"{BATCH}/publicity.yaml",
    'batch: "2020-1"\nstart: 2020-10-13\nend: 2020-10-19\n'
    'contact:\n  department: 省工业和信息化厅信息化推进处\n  phone: "025-83300000"\n',
)


def publication(date: str) -> tuple[str, str]:
    return f"{BATCH}/publication.yaml", f'batch: "2020-1"\ndate: {date}\ndocument: 苏工信融合〔2020〕示例2号\n'


@dataclass
class Flow:
    """The province's repository, with the pull requests of one batch."""

    root: Path
    capsys: pytest.CaptureFixture[str]

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, check=True)
        return done.stdout

    def propose(self, branch: str, *files: tuple[str, str | None]) -> None:
        """A pull request: a branch from main that writes (or, with None, deletes) files."""
        self.git("checkout", "-q", "-B", branch, "main")
        for relpath, text in files:
            path = self.root / relpath
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", branch)

    def check(self, today: str) -> tuple[int, set[str], str]:
        """`accel666 check --base main` on the branch: exit code, finding codes, output."""
        code = main(["check", "--base", "main", "--today", today, "--format", "json", "--root", str(self.root)])
        out = self.capsys.readouterr().out
        return code, {f["code"] for f in json.loads(out)}, out

    def merge(self, branch: str, today: str) -> None:
        code, codes, out = self.check(today)
        assert (code, codes) == (0, set()), out
        self.git("checkout", "-q", "main")
        self.git("merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch)

    def refuse(self, branch: str, today: str, expected: str) -> str:
        """The branch fails check with `expected` among its codes; it is not merged."""
        code, codes, out = self.check(today)
        assert code == 1 and expected in codes, out
        self.git("checkout", "-q", "main")
        self.git("branch", "-q", "-D", branch)
        return out

    def status(self, today: str, *paths: str) -> dict[str, str]:
        """category (or path) -> the status `accel666 status --format json` gives its application."""
        found = {}
        for key, relpath in [*((c, app_path(c)) for c in APPS), *((p, p) for p in paths)]:
            assert main(["status", relpath, "--today", today, "--format", "json", "--root", str(self.root)]) == 0
            found[key] = json.loads(self.capsys.readouterr().out)[0]["status"]
        return found

    def site(self, today: str) -> tuple[str, str]:
        """The 公示 page and the list page the site would publish on `today`."""
        import datetime as dt  # noqa: PLC0415

        files = build_files(self.root, dt.date.fromisoformat(today)).files
        return str(files["publicity.md"]), str(files["list/index.md"])


@pytest.fixture
def flow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Flow]:
    root = tmp_path / "province"
    (root / BATCH).mkdir(parents=True)
    for relpath in ("submissions/regions.yaml", "submissions/reviewers.yaml", f"{BATCH}/batch.yaml", "mkdocs.yml"):
        shutil.copy(ROOT / relpath, root / relpath)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "schemas", root / "schemas")  # mkdocs.yml watches it
    (root / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/mkdocs_hooks.py", root / "scripts/mkdocs_hooks.py")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "config", "user.email", "ci@example.com"], cwd=root, check=True)
    subprocess.run(["git", "config", "user.name", "CI"], cwd=root, check=True)
    assert main(["codeowners", "--root", str(root)]) == 0
    capsys.readouterr()
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "Batch 2020-1 opens"], cwd=root, check=True)
    yield Flow(root, capsys)


def test_one_application_of_each_category_goes_through_every_stage(flow: Flow) -> None:  # noqa: PLR0915
    not_recommended, _ = sample(*NOT_RECOMMENDED)
    rejected, _ = sample(*REJECTED)
    # Stage 1: applications, before the deadline.
    for category in APPS:
        flow.propose(f"apply-{category}", (app_path(category), (ROOT / app_path(category)).read_text("utf-8")))
        flow.merge(f"apply-{category}", "2020-08-20")
    flow.propose("apply-more", sample(*NOT_RECOMMENDED), sample(*REJECTED))
    flow.merge("apply-more", "2020-08-21")
    assert flow.status("2020-08-21", not_recommended, rejected) == dict.fromkeys(
        [*APPS, not_recommended, rejected], "已提交"
    )
    assert "目前没有正在进行的公示" in flow.site("2020-08-21")[0]

    flow.propose("apply-late", (LATE, (ROOT / LATE).read_text("utf-8")))
    out = flow.refuse("apply-late", "2020-08-31", "LATE-APPLICATION")
    assert "2020-08-30" in out
    # Moving the deadline in the same pull request does not help: the base's date counts.
    batch_yaml = (ROOT / BATCH / "batch.yaml").read_text("utf-8").replace("2020-08-30", "2020-09-05")
    flow.propose(
        "apply-late-moving-the-deadline", (f"{BATCH}/batch.yaml", batch_yaml), (LATE, (ROOT / LATE).read_text("utf-8"))
    )
    out = flow.refuse("apply-late-moving-the-deadline", "2020-09-01", "LATE-APPLICATION")
    assert "2020-08-30" in out

    flow.propose("decide-too-early", decision("backbone"))
    flow.refuse("decide-too-early", "2020-08-25", "DECISION-NOT-RECOMMENDED")

    # Stage 2: the bureaus' recommendations; the refusals first.
    flow.propose("suzhou-recommends-nanjing", recommendation("backbone", region="320500"))
    flow.refuse("suzhou-recommends-nanjing", "2020-08-28", "RECOMMENDATION-REGION")

    flow.propose("recommend-nothing", recommendation("backbone", uscc="91320106MA1W7XYL3X"[:-1] + "0"))
    flow.refuse("recommend-nothing", "2020-08-28", "RECORD-APPLICATION")

    nanjing_edits_xuzhou = (
        app_path("demo-enterprise"),
        (ROOT / app_path("demo-enterprise")).read_text("utf-8") + "# 改\n",
    )
    flow.propose("nanjing-and-xuzhou", recommendation("backbone"), nanjing_edits_xuzhou)
    flow.refuse("nanjing-and-xuzhou", "2020-08-28", "CHANGE-REGIONS")

    flow.propose("recommend-and-review", recommendation("backbone"), review("backbone"))
    flow.refuse("recommend-and-review", "2020-08-28", "CHANGE-STAGES")

    flow.propose("recommend-late", recommendation("backbone", date="2020-08-31"))
    out = flow.refuse("recommend-late", "2020-08-31", "LATE-RECOMMENDATION")
    assert "2020-08-30" in out

    for category in APPS:
        flow.propose(f"recommend-{category}", recommendation(category))
        flow.merge(f"recommend-{category}", "2020-08-28")
    flow.propose(
        "wuxi-declines", recommendation(NOT_RECOMMENDED[0], region="320200", uscc=NOT_RECOMMENDED[2], recommended=False)
    )
    flow.merge("wuxi-declines", "2020-08-28")
    flow.propose("taixing-recommends", recommendation(REJECTED[0], region="321283", uscc=REJECTED[2]))
    flow.merge("taixing-recommends", "2020-08-28")
    statuses = flow.status("2020-08-29", not_recommended, rejected)
    assert statuses == {**dict.fromkeys([*APPS, rejected], "已推荐"), not_recommended: "未获推荐"}

    edited = (ROOT / app_path("backbone")).read_text("utf-8").replace("南京示例智联", "南京示例智能")
    flow.propose("edit-after-recommendation", (app_path("backbone"), edited))
    out = flow.refuse("edit-after-recommendation", "2020-08-29", "APPLICATION-LOCKED")
    assert "recommendations/backbone" in out
    flow.propose("delete-after-recommendation", (app_path("backbone"), None))
    flow.refuse("delete-after-recommendation", "2020-08-29", "APPLICATION-LOCKED")

    # Stage 3: expert reviews, then the province's decision.
    flow.propose("reviews", *(review(category) for category in APPS), review(REJECTED[0], uscc=REJECTED[2]))
    flow.merge("reviews", "2020-09-20")
    assert flow.status("2020-09-21", rejected) == dict.fromkeys([*APPS, rejected], "专家评审中")

    changed = recommendation("backbone")[1].replace("同意推荐。", "同意推荐（修改）。")
    flow.propose("change-recommendation", (recommendation("backbone")[0], changed))
    flow.refuse("change-recommendation", "2020-09-25", "RECORD-LOCKED")

    flow.propose("review-late", review("backbone", "li-expert", date="2020-10-08"))
    out = flow.refuse("review-late", "2020-10-08", "LATE-REVIEW")
    assert "2020-09-30" in out

    flow.propose("decision", decision(*APPS, rejected=(REJECTED[0], REJECTED[2])))
    flow.merge("decision", "2020-10-12")
    statuses = flow.status("2020-10-12", rejected, not_recommended)
    assert statuses == {**dict.fromkeys(APPS, "拟入选"), rejected: "未入选", not_recommended: "未获推荐"}
    publicity, listing = flow.site("2020-10-12")
    assert "目前没有正在进行的公示" in publicity and "尚未发布入选名单" in listing

    flow.propose("review-after-decision", review("backbone", "li-expert", date="2020-10-13"))
    out = flow.refuse("review-after-decision", "2020-10-13", "RECORD-LOCKED")
    assert "decision.yaml" in out and "LATE-REVIEW" in out

    # Stage 4: 公示 for five working days; the list is not published before it ends.
    flow.propose("publicity", PUBLICITY)
    flow.merge("publicity", "2020-10-12")
    assert flow.status("2020-10-12") == dict.fromkeys(APPS, "拟入选")  # 公示 starts tomorrow
    assert flow.status("2020-10-14") == dict.fromkeys(APPS, "公示中")
    publicity, listing = flow.site("2020-10-14")
    assert all(unit in publicity for unit in UNITS) and "2020-10-19" in publicity and "025-83300000" in publicity
    assert "尚未发布入选名单" in listing and not any(unit in listing for unit in UNITS)
    assert "泰兴示例" not in publicity  # the rejected application is not proposed

    flow.propose("publish-early", publication("2020-10-16"))
    flow.refuse("publish-early", "2020-10-16", "PUBLICATION-EARLY")
    # Dated after the 公示 but merged during it: objections may still come in.
    flow.propose("publish-dated-later", publication("2020-10-30"))
    out = flow.refuse("publish-dated-later", "2020-10-19", "EARLY-PUBLICATION")
    assert "2020-10-13 至 2020-10-19" in out

    # Stage 5: publication.
    flow.propose("publication", publication("2020-10-30"))
    flow.merge("publication", "2020-10-30")
    assert flow.status("2020-10-30") == dict.fromkeys(APPS, "已发布")
    publicity, listing = flow.site("2020-10-30")
    assert all(unit in listing for unit in UNITS)
    assert "目前没有正在进行的公示" in publicity

    flow.propose("edit-decision", (decision("backbone")[0], None))
    flow.refuse("edit-decision", "2020-11-02", "RECORD-LOCKED")


def test_the_real_site_build_shows_the_publicity_page_during_publicity(flow: Flow, tmp_path: Path) -> None:
    files = [(app_path(c), (ROOT / app_path(c)).read_text("utf-8")) for c in APPS]
    files += [recommendation(c) for c in APPS] + [review(c) for c in APPS] + [decision(*APPS), PUBLICITY]
    for relpath, text in files:
        (flow.root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (flow.root / relpath).write_text(text or "", encoding="utf-8")
    env = {
        "PATH": "/usr/bin:/bin",
        "NO_MKDOCS_2_WARNING": "1",
        "HOME": str(tmp_path),
        "SOURCE_DATE_EPOCH": "1602522000",
    }
    # 1602522000 is 2020-10-12 17:00 UTC: 01:00 on 2020-10-13 in Beijing, the first hour of the 公示.
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=flow.root,
        env=tree_env(env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = (site / "publicity" / "index.html").read_text(encoding="utf-8")
    assert all(unit in page for unit in UNITS)
    assert "公示期：2020-10-13 至 2020-10-19" in page
    assert not any(unit in (site / "list" / "index.html").read_text(encoding="utf-8") for unit in UNITS)
    assert not (site / "list" / "2020-1").exists()
