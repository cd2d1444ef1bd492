"""The 申报表单 pages: one fillable form per annex, generated from its schema at build time.

No field is written here: `form_fields` turns the schema into controls; this module adds
what the repository's configuration knows (the regions and their bureaus, the current
batch and its indicator years), the if/then branches of the schema as rules the page's
script applies, and the hand-over in plain Chinese. The page loads form.css and form.js
(docs/assets/form/); the check itself runs in a worker only when first needed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from accel666.browser.wording import for_form
from accel666.schema import all_schemas, normalised, resolve
from accel666.vocabulary import CATEGORY_TITLES, FORMS
from accel666.website.collect import Site
from accel666.website.form_fields import Context, Rules, fields, html_pattern
from accel666.website.markup import front_matter, text

ASSETS = "../../assets/form"  # from form/<category>/ (use_directory_urls)


def form_pages(site: Site, *, applicant_accounts: bool) -> Iterator[tuple[str, str]]:
    yield "form/index.md", forms_index()
    for category in FORMS:
        yield f"form/{category}.md", form_page(category, site, applicant_accounts=applicant_accounts)


def form_title(category: str) -> str:
    return f"附件{all_schemas()[category]['x-annex']}：{CATEGORY_TITLES[category]}"


def forms_index() -> str:
    items = "\n".join(f'<li><a href="{category}/">{text(form_title(category))}</a></li>' for category in FORMS)
    return (
        front_matter("申报表单")
        + "# 申报表单\n\n"
        + "不用安装任何软件，在电脑或手机的浏览器中填写申报表，检查后下载申报文件，交给所在地区的工信局。"
        + "填写的内容只保存在本机浏览器中，不会上传到任何地方；检查也在本机进行。\n\n"
        + f"<ul>\n{items}\n</ul>\n\n"
        + "也可以按[申报指南](../guide.md)用命令行工具填写和检查；两种方法得到的文件相同。\n"
    )


def form_page(category: str, site: Site, *, applicant_accounts: bool) -> str:
    schema = all_schemas()[category]
    root = resolve(normalised(category))
    controls = "\n".join(fields(root, "", form_context(category, site), required=True, public=False))
    eligibility = (
        '<section id="accel666-eligibility" class="accel666-eligibility" aria-labelledby="accel666-eligibility-title" hidden>'
        '<h2 id="accel666-eligibility-title">申报企业基本要求</h2><div data-eligibility></div></section>'
        if category == "backbone"
        else ""
    )
    titles = text(json.dumps({other: form_title(other) for other in FORMS}, ensure_ascii=False))
    app = f"""<div class="accel666-form-app" data-form="{category}" data-titles="{titles}" data-worker="{ASSETS}/worker.js">
