"""Positional postings: where each index key occurs in each search document, compactly encoded.

The sharded index (:mod:`.shards`) is made of these. A document has four searched fields,
folded as ``engine.js`` folds them: its text, its title, its context (a passage's page title)
and its names (an entity's names, joined by :data:`NAME_SEPARATOR`). Keys are what a query term
is looked up by:

- every Han character and every pair of adjacent Han characters (a term of one or two
  characters is one key; a longer term that is no vocabulary word is found by joining the
  positions of its pairs);
- every vocabulary word of three or more Han characters (so that a long word is one small
  list, not the join of its frequent pairs);
- at every word start (a letter or digit after anything else), the Latin token there (the
  engine's ``RUN`` pattern): a Latin term matches where it is a prefix of that token;
- ``=`` followed by an entity's whole folded name (the engine ranks an entity first when the
  query is one of its names).

Positions are offsets in UTF-16 code units (JavaScript's string indices). The posting list of
a key is one string of numbers (:func:`encode`), document after document (see
:func:`encode_entry` for an entry's layout).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import HAN
from ..workers import map_in_order, shared
from .folding import fold

if TYPE_CHECKING:
    from .postings_cache import PostingsCache

#: Joins an entity's names into one field; neither Han, nor a letter, nor a digit.
NAME_SEPARATOR = "\u0001"
#: Prefix of the key of an entity's whole name.
NAME_KEY = "="
#: Entry flags: which fields hold the key, and whether the document is a note.
TEXT, TITLE, CONTEXT, NAMES, NOTE = 1, 2, 4, 8, 16
FIELD_FLAGS = (TEXT, TITLE, CONTEXT, NAMES)

#: Digits of :func:`encode`: the last digit of a number, and the digits before it.
FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ#$"

_HAN_RUN = re.compile(f"[{HAN}]+")
_WORD_START = re.compile(r"(?<![a-z0-9])[a-z0-9]")
#: The engine's Latin token (``RUN`` in engine.js, its Latin half).
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'’+\-][a-z0-9]+)*")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _digits(number: int) -> str:
    digits = [FINAL[number & 31]]
    number >>= 5
    while number:
        digits.append(MORE[number & 31])
        number >>= 5
    return "".join(reversed(digits))


_SMALL = [_digits(n) for n in range(4096)]


def encode(numbers: Iterable[int]) -> str:
    """Whole numbers (0 or more) as text: base 32, most significant digit first, every digit
    but the last from :data:`MORE`, the last from :data:`FINAL` (0-31 take one character,
    up to 1023 two). Raises ValueError for a negative number."""
    out = []
    for number in numbers:
        if number < 0:
            raise ValueError(f"cannot encode a negative number: {number}")
        out.append(_SMALL[number] if number < 4096 else _digits(number))
    return "".join(out)


def decode(text: str) -> list[int]:
    """The numbers of :func:`encode`'s text (its inverse; the engine has its own)."""
    numbers, value = [], 0
    for char in text:
        if char in MORE:
            value = value * 32 + MORE.index(char)
        else:
            numbers.append(value * 32 + FINAL.index(char))
            value = 0
    return numbers


def is_han(text: str) -> bool:
    """Whether ``text`` is one or more Han characters and nothing else (a query's Han run is)."""
    return _HAN_RUN.fullmatch(text) is not None


def is_latin(key: str) -> bool:
    """Whether ``key`` is a Latin token (it starts with a letter or a digit)."""
    return _WORD_START.match(key) is not None


def utf16_view(text: str) -> str:
    """``text`` with each character outside the BMP replaced by two U+FFFD, so that an index
    into it is an index into the same text in JavaScript (which counts UTF-16 code units)."""
    return _ASTRAL.sub("\ufffd\ufffd", text)


@dataclass(frozen=True)
class Fields:
    """One search document's folded fields (:func:`utf16_view` applied) and kind.

    Attributes:
        text, title, context: the folded fields.
        names: the folded names joined by :data:`NAME_SEPARATOR` (``""`` if none).
        name_list: the folded names, one by one, as the engine folds them (no
            :func:`utf16_view`: they are compared whole with the query).
        note: whether the document is a note (the engine ranks notes a little lower).
    """

    text: str
    title: str
    context: str
    names: str
    name_list: tuple[str, ...]
    note: bool


