"""The published list as Excel, opened in LibreOffice: every 公开简介 printed in full, a filter on the header.

LibreOffice shows a cell only as tall as its row: a row height that is too small cuts
the text on screen and on paper. The check is LibreOffice's own PDF of the sheet.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from accel666.documents.export import table_xlsx
from accel666.documents.pdf import convert
from accel666.website.build import LIST_COLUMNS

NOTICE = (Path(__file__).resolve().parents[2] / "docs" / "index.md").read_text(encoding="utf-8")
PROSE = [char for char in NOTICE if "\u4e00" <= char <= "\u9fff"]


def summary(rng: random.Random, length: int) -> str:
    """Chinese prose of `length` characters, with a figure and a Latin word as real summaries have."""
    chars = [rng.choice(PROSE) for _ in range(length)]
    chars[length // 3] = "5G"
    chars[length // 2] = "，3,560.5万元"
    return "".join(chars)[:length]


LENGTHS = (200, 120, 199, 60, 200, 150, 33, 180)


def rows() -> list[dict[str, str]]:
    """Long summaries, each followed by a one-line row: what overflows a row lands in the next one's band."""
    rng = random.Random(15)
    lengths = [length for long in LENGTHS for length in (long, 1)]
    return [
        {
            "batch": "2020-1",
            "category": "工业互联网服务骨干企业",
            "number": str(number),
            "region": "苏州市",
            "name": "".join(rng.choice(PROSE) for _ in range(rng.randint(8, 40))) + "项目",
            "unit": "".join(rng.choice(PROSE) for _ in range(rng.randint(6, 30))) + "有限公司",
            "kind": "五星级上云企业",
            "recommender": "苏州市工业和信息化局",
            "summary": summary(rng, length) if length > 1 else "短",
        }
        for number, length in enumerate(lengths, start=1)
    ]


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


WORD = re.compile(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>')


def summary_bands(bbox: str) -> list[str]:
    """The text printed in the 公开简介 column between the top of one row and the top of the next.

    pdftotext reports text a cell clips too: a row too short for its summary shows as a
    band missing its end (a line cut through) and the next band starting with it."""
    bands = []
    for page in bbox.split("<page ")[1:]:
        height = float(re.search(r'height="([0-9.]+)"', page).group(1))  # type: ignore[union-attr]
        found = [(float(x), float(y), float(r), float(b), word) for x, y, r, b, word in WORD.findall(page)]
        column = max(r for _, _, r, _, word in found if word == "苏州市工业和信息化局") + 1  # the column before
        tops = sorted(y for _, y, _, _, word in found if word == "2020-1")
        for top, bottom in zip(tops, [*tops[1:], height], strict=True):
            # A line the row's bottom cuts through belongs to no band.
            inside = sorted((y, x, w) for x, y, _, low, w in found if x >= column and top - 1 <= y and low <= bottom)
            bands.append("".join(word for _, _, word in inside))
    return bands


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, str]], list[str], str]:
    folder = tmp_path_factory.mktemp("list")
    table = rows()
    source = folder / "名单.xlsx"
    source.write_bytes(table_xlsx(LIST_COLUMNS, table, "项目名单"))
    (pdf,) = convert([source], "pdf", folder / "pdf")
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    # -raw: in the order LibreOffice draws, one cell after another (not lines across the columns).
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True)
    return table, summary_bands(bbox.stdout), squashed(raw.stdout)


def test_every_summary_prints_within_its_row_in_libreoffice(
    printed: tuple[list[dict[str, str]], list[str], str],
) -> None:
    table, bands, _ = printed
    assert bands == [squashed(row["summary"]) for row in table]


def test_every_name_and_unit_prints_in_full_in_libreoffice(
    printed: tuple[list[dict[str, str]], list[str], str],
) -> None:
    table, _, text = printed
    assert [row["number"] for row in table if row["name"] not in text or row["unit"] not in text] == []


def test_rows_are_no_taller_than_their_text_needs() -> None:
    """Fitted, not merely tall: a one-line row keeps one line's height, a long summary gets many."""
    table = rows()
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(LIST_COLUMNS, table, "项目名单"))).active
    heights = {row["number"]: sheet.row_dimensions[number].height for number, row in enumerate(table, start=3)}
    assert heights["1"] > 5 * heights["2"]  # 200 characters against one
    assert heights["1"] == heights["9"]  # the same length, the same height


def test_the_header_carries_an_autofilter_over_every_row_and_column() -> None:
    table = rows()
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(LIST_COLUMNS, table, "项目名单"))).active
    last = openpyxl.utils.get_column_letter(len(LIST_COLUMNS))
    assert sheet.auto_filter.ref == f"A2:{last}{2 + len(table)}"
