"""Reader for the `plain-text` format: a UTF-8 text a user brings, without markup.

Paragraphs are separated by blank lines; headings are short lines numbered with the Chinese
outline markers (``一、`` / ``（一）`` / ``1.``, :mod:`vdiplo_site.outline`), which the steps in
:mod:`vdiplo_site.normalise.plain_text` find. The reader only parses: one lead section holding
one raw ``Block(kind="line")`` per physical line, blank lines as ``text=""`` (paragraph ends),
outer whitespace stripped (a full-width indent ``\\u3000\\u3000`` is layout, not text).
"""

from __future__ import annotations

from ..errors import SourceFormatError
from ..model import Block, Document, Section, SourceSpec


class PlainTextReader:
    """Reads `plain-text` sources into raw line blocks (see the module docstring)."""

    format = "plain-text"

    def read(self, spec: SourceSpec, text: str) -> Document:
        """Split ``text`` into physical lines.

        Returns:
            a crude document: one level-0 section of ``line`` blocks, one per physical line.

        Raises:
            SourceFormatError: the text is blank.
        """
        lines = [line.strip() for line in text.splitlines()]
        if not any(lines):
            raise SourceFormatError(spec.path, "the plain-text source is blank")
        blocks = tuple(Block(kind="line", text=line) for line in lines)
        return Document(spec=spec, sections=(Section(heading="", level=0, blocks=blocks),))
