"""Reader for the `mofa-review` format: MOFA's yearly reviews of diplomatic work (003, 004).

Both texts are plain text with an empty line after every physical line and a numbered
structure (``一、`` / ``(一)`` / ``1.``); 003 writes one paragraph per line but repeats a
running page header mid-text, 004 is a PDF dump hard-wrapped at the column width. The reader
only parses: it returns one lead section holding one raw ``Block(kind="line")`` per physical
line, empty lines and trailing spaces kept, because the steps in
:mod:`vdiplo_site.normalise.mofa_review` read paragraph ends from them.
"""

from __future__ import annotations

from ..errors import SourceFormatError
from ..model import Block, Document, Section, SourceSpec


class MofaReviewReader:
    """Reads `mofa-review` sources into raw line blocks (see the module docstring)."""

    format = "mofa-review"

    def read(self, spec: SourceSpec, text: str) -> Document:
        """Split ``text`` into physical lines.

        Args:
            spec: the manifest entry (used for error messages and carried on the document).
            text: the decoded source text.

        Returns:
            a crude document: one level-0 section of ``line`` blocks, one per physical line
            (line breaks removed, everything else kept).

        Raises:
            SourceFormatError: the text is blank. (A text without the numbered structure is
                refused by the ``build_sections`` step, which reads it.)
        """
        lines = text.splitlines()
        if not any(line.strip() for line in lines):
            raise SourceFormatError(spec.path, "the mofa-review text is blank")
        blocks = tuple(Block(kind="line", text=line) for line in lines)
        return Document(spec=spec, sections=(Section(heading="", level=0, blocks=blocks),))
