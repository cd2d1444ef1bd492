"""The package's shape: imports point down the data's path, and the pre-commit hook stays light.

The import graph is read from the source (imports inside functions and under
TYPE_CHECKING count too): a cycle is a cycle whether or not Python happens to resolve it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import SAMPLES, TREE, tree_env

PACKAGE = TREE / "accel666"
# What validating one file (the pre-commit hook, on every commit) must never load.
HEAVY = ("openpyxl", "docx", "lxml", "mkdocs", "jinja2", "accel666.documents", "accel666.sheets", "accel666.website")


def module_name(path: Path) -> str:
    parts = path.relative_to(TREE).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> Iterator[str]:
    """The package modules that `path` imports anywhere in its body."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in MODULES else node.module


def import_graph() -> dict[str, set[str]]:
    return {name: {m for m in imported(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            group.append(node)
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_two_modules_of_the_package_import_each_other_even_indirectly() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_through_three_modules() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_package_root_holds_about_twenty_modules_and_no_family_of_prefixed_names() -> None:
    root = sorted(path.stem for path in PACKAGE.glob("*.py") if path.stem not in ("__init__", "__main__"))
    assert len(root) <= 20, root
    prefixes: dict[str, list[str]] = {}
    for name in root:
        prefixes.setdefault(re.split(r"_", name)[0], []).append(name)
    assert {prefix: names for prefix, names in prefixes.items() if len(names) >= 3} == {}


def test_the_validation_core_never_imports_the_commands_the_documents_the_sheets_or_the_site() -> None:
    graph = import_graph()
    root = [module_name(path) for path in PACKAGE.glob("*.py") if path.stem not in ("__init__", "__main__")]
    core = [*root, *(name for name in graph if name.startswith("accel666.rules"))]
    upward = ("accel666.cli", "accel666.report", "accel666.documents", "accel666.sheets", "accel666.website")
    wrong = {name: sorted(t for t in graph[name] if t.startswith(upward)) for name in core}
    assert {name: targets for name, targets in wrong.items() if targets} == {}


@pytest.mark.parametrize(
    "args", [["validate", "--no-cache", SAMPLES["backbone"]], ["status", "--format", "json"], ["rules"]], ids=str
)
def test_a_command_that_needs_no_office_file_loads_no_office_sheet_or_site_code(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "accel666", *args],
        cwd=TREE.parent,
        env=tree_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "accel666.cli" in loaded  # the listing is real: the command ran through the package
    assert sorted(m for m in loaded if m.startswith(HEAVY)) == []
