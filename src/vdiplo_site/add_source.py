"""``vdiplo-site add FILE``: a new source text becomes part of the project in one command.

Adding a source is: copy the file into ``sources/``, record its sha256, choose its format,
write its manifest entry, build. :func:`add_source` does all of it; the format is guessed from
the content (:func:`guess_format`) unless given, and every manifest field the file does not
tell for certain (title, authors, publisher, year, kind, licence) is recorded as null, for the
user to fill in from the text. If anything fails, the manifest and ``sources/`` are put back as
they were (the build itself leaves ``kb/`` and ``site/`` intact).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .build import build
from .errors import ManifestError, SourceFileError
from .formats import FORMATS
from .manifest import load_manifest, read_source_text
from .model import FOOTNOTE_REF, ID, RESERVED_IDS, SourceSpec
from .outline import outline_rank
from .project import Project
from .readers import strict_templates
from .search.folding import t2s_single
from .text import HAN

#: Formats a guess may name: those made for texts a user brings. The others (`pdf-paper`,
#: `pdf-dump`, `mofa-review`) are tuned to one seed each and are chosen only with ``--format``.
GUESSABLE = ("wikitext", "markdown", "plain-text")

#: Markup that marks a line as written in a format, by format.
_MARKUP = {
    "wikitext": re.compile(
        r"^\s*=={1,5}[^=].*==\s*$|\[\[[^\]]+\]\]|\{\{[^}]+|<ref[\s>/]|'''|^\{\||^\|-|^\|\}"
    ),
    "markdown": re.compile(
        r"^#{1,6}\s|\[[^\]]+\]\([^)\s]+\)|\*\*[^*]+\*\*|^\s{0,3}[-*+]\s|^\s{0,3}>\s|^\|.*\|\s*$|^"
        + FOOTNOTE_REF.pattern
        + ":"
    ),
}
_HAN = re.compile(f"[{HAN}]")


@dataclass(frozen=True)
class FormatGuess:
    """What :func:`guess_format` concluded.

    Attributes:
        format: the format's name (one of :data:`GUESSABLE`).
        confidence: how sure, from 0 to 1 (the share of the markup evidence that points to it).
        reason: one line saying what in the text points to it.
    """

    format: str
    confidence: float
    reason: str


def guess_format(text: str) -> FormatGuess:
    """Guess the format of a source's decoded ``text`` from its content, not its file name.

    Counts the lines holding wikitext markup (``== h ==``, ``[[link]]``, ``{{template}}``,
    ``<ref>``, ``'''``, tables ``{|``) and Markdown markup (``# h``, ``[t](url)``, ``**b**``,
    list bullets, ``> `` quotes, ``| table |`` rows, ``[^n]:`` notes). The format with more
    such lines wins, with confidence ``its lines / both``; a text with markup on fewer than 2
    lines and under 2 % of its lines is `plain-text`: confidence 0.9 when its headings are
    numbered in the Chinese outline (一、 / （一） / 1.), else 0.6.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    counts = {name: sum(1 for line in lines if pattern.search(line)) for name, pattern in _MARKUP.items()}
    best = max(counts, key=lambda name: counts[name])
    marked = counts[best]
    if marked >= 2 and marked >= 0.02 * len(lines):
        confidence = marked / sum(counts.values())
        return FormatGuess(best, round(confidence, 2), f"{marked} of {len(lines)} lines hold {best} markup")
    numbered = sum(1 for line in lines if outline_rank(line.strip()) is not None)
    if numbered:
        reason = f"no markup; {numbered} lines numbered in the Chinese outline (一、/（一）/1.)"
        return FormatGuess("plain-text", 0.9, reason)
    return FormatGuess("plain-text", 0.6, "no markup and no outline numbering: paragraphs only")


def guess_language(text: str) -> str:
    """The BCP 47 tag of a Chinese ``text``'s script: ``zh-Hant``, ``zh-Hans`` or ``zh``.

    Counts the Han characters that only Traditional writing uses (OpenCC's t2s changes them) and
    those that only Simplified writing uses (t2s makes them, never keeps them); the larger wins
    (``zh`` for a tie, ``und`` for a text of under 20 Han characters).
    """
    table = t2s_single()
    simplified = set(table.values()) - set(table)
    han = _HAN.findall(text)
    if len(han) < 20:
        return "und"
    traditional_only = sum(1 for char in han if char in table)
    simplified_only = sum(1 for char in han if char in simplified)
    if traditional_only == simplified_only:
        return "zh"
    return "zh-Hant" if traditional_only > simplified_only else "zh-Hans"


def source_id_for(file_name: str, taken: set[str], data: bytes) -> str:
    """A new source id for ``file_name``: its stem (before the first dot) as lower-case ASCII
    words joined by ``-`` (``My Paper.md`` -> ``my-paper``), or ``source-<first 8 hex of the
    sha256>`` for a name without ASCII letters or digits (``價值外交.txt``); ``-2``, ``-3``… is
    appended while the id is ``taken`` or reserved."""
    stem = file_name.split(".")[0]
    base = (
        "-".join(re.findall(r"[a-z0-9]+", stem.lower())) or f"source-{hashlib.sha256(data).hexdigest()[:8]}"
    )
    candidate, number = base, 1
    while candidate in taken or candidate in RESERVED_IDS or not ID.match(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def with_entry(manifest: str, entry: str) -> str:
    """The manifest text ``manifest`` with the YAML text of one more ``entry`` (a one-item list
    at indentation 0) appended, indented as the manifest's own entries are (``  - id:`` in
    ``sources.yaml``, ``- id:`` in a file PyYAML wrote), so comments and layout are kept."""
    indents = re.findall(r"(?m)^( *)- id:", manifest)
    indent = indents[-1] if indents else "  "
    lines = entry.splitlines(keepends=True)
    return (
        manifest.rstrip("\n") + "\n" + "".join(f"{indent}{line}" if line.strip() else line for line in lines)
    )


def manifest_entry(spec: SourceSpec, guess: FormatGuess | None) -> str:
    """The YAML text of ``spec``'s manifest entry as a one-item list (``- id: …``), unknown
    fields as ``null`` and a note on how the entry was made."""
    how = (
        f"format guessed from the content: {guess.format} (sure {guess.confidence:.0%}: {guess.reason})"
        if guess is not None
        else f"format {spec.format} given with --format"
    )
    note = (
        f"Added with vdiplo-site add; {how}. Title, English title, authors, publisher, year, kind "
        "and licence are not recorded yet (null): fill them in from the text, or say here why not."
    )
    entry = {
        "id": spec.id,
        "file": spec.file,
        "format": spec.format,
        "title": None,
        "label": spec.label,
        "english_title": None,
        "authors": [],
        "publisher": None,
        "year": None,
        "kind": None,
        "language": spec.language,
        "licence": None,
        "sha256": spec.sha256,
        "notes": [note],
    }
    return yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100)


@dataclass(frozen=True)
class Added:
    """The result of :func:`add_source`: the new entry and, when guessed, the format guess."""

    spec: SourceSpec
    guess: FormatGuess | None


def _label(file_name: str, source_id: str) -> str:
    """The label the site shows until the user sets one: the file's stem when it is a valid
    one-line name (no ``<>"`` or backtick), else the id."""
    stem = file_name.split(".")[0].strip()
    return stem if stem and stem.isprintable() and not re.search(r'[<>"`]', stem) else source_id


def add_source(
    project: Project, file: Path, *, source_format: str | None = None, site: bool = True, strict: bool = False
) -> Added:
    """Add ``file`` to ``project`` as a new source and build (``site``: ``site/`` too).

    Steps: read and check the bytes (UTF-8, no control characters), copy them to
    ``sources/<file name>``, choose the format (``source_format`` or :func:`guess_format`), write
    the manifest entry (:func:`manifest_entry`), check that the manifest still loads, build
    (``strict``: an unknown wikitext template in the new source stops it). On any error the manifest and
    ``sources/`` are restored.

    Raises:
        SourceFileError: ``file`` is missing, a directory, empty, not UTF-8, holds control
            characters, or another file of that name is in ``sources/`` already.
        ManifestError: ``source_format`` is unknown, or the file is already a source.
        VdiploError: the build failed (the message names the file and line).
    """
    file = Path(file)
    if not file.is_file():
        raise SourceFileError(file, "no such file to add")
    data = file.read_bytes()
    sources = project.manifest.parent
    specs = load_manifest(project.manifest)
    digest = hashlib.sha256(data).hexdigest()
    for spec in specs:
        if spec.sha256 == digest:
            raise ManifestError(project.manifest, f"{file.name} is already the source '{spec.id}'")
    if source_format is not None and source_format not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise ManifestError(project.manifest, f"unknown format {source_format!r} (known: {known})")
    target = sources / file.name
    if target.exists():
        raise SourceFileError(target, "a different file of this name is in sources/ already: rename yours")
    source_id = source_id_for(file.name, {spec.id for spec in specs}, data)
    spec = SourceSpec(
        id=source_id,
        file=file.name,
        format=source_format or "plain-text",
        title=None,
        label=_label(file.name, source_id),
        english_title=None,
        authors=(),
        publisher=None,
        year=None,
        kind=None,
        language="und",
        licence=None,
        sha256=digest,
        path=file,
    )
    text = read_source_text(spec)  # the checks every source gets: UTF-8, no control characters
    guess = None if source_format else guess_format(text)
    spec = replace(spec, format=guess.format if guess else spec.format, language=guess_language(text))
    manifest_before = project.manifest.read_text(encoding="utf-8")
    try:
        shutil.copyfile(file, target)
        project.manifest.write_text(
            with_entry(manifest_before, manifest_entry(spec, guess)), encoding="utf-8"
        )
        load_manifest(project.manifest)
        with strict_templates([source_id] if strict else []):
            build(project, site=site)
    except BaseException:
        project.manifest.write_text(manifest_before, encoding="utf-8")
        target.unlink(missing_ok=True)
        raise
    return Added(spec, guess)
