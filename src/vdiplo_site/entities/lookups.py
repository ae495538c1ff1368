"""The derived lookups of a knowledge base, built once from documents, entities and mentions.

:func:`assemble` is the last gather stage: it groups mentions by entity and by sentence, quotes
each sentence (:mod:`.context`), finds the definitions and dates in them, counts shared
passages and picks the first mention of each entity in each section to link. Writers then only
render the :class:`~vdiplo_site.knowledge.KnowledgeBase` it returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from ..knowledge import DatedQuotation, EntityLink, KnowledgeBase, Neighbour, PassageKey, Quotation
from ..model import Document, Entity, Mention, Passage, iter_passages
from .context import dates, is_definition, quote, sentence_span


def assemble(
    documents: tuple[Document, ...], entities: tuple[Entity, ...], mentions: tuple[Mention, ...]
) -> KnowledgeBase:
    """The knowledge base of ``documents`` (normalised, with passage ids), the gazetteer
    ``entities`` and the ``mentions`` found in them, with every derived lookup built.

    Raises:
        KeyError: a mention names an entity or passage that is not given (a bug upstream).
    """
    passages = {(doc.spec.id, passage.id): passage for doc in documents for passage in iter_passages(doc)}
    order = tuple(doc.spec.id for doc in documents)
    grouped: dict[str, list[Mention]] = {entity.id: [] for entity in entities}
    for mention in mentions:
        grouped[mention.entity_id].append(mention)
    sentences = {entity_id: by_sentence(found, passages) for entity_id, found in grouped.items()}
    quotations = {
        entity_id: tuple(quote(passages[_key(g[0])].text, g) for g in groups)
        for entity_id, groups in sentences.items()
    }
    return KnowledgeBase(
        documents=documents,
        entities=entities,
        mentions=mentions,
        passages=passages,
        mentions_by_entity={entity_id: tuple(found) for entity_id, found in grouped.items()},
        sources_by_entity={entity_id: _in_order(order, found) for entity_id, found in grouped.items()},
        quotations=quotations,
        definitions={entity.id: definitions(entity, sentences[entity.id], passages) for entity in entities},
        timeline={entity_id: timeline(found, order) for entity_id, found in quotations.items()},
        neighbours=neighbours(mentions),
        entity_links=first_mention_links(mentions),
    )


def _in_order(order: tuple[str, ...], mentions: list[Mention]) -> tuple[str, ...]:
    """The ids of the sources of ``mentions``, in ``order`` (manifest order)."""
    sources = {mention.source_id for mention in mentions}
    return tuple(source_id for source_id in order if source_id in sources)


def _key(mention: Mention) -> PassageKey:
    return (mention.source_id, mention.passage_id)


def by_sentence(mentions: list[Mention], passages: Mapping[PassageKey, Passage]) -> list[list[Mention]]:
    """Group ``mentions`` (in order) so that mentions in one sentence of one passage go together."""
    groups: dict[tuple[str, str, tuple[int, int]], list[Mention]] = {}
    for m in mentions:
        span = sentence_span(passages[_key(m)].text, m)
        groups.setdefault((m.source_id, m.passage_id, span), []).append(m)
    return list(groups.values())


def definitions(
    entity: Entity, sentences: list[list[Mention]], passages: Mapping[PassageKey, Passage]
) -> tuple[Quotation, ...]:
    """Quotations of the sentences (mention groups) where a source defines ``entity``.

    Each quotation marks only the defining mentions (see :func:`.context.is_definition`).
    """
    found = []
    for group in sentences:
        text = passages[_key(group[0])].text
        defining = [m for m in group if is_definition(text, m, entity)]
        if defining:
            found.append(quote(text, defining))
    return tuple(found)


def timeline(quotations: tuple[Quotation, ...], order: tuple[str, ...]) -> tuple[DatedQuotation, ...]:
    """Every date of every quotation, sorted by date, source (``order``), passage id, offset."""
    rank = {source_id: index for index, source_id in enumerate(order)}
    entries = [
        (date, rank[q.source_id], q.passage_id, q.mentions[0].start, q)
        for q in quotations
        for date in dates(q.text)
    ]
    return tuple(DatedQuotation(entry[0], entry[4]) for entry in sorted(entries, key=lambda e: e[:4]))


def neighbours(mentions: tuple[Mention, ...]) -> dict[str, tuple[Neighbour, ...]]:
    """Entity id -> the entities named in the same passages, by number of passages shared
    (most first, then by id); entities sharing no passage are absent."""
    in_passage: dict[PassageKey, set[str]] = defaultdict(set)
    for mention in mentions:
        in_passage[_key(mention)].add(mention.entity_id)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for ids in in_passage.values():
        for entity_id in ids:
            counts[entity_id].update(ids - {entity_id})
    return {
        entity_id: tuple(
            Neighbour(other, n) for other, n in sorted(counted.items(), key=lambda i: (-i[1], i[0]))
        )
        for entity_id, counted in counts.items()
    }


def first_mention_links(mentions: tuple[Mention, ...]) -> dict[str, dict[str, tuple[EntityLink, ...]]]:
    """Source id -> passage id -> spans linking the first mention of each entity in each section.

    Only paragraphs and list items (``p-`` passages) carry links; mentions in headings and
    footnotes do not. Spans of a passage are in text order. One pass over ``mentions`` (in
    knowledge-base order).
    """
    seen: set[tuple[str, str, str]] = set()
    spans: dict[str, dict[str, list[EntityLink]]] = {}
    for mention in mentions:
        key = (mention.source_id, mention.section_anchor, mention.entity_id)
        if not mention.passage_id.startswith("p-") or key in seen:
            continue
        seen.add(key)
        link = EntityLink(mention.start, mention.end, mention.entity_id)
        spans.setdefault(mention.source_id, {}).setdefault(mention.passage_id, []).append(link)
    return {
        source_id: {
            passage: tuple(sorted(found, key=lambda link: (link.start, link.end)))
            for passage, found in passages.items()
        }
        for source_id, passages in spans.items()
    }