class Folder(dict):
    """:func:`~.folding.fold` as a :meth:`str.translate` table (much faster on long texts):
    each character's folded form, computed the first time it is met (folding is character by
    character, so this is the same function).

    Args:
        pairs: the Traditional -> Simplified pairs.
    """

    def __init__(self, pairs: dict[str, str]):
        super().__init__()
        self.pairs = pairs

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold(chr(code), self.pairs)
        return folded

    def __call__(self, text: str) -> str:
        """``text`` folded."""
        return text.translate(self)


def fields(doc: dict, fold_text: Callable[[str], str]) -> Fields:
    """The :class:`Fields` of a search-data document (``{"text", "title", "context", "names",
    "kind", "mentioned", …}``), folded with ``fold_text`` (a :class:`Folder`). The names of the
    entities a passage mentions (``mentioned``) join its context, separated by
    :data:`NAME_SEPARATOR`."""
    names = tuple(fold_text(name) for name in doc.get("names") or ())
    return Fields(
        text=utf16_view(fold_text(doc.get("text") or "")),
        title=utf16_view(fold_text(doc.get("title") or "")),
        context=utf16_view(
            NAME_SEPARATOR.join(
                fold_text(c) for c in (doc.get("context") or "", *(doc.get("mentioned") or ()))
            )
        ),
        names=utf16_view(NAME_SEPARATOR.join(names)),
        name_list=names,
        note=doc.get("kind") == "note",
    )


class KeyFinder:
    """Finds every key of a field (see the module docstring).

    Args:
        vocab: the folded vocabulary; its words of three or more Han characters become keys.
    """

    def __init__(self, vocab: Iterable[str]):
        self.words = {w for w in vocab if len(w) >= 3 and is_han(w)}
        lengths: dict[str, set[int]] = {}
        for word in self.words:
            lengths.setdefault(word[0], set()).add(len(word))
        self.lengths = {first: sorted(found) for first, found in lengths.items()}

    def keys(self, text: str) -> dict[str, list[int]]:
        """Key -> its positions in ``text`` (ascending; overlapping occurrences included)."""
        found: defaultdict[str, list[int]] = defaultdict(list)
        words, lengths = self.words, self.lengths
        for run in _HAN_RUN.finditer(text):
            chars, start = run.group(), run.start()
            for i, char in enumerate(chars, start):
                found[char].append(i)
            for i in range(len(chars) - 1):
                found[chars[i : i + 2]].append(start + i)
                for length in lengths.get(chars[i], ()):
                    word = chars[i : i + length]
                    if len(word) == length and word in words:
                        found[word].append(start + i)
        for start_match in _WORD_START.finditer(text):
            at = start_match.start()
            token = _TOKEN.match(text, at)
            if token:
                found[token.group()].append(at)
        return found


def encode_entries(doc: Fields, finder: KeyFinder) -> dict[str, str]:
    """Key -> ``doc``'s entry in its posting list, without the leading document number.

    An entry is: flags (:data:`FIELD_FLAGS` of the fields holding the key, plus :data:`NOTE`),
    the length of the document's text, then for each flagged field in that order the number
    of positions, the first position and the gaps to the next ones. Name keys (``=name``)
    have no positions.
    """
    flags: dict[str, int] = {}
    parts: dict[str, str] = {}
    small = _SMALL
    for flag, text in zip(FIELD_FLAGS, (doc.text, doc.title, doc.context, doc.names), strict=True):
        if not text:
            continue
        for key, positions in finder.keys(text).items():
            flags[key] = flags.get(key, 0) | flag
            previous, part = 0, small[len(positions)]
            for position in positions:
                gap = position - previous
                part += small[gap] if gap < 4096 else _digits(gap)
                previous = position
            parts[key] = parts[key] + part if key in parts else part
    for name in doc.name_list:
        flags.setdefault(NAME_KEY + name, 0)
    head = encode([len(doc.text)])
    if doc.note:
        return {key: small[flag | NOTE] + head + parts.get(key, "") for key, flag in flags.items()}
    return {key: small[flag] + head + parts.get(key, "") for key, flag in flags.items()}


