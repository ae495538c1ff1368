"""Escaping plain source text into inert Markdown.

Source text is data, never markup: every character Markdown or HTML would interpret is escaped,
so ``<script>``, ``javascript:`` links, ``*stars*`` or a leading ``1.`` render as the literal text
the source has. The only markup kept is a footnote reference ``[^label]`` whose label is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import FOOTNOTE_REF

# A bare http(s) URL: ASCII URL characters only, so it stops at CJK text; trailing
# punctuation that usually closes the sentence is left out of the link.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+(?<![.,;:!?'])")
_TOKEN = re.compile(rf"{FOOTNOTE_REF.pattern}|{_URL.pattern}")
# Characters Python-Markdown unescapes after a backslash (markdown.Markdown.ESCAPED_CHARS),
# backslash-escaped, and the characters HTML would interpret, as entities: one pass over the
# text (neither replacement holds a character of the other kind).
_ESCAPES = {char: "\\" + char for char in "\\`*_{}[]()#+-.!"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SpanLink:
    """A span of a text that becomes a Markdown link.

    Attributes:
        start, end: character offsets in the text.
        href: the link target, made by :func:`.paths.href` (never from source text).
    """

    start: int
    end: int
    href: str


def escape_inline(text: str) -> str:
    """Escape one run of plain text so Markdown renders it literally.

    Input: plain text (no line breaks expected). Output: Markdown source that renders to the
    same characters: ``&``, ``<``, ``>`` become entities and Markdown punctuation is
    backslash-escaped. Runs of whitespace become one space, so text never starts a new block.
    """
    return _SPECIAL.sub(_escaped, _SPACES.sub(" ", text))


def _escaped(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def escape_cell(text: str) -> str:
    """:func:`escape_inline` for a cell of a Markdown table: ``|`` is escaped too, so a bar in
    the source text never splits the cell."""
    return escape_inline(text).replace("|", "\\|")


def escape_text(text: str, labels: frozenset[str] = frozenset(), links: Sequence[SpanLink] = ()) -> str:
    """Escape ``text``, keeping footnote references, linking bare http(s) URLs and given spans.

    A ``[^label]`` whose label is in ``labels`` stays a footnote reference; one with an unknown
    label is escaped like any other text (it renders as ``[^x]``). A bare ``http``/``https``
    URL becomes an autolink; any other scheme (``javascript:``) stays inert text. ``links``
    are spans of ``text`` (sorted, not overlapping) that become ``[text](href)``.
    """
    if links:
        out, last = [], 0
        for link in links:
            out.append(_escape_plain(text[last : link.start], labels))
            out.append(f"[{escape_inline(text[link.start : link.end])}]({link.href})")
            last = link.end
        out.append(_escape_plain(text[last:], labels))
        return "".join(out).strip()
    return _escape_plain(text, labels).strip()


def _escape_plain(text: str, labels: frozenset[str]) -> str:
    """:func:`escape_text` without link spans (edges not stripped)."""
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        label = match.group(1)
        if label is not None and label not in labels:
            continue
        out.append(escape_inline(text[last : match.start()]))
        out.append(f"[^{label}]" if label is not None else f"<{match.group(0)}>")
        last = match.end()
    out.append(escape_inline(text[last:]))
    return "".join(out)
