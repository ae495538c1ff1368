"""Postings kept between builds, chunk by chunk, so a rebuild indexes only what changed.

The search documents are cut into chunks of consecutive documents at page boundaries defined
by the pages' paths alone (:func:`chunk_runs`: a chunk ends after a page whose path digest is
a multiple of :data:`CHUNK_MODULUS`), so a changed page changes only its own chunk's content
and no other chunk's bounds. A chunk's postings (:data:`Piece`, document numbers relative to
the chunk's first document) are cached under the digest of its documents' fields and the code
(:data:`~vdiplo_site.cache.CODE_DIGEST`).

The vocabulary is not in the key: a new vocabulary word of three or more characters (an
index key of its own, :class:`~.postings.KeyFinder`) matters only to chunks whose text holds
it, and a dropped one only to chunks whose postings have it as a key. The vocabulary the
cached postings were made with is stored too (under a fixed key), and a cached chunk's
postings are brought up to date: a removed word's key is dropped, an added word's postings
are found (a word's postings do not depend on other keys), and the result is stored again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..cache import CODE_DIGEST, Cache, digest
from .postings import NAME_SEPARATOR, Fields, WordFinder, chunk_postings

#: A chunk's postings: key -> (its first document in the chunk, its last, its entries without
#: the first one's leading gap); document numbers are relative to the chunk's first document.
Piece = dict[str, tuple[int, int, str]]

#: A chunk ends after a page whose path digest is a multiple of this (16 pages on average).
CHUNK_MODULUS = 16

_NAMESPACE = "postings"
_VOCAB_KEY = digest("postings vocabulary", CODE_DIGEST)


def chunk_runs(pages: Sequence[str], modulus: int | None = None) -> list[tuple[int, int]]:
    """Cut documents into chunks by their pages' paths.

    Input: each document's kb/ page path, documents of one page consecutive. Output:
    ``(start, end)`` document ranges covering them in order; a range ends after the last
    document of a page whose path's SHA-256 (as a number) is a multiple of ``modulus``, and
    at the end (``modulus`` defaults to :data:`CHUNK_MODULUS`).
    """
    modulus = modulus or CHUNK_MODULUS
    runs: list[tuple[int, int]] = []
    start = 0
    for number, page in enumerate(pages):
        last_of_page = number + 1 == len(pages) or pages[number + 1] != page
        if last_of_page and int.from_bytes(hashlib.sha256(page.encode()).digest()[:8], "big") % modulus == 0:
            runs.append((start, number + 1))
            start = number + 1
    if start < len(pages):
        runs.append((start, len(pages)))
    return runs


def chunk_key(docs: Sequence[Fields]) -> str:
    """The cache key of a chunk of documents: a digest of the code and every field of each."""
    parts: list[str] = [CODE_DIGEST]
    for doc in docs:
        names = NAME_SEPARATOR.join(doc.name_list)
        parts += (doc.text, doc.title, doc.context, doc.names, names, "note" if doc.note else "")
    return digest(_NAMESPACE, *parts)


class PostingsCache:
    """The cached postings of chunks, valid for the vocabulary words ``words``.

    Args:
        cache: the build cache (:class:`~vdiplo_site.cache.Cache`; one without a folder
            caches nothing).
        words: the index's vocabulary words that are keys of their own
            (:attr:`.postings.KeyFinder.words`).

    Attributes:
        reused, patched, computed: how many chunks came from the cache as they were, how many
            from the cache brought up to date with the vocabulary, and how many were indexed.
    """

    def __init__(self, cache: Cache, words: frozenset[str]):
        self.cache = cache
        self.words = words
        stored = cache.get(_NAMESPACE, _VOCAB_KEY)
        self.known = stored is not None
        previous = frozenset(stored or ())
        self.added = WordFinder(words - previous)
        self.removed = previous - words
        self.reused = self.patched = self.computed = 0

    def get(self, docs: Sequence[Fields]) -> Piece | None:
        """The cached postings of the chunk ``docs`` for the current vocabulary, or ``None``
        (absent or unreadable)."""
        if not self.known:
            return None
        stored = self.cache.get(_NAMESPACE, chunk_key(docs))
        try:
            piece = {key: (int(first), int(last), str(body)) for key, (first, last, body) in stored.items()}
        except (AttributeError, TypeError, ValueError):
            return None
        changed = False
        for word in self.removed & piece.keys():
            del piece[word]
            changed = True
        if self.added.words:
            text = "\0".join(f"{doc.text}\0{doc.title}\0{doc.context}\0{doc.names}" for doc in docs)
            held = frozenset(word for word in self.added.words if word in text)
            if held:
                piece.update(chunk_postings(docs, self.added, only=held))
                changed = True
        if changed:
            self.cache.put(_NAMESPACE, chunk_key(docs), piece)
            self.patched += 1
        else:
            self.reused += 1
        return piece

    def put(self, docs: Sequence[Fields], piece: Piece) -> None:
        """Store the postings of the chunk ``docs``."""
        self.cache.put(_NAMESPACE, chunk_key(docs), piece)
        self.computed += 1

    def finish(self) -> None:
        """Record the vocabulary the stored postings were made with (call after every chunk
        was got or put)."""
        self.cache.put(_NAMESPACE, _VOCAB_KEY, sorted(self.words))
