"""Heading detection of the `pdf-dump` format: 壹、 / 一、 / （一） headings (source 002).

Rule (by structure, not by marker alone): a heading is one raw line, or two when a long heading
wraps, whose text

* starts with a marker — 壹、貳、參、… (level 1), 一、二、… (level 2), （一）（二）… (level 3);
* is short (at most :data:`MAX_HEADING` characters), has no sentence punctuation (，。：；？！、)
  after the marker and balanced brackets;
* stands on its own: the line before it ends a paragraph (or is a heading, or there is none), and
  the line after it starts one (indented), is another heading, or there is none.

So ``" 參、全球治理對於我國進行第二"`` + ``"軌道外交之意義 "`` is one heading, while the inline
enumerations ``"（一）發揮空間大："`` or ``" （一）聯結策略（Linkage Strategies）："`` and the
cut line ``" （四）國際組織的角色（ Role of "`` are paragraph text.
"""

from __future__ import annotations

import re

from ..outline import OUTLINE
from .pdf_dump_lines import ends_paragraph, is_indented, join_lines

MAX_HEADING = 40
#: The second line of a wrapped heading is at most this long.
MAX_HEADING_TAIL = 20
_SENTENCE_PUNCTUATION = re.compile(r"[，。：；？！、,;:?!]")
_BRACKETS = (("（", "）"), ("(", ")"), ("「", "」"), ("《", "》"), ("〈", "〉"))


def heading_level(text: str) -> int:
    """Return the level of heading text ``text`` (1, 2 or 3), or 0 when it is no heading text.

    Checks the marker, the length, the punctuation and the brackets (not the surroundings).
    """
    text = text.strip()
    if len(text) > MAX_HEADING:
        return 0
    for level, marker in enumerate(OUTLINE[:3], 1):  # 壹、 1, 一、 2, （一） 3; 1. heads nothing in 002
        found = marker.match(text)
        if found:
            rest = text[found.end() :]
            if rest and not _SENTENCE_PUNCTUATION.search(rest) and _balanced(rest):
                return level
            return 0
    return 0


def headings(lines: list[str]) -> list[tuple[str, int, int] | None]:
    """For each raw line, the heading that starts there if a paragraph or heading ends before it.

    Args:
        lines: the body's raw lines.

    Returns:
        one entry per line: ``(heading, level, line_count)`` (its plain text, its level and how
        many raw lines it takes, 1 or 2), or ``None`` when no heading starts at that line.

    Whether a line stands on its own depends on whether the next line starts a block, which
    may itself be a heading: the entries are worked out from the last line up, each once, so
    that a run of heading-like lines (``（一）甲`` / ``（二）乙`` / …) costs linear time, neither
    a recursion as deep as the run nor a search that doubles with every line.
    """
    found: list[tuple[str, int, int] | None] = [None] * len(lines)
    starts_block = [True] * (len(lines) + 1)  # lines[i] begins a paragraph or heading (or text ended)
    for index in range(len(lines) - 1, -1, -1):
        found[index] = _heading_here(lines, index, starts_block)
        starts_block[index] = is_indented(lines[index]) or found[index] is not None
    return found


def _heading_here(lines: list[str], index: int, starts_block: list[bool]) -> tuple[str, int, int] | None:
    """The heading at ``lines[index]`` (see :func:`headings`), given ``starts_block`` of the
    lines after it."""
    for count in (1, 2):
        if index + count > len(lines):
            break
        if count == 2 and len(lines[index + 1].strip()) > MAX_HEADING_TAIL:
            break
        text = lines[index].strip()
        if count == 2:
            text = join_lines(text, lines[index], lines[index + 1])
        level = heading_level(text)
        if level and starts_block[index + count]:
            return text, level, count
    return None


def _balanced(text: str) -> bool:
    """Whether every bracket pair in ``text`` is closed."""
    return all(text.count(left) == text.count(right) for left, right in _BRACKETS)


def starts_after_break(previous: str | None, previous_was_heading: bool) -> bool:
    """Whether a line following raw line ``previous`` may start a heading or paragraph."""
    return previous is None or previous_was_heading or ends_paragraph(previous)
