"""The building blocks of a paper form, and the schema words they are labelled with.

A layout (see layouts.py) is plain frozen data: paragraphs, tables, rows and cells. A
cell has fixed text (a label, taken from a schema title) and `values`, pointers into an
application with a function that writes the value as it appears on paper. The same
layout therefore prints a blank form (labels, guidance `hint`s, empty cells) and a filled
one (the values at the pointers): `content(part, None)` and `content(part, data)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from accel666 import schema
from accel666.load import lookup

T = TypeVar("T")
Show = Callable[[Any], str]
# Control characters are not allowed in XML (Word, Excel): an applicant's stray \x07 must not break an export.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
BLANK_LINE = "_" * 24  # what the notice's cover prints where a value goes


def printable(text: str) -> str:
    return _CONTROL.sub("", text)


def plain(value: Any) -> str:
    """A scalar as printed: text as typed, numbers as typed, booleans as 是/否; lists and maps are not scalars."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return printable(str(value)).strip()


def year_label(value: Any) -> str:
    return f"{plain(value)}年" if plain(value) else ""


def parenthesised(value: Any) -> str:
    return f"（{plain(value)}）" if plain(value) else ""


@dataclass(frozen=True)
class Choices:
    """A choice printed as the notice's check boxes: every option, the chosen one ticked."""

    options: tuple[str, ...]

    def __call__(self, value: Any) -> str:
        return "　".join(("☑" if plain(value) == option else "☐") + option for option in self.options)


@dataclass(frozen=True)
class Prefixed:
    """A value printed after its own title (“专利数量：8”), for several fields sharing one cell."""

    label: str

    def __call__(self, value: Any) -> str:
        return f"{self.label}：{plain(value)}" if plain(value) else ""


@dataclass(frozen=True)
class Value:
    """Where a value sits in an application (a JSON pointer) and how it is written."""

    pointer: str
    show: Show = plain

    def text(self, data: Any) -> str:
        return self.show(lookup(data, self.pointer))


@dataclass(frozen=True)
class Content:
    """Fixed `label`; then the `values` (filled form) or the `hint` (blank form) after a colon."""

    label: str = ""
    values: tuple[Value, ...] = ()
    hint: str = ""
    sep: str = "　"


@dataclass(frozen=True)
class Cell(Content):
    span: int = 1
    header: bool = False  # a label cell: bold, centred


@dataclass(frozen=True)
class Para(Content):
    style: str = "body"  # "heading", "subheading", "caption" or "body"


@dataclass(frozen=True)
class Line(Content):
    """A cover line: “推荐单位：______（设区市工信局）”; the notes are guidance, printed on blank forms only."""

    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    # Running text (a label, then a narrative) that may run over pages: printed with its label
    # as a heading above the text, repeated on every page (word.py), never cut off from it.
    runs_over: bool = False


@dataclass(frozen=True)
class Repeat(Generic[T]):
    """Parts repeated per item of a list: `item(i)` gives the parts of item i.

    `pointer` "" stands for the application itself (one item: its row in 附件3).
    A blank form shows `blank` empty copies, as the notice does (two cases, three rows).
    """

    pointer: str
    blank: int
    item: Callable[[int], tuple[T, ...]]

    def count(self, data: Any) -> int:
        if data is None:
            return self.blank
        if not self.pointer:
            return 1
        items = lookup(data, self.pointer)
        return len(items) if isinstance(items, list) else 0


@dataclass(frozen=True)
class Table:
    widths: tuple[int, ...]  # relative column widths; every row's spans add up to len(widths)
    rows: tuple[Row | Repeat[Row], ...]


Block = Para | Table


@dataclass(frozen=True)
class Cover:
    lines: tuple[Line, ...]
    issuer: str  # “江苏省工信厅编制”


@dataclass(frozen=True)
class Layout:
    category: str
    annex: int
    title: str
    cover: Cover | None
    body: tuple[Block | Repeat[Block], ...]
    landscape: bool = False


