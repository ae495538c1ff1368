"""Turning a `mofa-review` text's logical lines into sections, headings and blocks.

One hierarchy for both reviews: ``一、`` and ``結語`` are level-1 headings, ``(一)`` /
``（一）`` level 2 and ``1.`` level 3, each heading keeping its number (``1. 高層互訪，成效斐然。``).

Where the number starts a paragraph instead of a title line (004: ``1. 美國行政部門持續以具體
行動挺台。拜登政府上任後，…``; ``(一) 台灣人民與政府力挺烏克蘭，共同捍衛民主前線。鑒於…``;
``四、 持續精進為民服務工作和便民措施。外交部積極…``), the numbered first sentence is the
point's title, exactly like 003's title lines: it becomes the heading and the rest of the
paragraph its first block. So a search hit on a point's text lands under a heading naming the
point, in both reviews.

Markdown list items (003: ``- (一)聯合友盟…``) stay items (``kind="item"``, level 0) with the
``- `` removed; their text keeps its number.
"""

from __future__ import annotations

from ..model import Block, Section
from .mofa_review_markers import ITEM, closes_paragraph, heading_level

#: Where a numbered paragraph's title sentence may end (the first of these found is used).
_TITLE_ENDS = ("。", "：")
#: Closing brackets that stay with the sentence they close (``…。」``).
_CLOSERS = "」』）"


def split_title(text: str) -> tuple[str, str]:
    """Split a numbered logical line into its title and the paragraph that follows it.

    Args:
        text: a logical line starting with a number (``1. …``, ``(一) …``, ``四、 …``).

    Returns:
        ``(title, body)``: when ``text`` closes a paragraph and holds a ``。`` before its end
        (else a ``：``), the title runs up to it and ``body`` is the rest; otherwise ``text``
        is a title line (``一、以民主為基礎的價值外交：…``, ``1. 高層互訪，成效斐然。``) and
        ``body`` is empty.
    """
    if not closes_paragraph(text):
        return text, ""
    for stop in _TITLE_ENDS:
        end = text.find(stop) + 1
        while 0 < end < len(text) and text[end] in _CLOSERS:
            end += 1
        if 0 < end < len(text):
            return text[:end].rstrip(), text[end:].strip()
    return text, ""


def build(blocks: tuple[Block, ...]) -> tuple[Section, ...]:
    """Group logical lines into flat sections with levels.

    Args:
        blocks: logical ``line`` blocks (and finished blocks, kept as they are).

    Returns:
        the sections in order: a lead (heading ``""``, level 0; left out when empty), then one
        section per heading. A heading's level counts the kinds of number open above it, so the
        hierarchy never skips a level (a ``1.`` straight under ``一、`` is level 2, as are its
        siblings ``2.``, ``3.``).
    """
    parts: list[tuple[str, int, list[Block]]] = [("", 0, [])]  # heading, level, blocks
    path: list[int] = []  # the marker levels (1–3) of the headings enclosing the current one
    for block in blocks:
        text = block.text.strip()
        if block.kind != "line":
            parts[-1][2].append(block)
        elif not text:
            continue
        elif ITEM.match(text):
            parts[-1][2].append(Block(kind="item", text=ITEM.sub("", text, count=1)))
        elif (level := heading_level(text)) is not None:
            title, body = split_title(text)
            path = [open_level for open_level in path if open_level < level] + [level]
            parts.append((title, len(path), [Block(kind="paragraph", text=body)] if body else []))
        else:
            parts[-1][2].append(Block(kind="paragraph", text=text))
    sections = [Section(heading=heading, level=level, blocks=tuple(found)) for heading, level, found in parts]
    if not sections[0].blocks:
        sections.pop(0)
    return tuple(sections)
