"""`accel666 fix`: only mechanical, meaning-preserving repairs, applied to the text in place.

What is fixed (and nothing else):
* YAML-FULLWIDTH-COLON: `key：value` becomes `key: value`;
* every value read as its field reads it (accel666.repair.values, the reading the 附件3
  import gives a cell): a number typed where text is expected (a phone, a code, a
  postcode) quoted exactly as typed; full-width digits and letters made half-width; a
  lower-case 统一社会信用代码 upper-cased; a phone's spaces, dashes and +86 taken out where
  only then it is a phone; an amount with 万元, 万 or thousands' commas, a percentage
  with %, written as the plain number, one in another unit converted exactly to its
  field's (万元 or 亿元: 2.1亿元 is 21000 where the field is in 万元); curly
  quotes around a one-line value taken out, and invisible formatting characters out of
  any text, a multi-line one (a `|` block) included.
A file saved as GBK/GB18030 or UTF-16 is converted to UTF-8 first (the CLI says so).
Comments, order and every other character stay as they were. Full-width spaces used
as indentation are reported, not fixed: how deep the applicant meant a line is a guess.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from accel666.check import check_bytes
from accel666.findings import Finding
from accel666.load import FULLWIDTH_COLON, Document, Scalar, load_document, lookup
from accel666.repair import values as repair_values
from accel666.repository import Repository, locate
from accel666.vocabulary import FORMS

_ROUNDS = 3  # a fixed colon can reveal an unquoted number, whose quoting reveals nothing more


@dataclass(frozen=True)
class Repair:
    """One repair made, for the report: where it was, the finding it fixed, what the text became."""

    line: int
    column: int
    code: str
    replacement: str | None  # None for a line of a multi-line text: the message says what was done
    message: str = ""  # the mistake in validation's and the import's words (accel666.repair.values.mistake)


def fix_text(repo: Repository, relpath: str, text: str) -> tuple[str, list[Repair]]:
    """`text` (the file at `relpath`) with every fix applied, until none is left; the repairs in order."""
    text, colons = fix_colons(text, load_document(text.encode("utf-8"), relpath).findings)
    repairs = [Repair(f.line, f.column, f.code, ":") for f in colons]
    for _ in range(_ROUNDS):
        raw = text.encode("utf-8")
        doc = load_document(raw, relpath)
        category = locate(relpath).category or (doc.data.get("category") if isinstance(doc.data, dict) else None)
        if not (doc.loaded and category in FORMS):
            break
        edits = plan_edits(doc, str(category), list(check_bytes(repo, relpath, raw).findings))
        if not edits:
            break
        repairs.extend(
            Repair(edit.line, edit.column, edit.finding.code, None if edit.part else edit.replacement, edit.message)
            for edit in edits
        )
        text = apply(text, edits)
    return text, repairs


@dataclass(frozen=True)
class Edit:
    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str
    finding: Finding
    message: str = ""
    part: bool = False  # a line of a multi-line value


def fix_colons(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """Replace the full-width colon after a key on each line the loader reported; the findings fixed."""
    lines = text.split("\n")
    fixed: list[Finding] = []
    for finding in sorted({f.line: f for f in findings if f.code == "YAML-FULLWIDTH-COLON"}.values()):
        number = finding.line
        match = FULLWIDTH_COLON.match(lines[number - 1])
        if match is None:
            continue
        rest = lines[number - 1][match.end() :]
        # `key：` before a nested block keeps no trailing space (a CRLF's "\r" stays).
        lines[number - 1] = match.group(1) + ":" + (" " + rest if rest.strip() else rest)
        fixed.append(finding)
    return "\n".join(lines), fixed


def plan_edits(doc: Document, category: str, findings: list[Finding]) -> list[Edit]:
    """Edits for every one-line value that its field reads otherwise than it is written (one per scalar),
    and for every line of a multi-line text holding invisible formatting characters.

    Each repair is reported with the code validation gives the value (`findings`), so the
    applicant sees which finding it answers, and the mistake's words the import uses.
    """
    codes = {f.pointer: f.code for f in reversed(findings)}
    edits: list[Edit] = []
    for pointer, scalar in doc.scalars.items():
        current = lookup(doc.data, pointer)
        if scalar.line != scalar.end_line or scalar.style in ("|", ">"):
            edits.extend(_invisible_edits(doc, pointer, scalar, current))
            continue
        replacement = repaired(category, pointer, scalar, current)
        if replacement is None:
            continue
        found = repair_values.mistake(category, pointer, current, repair_values.value(category, pointer, current))
        code = found.code if found else codes.get(pointer) or repair_values.code_of(category, pointer)
        finding = Finding(doc.path, scalar.line, scalar.column, code, "", pointer=pointer)
        message = found.message if found else ""
        edits.append(
            Edit(scalar.line, scalar.column, scalar.end_line, scalar.end_column, replacement, finding, message)
        )
    return edits


def _invisible_edits(doc: Document, pointer: str, scalar: Scalar, current: object) -> list[Edit]:
    """Each line of a multi-line text without its invisible formatting characters (the text's other characters stay)."""
    characters = "".join(repair_values.FORMATTING.findall(current)) if isinstance(current, str) else ""
    if not characters:
        return []
    lines = doc.text.split("\n")
    edits = []
    for number in range(scalar.line, min(scalar.end_line, len(lines)) + 1):
        start = scalar.column if number == scalar.line else 1
        end = scalar.end_column if number == scalar.end_line else len(lines[number - 1]) + 1
        typed = lines[number - 1][start - 1 : end - 1]
        if found := "".join(repair_values.FORMATTING.findall(typed)):
            removed = repair_values.invisible_removed(found)  # this line's characters
            finding = Finding(doc.path, number, start, removed.code, "", pointer=pointer)
            replacement = repair_values.FORMATTING.sub("", typed)
            edits.append(Edit(number, start, number, end, replacement, finding, removed.message, part=True))
    return edits


def repaired(category: str, pointer: str, scalar: Scalar, current: object) -> str | None:
    """The scalar's text as its field reads it, or None when it is right as written."""
    if not repair_values.declared(category, pointer) or current is None:
        return None
    if repair_values.kind(category, pointer) == "number":
        number = repair_values.value(category, pointer, current)
        return repair_values.plain(number) if isinstance(number, (int, float)) and number != current else None
    if not repair_values.expects_text(category, pointer):
        return None
    if not isinstance(current, str):  # a plain number or boolean where text is expected: quoted as typed
        return json.dumps(str(repair_values.value(category, pointer, scalar.text)), ensure_ascii=False)
    value = repair_values.value(category, pointer, current)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) and value != current else None


def apply(text: str, edits: list[Edit]) -> str:
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        row = lines[edit.line - 1]
        lines[edit.line - 1] = row[: edit.column - 1] + edit.replacement + row[edit.end_column - 1 :]
    return "\n".join(lines)
