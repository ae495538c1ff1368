"""Inline clean-up steps of the ``pdf-paper`` format (001): line breaks, note marks, markup.

Each step maps a text function over every heading, block and note of the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import reduce

from ..model import Document
from ..text import CJK, join_wrapped

_SUP = re.compile(rf"[ \t]*<sup>(\d+)</sup>(?:[ \t]+(?=[{CJK}]))?")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>]+)>")
# An address whose end plain text shows: ASCII without spaces.
_PLAIN_ADDRESS = re.compile(r"[!-~]+")
_LINK = re.compile(r"\[([^\]\n]*)\]\(((?:https?|ftp)://[^()\s]+)\)")
_ESCAPE = re.compile(r"\\+([!-/:-@\[-`{-~])")


def map_text(document: Document, change: Callable[[str], str]) -> Document:
    """Return ``document`` with ``change`` applied to every heading, block text and note text."""
    sections = tuple(
        replace(
            section,
            heading=change(section.heading),
            blocks=tuple(replace(block, text=change(block.text)) for block in section.blocks),
        )
        for section in document.sections
    )
    notes = tuple(replace(note, text=change(note.text)) for note in document.footnotes)
    return replace(document, sections=sections, footnotes=notes)


def join_broken_lines(document: Document) -> Document:
    """001: a paragraph or note broken over lines (two-space line break, note run over a page).

    Input: texts whose pieces the reader joined with ``"\\n"`` (note 28's ``），  `` + URL line;
    note 3's ``*History*`` + ``*Research*, Vol.8…`` from the next page). Output: one line per
    text, pieces joined by :func:`~vdiplo_site.text.join_wrapped` (no space at a CJK
    join, one space between Latin words).
    """
    return map_text(document, lambda text: reduce(join_wrapped, text.split("\n")).strip())


def convert_note_references(document: Document) -> Document:
    """001: in-text note numbers written as HTML superscripts ``<sup>N</sup>``.

    Output: ``[^N]``; the space the PDF left between the mark and following CJK text
    (``合作。<sup>11</sup> 另外``) is dropped, as is any space before the mark.
    """
    return map_text(document, lambda text: _SUP.sub(r"[^\1]", text))


def strip_emphasis(document: Document) -> Document:
    """001: Markdown emphasis left by the conversion (``**關鍵詞：**``, ``*Asia Policy*``).

    Output: the emphasised text without its asterisks; a lone ``*`` is kept as text.
    """
    return map_text(document, lambda text: _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text)))


def plain_links(document: Document) -> Document:
    """001: links in notes written as Markdown autolinks ``<https://…>`` or ``[url](url)``.

    Output: the plain URL; a ``[label](url)`` becomes its label with the Markdown escapes
    removed (note 19's ``News\\\\_Content`` -> ``News_Content``), or the URL if the label is empty.
    An autolinked address in a note whose end plain text would not show (it holds CJK
    characters or a space: notes 17 and 26, ``<https://www.rfi.fr/tw/國際/…-g7 國家都挺台…>``)
    is recorded in the note's ``addresses``, so that it stays one link.
    """
    notes = tuple(replace(note, addresses=_delimited_addresses(note.text)) for note in document.footnotes)
    return map_text(replace(document, footnotes=notes), _plain_links)


def _delimited_addresses(text: str) -> tuple[str, ...]:
    """The autolinked addresses of ``text`` that plain text cannot delimit (CJK or a space)."""
    return tuple(match[1] for match in _AUTOLINK.finditer(text) if not _PLAIN_ADDRESS.fullmatch(match[1]))


def _plain_links(text: str) -> str:
    """Replace the autolinks and Markdown links of ``text`` by plain text."""

    def link(match: re.Match[str]) -> str:
        return _ESCAPE.sub(r"\1", match[1]) or match[2]

    return _AUTOLINK.sub(r"\1", _LINK.sub(link, text))
