"""The page of one source: its metadata, its sections and passages with anchors, its notes."""

from __future__ import annotations

from collections.abc import Mapping

from ..knowledge import KnowledgeBase
from ..model import CELL, Block, Document, Footnote, Section
from .front_matter import dump_front_matter
from .markdown_text import SpanLink, escape_inline, escape_text
from .paths import entity_path, href, source_path
from .review_comparison import comparison_note
from .source_metadata import metadata_block, source_front_matter

#: Passage id -> the spans of its text that link to entity pages.
Links = Mapping[str, tuple[SpanLink, ...]]

#: The heading of the notes where the source gives them none of its own (001's notes stand at
#: page feet, 002's heading 【註釋】 is read as the notes' start).
NOTES_HEADING = "註釋 Notes"
#: Python-Markdown's footnotes extension puts the notes where this line is (its PLACE_MARKER).
FOOTNOTES_PLACE = "///Footnotes Go Here///"
MISSING_NOTE = "（此註釋的內文在原始文本中缺漏。The text of this note is missing from the source.）"
#: Block kinds rendered as rows of a table.
TABLE_KINDS = frozenset({"table_head", "table_row"})


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
        comparison_note(document.spec.id, kb.source_ids),
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
    """A section's heading (if any) and blocks; consecutive items form one tight list,
    consecutive table rows one table."""
    chunks: list[str] = []
    if section.heading:
        hashes = "#" * min(section.level + 1, 6)
        chunks.append(f"{hashes} {escape_text(section.heading, labels)} {{#{section.anchor}}}\n")
    if section.notes and labels:
        chunks.append(f"{FOOTNOTES_PLACE}\n")
    run: list[str] = []
    rows: list[Block] = []
    for block in section.blocks:
        if block.kind in TABLE_KINDS and not (rows and block.kind == "table_head"):
            rows.append(block)
            continue
        if rows:
            chunks.append(_table(rows, labels, links))
            rows = [block] if block.kind in TABLE_KINDS else []
            if rows:
                continue
        if block.kind == "item":
            run.append(_item(block, labels, links))
            continue
        if run:
            chunks.append("\n".join(run) + "\n")
            run = []
        chunks.append(_paragraph(block, labels, links))
    if rows:
        chunks.append(_table(rows, labels, links))
    if run:
        chunks.append("\n".join(run) + "\n")
    return "\n".join(chunks)


def _table(rows: list[Block], labels: frozenset[str], links: Links) -> str:
    """Table rows (a ``table_head`` first, if the source has one) as one Markdown table.

    Each row is a passage: an empty ``<span id="p-n-k">`` in its first cell is its anchor
    (``attr_list`` cannot give a table row an id). A table without a header row gets an empty
    one (Markdown tables need one); short rows are padded with empty cells. Cell text is
    escaped like any text, ``|`` too.
    """
    cells = [_cells(row, labels, links.get(row.passage_id, ())) for row in rows]
    width = max(len(row) for row in cells)
    if rows[0].kind != "table_head":
        cells.insert(0, [""] * width)
        rows = [Block(kind="table_head", text=""), *rows]
    lines = []
    for number, (row, texts) in enumerate(zip(rows, cells, strict=True)):
        texts = texts + [""] * (width - len(texts))
        if row.passage_id:
            texts[0] = f'<span id="{row.passage_id}" class="vd-row"></span>{texts[0]}'
        lines.append("| " + " | ".join(texts) + " |")
        if number == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines) + "\n"


def _cells(row: Block, labels: frozenset[str], links: tuple[SpanLink, ...]) -> list[str]:
    """The escaped Markdown of each cell of a table row (links shifted into their cell)."""
    out, start = [], 0
    for cell in row.text.split(CELL):
        end = start + len(cell)
        inside = tuple(
            SpanLink(link.start - start, link.end - start, link.href)
            for link in links
            if start <= link.start and link.end <= end
        )
        out.append(escape_text(cell, labels, inside).replace("|", "\\|"))
        start = end + len(CELL)
    return out


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
