"""The page of one source: its metadata, its sections and passages with anchors, its notes."""

from __future__ import annotations

from collections.abc import Mapping

from ..knowledge import KnowledgeBase
from ..model import Block, Document, Footnote, Section
from .front_matter import dump_front_matter
from .markdown_text import SpanLink, escape_inline, escape_text
from .paths import entity_path, href, source_path
from .source_metadata import metadata_block, source_front_matter

#: Passage id -> the spans of its text that link to entity pages.
Links = Mapping[str, tuple[SpanLink, ...]]

#: The heading of the notes where the source gives them none of its own (001's notes stand at
#: page feet, 002's heading 【註釋】 is read as the notes' start).
NOTES_HEADING = "註釋 Notes"
#: Python-Markdown's footnotes extension puts the notes where this line is (its PLACE_MARKER).
FOOTNOTES_PLACE = "///Footnotes Go Here///"
MISSING_NOTE = "（此註釋的內文在原始文本中缺漏。The text of this note is missing from the source.）"


def render_source_page(kb: KnowledgeBase, document: Document) -> str:
    """Render a document of ``kb`` as its Markdown page (front matter first).

    Output shape: front matter; ``# label``; a metadata admonition; each section as a heading
    one level below the page title with ``{#s-n}``; each block with ``{: #p-n-k }``; the
    source's categories (wikitext) as a 分類 line; the footnote definitions last, listed under
    the source's notes heading (wikitext 引用) or else under a 註釋 heading ``{#notes}``. All source
    text is escaped (see :mod:`.markdown_text`); the first mention of each entity in each
    section (``kb.entity_links``) links to the entity's page.
    """
    page = source_path(document.spec.id)
    links = {
        passage: tuple(
            SpanLink(link.start, link.end, href(page, entity_path(kb.entity(link.entity_id))))
            for link in found
        )
        for passage, found in kb.entity_links.get(document.spec.id, {}).items()
    }
    labels = frozenset(note.label for note in document.footnotes)
    parts = [
        dump_front_matter(source_front_matter(document)),
        f"# {escape_inline(document.spec.label)}\n",
        metadata_block(document.spec),
    ]
    parts += [_section(section, labels, links) for section in document.sections]
    if document.tags:
        categories = "、".join(escape_inline(tag) for tag in document.tags)
        parts.append(f"分類：{categories}\n{{: .vd-categories }}\n")
    if document.footnotes:
        if not any(section.notes for section in document.sections):
            parts.append(f"## {NOTES_HEADING} {{#notes}}\n\n{FOOTNOTES_PLACE}\n")
        parts.append("\n".join(_footnote(note, labels) for note in document.footnotes) + "\n")
    return "\n".join(parts)


def _section(section: Section, labels: frozenset[str], links: Links) -> str:
    """A section's heading (if any) and blocks; consecutive items form one tight list."""
    chunks: list[str] = []
    if section.heading:
        hashes = "#" * min(section.level + 1, 6)
        chunks.append(f"{hashes} {escape_text(section.heading, labels)} {{#{section.anchor}}}\n")
    if section.notes and labels:
        chunks.append(f"{FOOTNOTES_PLACE}\n")
    run: list[str] = []
    for block in section.blocks:
        if block.kind == "item":
            run.append(_item(block, labels, links))
            continue
        if run:
            chunks.append("\n".join(run) + "\n")
            run = []
        chunks.append(_paragraph(block, labels, links))
    if run:
        chunks.append("\n".join(run) + "\n")
    return "\n".join(chunks)


def _attrs(block: Block) -> str:
    classes = [f".vd-{block.kind.replace('_', '-')}"] if block.kind != "paragraph" else []
    return "{: #" + " ".join([block.passage_id, *classes]) + " }"


def _block_text(block: Block, labels: frozenset[str], links: Links) -> str:
    """A block's escaped text: entity links, footnote references, the {{Fact}} text marked."""
    return escape_text(block.text, labels, links.get(block.passage_id, ()), marked=block.uncited)


def _paragraph(block: Block, labels: frozenset[str], links: Links) -> str:
    return f"{_block_text(block, labels, links)}\n{_attrs(block)}\n"


def _item(block: Block, labels: frozenset[str], links: Links) -> str:
    indent = "    " * block.level
    text = _block_text(block, labels, links)
    return f"{indent}- {text}\n{indent}  {_attrs(block)}"


def _footnote(note: Footnote, labels: frozenset[str]) -> str:
    """A footnote definition; a note the source lacks says so instead of inventing text."""
    text = (
        MISSING_NOTE
        if note.missing
        else escape_text(note.text, labels - {note.label}, addresses=note.addresses)
    )
    return f"[^{note.label}]: {text}"
