"""Normalisation steps for the ``pdf-paper`` format (001: a PDF journal article as Markdown).

The reader (:mod:`vdiplo_site.readers.pdf_paper`) has already taken the notes out of the page
flow; these steps, in order, clean the inline markup and then fix the structure:

1. :func:`join_broken_lines` – lines of one paragraph or note, run over a line or page break;
2. :func:`convert_note_references` – ``<sup>N</sup>`` → ``[^N]``;
3. :func:`strip_emphasis` – ``**bold**`` / ``*italic*`` → plain text;
4. :func:`plain_links` – ``<https://…>`` / ``[url](url)`` → the plain URL;
5. :func:`join_page_cut_paragraphs` – a paragraph cut in two by a page break → one;
6. :func:`lead_front_matter` – title, author and affiliation headings → the lead;
7. :func:`level_headings` – heading levels from the numbering 壹、 / 一、 / (一);
8. :func:`order_footnotes` – notes in order of first reference.
"""

from __future__ import annotations

from .pdf_paper_inline import (
    convert_note_references,
    join_broken_lines,
    plain_links,
    strip_emphasis,
)
from .pdf_paper_structure import (
    join_page_cut_paragraphs,
    lead_front_matter,
    level_headings,
    order_footnotes,
)

STEPS = (
    join_broken_lines,
    convert_note_references,
    strip_emphasis,
    plain_links,
    join_page_cut_paragraphs,
    lead_front_matter,
    level_headings,
    order_footnotes,
)
