"""Mention detection: longest match over all aliases, at jieba token boundaries.

The private tokenizer (:mod:`vdiplo_site.segment`) has every surface form of the gazetteer as a
word, so a name is never split and a shorter name never matches inside a longer different one
(日本 inside 日本台灣交流協會 is the organisation). Surface forms with spaces (``Five Eyes``)
span several tokens and are matched across them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import jieba

from ..model import FOOTNOTE_REF, Document, Entity, Mention, Passage, iter_passages
from ..segment import tokens


def surface_index(entities: Iterable[Entity], source_id: str) -> dict[str, str]:
    """Surface form -> entity id for one source (scoped aliases of that source included)."""
    return {form: entity.id for entity in entities for form in entity.surface_forms(source_id)}


def form_prefixes(forms: Iterable[str]) -> frozenset[str]:
    """Every non-empty prefix of every surface form (to stop extending a run early)."""
    return frozenset(form[:k] for form in forms for k in range(1, len(form) + 1))


def match_text(
    text: str, forms: Mapping[str, str], tokenizer: jieba.Tokenizer, prefixes: frozenset[str] | None = None
) -> list[tuple[str, int, int]]:
    """Find mentions in ``text``: ``(entity_id, start, end)`` character offsets, in order.

    At each token the longest run of tokens whose text is a surface form wins; matching
    resumes after it. A run is extended token by token only while its text is a prefix of
    some form (``prefixes``, from :func:`form_prefixes`; computed when not given), which finds
    the same runs as trying every run up to the longest form, far faster. Footnote references
    ``[^N]`` never match, and a match never starts or ends inside a Latin word or number
    (jieba splits ``EUR`` into ``EU`` + ``R`` when ``EU`` is a dictionary word).
    """
    prefixes = form_prefixes(forms) if prefixes is None else prefixes
    masked = FOOTNOTE_REF.sub(lambda m: "\0" * len(m.group()), text)
    toks = tokens(tokenizer, masked)
    found, i = [], 0
    while i < len(toks):
        start, best = toks[i][1], None
        for j in range(i, len(toks)):
            end = toks[j][2]
            run = masked[start:end]
            if run not in prefixes:
                break
            entity_id = forms.get(run)
            if entity_id is not None and _word_edges(masked, start, end):
                best = (entity_id, end, j + 1)
        if best is None:
            i += 1
            continue
        found.append((best[0], start, best[1]))
        i = best[2]
    return found


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _word_edges(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` does not cut a Latin word or number at either end."""
    cuts_left = start > 0 and _ascii_alnum(text[start - 1]) and _ascii_alnum(text[start])
    cuts_right = end < len(text) and _ascii_alnum(text[end - 1]) and _ascii_alnum(text[end])
    return not (cuts_left or cuts_right)


def find_mentions(
    document: Document, entities: tuple[Entity, ...], tokenizer: jieba.Tokenizer
) -> tuple[Mention, ...]:
    """All mentions in ``document``'s passages (headings, blocks, footnotes), in page order.

    Input: a normalised document with passage ids; the gazetteer; the private tokenizer from
    :func:`vdiplo_site.segment.make_tokenizer`.
    """
    forms = surface_index(entities, document.spec.id)
    return mentions_in(document.spec.id, tuple(iter_passages(document)), forms, tokenizer)


def mentions_in(
    source_id: str, passages: Sequence[Passage], forms: Mapping[str, str], tokenizer: jieba.Tokenizer
) -> tuple[Mention, ...]:
    """All mentions in ``passages`` of source ``source_id``, in order, with the source's
    surface ``forms`` (:func:`surface_index`)."""
    prefixes = form_prefixes(forms)
    mentions = []
    for passage in passages:
        for entity_id, start, end in match_text(passage.text, forms, tokenizer, prefixes):
            mention = Mention(
                entity_id, source_id, passage.id, passage.section_anchor, start, end, passage.text[start:end]
            )
            mentions.append(mention)
    return tuple(mentions)
