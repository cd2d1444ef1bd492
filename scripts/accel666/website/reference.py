"""The annex pages: downloads and a field reference for each form, generated from its schema."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from accel666.documents import export
from accel666.schema import all_schemas, choices, normalised, resolve
from accel666.template import Prefill, template_text, yaml_scalar
from accel666.vocabulary import CATEGORY_SHORT, CATEGORY_TITLES, FORMS
from accel666.website.downloads import annex_file
from accel666.website.markup import cell, download, front_matter, text

Years = tuple[int, ...]


@dataclass(frozen=True)
class AnnexFile:
    """One download of an annex page (under annexes/), and how its bytes are made."""

    category: str
    ext: str
    label: str
    make: Callable[[Years], bytes]
    template: str = ""  # a YAML template's name (云服务中心, 骨干企业…); empty for the form itself

    @property
    def name(self) -> str:
        return annex_file(self.category, int(all_schemas()[self.category]["x-annex"]), self.ext, self.template)


def _template(category: str, variant: str | None = None) -> Callable[[Years], bytes]:
    return lambda years: template_text(category, Prefill(variant=variant, years=years)).encode("utf-8")


# The one list of annex downloads: the annex pages link them, the site build writes them.
ANNEX_FILES: tuple[AnnexFile, ...] = (
    AnnexFile("cloud-center", "docx", "申报表（Word）", lambda years: export.form_docx("cloud-center")),
    AnnexFile(
        "cloud-center", "yaml", "填写模板：云服务中心（YAML）", _template("cloud-center", "云服务中心"), "云服务中心"
    ),
    AnnexFile("cloud-center", "yaml", "填写模板：云基地（YAML）", _template("cloud-center", "云基地"), "云基地"),
    AnnexFile("backbone", "docx", "申报表（Word）", lambda years: export.form_docx("backbone", years=years)),
    AnnexFile("backbone", "yaml", "填写模板（YAML）", _template("backbone"), CATEGORY_SHORT["backbone"]),
    AnnexFile("demo-enterprise", "docx", "汇总表（Word）", lambda years: export.form_docx("demo-enterprise")),
    AnnexFile("demo-enterprise", "xlsx", "汇总表（Excel）", lambda years: export.annex3_xlsx()),
    AnnexFile(
        "demo-enterprise",
        "yaml",
        "每行一个文件的填写模板（YAML）",
        _template("demo-enterprise"),
        CATEGORY_SHORT["demo-enterprise"],
    ),
)


@dataclass(frozen=True)
class FieldRow:
    key: str
    title: str
    required: bool
    format: str
    example: str
    public: bool
    description: str


def field_rows(category: str) -> Iterator[FieldRow]:
    """Every field of the form, depth first in schema order."""
    yield from _rows(resolve(normalised(category)), "", inherited_public=False)


def _rows(schema: dict[str, Any], prefix: str, *, inherited_public: bool) -> Iterator[FieldRow]:
    required = set(schema.get("required", ()))
    for key, raw in schema.get("properties", {}).items():
        prop = resolve(raw)
        path = f"{prefix}{key}"
        public = inherited_public or bool(prop.get("x-public"))
        example = prop.get("examples", [""])[0] if prop.get("examples") else ""
        # As typed in the YAML file: `false`, not Python's `False`.
        shown = (
            "" if isinstance(example, (dict, list)) else example if isinstance(example, str) else yaml_scalar(example)
        )
        yield FieldRow(
            path,
            str(prop.get("title", "")),
            key in required,
            describe_format(prop),
            shown,
            public,
            str(prop.get("description", "")),
        )
        if prop.get("type") == "object":
            yield from _rows(prop, f"{path}.", inherited_public=public)
        elif prop.get("type") == "array":
            items = resolve(prop.get("items", {}))
            if items.get("type") == "object":
                yield from _rows(items, f"{path}[].", inherited_public=public)


def describe_format(prop: dict[str, Any]) -> str:
    """The value's format in a few Chinese words: the schema's `x-format`, else its keywords."""
    if "const" in prop:
        return f"固定为 {prop['const']}"
    if "enum" in prop:
        return "可选：" + choices(prop["enum"])
    if "x-format" in prop:
        return str(prop["x-format"])
    kinds = {"object": "下级字段", "array": "列表", "boolean": "true 或 false", "integer": "整数", "number": "数字"}
    return kinds.get(str(prop.get("type")), "文字")


_FIELD_COLUMNS = ("字段", "名称", "必填", "格式", "示例", "公开", "说明")


def annex_page(category: str) -> str:
    schema = all_schemas()[category]
    annex = schema["x-annex"]
    title = f"附件{annex}：{schema['title']}"
    # The page is served at annexes/<category>/, its files sit in annexes/ and schemas/.
    files = [f for f in ANNEX_FILES if f.category == category]
    links = "\n".join(f"<li>{download('../', f.name, f.label)}</li>" for f in files)
    schema_link = f'<li><a href="../../schemas/{category}.schema.json">JSON Schema（机器可读的字段定义）</a></li>'
    head = "".join(f'<th scope="col">{name}</th>' for name in _FIELD_COLUMNS)
    rows = "\n".join(
        "<tr>"
        + "".join(
            cell(label, content)
            for label, content in zip(
                _FIELD_COLUMNS,
                (
                    f"<code>{text(row.key)}</code>",
                    text(row.title),
                    "是" if row.required else "否",
                    text(row.format),
                    text(row.example),
                    "公开" if row.public else "—",
                    text(row.description),
                ),
                strict=True,
            )
        )
        + "</tr>"
        for row in field_rows(category)
    )
    return (
        front_matter(title, hide=("toc",))
        + f"# {text(title)}\n\n{text(schema['description'])}\n\n"
        # The annex is where the notice's links lead: the form is the way to fill it without software.
        + f'<p class="accel666-entry">在线填写：<a href="../../form/{category}/">附件{annex} 在线申报表</a>'
        + "（在浏览器中填写、检查并下载申报文件，手机上也可以填写）</p>\n\n"
        + f"## 下载\n\n<ul>\n{links}\n{schema_link}\n</ul>\n\n"
        + "## 字段说明\n\n“公开”的字段在项目入选后随名单发布，其余字段只保存在申报仓库中。"
        + "“必填”指该层级下必须填写（上级字段为选填时，只在填写上级时必填）。\n\n"
        + f"<table data-stack>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
    )


def annexes_index() -> str:
    items = "\n".join(
        f'<li><a href="{category}/">附件{all_schemas()[category]["x-annex"]}：{CATEGORY_TITLES[category]}</a></li>'
        for category in FORMS
    )
    return (
        front_matter("附件下载")
        + "# 附件下载\n\n通知的三个附件，每个提供 Word 申报表、填写模板和字段说明，均根据申报仓库中的字段定义生成。\n\n"
        + f"<ul>\n{items}\n</ul>\n"
    )


def reference_pages() -> Iterator[tuple[str, str]]:
    yield "annexes/index.md", annexes_index()
    for category in FORMS:
        yield f"annexes/{category}.md", annex_page(category)
