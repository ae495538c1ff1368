"""Readers: one small class per source format (registered with its steps in :mod:`..formats`).

A reader turns a source's decoded text into a crude :class:`~vdiplo_site.model.Document`; it
parses and never cleans: the format's normalisation steps (:mod:`vdiplo_site.normalise`) do
that. Readers import only the neutral modules (model, errors, text), never the steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from ..model import Document, SourceSpec


class Reader(Protocol):
    """What every reader offers: its ``format`` name and ``read``."""

    format: str

    def read(self, spec: SourceSpec, text: str) -> Document:
        """Parse ``text`` (the source's decoded file) into a crude document for ``spec``.

        Raises:
            SourceFormatError: the text lacks the structure the format needs.
        """
        ...


#: The ids of the sources in which a template the reader does not know stops the build
#: (``vdiplo-site add --strict``: the new source) instead of being rendered by its visible
#: arguments and listed in a warning.
STRICT_TEMPLATES: ContextVar[frozenset[str]] = ContextVar("strict_templates", default=frozenset())


@contextmanager
def strict_templates(source_ids: Iterable[str]) -> Iterator[None]:
    """Within the ``with`` body, readers treat unknown templates of these sources as errors."""
    token = STRICT_TEMPLATES.set(frozenset(source_ids))
    try:
        yield
    finally:
        STRICT_TEMPLATES.reset(token)
