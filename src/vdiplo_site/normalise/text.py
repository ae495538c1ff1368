"""Text helpers shared by the normalisation steps of several formats."""

from __future__ import annotations

import re

#: Han characters: CJK Unified Ideographs, Extension A, Compatibility Ideographs (a regex class
#: body, to use inside ``[...]``; the same ranges as ``HAN`` in search/engine.js).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK ideographs, CJK punctuation and full-width forms: characters between which a space is
# never part of the text in these sources.
CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2026\u00b7\u2027"
_CJK_GAP = re.compile(rf"(?<=[{CJK}])[ \t\u00a0]+(?=[{CJK}])")
_SENTENCE_END = re.compile(r"[。！？；：」』）》〉\)\.!?…]\s*$")


def is_cjk(char: str) -> bool:
    """Return whether ``char`` (one character) is a CJK ideograph or CJK/full-width punctuation."""
    return bool(re.match(f"[{CJK}]", char))


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one hard-wrapped paragraph.

    Returns ``left + right`` with no space when either side of the join is CJK, and with one
    space between Latin words (``"civil" + "society"`` -> ``"civil society"``). Quirk: hard
    wraps of PDF dumps (002, 004) and page breaks (001).
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return f"{left} {right}"


def remove_cjk_spaces(text: str) -> str:
    """Remove spaces between two CJK characters, keeping spaces in Latin phrases.

    Quirk: 002's PDF dump inserts spaces between CJK characters (``全 球 化`` -> ``全球化``).
    """
    return _CJK_GAP.sub("", text)


def ends_sentence(text: str) -> bool:
    """Return whether ``text`` ends with sentence-final punctuation (so a break after it is real)."""
    return bool(_SENTENCE_END.search(text))
