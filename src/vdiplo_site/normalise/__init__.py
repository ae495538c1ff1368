"""Normalisation: ordered, named clean-up steps per source format.

Each step is a plain function ``Document -> Document`` whose docstring's first line names the
source quirk it handles. :data:`STEPS` maps a format name to its ordered tuple of steps, in the
manner of Python-Markdown's processor registry; each step is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document
from . import mofa_review, pdf_dump, pdf_paper, wikitext

Step = Callable[[Document], Document]

STEPS: dict[str, tuple[Step, ...]] = {
    "wikitext": wikitext.STEPS,
    "pdf-paper": pdf_paper.STEPS,
    "pdf-dump": pdf_dump.STEPS,
    "mofa-review": mofa_review.STEPS,
}


def normalise(document: Document) -> Document:
    """Apply the steps registered for ``document.spec.format``, in order.

    Returns:
        the cleaned document (formats with no steps come back unchanged).
    """
    for step in STEPS.get(document.spec.format, ()):
        document = step(document)
    return document
