"""Normalisation steps for the `markdown` format.

The reader already gives paragraphs, items and footnotes; what is left is structure: a heading
with no text under it (a title heading directly followed by the first section heading keeps
its sections).
"""

from __future__ import annotations

from .wikitext import drop_empty_sections

STEPS = (drop_empty_sections,)
