"""CJK text helpers shared by readers, normalisation steps, mentions and search.

A neutral module: it imports nothing of the package, so every stage of the flow may use it.
It holds the one definition of the Han character class (:data:`HAN_RANGES`, :data:`HAN`) and
of the CJK class whose spaces a PDF dump inserts (:data:`CJK`).
"""

from __future__ import annotations

import re

#: Han characters as ``(first, last)`` code points: CJK Unified Ideographs Extension A, CJK
#: Unified Ideographs, CJK Compatibility Ideographs. ``HAN`` in search/engine.js is tested equal.
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
#: :data:`HAN_RANGES` as a regex class body, to use inside ``[...]``.
HAN = "".join(f"{chr(first)}-{chr(last)}" for first, last in HAN_RANGES)
# CJK ideographs, CJK punctuation and full-width forms: characters between which a space is
# never part of the text in these sources.
CJK = "\u3000-\u303f" + HAN + "\uff00-\uffef\u2014\u2026\u00b7\u2027"
_CJK_GAP = re.compile(rf"(?<=[{CJK}])[ \t\u00a0]+(?=[{CJK}])")
# A number at the end (start) of a wrapped piece, spaced from the text before (after) it.
_SPACED_NUMBER_END = re.compile(r"[ \t][0-9]+$")
_SPACED_NUMBER_START = re.compile(r"^[0-9]+[ \t]")
_NUMBER_TAIL = 24  # characters of a piece's end read for a number
#: A web address as the texts write it (to the next space or closing bracket).
URL = re.compile(r"https?://[^\s)）]+")
#: What :func:`counted_characters` counts: Han characters and Latin letters (with accents).
_COUNTED = re.compile(rf"[{HAN}A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
#: Characters after which a line or page break is a real one (sentence or clause ends, closers).
_SENTENCE_ENDS = frozenset("。！？；：」』）》〉).!?…")


def is_cjk(char: str) -> bool:
    """Return whether ``char`` (one character) is a CJK ideograph or CJK/full-width punctuation."""
    return bool(re.match(f"[{CJK}]", char))


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one hard-wrapped paragraph.

    Returns ``left + right`` with no space when either side of the join is CJK, and with one
    space between Latin words (``"civil" + "society"`` -> ``"civil society"``). Quirk: hard
    wraps of PDF dumps (002, 004) and page breaks (001).

    A break between a number and CJK text stands for the space the text puts around that
    number on its other side (:func:`_spaced_number_break`): ``蔡總統 3`` + ``月`` ->
    ``蔡總統 3 月``, ``已逾`` + ``40 位`` -> ``已逾 40 位``, ``(2023 年 7`` + ``月 17 日)`` ->
    ``(2023 年 7 月 17 日)``; ``3`` + ``月`` stays ``3月`` where the number is unspaced.
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if _spaced_number_break(left, right):
        return f"{left} {right}"
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return f"{left} {right}"


def _spaced_number_break(left: str, right: str) -> bool:
    """Whether the break between ``left`` and ``right`` (both stripped, not empty) falls between
    a number and CJK text, the number spaced from the text on its other side. Only the end of
    ``left`` is read: the steps join pieces onto paragraphs and notes that grow line by line."""
    if is_cjk(right[0]) and _SPACED_NUMBER_END.search(left, max(0, len(left) - _NUMBER_TAIL)):
        return True
    return is_cjk(left[-1]) and bool(_SPACED_NUMBER_START.match(right))


def remove_cjk_spaces(text: str) -> str:
    """Remove spaces between two CJK characters, keeping spaces in Latin phrases.

    Quirk: 002's PDF dump inserts spaces between CJK characters (``全 球 化`` -> ``全球化``).
    """
    return _CJK_GAP.sub("", text)


def ends_sentence(text: str) -> bool:
    """Return whether ``text`` ends with sentence-final punctuation (so a break after it is real).

    Trailing whitespace is skipped. Only the end of ``text`` is read, so the cost does not grow
    with it: the steps ask this of notes that grow line by line (002's 【註釋】).
    """
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    return end > 0 and text[end - 1] in _SENTENCE_ENDS


def counted_characters(text: str) -> int:
    """The Han characters and Latin letters of ``text``, web addresses left out: the length of
    a text in the sense of "mentions per 10,000 characters" (digits, punctuation and spaces do
    not count, so a Chinese and an English sentence are measured alike)."""
    return len(_COUNTED.findall(URL.sub("", text)))
