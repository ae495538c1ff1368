"""Normalisation: ordered, named clean-up steps per source format.

Each step is a plain function ``Document -> Document`` whose docstring's first line names the
source quirk it handles; each format's module exports its ordered tuple ``STEPS``, registered
with the format's reader in :mod:`vdiplo_site.formats`. Each step is tested on its own. Steps
import only the neutral modules (model, errors, text), never the readers.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document

#: A normalisation step: takes a document, returns the cleaned document.
Step = Callable[[Document], Document]
