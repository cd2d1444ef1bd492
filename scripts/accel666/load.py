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
non-UTF-8 files are findings with positions, never exceptions.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from accel666 import conformance, recover
from accel666.findings import Finding

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
# Longer digit strings stay text (the schema then asks for a number): int() refuses
# more than 4300 digits, and no amount in 万元 needs more than a few.
_MAX_DIGITS = 30

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# In each pattern the offending character comes right after group 1.
_FULLWIDTH_INDENT = re.compile(r"^([ ]*)\u3000", re.MULTILINE)
# `key：value`: an ASCII key (ours are all ASCII) followed by a full-width colon. Group 1
# is everything before the colon; `fix` uses the same pattern to repair the line.
FULLWIDTH_COLON = re.compile(r"^([ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_]*[ ]*)：[ \u3000]*", re.MULTILINE)
_TAB_INDENT = re.compile(r"^([ ]*)\t", re.MULTILINE)
_UNICODE_BREAK = re.compile("[\u0085\u2028\u2029]")


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
    breaks = _unicode_breaks(text, path)
    if breaks:  # not parsed: the parser would read them as line breaks, or as spaces inside quotes
        doc.findings.extend(breaks)
        return doc
    _parse(doc, _scan_text(text, path))
    return doc


def _unicode_breaks(text: str, path: str) -> list[Finding]:
    """NEL, LINE and PARAGRAPH SEPARATOR: invisible, and YAML folds them into the data silently."""
    found = []
    for match in _UNICODE_BREAK.finditer(text):
        offset = match.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        message = (
            f"文件中含有不可见的换行字符（U+{ord(match.group()):04X}，常见于从网页或其他系统复制的文字），"
            "YAML 会把它当作换行或空格：请删除该字符，需要换行时直接回车。"
        )
        found.append(Finding(path, line, column, "YAML-CONTROL-CHAR", message))
    return found


