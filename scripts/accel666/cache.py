"""A content-hash cache of per-file outcomes, so an unchanged repository re-checks in well under a second.

An entry is reused when the file's (mtime, size) is unchanged, or else when its content
hash is; every entry is dropped when the fingerprint changes (the tool's own code, the
schemas or any configuration file), since any of them can change any file's findings.

The cache lives in the user's cache folder ($XDG_CACHE_HOME, else ~/.cache), one file per
repository folder, never inside the repository: a cache file committed with a pull
request would otherwise be read as the outcome of a check that never ran. Where `CI` is
set, no cache is read or written at all (`enabled()`): CI judges every file afresh.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

_FORMAT = 3  # 2: findings as marshalled bytes, facts as tuples; 3: facts hold the region


def enabled() -> bool:
    """False in CI (any non-empty CI variable, as GitHub Actions and most CI services set it)."""
    return not os.environ.get("CI")


def cache_file(root: Path) -> Path:
    """Where the cache of the repository at `root` lives: outside it, in the user's cache folder."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = hashlib.blake2b(str(root.resolve()).encode("utf-8"), digest_size=8).hexdigest()
    return Path(home) / "accel666" / folder / "validate.marshal"


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def fingerprint(parts: list[bytes]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def package_sources() -> list[bytes]:
    """The tool's own code, so that editing a rule invalidates what it decided before."""
    here = Path(__file__).parent
    return [path.read_bytes() for path in sorted(here.rglob("*.py"))]


class Cache:
    def __init__(self, root: Path, key: str) -> None:
        self.path = cache_file(root)
        self.key = key
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False

    def load(self) -> Cache:
        # marshal, not JSON: loading and saving 10,000 entries is ~10x faster, and it
        # reads back plain data only (no code runs, unlike pickle).
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return self
        if isinstance(data, dict) and data.get("format") == _FORMAT and data.get("key") == self.key:
            self.entries = data.get("entries", {})
        return self

    def by_stat(self, relpath: str, stat: os.stat_result) -> dict[str, Any] | None:
        entry = self.entries.get(relpath)
        if entry and entry["mtime"] == stat.st_mtime_ns and entry["size"] == stat.st_size:
            return entry
        return None

    def hash_of(self, relpath: str) -> str | None:
        entry = self.entries.get(relpath)
        return entry["hash"] if entry else None

    def store(self, relpath: str, stat: os.stat_result, digest: str, outcome: dict[str, Any] | None) -> None:
        """Record a file; `outcome` None means the content was unchanged (refresh the stat only)."""
        if outcome is None:
            entry = self.entries[relpath]
        else:
            entry = self.entries[relpath] = dict(outcome)
        entry.update(mtime=stat.st_mtime_ns, size=stat.st_size, hash=digest)
        self.dirty = True

    def forget_missing(self, present: set[str]) -> None:
        for relpath in set(self.entries) - present:
            del self.entries[relpath]
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        payload = {"format": _FORMAT, "key": self.key, "entries": self.entries}
        temporary = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps(payload))
            temporary.replace(self.path)
        except OSError:
            return  # no writable cache folder: every run is a cold one, nothing worse
