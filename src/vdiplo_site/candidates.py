"""Likely entity names that the gazetteer lacks (``vdiplo-site candidates``).

Four detectors each read one piece of text and return names (never counts):

* :func:`pos_names` — words jieba tags ``nr``/``ns``/``nt``/``nz`` (evidence ``pos:nr`` …);
* ``Document.links`` — the names a source links to (wikitext link targets and labels, read by
  the wikitext reader; evidence ``wikilink``);
* :func:`~vdiplo_site.glosses.gloss_pairs` — ``中文（English）`` pairs (``gloss``), the source
  of ``english``;
* :func:`quoted_terms` — 「…」, 『…』 and 《…》 terms of 2–12 characters (``quoted``).

A second section lists the abbreviations the sources declare for themselves (以下簡稱X …,
:func:`declared_abbreviations`): bound to the entity named before them, or, when the gazetteer
lacks that name, reported here and bound to nothing.

:func:`find_candidates` runs them over the documents of a knowledge base, drops names the
gazetteer already has (:func:`is_known`) and :data:`STOP_WORDS`, and counts each name in each
source's text (:func:`~vdiplo_site.model.document_text`). A curator reads the list and may
have chosen names written into the gazetteer (:mod:`.gazetteer_write`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from jieba.posseg import POSTokenizer

from .console import progress as console_progress
from .entities.declarations import Declaration, find_declarations
from .entities.mentions import surface_index
from .glosses import MAX_NAME, GlossTagger, fold_chars, gloss_pairs, name_tagger
from .model import Document, Entity, document_text, iter_passages, strip_footnote_refs
from .segment import make_tokenizer
from .text import HAN

#: The evidence labels, in the order a candidate lists them.
EVIDENCE = ("pos:nr", "pos:ns", "pos:nt", "pos:nz", "wikilink", "gloss", "quoted")
#: Common words jieba's HMM tags as names in these texts (Traditional Chinese, which its model
#: barely knows): 藉由 "by means of" (nr), 智慧 "smart/wisdom" (nr), 貢獻 "contribution" (nr),
#: 關切 "concern" (nr); and 聯合 / 聯盟 "joint"/"alliance" (nt), generic nouns whose names
#: (聯合國, 五眼聯盟 …) the detectors find in full.
STOP_WORDS = frozenset({"藉由", "智慧", "貢獻", "關切", "聯合", "聯盟"})

_CJK_WORD = re.compile(f"[{HAN}]{{2,}}")
# Particles, prepositions, conjunctions and the prefix 非 that jieba's HMM glues onto a word.
_PARTICLES = frozenset("的之於等與及和在是了非")
_POS_EVIDENCE = {"nr": "pos:nr", "ns": "pos:ns", "nt": "pos:nt", "nz": "pos:nz"}
_QUOTED = re.compile("「([^「」]+)」|『([^『』]+)』|《([^《》]+)》")
_PHRASE_PUNCT = re.compile(r"[，。；：！？,;:!?]")
# What may remain of a name once known surface forms are cut out, and it still count as known.
_FILLER = re.compile(r"[\s\0、，,・·\-的之與及和]")


@dataclass(frozen=True)
class Candidate:
    """A name some detector proposes and the gazetteer lacks.

    Attributes:
        name: the name as the source writes it.
        evidence: which detectors found it, in :data:`EVIDENCE` order.
        counts: ``(source_id, occurrences)`` for every source whose :func:`document_text`
            holds the name, in manifest order (occurrences as ``str.count``: non-overlapping).
        english: the English of a ``中文（English）`` gloss (the most frequent one), or ``None``.
    """

    name: str
    evidence: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]
    english: str | None = None

    @property
    def total(self) -> int:
        """Occurrences in all sources."""
        return sum(count for _, count in self.counts)


def pos_names(text: str, tagger: POSTokenizer) -> list[tuple[str, str]]:
    """``(word, evidence)`` for words of ``text`` tagged nr/ns/nt/nz (tags like ``nrt`` too).

    ``text`` is tagged folded to Simplified (:func:`fold_chars`, one character for one, so
    each word is cut back out of ``text`` as the source writes it): jieba's model and
    dictionary are Simplified, and on Traditional text its HMM both tags worse and, knowing
    no state of most characters, runs about fifty times slower. ``tagger`` must be built on
    folded gazetteer names (:func:`name_tagger`). Only words of two or more CJK characters
    and nothing else are kept, and a word jieba's HMM made up (not in its dictionary) only if
    it neither starts nor ends with a particle: the HMM glues them on (於國, 國際事務的).
    """
    text = strip_footnote_refs(text)
    found, offset = [], 0
    for pair in tagger.cut(fold_chars(text)):
        word, offset = text[offset : offset + len(pair.word)], offset + len(pair.word)
        evidence = _POS_EVIDENCE.get(pair.flag[:2])
        invented = not tagger.tokenizer.FREQ.get(pair.word)
        glued = word[0] in _PARTICLES or word[-1] in _PARTICLES
        if evidence and _CJK_WORD.fullmatch(word) and not (invented and glued):
            found.append((word, evidence))
    return found


def quoted_terms(text: str) -> list[str]:
    """Terms of 2–:data:`MAX_NAME` characters in 「」, 『』 or 《》; no phrases (no ，。；：…)."""
    terms = []
    for match in _QUOTED.finditer(strip_footnote_refs(text)):
        term = next(group for group in match.groups() if group is not None).strip()
        if 2 <= len(term) <= MAX_NAME and not _PHRASE_PUNCT.search(term):
            terms.append(term)
    return terms


def is_known(name: str, forms: Iterable[str], texts: Iterable[str]) -> bool:
    """Whether ``name`` adds nothing to a gazetteer with surface ``forms``.

    Known are: a form itself (case-insensitive); a name made only of forms (and separators such
    as 、 or 的: 日本與美國); and a part of a longer form that never occurs in ``texts`` outside
    that form (交流協會 when only 日本台灣交流協會 holds it). A part that also stands alone
    (台灣, when only 日本台灣交流協會 is known) and a form plus other words (日本政府) are not.
    """
    forms = {form.casefold() for form in forms if form}
    folded = name.casefold()
    if folded in forms:
        return True
    rest = folded
    for form in sorted((f for f in forms if f in folded), key=len, reverse=True):
        rest = rest.replace(form, "\0")
    if not _FILLER.sub("", rest):
        return True
    holders = sorted((f for f in forms if folded in f), key=len, reverse=True)
    if not holders:
        return False
    for text in texts:
        text = text.casefold()
        for holder in holders:
            text = text.replace(holder, "\0")
        if folded in text:
            return False
    return True


def detect(
    documents: Sequence[Document], entities: Sequence[Entity], progress: TextIO | None = None
) -> dict[str, tuple[set[str], Counter]]:
    """Run every detector over every passage of every document: name -> (evidence labels,
    English glosses with their counts). With ``progress``, a bar over the passages on that
    stream (a terminal only)."""
    tagger, gloss_tagger = name_tagger(entities), GlossTagger.over(make_tokenizer(entities))
    found: dict[str, tuple[set[str], Counter]] = defaultdict(lambda: (set(), Counter()))
    passages = [passage for document in documents for passage in iter_passages(document)]
    for passage in console_progress(passages, progress, "candidates", len(passages)):
        for word, evidence in pos_names(passage.text, tagger):
            found[word][0].add(evidence)
        for name, english in gloss_pairs(passage.text, gloss_tagger):
            found[name][0].add("gloss")
            found[name][1][english] += 1
        for term in quoted_terms(passage.text):
            found[term][0].add("quoted")
    for document in documents:
        for name in document.links:
            found[name][0].add("wikilink")
    return dict(found)


def find_candidates(
    documents: Sequence[Document],
    entities: Sequence[Entity],
    *,
    min_count: int = 2,
    limit: int | None = None,
    explained: Mapping[str, str] | None = None,
    progress: TextIO | None = None,
    source_id: str | None = None,
) -> list[Candidate]:
    """Likely entity names missing from the gazetteer, most frequent first (then by name).

    With ``source_id`` (a source just added), only the names that source holds: found by the
    detectors in that source alone (its own 中文（English） glosses give the English), ranked
    by their count in it, then in all sources.

    Args:
        documents: normalised documents (a knowledge base's ``documents``).
        entities: the gazetteer (a knowledge base's ``entities``).
        min_count: drop names with fewer occurrences in all sources together.
        limit: return at most this many (``None``: all).
        explained: names deliberately kept out of the gazetteer (name -> reason, from
            ``not-entities.yaml``), left out of the result; a fragment of an explained name
            goes too (聯網 inside 物聯網, see :func:`drop_fragments`).
        progress: a stream for a progress bar over the passages (see :func:`detect`).
    """
    explained = explained or {}
    forms = {form for entity in entities for form in entity.surface_forms()}
    texts = {document.spec.id: document_text(document) for document in documents}
    candidates = []
    searched = [document for document in documents if source_id in (None, document.spec.id)]
    for name, (evidence, english) in detect(searched, entities, progress).items():
        counts = tuple((sid, text.count(name)) for sid, text in texts.items() if name in text)
        if name in STOP_WORDS or sum(n for _, n in counts) < min_count:
            continue
        if is_known(name, forms, texts.values()):
            continue
        gloss = min(english.items(), key=lambda item: (-item[1], item[0]))[0] if english else None
        candidates.append(Candidate(name, tuple(e for e in EVIDENCE if e in evidence), counts, gloss))
    candidates = [c for c in drop_fragments(candidates) if c.name not in explained]
    candidates.sort(
        key=lambda candidate: (
            -dict(candidate.counts).get(source_id or "", 0),
            -candidate.total,
            candidate.name,
        )
    )
    return candidates if limit is None else candidates[:limit]


def drop_fragments(candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` without those that only occur inside a longer one (same counts).

    E.g. 國際社 (114 occurrences, jieba's cut) goes when 國際社會 has the same 114 in every
    source; 非政府 (61) stays beside 非政府組織 (56). Order is kept.
    """
    return [
        candidate
        for candidate in candidates
        if not any(
            candidate.name in other.name and candidate.name != other.name and candidate.counts == other.counts
            for other in candidates
        )
    ]


def format_candidate(candidate: Candidate) -> str:
    """One tab-separated line: total, name, English (``-`` if none), ``id=n`` counts, evidence."""
    counts = " ".join(f"{source_id}={count}" for source_id, count in candidate.counts)
    return "\t".join(
        (str(candidate.total), candidate.name, candidate.english or "-", counts, ",".join(candidate.evidence))
    )


def declared_abbreviations(documents: Sequence[Document], entities: Sequence[Entity]) -> list[Declaration]:
    """Every abbreviation the ``documents`` declare (中華人民共和國（以下簡稱中共）), in manifest then
    page order, each with the entity it is bound to, or ``entity_id`` ``None`` when the name
    before it is not in the gazetteer (:func:`~vdiplo_site.entities.declarations.find_declarations`)."""
    return [
        declaration
        for document in documents
        for declaration in find_declarations(
            document.spec.id, iter_passages(document), surface_index(entities, document.spec.id)
        )
    ]


def format_declaration(declaration: Declaration) -> str:
    """One tab-separated line: source, abbreviation, entity id (``-`` when unbound), passage, and
    the name before it as written."""
    return "\t".join(
        (
            declaration.source_id,
            declaration.abbreviation,
            declaration.entity_id or "-",
            declaration.passage_id,
            declaration.name,
        )
    )
