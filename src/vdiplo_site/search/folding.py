"""Traditional/Simplified folding: a character map that makes search script-insensitive.

Both the indexed text and the query are folded character by character to Simplified Chinese
(OpenCC's ``t2s``), so 梅克尔 finds 梅克爾, 台湾 finds 臺灣 and 晉 finds 晋. The map is one
character to one character, so offsets in folded text are offsets in the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..chinese_script import to_simplified
from ..text import HAN_RANGES


@lru_cache(maxsize=1)
def t2s_single() -> dict[str, str]:
    """Every CJK character whose OpenCC t2s form is a different single character."""
    chars = [chr(code) for start, end in HAN_RANGES for code in range(start, end + 1)]
    converted = to_simplified("\n".join(chars)).split("\n")
    return {t: s for t, s in zip(chars, converted, strict=True) if len(s) == 1 and s != t}


def fold_map(texts: Iterable[str]) -> dict[str, str]:
    """The Traditional -> Simplified pairs a search over ``texts`` needs, sorted by character.

    Returns every pair whose Simplified character occurs in the folded ``texts``: enough to
    fold the text itself and any query in either script that can match it, and nothing else
    (a few thousand pairs instead of the whole table).
    """
    table = t2s_single()
    chars: set[str] = set()
    for text in texts:
        chars.update(text)
    folded = {table.get(char, char) for char in chars}
    return dict(sorted((t, s) for t, s in table.items() if s in folded))


def fold(text: str, pairs: dict[str, str]) -> str:
    """``text`` folded with ``pairs``, lower-cased, full-width ASCII made half-width.

    One character in, one character out (a character whose lower case is longer is kept).
    This is the same rule as ``fold`` in ``engine.js``.
    """
    out = []
    for char in text:
        char = pairs.get(char, char)
        if "\uff01" <= char <= "\uff5e":
            char = chr(ord(char) - 0xFEE0)
        lower = char.lower()
        out.append(lower if len(lower) == 1 else char)
    return "".join(out)
