"""Rules about who applies: the 统一社会信用代码, the file name, one application per unit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from stdnum.cn import uscc as stdnum_uscc

from accel666.facts import Facts
from accel666.findings import Finding
from accel666.rules.base import Application, unit_key
from accel666.schema import field_title
from accel666.vocabulary import CATEGORY_TITLES
from accel666.workflow import Snapshot

# The same shape as the schema's USCC pattern: ASCII upper case only, so that stdnum's
# silent acceptance of full-width digits and lower case never applies.
_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")


def is_valid_uscc(code: str) -> bool:
    """GB 32100 shape in ASCII upper case, and the right check character."""
    # stdnum.cn.uscc.validate() refuses codes whose first eight characters are not all
    # digits, which GB 32100-2015 allows (e.g. registration authority N or Y); its
    # calc_check_digit() implements the standard's check for the full alphabet.
    return len(code) == 18 and set(code) <= _ALPHABET and stdnum_uscc.calc_check_digit(code[:17]) == code[17]


def check_uscc(app: Application) -> Iterator[Finding]:
    """Check character via python-stdnum; registration region inside Jiangsu (a warning)."""
    unit = unit_key(app.category)
    code = app.get(str, unit, "uscc")
    if code is None or len(code) != 18 or not set(code) <= _ALPHABET:
        return
    expected = stdnum_uscc.calc_check_digit(code[:17])
    if not is_valid_uscc(code):
        message = (
            f"「{app.title(unit, 'uscc')}」“{code}” 的校验位（第 18 位）应为 “{expected}”，现为 “{code[17]}”："
            "请对照营业执照逐位核对，常见错误是把 0 写成 O、1 写成 I。"
        )
        yield app.finding((unit, "uscc"), "USCC-CHECKSUM", message)
        return
    if code[2:4] != "32":
        message = (
            f"「{app.title(unit, 'uscc')}」“{code}” 第 3 至 8 位的登记地代码为 {code[2:8]}，不在江苏省（32 开头）："
            "请确认申报单位在江苏省内注册，或说明情况供推荐单位审核。"
        )
        yield app.finding((unit, "uscc"), "USCC-REGION", message)


def check_file_name(app: Application) -> Iterator[Finding]:
    """An application inside the tree is named after its unit's code: <USCC>.yaml."""
    code = app.get(str, unit_key(app.category), "uscc")
    stem = app.location.stem
    if not (code and is_valid_uscc(code)):
        return  # renaming the file after a wrong code would be wrong advice
    if app.location.kind == "application" and stem != code:
        message = f"文件名 “{stem}.yaml” 与统一社会信用代码 “{code}” 不一致：请把文件改名为 {code}.yaml。"
        yield app.finding((unit_key(app.category), "uscc"), "FILE-NAME", message)


# The recommendation's field in which the bureau says why a unit registered in another city is its own.
OVERRIDE = "registration_note"


def check_uscc_city(snapshot: Snapshot) -> Iterator[Finding]:
    """A code registered in another city than the folder's (a warning), unless the folder's bureau has said why.

    Repository-wide, not per file: the bureau's reason is in its recommendation record
    (`registration_note`), so the warning goes as soon as that record is merged, and the
    application's own cached findings never depend on another file.
    """
    explained = {
        (record.location.batch, record.location.region, record.location.category, record.location.stem)
        for record in snapshot.records
        if record.kind == "recommendation" and isinstance(record.data.get(OVERRIDE), str)
    }
    for item in snapshot.facts:
        if not registered_elsewhere(snapshot, item):
            continue
        if (item.batch, item.region, item.category, item.uscc) in explained:
            continue
        region = snapshot.repo.regions[item.region or ""]
        title = field_title(item.category, [unit_key(item.category), "uscc"])
        message = (
            f"「{title}」“{item.uscc}” 第 3 至 8 位的登记地代码为 {item.uscc[2:8]}，属于另一个设区市，"
            f"而申报放在{region.name}的文件夹中：请核对申报单位是否在本地区；确属本地区（如迁址）的，"
            f"请{region.bureau}在推荐意见的 {OVERRIDE}（登记地说明）中写明理由，警告随之消除。"
        )
        yield Finding(item.path, item.line, item.column, "USCC-CITY", message)


def registered_elsewhere(snapshot: Snapshot, item: Facts) -> bool:
    """Whether a valid Jiangsu code was registered in another city than its application's folder.

    3200xx is registered by a provincial authority, which serves units of every city; a directly
    administered county (昆山市 320583) takes the codes of its city (3205).
    """
    code, folder = item.uscc, item.region
    if folder not in snapshot.repo.regions or not is_valid_uscc(code) or code[2:4] != "32":
        return False
    return folder is not None and folder[:4] != code[2:6] and code[2:6] != "3200"


def check_duplicates(snapshot: Snapshot) -> Iterator[Finding]:
    """The same unit may apply once per category and batch, anywhere in the repository."""
    groups: dict[tuple[str, str, str], list[Facts]] = defaultdict(list)
    for item in snapshot.facts:
        groups[(item.batch, item.category, item.uscc)].append(item)
    for (batch, category, code), items in sorted(groups.items()):
        if len(items) < 2:
            continue
        paths = sorted(item.path for item in items)
        for item in items:
            others = "、".join(p for p in paths if p != item.path)
            message = (
                f"单位 “{item.name}”（{code}）在 {batch} 批次的{CATEGORY_TITLES.get(category, category)}中重复申报，"
                f"另见 {others}：同一单位每批次每类只能申报一次，请删除多余的文件。"
            )
            yield Finding(item.path, item.line, item.column, "DUPLICATE-APPLICANT", message)
