"""The sentence around a mention, quoted (definitions: :mod:`.defining`; dates: :mod:`.dating`).

All of it is quotation: a sentence is cut from the passage as the source writes it (footnote
references removed), never paraphrased.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..knowledge import Quotation
from ..model import Mention, strip_footnote_refs
from ..text import HAN

# Marks that always end a sentence; ASCII ? and ! end one only where CJK text or the end of the
# passage follows (not in ``news.php?no=…`` or the English title ``Value-diplomacy or Realism? :``).
_SENTENCE_END = "。！？"
_LATIN_END = re.compile(rf"[?!](?=\s*(?:$|[{HAN}]))")
# Where a quote cut inside a long sentence may start or end: after a clause mark or bracket,
# else at a space, so that it never starts or ends inside a word (「…列 1 億美元」 for 編列).
_CLAUSE_EDGE = re.compile(r"[，、；：「」『』《》〈〉（）()]")
_SPACE_EDGE = re.compile(r"\s")
MAX_QUOTE = 160  # characters of context kept on each side of a mention in a long sentence


def sentence_span(block_text: str, mention: Mention) -> tuple[int, int]:
    """``(start, end)`` of the sentence of ``block_text`` holding ``mention``.

    A sentence runs from after the previous 。！？ to its own end mark (included), or to the
    end of the passage; an ASCII ``?`` or ``!`` ends it only before CJK text or the passage's
    end, never inside a web address or an English title.
    """
    marks = _end_marks(block_text)
    before = bisect_left(marks, mention.start)  # marks ending a sentence before the mention
    after = bisect_left(marks, mention.end)  # the first mark at or after the mention's end
    start = marks[before - 1] + 1 if before else 0
    return start, (marks[after] + 1 if after < len(marks) else len(block_text))


@lru_cache(maxsize=1 << 16)
def _end_marks(block_text: str) -> tuple[int, ...]:
    """Offsets of every sentence end mark in ``block_text`` (:data:`_SENTENCE_END`, and an ASCII
    ``?``/``!`` where :data:`_LATIN_END` allows), ascending (a passage is asked once per mention:
    its marks are found once)."""
    found = [i for i, char in enumerate(block_text) if char in _SENTENCE_END]
    found += [match.start() for match in _LATIN_END.finditer(block_text)]
    return tuple(sorted(found))


def _cut_start(text: str, left: int, limit: int) -> int:
    """Where a quote cut at ``left`` starts: after the first clause edge (else space) before
    ``limit``, so that it does not start inside a word; ``left`` if there is none."""
    for edge in (_CLAUSE_EDGE, _SPACE_EDGE):
        found = edge.search(text, left, limit)
        if found:
            return found.end()
    return left


def _cut_end(text: str, limit: int, right: int) -> int:
    """Where a quote cut at ``right`` ends: after the last clause edge (else at the last space)
    after ``limit``; ``right`` if there is none."""
    for edge in (_CLAUSE_EDGE, _SPACE_EDGE):
        found = [match for match in edge.finditer(text, limit, right)]
        if found:
            return found[-1].end() if edge is _CLAUSE_EDGE else found[-1].start()
    return right


def quote(block_text: str, mentions: list[Mention], span: tuple[int, int] | None = None) -> Quotation:
    """The sentence of ``block_text`` holding ``mentions`` (all in one sentence, in order), or
    the given ``span`` of it (a title, two sentences) holding them.

    Text more than :data:`MAX_QUOTE` characters before the first or after the last mention is
    elided with ``…``, the cut moved to the nearest clause mark or space inside the window so
    that the quote never starts or ends inside a word; footnote references are removed.
    """
    start, end = span or sentence_span(block_text, mentions[0])
    left = max(start, mentions[0].start - MAX_QUOTE)
    if left > start:
        left = _cut_start(block_text, left, mentions[0].start)
    right = min(end, mentions[-1].end + MAX_QUOTE)
    if right < end:
        right = _cut_end(block_text, mentions[-1].end, right)
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
