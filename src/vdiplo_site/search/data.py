"""Search data: the knowledge base as search documents, plus the vocabulary and folding map.

Written to ``kb/search-data.json`` by the pipeline; renderer-independent (locations are kb/
paths and anchors). The MkDocs plugin turns it into the site's search index, and
``engine.js`` searches it, in the browser and in ``vdiplo-site search`` alike.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from ..cache import CODE_DIGEST, Cache, digest
from ..knowledge import KnowledgeBase
from ..model import Document, Entity, iter_passages, strip_footnote_refs
from ..segment import tokenizer_for, tokens
from ..text import HAN
from ..workers import map_in_order, shared
from ..writer.paths import TYPE_NAMES, entity_path, source_path
from .aliases import build_aliases
from .folding import fold, fold_map
from .postings import Folder

VERSION = 1
_HAN = re.compile(f"[{HAN}]")


@dataclass(frozen=True)
class SearchDoc:
    """One searchable unit.

    Attributes:
        page: the kb/ path of its page (``sources/x.md``).
        anchor: the passage anchor on that page (``p-3-2``, ``fn:12``), ``""`` for a page.
        title: what a result shows as its heading (section heading, page or entity name).
        text: plain text shown and searched (footnote references removed).
        kind: ``source`` (a source page), ``passage``, ``note`` or ``entity``.
        names: for entities, every name that should find the page (canonical, English, aliases).
        context: for passages and notes, the title of their page (weak evidence: a passage of
            the article 價值觀外交 is about 價值觀外交 even where its text does not say so).
        where: what a result shows as its place: the source's short label and the section
            path (``2024 年外交工作回顧 › 一、… › (一) …``); for an entity, its type.
        mentioned: for passages and notes, the canonical names of the entities it mentions
            that its text does not write (蔡英文 for a passage saying 蔡總統): searched like
            ``context``, so a passage is found by the names of what it mentions.
    """

    page: str
    anchor: str
    title: str
    text: str
    kind: str
    names: tuple[str, ...] = ()
    context: str = ""
    where: str = ""
    mentioned: tuple[str, ...] = ()


def search_docs(kb: KnowledgeBase) -> list[SearchDoc]:
    """Source pages, their passages (paragraphs, items, notes) and entity pages, in kb order."""
    docs: list[SearchDoc] = []
    mentioned = _mentioned(kb)
    for document in kb.documents:
        page = source_path(document.spec.id)
        headings = {s.anchor: s.heading for s in document.sections}
        paths = section_paths(document)
        label = short_label(document.spec.label)
        docs.append(SearchDoc(page, "", document.spec.label, "", "source", where=label))
        for passage in iter_passages(document):
            if passage.id.startswith("s-"):
                continue  # headings are searched as the title of their passages
            note = passage.id.startswith("fn:")
            title = (
                f"註 {passage.id[3:]}"
                if note
                else (headings.get(passage.section_anchor) or document.spec.label)
            )
            text = strip_footnote_refs(passage.text)
            place = " › ".join([label, *(() if note else paths.get(passage.section_anchor, ()))])
            names = tuple(n for n in mentioned.get((document.spec.id, passage.id), ()) if n not in text)
            docs.append(
                SearchDoc(
                    page,
                    passage.id,
                    title,
                    text,
                    "note" if note else "passage",
                    (),
                    document.spec.label,
                    place,
                    names,
                )
            )
    docs.extend(_entity_doc(entity) for entity in kb.entities)
    return docs


#: Longest source label shown whole with a result; a longer one is cut at its first colon.
SHORT_LABEL = 16


def short_label(label: str) -> str:
    """A source's label as a result shows it: whole when short, else the part before its first
    colon (a descriptive label such as 第二軌道外交與全球治理：扁政府時期的個案研究（文本未載題名）
    -> 第二軌道外交與全球治理)."""
    if len(label) <= SHORT_LABEL:
        return label
    return re.split("[：:]", label, maxsplit=1)[0]


def section_paths(document: Document) -> dict[str, tuple[str, ...]]:
    """Section anchor -> the headings from the top-level section down to it (sections are flat
    with levels; the lead, level 0 with no heading, has an empty path)."""
    paths: dict[str, tuple[str, ...]] = {}
    stack: list[tuple[int, str]] = []
    for section in document.sections:
        if section.level <= 0 or not section.heading:
            paths[section.anchor] = ()
            continue
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        stack.append((section.level, section.heading))
        paths[section.anchor] = tuple(heading for _, heading in stack)
    return paths


def _mentioned(kb: KnowledgeBase) -> dict[tuple[str, str], tuple[str, ...]]:
    """(source id, passage id) -> the canonical names of the entities mentioned there, each
    once, in mention order. (Their other names reach the passage through the query aliases,
    :mod:`.aliases`: ``Tsai Ing-wen`` -> 蔡英文.)"""
    found: dict[tuple[str, str], dict[str, None]] = {}
    for mention in kb.mentions:
        names = found.setdefault((mention.source_id, mention.passage_id), {})
        names[kb.entity(mention.entity_id).name] = None
    return {key: tuple(names) for key, names in found.items()}


def _entity_doc(entity: Entity) -> SearchDoc:
    names = tuple(dict.fromkeys(n for n in (entity.name, entity.english, *entity.surface_forms()) if n))
    facts = " · ".join([TYPE_NAMES[entity.type], *names[1:]])
    return SearchDoc(
        entity_path(entity), "", entity.name, facts, "entity", names, where=TYPE_NAMES[entity.type]
    )


#: Characters of text per piece of vocabulary work, and the least in all worth several cores.
VOCABULARY_CHUNK_CHARS = 100_000
VOCABULARY_PARALLEL_MIN_CHARS = 400_000


def vocabulary(
    docs: list[SearchDoc], entities: tuple[Entity, ...], pairs: dict[str, str], cache: Cache | None = None
) -> list[str]:
    """Folded words for query segmentation: jieba's words of the indexed text and every
    entity name.

    The text is folded to Simplified before jieba cuts it (jieba's own dictionary is
    Simplified, so it cuts folded text far better), with every folded entity name in the
    private tokenizer's user dictionary so that names are never split. Only words of two or
    more characters holding a Han character are kept (the engine falls back to single
    characters and substrings for the rest). Sorted, without repeats. Each page's words are
    kept in ``cache`` (keyed by its texts, the names and the code), so a rebuild cuts only
    changed pages; a large amount of text is cut on every core
    (:func:`vdiplo_site.workers.map_in_order`).
    """
    cache = cache or Cache(None)
    names = {fold(form, pairs) for entity in entities for form in entity.surface_forms()}
    names_key = digest(*sorted(names))
    pages: dict[str, list[str]] = {}
    for doc in docs:
        pages.setdefault(doc.page, []).extend((doc.title, doc.text))
    keys = {page: digest("vocabulary", CODE_DIGEST, names_key, *texts) for page, texts in pages.items()}
    words = set(names)
    missing = {}
    for page, key in keys.items():
        stored = cache.get("vocabulary", key)
        if stored is None:
            missing[page] = pages[page]
        else:
            words.update(stored)
    chunks = [(page, piece) for page, texts in missing.items() for piece in _pieces(texts)]
    parallel = sum(len(text) for _, piece in chunks for text in piece) >= VOCABULARY_PARALLEL_MIN_CHARS
    found: dict[str, set[str]] = {page: set() for page in missing}
    share = (tokenizer_for(names), pairs)
    for (page, _), cut in zip(
        chunks,
        map_in_order(_words, [piece for _, piece in chunks], share=share, parallel=parallel),
        strict=True,
    ):
        found[page] |= cut
    for page, cut in found.items():
        cache.put("vocabulary", keys[page], sorted(cut))
        words |= cut
    return sorted(w for w in words if len(w) >= 2 and _HAN.search(w) and not re.search(r"\s", w))


def _pieces(texts: list[str]) -> list[list[str]]:
    """``texts`` in consecutive pieces of about :data:`VOCABULARY_CHUNK_CHARS` characters."""
    pieces: list[list[str]] = [[]]
    size = 0
    for text in texts:
        if size >= VOCABULARY_CHUNK_CHARS:
            pieces.append([])
            size = 0
        pieces[-1].append(text)
        size += len(text)
    return pieces


def _words(texts: list[str]) -> set[str]:
    """The jieba words of ``texts``, folded (the tokenizer and fold map come from :func:`shared`)."""
    tokenizer, pairs = shared()
    return {token for text in texts for token, _, _ in tokens(tokenizer, fold(text, pairs))}


def build_search_data(kb: KnowledgeBase, cache: Cache | None = None) -> dict:
    """The whole search data: ``{"version", "fold", "vocab", "aliases", "docs"}`` (JSON-ready).

    ``aliases`` maps mainland and English forms to the corpus words they stand for
    (:func:`.aliases.build_aliases`).

    ``fold`` is the Traditional -> Simplified map as one string of character pairs; ``docs``
    are :class:`SearchDoc` dicts in kb order.
    """
    docs = search_docs(kb)
    pairs = fold_map(
        text for doc in docs for text in (doc.title, doc.text, doc.context, *doc.names, *doc.mentioned)
    )
    vocab = vocabulary(docs, kb.entities, pairs, cache)
    texts = [text for doc in docs if doc.kind != "entity" for text in (doc.title, doc.text)]
    return {
        "version": VERSION,
        "fold": "".join(t + s for t, s in pairs.items()),
        "vocab": vocab,
        "aliases": build_aliases(kb, texts, vocab, Folder(pairs)),
        "docs": [asdict(doc) for doc in docs],
    }


def dump_search_data(kb: KnowledgeBase, cache: Cache | None = None) -> str:
    """:func:`build_search_data` as compact, deterministic JSON text (``cache``: see
    :func:`vocabulary`)."""
    return json.dumps(build_search_data(kb, cache), ensure_ascii=False, separators=(",", ":")) + "\n"
