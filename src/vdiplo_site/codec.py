"""Documents and mentions as JSON and back (for :mod:`.cache`), field by field.

The round trip is exact: ``document_from_json(document_to_json(d), d.spec) == d``. The spec is
not stored: the caller gives the manifest's current one (its key covers every field).
"""

from __future__ import annotations

from typing import Any

from .model import Block, Citation, Document, Footnote, Mention, Section, SourceSpec


def document_to_json(document: Document) -> dict[str, Any]:
    """``document`` without its spec, as JSON-ready data."""
    return {
        "sections": [
            {
                "heading": s.heading,
                "level": s.level,
                "anchor": s.anchor,
                "notes": s.notes,
                "blocks": [_block_to_json(b) for b in s.blocks],
            }
            for s in document.sections
        ],
        "footnotes": [
            [
                f.label,
                f.text,
                f.missing,
                None if f.citation is None else _citation_to_json(f.citation),
                list(f.addresses),
            ]
            for f in document.footnotes
        ],
        "tags": list(document.tags),
        "links": list(document.links),
        "raw_notes": [_block_to_json(b) for b in document.raw_notes],
    }


def document_from_json(data: dict[str, Any], spec: SourceSpec) -> Document:
    """The document :func:`document_to_json` stored, with ``spec``.

    Raises:
        KeyError, TypeError, ValueError: ``data`` is not what :func:`document_to_json` writes.
    """
    sections = tuple(
        Section(
            s["heading"], s["level"], tuple(_block_from_json(b) for b in s["blocks"]), s["anchor"], s["notes"]
        )
        for s in data["sections"]
    )
    footnotes = tuple(
        Footnote(label, text, None if citation is None else Citation(**citation), missing, tuple(addresses))
        for label, text, missing, citation, addresses in data["footnotes"]
    )
    return Document(
        spec,
        sections,
        footnotes,
        tuple(data["tags"]),
        tuple(data["links"]),
        tuple(_block_from_json(b) for b in data["raw_notes"]),
    )


def _block_to_json(block: Block) -> list[Any]:
    return [block.kind, block.text, block.level, block.lacks_citation, block.passage_id, list(block.uncited)]


def _block_from_json(row: list[Any]) -> Block:
    kind, text, level, lacks_citation, passage_id, uncited = row
    return Block(kind, text, level, lacks_citation, passage_id, tuple(uncited))


def _citation_to_json(citation: Citation) -> dict[str, str | None]:
    return {
        "title": citation.title,
        "url": citation.url,
        "publisher": citation.publisher,
        "date": citation.date,
        "archive_url": citation.archive_url,
        "archive_date": citation.archive_date,
    }


def mentions_to_json(mentions: tuple[Mention, ...]) -> list[list[Any]]:
    """Mentions as rows ``[entity, source, passage, section, start, end, surface]``."""
    return [
        [m.entity_id, m.source_id, m.passage_id, m.section_anchor, m.start, m.end, m.surface]
        for m in mentions
    ]


def mentions_from_json(rows: list[list[Any]]) -> tuple[Mention, ...]:
    """The mentions :func:`mentions_to_json` stored.

    Raises:
        TypeError: a row is not what :func:`mentions_to_json` writes.
    """
    return tuple(Mention(*row) for row in rows)
