"""Readers: one small class per source format, chosen by the manifest's ``format`` key.

A reader turns a source's text into a :class:`~vdiplo_site.model.Document`; the format's
normalisation steps (:mod:`vdiplo_site.normalise`) then clean it. Several sources are ``.txt``,
so the format is never guessed from the file extension.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import SourceFormatError
from ..model import Document, SourceSpec
from .mofa_review import MofaReviewReader
from .pdf_dump import PdfDumpReader
from .pdf_paper import PdfPaperReader
from .wikitext import WikitextReader


class Reader(Protocol):
    """What every reader offers: its ``format`` name and ``read``."""

    format: str

    def read(self, spec: SourceSpec, text: str) -> Document:
        """Parse ``text`` (the source's decoded file) into a document for ``spec``."""
        ...


REGISTRY: dict[str, Reader] = {
    reader.format: reader
    for reader in (WikitextReader(), PdfPaperReader(), PdfDumpReader(), MofaReviewReader())
}


def reader_for(spec: SourceSpec) -> Reader:
    """Return the reader registered for ``spec.format``.

    Raises:
        SourceFormatError: no reader has that format; the message names the known formats.
    """
    try:
        return REGISTRY[spec.format]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise SourceFormatError(
            spec.path, f"unknown format {spec.format!r} for source '{spec.id}' (known: {known})"
        ) from None
