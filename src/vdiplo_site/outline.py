"""Chinese outline numbering: the markers that number headings (壹、 / 一、 / （一） / 1.).

Chinese papers, government reviews and plain texts number their parts with one family of
markers, outermost first: 壹、貳、參… (formal numerals), 一、二、…, （一）/(一) and 1./1．/1、.
The one definition of those markers: the `pdf-paper`, `pdf-dump`, `mofa-review` and
`plain-text` formats all read heading levels from them.
"""

from __future__ import annotations

import re

#: Formal (banker's) numerals of the outermost level: 壹、貳、參（叁）…
FORMAL_NUMERALS = "壹貳參叁肆伍陸柒捌玖拾"
#: Ordinary numerals of the next levels: 一、 and （一）.
NUMERALS = "一二三四五六七八九十"

#: The markers, outermost first (index = rank), each matching at the start of a stripped line:
#: 壹、 (0), 一、 (1), （一） or (一) (2), 1. / 1． / 1、 (3). A space may follow the number
#: before 、 / . (PDF dumps: ``壹 、``); ``2024.`` or ``1.5`` are no markers.
OUTLINE = (
    re.compile(rf"^[{FORMAL_NUMERALS}]+\s*、"),
    re.compile(rf"^[{NUMERALS}]+\s*、"),
    re.compile(rf"^[（(][{NUMERALS}]+[)）]"),
    re.compile(r"^\d{1,2}\s*[.．、](?!\d)"),
)


def outline_rank(text: str) -> int | None:
    """The rank (index in :data:`OUTLINE`, 0 outermost) of the marker ``text`` starts with.

    Input: one line, outer whitespace stripped. Output: 0–3, or ``None`` for a line without
    a marker (``前言``, ``2024年``).
    """
    return next((rank for rank, pattern in enumerate(OUTLINE) if pattern.match(text)), None)


def nested_levels(ranks: list[int]) -> list[int]:
    """Heading levels (1 = top) for headings of the given marker ranks, in document order.

    A heading is one level below the nearest preceding heading of a lower (outer) rank, so a
    text that starts at 一、 has its 一、 at level 1 and a level is never skipped (a 1. straight
    under 一、 is level 2). Example: ranks ``[1, 2, 3, 2, 1]`` -> ``[1, 2, 3, 2, 1]``;
    ``[1, 3, 1]`` -> ``[1, 2, 1]``.
    """
    open_ranks: list[int] = []
    levels = []
    for rank in ranks:
        while open_ranks and open_ranks[-1] >= rank:
            open_ranks.pop()
        open_ranks.append(rank)
        levels.append(len(open_ranks))
    return levels
