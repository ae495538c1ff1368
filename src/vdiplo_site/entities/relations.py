"""Lookups over a knowledge base: mentions per entity, passages, and co-occurrence."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import KnowledgeBase, Mention
from ..passages import Passage, iter_passages


def mentions_by_entity(kb: KnowledgeBase) -> dict[str, list[Mention]]:
    """Entity id -> its mentions in knowledge-base order (every entity present, maybe empty)."""
    grouped: dict[str, list[Mention]] = {entity.id: [] for entity in kb.entities}
    for mention in kb.mentions:
        grouped[mention.entity_id].append(mention)
    return grouped


def passages(kb: KnowledgeBase) -> dict[tuple[str, str], Passage]:
    """``(source id, passage id)`` -> the passage (heading, block or footnote)."""
    return {(doc.spec.id, passage.id): passage for doc in kb.documents for passage in iter_passages(doc)}


def cooccurrence(kb: KnowledgeBase) -> dict[str, Counter[str]]:
    """Entity id -> Counter of other entity ids by the number of passages they share."""
    in_passage: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mention in kb.mentions:
        in_passage[(mention.source_id, mention.passage_id)].add(mention.entity_id)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for ids in in_passage.values():
        for entity_id in ids:
            counts[entity_id].update(ids - {entity_id})
    return counts
