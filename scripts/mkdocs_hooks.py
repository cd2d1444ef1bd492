"""MkDocs hooks: thin calls into accel666.website.build, which builds every page from the repository.

Never put this file in site/ (a build wipes it) or call it site.py (the stdlib's name).
Live reload of an edited submission comes from `watch:` in mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from accel666.errors import FatalError
from accel666.website.build import Built, build_files
from accel666.website.identity import check_identity
from accel666.website.news import news_header
from accel666.website.pages import fill_placeholders, label_search_dialog
from accel666.website.search import search_words, teach_segmenter
from accel666.website.settings import Settings, site_settings

_built: Built | None = None
_settings: Settings | None = None


def _root(config: Any) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: Any) -> Any:
    global _settings  # noqa: PLW0603 - MkDocs hooks share state only through the module
    try:
        check_identity(Path(config.config_file_path), config.extra.get("identity"))
        objection = config.extra.get("objection")
        _settings = site_settings(Path(config.config_file_path), objection, config.site_url, Path(config.docs_dir))
    except FatalError as exc:
        raise PluginError(str(exc)) from exc
    return config


def on_files(files: Files, config: Any) -> Files:
    global _built  # noqa: PLW0603 - MkDocs hooks share state only through the module
    try:
        _built = build_files(_root(config), settings=_settings)
    except FatalError as exc:
        raise PluginError(str(exc)) from exc
    teach_segmenter(search_words(_built.site))  # before the search plugin indexes any page
    for uri, content in sorted(_built.files.items()):
        files.append(File.generated(config, uri, content=content))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    markdown = news_header(markdown, page.file.src_uri, page.meta)
    return fill_placeholders(markdown, _built.site) if _built else markdown


def on_post_page(output: str, page: Any, config: Any) -> str:
    return label_search_dialog(output)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    return label_search_dialog(output)  # 404.html is a template, not a page
