"""Reader for the ``pdf-paper`` format: Markdown converted from a PDF journal article (001).

The converter kept the PDF's page layout: each page's footnotes (``<sup>N</sup> text``) follow
the page's body, usually after a page-break rule ``---``, and the next page's body resumes after
them. The reader sorts the physical lines into headings, body paragraphs and notes; it keeps the
inline markup (``<sup>``, ``**``, ``*``, autolinks) and the line breaks inside a paragraph or
note (as ``"\\n"``) for the normalisation steps (:mod:`vdiplo_site.normalise.pdf_paper`).
"""

from __future__ import annotations

import re

from ..errors import SourceFormatError
from ..model import Block, Document, Footnote, Section, SourceSpec
from ..text import ends_sentence

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
RULE = re.compile(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
NOTE_DEFINITION = re.compile(r"^<sup>(\d+)</sup>[ \t]+(\S.*)$")
NOTE_REFERENCE = re.compile(r"<sup>(\d+)</sup>")
LINK_START = re.compile(r"^[<\[]?https?://")


class PdfPaperReader:
    """Reads ``pdf-paper`` sources: a PDF article converted to Markdown (source 001)."""

    format = "pdf-paper"

    def read(self, spec: SourceSpec, text: str) -> Document:
        """Sort ``text``'s lines into sections, paragraphs and notes.

        Returns:
            a crude document: one section per Markdown heading (raw heading text, provisional
            level = number of ``#``) plus a level-0 lead if text precedes the first heading;
            one ``paragraph`` block per Markdown paragraph, its physical lines joined by
            ``"\\n"``, inline markup kept; footnotes in page order, a note's pieces (cut by a
            hard line break or a page break) joined by ``"\\n"``. A note referenced by
            ``<sup>N</sup>`` but never given comes back as ``Footnote(missing=True)``.

        Raises:
            SourceFormatError: the text has no body paragraph at all.
        """
        parser = _PageParser()
        for line in text.splitlines():
            parser.feed(line)
        return parser.document(spec)


class _PageParser:
    """Line-by-line state machine separating a page's body from its footnote block.

    A footnote block starts at a page-break rule ``---`` or at a note definition
    ``<sup>N</sup> text`` (mark, space, text) whose ``N`` the body has referenced and no note
    has defined yet (notes 5–8 of 001 follow the body with no rule); right after a rule any
    undefined ``N`` opens a note. Inside a block, a line that is not a definition continues
    the last note only when that note is unfinished (no sentence-final punctuation) and the
    line either opens the block (the note ran over the page break, as note 3's ``*History*``
    / ``*Research*``) or starts with a URL (note 9's link on its own line); a line right
    under a note line (a two-space line break, note 28) continues it too. Any other line is
    the next page's body. A line holding ``<sup>`` that is not a
    definition is always body (``<sup>14</sup>「日華議員懇談會」…`` resumes the body).
    A ``---`` followed by body (after the abstract) is a plain rule and is dropped.
    """

    def __init__(self) -> None:
        self.sections: list[tuple[str, int, list[str]]] = [("", 0, [])]
        self.paragraph: list[str] = []
        self.notes: dict[str, list[str]] = {}
        self.references: list[str] = []
        self.last_label: str | None = None
        self.in_block = False
        self.block_has_note = False
        self.note_open = False

    def feed(self, line: str) -> None:
        """Classify one physical line and add it where it belongs."""
        stripped = line.strip()
        if not stripped or RULE.match(stripped):
            self._end_paragraph()
            self.note_open = False
            if stripped:
                self.in_block, self.block_has_note = True, False
            return
        definition = NOTE_DEFINITION.match(stripped)
        if definition and self._awaits_note(definition[1]):
            self._end_paragraph()
            self.last_label = definition[1]
            self.notes[self.last_label] = [definition[2]]
            self.in_block = self.block_has_note = self.note_open = True
            return
        if self.last_label is not None and self._continues_note(stripped):
            self.notes[self.last_label].append(stripped)
            self.note_open = True
            return
        self.in_block = self.note_open = False
        self._add_body(stripped)

    def document(self, spec: SourceSpec) -> Document:
        """Return the parsed document (see :meth:`PdfPaperReader.read`)."""
        self._end_paragraph()
        sections = tuple(
            Section(
                heading=heading,
                level=level,
                blocks=tuple(Block(kind="paragraph", text=text) for text in blocks),
            )
            for heading, level, blocks in self.sections
            if heading or blocks
        )
        if not any(section.blocks for section in sections):
            raise SourceFormatError(spec.path, "no body paragraph found in the paper")
        notes = [Footnote(label=label, text="\n".join(pieces)) for label, pieces in self.notes.items()]
        for label in dict.fromkeys(self.references):
            if label not in self.notes:
                notes.append(Footnote(label=label, text="", missing=True))
        return Document(spec=spec, sections=sections, footnotes=tuple(notes))

    def _awaits_note(self, label: str) -> bool:
        """Whether a definition of note ``label`` is expected here.

        It is when no note has defined ``label`` yet and either the body has referenced it or
        a footnote block is open (a definition right after a page-break rule).
        """
        return label not in self.notes and (label in self.references or self.in_block)

    def _continues_note(self, line: str) -> bool:
        """Whether ``line`` carries on the last note (see the class docstring)."""
        if self.last_label is None or "<sup>" in line or HEADING.match(line):
            return False
        if self.note_open:
            return True
        if not self.in_block or ends_sentence("\n".join(self.notes[self.last_label])):
            return False
        return not self.block_has_note or bool(LINK_START.match(line))

    def _add_body(self, line: str) -> None:
        """Add a heading or a line of a body paragraph."""
        self.references.extend(NOTE_REFERENCE.findall(line))
        heading = HEADING.match(line)
        if heading:
            self._end_paragraph()
            self.sections.append((heading[2], len(heading[1]), []))
        else:
            self.paragraph.append(line)

    def _end_paragraph(self) -> None:
        """Close the paragraph being gathered, if any, into the current section."""
        if self.paragraph:
            self.sections[-1][2].append("\n".join(self.paragraph))
            self.paragraph = []
