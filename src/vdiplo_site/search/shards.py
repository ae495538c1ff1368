"""The sharded search index: the search data cut into small files the engine fetches as needed.

A query needs only a few files, whatever the size of the corpus (paths relative to the index's
folder, ``site/search/`` on the site):

- the layout (:class:`Layout`, always loaded: it travels in Material's ``search_index.json``):
  format version, fold map, number of documents, longest vocabulary word, how the other files
  are cut;
- ``vocab/<n>.json``: the vocabulary words (folded, Han only) whose first character's code is
  ``n`` modulo the number of vocabulary shards, for cutting the query;
- ``keys/<n>.json``: ``[[key, postings], …]``, the keys whose hash is ``n`` modulo the number
  of these files (:func:`key_shard`): Han characters, pairs and words, and entities' names;
- ``latin/<n>.json``: the same for Latin tokens, a run of them in UTF-16 order (a Latin term
  matches every token it is a prefix of; the engine finds the runs by their first tokens);
- ``alias/<n>.json``: ``[[form, [target, …]], …]``, the query aliases (:mod:`.aliases`: mainland
  and English forms -> corpus words) whose first unit (a Han form's first character, an
  English form's first word) hashes to ``n`` (:func:`key_shard`);
- ``docs/<n>.json``: ``[[location, anchor, title, text, kind, where], …]``, a run of consecutive
  documents (the same number in every file), fetched only for the results shown (and for the
  few whose phrase match the postings cannot settle).

Ranking needs statistics of the whole corpus (document count, each term's document frequency);
postings hold them exactly, so results never depend on which files happened to be fetched.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..cache import Cache
from .postings import Folder, KeyFinder, build_postings, fields, is_han, is_latin
from .postings_cache import PostingsCache, chunk_runs

#: The index's format version (the engine refuses any other).
VERSION = 3
#: The folders (in the index's folder) that hold its files.
FOLDERS = ("vocab", "keys", "latin", "alias", "docs")


@dataclass(frozen=True)
class Sizes:
    """How the index is cut into files.

    Attributes:
        keys, latin, alias, vocab: the target size of a keys, Latin, alias or vocabulary file, in UTF-8 bytes
            of its JSON (a file holding a large key is larger; hash shards vary around it).
        docs_per_file: documents per ``docs/<n>.json`` file. One: a query fetches the text of
            the documents it shows and no other (results are spread over the corpus, so
            larger files mostly bring documents nobody asked for).
    """

    keys: int = 4_000
    latin: int = 16_000
    alias: int = 32_000
    vocab: int = 2_000
    docs_per_file: int = 1


#: The site's file sizes.
DEFAULT_SIZES = Sizes()


@dataclass(frozen=True)
class Layout:
    """The always-loaded part of the index (JSON: :meth:`as_json`).

    Attributes:
        fold: the Traditional -> Simplified map, one string of character pairs.
        doc_count: the number of documents (inverse document frequency needs it).
        max_word: the length of the longest vocabulary word or Han alias form (characters).
        vocab_shards: the number of ``vocab/<n>.json`` files.
        key_shards: the number of ``keys/<n>.json`` files.
        alias_shards: the number of ``alias/<n>.json`` files.
        latin_chunks: the first token of each ``latin/<n>.json`` file, in order.
        docs_per_file: how many documents each ``docs/<n>.json`` file holds (document ``d`` is
            in file ``d // docs_per_file``).
    """

    fold: str
    doc_count: int
    max_word: int
    vocab_shards: int
    key_shards: int
    alias_shards: int
    latin_chunks: tuple[str, ...]
    docs_per_file: int

    def as_json(self) -> dict[str, Any]:
        """The layout as the engine reads it (``createEngine(layout, load)``)."""
        return {
            "version": VERSION,
            "fold": self.fold,
            "docs": self.doc_count,
            "maxWord": self.max_word,
            "vocabShards": self.vocab_shards,
            "keyShards": self.key_shards,
            "aliasShards": self.alias_shards,
            "latinChunks": list(self.latin_chunks),
            "docsPerFile": self.docs_per_file,
        }


@dataclass(frozen=True)
class IndexFile:
    """One file of the index: ``path`` relative to the index's folder, ``text`` its JSON."""

    path: str
    text: str


@dataclass(frozen=True)
class SearchIndex:
    """The whole sharded index: its :class:`Layout` and every file it cuts the data into."""

    layout: Layout
    files: tuple[IndexFile, ...]


def build_index(
    data: dict[str, Any],
    location: Callable[[str], str],
    sizes: Sizes = DEFAULT_SIZES,
    cache: Cache | None = None,
) -> SearchIndex:
    """The sharded index of the search data.

    Args:
        data: the search data (``{"version", "fold", "vocab", "docs"}``, see :mod:`.data`).
        location: a document's kb/ page path -> where a result for it links (the site's page
            URL, or the kb/ path itself for ``vdiplo-site search``).
        sizes: target file sizes.
        cache: the build cache, where postings are kept chunk by chunk (:mod:`.postings_cache`;
            the index is the same with or without it).

    Returns:
        the layout and the files (vocabulary, postings, documents).
    """
    folder = Folder(dict(zip(data["fold"][0::2], data["fold"][1::2], strict=True)))
    docs = [fields(doc, folder) for doc in data["docs"]]
    finder = KeyFinder(data["vocab"])
    chunks = PostingsCache(cache, frozenset(finder.words)) if cache is not None else None
    postings = build_postings(docs, finder, chunk_runs([doc["page"] for doc in data["docs"]]), chunks)
    if chunks is not None:
        chunks.finish()
    vocab = sorted({w for w in data["vocab"] if len(w) >= 2 and is_han(w)})
    vocab_files = _vocab_files(vocab, sizes.vocab)
    key_shards, latin_starts, key_files = _key_files(postings, sizes)
    alias_files = _alias_files(data.get("aliases") or {}, sizes.alias)
    doc_files = _doc_files(data["docs"], location, sizes.docs_per_file)
    layout = Layout(
        fold=data["fold"],
        doc_count=len(docs),
        max_word=max(map(len, [*vocab, *(f for f in data.get("aliases") or {} if is_han(f))]), default=1),
        vocab_shards=len(vocab_files),
        key_shards=key_shards,
        alias_shards=len(alias_files),
        latin_chunks=tuple(latin_starts),
        docs_per_file=sizes.docs_per_file,
    )
    return SearchIndex(layout, (*vocab_files, *key_files, *alias_files, *doc_files))


#: Compact JSON, made once (``json.dumps`` with options makes an encoder on every call, and the
#: index has tens of thousands of rows).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


def utf16_order(key: str) -> bytes:
    """Sort key giving JavaScript's string order (UTF-16 code units), which the engine's
    binary search over :attr:`Layout.key_chunks` relies on."""
    return key.encode("utf-16-be")


def _vocab_files(vocab: list[str], target: int) -> list[IndexFile]:
    """Vocabulary shards: a word goes to shard ``ord(first character) % count``."""
    total = sum(len(w.encode()) + 3 for w in vocab)
    count = max(1, math.ceil(total / target))
    shards: list[list[str]] = [[] for _ in range(count)]
    for word in vocab:
        shards[ord(word[0]) % count].append(word)
    return [IndexFile(f"vocab/{n}.json", _json(words)) for n, words in enumerate(shards)]


def _packed(items: Iterable[tuple[Any, str]], target: int) -> Iterator[list[tuple[Any, str]]]:
    """Consecutive runs of ``(item, json)`` pairs of about ``target`` bytes of JSON each."""
    run: list[tuple[Any, str]] = []
    size = 0
    for item, text in items:
        length = len(text.encode()) + 1
        if run and size + length > target:
            yield run
            run, size = [], 0
        run.append((item, text))
        size += length
    if run:
        yield run


def key_shard(key: str, shards: int) -> int:
    """The ``keys/<n>.json`` file of a (non-Latin) key: the FNV-1a hash of its UTF-16 code
    units, modulo ``shards`` (``shardOf`` in index.js computes the same)."""
    digest = 0x811C9DC5
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        digest = ((digest ^ (units[i] | units[i + 1] << 8)) * 0x01000193) & 0xFFFFFFFF
    return digest % shards


def _key_files(postings: dict[str, str], sizes: Sizes) -> tuple[int, list[str], list[IndexFile]]:
    """Postings files: Latin tokens in UTF-16 order, cut into runs (``latin/<n>.json``: a term
    is a prefix of the tokens it matches, so they must stay in order), every other key in its
    hash shard (``keys/<n>.json``). Returns the number of shards, each run's first key, and the
    files."""
    latin = sorted((k for k in postings if is_latin(k)), key=utf16_order)
    other = [k for k in postings if not is_latin(k)]
    rows = {k: _json([k, postings[k]]) for k in postings}
    count = max(1, math.ceil(sum(len(rows[k].encode()) + 1 for k in other) / sizes.keys))
    shards: list[list[str]] = [[] for _ in range(count)]
    for key in sorted(other, key=utf16_order):
        shards[key_shard(key, count)].append(rows[key])
    files = [IndexFile(f"keys/{n}.json", "[" + ",".join(shard) + "]") for n, shard in enumerate(shards)]
    starts = []
    for n, run in enumerate(_packed(((k, rows[k]) for k in latin), sizes.latin)):
        starts.append(run[0][0])
        files.append(IndexFile(f"latin/{n}.json", "[" + ",".join(text for _, text in run) + "]"))
    return count, starts, files


def alias_unit(form: str) -> str:
    """The part of an alias form its shard is chosen by: an English form's first word, a Han
    form's first character (the engine looks up each word and character of the query)."""
    return form.split(" ", 1)[0] if is_latin(form) else form[0]


def _alias_files(aliases: dict[str, list[str]], target: int) -> list[IndexFile]:
    """Alias shards: a form goes to shard ``key_shard(alias_unit(form), count)``."""
    rows = {form: _json([form, targets]) for form, targets in sorted(aliases.items())}
    count = max(1, math.ceil(sum(len(r.encode()) + 1 for r in rows.values()) / target))
    shards: list[list[str]] = [[] for _ in range(count)]
    for form, row in rows.items():
        shards[key_shard(alias_unit(form), count)].append(row)
    return [IndexFile(f"alias/{n}.json", "[" + ",".join(shard) + "]") for n, shard in enumerate(shards)]


def _doc_files(docs: list[dict[str, Any]], location: Callable[[str], str], per_file: int) -> list[IndexFile]:
    """Document files: runs of ``per_file`` consecutive documents."""
    rows = [
        _json([location(d["page"]), d["anchor"], d["title"], d["text"], d["kind"], d.get("where", "")])
        for d in docs
    ]
    return [
        IndexFile(f"docs/{n}.json", "[" + ",".join(rows[start : start + per_file]) + "]")
        for n, start in enumerate(range(0, len(rows), per_file))
    ]
