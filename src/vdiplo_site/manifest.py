"""The source manifest: ``sources/sources.yaml`` parsed into :class:`SourceSpec` records.

The manifest is a YAML mapping with one key, ``sources``, holding a list of entries (see
:class:`~vdiplo_site.model.SourceSpec` for the fields). This module also reads a source's bytes
and checks them (present, non-empty, sha256 as recorded, UTF-8, no control characters) before
any reader sees them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Annotated

from pydantic import Field

from .errors import ManifestError, SourceFileError
from .model import SourceSpec
from .schema import CuratedModel, Id, Line, Name, Prose, Sha256, Year, refuse, shown, validate
from .yaml_file import CuratedYaml, read_curated_yaml

#: Characters a source text may not hold: C0 controls other than tab, LF and CR; DEL; C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class SourceEntry(CuratedModel):
    """One entry of the manifest, as written (fields as :class:`~vdiplo_site.model.SourceSpec`).

    ``title``, ``english_title``, ``publisher``, ``year``, ``kind`` and ``licence`` may be null
    or absent; ``authors`` and ``notes`` are lists (absent: empty); ``short_label`` may be absent
    (the label is used); the rest is required.
    """

    id: Id
    file: Line
    format: Line
    title: Line | None = None
    label: Name
    short_label: Name | None = None
    english_title: Line | None = None
    authors: list[Line] = Field(default_factory=list)
    publisher: Line | None = None
    year: Year | None = None
    kind: Line | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    licence: Prose | None = None
    sha256: Sha256
    notes: list[Prose] = Field(default_factory=list)


class ManifestFile(CuratedModel):
    """The whole manifest: ``{"sources": [entry, …]}``, at least one entry."""

    sources: Annotated[list[SourceEntry], Field(min_length=1)]


def load_manifest(path: Path) -> tuple[SourceSpec, ...]:
    """Parse and validate the manifest at ``path`` against :class:`ManifestFile`.

    Returns:
        the entries in manifest order, each with ``path`` set to the absolute file path.

    Raises:
        ManifestError: one line ``sources.yaml:<line>: <field>: <problem>`` (entries counted
            from 1): the file is missing or not YAML, holds an anchor or alias, an entry
            lacks a required field, has an unknown one or one of the wrong type (a string
            where a list belongs, ``true`` for a year), an id is not lower-case ASCII or is
            reserved (``index``), an id repeats, or a ``file`` is absolute, climbs out of the
            manifest's folder (``..``, a symbolic link) or is a directory.
    """
    path = Path(path)
    doc = read_curated_yaml(path, ManifestError, "source manifest")
    manifest = validate(ManifestFile, doc, ManifestError)
    first: dict[str, int] = {}
    specs = []
    for index, entry in enumerate(manifest.sources):
        if entry.id in first:
            message = f"source id {entry.id!r} appears twice (also sources[{first[entry.id] + 1}])"
            raise refuse(doc, ("sources", index, "id"), message, ManifestError)
        first[entry.id] = index
        specs.append(_spec(entry, _source_path(doc, index, entry.file)))
    return tuple(specs)


def _source_path(doc: CuratedYaml, index: int, file: str) -> Path:
    """The absolute path of entry ``index``'s ``file``, which must lie in the manifest's folder
    (symbolic links followed) and not be a directory; raises :class:`ManifestError`."""
    folder = doc.path.parent.resolve()
    loc = ("sources", index, "file")
    relative = Path(file)
    if relative.is_absolute() or ".." in relative.parts:
        message = f"must be a path inside {folder.name}/, neither absolute nor with '..' (got {shown(file)})"
        raise refuse(doc, loc, message, ManifestError)
    try:
        resolved = (folder / relative).resolve()
        is_dir = resolved.is_dir()
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links, a name too long
        reason = (exc.strerror or "unknown") if isinstance(exc, OSError) else "a loop of symbolic links"
        raise refuse(doc, loc, f"{shown(file)} cannot be resolved ({reason})", ManifestError) from None
    if not resolved.is_relative_to(folder):
        raise refuse(doc, loc, f"leads outside {folder.name}/ through a symbolic link", ManifestError)
    if is_dir:
        raise refuse(doc, loc, f"{shown(file)} is a directory, not a file", ManifestError)
    return resolved


def _spec(entry: SourceEntry, path: Path) -> SourceSpec:
    """The :class:`SourceSpec` of a validated entry whose file is at ``path``."""
    return SourceSpec(
        id=entry.id,
        file=entry.file,
        format=entry.format,
        title=entry.title,
        label=entry.label,
        english_title=entry.english_title,
        authors=tuple(entry.authors),
        publisher=entry.publisher,
        year=entry.year,
        kind=entry.kind,
        language=entry.language,
        licence=entry.licence,
        sha256=entry.sha256,
        notes=tuple(entry.notes),
        short_label=entry.short_label or entry.label,
        path=path,
    )


def read_source_text(spec: SourceSpec) -> str:
    """Read a source's bytes, check them, and return them decoded as UTF-8.

    Returns:
        the file's text, unchanged except for a leading byte-order mark, which is dropped.

    Raises:
        SourceFileError: the file is missing, unreadable or empty; its sha256 differs from
            the manifest's (the message gives the new digest and how to accept it); it is not
            UTF-8 (the message names the encoding it looks like, e.g. Big5 or GBK, and the first
            bad line); or it holds a control character other than tab, LF and CR (NUL, ESC,
            DEL, C1…), which would otherwise reach pages, search data and terminals raw (the
            message gives its code point and line).
    """
    try:
        data = spec.path.read_bytes()
    except FileNotFoundError:
        raise SourceFileError(spec.path, f"source file of '{spec.id}' not found") from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise SourceFileError(spec.path, f"cannot read source file of '{spec.id}': {reason}") from None
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
    text = text.removeprefix("\ufeff")
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        message = f"control character U+{ord(control.group()):04X} in the text of '{spec.id}'"
        raise SourceFileError(spec.path, message + " (only tab and line breaks are allowed)", line)
    return text


def _looks_like(data: bytes) -> str:
    """Return ``" (looks like Big5)"``-style text naming the likely encoding, or ``""``."""
    from charset_normalizer import from_bytes  # only for a file that is not UTF-8

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
