"""Stable passage ids: the unit of provenance that other pages link to.

Headings (``s-n``) and footnotes (``fn:label``) have anchors too, and count as passages
wherever a mention can be found (see :func:`vdiplo_site.model.iter_passages`, the one walk over
every text of a document).

Ids are positional and deterministic: section ``n`` (1-based in document order, the lead is 0)
gets anchor ``s-n``; its ``k``-th block (1-based) gets passage id ``p-n-k``. The same source
text always yields the same ids, so links into a source page stay valid across rebuilds.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Document, Section


def assign_passage_ids(document: Document) -> Document:
    """Return ``document`` with ``Section.anchor`` and ``Block.passage_id`` filled in.

    Input: a normalised document (anchors and ids empty). Output: the same document with
    section anchors ``s-<n>`` and passage ids ``p-<n>-<k>``; the lead section (level 0, no
    heading) keeps number 0 so that the first heading is always ``s-1``. The notes section
    (``Section.notes``, no blocks; the first, if the source places its notes twice) is
    anchored ``notes``, as its footnotes are, and takes no number, so the sections after it
    keep theirs. A section that holds text besides its notes template is numbered as any other
    (its passages need ids), and its notes go where the page puts unplaced notes: at the end.
    """
    sections = []
    number = 0
    notes_placed = False
    for section in document.sections:
        if section.notes and not notes_placed and not section.blocks:
            sections.append(replace(section, anchor="notes"))
            notes_placed = True
            continue
        section = replace(section, notes=False)  # the notes are placed once, under the first
        if section.level > 0 or section.heading:
            number += 1
        sections.append(_numbered(section, number))
    return replace(document, sections=tuple(sections))


def _numbered(section: Section, number: int) -> Section:
    blocks = tuple(replace(block, passage_id=f"p-{number}-{k}") for k, block in enumerate(section.blocks, 1))
    return replace(section, anchor=f"s-{number}", blocks=blocks)