#: The least text (characters) worth indexing on several cores.
POSTINGS_PARALLEL_MIN_CHARS = 400_000


def build_postings(
    docs: Sequence[Fields],
    finder: KeyFinder,
    runs: Sequence[tuple[int, int]] | None = None,
    cache: PostingsCache | None = None,
) -> dict[str, str]:
    """Every key's posting list: document entries in document order, each led by the gap from
    the previous document's number (the first by its number plus one).

    Args:
        docs: the documents' fields.
        finder: the key finder of the index's vocabulary.
        runs: the chunks the documents are indexed in, ``(start, end)`` ranges covering them in
            order (:func:`.postings_cache.chunk_runs`), on every core when the text to index is
            large (:func:`vdiplo_site.workers.map_in_order`). ``None``: one chunk.
        cache: where chunks' postings are kept between builds (:class:`.postings_cache.PostingsCache`);
            a chunk found there is not indexed again.
    """
    runs = runs if runs is not None else [(0, len(docs))]
    stored = [cache.get(docs[start:end]) if cache else None for start, end in runs]
    missing = [run for run, piece in zip(runs, stored, strict=True) if piece is None]
    size = sum(len(doc.text) for start, end in missing for doc in docs[start:end])
    computed = iter(
        map_in_order(
            _run_postings, missing, share=(docs, finder), parallel=size >= POSTINGS_PARALLEL_MIN_CHARS
        )
    )
    merged: defaultdict[str, list[str]] = defaultdict(list)
    last: dict[str, int] = {}
    for (start, end), piece in zip(runs, stored, strict=True):
        if piece is None:
            piece = next(computed)
            if cache:
                cache.put(docs[start:end], piece)
        for key, (first, final, body) in piece.items():
            merged[key].append(encode([start + first - last.get(key, -1)]) + body)
            last[key] = start + final
    return {key: "".join(parts) for key, parts in merged.items()}


def _run_postings(run: tuple[int, int]) -> dict[str, tuple[int, int, str]]:
    """:func:`chunk_postings` of documents ``run[0]`` to ``run[1] - 1`` (the documents and the
    key finder come from :func:`~vdiplo_site.workers.shared`)."""
    docs, finder = shared()
    return chunk_postings(docs[run[0] : run[1]], finder)


def chunk_postings(
    docs: Sequence[Fields], finder: KeyFinder, only: frozenset[str] | None = None
) -> dict[str, tuple[int, int, str]]:
    """The postings of a chunk of consecutive documents: key -> (its first document there, its
    last, both counted from the chunk's first, and its entries there without the first one's
    leading gap). ``only``: keep just these keys."""
    entries: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    small = _SMALL
    for number, doc in enumerate(docs):
        for key, entry in encode_entries(doc, finder).items():
            if only is not None and key not in only:
                continue
            if key in last:
                gap = number - last[key]
                entries[key].append((small[gap] if gap < 4096 else _digits(gap)) + entry)
            else:
                first[key] = number
                entries[key] = [entry]
            last[key] = number
    return {key: (first[key], last[key], "".join(parts)) for key, parts in entries.items()}


class WordFinder(KeyFinder):
    """A :class:`KeyFinder` of only some vocabulary words (each all Han, three or more
    characters): finds every occurrence of each, overlapping ones included, which is where
    :meth:`KeyFinder.keys` finds them (a Han word lies inside a run of Han characters).

    Args:
        words: the words (already folded, as :attr:`KeyFinder.words` holds them).
    """

    def __init__(self, words: Iterable[str]):
        super().__init__(())
        self.words = set(words)

    def keys(self, text: str) -> dict[str, list[int]]:
        """Word -> its positions in ``text`` (ascending); words not in ``text`` are left out."""
        found: dict[str, list[int]] = {}
        for word in self.words:
            at = text.find(word)
            while at >= 0:
                found.setdefault(word, []).append(at)
                at = text.find(word, at + 1)
        return found
