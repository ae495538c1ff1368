"""Normalisation steps for the `plain-text` format: outline headings, then paragraphs.

The reader leaves one ``line`` block per physical line (blank lines empty). A heading is a line
after a blank line (or at the start) that starts with an outline marker (一、 / （一） / 1.,
:mod:`vdiplo_site.outline`), is at most :data:`MAX_HEADING` characters long, does not end in
sentence or clause punctuation (``1. 本文主張……。`` and ``（一）發揮空間大：`` are numbered
paragraphs) and is not followed by a line with a marker of the same rank (``1. 甲`` / ``2. 乙``
on consecutive lines are a numbered list).
Paragraphs are then joined from their lines as wikitext's are.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Block, Document, Section
from ..outline import nested_levels, outline_rank
from .wikitext import drop_empty_sections, join_paragraph_lines

#: The longest line (in characters) read as a heading.
MAX_HEADING = 40
#: A line ending in one of these ends a sentence or clause: it is text, not a heading.
_NOT_HEADING_ENDS = frozenset("。！？；：，、.!?;:,")


def outline_sections(document: Document) -> Document:
    """Plain text: headings are numbered lines standing alone (一、總論 / （一）緣起 / 1. 背景).

    Splits the lead section's lines at each heading line (see the module docstring); levels
    nest by the markers' ranks (:func:`~vdiplo_site.outline.nested_levels`). A text without a
    numbered heading stays one lead section.
    """
    lines = [block for section in document.sections for block in section.blocks]
    starts = [i for i in range(len(lines)) if _is_heading(lines, i)]
    levels = nested_levels([outline_rank(lines[i].text) or 0 for i in starts])
    sections = [Section(heading="", level=0, blocks=tuple(lines[: starts[0] if starts else len(lines)]))]
    for number, (start, level) in enumerate(zip(starts, levels, strict=True)):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        sections.append(Section(heading=lines[start].text, level=level, blocks=tuple(lines[start + 1 : end])))
    return replace(document, sections=tuple(sections))


def numbered_lines_start_paragraphs(document: Document) -> Document:
    """Plain text: a numbered list written one point a line (``1. 甲`` / ``2. 乙``) with no
    blank lines between: each numbered line starts a paragraph of its own.

    An empty line is put before every line that starts with an outline marker and follows a
    non-empty line, so that :func:`join_paragraph_lines` does not run the points together.
    """

    def split(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        out: list[Block] = []
        for block in blocks:
            if out and out[-1].text and outline_rank(block.text) is not None:
                out.append(Block(kind="line", text=""))
            out.append(block)
        return tuple(out)

    return replace(document, sections=tuple(replace(s, blocks=split(s.blocks)) for s in document.sections))


def _is_heading(lines: list[Block], index: int) -> bool:
    text = lines[index].text
    rank = outline_rank(text)
    if rank is None or len(text) > MAX_HEADING or text[-1] in _NOT_HEADING_ENDS:
        return False
    if index and lines[index - 1].text:
        return False
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    return not following or outline_rank(following) != rank


STEPS = (outline_sections, numbered_lines_start_paragraphs, join_paragraph_lines, drop_empty_sections)
