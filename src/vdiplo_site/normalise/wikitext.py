"""Normalisation steps for the `wikitext` format (the Chinese Wikipedia article 價值觀外交).

The reader leaves one ``line`` block per physical line; these steps turn lines into paragraphs
and drop sections that hold no text of their own or below them.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Block, Document, Section
from ..text import join_wrapped


def join_paragraph_lines(document: Document) -> Document:
    """000: wikitext paragraphs span lines; blank lines and lines of only files/templates end them.

    Consecutive non-empty ``line`` blocks join into one ``paragraph`` (pieces joined with
    :func:`~vdiplo_site.text.join_wrapped`; the lines' ``uncited`` texts kept, ``lacks_citation``
    if any line has one);
    an empty line, an ``item`` or a ``see_also`` block ends the paragraph. Other blocks are kept.
    """
    return replace(
        document,
        sections=tuple(replace(section, blocks=_paragraphs(section.blocks)) for section in document.sections),
    )


def _paragraphs(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Join the runs of non-empty ``line`` blocks of one section into paragraphs."""
    out: list[Block] = []
    run: list[Block] = []

    def end_run() -> None:
        if run:
            text = run[0].text
            for line in run[1:]:
                text = join_wrapped(text, line.text)
            uncited = tuple(marked for line in run for marked in line.uncited)
            lacks = any(line.lacks_citation for line in run)
            out.append(Block(kind="paragraph", text=text, lacks_citation=lacks, uncited=uncited))
            run.clear()

    for block in blocks:
        if block.kind == "line" and block.text:
            run.append(block)
            continue
        end_run()
        if block.kind != "line":
            out.append(block)
    end_run()
    return tuple(out)


def drop_empty_sections(document: Document) -> Document:
    """000: sections holding only templates (the lead may hold only templates): no text.

    A section is dropped when neither it nor any deeper section after it (up to the next section
    of its level or higher) has a block; ``== 参考文献 ==`` stays because ``=== 来源 ===`` has items,
    and ``=== 引用 ===`` stays because it holds ``{{Reflist}}``: it is where the notes go.
    """
    sections = document.sections
    kept = []
    for i, section in enumerate(sections):
        if section.blocks or section.notes or _has_text_below(sections, i):
            kept.append(section)
    return replace(document, sections=tuple(kept))


def _has_text_below(sections: tuple[Section, ...], index: int) -> bool:
    """Whether a deeper section following ``sections[index]`` (within it) has blocks.

    The lead (level 0) has no sections within it.
    """
    level = sections[index].level
    if level == 0:
        return False
    for section in sections[index + 1 :]:
        if section.level <= level:
            return False
        if section.blocks:
            return True
    return False


STEPS = (join_paragraph_lines, drop_empty_sections)
