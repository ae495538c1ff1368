"""The document model: typed, frozen records passed between pipeline stages.

Text conventions (all readers follow them, the writer relies on them):

* ``Block.text``, ``Section.heading`` and ``Footnote.text`` are *plain text*: no Markdown and no
  HTML. The only markup allowed is a footnote reference written ``[^label]`` where ``label`` is
  the label of a :class:`Footnote` of the same document. The writer escapes everything else, so
  source text never becomes live HTML.
* Whitespace is already normalised: no line breaks inside a block, single spaces between Latin
  words, no spaces between CJK characters unless the source really has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: A footnote reference ``[^label]`` in plain text (the only markup the text conventions allow);
#: group 1 is the label. The one definition of the pattern: readers, steps and writers import it.
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
#: Separates the cells of a table row in a ``table_head`` / ``table_row`` block's text (the one
#: character other than a space that a block's text may hold between words).
CELL = "\t"
#: A stable ASCII id of a source or an entity (used in URLs): lower-case letters, digits, ``-``.
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: Ids no source or entity may take: the writers put a generated page at ``<folder>/<id>.md``
#: in the folders of source and entity pages (``sources/index.md``, ``countries/index.md``).
RESERVED_IDS = frozenset({"index"})


def strip_footnote_refs(text: str) -> str:
    """``text`` without its ``[^label]`` footnote references (for quoting and searching)."""
    return FOOTNOTE_REF.sub("", text)


@dataclass(frozen=True)
class SourceSpec:
    """One entry of the source manifest (``sources/sources.yaml``).

    Attributes:
        id: stable ASCII id, used in URLs (``kb/sources/<id>.md``) and passage links.
        file: path of the source text, relative to the manifest's folder.
        format: name of its source format (see ``formats.FORMATS``).
        title: the title the text states, or ``None`` when it states none.
        label: the name the site shows; equals ``title`` unless the text states no title,
            in which case it is a descriptive label (and ``title`` is ``None``).
        english_title: English title the text gives, or ``None``.
        authors: author names as the text gives them (empty when it names none).
        publisher: publisher or venue, or ``None`` when the text does not say.
        year: year of publication, or ``None`` when the text does not say.
        kind: ``encyclopedia article``, ``journal article``, ``government review`` or another
            kind; ``None`` when not recorded yet (a source added by ``vdiplo-site add``).
        language: BCP 47 tag, e.g. ``zh-Hant``.
        licence: licence or attribution note to show with the text, or ``None`` when not
            recorded yet (the pages say it is not stated).
        sha256: hex digest of the file's bytes; the build refuses a file that differs.
        notes: what the manifest records as unknown and why (shown on the source page).
        short_label: a few characters naming the source where a row lists sources (index
            pages, timeline); the manifest's ``short_label``, else ``label``.
        path: absolute path of the file (derived from the manifest's location).
    """

    id: str
    file: str
    format: str
    title: str | None
    label: str
    english_title: str | None
    authors: tuple[str, ...]
    publisher: str | None
    year: int | None
    kind: str | None
    language: str
    licence: str | None
    sha256: str
    notes: tuple[str, ...] = ()
    short_label: str = ""
    path: Path = field(default=Path(), compare=False)


@dataclass(frozen=True)
class Citation:
    """Structured citation of a footnote, where the source gives one (wikitext ``<ref>``).

    Attributes are plain text or ``None``; ``url`` and ``archive_url`` are as written in the
    source (the writer links only ``http``/``https`` URLs).
    """

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    archive_url: str | None = None
    archive_date: str | None = None


@dataclass(frozen=True)
class Footnote:
    """A note of the source.

    Attributes:
        label: the label used by ``[^label]`` references (source's own number where it has one).
        text: the note's plain text (empty when ``missing``).
        citation: structured citation fields, where the source's markup gives them.
        missing: ``True`` when the text references the note but the note's text is absent from
            the source (002: notes 37, 38, 48–57); the page says so instead of inventing text.
        addresses: web addresses the source delimits (001's ``<https://…>``) and whose end the
            plain text does not show, because they hold CJK characters or a space
            (``https://www.rfi.fr/tw/國際/…-g7 國家都挺台參加世衛大會``); each as written, a
            substring of ``text``. The writer links each one whole.
    """

    label: str
    text: str
    citation: Citation | None = None
    missing: bool = False
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of text: the unit of provenance (a *passage*) once it has an id.

    Attributes:
        kind: ``paragraph``, ``item`` (list item), ``see_also`` (a 參見 line), ``table_head``
            / ``table_row`` (a table's header row / a row: cells joined by :data:`CELL`) or
            ``line`` (a raw physical line, only between a line-based reader and its steps).
        text: plain text with ``[^label]`` footnote references (see module docstring).
        level: nesting depth for ``item`` (0 = top level); 0 otherwise.
        lacks_citation: ``True`` for a block holding text the source marks as needing a citation
            (wikitext ``{{Fact|…}}``).
        passage_id: stable anchor id, assigned by :mod:`vdiplo_site.passages` (empty before).
        uncited: the texts the source marks as needing a citation, each as the block holds it
            (``{{Fact|…}}``'s text and its ［來源請求］ mark), a substring of ``text``; the writer
            marks these, not the rest of the block.
    """

    kind: str
    text: str
    level: int = 0
    lacks_citation: bool = False
    passage_id: str = ""
    uncited: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading and the blocks up to the next heading (sections are flat, in document order).

    Attributes:
        heading: plain-text heading; empty for the lead before the first heading.
        level: 1 for top-level sections of the text (壹、 / 一、 / ``==``), 2, 3… below;
            0 for the lead.
        blocks: the section's blocks in order.
        anchor: stable id of the heading, assigned by :mod:`vdiplo_site.passages`.
        notes: ``True`` for the section where the source places its notes (wikitext
            ``=== 引用 ===`` holding ``{{Reflist}}``): it holds no blocks, its anchor is
            ``notes`` and the page lists the footnotes under its heading.
    """

    heading: str
    level: int
    blocks: tuple[Block, ...] = ()
    anchor: str = ""
    notes: bool = False


@dataclass(frozen=True)
class Document:
    """A source text parsed into sections, blocks and footnotes.

    Attributes:
        spec: the manifest entry the document was read from.
        sections: flat list of sections in document order.
        footnotes: notes in order of first reference (each label once).
        tags: category names the source gives (wikitext ``[[Category:…]]``).
        links: names the source links to, in order (wikitext link targets and labels); the
            candidate report reads them as evidence of names.
        raw_notes: the hand-over of notes from a reader to its format's steps: raw ``line``
            blocks of a notes section (002's 【註釋】) that a step turns into footnotes. Always
            empty once a document is normalised.
    """

    spec: SourceSpec
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...] = ()
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    raw_notes: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A unit of text with an anchor on its source page: a heading, a block or a footnote.

    Attributes:
        id: the anchor: ``s-n`` (heading), ``p-n-k`` (block) or ``fn:label`` (footnote, as
            Python-Markdown's footnotes extension names it).
        section_anchor: the anchor of the section it belongs to (``notes`` for footnotes).
        text: its plain text (with ``[^label]`` references).
    """

    id: str
    section_anchor: str
    text: str


def iter_passages(document: Document) -> Iterator[Passage]:
    """Every passage of a document, in page order: headings and blocks, then notes.

    The one walk over every text of a document: mentions, lookups, search data, the contract
    check of normalised documents and the candidate report all use it. Ids are those assigned
    by :mod:`vdiplo_site.passages` (empty before). Empty headings (the lead) and footnotes
    whose text is missing from the source are skipped.
    """
    for section in document.sections:
        if section.heading:
            yield Passage(section.anchor, section.anchor, section.heading)
        for block in section.blocks:
            yield Passage(block.passage_id, section.anchor, block.text)
    for note in document.footnotes:
        if not note.missing:
            yield Passage(f"fn:{note.label}", "notes", note.text)


def document_text(document: Document) -> str:
    """Every passage's text of ``document``, one per line, footnote references removed.

    What a reader can read of the source (headings, blocks, notes), for counting and searching
    names in a whole source.
    """
    return "\n".join(strip_footnote_refs(passage.text) for passage in iter_passages(document))


@dataclass(frozen=True)
class Entity:
    """A gazetteer entry: names, type and aliases only (no descriptions, no opinions).

    Attributes:
        id: stable ASCII id (``[a-z0-9-]+``), used in URLs (``kb/<type>s/<id>.md``).
        type: ``country``, ``actor``, ``concept`` or ``value``.
        kind: for actors, ``person`` or ``organisation``; ``None`` otherwise.
        name: canonical name in Traditional Chinese.
        english: English name, or ``None``.
        aliases: every other surface form the sources use (variants, Simplified forms,
            abbreviations, short forms, English forms), in the gazetteer's order.
        scoped_aliases: surface forms that stand for the entity in one source only, as
            ``(source_id, (alias, …))`` pairs (e.g. 賴總統 in the 2024 review).
        not_within: longer words holding one of its forms in which that form does not stand
            for the entity (proper names the gazetteer does not hold: 自由 in 自由時報).
        query_aliases: names readers type that the sources never write (布什 for 布希, AIT), for
            search only: never a surface form, never matched in the texts.
    """

    id: str
    type: str
    name: str
    english: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    scoped_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    not_within: tuple[str, ...] = ()
    query_aliases: tuple[str, ...] = ()

    def surface_forms(self, source_id: str | None = None) -> tuple[str, ...]:
        """The name, the aliases and (for ``source_id``) the scoped aliases, without repeats."""
        forms = [self.name, *self.aliases]
        for scope, scoped in self.scoped_aliases:
            if source_id is None or scope == source_id:
                forms.extend(scoped)
        return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a passage.

    Attributes:
        entity_id: the gazetteer id.
        source_id: the source the passage is in.
        passage_id: the passage (``Block.passage_id``).
        section_anchor: the passage's section anchor (``s-n``).
        start: offset of the first character in ``Block.text`` (0-based, in characters).
        end: offset just past the last character.
        surface: the text as the source writes it (``Block.text[start:end]``).
    """

    entity_id: str
    source_id: str
    passage_id: str
    section_anchor: str
    start: int
    end: int
    surface: str
