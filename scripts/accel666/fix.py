"""`accel666 fix`: only mechanical, meaning-preserving repairs, applied to the text in place.

What is fixed (and nothing else):
* YAML-FULLWIDTH-COLON: `key：value` becomes `key: value`;
* YAML-UNQUOTED: a number typed where text is expected is quoted exactly as typed;
* FULLWIDTH: full-width digits, letters and punctuation in a code, phone number, date or
  amount become their half-width forms (Unicode NFKC), which read the same.
Comments, order and every other character stay as they were. Full-width spaces used
as indentation are reported, not fixed: how deep the applicant meant a line is a guess.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

from accel666.check import check_bytes
from accel666.findings import Finding
from accel666.load import FULLWIDTH_COLON, Document, load_document, resolve_plain
from accel666.repository import Repository, locate
from accel666.schema import field, field_path

FIXABLE = ("YAML-FULLWIDTH-COLON", "YAML-UNQUOTED", "FULLWIDTH")
_ROUNDS = 3  # a fixed colon can reveal an unquoted number, whose quoting reveals nothing more


@dataclass(frozen=True)
class Repair:
    """One repair made, for the report: where it was, the finding it fixed, what the text became."""

    line: int
    column: int
    code: str
    replacement: str


def fix_text(repo: Repository, relpath: str, text: str) -> tuple[str, list[Repair]]:
    """`text` (the file at `relpath`) with every fix applied, until none is left; the repairs in order."""
    text, colons = fix_colons(text, load_document(text.encode("utf-8"), relpath).findings)
    repairs = [Repair(f.line, f.column, f.code, ":") for f in colons]
    for _ in range(_ROUNDS):
        raw = text.encode("utf-8")
        doc = load_document(raw, relpath)
        fixable = [f for f in check_bytes(repo, relpath, raw).findings if f.code in FIXABLE]
        category = locate(relpath).category or (doc.data.get("category") if isinstance(doc.data, dict) else None)
        edits = plan_edits(doc, str(category), fixable) if doc.loaded and category else []
        if not edits:
            break
        repairs.extend(Repair(edit.line, edit.column, edit.finding.code, edit.replacement) for edit in edits)
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
    """Edits for the fixable findings of a loaded document (one per scalar)."""
    edits: dict[str, Edit] = {}
    for finding in findings:
        scalar = doc.scalars.get(finding.pointer)
        if finding.code not in ("YAML-UNQUOTED", "FULLWIDTH") or scalar is None:
            continue
        if scalar.line != scalar.end_line or scalar.style in ("|", ">"):
            continue
        value = unicodedata.normalize("NFKC", scalar.text).strip()
        parts = [int(p) if p.isdigit() else p for p in finding.pointer.split("/")[1:]]
        wants_number = field(category, field_path(parts)).schema.get("type") in ("number", "integer")
        number = wants_number and isinstance(resolve_plain(value), (int, float))
        replacement = value if number else json.dumps(value, ensure_ascii=False)
        edits[finding.pointer] = Edit(
            scalar.line, scalar.column, scalar.end_line, scalar.end_column, replacement, finding
        )
    return list(edits.values())


def apply(text: str, edits: list[Edit]) -> str:
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        row = lines[edit.line - 1]
        lines[edit.line - 1] = row[: edit.column - 1] + edit.replacement + row[edit.end_column - 1 :]
    return "\n".join(lines)
