"""The programme's words that every stage uses: forms, records, categories and stages.

A leaf: it imports nothing of the package, so the loader, the rules, the documents
and the site can all name a category or a stage without importing one another.
"""

from __future__ import annotations

# The three forms of the notice, by category id (the folder an application lives in).
FORMS = ("cloud-center", "backbone", "demo-enterprise")
# The repository's configuration files, each with a schema of its name.
CONFIGS = ("batch", "regions", "reviewers")
# The review workflow's records; each schema is named after its Location kind.
RECORDS = ("recommendation", "review", "decision", "publicity", "publication")

CATEGORY_TITLES = {
    "cloud-center": "省级工业互联网云服务中心（云基地）",
    "backbone": "工业互联网服务骨干企业",
    "demo-enterprise": "上云上平台示范企业",
}
# Where a table has no room for the full title (`accel666 status`).
CATEGORY_SHORT = {"cloud-center": "云服务中心", "backbone": "骨干企业", "demo-enterprise": "示范企业"}

# The notice's own list of its annexes (“附件：1、…”), by category: the names of the forms' downloads.
ANNEX_TITLES = {
    "cloud-center": "省级工业互联网云服务中心（云基地）申报表",
    "backbone": "工业互联网服务骨干企业申报表",
    "demo-enterprise": "上云上平台示范企业推进项目汇总表",
}
# The programme's short name (the notice's title: 江苏省工业互联网加速器工程（“666”工程）).
PROGRAMME = "666工程"

# How a template (accel666.template) marks a text still to be written: “（请填写…）”.
PLACEHOLDER = "（请填写"

# The notice's procedure as the public sees it (the site's stage banner), in order.
NOTICE_STAGES = ("项目对接", "联合申报", "审核评定", "公示", "名单发布")

# The files of each step of the review, by Location kind, in the procedure's order;
# a pull request holds files of one of these steps only.
WORKFLOW_STEPS = {
    "application": "申报",
    "recommendation": "推荐意见",
    "review": "专家评审意见",
    "decision": "省级决定",
    "publicity": "公示",
    "publication": "名单发布",
}
