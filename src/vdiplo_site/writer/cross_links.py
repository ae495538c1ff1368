"""Cross-links from source pages to entity pages: each entity's first mention in every section."""

from __future__ import annotations

from ..model import Entity, Mention
from .paths import entity_path, href, source_path

Links = dict[str, tuple[tuple[int, int, str], ...]]


def first_mention_links(source_id: str, mentions: tuple[Mention, ...], entities: dict[str, Entity]) -> Links:
    """Passage id -> ``(start, end, href)`` spans linking the first mention per entity per section.

    Only paragraphs and list items carry links; mentions in headings and footnotes do not.

    Input: the knowledge base's mentions (in document order) and entities by id. Output keys
    are passage ids of ``source_id``; hrefs are relative to the source page.
    """
    seen: set[tuple[str, str]] = set()
    spans: dict[str, list[tuple[int, int, str]]] = {}
    page = source_path(source_id)
    for mention in mentions:
        if not mention.passage_id.startswith("p-"):  # headings and footnotes are not linked
            continue
        if mention.source_id != source_id or (mention.section_anchor, mention.entity_id) in seen:
            continue
        seen.add((mention.section_anchor, mention.entity_id))
        target = href(page, entity_path(entities[mention.entity_id]))
        spans.setdefault(mention.passage_id, []).append((mention.start, mention.end, target))
    return {passage: tuple(sorted(found)) for passage, found in spans.items()}
