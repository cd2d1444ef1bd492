"""Rules about where an application sits: folders, region, recommending bureau, postcode, landlines."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from accel666.findings import Finding
from accel666.rules.base import Application
from accel666.schema import resolve

# The people whose landline may be outside Jiangsu (a head office in Shanghai): the schema
# accepts any Chinese landline there, and this rule tells the reviewers.
_PEOPLE = ("project_leader", "legal_representative")


def check_folder(app: Application) -> Iterator[Finding]:
    """Category, batch and region in the file must equal the folders it sits in."""
    where = app.location
    if where.kind != "application":
        return
    pairs = (("category", where.category, "CATEGORY-FOLDER"), ("batch", where.batch, "BATCH-FOLDER"))
    for key, folder, code in pairs:
        value = app.get(str, key)
        if value is not None and value != folder:
            message = f"「{app.title(key)}」为 “{value}”，但文件放在 “{folder}” 文件夹中：请改正该字段，或把文件移到正确的文件夹。"
            yield app.finding((key,), code, message)
    region = app.get(str, "region")
    if region is not None and region != where.region:
        message = f"「{app.title('region')}」为 “{region}”，但文件放在地区文件夹 “{where.region}” 中：请改正地区代码，或把文件移到 submissions/{where.batch}/{region}/{where.category}/。"
        yield app.finding(("region",), "REGION-FOLDER", message)
    if app.batch is None and (where.batch or app.get(str, "batch")):
        batch_id = where.batch or app.get(str, "batch")
        message = f"批次 “{batch_id}” 没有有效的配置文件 submissions/{batch_id}/batch.yaml：无法核对日期和申报条件，请联系省工信厅确认批次。"
        yield app.finding(("batch",), "BATCH-UNKNOWN", message)


def check_region(app: Application) -> Iterator[Finding]:
    """The region must be one of the 16 recommending regions and match the recommending bureau."""
    code = app.get(str, "region")
    if code is None or not app.repo.regions:
        return
    region = app.repo.regions.get(code)
    if region is None:
        names = "、".join(f"{r.code} {r.name}" for r in app.repo.regions.values())
        message = f"「{app.title('region')}」“{code}” 不是推荐地区的代码：请从以下地区中选择：{names}。"
        yield app.finding(("region",), "REGION-UNKNOWN", message)
        return
    recommender = app.get(str, "recommender")
    folder = app.repo.regions.get(app.location.region or "")
    if recommender is not None and folder is not None and folder.code != code and folder.accepts(recommender):
        return  # the folder and the recommender agree: the region code is wrong, as REGION-FOLDER says
    if recommender is not None and not region.accepts(recommender):
        message = f"「{app.title('recommender')}」“{recommender}” 与地区 {region.code}（{region.name}）不对应：应为 “{region.bureau}”。"
        yield app.finding(("recommender",), "RECOMMENDER-REGION", message)


def check_postcode(app: Application) -> Iterator[Finding]:
    """A postcode outside Jiangsu (21xxxx, 22xxxx) is a warning: the unit may be elsewhere."""
    postcode = app.get(str, "postcode")
    if postcode and len(postcode) == 6 and postcode.isascii() and not postcode.startswith(("21", "22")):
        message = f"「{app.title('postcode')}」“{postcode}” 不是江苏省内邮编（江苏邮编以 21 或 22 开头）：请核对通信地址和邮编。"
        yield app.finding(("postcode",), "POSTCODE-REGION", message)


def check_landline_region(app: Application) -> Iterator[Finding]:
    """A project leader's or legal representative's landline outside Jiangsu is a warning, as a postcode is."""
    jiangsu = _jiangsu_landline()
    for person in _PEOPLE:
        phone = app.get(str, person, "phone")
        if phone and phone.startswith("0") and phone.isascii() and not jiangsu.fullmatch(phone):
            message = (
                f"「{app.title(person, 'phone')}」“{phone}” 不是江苏省内的固定电话（江苏区号为 025、0510 至 0519、0523 或 0527）："
                "请核对区号；单位或本人在省外办公的可以保留，评审人员会注意。"
            )
            yield app.finding((person, "phone"), "PHONE-REGION", message)


@functools.cache
def _jiangsu_landline() -> re.Pattern[str]:
    """The schema's own pattern of a Jiangsu landline: its area codes are written down once."""
    return re.compile(resolve({"$ref": "common.schema.json#/$defs/landline"})["pattern"])
