"""Normalisation steps for the `pdf-dump` format (source 002, a two-column PDF dumped to text).

The reader hands over raw ``line`` blocks; these steps, in order, remove the spaces the dump put
between CJK characters, turn inline note numbers into footnote references, cut the body into
sections at its headings, re-join hard-wrapped lines into paragraphs, turn the 【註釋】
section into footnotes and mend the addresses the dump cut with a space (see
:mod:`.pdf_dump_notes`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Block, Document, Section
from ..text import remove_cjk_spaces
from .pdf_dump_headings import headings, starts_after_break
from .pdf_dump_lines import ends_paragraph, is_indented, join_lines
from .pdf_dump_notes import collect_notes, join_split_addresses, resolve_footnotes

_INSIDE_BRACKETS = re.compile(r"(?<=（)[ \t]+|(?<=\S)[ \t]+(?=）)")
# What may stand just before an inline note number: sentence or clause punctuation, a closing
# bracket or quote, or a space (``積極的方式 45 來``).
_NOTE_LEAD = r"[。，：；！？」』）)]|\s"
# What may not follow it: a digit, a unit (1970年, 29％, 4 月) or a closing bracket (（ 1）).
_NOT_A_NOTE_AFTER = r"(?![0-9０-９])(?!\s*[年月日％%個期卷號頁）)])"
# A number that may be a note's; compiled once (one pattern per note number would be compiled
# anew for each number past the regex cache's 512).
_NOTE_NUMBER = re.compile(rf"(?P<lead>{_NOTE_LEAD})\s*(?P<number>[0-9]+){_NOT_A_NOTE_AFTER}(?P<trail>\s*)")


def remove_spaces_between_cjk(document: Document) -> Document:
    """002: spaces inserted between CJK characters by the PDF dump (``全 球 化`` -> ``全球化``).

    Applies :func:`~vdiplo_site.text.remove_cjk_spaces` to every line (raw note lines too)
    and heading,
    and drops the spaces the dump put just inside full-width brackets (``（ civil`` ->
    ``（civil``, ``（ 1）`` -> ``（1）``). Spaces in Latin phrases (``civil society``), between
    CJK and Latin text (``以 NGOs``) and at the lines' edges stay.
    """
    sections = tuple(
        replace(
            section,
            heading=_despace(section.heading),
            blocks=tuple(replace(b, text=_despace(b.text)) for b in section.blocks),
        )
        for section in document.sections
    )
    notes = tuple(replace(b, text=_despace(b.text)) for b in document.raw_notes)
    return replace(document, sections=sections, raw_notes=notes)


def _despace(text: str) -> str:
    """Remove the dump's spaces between CJK characters and inside full-width brackets."""
    return _INSIDE_BRACKETS.sub("", remove_cjk_spaces(text))


def mark_note_references(document: Document) -> Document:
    """002: inline note numbers (``之後。1 在參``, ``重要參考： 31 （一）``) -> ``[^1]``.

    Rule: note numbers run 1, 2, 3… through the body, so the step looks, line after line, only
    for the *next expected* number N, standing alone after punctuation or a space and not
    followed by a digit, a unit or a closing bracket (so ``1971年``, ``29％``, ``1970年代``,
    ``93 年 4 月`` and ``（ 1）`` are never notes). The spaces the dump put around the number
    go. The scan stops at the first N not found in the rest of the body.
    """
    expected = 1
    sections = []
    for section in document.sections:
        blocks = []
        for block in section.blocks:
            text, expected = mark_notes_in_line(block.text, expected)
            blocks.append(replace(block, text=text))
        sections.append(replace(section, blocks=tuple(blocks)))
    return replace(document, sections=tuple(sections))


def mark_notes_in_line(text: str, expected: int) -> tuple[str, int]:
    """Mark note numbers ``expected``, ``expected + 1``… found in order in one raw line.

    Returns:
        the line with each note number N replaced by ``[^N]`` (see
        :func:`mark_note_references` for the rule) and the next note number to look for.
    """
    start = 0
    while True:
        found = _next_number(text, expected, start)
        if found is None:
            return text, expected
        lead = found["lead"].strip() or ("" if found.start() else found["lead"])  # keep an indent
        rest = text[found.end() :]
        if not rest:
            trail = found["trail"]  # keep a line's trailing space: it carries structure
        else:
            trail = " " if rest[0].isascii() and rest[0].isalnum() else ""
        marked = f"{text[: found.start()]}{lead}[^{expected}]{trail}"
        text, start, expected = marked + rest, len(marked), expected + 1


def _next_number(text: str, number: int, start: int) -> re.Match[str] | None:
    """The match of ``number`` standing as a note number in ``text`` from ``start`` on (see
    :func:`mark_note_references` for the rule), or ``None``."""
    while (found := _NOTE_NUMBER.search(text, start)) is not None:
        if found["number"] == str(number):  # the whole run of digits: 12 is never note 1
            return found
        start = found.start() + 1
    return None


def split_sections(document: Document) -> Document:
    """002: headings 壹、/一、/（一） on short lines of their own, one wrapped onto two lines.

    Cuts the body's lines into flat sections (see :mod:`.pdf_dump_headings` for the rule);
    lines before the first heading form a level-0 lead section (omitted when empty).
    """
    lines = [block.text for section in document.sections for block in section.blocks]
    heading_starts = headings(lines)
    parts: list[tuple[str, int, list[Block]]] = [("", 0, [])]  # heading, level, blocks
    index, previous, after_heading = 0, None, False
    while index < len(lines):
        found = heading_starts[index] if starts_after_break(previous, after_heading) else None
        if found:
            heading, level, count = found
            parts.append((heading, level, []))
            index, previous, after_heading = index + count, lines[index + count - 1], True
            continue
        parts[-1][2].append(Block(kind="line", text=lines[index]))
        index, previous, after_heading = index + 1, lines[index], False
    sections = [
        Section(heading=heading, level=level, blocks=tuple(blocks)) for heading, level, blocks in parts
    ]
    if not sections[0].blocks:
        sections.pop(0)
    return replace(document, sections=tuple(sections))


def join_paragraphs(document: Document) -> Document:
    """002: every line hard-wrapped; a paragraph starts with an indented line after a stop.

    Rule: a line starts a new paragraph when it is the first of its section, or when it is
    indented *and* the line before it ends a sentence (note references after the stop ignored).
    An indented line after an unfinished sentence is the first line of a new column, not a new
    paragraph. Lines are joined without a space between CJK characters and with one between
    Latin words (:func:`.pdf_dump_lines.join_lines`).
    """
    sections = tuple(replace(section, blocks=_paragraphs(section.blocks)) for section in document.sections)
    return replace(document, sections=sections)


def _paragraphs(lines: tuple[Block, ...]) -> tuple[Block, ...]:
    """Join a section's raw line blocks into paragraph blocks."""
    paragraphs: list[str] = []
    previous = ""
    for block in lines:
        raw = block.text
        if not paragraphs or (is_indented(raw) and ends_paragraph(previous)):
            paragraphs.append(raw.strip())
        else:
            paragraphs[-1] = join_lines(paragraphs[-1], previous, raw)
        previous = raw
    return tuple(Block(kind="paragraph", text=text) for text in paragraphs if text)


STEPS = (
    remove_spaces_between_cjk,
    mark_note_references,
    split_sections,
    join_paragraphs,
    collect_notes,
    join_split_addresses,
    resolve_footnotes,
)
