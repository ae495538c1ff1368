"""Matches that are no mention: a form inside a word it does not stand for, and value words in
web addresses.

Value words (民主, 自由, 安全 …: the gazetteer's ``value`` family) are common words. The matcher
already lets a longer gazetteer name win (民主進步黨, 聯合國安全理事會); what is left here:

* a form inside one of its entity's ``not_within`` words (proper names the gazetteer does not
  hold: 自由 in 自由時報, 和平 in 諾貝爾和平獎) is dropped, for any entity. The other forms the
  word holds are matched instead, so that 和平等 reads 和平 + 等, not 和 + 平等, when the
  equality entry declares 和平等;
* a value word inside a URL (``nobel-peace-prize``) is dropped.

A value word inside the title of a cited work (《…》, 〈…〉, a note's citation title) stays a
match: like any entity's, it is shown apart from the mentions (:mod:`.cited_titles`), so it is
not counted among the value's mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..knowledge import Neighbour
from ..model import Document, Entity, Mention, iter_passages
from ..text import URL

#: The gazetteer type whose matches are common words, kept only where they denote the value.
VALUE_TYPE = "value"

Span = tuple[int, int]


def value_ids(entities: Iterable[Entity]) -> frozenset[str]:
    """The ids of the entities of the value family."""
    return frozenset(entity.id for entity in entities if entity.type == VALUE_TYPE)


def exclude(
    mentions: tuple[Mention, ...], documents: tuple[Document, ...], entities: tuple[Entity, ...]
) -> tuple[Mention, ...]:
    """``mentions`` (in order) without those that are no mention, with the forms a ``not_within``
    word holds matched in place of the one it excludes (see the module docstring)."""
    values = value_ids(entities)
    barred = {entity.id: entity.not_within for entity in entities if entity.not_within}
    if not values and not barred:
        return mentions
    wanted = {m.source_id for m in mentions if m.entity_id in values or m.entity_id in barred}
    texts, urls = _passages(tuple(d for d in documents if d.spec.id in wanted))
    forms = {source: {form: e.id for e in entities for form in e.surface_forms(source)} for source in wanted}
    spans: dict[tuple[str, str], list[Span]] = {}
    for mention in mentions:
        spans.setdefault((mention.source_id, mention.passage_id), []).append((mention.start, mention.end))
    kept: list[Mention] = []
    for mention in mentions:
        key = (mention.source_id, mention.passage_id)
        if mention.entity_id in values and _inside(mention, urls.get(key, ())):
            continue
        word = _barring_word(texts.get(key, ""), mention, barred.get(mention.entity_id, ()))
        if word is None:
            kept.append(mention)
        else:
            others = [span for span in spans[key] if span != (mention.start, mention.end)]
            kept += _rematched(mention, word, texts[key], forms[mention.source_id], others)
    return tuple(kept)


def _passages(documents: tuple[Document, ...]) -> tuple[dict, dict]:
    """``(source, passage) -> text`` and ``(source, passage) -> spans of its URLs``."""
    texts: dict[tuple[str, str], str] = {}
    urls: dict[tuple[str, str], list[Span]] = {}
    for document in documents:
        for passage in iter_passages(document):
            key = (document.spec.id, passage.id)
            texts[key] = passage.text
            urls[key] = [match.span() for match in URL.finditer(passage.text)]
    return texts, urls


def _inside(mention: Mention, spans: Iterable[Span]) -> bool:
    """Whether ``mention`` lies inside one of ``spans`` without being the whole of it."""
    return any(
        start <= mention.start and mention.end <= end and (start, end) != (mention.start, mention.end)
        for start, end in spans
    )


def _barring_word(text: str, mention: Mention, words: Iterable[str]) -> Span | None:
    """The span of a ``not_within`` word of ``text`` that holds ``mention``, or ``None``."""
    for word in words:
        low = max(0, mention.end - len(word))
        for match in re.finditer(re.escape(word), text[low : mention.start + len(word)]):
            start, end = low + match.start(), low + match.end()
            if start <= mention.start and mention.end <= end:
                return start, end
    return None


def _rematched(
    dropped: Mention, word: Span, text: str, forms: Mapping[str, str], taken: list[Span]
) -> list[Mention]:
    """Mentions of other entities' forms inside ``word`` that overlap ``dropped`` and none of
    the ``taken`` spans (the passage's other matches), longest first (和平 in 和平等)."""
    start, end = word
    taken = list(taken)
    found: list[Mention] = []
    candidates = sorted(
        ((i, j) for i in range(start, end) for j in range(i + 1, end + 1)),
        key=lambda span: (span[0] - span[1], span[0]),
    )
    for i, j in candidates:
        entity_id = forms.get(text[i:j])
        if entity_id is None or entity_id == dropped.entity_id or not (i < dropped.end and dropped.start < j):
            continue
        if not any(i < b and a < j for a, b in taken):
            found.append(replace(dropped, entity_id=entity_id, start=i, end=j, surface=text[i:j]))
            taken.append((i, j))
    return sorted(found, key=lambda m: m.start)


def without_values(
    neighbours: Mapping[str, tuple[Neighbour, ...]], entities: Iterable[Entity]
) -> dict[str, tuple[Neighbour, ...]]:
    """``neighbours`` (entity id -> related entities) with no value among the related entities.

    Nearly every passage names a value (民主, 安全), so values would fill every entity's related
    entities; they are left out of them. A value's own related entities are the other families'.
    """
    values = value_ids(entities)
    return {
        entity_id: tuple(n for n in related if n.entity_id not in values)
        for entity_id, related in neighbours.items()
    }