<link rel="stylesheet" href="{ASSETS}/form.css">
<div class="accel666-open"><p>已有申报文件（命令行工具生成的模板、工信局退回的文件或以前下载的文件）？打开后可继续填写。</p>
<button type="button" class="accel666-button" data-action="open">打开文件</button>
<input type="file" accept=".yaml,.yml" hidden data-file></div>
<p class="accel666-status" role="status" data-status></p>
<div class="accel666-summary" tabindex="-1" data-summary hidden></div>
{eligibility}
<form class="accel666-form" novalidate autocomplete="off" aria-label="{text(form_title(category))}">
{controls}
<div class="accel666-toolbar" role="group" aria-label="检查和下载">
<button type="submit" class="accel666-button accel666-primary" data-action="check">检查</button>
<button type="button" class="accel666-button" data-action="download">下载申报文件</button>
<button type="button" class="accel666-button accel666-quiet" data-action="clear">清除</button>
</div>
</form>
</div>
<script src="{ASSETS}/form.js" defer></script>"""
    return (
        # Out of the search index: every field's words would put the form above the page a reader looks for.
        front_matter(f"申报表单：{form_title(category)}", hide=("toc",), searchable=False)
        + f"# 申报表单：{text(form_title(category))}\n\n{text(schema['description'])}\n\n"
        + "标有（必填）的栏目必须填写。填写的内容自动保存在本机浏览器中（不会上传），"
        + "下次打开本页时继续；在公用电脑上填写完请点“清除”。"
        + "点“检查”按申报仓库的全部规则检查（第一次检查需要下载检查程序，约需几秒到一分钟），"
        + "问题显示在对应栏目下方；点“下载申报文件”得到以统一社会信用代码命名的文件。\n\n"
        + app
        + "\n\n"
        + handover(category, applicant_accounts=applicant_accounts)
    )


def form_context(category: str, site: Site) -> Context:
    """Choices and first values from the configuration: regions with their bureaus, the current batch."""
    regions = [(r.code, f"{r.name}（{r.code}）", r.bureau) for r in site.regions]
    defaults: dict[str, str] = {}
    batch = site.current
    if batch is not None:
        defaults["/batch"] = batch.id
        for index, year in enumerate(batch.indicator_years):
            defaults[f"/indicators/{index}/year"] = str(year)
    return Context(options={"/region": regions}, defaults=defaults, when=variant_rules(category))


def variant_rules(category: str) -> Rules:
    """The schema's `if {K: const V} then {...}` branches, by the field they change:
    {"/location": {"/variant": {"云基地": {"required": true}, "云服务中心": {"hide": true}}}}."""
    rules: Rules = {}
    for branch in normalised(category).get("allOf", ()):
        condition = branch.get("if", {}).get("properties", {})
        if len(condition) != 1 or "const" not in next(iter(condition.values())):
            continue
        key, value = next(iter(condition.items()))
        then = branch.get("then", {})
        for name in then.get("required", ()):
            _case(rules, name, key, value["const"])["required"] = True
        for name, rule in then.get("properties", {}).items():
            _case(rules, name, key, value["const"]).update(_branch_rule(rule))
    return rules


def _case(rules: Rules, name: str, key: str, value: Any) -> dict[str, Any]:
    return rules.setdefault(f"/{name}", {}).setdefault(f"/{key}", {}).setdefault(str(value), {})


def _branch_rule(rule: Mapping[str, Any]) -> dict[str, Any]:
    if rule.get("not") == {}:
        return {"hide": True}
    found: dict[str, Any] = {}
    if "pattern" in rule:
        found["pattern"] = html_pattern(dict(rule))
    if "x-hint" in rule:
        found["hint"] = for_form(str(rule["x-hint"]))
    return found


def handover(category: str, *, applicant_accounts: bool) -> str:
    """What to do with the downloaded file, in plain Chinese; the Git host's route only where
    the deployment gives applicants accounts (submissions/reviewers.yaml `accounts.applicants`)."""
    who = "腾讯公司汇总后" if category == "demo-enterprise" else ""
    steps = (
        "## 下一步：把文件交给所在地区的工信局\n\n"
        '<ol class="accel666-handover">\n'
        "<li>点“检查”，按提示改正全部错误。标为“警告”的问题不影响提交，只提醒评审人员注意。</li>\n"
        "<li>点“下载申报文件”，得到以统一社会信用代码命名的文件（例如 <code>91320500MA1XXXXXXX.yaml</code>）。"
        "请不要用其他软件修改它；需要修改时，在本页“打开文件”，改好后重新检查、下载。</li>\n"
        f"<li>{who}按通知要求把文件交给<strong data-handover-bureau>所在地区的工信局（即“推荐单位”）</strong>，"
        "由工信局审核后统一提交到申报仓库。报送方式和联系方式以当地工信局的通知为准；"
        "纸质申报材料（2 本）仍须另行报送。本站的联系方式见页面底部。</li>\n"
        "</ol>\n"
        '<p class="accel666-place" data-place hidden></p>\n'
    )
    if not applicant_accounts:
        return steps
    return steps + (
        "### 已开通申报仓库账号的单位：自己提交\n\n"
        "本次申报允许申报单位用自己的账号提交。请先在账号中登录代码托管平台，然后：\n\n"
        "1. 在申报仓库的网页上进入上面显示的文件夹（批次、地区代码、类别），"
        "点“Add file”（添加文件）→“Upload files”（上传文件），选择下载的文件；\n"
        "2. 文件夹还不存在时，改为点“Add file”→“Create new file”（新建文件），"
        "在文件名处输入上面显示的完整位置（输入“/”会建立文件夹），"
        "再用记事本打开下载的文件，全选、复制，粘贴到编辑区；"
        "不要使用把文件内容放在网址里的链接，超过约 8 KB 的文件会因网址过长而失败；\n"
        "3. 选择“Create a new branch for this commit and start a pull request”（新建分支并发起合并请求），"
        "点“Propose changes”，再点“Create pull request”；\n"
        "4. 合并请求页面会自动检查，结果与本页相同；所在地区工信局审核后推荐。\n"
    )
