"""The files the site serves for the check in the browser: Pyodide's runtime and one archive of Python.

Layout in the built site (docs/assets/form/worker.js loads them relative to itself):

    pyodide/pyodide.js, pyodide.asm.js, pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json
                          the runtime, copied from the npm package `pyodide` (package-lock.json pins it)
    pyodide/accel666.zip  this module's archive

The archive holds exactly what `accel666.browser.service` needs, taken from the running
installation (the venv installed from requirements.lock, so the locked versions):

* the package's modules that the service imports, found by reading their imports (never
  cli/, documents/, sheets/, website/), and the schemas;
* the repository's configuration the per-file rules read (regions.yaml and each batch's
  batch.yaml; never reviewers.yaml or an application);
* the pure-Python dependencies: PyYAML's `yaml` without its libyaml binding (the loader
  falls back to the pure parser), jsonschema, referencing, jsonschema-specifications,
  attrs, typing_extensions, and of python-stdnum only the USCC module and what it imports;
* the stand-ins of accel666.browser.standins under their top-level names: `rpds`
  (rpds-py is compiled Rust, see that module for why a stand-in) and `ssl` (which Pyodide
  ships apart, and which stdnum imports only for online checks).

The archive is byte-identical from one build to the next: entries sorted, one fixed
timestamp and mode, fixed compression.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import accel666
from accel666.errors import ConfigError
from accel666.repository import BATCH_FILE, REGIONS_FILE, SUBMISSIONS
from accel666.schema import schema_bytes

SITE_FOLDER = "pyodide"
ARCHIVE = "accel666.zip"
RUNTIME_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
ENTRY = "accel666.browser.service"
STANDINS = "accel666.browser.standins"
# Third-party code by top-level module, and what of it is left out: tests, command lines,
# benchmarks, type stubs, the compiled libyaml binding (cyaml.py imports it) and referencing's
# retrieval of remote schemas (the check registers none).
THIRD_PARTY = ("yaml", "jsonschema", "jsonschema_specifications", "referencing", "attr", "attrs", "typing_extensions")
_LEFT_OUT = frozenset({"tests", "benchmarks", "__pycache__", "cli.py", "__main__.py", "cyaml.py", "retrieval.py"})
_DATA_SUFFIXES = (".py", ".json")
# python-stdnum: its USCC module and the modules that one imports.
STDNUM = ("stdnum/__init__.py", "stdnum/exceptions.py", "stdnum/util.py", "stdnum/cn/__init__.py", "stdnum/cn/uscc.py")
_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold
_MODE = 0o644 << 16


def site_files(root: Path) -> dict[str, bytes]:
    """Every file of the site's pyodide/ folder, by its site-relative path."""
    runtime = runtime_folder(root)
    files = {f"{SITE_FOLDER}/{name}": (runtime / name).read_bytes() for name in RUNTIME_FILES}
    files[f"{SITE_FOLDER}/{ARCHIVE}"] = archive(root)
    return files


def runtime_folder(root: Path) -> Path:
    """The npm package's folder: in the repository built, else in the checkout the package runs from."""
    checkout = Path(accel666.__file__).resolve().parents[2]
    for base in (root, checkout):
        folder = base / "node_modules" / "pyodide"
        if all((folder / name).is_file() for name in RUNTIME_FILES):
            return folder
    raise ConfigError(
        "找不到 Pyodide 运行时（node_modules/pyodide）：网页中的检查需要它。请在仓库根目录运行 npm ci"
        "（make build 和 make serve 会自动运行）。"
    )


def archive(root: Path) -> bytes:
    """The zip the worker unpacks and puts on sys.path."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for name, content in sorted(archive_entries(root).items()):
            entry = zipfile.ZipInfo(name, date_time=_TIMESTAMP)
            entry.external_attr = _MODE
            entry.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(entry, content, compresslevel=9)
    return buffer.getvalue()


def archive_entries(root: Path) -> dict[str, bytes]:
    """The archive's files by their path inside it."""
    entries = dict(_package(ENTRY))
    entries.update((f"accel666/schemas/{name}.schema.json", raw) for name, raw in schema_bytes().items())
    entries.update(_configuration(root))
    for module in THIRD_PARTY:
        entries.update(_third_party(module))
    site_packages = _location("stdnum").parent
    entries.update((name, (site_packages / name).read_bytes()) for name in STDNUM)
    for standin in ("rpds", "ssl"):
        entries[f"{standin}.py"] = _source(f"{STANDINS}.{standin}").read_bytes()
    return entries


def _package(entry: str) -> Iterator[tuple[str, bytes]]:
    """The package's modules `entry` imports, directly or not, with the __init__ of each package on the way."""
    needed, queue = set(), [entry]
    while queue:
        module = queue.pop()
        if module in needed:
            continue
        needed.add(module)
        queue.extend(_imports(module))
    for module in list(needed):
        parts = module.split(".")
        needed.update(".".join(parts[:depth]) for depth in range(1, len(parts)))
    package = Path(accel666.__file__).resolve().parent
    for module in sorted(needed):
        source = _source(module)
        yield source.relative_to(package.parent).as_posix(), source.read_bytes()


def _imports(module: str) -> Iterator[str]:
    """The package's modules that `module` imports anywhere in its body (as tests/imports_test.py reads them)."""
    for node in ast.walk(ast.parse(_source(module).read_bytes())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        yield from (name for name in names if name.startswith("accel666") and _is_module(name))


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False  # `from accel666.x import function`: the function's name is no module


def _source(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ConfigError(f"找不到模块 {module}：请运行 make setup 重新安装。")
    return Path(spec.origin)


def _location(module: str) -> Path:
    """The folder of a package, or the file of a single-module distribution."""
    source = _source(module)
    return source.parent if source.name == "__init__.py" else source


def _third_party(module: str) -> Iterator[tuple[str, bytes]]:
    location = _location(module)
    if location.is_file():
        yield location.name, location.read_bytes()
        return
    for path in sorted(location.rglob("*")):
        inside = path.relative_to(location.parent)
        if path.is_file() and path.suffix in _DATA_SUFFIXES and not _LEFT_OUT.intersection(inside.parts):
            yield inside.as_posix(), path.read_bytes()


def _configuration(root: Path) -> Iterator[tuple[str, bytes]]:
    """regions.yaml and each batch's batch.yaml, where accel666.repository.open_repository reads them."""
    yield REGIONS_FILE, (root / REGIONS_FILE).read_bytes()
    for batch in sorted((root / SUBMISSIONS).glob(f"*/{BATCH_FILE}")):
        if not batch.parent.is_symlink():
            yield batch.relative_to(root).as_posix(), batch.read_bytes()
