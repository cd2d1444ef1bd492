"""The programme's own words for the search index: jieba must keep them whole.

Material's search plugin cuts Chinese text with jieba when it builds the index, and the
browser then matches a query only against the pieces jieba made. jieba's general
dictionary cuts 附件2 into 附件 + 2, 有异议 into one piece, 云基地 into 云 + 基地, so a
search for 附件2 or 异议 finds nothing and one for 云基地 matches every page with 云 in it.
Teaching jieba these words (and the names the list publishes) before the index is built
keeps each a token of its own. jieba is the plugin's process-wide segmenter: adding words
here is what its `jieba_dict_user` option does from a file, without a path that would
depend on the directory MkDocs is started from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from accel666.website.collect import Site

# The notice's terms that a reader types, as the notice writes them.
DOMAIN_WORDS = (
    "666工程",
    "云基地",
    "云服务中心",
    "骨干企业",
    "上云",
    "标杆工厂",
    "星级",
    "公示",
    "异议",
    "腾讯云",
    "云计算",
    "云平台",
    "工信局",
    "推荐单位",
    "申报单位",
    "统一社会信用代码",
)
# Runs of letters and digits: jieba cuts at punctuation anyway, so only these can be words.
_RUN = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]{2,}")


def search_words(site: Site) -> Iterator[str]:
    """The domain words, every region and bureau, and every published or proposed name."""
    yield from DOMAIN_WORDS
    for region in site.regions:
        yield region.name
        yield region.bureau
    projects = [*site.projects, *(project for publicity in site.publicity for project in publicity.projects)]
    for project in projects:
        yield from _RUN.findall(project.unit)


def teach_segmenter(words: Iterable[str]) -> None:
    """Add `words` to jieba's default dictionary with a frequency that keeps each whole."""
    import jieba  # noqa: PLC0415 - only a site build with search needs it

    for word in dict.fromkeys(words):  # once each, in a fixed order: the index is reproducible
        jieba.add_word(word, freq=_FREQ)


# High enough that a listed word beats any split of it into common words (jieba's own
# dictionary gives 的 about 300,000).
_FREQ = 1_000_000
