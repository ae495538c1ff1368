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

_SENTENCE_END = "。！？!?"
MAX_QUOTE = 160  # characters of context kept on each side of a mention in a long sentence


def sentence_span(block_text: str, mention: Mention) -> tuple[int, int]:
    """``(start, end)`` of the sentence of ``block_text`` holding ``mention``.

    A sentence runs from after the previous 。！？ to its own end mark (included), or to the
    end of the passage.
    """
    marks = _end_marks(block_text)
    before = bisect_left(marks, mention.start)  # marks ending a sentence before the mention
    after = bisect_left(marks, mention.end)  # the first mark at or after the mention's end
    start = marks[before - 1] + 1 if before else 0
    return start, (marks[after] + 1 if after < len(marks) else len(block_text))


_END_MARK = re.compile(f"[{re.escape(_SENTENCE_END)}]")


@lru_cache(maxsize=1 << 16)
def _end_marks(block_text: str) -> tuple[int, ...]:
    """Offsets of every sentence end mark in ``block_text`` (a passage is asked once per
    mention: its marks are found once)."""
    return tuple(found.start() for found in _END_MARK.finditer(block_text))


def quote(block_text: str, mentions: list[Mention], span: tuple[int, int] | None = None) -> Quotation:
    """The sentence of ``block_text`` holding ``mentions`` (all in one sentence, in order), or
    the given ``span`` of it (a title, two sentences) holding them.

    Text more than :data:`MAX_QUOTE` characters before the first or after the last mention is
    elided with ``…``; footnote references are removed.
    """
    start, end = span or sentence_span(block_text, mentions[0])
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
