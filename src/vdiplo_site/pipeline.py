"""The spine: gather everything into one :class:`~vdiplo_site.knowledge.KnowledgeBase`.

``gather`` runs the stages of the flow in sequence, each a function called once and logged
with its time (:mod:`.stages`): manifest -> gazetteer -> read -> normalise (steps and passage
ids) -> mentions -> lookups. Nothing is written here: writers, search data, the candidate
report, benchmarks and tests all take the record it returns (``build`` writes it out).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import asdict, replace
from functools import partial
from typing import Any

from .cache import CODE_DIGEST, Cache, digest
from .codec import document_from_json, document_to_json, mentions_from_json, mentions_to_json
from .entities.all_mentions import find_all_mentions
from .entities.gazetteer import load_gazetteer
from .entities.lookups import assemble
from .formats import format_for
from .knowledge import KnowledgeBase
from .manifest import load_manifest, read_source_text
from .model import Document, Entity, Mention, SourceSpec
from .passages import assign_passage_ids
from .project import Project
from .stages import stage


def document_key(spec: SourceSpec) -> str:
    """The cache key of a source's normalised document: the code, and every manifest field
    (its ``sha256`` stands for the text: :func:`.manifest.read_source_text` checks it)."""
    fields = {name: value for name, value in asdict(spec).items() if name != "path"}
    return digest("document", CODE_DIGEST, json.dumps(fields, ensure_ascii=False, sort_keys=True))


def read_documents(specs: tuple[SourceSpec, ...], cache: Cache) -> tuple[Document, ...]:
    """Each source normalised, with passage ids: from ``cache`` where it holds the source's
    document, else read by its format's reader and cleaned by its steps (and then cached).
    Every source's bytes are checked either way.

    Raises:
        SourceFileError, SourceFormatError: a source is missing, changed, not UTF-8, of an
            unknown format, or lacks the structure its format needs.
    """
    documents = []
    with stage("read"):
        texts = [read_source_text(spec) for spec in specs]
        stored = [_stored_document(cache, spec) for spec in specs]
        crude = [
            format_for(spec).read(spec, text) if document is None else document
            for spec, text, document in zip(specs, texts, stored, strict=True)
        ]
    with stage("normalise"):
        for spec, document, found in zip(specs, crude, stored, strict=True):
            if found is None:
                document = assign_passage_ids(format_for(spec).normalise(document))
                cache.put("documents", document_key(spec), document_to_json(document))
                _WARM.put("document", (document_key(spec), spec), document)
            documents.append(document)
    return tuple(documents)


def _stored_document(cache: Cache, spec: SourceSpec) -> Document | None:
    key = document_key(spec)
    data = cache.get("documents", key)
    try:
        return (
            None
            if data is None
            else _WARM.get("document", (key, spec), partial(document_from_json, data, spec))
        )
    except (KeyError, TypeError, ValueError):
        return None


class _Warm:
    """What this process decoded and derived in its last build, kept for the next (``serve``
    rebuilds in one process). The records are frozen, so sharing them changes nothing; results
    equal to the last build's are then the same objects, which makes comparing them cheap.
    Entries the last build did not use are dropped (:meth:`prune`).

    Attributes:
        kept: ``(kind, key)`` -> a decoded record (a document by its key and manifest entry,
            mentions by their cache key).
        lookups: the last knowledge base, by what its lookups were derived from.
    """

    def __init__(self) -> None:
        self.kept: dict[tuple[str, Hashable], Any] = {}
        self.used: set[tuple[str, Hashable]] = set()
        self.lookups: tuple[tuple[object, ...], KnowledgeBase] | None = None

    def get(self, kind: str, key: Hashable, make: Callable[[], Any]) -> Any:
        """The record kept for ``(kind, key)``, else ``make()`` (then kept)."""
        self.used.add((kind, key))
        if (kind, key) not in self.kept:
            self.kept[(kind, key)] = make()
        return self.kept[(kind, key)]

    def put(self, kind: str, key: Hashable, record: Any) -> Any:
        """Keep ``record`` for ``(kind, key)``; return it."""
        self.used.add((kind, key))
        self.kept[(kind, key)] = record
        return record

    def prune(self) -> None:
        """Drop the records the build now ending did not use."""
        self.kept = {entry: record for entry, record in self.kept.items() if entry in self.used}
        self.used = set()

    def assemble(
        self, documents: tuple[Document, ...], entities: tuple[Entity, ...], mentions: tuple[Mention, ...]
    ) -> KnowledgeBase:
        """:func:`.entities.lookups.assemble`, or the last knowledge base with ``entities`` in
        it when the lookups' inputs are those of the last: the documents, the mentions and the
        entities' ids and types (the lookups read nothing else of an entity, so an edited
        English name or query alias would derive them all again for nothing)."""
        inputs = (documents, mentions, tuple((entity.id, entity.type) for entity in entities))
        if self.lookups is not None and self.lookups[0] == inputs:
            return replace(self.lookups[1], entities=entities)
        kb = assemble(documents, entities, mentions)
        self.lookups = (inputs, kb)
        return kb


_WARM = _Warm()


def find_mentions_cached(
    documents: tuple[Document, ...], entities: tuple[Entity, ...], cache: Cache
) -> tuple[Mention, ...]:
    """Every mention in ``documents`` (manifest then page order): from ``cache`` for a document
    already matched against this gazetteer's forms, the rest found (on every core when large).
    An edit the matching does not read (an English name, a query alias) matches nothing again."""
    gazetteer = digest("gazetteer", repr(tuple(matched_fields(entity) for entity in entities)))
    keys = [digest("mentions", document_key(doc.spec), gazetteer) for doc in documents]
    stored = [cache.get("mentions", key) for key in keys]
    missing = tuple(doc for doc, found in zip(documents, stored, strict=True) if found is None)
    found_now: dict[str, list[Mention]] = {doc.spec.id: [] for doc in missing}
    for mention in find_all_mentions(missing, entities):
        found_now[mention.source_id].append(mention)
    mentions: list[Mention] = []
    for doc, key, found in zip(documents, keys, stored, strict=True):
        if found is None:
            fresh = tuple(found_now[doc.spec.id])
            cache.put("mentions", key, mentions_to_json(fresh))
            mentions += _WARM.put("mentions", key, fresh)
        else:
            mentions += _WARM.get("mentions", key, partial(mentions_from_json, found))
    return tuple(mentions)


def matched_fields(entity: Entity) -> Entity:
    """``entity`` without the fields mention matching never reads (``english``, ``kind``,
    ``query_aliases``: shown and searched, never matched), for the mentions' cache key."""
    return replace(entity, english=None, kind=None, query_aliases=())


