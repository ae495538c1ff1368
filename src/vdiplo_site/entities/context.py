"""What the text around a mention says: its sentence, definitions, and dates.

All of it is quotation: a sentence is cut from the passage as the source writes it (footnote
references removed), never paraphrased.
"""

from __future__ import annotations

import re

from ..knowledge import Quotation
from ..model import Entity, Mention, strip_footnote_refs

_SENTENCE_END = "。！？!?"
MAX_QUOTE = 160  # characters of context kept on each side of a mention in a long sentence
# 「X」係指…, X是指…, 所謂「X」…: the source defining or characterising X.
_DEFINING_AFTER = re.compile(r"^[」』]?\s*(?:係指|是指|意指|乃指|即指|指的是|被定義為|定義為|一詞)")
_DEFINING_BEFORE = re.compile(r"所謂[「『]?\s*$")
# The mention opens its sentence and the sentence says what it 指 (通常指…, 是指…).
_DEFINING_VERB = re.compile(r"係指|是指|意指|乃指|即指|通常指|泛指|指的是|定義為")
# 2007年9月, 2024 年 8 月, 2003年, 1990年代: a Western year (1900-2099), optionally with a
# month, or a decade.
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?:(代)|\s*(\d{1,2})\s*月)?")


def sentence_span(block_text: str, mention: Mention) -> tuple[int, int]:
    """``(start, end)`` of the sentence of ``block_text`` holding ``mention``.

    A sentence runs from after the previous 。！？ to its own end mark (included), or to the
    end of the passage.
    """
    start = max((block_text.rfind(mark, 0, mention.start) for mark in _SENTENCE_END), default=-1) + 1
    ends = [i for i in (block_text.find(mark, mention.end) for mark in _SENTENCE_END) if i >= 0]
    return start, (min(ends) + 1 if ends else len(block_text))


def quote(block_text: str, mentions: list[Mention]) -> Quotation:
    """The sentence of ``block_text`` holding ``mentions`` (all in one sentence, in order).

    Text more than :data:`MAX_QUOTE` characters before the first or after the last mention is
    elided with ``…``; footnote references are removed.
    """
    start, end = sentence_span(block_text, mentions[0])
    left = max(start, mentions[0].start - MAX_QUOTE)
    right = min(end, mentions[-1].end + MAX_QUOTE)
    pieces, marks, length, cursor = [], [], 0, left
    head = "…" if left > start else ""
    pieces.append(head)
    length += len(head)
    for mention in mentions:
        between = strip_footnote_refs(block_text[cursor : mention.start])
        if cursor == left:
            between = between.lstrip()
        pieces += [between, mention.surface]
        marks.append((length + len(between), length + len(between) + len(mention.surface)))
        length += len(between) + len(mention.surface)
        cursor = mention.end
    pieces.append(strip_footnote_refs(block_text[cursor:right]) + ("…" if right < end else ""))
    return Quotation(tuple(mentions), "".join(pieces), tuple(marks))


def is_definition(block_text: str, mention: Mention, entity: Entity) -> bool:
    """Whether the source defines or characterises the entity at ``mention``.

    True for 「X」係指/是指/意指… and 所謂「X」 around the mention; for a sentence that opens with
    the mention and says what it 指 (X…通常指…); and for a 中文（English） gloss: the mention immediately followed by its English name or an English alias in
    parentheses.
    """
    after = block_text[mention.end : mention.end + 40]
    if _DEFINING_AFTER.search(after) or _DEFINING_BEFORE.search(
        block_text[max(0, mention.start - 4) : mention.start]
    ):
        return True
    start, end = sentence_span(block_text, mention)
    opening = block_text[start : mention.start].strip()
    if opening in ("", "「", "『") and _DEFINING_VERB.search(block_text[mention.end : end]):
        return True
    english = [form for form in (entity.english, *entity.aliases) if form and form.isascii()]
    gloss = re.match(r"^[」』]?\s*[（(]\s*([^）)]+?)\s*[）)]", after)
    return gloss is not None and any(gloss.group(1).lower() == form.lower() for form in english)


def dates(sentence: str) -> list[str]:
    """Dates in ``sentence`` normalised as ``YYYY``, ``YYYY-MM`` or ``YYYYs`` (a decade).

    2007年9月 -> 2007-09, 2024 年 8 月 -> 2024-08, 1990年代 -> 1990s. Only Western years
    1900–2099 written with 年 are read; a month outside 1–12 is dropped.
    """
    found = []
    for year, decade, month in _DATE.findall(sentence):
        if decade:
            found.append(f"{year}s")
        else:
            found.append(f"{year}-{int(month):02d}" if month and 1 <= int(month) <= 12 else year)
    return list(dict.fromkeys(found))
