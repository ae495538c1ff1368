"""The mentions stage over a whole corpus, on every core when the corpus is large.

The passages of all documents are cut into chunks of about :data:`CHUNK_CHARS` characters (a
large source is cut too) and matched with :func:`vdiplo_site.workers.map_in_order`: in worker
processes forked from this one, sharing the private tokenizer built once here. The result is
the same, mention for mention, as matching everything in one process.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import jieba

from ..model import Document, Entity, Mention, Passage, iter_passages
from ..segment import base_tokenizer, make_tokenizer
from ..workers import map_in_order, shared
from .exclusions import exclude
from .mentions import mentions_in, source_forms

#: Characters of passage text per chunk of work.
CHUNK_CHARS = 100_000
#: Below this many characters in all, one process is faster than starting workers.
PARALLEL_MIN_CHARS = 400_000

Chunk = tuple[str, tuple[Passage, ...]]


@dataclass(frozen=True)
class _Matcher:
    """What every chunk is matched with: the tokenizer and each source's surface forms."""

    tokenizer: jieba.Tokenizer
    forms: Mapping[str, Mapping[str, str]]


def find_all_mentions(
    documents: tuple[Document, ...],
    entities: tuple[Entity, ...],
    *,
    workers: int | None = None,
    min_parallel_chars: int = PARALLEL_MIN_CHARS,
) -> tuple[Mention, ...]:
    """Every entity mention in every document, in manifest then page order.

    Args:
        documents: normalised documents with passage ids.
        entities: the gazetteer.
        workers: processes to use (default: every core).
        min_parallel_chars: match in this process alone when the passages hold fewer characters.
    """
    chunks = list(_chunks(documents))
    total = sum(len(passage.text) for _, passages in chunks for passage in passages)
    matcher = _Matcher(make_tokenizer(entities), {d.spec.id: source_forms(d, entities) for d in documents})
    base_tokenizer()  # loaded once here, shared by forked workers (mentions.inside_word)
    found = map_in_order(_match, chunks, share=matcher, parallel=total >= min_parallel_chars, workers=workers)
    return exclude(tuple(mention for mentions in found for mention in mentions), documents, entities)


def _chunks(documents: tuple[Document, ...]) -> Iterator[Chunk]:
    """``(source id, passages)`` pieces of at most about :data:`CHUNK_CHARS` characters."""
    for document in documents:
        piece: list[Passage] = []
        size = 0
        for passage in iter_passages(document):
            piece.append(passage)
            size += len(passage.text)
            if size >= CHUNK_CHARS:
                yield document.spec.id, tuple(piece)
                piece, size = [], 0
        if piece:
            yield document.spec.id, tuple(piece)


def _match(chunk: Chunk) -> tuple[Mention, ...]:
    source_id, passages = chunk
    matcher: _Matcher = shared()
    return mentions_in(source_id, passages, matcher.forms[source_id], matcher.tokenizer)
