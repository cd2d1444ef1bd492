"""The one registry of finding codes: every code the tool can report, its severity and title.

Every code is listed in RULES with its severity and a Chinese title (the rules
documentation is generated from it). A code is never renumbered or reused; a rule that
is dropped stays here with `retired=True`. Codes come from the loader (YAML-*), the
schema layer (SCHEMA-* and the `x-code` annotations of the schemas), and the rule
functions that rules.registry lists. A leaf below every rule module: anything may give
a finding its registered severity without importing the rules themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from accel666.findings import Finding, Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    source: str  # "load", "schema" or the rule module's name
    retired: bool = False


RULES: tuple[Rule, ...] = (
    # Loading (accel666.load)
    Rule("YAML-SYNTAX", E, "YAML 语法错误", "load"),
    Rule("YAML-ENCODING", E, "文件不是 UTF-8 编码", "load"),
    Rule("YAML-TOO-LARGE", E, "文件超过 2 MiB", "load"),
    Rule("YAML-TOO-DEEP", E, "嵌套层级过深", "load"),
    Rule("YAML-CONTROL-CHAR", E, "含有不可见的控制字符", "load"),
    Rule("YAML-TAB", E, "用制表符缩进", "load"),
    Rule("YAML-FULLWIDTH-INDENT", E, "用全角空格缩进", "load"),
    Rule("YAML-FULLWIDTH-COLON", E, "字段名后用了全角冒号", "load"),
    Rule("YAML-COLON-SPACE", E, "字段名后的冒号后缺少空格", "load"),
    Rule("YAML-DUPLICATE-KEY", E, "同一层级字段重复", "load"),
    Rule("YAML-ANCHOR", E, "使用了锚点或别名", "load"),
    Rule("YAML-TAG", E, "使用了标签", "load"),
    Rule("YAML-COMPLEX-KEY", E, "字段名不是简单文字", "load"),
    Rule("YAML-MULTI-DOC", E, "一个文件含多份文档", "load"),
    Rule("YAML-EMPTY", E, "文件为空", "load"),
    Rule("YAML-UNREADABLE", E, "文件无法读取（文件夹、失效的链接）", "load"),
    Rule("YAML-UNQUOTED", E, "应为文字的值没有加引号，会被当作数字或布尔值", "schema"),
    # Schema keywords (accel666.schema), used where a field has no x-code of its own. Every
    # `format` and `const` in the schemas carries its own x-code (tests guard this), so
    # there is no generic SCHEMA-FORMAT or SCHEMA-CONST; an empty text is SCHEMA-EMPTY and
    # every longer minimum has its own x-code, so there is no SCHEMA-MINLENGTH either.
    Rule("SCHEMA-REQUIRED", E, "缺少必填字段", "schema"),
    Rule("SCHEMA-UNKNOWN-FIELD", E, "未知字段（拼写错误或多余字段）", "schema"),
    Rule("SCHEMA-EMPTY", E, "字段未填写", "schema"),
    Rule("SCHEMA-TYPE", E, "值的类型不对", "schema"),
    Rule("SCHEMA-PATTERN", E, "格式不正确", "schema"),
    Rule("SCHEMA-ENUM", E, "取值不在允许范围内", "schema"),
    Rule("SCHEMA-MAXLENGTH", E, "文字过长", "schema"),
    Rule("SCHEMA-MINIMUM", E, "数值过小", "schema"),
    Rule("SCHEMA-MAXIMUM", E, "数值过大", "schema"),
    Rule("SCHEMA-MINITEMS", E, "列表项过少", "schema"),
    Rule("SCHEMA-MAXITEMS", E, "列表项过多", "schema"),
    Rule("SCHEMA-UNIQUEITEMS", E, "列表中有重复项", "schema"),
    Rule("FULLWIDTH", E, "代码、号码、日期或金额中有全角字符", "schema"),
    Rule("TEXT-ONE-LINE", E, "一行文字中有换行", "schema"),
    # x-code annotations of the schemas
    Rule("NARRATIVE-LENGTH", E, "文字材料长度不符合要求", "schema"),
    Rule("PUBLIC-SUMMARY-LENGTH", E, "公开简介长度不符合要求", "schema"),
    Rule("USCC-FORMAT", E, "统一社会信用代码格式不正确", "schema"),
    Rule("PHONE-MOBILE", E, "手机号码格式不正确", "schema"),
    Rule("PHONE-LANDLINE", E, "固定电话格式不正确或区号不在江苏", "schema"),
    Rule("PHONE-FORMAT", E, "电话既不是手机号码也不是江苏固定电话", "schema"),
    Rule("EMAIL-FORMAT", E, "电子邮箱格式不正确", "schema"),
    Rule("POSTCODE-FORMAT", E, "邮政编码格式不正确", "schema"),
    Rule("REGION-CODE", E, "地区代码格式不正确", "schema"),
    Rule("BATCH-ID", E, "批次编号格式不正确", "schema"),
    Rule("MONEY-FORMAT", E, "金额不是有效数字", "schema"),
    Rule("PERCENT-RANGE", E, "百分比不在 0 到 100 之间", "schema"),
    Rule("DATE-FORMAT", E, "日期格式不正确", "schema"),
    Rule("MONTH-FORMAT", E, "年月格式不正确", "schema"),
    Rule("CATEGORY", E, "申报类别与申报表不符", "schema"),
    Rule("CLOUD-VARIANT", E, "附件1 申报表类型不正确", "schema"),
    Rule("CLOUD-PROJECT-NAME", E, "附件1 项目名称与申报表类型不符", "schema"),
    Rule("CLOUD-VARIANT-FIELD", E, "填写了另一种申报表才有的字段", "schema"),
    Rule("JOINT-KIND", E, "联合申报单位类型不正确", "schema"),
    Rule("OWNERSHIP", E, "单位性质不正确", "schema"),
    Rule("COUNT", E, "数量不是非负整数", "schema"),
    Rule("INDICATOR-YEARS", E, "经济指标不是三个年度", "schema"),
    Rule("DEBT-RATIO", E, "负债率不在 0 到 100 之间", "schema"),
    Rule("BOOLEAN", E, "应填写 true 或 false", "schema"),
    Rule("BACKBONE-CASES", E, "典型案例少于 2 个", "schema"),
    Rule("DEMO-FILLER", E, "附件3 填报单位不是腾讯公司", "schema"),
    Rule("DEMO-PROJECT-TYPE", E, "附件3 项目类型不在允许范围内", "schema"),
    Rule("REVIEWER-ACCOUNT", E, "审核人账号格式不正确", "schema"),
    # Rule functions
    Rule("LAYOUT", E, "文件不在规定的文件夹位置", "place"),
    Rule("FILE-EXTENSION", E, "申报文件扩展名不是 .yaml", "place"),
    Rule("CATEGORY-FOLDER", E, "申报类别与所在类别文件夹不一致", "place"),
    Rule("BATCH-FOLDER", E, "批次与所在批次文件夹不一致", "place"),
    Rule("BATCH-UNKNOWN", E, "批次没有有效的配置文件", "place"),
    Rule("REGION-UNKNOWN", E, "地区代码不是 16 个推荐地区之一", "place"),
    Rule("REGION-FOLDER", E, "地区代码与所在地区文件夹不一致", "place"),
    Rule("RECOMMENDER-REGION", E, "推荐单位与地区不对应", "place"),
    Rule("POSTCODE-REGION", W, "邮政编码不是江苏省内邮编", "place"),
    Rule("PHONE-REGION", W, "项目负责人或法定代表人的固定电话不在江苏", "place"),
    Rule("USCC-CHECKSUM", E, "统一社会信用代码校验位不正确", "identity"),
    Rule("USCC-REGION", W, "统一社会信用代码的登记地不在江苏", "identity"),
    Rule("USCC-CITY", W, "统一社会信用代码的登记地不在申报所在的设区市", "identity"),
    Rule("FILE-NAME", E, "文件名与统一社会信用代码不一致", "identity"),
    # What lies under submissions/ besides YAML files (accel666.repository, and git for a head's tree)
    Rule("FILE-STRAY", E, "submissions/ 中不是申报文件的文件（隐藏、非 .yaml）", "repository"),
    Rule("FILE-NOT-REGULAR", E, "不是普通文件（符号链接、子模块）", "repository"),
    Rule("FILE-NAME-CONTROL", E, "文件名含有控制字符或不可见字符", "repository"),
    Rule("TOO-MANY-FINDINGS", E, "一个文件的问题太多，只列出一部分", "check"),
    Rule("DUPLICATE-APPLICANT", E, "同一单位在同一批次同一类别重复申报", "identity"),
    Rule("TEMPLATE-PLACEHOLDER", E, "仍是模板中的提示文字", "content"),
    Rule("TEXT-INVISIBLE", E, "文字中有不可见的格式字符（零宽字符、文字方向控制符）", "content"),
    Rule("TEXT-QUOTES", E, "值的两端是中文引号", "content"),
    Rule("PUBLIC-PERSONAL", E, "公开的栏目中含有联系方式", "content"),
    Rule("PUBLIC-NAME", W, "公开的栏目中出现本申报人员的姓名", "content"),
    Rule("DATE-WINDOW", E, "填报日期不在本批次申报期内", "dates"),
    Rule("FOUNDED-AFTER-DEADLINE", E, "成立时间晚于申报截止日期", "dates"),
    Rule("DEMO-PERIOD", E, "项目实施期限结束早于开始", "dates"),
    Rule("BACKBONE-INDICATOR-YEARS", E, "经济指标年度与本批次规定不一致", "backbone"),
    Rule("BACKBONE-RD-SHARE", E, "近一年研发经费占比未超过规定比例", "backbone"),
    Rule("BACKBONE-LISTED", E, "已上市企业不能申报骨干企业", "backbone"),
    Rule("BACKBONE-ROUTES", E, "三项条件均不满足", "backbone"),
    Rule("BACKBONE-LARGE-FALL", W, "营业收入有大幅度下降，请评审人员注意", "backbone"),
    # Replaced by the decision records of the review workflow (RECORD-APPLICATION).
    Rule("APPROVED-UNKNOWN", E, "入选项目不是本批次该类别的申报", "publication", retired=True),
    Rule("REVIEW-SCORE", E, "评分超出该项满分或不是整数", "schema"),
    Rule("REVIEW-VERDICT", E, "评审结论不在允许范围内", "schema"),
    Rule("REVIEW-CONFLICT", E, "评审专家未声明无利益冲突", "schema"),
    Rule("RECORD-FOLDER", E, "记录内容与所在文件夹或文件名不一致", "workflow"),
    Rule("RECOMMENDATION-BUREAU", E, "推荐单位不是该地区的工信局", "workflow"),
    Rule("RECOMMENDATION-REGION", E, "推荐意见出自另一个地区", "workflow"),
    Rule("RECORD-APPLICATION", E, "记录所指的申报不存在", "workflow"),
    Rule("RECORD-ORDER", E, "记录日期早于它所依据的记录", "workflow"),
    Rule("RECORD-FUTURE", E, "记录日期晚于今天", "workflow"),
    Rule("REVIEW-NOT-RECOMMENDED", E, "未获推荐的申报不能评审", "workflow"),
    Rule("DECISION-NOT-RECOMMENDED", E, "未获推荐的申报不能作出决定", "workflow"),
    Rule("DECISION-UNREVIEWED", E, "没有专家评审的申报不能入选", "workflow"),
    Rule("DECISION-INCOMPLETE", E, "已获推荐的申报未列入决定", "workflow"),
    Rule("DECISION-DUPLICATE", E, "申报在决定中重复出现", "workflow"),
    Rule("PUBLICITY-BEFORE-DECISION", E, "没有决定就公示", "workflow"),
    Rule("PUBLICITY-DAYS", E, "公示期不是 5 个工作日", "workflow"),
    Rule("PUBLICATION-EARLY", E, "公示期满前发布名单", "workflow"),
    # Comparisons with the base of a pull request (accel666 check --base)
    Rule("LATE-APPLICATION", E, "申报截止日期后新增、修改或删除申报", "changes"),
    Rule("APPLICATION-LOCKED", E, "已出具推荐意见的申报被修改", "changes"),
    Rule("RECORD-LOCKED", E, "下一阶段已开始后新增、修改或删除记录", "changes"),
    Rule("CHANGE-REGIONS", E, "推荐意见与其他地区的文件在同一合并请求中", "changes"),
    Rule("CHANGE-STAGES", E, "一个合并请求包含多个阶段的记录", "changes"),
    Rule("LATE-RECOMMENDATION", E, "申报截止日期后提交、修改或删除推荐意见", "changes"),
    Rule("LATE-REVIEW", E, "审核截止日期后提交、修改或删除专家评审意见", "changes"),
    Rule("CHANGE-TOOLING", E, "合并请求同时修改了申报数据和工具、模式或配置", "changes"),
    Rule("CACHE-TRACKED", E, "检查缓存文件被提交到仓库", "changes"),
    # Who may change what (accel666.rules.access, `check --actor`)
    Rule("ACCESS-UNKNOWN", E, "合并请求的作者不在账号配置中", "access"),
    Rule("ACCESS-FORBIDDEN", E, "合并请求的作者无权修改此文件", "access"),
    Rule("ACCOUNT-LOGIN", E, "账号不是代码托管平台的用户名", "schema"),
    Rule("EARLY-PUBLICATION", E, "公示期满前合并名单发布", "changes"),
    Rule("PUBLICITY-BACKDATED", E, "公示开始日期早于合并日期", "changes"),
    # .github/CODEOWNERS (accel666.codeowners)
    Rule("CODEOWNERS-STALE", E, "CODEOWNERS 不是按审核人配置生成的最新版本", "codeowners"),
    Rule("CODEOWNERS-UNOWNED", E, "文件没有审核人", "codeowners"),
    Rule("CODEOWNERS-REGION", E, "推荐地区没有审核人", "codeowners"),
    Rule("BATCH-DATES-ORDER", E, "批次各阶段日期顺序不对", "config"),
    Rule("BATCH-YEARS", E, "指标年度不是连续三年", "config"),
    Rule("BATCH-PRACTICE", E, "练习批次的标记与编号不一致", "config"),
    Rule("REGIONS-DUPLICATE", E, "地区代码重复", "config"),
    Rule("REVIEWERS-REGION", E, "审核人配置中的地区不是推荐地区", "config"),
    Rule("CONFIG-MISSING", E, "缺少配置文件", "config"),
    Rule("INTAKE-UNPLACED", E, "收到的申报文件无法确定放在仓库中的位置", "intake"),
    Rule("INTERNAL-ERROR", E, "工具内部错误（请报告维护人员）", "check"),
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def with_severity(finding: Finding) -> Finding:
    """Give a finding the severity its code is registered with."""
    rule = BY_CODE.get(finding.code)
    if rule is None or rule.severity is finding.severity:
        return finding
    return Finding(**{**finding.__dict__, "severity": rule.severity})
