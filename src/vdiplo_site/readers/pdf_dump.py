"""Reader for the `pdf-dump` format: plain text dumped from a two-column PDF (source 002).

The dump puts a blank line between every two physical lines, hard-wraps every paragraph, marks a
paragraph's first line by indenting it with a space, and ends with a 【註釋】 (notes) section.
The reader only parses: it drops the blank spacing lines and returns one ``Block(kind="line")``
per physical line, *raw* (leading and trailing spaces kept, because the steps in
:mod:`vdiplo_site.normalise.pdf_dump` read paragraph and heading structure from them):

* a lead section (heading ``""``, level 0) holding the body's lines, and
* when the text has a 【註釋】 line, a section headed :data:`NOTES_HEADING` holding the lines
  after it, which the ``collect_notes`` step turns into footnotes.
"""

from __future__ import annotations

from ..errors import SourceFormatError
from ..model import Block, Document, Section, SourceSpec

#: Heading of the intermediate section holding the raw lines of the 【註釋】 section.
NOTES_HEADING = "【註釋】"


class PdfDumpReader:
    """Reads `pdf-dump` sources into raw line blocks (see the module docstring)."""

    format = "pdf-dump"

    def read(self, spec: SourceSpec, text: str) -> Document:
        """Split ``text`` into body lines and note lines.

        Args:
            spec: the manifest entry (used for error messages and carried on the document).
            text: the decoded source text.

        Returns:
            a crude document: a level-0 section of ``line`` blocks for the body, followed by a
            :data:`NOTES_HEADING` section of ``line`` blocks when the text has a 【註釋】 line.

        Raises:
            SourceFormatError: the text is blank, or has no body text before 【註釋】.
        """
        numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if not numbered:
            raise SourceFormatError(spec.path, "the pdf-dump text is blank")
        split = next(
            (i for i, (_, line) in enumerate(numbered) if line.strip() == NOTES_HEADING),
            len(numbered),
        )
        body = [line for _, line in numbered[:split]]
        if not body:
            raise SourceFormatError(
                spec.path, f"no body text before the {NOTES_HEADING} line", numbered[split][0]
            )
        sections = [Section(heading="", level=0, blocks=_lines(body))]
        if split < len(numbered):
            notes = [line for _, line in numbered[split + 1 :]]
            sections.append(Section(heading=NOTES_HEADING, level=0, blocks=_lines(notes)))
        return Document(spec=spec, sections=tuple(sections))


def _lines(lines: list[str]) -> tuple[Block, ...]:
    """One raw ``line`` block per physical line."""
    return tuple(Block(kind="line", text=line) for line in lines)
