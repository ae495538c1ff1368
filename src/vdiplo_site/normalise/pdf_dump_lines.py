"""Line-level helpers of the `pdf-dump` steps: reading structure from raw dumped lines.

The raw lines (``Block(kind="line")``) keep the dump's leading and trailing spaces, which carry
structure: a leading space marks a paragraph's first line (or, after an unfinished sentence, the
first line of a new column); a line without trailing space that ends inside a Latin word was cut
there (``speech90100`` / ``4.htm``).
"""

from __future__ import annotations

import re

from ..model import FOOTNOTE_REF
from ..text import ends_sentence, is_cjk, join_wrapped

_OPEN_ADDRESS = re.compile(r"(?:https?://|www\.)\S*[/.]$")


def is_indented(raw: str) -> bool:
    """Return whether the raw line ``raw`` starts with white space (the dump's indent)."""
    return raw[:1].isspace()


def ends_paragraph(raw: str) -> bool:
    """Return whether ``raw`` ends a sentence, ignoring footnote references after the stop.

    ``"和平的價值與重要性。[^5] "`` ends a sentence; ``"甚至是"`` does not.
    """
    return ends_sentence(_without_trailing_references(raw))


def _without_trailing_references(raw: str) -> str:
    """``raw`` without the footnote references and spaces it ends with, read from the end.

    Read from the end, not by a regex search, so that the cost does not grow with ``raw``: the
    notes of 002 are asked line after line while they grow. A label holds no ``]`` or space, so
    the last reference starts at the earliest ``[^`` from which one reference runs to the end.
    """
    text = raw.rstrip()
    while text.endswith("]"):
        start = text.rfind("[^")
        while (earlier := text.rfind("[^", 0, start)) >= 0 and FOOTNOTE_REF.fullmatch(text, earlier):
            start = earlier
        if start < 0 or not FOOTNOTE_REF.fullmatch(text, start):
            return text
        text = text[:start].rstrip()
    return text


def join_lines(text: str, raw_left: str, raw_right: str) -> str:
    """Append the raw line ``raw_right`` to ``text``, whose last physical line is ``raw_left``.

    Uses :func:`~vdiplo_site.text.join_wrapped`, except where the dump cut a Latin word,
    number or web address in two: the pieces are glued without a space when neither side of the
    join is CJK and either ``raw_left`` has no trailing space (``speech90100`` + ``4.htm``,
    ``頁 172-`` + ``173``) or ``text`` ends inside a web address after a ``/`` or ``.``
    (``http://www.mofa.gov.tw/`` + ``newmofa/…``): an address holds no space.
    """
    left, right = text.rstrip(), raw_right.strip()
    latin_join = left and right and not is_cjk(left[-1]) and not is_cjk(right[0])
    cut = raw_left == raw_left.rstrip() or (_ends_in_address(left) and right[:1].isascii())
    if latin_join and cut:
        return left + right
    return join_wrapped(left, right)


def _ends_in_address(text: str) -> bool:
    """Whether ``text`` (right-stripped) ends inside a web address, after a ``/`` or ``.``.

    Only its last word is searched (an address holds no space), so the cost does not grow with
    a note that grows line by line.
    """
    return text.endswith(("/", ".")) and bool(_OPEN_ADDRESS.search(text.rsplit(None, 1)[-1]))
