"""Structural steps of the ``pdf-paper`` format (001): page cuts, front matter, headings, notes."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import FOOTNOTE_REF, Block, Document, Section
from ..outline import nested_levels, outline_rank
from ..text import ends_sentence, is_cjk, join_wrapped

ABSTRACT = re.compile(r"^(摘\s*要|Abstract)\b", re.IGNORECASE)


def join_page_cut_paragraphs(document: Document) -> Document:
    """001: a paragraph cut in two by a page break (``…在中美關係及台海問`` / ``題上，…``).

    Consecutive paragraphs of a section are joined when the first stops mid-sentence on a CJK
    character (no sentence-final punctuation, see ``ends_sentence``) and the second starts
    with a CJK character or a note reference ``[^N]`` (run after ``convert_note_references``).
    Lines of another kind (``陳文甲 Wen-Chia Chen``, ``Keywords: …``) are never joined.
    """
    sections = tuple(replace(section, blocks=_join_cut(section.blocks)) for section in document.sections)
    return replace(document, sections=sections)


def _join_cut(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Return ``blocks`` with each page-cut pair of paragraphs joined into one."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if previous is not None and _is_cut(previous, block):
            joined[-1] = replace(previous, text=join_wrapped(previous.text, block.text))
        else:
            joined.append(block)
    return tuple(joined)


def _is_cut(left: Block, right: Block) -> bool:
    """Whether paragraph ``right`` continues the sentence ``left`` stops in the middle of."""
    if left.kind != "paragraph" or right.kind != "paragraph" or not left.text or not right.text:
        return False
    if ends_sentence(left.text) or not is_cjk(left.text[-1]):
        return False
    return is_cjk(right.text[0]) or right.text.startswith("[^")


def lead_front_matter(document: Document) -> Document:
    """001: front matter (學術論文, title, English title, author, affiliation) set as headings.

    Every section before the first abstract (``摘要 / Abstract``) or numbered heading becomes
    part of the lead (level 0): its heading turns into a paragraph followed by its blocks.
    A document without such a heading comes back unchanged.
    """
    first = next(
        (
            i
            for i, section in enumerate(document.sections)
            if section.level > 0 and _is_main_heading(section.heading)
        ),
        None,
    )
    if not first:
        return document
    blocks: list[Block] = []
    for section in document.sections[:first]:
        if section.heading:
            blocks.append(Block(kind="paragraph", text=section.heading))
        blocks.extend(section.blocks)
    lead = Section(heading="", level=0, blocks=tuple(blocks))
    return replace(document, sections=(lead, *document.sections[first:]))


def _is_main_heading(heading: str) -> bool:
    """Whether ``heading`` opens the paper's body: the abstract or a numbered heading."""
    return bool(ABSTRACT.match(heading)) or outline_rank(heading) is not None


def level_headings(document: Document) -> Document:
    """001: headings at inconsistent ``#`` levels (``## 二、`` beside ``#### 四、``).

    Levels come from the numbering instead: 壹、 → 1, 一、 → one below the enclosing 壹、
    section, (一) → one below its 一、, 1. → below that; an unnumbered heading (摘要 / Abstract)
    ranks with 壹、. The lead keeps level 0.
    """
    headed = [section for section in document.sections if section.level]
    levels = iter(nested_levels([outline_rank(section.heading) or 0 for section in headed]))
    sections = tuple(replace(s, level=next(levels)) if s.level else s for s in document.sections)
    return replace(document, sections=sections)


def order_footnotes(document: Document) -> Document:
    """001: notes listed in page order; the model lists them in order of first reference.

    Notes never referenced keep their place after the referenced ones (no text is dropped).
    """
    texts = []
    for section in document.sections:
        texts.append(section.heading)
        texts.extend(block.text for block in section.blocks)
    labels = FOOTNOTE_REF.findall("\n".join(texts))
    first = {label: i for i, label in reversed(list(enumerate(labels)))}
    notes = sorted(document.footnotes, key=lambda note: first.get(note.label, len(labels)))
    return replace(document, footnotes=tuple(notes))
