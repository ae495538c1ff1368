"""The knowledge base: one frozen record between reading and rendering.

:func:`vdiplo_site.pipeline.gather` builds it once (read, normalise, passages, mentions, derived
lookups); page writers, search data, the candidate report, benchmarks and tests all take it.
Writers only render what it holds: every quotation and date here is cut from a passage, with
the passage's id kept (provenance).

The lookups are plain mappings built once; treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from .model import Document, Entity, Mention, Passage, document_text
from .text import counted_characters

#: ``(source id, passage id)``: where a passage is.
PassageKey = tuple[str, str]


@dataclass(frozen=True)
class Quotation:
    """A sentence of a passage, quoted around one or more mentions of one entity.

    Attributes:
        mentions: the quoted mentions, in passage order, all in one sentence of one passage;
            the first gives the quotation's place.
        text: the sentence as the source writes it, footnote references removed, elided with
            ``…`` where it runs far (more than ``entities.context.MAX_QUOTE`` characters)
            before the first or after the last mention.
        marks: ``(start, end)`` character offsets of each mention in ``text``, in order.
    """

    mentions: tuple[Mention, ...]
    text: str
    marks: tuple[tuple[int, int], ...]

    @property
    def source_id(self) -> str:
        """The source the quoted passage is in."""
        return self.mentions[0].source_id

    @property
    def passage_id(self) -> str:
        """The quoted passage's anchor (``p-3-2``, ``s-3``, ``fn:12``)."""
        return self.mentions[0].passage_id


@dataclass(frozen=True)
class DatedQuotation:
    """A sentence of an entity's timeline, under the date that governs it.

    Attributes:
        date: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYYs`` (a decade), ``YYYY–YYYY``
            (a span of years) or ``YYYY 之前`` (before), at the precision the sentence gives
            (``entities.dating.governing_date``).
        quotation: the sentence (one row per sentence).
    """

    date: str
    quotation: Quotation


@dataclass(frozen=True)
class CitedWork:
    """The title of a cited work that names an entity (〈日本政府：G7 國家都挺台灣…〉 names
    Japan): shown apart from the entity's mentions (``entities.cited_titles``).

    Attributes:
        quotation: the title as the passage writes it, brackets included, with the entity's
            mentions in it marked; its place is the passage (a note, a 參見 line…).
        date: the work's date as the note gives it (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), or
            ``None`` when it gives none.
    """

    quotation: Quotation
    date: str | None


@dataclass(frozen=True)
class EnglishName:
    """An English name a source gives an entity in a 中文（English） gloss.

    Attributes:
        english: the English as written in the parentheses (``Second Track Diplomacy``).
        quotation: the gloss as written: the mention, marked, and its parenthesis.
    """

    english: str
    quotation: Quotation


@dataclass(frozen=True)
class EntityLink:
    """A span of a passage's text that links to an entity's page.

    Attributes:
        start, end: character offsets in the passage's text (``Block.text``).
        entity_id: the entity the span names.
    """

    start: int
    end: int
    entity_id: str


@dataclass(frozen=True)
class Neighbour:
    """An entity named in the same passages as another one.

    Attributes:
        entity_id: the other entity.
        passages: how many passages name both.
    """

    entity_id: str
    passages: int


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the page writers and search need, gathered before anything is written.

    Attributes:
        documents: the normalised sources with passage ids, in manifest order.
        entities: the gazetteer, sorted by type then id.
        mentions: every mention in every source, in manifest then document order (those
            inside titles of cited works included).
        passages: every passage (heading, block, footnote) by ``(source id, passage id)``.
        mentions_by_entity: entity id -> its discourse mentions in knowledge-base order (every
            entity present, maybe with none): every mention but those inside the title of a
            cited work (``cited_works``) or inside a web address.
        sources_by_entity: entity id -> ids of the sources that mention it (discourse
            mentions), manifest order.
        quotations: entity id -> one quotation per sentence that mentions it (discourse
            mentions), in knowledge-base order.
        definitions: entity id -> quotations of the sentences where a defining construction
            defines it (``entities.defining.definition_span``), marks on the defining mentions
            only.
        timeline: entity id -> one row per quoted sentence that has a governing date
            (``entities.dating.governing_date``; never a date of a title or of a note's
            reference), sorted by date, then source (manifest order), passage id and offset.
        neighbours: entity id -> entities sharing passages with it (discourse mentions), most
            shared first (then by id).
        entity_links: source id -> passage id -> spans linking the first discourse mention of
            each entity in each section (paragraphs and list items only), in text order; never
            a span inside the title of a cited work.
        cited_works: entity id -> the titles of cited works that name it (one per title
            occurrence), in knowledge-base order.
        english_names: entity id -> the English names the sources gloss it with, each
            (case aside) once, in knowledge-base order.
    """

    documents: tuple[Document, ...]
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    passages: Mapping[PassageKey, Passage]
    mentions_by_entity: Mapping[str, tuple[Mention, ...]]
    sources_by_entity: Mapping[str, tuple[str, ...]]
    quotations: Mapping[str, tuple[Quotation, ...]]
    definitions: Mapping[str, tuple[Quotation, ...]]
    timeline: Mapping[str, tuple[DatedQuotation, ...]]
    neighbours: Mapping[str, tuple[Neighbour, ...]]
    entity_links: Mapping[str, Mapping[str, tuple[EntityLink, ...]]]
    cited_works: Mapping[str, tuple[CitedWork, ...]]
    english_names: Mapping[str, tuple[EnglishName, ...]]

    @cached_property
    def _in_titles(self) -> frozenset[Mention]:
        return frozenset(
            m for works in self.cited_works.values() for w in works for m in w.quotation.mentions
        )

    def in_cited_title(self, mention: Mention) -> bool:
        """Whether ``mention`` (one of :attr:`mentions`) lies inside the title of a cited work,
        so that it is not a discourse mention (see ``entities.cited_titles``)."""
        return mention in self._in_titles

    @cached_property
    def _entities_by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}

    @cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        return {document.spec.id: document for document in self.documents}

    def entity(self, entity_id: str) -> Entity:
        """The gazetteer entry with id ``entity_id``.

        Raises:
            KeyError: no entity has that id.
        """
        return self._entities_by_id[entity_id]

    def document(self, source_id: str) -> Document:
        """The normalised document of source ``source_id``.

        Raises:
            KeyError: no source has that id.
        """
        return self._documents_by_id[source_id]

    def label(self, source_id: str) -> str:
        """The name the site shows for source ``source_id`` (its manifest ``label``).

        Raises:
            KeyError: no source has that id.
        """
        return self._documents_by_id[source_id].spec.label

    def short_label(self, source_id: str) -> str:
        """The short name the site shows for source ``source_id`` where a row lists sources
        (its manifest ``short_label``, else its ``label``).

        Raises:
            KeyError: no source has that id.
        """
        spec = self._documents_by_id[source_id].spec
        return spec.short_label or spec.label

    @cached_property
    def source_ids(self) -> tuple[str, ...]:
        """The sources' ids in manifest order."""
        return tuple(document.spec.id for document in self.documents)

    @cached_property
    def characters(self) -> dict[str, int]:
        """Source id -> the length of its text for "per 10,000 characters" figures: the Han
        characters and Latin letters of all its passages (headings, blocks, notes), web
        addresses left out (:func:`.text.counted_characters`)."""
        return {doc.spec.id: counted_characters(document_text(doc)) for doc in self.documents}
