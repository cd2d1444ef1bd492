"""What libyaml accepts although YAML 1.2 refuses it, found on the text around parse events.

Measured against the public YAML test suite (tests/resources/yaml-test-suite): libyaml
reads a comment glued to a value (`key: "value"# c`), continuation lines of a quoted
text or a bracketed list that are not indented under their key, a lone `-` inside
brackets, and a block text whose leading blank lines are deeper than its first line.
YAML 1.2 calls each of them an error, and another YAML reader (an editor, a later
version of this tool) may read them differently: they are refused where they are.
Every function here takes the text's lines and 0-based libyaml positions and returns
1-based positions, or None when all is well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from accel666.findings import Finding

# A CR without LF (an old Mac line end) too: the parser counts it as a line, line numbers would not.
_UNICODE_BREAK = re.compile("[\u0085\u2028\u2029]|\r(?!\n)")
_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?")
_GLUED_HASH = re.compile(r"[^ \t\n]#")


class Problem(NamedTuple):
    """A refusal at a 1-based position, with its finding code and Chinese message."""

    line: int
    column: int
    code: str
    message: str


_GLUED = "YAML 语法错误：注释符号“#”前缺少空格：注释请写成“ # 说明”；# 是值的一部分时，请给整个值加引号。"
_DEEP = "YAML 语法错误：多行文字开头的空行比第一行文字缩进更深：请删除这些空行中多余的空格。"
_DASH = 'YAML 语法错误：方括号或花括号中的“-”不能单独作为值：请给它加引号（"-"）。'
_SHALLOW = "YAML 语法错误：引号或括号内的值换行后，续行的缩进必须比字段名更深：请在这一行行首加空格。"
_TAB = "行首使用了制表符（Tab）：引号或括号内换行后的缩进只能用空格，请把 Tab 换成空格。"


def scalar_problems(lines: list[str], event: Any, parent: int | None) -> list[Problem]:
    """A quoted, block or in-bracket scalar event that YAML 1.2 refuses or reads otherwise.

    `parent` is the column of the enclosing block collection, -1 at the top, None inside brackets.
    """
    start, style, found = event.start_mark, event.style, []
    if style in ("|", ">"):
        glued = glued_header_comment(lines, start.line, start.column)
        deep = deep_leading_blanks(lines, start.line, start.column, -1 if parent is None else parent)
        found += [Problem(*glued, "YAML-SYNTAX", _GLUED)] if glued else []
        found += [Problem(*deep, "YAML-SYNTAX", _DEEP)] if deep else []
    elif style:
        if parent is not None and parent >= 0:
            found += continuation_problems(lines, start.line, event.end_mark.line, parent)
    elif event.value == "-":  # `[-]`: a lone dash in brackets is neither a list item nor text
        found.append(Problem(start.line + 1, start.column + 1, "YAML-SYNTAX", _DASH))
    elif event.value and start.column and lines[start.line][start.column - 1 : start.column] == "?":
        # `[?x]`, `{ ?foo: bar }`: YAML 1.2 reads the text `?x`, libyaml a key `x`.
        message = (
            f"“?{event.value}”中的问号会被读作复杂键的标记：问号是文字的一部分时请给整个值加引号，否则请删除问号。"
        )
        found.append(Problem(start.line + 1, start.column, "YAML-COMPLEX-KEY", message))
    return found


def continuation_problems(lines: list[str], first: int, last: int, parent: int) -> list[Problem]:
    """A multi-line quoted text or bracketed value whose lines do not go deeper than its key."""
    bad = under_indented(lines, first, last, parent) if last > first else None
    if bad is None:
        return []
    line, column, tab = bad
    return [Problem(line, column, "YAML-TAB", _TAB) if tab else Problem(line, column, "YAML-SYNTAX", _SHALLOW)]


def comment_problems(lines: list[str], events: Iterable[Any], scalar: type) -> list[Problem]:
    """`key: "value"# c`: libyaml drops the glued comment, YAML 1.2 refuses the file."""
    spans = [_span(e) for e in events if e.__class__ is scalar]
    return [Problem(line, column, "YAML-SYNTAX", _GLUED) for line, column in glued_comments(lines, spans)]


def _span(event: Any) -> tuple[int, int, int, int]:
    return event.start_mark.line, event.start_mark.column, event.end_mark.line, event.end_mark.column


# libyaml's wording (lower case, matched as prefixes) -> what the applicant should look at.
_GLUED_HEADER = "comment glued to a block text's header"
_PROBLEMS = {
    "found character that cannot start any token": "出现了不能出现在此处的字符（常见的是制表符 Tab、@ 或 ` 开头的值），请改用空格缩进或给值加引号",
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
    _GLUED_HEADER: _GLUED.removeprefix("YAML 语法错误：").removesuffix("。"),
    "found undefined tag handle": "使用了未定义的标签，请删除以 ! 开头的标签",
}


# The pure-Python parser (PyYAML without libyaml, as in the browser: accel666.browser) words
# its problems otherwise; each is read as libyaml's, so that both give the same message and
# place. (pattern of the pure parser's problem, the context it comes with or "", libyaml's words)
_PURE_PROBLEMS = (
    (re.compile(r"expected <block end>, but found"), "while parsing a block mapping", "did not find expected key"),
    (
        re.compile(r"expected <block end>, but found"),
        "while parsing a block collection",
        "did not find expected '-' indicator",
    ),
    (re.compile(r"expected ',' or '\}', but got"), "", "did not find expected ',' or '}'"),
    (re.compile(r"expected ',' or '\]', but got"), "", "did not find expected ',' or ']'"),
    (re.compile(r"expected the node content, but found"), "", "did not find expected node content"),
    (re.compile(r"expected '<document start>', but found"), "", "did not find expected <document start>"),
    (
        re.compile(r"sequence entries are not allowed here"),
        "",
        "block sequence entries are not allowed in this context",
    ),
    (re.compile(r"found unexpected document separator"), "", "found unexpected document indicator"),
    (
        re.compile(r"expected alphabetic or numeric character"),
        "",
        "did not find expected alphabetic or numeric character",
    ),
    (re.compile(r"expected a comment or a line break"), "", "did not find expected comment or line break"),
    # `key: ># note`: libyaml reads the header and the rules name the glued comment (scalar_problems)
    (re.compile(r"expected chomping or indentation indicators, but found '#'"), "", _GLUED_HEADER),
    (re.compile(r"expected chomping or indentation indicators"), "", "did not find expected comment or line break"),
    (re.compile(r"expected ' ', but found"), "", "did not find expected whitespace or line break"),
    (
        re.compile(r"expected indentation indicator in the range 1-9, but found 0"),
        "",
        "found an indentation indicator equal to 0",
    ),
    (re.compile(r"found duplicate YAML directive"), "", "found duplicate %YAML directive"),
    (
        re.compile(r"found character '\\t' that cannot start any token"),
        "",
        "found character that cannot start any token",
    ),
)


def libyaml_problem(exc: Any) -> str:
    """A syntax error's problem in libyaml's words, whichever parser found it."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    for pattern, within, words in _PURE_PROBLEMS:
        if pattern.match(problem) and context.startswith(within):
            return words
    return problem


