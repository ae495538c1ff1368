"""The derived lookups of a knowledge base, built once from documents, entities and mentions.

:func:`assemble` is the last gather stage: it sets apart the mentions inside titles of cited
works (:mod:`.cited_titles`), groups the other mentions by entity and by sentence, quotes each
sentence (:mod:`.context`), finds the definitions and English glosses (:mod:`.defining`) and
the date governing each sentence (:mod:`.dating`), counts shared passages and picks the first
mention of each entity in each section to link. Writers then only render the
:class:`~vdiplo_site.knowledge.KnowledgeBase` it returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from ..knowledge import (
    CitedWork,
    DatedQuotation,
    EnglishName,
    EntityLink,
    KnowledgeBase,
    Neighbour,
    PassageKey,
    Quotation,
)
from ..model import Document, Entity, Mention, Passage, iter_passages
from .cited_titles import URL, TitleSpan, reference_spans, title_spans
from .context import quote, sentence_span
from .dating import governing_date
from .defining import definition_span, english_gloss
from .exclusions import without_values

#: Passage key -> spans whose dates are never event dates (titles, references of notes).
Excluded = Mapping[PassageKey, tuple[tuple[int, int], ...]]


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
    titles = {(doc.spec.id, pid): spans for doc in documents for pid, spans in title_spans(doc).items()}
    excluded = _excluded(documents, titles)
    cited = {m: span for m in mentions if (span := _title_of(m, titles)) is not None}
    discourse = tuple(m for m in mentions if m not in cited and not _in_url(m, passages))
    grouped: dict[str, list[Mention]] = {entity.id: [] for entity in entities}
    occupied: dict[PassageKey, list[tuple[int, int, str]]] = defaultdict(list)
    for mention in discourse:
        grouped[mention.entity_id].append(mention)
        occupied[_key(mention)].append((mention.start, mention.end, mention.entity_id))
    sentences = {entity_id: by_sentence(found, passages) for entity_id, found in grouped.items()}
    return KnowledgeBase(
        documents=documents,
        entities=entities,
        mentions=mentions,
        passages=passages,
        mentions_by_entity={entity_id: tuple(found) for entity_id, found in grouped.items()},
        sources_by_entity={entity_id: _in_order(order, found) for entity_id, found in grouped.items()},
        quotations={
            entity_id: tuple(quote(passages[_key(g[0])].text, g) for g in groups)
            for entity_id, groups in sentences.items()
        },
        definitions={e.id: definitions(sentences[e.id], passages, occupied) for e in entities},
        timeline={e: timeline(groups, passages, excluded, order) for e, groups in sentences.items()},
        neighbours=without_values(neighbours(discourse), entities),
        entity_links=first_mention_links(discourse),
        cited_works=cited_works(cited, passages, [entity.id for entity in entities]),
        english_names={e: english_names(found, passages) for e, found in grouped.items()},
    )


def _excluded(
    documents: tuple[Document, ...], titles: Mapping[PassageKey, tuple[TitleSpan, ...]]
) -> dict[PassageKey, tuple[tuple[int, int], ...]]:
    """Passage key -> the spans whose dates date no event: titles of cited works and the
    references of notes."""
    excluded = {key: tuple((span.start, span.end) for span in spans) for key, spans in titles.items()}
    for doc in documents:
        for pid, spans in reference_spans(doc).items():
            excluded[(doc.spec.id, pid)] = excluded.get((doc.spec.id, pid), ()) + spans
    return excluded


def _in_url(mention: Mention, passages: Mapping[PassageKey, Passage]) -> bool:
    """Whether ``mention`` lies inside a web address of its passage (no mention at all)."""
    text = passages[_key(mention)].text
    if "://" not in text:
        return False
    return any(u.start() <= mention.start and mention.end <= u.end() for u in URL.finditer(text))


def _title_of(mention: Mention, titles: Mapping[PassageKey, tuple[TitleSpan, ...]]) -> TitleSpan | None:
    """The title of a cited work that ``mention`` lies inside (not being the whole title)."""
    spans = titles.get(_key(mention), ())
    return next((span for span in spans if span.holds(mention.start, mention.end)), None)


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
    sentences: list[list[Mention]],
    passages: Mapping[PassageKey, Passage],
    occupied: Mapping[PassageKey, list[tuple[int, int, str]]],
) -> tuple[Quotation, ...]:
    """Quotations of the sentences (mention groups) where a source defines their entity
    (``occupied``: ``(start, end, entity id)`` of every discourse mention, by passage).

    Each quotation marks only the defining mentions (see :func:`.defining.definition_span`);
    a 何謂X？ question is quoted with the sentence that answers it.
    """
    found = []
    for group in sentences:
        text = passages[_key(group[0])].text
        others = [(a, b) for a, b, e in occupied.get(_key(group[0]), ()) if e != group[0].entity_id]
        spans = {m: span for m in group if (span := definition_span(text, m, others)) is not None}
        if spans:
            defining = list(spans)
            found.append(quote(text, defining, max(spans.values(), key=lambda s: s[1])))
    return tuple(found)


def english_names(mentions: list[Mention], passages: Mapping[PassageKey, Passage]) -> tuple[EnglishName, ...]:
    """The English glosses of ``mentions`` (:func:`.defining.english_gloss`), each English
    name (case aside) once, first occurrence first, quoted as the mention and its parenthesis."""
    found: dict[str, EnglishName] = {}
    for mention in mentions:
        text = passages[_key(mention)].text
        gloss = english_gloss(text, mention)
        if gloss is None or gloss[0].lower() in found:
            continue
        found[gloss[0].lower()] = EnglishName(gloss[0], quote(text, [mention], (mention.start, gloss[1])))
    return tuple(found.values())


def cited_works(
    cited: Mapping[Mention, TitleSpan], passages: Mapping[PassageKey, Passage], entity_ids: list[str]
) -> dict[str, tuple[CitedWork, ...]]:
    """Entity id -> the titles of cited works naming it: one per title occurrence, with every
    mention of the entity in that title marked, in knowledge-base order (every id present)."""
    groups: dict[tuple[str, PassageKey, TitleSpan], list[Mention]] = {}
    for mention, span in cited.items():
        groups.setdefault((mention.entity_id, _key(mention), span), []).append(mention)
    found: dict[str, list[CitedWork]] = {entity_id: [] for entity_id in entity_ids}
    for (entity_id, key, span), group in groups.items():
        quotation = quote(passages[key].text, group, (span.start, span.end))
        found[entity_id].append(CitedWork(quotation, span.date))
    return {entity_id: tuple(works) for entity_id, works in found.items()}


def timeline(
    sentences: list[list[Mention]],
    passages: Mapping[PassageKey, Passage],
    excluded: Excluded,
    order: tuple[str, ...],
) -> tuple[DatedQuotation, ...]:
    """One row per sentence (mention group) that has a governing date
    (:func:`.dating.governing_date`), sorted by date, source (``order``), passage id, offset.

    Dates inside titles of cited works and inside the references of notes (publication dates)
    are never read.
    """
    rank = {source_id: index for index, source_id in enumerate(order)}
    entries = []
    for group in sentences:
        key = _key(group[0])
        text = passages[key].text
        span = sentence_span(text, group[0])
        date = governing_date(text, span, [m.start for m in group], excluded.get(key, ()))
        if date is not None:
            entries.append((date, rank[key[0]], key[1], group[0].start, quote(text, group)))
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