def content(part: Content, data: Any) -> str:
    """The text of a cell, paragraph or cover line: blank when `data` is None, else filled."""
    body = part.hint if data is None or not part.values else values_text(part, data)
    return "：".join(piece for piece in (part.label, body) if piece)


def values_text(part: Content, data: Any) -> str:
    """The application's values of `part`, the empty ones left out (no “张三　　”)."""
    return part.sep.join(text for value in part.values if (text := value.text(data)))


def expand(parts: Sequence[T | Repeat[T]], data: Any) -> list[T]:
    """The parts with every Repeat unrolled for `data` (its blank copies when `data` is None)."""
    unrolled: list[T] = []
    for part in parts:
        if isinstance(part, Repeat):
            unrolled.extend(piece for index in range(part.count(data)) for piece in part.item(index))
        else:
            unrolled.append(part)
    return unrolled


@dataclass(frozen=True)
class Words:
    """The schema's words for one form: titles, descriptions and choices by pointer ("/cases/#/title")."""

    category: str

    def prop(self, pointer: str) -> dict[str, Any]:
        path = tuple(pointer.split("/")[1:])
        return schema.field(self.category, path).schema

    def title(self, pointer: str) -> str:
        return str(self.prop(pointer).get("title", ""))

    def description(self, pointer: str) -> str:
        return str(self.prop(pointer).get("description", ""))

    def keys(self, pointer: str) -> tuple[str, ...]:
        return tuple(self.prop(pointer).get("properties", {}))

    def options(self, pointer: str) -> tuple[str, ...]:
        return tuple(map(str, self.prop(pointer).get("enum", ())))


# A text allowed this many characters may fill more than a page.
PAGE_CHARACTERS = 1000


def runs_over(words: Words, pointer: str) -> bool:
    """Whether the field's text may run over a page (a narrative: up to 20000 characters)."""
    return int(words.prop(pointer).get("maxLength", 0)) > PAGE_CHARACTERS


def head(label: str, span: int = 1) -> Cell:
    return Cell(label=label, span=span, header=True)


def filled(*pointers: str, hint: str = "", span: int = 1, show: Show = plain, sep: str = "　") -> Cell:
    return Cell(values=tuple(Value(pointer, show) for pointer in pointers), hint=hint, span=span, sep=sep)


def section(words: Words, pointer: str) -> tuple[Para, Para]:
    """A text field as a section of its own: its title as the heading, then the text (the
    schema's description as the guidance on a blank form)."""
    return Para(words.title(pointer), style="subheading"), Para(
        values=(Value(pointer),), hint=words.description(pointer)
    )


# Not on the notice's forms, but required and published with the list (so the applicant writes
# it knowing that): printed after the form as a section of its own.
PUBLIC_SUMMARY = "/public_summary"


def note(description: str) -> str:
    """The first clause of a description as the cover's bracketed note: “（设区市工信局）”."""
    found = re.match(r"[^（，。；]+", description)
    return f"（{found.group()}）" if found else ""


def cover(words: Words, keys: Sequence[str], issuer: str) -> Cover:
    return Cover(tuple(_cover_line(words, key) for key in keys), issuer)


def _cover_line(words: Words, key: str) -> Line:
    pointer = f"/{key}"
    title = words.title(pointer)
    if key == "address":  # the notice asks for 地址及邮编 on one line
        return Line(f"{title}及{words.title('/postcode')}", (Value(pointer), Value("/postcode")))
    if key == "joint_applicant":  # its kind is printed after the name: “吴江区工信局（县区工信局）”
        values = (Value(f"{pointer}/name"), Value(f"{pointer}/kind", parenthesised))
        return Line(title, values, sep="", before=note(words.description(pointer)))
    if key == "recommender":
        return Line(title, (Value(pointer),), after=note(words.description(pointer)))
    parts = words.keys(pointer)
    if "uscc" in parts:  # a unit: the cover names it; its code is in a table or only in the repository
        return Line(title, (Value(f"{pointer}/name"),))
    return Line(title, tuple(Value(f"{pointer}/{part}") for part in parts) or (Value(pointer),))