def knowledge_base(documents: tuple[Document, ...], entities: tuple[Entity, ...]) -> KnowledgeBase:
    """The knowledge base of normalised ``documents`` and ``entities`` (mentions and lookups),
    for callers that already hold documents (small crafted inputs in tests)."""
    return assemble(documents, entities, find_all_mentions(documents, entities))


def gather(project: Project, cache: Cache | None = None) -> KnowledgeBase:
    """Read, normalise and link every source of ``project``; return the knowledge base.

    Each stage is logged with its time on the ``vdiplo_site.stages`` logger. With ``cache``
    (:class:`.cache.Cache`), a source whose text, manifest entry and the code are unchanged is
    not read or matched again: its document and mentions come from the cache.

    Raises:
        VdiploError: a bad manifest, gazetteer or source (the message names the file).
    """
    cache = cache or Cache(None)
    # First gather all data: the curated inputs, then the texts.
    with stage("manifest"):
        specs = load_manifest(project.manifest)
    with stage("gazetteer"):
        entities = load_gazetteer(project.gazetteer, frozenset(spec.id for spec in specs))
    documents = read_documents(specs, cache)
    with stage("mentions"):
        mentions = find_mentions_cached(documents, entities, cache)
    # Now that all data is gathered, derive every lookup the pages need.
    with stage("lookups"):
        kb = _WARM.assemble(documents, entities, mentions)
    _WARM.prune()
    return kb
