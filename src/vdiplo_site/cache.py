"""Results of expensive build steps, kept between builds and keyed by what they depend on.

A result is stored as JSON (never pickle: the folder is data, not code) under
``<project>/.vdiplo-cache/<namespace>/<key>.json``, where the key is a digest of every input
of the step *and* of the package's own code (:data:`CODE_DIGEST`), so a changed source, a
changed gazetteer or a new version of the code is never served an old result. Writes are
atomic; at the end of a build, entries the build did not use are removed (:meth:`Cache.prune`),
so the folder holds one build's worth.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

FOLDER = ".vdiplo-cache"


def digest(*parts: str | bytes) -> str:
    """A hex SHA-256 of ``parts`` (each length-prefixed, so that parts cannot run together)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


def _code_digest() -> str:
    """A digest of the package's Python and JavaScript files (names and bytes)."""
    root = package_files("vdiplo_site")
    paths = sorted(p for p in Path(str(root)).rglob("*") if p.suffix in (".py", ".js") and p.is_file())
    return digest(*(part for p in paths for part in (p.relative_to(str(root)).as_posix(), p.read_bytes())))


#: Digest of the code that computes every cached result.
CODE_DIGEST = _code_digest()


class Cache:
    """A folder of cached JSON results (or no caching at all when ``folder`` is ``None``).

    Args:
        folder: ``<project>/.vdiplo-cache``, created on the first write; ``None`` disables it.
    """

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[Path] = set()

    def _path(self, namespace: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / namespace / f"{key}.json"

    def get(self, namespace: str, key: str) -> Any:
        """The JSON value stored for ``key`` in ``namespace``, or ``None`` (absent or unreadable)."""
        path = self._path(namespace, key)
        if path is None:
            return None
        self.used.add(path)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, namespace: str, key: str, value: Any) -> None:
        """Store ``value`` (JSON-ready) for ``key`` in ``namespace`` (atomically; a failure to
        write is ignored: the cache is an optimisation)."""
        path = self._path(namespace, key)
        if path is None:
            return
        self.used.add(path)
        # Written whole into a file of this process and thread, then renamed over the entry (a
        # quarter of the time of tempfile.mkstemp and json.dump, for the hundreds of entries a
        # rebuild may write).
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        try:
            try:
                temporary.write_text(data, encoding="utf-8")
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary.write_text(data, encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            return

    def prune(self) -> None:
        """Remove every entry this cache object neither read nor wrote."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.rglob("*.json"):
            if path not in self.used:
                path.unlink(missing_ok=True)
        for path in self.folder.rglob("*.tmp"):
            path.unlink(missing_ok=True)
