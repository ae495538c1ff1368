"""Joining the physical lines of a `mofa-review` text into logical lines (one per block).

Both reviews put an empty line after every physical line, so empty lines say nothing about
paragraphs. Two layouts are handled:

* **hard-wrapped** (004, a PDF dump): every paragraph and heading is wrapped at the column
  width and its *last* line carries a trailing space (``…發展。 `` / ``…實質`` + ``合作 ``);
  :func:`join_hard_wraps` joins each paragraph's lines. A trailing space after a Latin word
  is only the gap between two words (``（Ursula `` + ``von der Leyen）``).
* **one paragraph per line** (003): a line is a paragraph or heading, except where a page
  break cut it (``…以及`` / header / ``帛琉，…``); :func:`join_page_breaks` rejoins those.

Both take and return a tuple of blocks in which ``line`` blocks are (logical) lines and blocks
of any other kind are finished blocks that pass through untouched. A line holding only spaces
separates blocks (004 writes one between its title, lead and first part).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce

from ..model import Block
from ..text import join_wrapped
from .mofa_review_markers import closes_paragraph, heading_level, is_item, starts_block

#: What a line may end with when its trailing space only separates it from a Latin word.
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
#: A line ending with these goes on, trailing space or not (004: ``2023年外交工作回顧： ``).
_GOES_ON = "：；，、:;,"
#: The separator line :func:`join_hard_wraps` writes between the blocks it joined.
SEPARATOR = Block(kind="line", text=" ")


def _marks_end(raw: str) -> bool:
    """Whether ``raw`` (a physical line) carries 004's end-of-paragraph trailing space."""
    body = raw.rstrip()
    return bool(body) and body != raw and not _LATIN_END.search(body)


def _joined(pieces: list[str]) -> Block:
    """One logical ``line`` block made of ``pieces`` joined as a hard-wrapped paragraph."""
    return Block(kind="line", text=reduce(join_wrapped, pieces).strip())


def join_hard_wraps(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Join 004's hard-wrapped lines into one logical line per paragraph or heading.

    A block ends after a line with a trailing space (unless it ends with ``：；，、``), before a
    numbered heading, 結語 or list item, and at a line holding only spaces. Lines are joined
    with :func:`~.text.join_wrapped`. Texts with no trailing-space mark (003) come back
    unchanged.

    Returns:
        the logical lines, stripped, with a :data:`SEPARATOR` after each.
    """
    lines = [b for b in blocks if b.kind == "line"]
    if not any(_marks_end(b.text) for b in lines):
        return blocks
    out: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            out.extend((_joined(current), SEPARATOR))
            current.clear()

    for block in blocks:
        text = block.text.strip()
        if block.kind != "line" or (block.text and not text):
            flush()
            if block.kind != "line":
                out.append(block)
            continue
        if not text:
            continue
        if starts_block(text):
            flush()
        current.append(text)
        if _marks_end(block.text) and block.text.rstrip()[-1] not in _GOES_ON:
            flush()
    flush()
    return tuple(out)


@dataclass
class _Open:
    """The logical line being built by :func:`join_page_breaks`."""

    pieces: list[str] = field(default_factory=list)
    top: bool = False  # no block before it: the text's title or subtitle

    def heading_like(self) -> bool:
        """Whether the block is a heading (numbered, 結語) or the title at the top."""
        return self.top or heading_level(self.pieces[0]) is not None

    def takes(self, text: str, gap: bool) -> bool:
        """Whether ``text`` (the next line, after an empty line when ``gap``) continues it."""
        if starts_block(text):
            return False
        if is_item(self.pieces[0]):
            return not gap  # Markdown lazy continuation of a list item
        if closes_paragraph(self.pieces[-1]):
            return False
        return not (self.heading_like() and closes_paragraph(text))


def join_page_breaks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Rejoin 003's lines cut by a page break; one logical line per paragraph or heading.

    A line goes on into the next (empty lines and a removed page header between them) when it
    does not close a paragraph (:func:`~.mofa_review_markers.closes_paragraph`) and the next
    is not a heading or list item; a heading (or the title at the top) takes only a next line
    that does not close a paragraph either (``四、…積極向外發`` + ``聲，…發揮外交戰力``), so
    ``(五) 新南向政策，不斷深化`` keeps its paragraph apart. A list item takes the lines that
    follow it with no empty line between (Markdown lazy continuation: ``- (一)…`` + its text).

    Returns:
        the logical lines, stripped; empty and space-only lines dropped.
    """
    out: list[Block] = []
    current: _Open | None = None
    gap = False
    top = True
    for block in blocks:
        text = block.text.strip()
        if block.kind == "line" and not block.text:
            gap = True
            continue
        continues = block.kind == "line" and bool(text) and current is not None
        if current is not None and not (continues and current.takes(text, gap)):
            out.append(_joined(current.pieces))
            current, top = None, False
        gap = False
        if block.kind != "line":
            out.append(block)
        elif text and current is None:
            current = _Open([text], top=top)
        elif text and current is not None:
            current.pieces.append(text)
    if current is not None:
        out.append(_joined(current.pieces))
    return tuple(out)
