"""The names of the site's downloads, in Chinese, from the programme's vocabulary: one place.

A reader saves 附件2-工业互联网服务骨干企业申报表.docx and 666工程第一批项目名单.xlsx, not
annex-2.docx and projects.xlsx: the annex names are the notice's own list of its annexes,
the list's name says which batches it holds. The machine-readable schemas keep their
stable English addresses (each schema's $id names it).
"""

from __future__ import annotations

from accel666.vocabulary import ANNEX_TITLES, PROGRAMME
from accel666.website.collect import Site

LIST_FOLDER = "downloads"
LIST_FORMATS = (("xlsx", "Excel"), ("csv", "CSV"), ("json", "JSON"))


def annex_file(category: str, annex: int, ext: str, template: str = "") -> str:
    """附件N-<the notice's name of the annex>.ext, or 附件N-<template>填写模板.yaml for a template."""
    name = f"{template}填写模板" if template else ANNEX_TITLES[category]
    return f"附件{annex}-{name}.{ext}"


def list_file(site: Site, ext: str) -> str:
    """666工程第一批项目名单.ext: named after the published batches it holds, in order."""
    batches = "、".join(batch.name for batch in site.batches if batch.id in site.published)
    return f"{PROGRAMME}{batches}项目名单.{ext}"
