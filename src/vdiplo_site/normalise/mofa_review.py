"""Normalisation steps for the `mofa-review` format (MOFA's 2024 review 003, 2023 review 004).

:class:`~vdiplo_site.readers.mofa_review.MofaReviewReader` hands over one lead section of raw
``line`` blocks (one per physical line, empty lines included). The steps, in order:

1. :func:`lift_running_header` – 003's running page header;
2. :func:`strip_bold` – 003's Markdown ``**bold**``;
3. :func:`join_hard_wraps` – 004's hard-wrapped lines;
4. :func:`join_page_breaks` – 003's paragraphs cut by page breaks;
5. :func:`tighten_marker_gaps` – 004's space after a full-width number;
6. :func:`numbered_items_as_points` – 003's numbered points written as list items;
7. :func:`build_sections` – the numbered structure, as sections and blocks.

Every step is harmless on a text without its quirk, so one sequence serves both reviews.
Steps 1–6 touch only ``line`` blocks; once :func:`build_sections` has run there are none left.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..errors import SourceFormatError
from ..model import Block, Document, Section
from ..text import remove_cjk_spaces
from . import mofa_review_lines, mofa_review_sections
from .mofa_review_markers import FULLWIDTH_MARKER_GAP, ITEM, RUNNING_HEADER, heading_level

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _has_lines(document: Document) -> bool:
    """Whether ``document`` is still the reader's single lead section of ``line`` blocks."""
    return len(document.sections) == 1 and any(block.kind == "line" for block in document.sections[0].blocks)


def _on_lines(document: Document, change: Callable[[tuple[Block, ...]], tuple[Block, ...]]) -> Document:
    """Apply ``change`` to the blocks of a reader's single lead section of ``line`` blocks.

    Returns ``document`` unchanged when it has no ``line`` blocks (already structured).
    """
    if not _has_lines(document):
        return document
    lead = document.sections[0]
    return replace(document, sections=(replace(lead, blocks=change(lead.blocks)),))


def _squash(text: str) -> str:
    """``text`` without whitespace."""
    return re.sub(r"\s+", "", text)


def _lift_header(blocks: tuple[Block, ...], label: str) -> tuple[Block, ...]:
    """Body of :func:`lift_running_header` on the line blocks (``label``: the page's title)."""
    lines = [(i, b.text.strip()) for i, b in enumerate(blocks) if b.kind == "line" and b.text.strip()]
    headers = {i for i, text in lines if RUNNING_HEADER.match(text)}
    if not headers:
        return blocks
    title = next(text for i, text in lines if i in headers)
    rest = tuple(b for i, b in enumerate(blocks) if i not in headers)
    top_index, top_text = lines[0]
    if top_index not in headers and _squash(top_text).startswith(_squash(title)):
        return rest
    if _squash(title) == _squash(label):
        return rest
    return (Block(kind="paragraph", text=title),) + rest


def lift_running_header(document: Document) -> Document:
    """003: running page header ``2024 年外交工作回顧`` repeated mid-text, cutting sentences.

    Every line that is only the header (:data:`~.mofa_review_markers.RUNNING_HEADER`) is
    removed; the text around it is rejoined by :func:`join_page_breaks`. The header is the
    review's title, which 003 states nowhere else. Where the manifest's label (the page's own
    title, its heading) is that title, the page states it already and no passage repeats it;
    otherwise it is kept once, as a ``paragraph`` at the head of the lead, before the subtitle
    line (unless the first line already states it, as 004's ``2023年外交工作回顧：`` does).
    """
    return _on_lines(document, lambda blocks: _lift_header(blocks, document.spec.label))


def strip_bold(document: Document) -> Document:
    """003: Markdown bold ``**…**`` around list-item titles (``- (一) **建立整合…。**``)."""

    def change(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(replace(b, text=_BOLD.sub(r"\1", b.text)) if b.kind == "line" else b for b in blocks)

    return _on_lines(document, change)


def join_hard_wraps(document: Document) -> Document:
    """004: hard-wrapped lines, a paragraph's last line marked by a trailing space.

    See :func:`.mofa_review_lines.join_hard_wraps`.
    """
    return _on_lines(document, mofa_review_lines.join_hard_wraps)


def join_page_breaks(document: Document) -> Document:
    """003: paragraphs and headings cut in two by a page break (``…立法`` / ``45 週年酒會…``).

    See :func:`.mofa_review_lines.join_page_breaks`.
    """
    return _on_lines(document, mofa_review_lines.join_page_breaks)


def _tighten(text: str) -> str:
    """``text`` without the space after its leading full-width number, if it has one."""
    match = FULLWIDTH_MARKER_GAP.match(text)
    if not match:
        return text
    return remove_cjk_spaces(text[: match.end() + 1]) + text[match.end() + 1 :]


def tighten_marker_gaps(document: Document) -> Document:
    """004: a layout space after a full-width number (``一、 奠基…`` / ``（一） 台美…``).

    The space goes only when a CJK character follows; 003's half-width ``(一) 邦誼…`` keeps
    its space as the source writes it.
    """

    def change(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(replace(b, text=_tighten(b.text)) if b.kind == "line" else b for b in blocks)

    return _on_lines(document, change)


def _unlist_point(text: str) -> str:
    """``text`` without its list marker when what follows the marker is a numbered point."""
    item = ITEM.match(text)
    if item and heading_level(text[item.end() :]) is not None:
        return text[item.end() :]
    return text


def numbered_items_as_points(document: Document) -> Document:
    """003: parts 二 and 三 write their points as list items ``- (一)聯合友盟…。`` + body.

    Part 四 writes the same kind of point as a line ``(一)運用軟實力…。`` (a heading); the list
    marker goes, so :func:`build_sections` makes both points headings, the first sentence the
    title and the rest its paragraph. A list item without a number stays an item.
    """

    def change(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(
            replace(b, text=_unlist_point(b.text.strip())) if b.kind == "line" else b for b in blocks
        )

    return _on_lines(document, change)


def build_sections(document: Document) -> Document:
    """003/004: the numbered structure 一、 / (一) / 1. / ``- `` items, still as flat lines.

    See :func:`.mofa_review_sections.build` (headings, levels, numbered paragraphs, items).
    Returns a document without ``line`` blocks; an already structured one comes back as is.

    Raises:
        SourceFormatError: no line is a top-level heading (``一、…``, 前言 or 結語), which the
            format's structure needs.
    """
    if not _has_lines(document):
        return document
    if not any(heading_level(block.text.strip()) == 1 for block in document.sections[0].blocks):
        raise SourceFormatError(
            document.spec.path, "no top-level numbered heading (一、…) or 結語 line in the mofa-review text"
        )
    sections: tuple[Section, ...] = mofa_review_sections.build(document.sections[0].blocks)
    return replace(document, sections=sections)


STEPS = (
    lift_running_header,
    strip_bold,
    join_hard_wraps,
    join_page_breaks,
    tighten_marker_gaps,
    numbered_items_as_points,
    build_sections,
)
