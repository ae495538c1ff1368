"""Mention detection: longest match over all aliases, at jieba token boundaries.

The private tokenizer (:mod:`vdiplo_site.segment`) has every surface form of the gazetteer as a
word, so a name is never split and a shorter name never matches inside a longer different one
(日本 inside 日本台灣交流協會 is the organisation). Surface forms with spaces (``Five Eyes``)
span several tokens and are matched across them.
"""

from __future__ import annotations

from collections.abc import Iterable

import jieba

from ..model import FOOTNOTE_REF, Document, Entity, Mention, iter_passages
from ..segment import tokens


def surface_index(entities: Iterable[Entity], source_id: str) -> dict[str, str]:
    """Surface form -> entity id for one source (scoped aliases of that source included)."""
    return {form: entity.id for entity in entities for form in entity.surface_forms(source_id)}


def match_text(text: str, forms: dict[str, str], tokenizer: jieba.Tokenizer) -> list[tuple[str, int, int]]:
    """Find mentions in ``text``: ``(entity_id, start, end)`` character offsets, in order.

    At each token the longest run of tokens whose text is a surface form wins; matching resumes after it. Footnote references ``[^N]`` never match, and a
    match never starts or ends inside a Latin word or number (jieba splits ``EUR`` into
    ``EU`` + ``R`` when ``EU`` is a dictionary word).
    """
    masked = FOOTNOTE_REF.sub(lambda m: "\0" * len(m.group()), text)
    toks = tokens(tokenizer, masked)
    longest = max(map(len, forms), default=0)
    found, i = [], 0
    while i < len(toks):
        last = i
        while last < len(toks) and toks[last][2] - toks[i][1] <= longest:
            last += 1
        for j in range(last, i, -1):
            start, end = toks[i][1], toks[j - 1][2]
            entity_id = forms.get(masked[start:end])
            if entity_id is not None and _word_edges(masked, start, end):
                found.append((entity_id, start, end))
                i = j
                break
        else:
            i += 1
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
    mentions = []
    for passage in iter_passages(document):
        for entity_id, start, end in match_text(passage.text, forms, tokenizer):
            mentions.append(
                Mention(
                    entity_id,
                    document.spec.id,
                    passage.id,
                    passage.section_anchor,
                    start,
                    end,
                    passage.text[start:end],
                )
            )
    return tuple(mentions)
