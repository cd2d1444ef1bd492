"""Strict YAML loading: data exactly as typed, a JSON-pointer -> position map, findings.

PyYAML's YAML 1.1 resolver turns `no` into False, `2020-08-30` into a date, `013`
into 11 and merges duplicate keys. We therefore never use its constructor: we take
libyaml's parse events and build plain JSON data ourselves with a small, explicit
rule set (YAML 1.2 core, minus everything ambiguous):

* quoted and block scalars are always text;
* a plain scalar is null (`~`, `null`, empty), a boolean (`true`/`false`), an integer
  (`0` or ASCII digits without a leading zero), or a decimal (`12.5`); everything else,
  `no`, `on`, `2020-08-30`, `013`, `12:30`, `1e3`, stays the exact text typed.

A plain number where the schema wants text (a phone number typed without quotes) is
then reported by the schema layer as YAML-UNQUOTED, with the text to quote.
Anchors, aliases, tags, duplicate keys, tabs in indentation and oversized or
non-UTF-8 files are findings with positions, never exceptions. Where libyaml reads
a text otherwise than YAML 1.2 (accel666.conformance) the text is refused where
it differs; the commonest typing slips are read past (accel666.recover), so that one
slip does not hide the file's other findings. The public YAML test suite, kept in
tests/resources/yaml-test-suite, pins every one of its cases' outcome.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import yaml

from accel666 import conformance, recover
from accel666.findings import MAX_FINDINGS, Finding
from accel666.repair import encoding


class PureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser, reading tabs as libyaml does.

    The browser's PyYAML has no libyaml (accel666.browser). The pure scanner takes only spaces
    as blanks: it refuses `name: 公司<Tab>` (a tab pasted from a sheet) and `a<Tab>b`, which
    libyaml reads, and it reads a tab in a block text's indentation, which libyaml refuses.
    These methods are the pure scanner's with libyaml's rules for tabs (yaml_parser_scan_to_next_token,
    yaml_parser_scan_plain_scalar, yaml_parser_scan_block_scalar_breaks), so that both parsers
    give a file the same findings (tests/browser/parity_test.py).
    """

    _BREAKS = "\r\n\x85\u2028\u2029"

    def scan_to_next_token(self) -> None:
        """A tab separates tokens inside brackets and where no key may start, never as indentation."""
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        found = False
        while not found:
            while self.peek() == " " or (self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0" + self._BREAKS:
                    self.forward()
            if self.scan_line_break():  # type: ignore[no-untyped-call]
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                found = True

    def scan_plain_spaces(self, indent: int, start_mark: Any) -> list[str] | None:
        """The blanks and line breaks inside a plain text: tabs are blanks, but never indentation."""
        length = 0
        while self.peek(length) in " \t":
            length += 1
        whitespaces = self.prefix(length)
        self.forward(length)
        if self.peek() not in self._BREAKS:
            return [whitespaces] if whitespaces else []
        line_break = self.scan_line_break()  # type: ignore[no-untyped-call]
        self.allow_simple_key = True
        if self._document_marker():
            return None
        breaks: list[str] = []
        while self.peek() in " \t" + self._BREAKS:
            if self.peek() == "\t" and self.column < indent:
                problem = "found a tab character that violates indentation"
                raise yaml.scanner.ScannerError("while scanning a plain scalar", start_mark, problem, self.get_mark())
            if self.peek() in " \t":
                self.forward()
                continue
            breaks.append(self.scan_line_break())  # type: ignore[no-untyped-call]
            if self._document_marker():
                return None
        chunks = [line_break] if line_break != "\n" else [] if breaks else [" "]
        return chunks + breaks

    def _document_marker(self) -> bool:
        return self.prefix(3) in ("---", "...") and self.peek(3) in "\0 \t" + self._BREAKS

    def scan_block_scalar_indentation(self) -> tuple[list[str], int, Any]:
        found = super().scan_block_scalar_indentation()
        self._no_tab_before(None)
        return found

    def scan_block_scalar_breaks(self, indent: int) -> tuple[list[str], Any]:
        chunks: list[str] = []
        end_mark = self.get_mark()
        self._indentation(indent)
        while self.peek() in self._BREAKS:
            chunks.append(self.scan_line_break())  # type: ignore[no-untyped-call]
            end_mark = self.get_mark()
            self._indentation(indent)
        return chunks, end_mark

    def _indentation(self, indent: int) -> None:
        while self.column < indent and self.peek() == " ":
            self.forward()
        self._no_tab_before(indent)

    def _no_tab_before(self, indent: int | None) -> None:
        """A tab where a block text's indentation (not yet known: None) is still to come."""
        if self.peek() == "\t" and (indent is None or self.column < indent):
            problem = "found a tab character where an indentation space is expected"
            raise yaml.scanner.ScannerError("while scanning a block scalar", None, problem, self.get_mark())


try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built (the browser's has no libyaml)
    _Loader = PureLoader  # type: ignore[misc,assignment]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
# Longer digit strings stay text (the schema then asks for a number): int() refuses
# more than 4300 digits, and no amount in 万元 needs more than a few.
_MAX_DIGITS = 30

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# `fix` repairs the lines the loader reports with the loader's own pattern.
FULLWIDTH_COLON = recover.FULLWIDTH_COLON


class Scalar(NamedTuple):
    """Where a scalar value sits in the text and how it was written (a tuple: made per value)."""

    line: int
    column: int
    end_line: int
    end_column: int
    style: str | None  # None: plain; "'", '"', "|", ">": quoted or block
    text: str


@dataclass
class Document:
    """A loaded YAML file. `data` is None when the file could not be read as YAML."""

    path: str
    text: str
    data: object = None
    loaded: bool = False
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[str, Scalar] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def position(self, pointer: str) -> tuple[int, int]:
        """Position of the value at `pointer`, or of its nearest ancestor."""
        while pointer not in self.positions and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return self.positions.get(pointer, (1, 1))

    def key_position(self, pointer: str) -> tuple[int, int]:
        """Position of the key naming `pointer` (where a missing child is reported)."""
        if pointer in self.key_positions:
            return self.key_positions[pointer]
        return self.position(pointer)

    def finding(self, pointer: str, code: str, message: str, *, at_key: bool = False) -> Finding:
        line, column = self.key_position(pointer) if at_key else self.position(pointer)
        return Finding(self.path, line, column, code, message, pointer=pointer)


def escape_pointer_token(token: str) -> str:
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(parts: object) -> str:
    return "".join("/" + escape_pointer_token(str(p)) for p in parts)  # type: ignore[attr-defined]


def lookup(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer (RFC 6901) of loaded data, or None where the application has nothing."""
    node = data
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping):
            node = node.get(key)
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return None
    return node


def resolve_plain(text: str) -> object:
    """Type of a plain (unquoted) scalar under our conservative rules."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.fullmatch(text) and len(text) <= _MAX_DIGITS:
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return text


def load_document(raw: bytes, path: str) -> Document:
    """Decode and parse one file; every problem becomes a finding on the Document."""
    if len(raw) > MAX_BYTES:
        doc = Document(path, "")
        size = f"{len(raw) / 1024 / 1024:.1f} MiB"
        doc.findings.append(
            Finding(
                path, 1, 1, "YAML-TOO-LARGE", f"文件过大（{size}，上限 2 MiB）：附件请勿写入申报文件，长文字请精简。"
            )
        )
        return doc
    text, finding = _decode(raw, path)
    doc = Document(path, text)
    if finding:
        doc.findings.append(finding)
        return doc
    breaks = conformance.unicode_breaks(text, path)
    if breaks:  # not parsed: the parser would read them as line breaks, or as spaces inside quotes
        doc.findings.extend(breaks)
        return doc
    _parse(doc, recover.scan(text, path))
    return doc


def _decode(raw: bytes, path: str) -> tuple[str, Finding | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if encoding.utf16_order(raw):  # UTF-16 without its mark: its ASCII reads as UTF-8 with NULs between
        return "", _not_utf8(path, 1, 1, "是 UTF-16 编码（没有字节序标记）")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        decoded = encoding.decode(raw)
        byte = f"第 {exc.start + 1} 个字节"
        saved = f"是 {decoded.name} 编码（从{byte}起不是 UTF-8）" if decoded else f"不是 UTF-8 编码（{byte}无法识别）"
        return "", _not_utf8(path, line, column, saved)


def _not_utf8(path: str, line: int, column: int, saved: str) -> Finding:
    message = (
        f"文件{saved}，申报文件须为 UTF-8 编码：请运行 accel666 fix 转换（GBK/GB18030 和 UTF-16 文件可以自动转换），"
        "或在编辑器中以 UTF-8 编码重新保存。"
    )
    return Finding(path, line, column, "YAML-ENCODING", message)


def _parse(doc: Document, suspects: list[Finding]) -> None:
    builder, error = _read(doc, doc.text)
    # A tab, a full-width space or colon inside a multi-line text is content, not structure
    # (Chinese paragraphs often start with two full-width spaces).
    content = _free_text_lines(doc)
    suspects = [f for f in suspects if f.line not in content]
    if any(f.code in recover.REPAIRED for f in suspects):
        suspects = _read_repaired(doc, suspects)
        if not suspects:
            return
    _prepend(doc, suspects)
    if error is not None:
        builder.syntax_error(error, suspects)


def _prepend(doc: Document, suspects: list[Finding]) -> None:
    """The slips found on the text first; a parse finding at the same place says it twice."""
    places = {(f.line, f.column, f.code) for f in suspects}
    doc.findings[:] = [*suspects, *(f for f in doc.findings if (f.line, f.column, f.code) not in places)]


def _read(doc: Document, text: str) -> tuple[_Builder, yaml.MarkedYAMLError | None]:
    """Parse `text` into `doc`; a syntax error is returned for the caller to place."""
    # libyaml drops the last line break of a block text when the file ends in spaces
    # without a line break; YAML 1.2 keeps it (yaml-test-suite JEF9, L24T).
    last = text.rfind("\n") + 1
    if last < len(text) and not text[last:].strip(" \t"):
        text += "\n"
    builder = _Builder(doc, text)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Stop:
        return builder, None
    except yaml.MarkedYAMLError as exc:
        return builder, exc
    except yaml.reader.ReaderError as exc:
        builder.reader_error(exc)
        return builder, None
    builder.finish()
    return builder, None


def _read_repaired(doc: Document, suspects: list[Finding]) -> list[Finding]:
    """Read the text with the slips repaired (accel666.recover), positions mapped back.

    The slips stay findings, next to whatever the repaired copy earns (a syntax error
    the slips hid, the schema's and the rules' findings once it loads). Returns [] once
    `doc` holds that reading, else the suspects left for reading the text as typed.
    """
    repairs = [f for f in suspects if f.code in recover.REPAIRED]
    for _ in range(3):  # a repair may land in a multi-line text only the repaired copy reveals
        edits = recover.edits_for(doc.text, repairs)
        copy = Document(doc.path, recover.apply(doc.text, edits))
        builder, error = _read(copy, copy.text)
        content = _free_text_lines(copy)
        if not any(f.line in content for f in repairs):
            break
        suspects = [f for f in suspects if f.line not in content]
        repairs = [f for f in repairs if f.line not in content]
    else:
        return suspects
    if not repairs:
        return suspects
    if error is not None:
        builder.syntax_error(error, [f for f in suspects if f.code not in recover.REPAIRED])
    _map_back(copy, recover.ColumnMap(edits))
    doc.data, doc.loaded, doc.scalars = copy.data, copy.loaded, copy.scalars
    doc.positions, doc.key_positions = copy.positions, copy.key_positions
    doc.findings[:] = copy.findings
    _prepend(doc, suspects)
    return []


class _Builder:
    """Builds JSON data from parse events, refusing what could silently alter it.

    Events are typed `Any`: libyaml's event and mark classes are not those of the stubs.

    `feed` runs once per event of every file, so it dispatches on the event's class and
    keeps the common case (a plain or quoted scalar in a mapping) free of extra calls.
    """

    def __init__(self, doc: Document, text: str) -> None:
        self.doc = doc
        self.text = text
        # [container, pointer, pending key or None, block column (None: flow), first line]
        self.stack: list[list[Any]] = []
        self.documents = 0
        self.root: object = None
        self.broken = False  # YAML 1.2 refuses the text although libyaml read it on
        self.refused: list[int] = []  # lines of those refusals
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    # -- events -------------------------------------------------------------
    def feed(self, event: Any) -> None:  # noqa: PLR0912 - one flat dispatch on the hot path
        kind = event.__class__
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                self._check_anchor_and_tag(event)
            top = self.stack[-1] if self.stack else None
            if event.style or (top is not None and top[3] is None):
                self._check_scalar(event, top)
            if top is not None and top[2] is None and top[0].__class__ is dict:
                self._key(event, top)
            else:
                # `! 12`: the non-specific tag makes a plain scalar text (YAML 1.2, 6.9.1).
                value = event.value if event.style or event.tag == "!" else resolve_plain(event.value)
                pointer = self._attach(value, event)
                if pointer is not None:
                    start, end = event.start_mark, event.end_mark
                    self.doc.scalars[pointer] = Scalar(
                        start.line + 1, start.column + 1, end.line + 1, end.column + 1, event.style or None, event.value
                    )
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            closed = self.stack.pop()
            if closed[3] is None and self.stack and self.stack[-1][3] is not None:
                lines, first, last = self.lines, closed[4], event.end_mark.line
                for problem in conformance.continuation_problems(lines, first, last, self.stack[-1][3]):
                    self._refuse(problem)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                self._check_anchor_and_tag(event)
            self._open({} if kind is yaml.MappingStartEvent else [], event)
        elif kind is yaml.AliasEvent:
            line, column = _pos(event.start_mark)
            self._add(line, column, "YAML-ANCHOR", "不允许使用别名（*名称）：请把内容完整写出来。")
            if self._expecting_key():
                self.stack[-1][2] = _DUPLICATE
            else:
                self._attach(None, event)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents == 2:
                line, column = _pos(event.start_mark)
                self._add(
                    line,
                    column,
                    "YAML-MULTI-DOC",
                    "一个文件只能包含一份申报材料：请删除“---”之后的第二份内容，另建文件。",
                )

    def finish(self) -> None:
        if self.documents == 0 or self.root is None:
            if self.documents < 2:  # a second document is reported as such
                self._add(1, 1, "YAML-EMPTY", "文件是空的：请用 accel666 new 生成模板后填写。")
            return
        if conformance.may_have_glued_comments(self.text):
            events = yaml.parse(self.text, Loader=_Loader)  # read before, without an error
            for problem in conformance.comment_problems(self.lines, events, yaml.ScalarEvent):
                self._refuse(problem)
        if self.broken:
            return
        self.doc.data = self.root
        self.doc.loaded = True

    def syntax_error(self, exc: yaml.MarkedYAMLError, suspects: list[Finding]) -> None:
        line, column = conformance.syntax_position(exc, self.text)
        if any(f.line <= line for f in suspects) or any(refused <= line for refused in self.refused):
            return  # an earlier slip (a tab, a full-width colon) or refusal is the likely cause
        self._add(line, column, "YAML-SYNTAX", conformance.syntax_message(conformance.libyaml_problem(exc)))

    def reader_error(self, exc: yaml.reader.ReaderError) -> None:
        line, column = conformance.reader_position(exc, self.doc.text)
        message = f"文件中含有不可见的控制字符（U+{exc.character:04X}）：请删除该字符后重新保存。"
        self._add(line, column, "YAML-CONTROL-CHAR", message)

    # -- helpers --------------------------------------------------------------
    def _add(self, line: int, column: int, code: str, message: str) -> None:
        if len(self.doc.findings) <= MAX_FINDINGS:  # one past the cap says there are more (check.py)
            self.doc.findings.append(Finding(self.doc.path, line, column, code, message))

    def _expecting_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None

    def _check_anchor_and_tag(self, event: Any) -> None:
        line, column = _pos(event.start_mark)
        if event.anchor is not None:
            self._add(line, column, "YAML-ANCHOR", f"不允许使用锚点（&{event.anchor}）：请删除锚点，把内容完整写出来。")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self._add(
                line, column, "YAML-TAG", f"不允许使用标签（{tag}）：文字请用引号括起来，不要写 ! 或 !! 开头的标签。"
            )

    def _check_scalar(self, event: Any, top: list[Any] | None) -> None:
        for problem in conformance.scalar_problems(self.lines, event, -1 if top is None else top[3]):
            self._refuse(problem)

    def _refuse(self, problem: conformance.Problem) -> None:
        self._add(*problem)
        self.broken = True
        self.refused.append(problem.line)

    def _key(self, event: Any, top: list[Any]) -> None:
        mapping, key = top[0], event.value
        if not event.style and key in _NULLS and event.tag is None and event.anchor is None:
            line, column = (
                conformance.empty_key_position(self.lines, event.start_mark) if not key else _pos(event.start_mark)
            )
            message = "字段名是空的（省略了字段名，或写成了 ~、null）：请写出字段名，或删除这一项。"
            self._add(line, column, "YAML-COMPLEX-KEY", message)
            top[2] = _DUPLICATE
            return
        child = f"{top[1]}/{escape_pointer_token(key)}"
        if key in mapping:
            first = self.doc.key_positions.get(child, (0, 0))[0]
            line, column = _pos(event.start_mark)
            message = f"字段“{key}”重复出现（第一次在第 {first} 行）：同一层级的字段只能写一次，请合并或删除其中一个。"
            self._add(line, column, "YAML-DUPLICATE-KEY", message)
            top[2] = _DUPLICATE
            return
        mark = event.start_mark
        self.doc.key_positions[child] = (mark.line + 1, mark.column + 1)
        top[2] = key

    def _open(self, container: dict[str, object] | list[object], event: Any) -> None:
        line, column = _pos(event.start_mark)
        if self._expecting_key():
            self._add(line, column, "YAML-COMPLEX-KEY", "字段名只能是简单文字，不能是列表或映射：请检查这一行的写法。")
            raise _Stop
        if len(self.stack) >= MAX_DEPTH:
            self._add(line, column, "YAML-TOO-DEEP", f"嵌套超过 {MAX_DEPTH} 层：请检查缩进。")
            raise _Stop
        pointer = self._attach(container, event)
        # A dropped duplicate's children get a pointer no lookup can match.
        indent = None if event.flow_style else event.start_mark.column
        self.stack.append([container, pointer if pointer is not None else "\x00dropped", None, indent, line - 1])

    def _attach(self, value: object, event: Any) -> str | None:
        """Put `value` into the current container; return its pointer (None if dropped)."""
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
            self.doc.positions[""] = position
            return ""
        top = self.stack[-1]
        container = top[0]
        if container.__class__ is list:
            child = f"{top[1]}/{len(container)}"
            container.append(value)
            self.doc.key_positions[child] = position
        else:
            key = top[2]
            top[2] = None
            if key is _DUPLICATE:
                return None
            child = f"{top[1]}/{escape_pointer_token(key)}"
            container[key] = value
        self.doc.positions[child] = position
        return child


_DUPLICATE = object()


class _Stop(Exception):
    """Loading cannot go on; the reason is already a finding."""


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _free_text_lines(doc: Document) -> set[int]:
    """Lines that belong to a block scalar's or a multi-line quoted scalar's content."""
    lines: set[int] = set()
    for scalar in doc.scalars.values():
        if scalar.end_line > scalar.line:
            last = scalar.end_line - 1 if scalar.end_column == 1 else scalar.end_line
            lines.update(range(scalar.line + 1, last + 1))
    return lines


def _map_back(copy: Document, columns: recover.ColumnMap) -> None:
    """Positions of the repaired copy, moved to the same characters of the file as typed."""
    for table in (copy.positions, copy.key_positions):
        for pointer, (line, column) in table.items():
            table[pointer] = columns.original(line, column)
    for pointer, scalar in copy.scalars.items():
        start = columns.original(scalar.line, scalar.column)
        end = columns.original(scalar.end_line, scalar.end_column)
        copy.scalars[pointer] = scalar._replace(line=start[0], column=start[1], end_line=end[0], end_column=end[1])
    copy.findings[:] = [
        replace(f, line=(p := columns.original(f.line, f.column))[0], column=p[1]) for f in copy.findings
    ]