def _decode(raw: bytes, path: str) -> tuple[str, Finding | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = (
            f"文件不是 UTF-8 编码（第 {exc.start + 1} 个字节无法识别，可能是 GBK 编码）："
            "请在编辑器中以 UTF-8 编码重新保存。"
        )
        return "", Finding(path, line, column, "YAML-ENCODING", message)


def _scan_text(text: str, path: str) -> list[Finding]:
    """Problems the parser misreports or accepts silently, found on the raw text."""
    found: list[Finding] = []
    checks = (
        ("\t", _TAB_INDENT, "YAML-TAB", "行首使用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成空格。"),
        (
            "\u3000",
            _FULLWIDTH_INDENT,
            "YAML-FULLWIDTH-INDENT",
            "行首使用了全角空格缩进，会让字段落到错误的层级：请换成半角空格（通常是两个）。",
        ),
        (
            "：",
            FULLWIDTH_COLON,
            "YAML-FULLWIDTH-COLON",
            "字段名后使用了全角冒号“：”，YAML 不会把它当作字段：请改为半角冒号加空格“: ”（accel666 fix 可自动修正）。",
        ),
        (
            ":",
            recover.COLON_WITHOUT_SPACE,
            "YAML-COLON-SPACE",
            "字段名后的冒号“:”后面缺少空格，YAML 不会把它当作字段：请在冒号后加一个空格，写成“字段名: 值”。",
        ),
    )
    for needle, pattern, code, message in checks:
        if needle not in text:
            continue
        for match in pattern.finditer(text):
            offset = match.end(1)
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            found.append(Finding(path, line, column, code, message))
    return found


def _parse(doc: Document, suspects: list[Finding]) -> None:
    builder, error = _read(doc, doc.text)
    # A tab, a full-width space or colon inside a multi-line text is content, not structure
    # (Chinese paragraphs often start with two full-width spaces).
    content = _free_text_lines(doc)
    suspects = [f for f in suspects if f.line not in content]
    if any(f.code in recover.REPAIRED for f in suspects) and _read_repaired(doc, suspects):
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
    builder = _Builder(doc, text)
    # libyaml drops the last line break of a block text when the file ends in spaces
    # without a line break; YAML 1.2 keeps it (yaml-test-suite JEF9, L24T).
    last = text.rfind("\n") + 1
    if last < len(text) and not text[last:].strip(" \t"):
        text += "\n"
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


def _read_repaired(doc: Document, suspects: list[Finding]) -> bool:
    """Load the text with the slips repaired (accel666.recover) and positions mapped back.

    True when that copy was read to its end (the slips are then the findings that say
    what to fix, next to whatever the copy itself earns); False leaves `doc` as read.
    """
    repairs = [f for f in suspects if f.code in recover.REPAIRED]
    for _ in range(3):  # a repair may land in a multi-line text only the repaired copy reveals
        edits = recover.edits_for(doc.text, repairs, FULLWIDTH_COLON)
        copy = Document(doc.path, recover.apply(doc.text, edits))
        builder, error = _read(copy, copy.text)
        content = _free_text_lines(copy)
        if not any(f.line in content for f in repairs):
            break
        suspects = [f for f in suspects if f.line not in content]
        repairs = [f for f in repairs if f.line not in content]
    if not repairs:
        return False
    if error is not None:  # not a slip of the three: the copy says where, the slips stay reported
        builder.syntax_error(error, [f for f in suspects if f.code not in recover.REPAIRED])
    _map_back(copy, recover.ColumnMap(edits))
    doc.data, doc.loaded, doc.scalars = copy.data, copy.loaded, copy.scalars
    doc.positions, doc.key_positions = copy.positions, copy.key_positions
    doc.findings[:] = copy.findings
    _prepend(doc, suspects)
    return True


def _map_back(copy: Document, columns: recover.ColumnMap) -> None:
    """Positions of the repaired copy, moved to the same characters of the file as typed."""
    for table in (copy.positions, copy.key_positions):
        for pointer, (line, column) in table.items():
            table[pointer] = columns.original(line, column)
    for pointer, scalar in copy.scalars.items():
        start = columns.original(scalar.line, scalar.column)
        end = columns.original(scalar.end_line, scalar.end_column)
        copy.scalars[pointer] = scalar._replace(line=start[0], column=start[1], end_line=end[0], end_column=end[1])
    copy.findings[:] = [_moved(f, *columns.original(f.line, f.column)) for f in copy.findings]


def _moved(finding: Finding, line: int, column: int) -> Finding:
    return dataclasses.replace(finding, line=line, column=column)


def _free_text_lines(doc: Document) -> set[int]:
    """Lines that belong to a block scalar's or a multi-line quoted scalar's content."""
    lines: set[int] = set()
    for scalar in doc.scalars.values():
        if scalar.end_line > scalar.line:
            last = scalar.end_line - 1 if scalar.end_column == 1 else scalar.end_line
            lines.update(range(scalar.line + 1, last + 1))
    return lines


# libyaml's wording (lower case, matched as prefixes) -> what the applicant should look at.
_PROBLEMS = {
    "found character that cannot start any token": "出现了不能出现在此处的字符（常见的是制表符 Tab、@ 或 ` 开头的值），请改用空格缩进或给值加引号",
    "found character '\\t' that cannot start any token": "出现了不能出现在此处的制表符（Tab），请改用空格",
    "mapping values are not allowed": "此处不能出现冒号“:”，通常是上一行缩进不对，或值中含有“: ”却没有加引号",
    "block sequence entries are not allowed": "此处不能出现列表项“- ”，请检查缩进",
    "could not find expected ':'": "找不到字段名后的冒号“:”，请检查是否漏写冒号或引号不成对",
    "did not find expected key": "缩进不一致，请检查本行与上下行的缩进",
    "did not find expected '-' indicator": "列表项缩进不一致，请检查本行与上下行的缩进",
    "did not find expected ',' or ']'": "方括号 [ ] 没有成对，或其中的值含有逗号却没有加引号",
    "did not find expected ',' or '}'": "花括号 { } 没有成对，或其中的值含有逗号却没有加引号",
    "did not find expected node content": "这里缺少值，请检查是否多写了符号",
    "did not find expected <document start>": "文件中多出了不属于任何字段的内容，请检查缩进和冒号",
    "found unexpected end of stream": "引号或括号没有闭合，请检查从这里开始的引号是否成对",
    "found unknown escape character": "双引号中的反斜杠转义无效，请改用单引号或去掉反斜杠",
    "found a tab character": "缩进中出现了制表符（Tab），请改用空格",
    "found undefined tag handle": "使用了未定义的标签，请删除以 ! 开头的标签",
}


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
                self._check_continuation(closed[4], event.end_mark.line, self.stack[-1][3])
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
            self._add(1, 1, "YAML-EMPTY", "文件是空的：请用 accel666 new 生成模板后填写。")
            return
        if conformance.may_have_glued_comments(self.text):
            self._check_comments()
        if self.broken:
            return
        self.doc.data = self.root
        self.doc.loaded = True

    def syntax_error(self, exc: yaml.MarkedYAMLError, suspects: list[Finding]) -> None:
        problem = str(exc.problem or "")
        # An unclosed quote is only noticed at the end of the file: point at where it opened;
        # a key without its colon is noticed lines later, at the next colon: point at the key.
        late = problem.startswith(("found unexpected end", "could not find expected ':'"))
        mark = exc.context_mark if late and exc.context_mark else exc.problem_mark
        mark = mark or exc.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        if any(f.line <= line for f in suspects) or any(refused <= line for refused in self.refused):
            return  # an earlier slip (a tab, a full-width colon) or refusal is the likely cause
        plain = next((zh for en, zh in _PROBLEMS.items() if problem.lower().startswith(en)), None)
        message = (
            f"YAML 语法错误：{plain}。"
            if plain
            else f"YAML 语法错误（{problem}）：请检查缩进（只用空格）、冒号后的空格和引号是否成对。"
        )
        self._add(line, column, "YAML-SYNTAX", message)

    def reader_error(self, exc: yaml.reader.ReaderError) -> None:
        # libyaml counts bytes, the pure-Python reader characters: the character itself
        # is the first of its kind (an earlier one would have stopped the reader there).
        text = self.doc.text
        offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        offset = offset if offset >= 0 else exc.position
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        message = f"文件中含有不可见的控制字符（U+{exc.character:04X}）：请删除该字符后重新保存。"
        self._add(line, column, "YAML-CONTROL-CHAR", message)

    # -- helpers --------------------------------------------------------------
    def _add(self, line: int, column: int, code: str, message: str) -> None:
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
        """A quoted, block or in-bracket scalar that YAML 1.2 reads otherwise or refuses (accel666.conformance)."""
        start, style = event.start_mark, event.style
        parent = -1 if top is None else top[3]
        if style in ("|", ">"):
            glued = conformance.glued_header_comment(self.lines, start.line, start.column)
            if glued:
                self._refuse(*glued, _GLUED_COMMENT)
            deep = conformance.deep_leading_blanks(
                self.lines, start.line, start.column, -1 if parent is None else parent
            )
            if deep:
                self._refuse(*deep, "多行文字开头的空行比第一行文字缩进更深：请删除这些空行中多余的空格。")
        elif style:
            if parent is not None and parent >= 0 and event.end_mark.line > start.line:
                self._check_continuation(start.line, event.end_mark.line, parent)
        elif event.value == "-":  # `[-]`: a lone dash in brackets is neither a list item nor text
            self._refuse(start.line + 1, start.column + 1, '方括号或花括号中的“-”不能单独作为值：请给它加引号（"-"）。')
        elif event.value and start.column and self.lines[start.line][start.column - 1 : start.column] == "?":
            # `[?x]`, `{ ?foo: bar }`: YAML 1.2 reads the text `?x`, libyaml a key `x`.
            message = (
                f"“?{event.value}”中的问号会被读作复杂键的标记：问号是文字的一部分时请给整个值加引号，否则请删除问号。"
            )
            self._add(start.line + 1, start.column, "YAML-COMPLEX-KEY", message)
            self.broken = True

    def _check_continuation(self, first: int, last: int, parent: int) -> None:
        """The lines of a multi-line quoted text or bracketed value go deeper than its key."""
        bad = conformance.under_indented(self.lines, first, last, parent)
        if bad is None:
            return
        line, column, tab = bad
        if tab:
            self._refuse(
                line,
                column,
                "行首使用了制表符（Tab）：引号或括号内换行后的缩进只能用空格，请把 Tab 换成空格。",
                "YAML-TAB",
            )
        else:
            message = "引号或括号内的值换行后，续行的缩进必须比字段名更深：请在这一行行首加空格。"
            self._refuse(line, column, message)

    def _check_comments(self) -> None:
        """`key: "value"# c`: libyaml drops the glued comment, YAML 1.2 refuses the file."""
        events: Any = yaml.parse(self.text, Loader=_Loader)  # parsed before: no error now
        spans = [
            (e.start_mark.line, e.start_mark.column, e.end_mark.line, e.end_mark.column)
            for e in events
            if e.__class__ is yaml.ScalarEvent
        ]
        for line, column in conformance.glued_comments(self.lines, spans):
            self._refuse(line, column, _GLUED_COMMENT)

    def _refuse(self, line: int, column: int, problem: str, code: str = "YAML-SYNTAX") -> None:
        self._add(line, column, code, f"YAML 语法错误：{problem}" if code == "YAML-SYNTAX" else problem)
        self.broken = True
        self.refused.append(line)

    def _key(self, event: Any, top: list[Any]) -> None:
        mapping, key = top[0], event.value
        if not event.style and key in _NULLS and event.tag is None and event.anchor is None:
            line, column = _pos(event.start_mark)
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
_GLUED_COMMENT = "注释符号“#”前缺少空格：注释请写成“ # 说明”；# 是值的一部分时，请给整个值加引号。"


class _Stop(Exception):
    """Loading cannot go on; the reason is already a finding."""


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1
