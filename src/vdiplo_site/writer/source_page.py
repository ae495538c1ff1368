"""The page of one source: its metadata, its sections and passages with anchors, its notes."""

from __future__ import annotations

from ..model import Block, Document, Footnote, Section
from .cross_links import Links
from .front_matter import dump_front_matter
from .markdown_text import escape_inline, escape_text
from .source_metadata import metadata_block, source_front_matter

MISSING_NOTE = "（此註釋的內文在原始文本中缺漏。The text of this note is missing from the source.）"
LACKS_CITATION_CLASS = ".vd-lacks-citation"


def render_source_page(document: Document, links: Links | None = None) -> str:
    """Render a normalised document with passage ids as a Markdown page (front matter first).

    Output shape: front matter; ``# label``; a metadata admonition; each section as a heading
    one level below the page title with ``{#s-n}``; each block with ``{: #p-n-k }``; the
    source's categories (wikitext) as a 分類 line; the footnote definitions last. All source
    text is escaped (see :mod:`.markdown_text`); ``links`` (passage id -> ``(start, end,
    href)`` spans) turns entity mentions into links to their pages.
    """
    links = links or {}
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
        parts.append("\n".join(_footnote(note, labels) for note in document.footnotes) + "\n")
    return "\n".join(parts)


def _section(section: Section, labels: frozenset[str], links: Links) -> str:
    """A section's heading (if any) and blocks; consecutive items form one tight list."""
    chunks: list[str] = []
    if section.heading:
        hashes = "#" * min(section.level + 1, 6)
        chunks.append(f"{hashes} {escape_text(section.heading, labels)} {{#{section.anchor}}}\n")
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
    if block.lacks_citation:
        classes.append(LACKS_CITATION_CLASS)
    return "{: #" + " ".join([block.passage_id, *classes]) + " }"


def _paragraph(block: Block, labels: frozenset[str], links: Links) -> str:
    return f"{escape_text(block.text, labels, links.get(block.passage_id, ()))}\n{_attrs(block)}\n"


def _item(block: Block, labels: frozenset[str], links: Links) -> str:
    indent = "    " * block.level
    text = escape_text(block.text, labels, links.get(block.passage_id, ()))
    return f"{indent}- {text}\n{indent}  {_attrs(block)}"


def _footnote(note: Footnote, labels: frozenset[str]) -> str:
    """A footnote definition; a note the source lacks says so instead of inventing text."""
    text = MISSING_NOTE if note.missing else escape_text(note.text, labels - {note.label})
    return f"[^{note.label}]: {text}"
