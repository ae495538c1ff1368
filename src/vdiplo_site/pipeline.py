"""The spine: gather everything into one :class:`~vdiplo_site.knowledge.KnowledgeBase`.

``gather`` runs the stages of the flow in sequence, each a function called once and logged
with its time (:mod:`.stages`): manifest -> gazetteer -> read -> normalise (steps and passage
ids) -> mentions -> lookups. Nothing is written here: writers, search data, the candidate
report, benchmarks and tests all take the record it returns (``build`` writes it out).
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace

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
            documents.append(document)
    return tuple(documents)


def _stored_document(cache: Cache, spec: SourceSpec) -> Document | None:
    data = cache.get("documents", document_key(spec))
    try:
        return None if data is None else document_from_json(data, spec)
    except (KeyError, TypeError, ValueError):
        return None


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
            cache.put("mentions", key, mentions_to_json(tuple(found_now[doc.spec.id])))
            mentions += found_now[doc.spec.id]
        else:
            mentions += mentions_from_json(found)
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
        return assemble(documents, entities, mentions)