def syntax_position(exc: Any, text: str) -> tuple[int, int]:
    """Where a libyaml syntax error is best looked for, 1-based.

    An unclosed quote is only noticed at the end of the file, and a key without its colon
    lines later at the next colon: both are shown where they start (libyaml's context mark),
    as is anything else noticed only at the end of the file (an unclosed bracket).
    """
    problem = libyaml_problem(exc)
    end = len(text.rstrip())
    late = problem.startswith(("found unexpected end", "could not find expected ':'"))
    late = late or (exc.problem_mark is not None and exc.problem_mark.index >= end)
    mark = (exc.context_mark if late and exc.context_mark else exc.problem_mark) or exc.context_mark
    if mark is None:
        return 1, 1
    if mark.index >= end:  # after the last line: at that line's end
        return text.count("\n", 0, end) + 1, end - text.rfind("\n", 0, end)
    # The pure parser names the escaped character and marks it, libyaml marks the backslash.
    escape = "found unknown escape character"
    back = 1 if str(exc.problem or "").startswith(escape) and exc.problem != escape else 0
    return mark.line + 1, mark.column + 1 - back


def reader_position(exc: Any, text: str) -> tuple[int, int]:
    """Where a character the reader refuses sits, 1-based, in characters.

    libyaml counts bytes (three per Chinese character), the pure-Python reader characters:
    the character itself is the first of its kind, as an earlier one would have stopped the reader.
    """
    offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
    offset = offset if offset >= 0 else exc.position
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def empty_key_position(lines: list[str], mark: Any) -> tuple[int, int]:
    """An omitted key is marked where its value starts: its `?` (or `:`) is where to look, 1-based."""
    before = "\n".join([*lines[: mark.line], lines[mark.line][: mark.column]]).rstrip()
    if not before or before[-1] not in "?:":
        return mark.line + 1, mark.column + 1
    offset = len(before) - 1
    return before.count("\n") + 1, offset - before.rfind("\n", 0, offset)


