"""Reader for the `pdf-dump` format: plain text dumped from a two-column PDF (source 002).

The dump puts a blank line between every two physical lines, hard-wraps every paragraph, marks a
paragraph's first line by indenting it with a space, and ends with a 【註釋】 (notes) section.
The reader only parses: it drops the blank spacing lines and returns one ``Block(kind="line")``
per physical line, *raw* (leading and trailing spaces kept, because the steps in
:mod:`vdiplo_site.normalise.pdf_dump` read paragraph and heading structure from them):

* a lead section (heading ``""``, level 0) holding the body's lines, and
* when the text has a 【註釋】 line, the lines after it as the document's ``raw_notes``, which
  the ``collect_notes`` step turns into footnotes.
"""

from __future__ import annotations

from ..errors import SourceFormatError
from ..model import Block, Document, Section, SourceSpec

#: The line that opens the dump's notes section.
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
            a crude document: a level-0 section of ``line`` blocks for the body, and the
            ``line`` blocks after a 【註釋】 line as ``raw_notes``.

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
        notes = [line for _, line in numbered[split + 1 :]]
        lead = Section(heading="", level=0, blocks=_lines(body))
        return Document(spec=spec, sections=(lead,), raw_notes=_lines(notes))


def _lines(lines: list[str]) -> tuple[Block, ...]:
    """One raw ``line`` block per physical line."""
    return tuple(Block(kind="line", text=line) for line in lines)
