"""Mention detection: longest match over all aliases, at jieba token boundaries.

The private tokenizer (:mod:`vdiplo_site.segment`) has every surface form of the gazetteer as a
word, so a name is never split and a shorter name never matches inside a longer different one
(日本 inside 日本台灣交流協會 is the organisation). Surface forms with spaces (``Five Eyes``)
span several tokens and are matched across them.

Three rules refine the plain match, each decided with the segmenter's own boundaries:

* a source's declared abbreviations (:mod:`.declarations`) are put over its surface forms;
* a name inside a longer token that is no name (jieba keeps 日本政府 and 日本首相 whole) is found
  when jieba's own cut of that token without the whole word has the name as a word and
  every other word of the cut has two characters or more (日本|政府; not 中|南海 in 中南海);
* a name glued to 長 as a title (外交部|長, 行政院|長) names the office-holder, not the body:
  no mention (:func:`~vdiplo_site.segment.title_follows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import jieba

from ..model import FOOTNOTE_REF, Document, Entity, Mention, Passage, iter_passages
from ..segment import base_tokenizer, parts, simplified, title_follows, tokens
from .declarations import bind, find_declarations

#: How far around a name :func:`inside_word` looks for a longer dictionary word, in characters.
AROUND = 6


def surface_index(entities: Iterable[Entity], source_id: str) -> dict[str, str]:
    """Surface form -> entity id for one source (scoped aliases of that source included)."""
    return {form: entity.id for entity in entities for form in entity.surface_forms(source_id)}


def source_forms(document: Document, entities: Iterable[Entity]) -> dict[str, str]:
    """Surface form -> entity id for ``document``'s source: :func:`surface_index` with the
    abbreviations the source declares bound over it (:func:`.declarations.bind`)."""
    forms = surface_index(entities, document.spec.id)
    return bind(forms, find_declarations(document.spec.id, iter_passages(document), forms))


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
    found: list[tuple[str, int, int]] = []
    i = 0
    while i < len(toks):
        best = _longest_run(masked, toks, i, forms, prefixes)
        if best is None:
            found += inner_names(toks[i][0], toks[i][1], forms, tokenizer)
            i += 1
            continue
        (entity_id, end, after), start = best, toks[i][1]
        if not title_follows(tokenizer, masked, end) and not inside_word(
            masked, start, end, forms, tokenizer
        ):
            found.append((entity_id, start, end))
        i = after
    return found


def inside_word(
    text: str, start: int, end: int, forms: Mapping[str, str], tokenizer: jieba.Tokenizer
) -> bool:
    """Whether the name ``text[start:end]`` is only a piece of a longer word, by jieba's own cut.

    Quirk: the gazetteer's words outweigh jieba's own, so 發展中國家 ("developing countries") is
    cut 發展|中國|家 and 中國 would match. Here the text around the name (:data:`AROUND`
    characters either side, in Simplified) is cut with jieba's dictionary alone
    (:func:`~vdiplo_site.segment.base_tokenizer`); a word of that cut holding the name and
    more, and no surface form itself, is cut again without the whole word
    (:func:`~vdiplo_site.segment.parts`). The name stands when it starts and ends at boundaries
    of that cut and every other part has two characters or more (中國|政府, 美國|康乃爾|大學),
    and is a piece otherwise (發展中|國家, 美國|之|音). ``tokenizer`` is unused (kept for a
    uniform signature).
    """
    left, right = max(0, start - AROUND), min(len(text), end + AROUND)
    folded = simplified(text[left:right])
    base, s, e = base_tokenizer(), start - left, end - left
    if len(folded) != right - left or not _held_by_word(base.FREQ, folded, s, e):
        return False  # no word of the dictionary holds the name: the common case, decided fast
    for word, a, b in base.tokenize(folded, HMM=False):
        if a <= s and e <= b and b - a > e - s:
            if text[left + a : left + b] in forms:
                return False
            cut = parts(base, word)
            bounds = {offset for _, offset in cut} | {len(word)}
            if s - a not in bounds or e - a not in bounds:
                return True
            return any(len(part) < 2 for part, offset in cut if not s - a <= offset < e - a)
    return False


def _held_by_word(freq: Mapping[str, int], text: str, start: int, end: int) -> bool:
    """Whether a word of jieba's dictionary ``freq`` longer than ``text[start:end]`` holds it
    (``freq`` holds every prefix of its words, with 0 for those that are no word)."""
    for a in range(start, -1, -1):
        b = a + 1
        while b <= len(text) and text[a:b] in freq:
            if b >= end and b - a > end - start and freq[text[a:b]]:
                return True
            b += 1
    return False


def inner_names(
    token: str, start: int, forms: Mapping[str, str], tokenizer: jieba.Tokenizer
) -> list[tuple[str, int, int]]:
    """Names inside ``token`` (at ``start`` in the text), a token that is no surface form.

    Quirk: jieba keeps some dictionary words whole that hold a name (日本政府, 日本首相), so the
    name is no token of its own. The token is cut again by the tokenizer itself without the
    whole word (:func:`~vdiplo_site.segment.parts`); its names are found when every other part
    is a word of two characters or more: 日本|政府 gives 日本; 中|南海 (中南海, Zhongnanhai)
    and 北大|概 give nothing. Returns ``(entity_id, start, end)`` triples, in order.
    """
    if len(token) < 2 or token in forms:
        return []
    cut = parts(tokenizer, token)
    names = [
        (forms[part], start + offset, start + offset + len(part)) for part, offset in cut if part in forms
    ]
    if names and all(len(part) >= 2 for part, _ in cut if part not in forms):
        return names
    return []


def _longest_run(
    text: str, toks: list[tuple[str, int, int]], i: int, forms: Mapping[str, str], prefixes: frozenset[str]
) -> tuple[str, int, int] | None:
    """``(entity_id, end, next token)`` of the longest run of tokens from ``toks[i]`` that is a
    surface form, or ``None``."""
    start, best = toks[i][1], None
    for j in range(i, len(toks)):
        end = toks[j][2]
        run = text[start:end]
        if run not in prefixes:
            break
        entity_id = forms.get(run)
        if entity_id is not None and _word_edges(text, start, end):
            best = (entity_id, end, j + 1)
    return best


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
    return mentions_in(
        document.spec.id, tuple(iter_passages(document)), source_forms(document, entities), tokenizer
    )


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