def syntax_message(problem: str) -> str:
    """libyaml's problem in Chinese, saying what to look at."""
    plain = next((zh for en, zh in _PROBLEMS.items() if problem.lower().startswith(en)), None)
    if plain:
        return f"YAML 语法错误：{plain}。"
    return f"YAML 语法错误（{problem}）：请检查缩进（只用空格）、冒号后的空格和引号是否成对。"


def under_indented(lines: list[str], first: int, last: int, parent: int) -> tuple[int, int, bool] | None:
    """First continuation line (after `first`, up to `last`) not indented deeper than column `parent`.

    Returns its line, the column of its first non-space character and whether that is a tab.
    Blank lines may be less indented (YAML 1.2 `l-empty`).
    """
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        row = lines[number]
        spaces = len(row) - len(row.lstrip(" "))
        if row.strip(" \t\r") and spaces <= parent:
            return number + 1, spaces + 1, row[spaces] == "\t"
    return None


def glued_header_comment(lines: list[str], line: int, column: int) -> tuple[int, int] | None:
    """A `#` right after a block scalar's `|` or `>` header: a comment needs a space before it."""
    row = lines[line] if line < len(lines) else ""
    header = _BLOCK_HEADER.match(row, column)
    if header and row[header.end() : header.end() + 1] == "#":
        return line + 1, header.end() + 1
    return None


def deep_leading_blanks(lines: list[str], line: int, column: int, parent: int) -> tuple[int, int] | None:
    """Leading blank lines of an auto-indented block text deeper than its first line (YAML 1.2: an error).

    libyaml takes the deepest blank line as the text's indentation and ends the text at
    the first line, which YAML 1.2 reads as the text's content.
    """
    row = lines[line] if line < len(lines) else ""
    header = _BLOCK_HEADER.match(row, column)
    if header is None or any(c.isdigit() for c in header.group()):
        return None
    deepest = (0, 0)
    for number in range(line + 1, len(lines)):
        text = lines[number].rstrip("\r")
        if text.strip(" "):
            depth = len(text) - len(text.lstrip(" "))
            if parent < depth < deepest[1]:
                return deepest[0] + 1, depth + 1
            return None
        if len(text) > deepest[1]:
            deepest = (number, len(text))
    return None


def glued_comments(lines: list[str], spans: Iterable[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """Each `#` that starts a comment right after a value (no space before it).

    `spans` are the 0-based (line, column, end line, end column) of every scalar; a `#`
    inside one is text. On each line, the first `#` outside a scalar starts a comment.
    """
    inside: dict[int, list[tuple[int, int]]] = {}
    for line, column, end_line, end_column in spans:
        for number in range(line, end_line + 1):
            start = column if number == line else 0
            end = end_column if number == end_line else 1 << 30
            inside.setdefault(number, []).append((start, end))
    found = []
    for number, row in enumerate(lines):
        if "#" not in row:
            continue
        for index, char in enumerate(row):
            if char != "#" or any(start <= index < end for start, end in inside.get(number, ())):
                continue
            if index > 0 and row[index - 1] not in " \t":
                found.append((number + 1, index + 1))
            break
    return found


def may_have_glued_comments(text: str) -> bool:
    return "#" in text and _GLUED_HASH.search(text) is not None


def unicode_breaks(text: str, path: str) -> list[Finding]:
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
