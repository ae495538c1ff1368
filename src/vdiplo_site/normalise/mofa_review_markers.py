"""Line patterns of the `mofa-review` format (MOFA's yearly reviews, sources 003 and 004).

The reviews number their parts ``一、`` (part), ``(一)`` / ``（一）`` (chapter) and ``1.``
(point); 003 also writes Markdown list items ``- (一)…`` and both end with an unnumbered
``結語``. These predicates work on one line (or one joined logical line) with its outer
whitespace stripped; they are shared by the reader and the normalisation steps.
"""

from __future__ import annotations

import re

from ..outline import NUMERALS, outline_rank
from ..text import ends_sentence

#: Unnumbered top-level headings the reviews use.
HEADING_WORDS = frozenset({"前言", "結語"})
#: A Markdown list item: ``- `` then the item's text (003: ``- (一)聯合友盟…``).
ITEM = re.compile(r"^[-*+]\s+")
#: Running page header of 003 (``2024 年外交工作回顧``): the review's title alone on a line.
RUNNING_HEADER = re.compile(r"^\d{4}\s*年外交工作回顧$")
#: A full-width marker followed by a layout space (004: ``一、 奠基`` / ``（一） 台美``).
FULLWIDTH_MARKER_GAP = re.compile(rf"^(?:[{NUMERALS}]+、|（[{NUMERALS}]+）)\s+")
#: Punctuation that ends a clause but not a paragraph: a line ending with it goes on.
_CLAUSE_END = "；：;:"


def heading_level(text: str) -> int | None:
    """Return the heading level (1–3) of a numbered line, 1 for 結語/前言, or ``None``.

    Args:
        text: one line, outer whitespace stripped.
    """
    if text in HEADING_WORDS:
        return 1
    rank = outline_rank(text)
    return None if rank is None or rank == 0 else rank  # the reviews have no 壹、 level


def is_item(text: str) -> bool:
    """Return whether ``text`` (stripped) is a Markdown list item line (``- …``)."""
    return bool(ITEM.match(text))


def starts_block(text: str) -> bool:
    """Return whether ``text`` (stripped) always starts a new block: a heading or a list item."""
    return heading_level(text) is not None or is_item(text)


def closes_paragraph(text: str) -> bool:
    """Return whether a paragraph may end after ``text``: it ends a sentence, not a clause.

    ``；`` and ``：`` count as sentence ends for :func:`~.text.ends_sentence` but a review's
    paragraph never ends on them (003: ``…蕭副總統；`` / page header / ``前首相…``).
    """
    text = text.rstrip()
    return ends_sentence(text) and text[-1] not in _CLAUSE_END
