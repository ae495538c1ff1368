"""The source manifest: ``sources/sources.yaml`` parsed into :class:`SourceSpec` records.

The manifest is a YAML mapping with one key, ``sources``, holding a list of entries (see
:class:`~vdiplo_site.model.SourceSpec` for the fields). This module also reads a source's bytes
and checks them (present, non-empty, sha256 as recorded, UTF-8) before any reader sees them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import ManifestError, SourceFileError
from .model import ID, SourceSpec
from .yaml_file import read_yaml_list

REQUIRED = ("id", "file", "format", "label", "kind", "language", "licence", "sha256")
OPTIONAL = ("title", "english_title", "authors", "publisher", "year", "notes")
_SHA = re.compile(r"^[0-9a-f]{64}$")


def load_manifest(path: Path) -> tuple[SourceSpec, ...]:
    """Parse and validate the manifest at ``path``.

    Returns:
        the entries in manifest order, each with ``path`` set to the absolute file path.

    Raises:
        ManifestError: the file is missing, is not YAML, lacks ``sources``, an entry lacks a
            required field or has an unknown one, an id is not lower-case ASCII, an id repeats,
            or a sha256 is not 64 hex digits. The message names the manifest, the line where
            YAML reports one, and the entry.
    """
    path = Path(path)
    entries = read_yaml_list(path, "sources", ManifestError, "source manifest")
    specs = tuple(_entry(path, i, entry) for i, entry in enumerate(entries, 1))
    seen: set[str] = set()
    for spec in specs:
        if spec.id in seen:
            raise ManifestError(path, f"malformed manifest: source id {spec.id!r} appears twice")
        seen.add(spec.id)
    return specs


def _entry(path: Path, index: int, entry: object) -> SourceSpec:
    """Validate entry number ``index`` (1-based) and build its :class:`SourceSpec`."""
    where = f"malformed manifest: entry {index}"
    if not isinstance(entry, dict):
        raise ManifestError(path, f"{where} is not a mapping")
    missing = [key for key in REQUIRED if entry.get(key) in (None, "")]
    if missing:
        raise ManifestError(path, f"{where} lacks {', '.join(missing)}")
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ManifestError(path, f"{where} has unknown field(s) {', '.join(unknown)}")
    if not ID.match(str(entry["id"])):
        raise ManifestError(path, f"{where}: id {entry['id']!r} must be lower-case ASCII, digits, '-'")
    if not _SHA.match(str(entry["sha256"])):
        raise ManifestError(path, f"{where}: sha256 must be 64 lower-case hex digits")
    year = entry.get("year")
    if year is not None and not isinstance(year, int):
        raise ManifestError(path, f"{where}: year must be a whole number or null")
    return SourceSpec(
        id=str(entry["id"]),
        file=str(entry["file"]),
        format=str(entry["format"]),
        title=entry.get("title"),
        label=str(entry["label"]),
        english_title=entry.get("english_title"),
        authors=tuple(str(a) for a in entry.get("authors") or ()),
        publisher=entry.get("publisher"),
        year=year,
        kind=str(entry["kind"]),
        language=str(entry["language"]),
        licence=str(entry["licence"]),
        sha256=str(entry["sha256"]),
        notes=tuple(str(n) for n in entry.get("notes") or ()),
        path=(path.parent / str(entry["file"])).resolve(),
    )


def read_source_text(spec: SourceSpec) -> str:
    """Read a source's bytes, check them, and return them decoded as UTF-8.

    Returns:
        the file's text, unchanged except for a leading byte-order mark, which is dropped.

    Raises:
        SourceFileError: the file is missing or empty; its sha256 differs from the manifest's
            (the message gives the new digest and how to accept it); or it is not UTF-8 (the
            message names the encoding it looks like, e.g. Big5 or GBK, and the first bad line).
    """
    try:
        data = spec.path.read_bytes()
    except FileNotFoundError:
        raise SourceFileError(spec.path, f"source file of '{spec.id}' not found") from None
    if not data.strip():
        raise SourceFileError(spec.path, f"source file of '{spec.id}' is empty")
    digest = hashlib.sha256(data).hexdigest()
    if digest != spec.sha256:
        raise SourceFileError(
            spec.path,
            f"sha256 is {digest} but the manifest records {spec.sha256}; if the new text is "
            f"intended, set sha256 of '{spec.id}' in sources/sources.yaml to {digest}",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceFileError(spec.path, f"not UTF-8{_looks_like(data)}", line) from None
    return text.removeprefix("\ufeff")


def _looks_like(data: bytes) -> str:
    """Return ``" (looks like Big5)"``-style text naming the likely encoding, or ``""``."""
    best = from_bytes(data).best()
    if best is None:
        return ""
    names = {
        "big5": "Big5",
        "big5hkscs": "Big5",
        "cp950": "Big5",
        "gbk": "GBK",
        "gb2312": "GBK",
        "gb18030": "GBK (GB18030)",
        "cp936": "GBK",
    }
    name = names.get(best.encoding.lower().replace("-", "").replace("_", ""), best.encoding)
    return f" (looks like {name})"
