"""Escaping plain source text into inert Markdown.

Source text is data, never markup: every character Markdown or HTML would interpret is escaped,
so ``<script>``, ``javascript:`` links, ``*stars*`` or a leading ``1.`` render as the literal text
the source has. The only markup kept is a footnote reference ``[^label]`` whose label is known.
"""

from __future__ import annotations

import re

_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
# A bare http(s) URL: ASCII URL characters only, so it stops at CJK text; trailing
# punctuation that usually closes the sentence is left out of the link.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+(?<![.,;:!?'])")
_TOKEN = re.compile(rf"{_FOOTNOTE_REF.pattern}|{_URL.pattern}")
# Characters Python-Markdown unescapes after a backslash (markdown.Markdown.ESCAPED_CHARS).
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape_inline(text: str) -> str:
    """Escape one run of plain text so Markdown renders it literally.

    Input: plain text (no line breaks expected). Output: Markdown source that renders to the
    same characters: ``&``, ``<``, ``>`` become entities and Markdown punctuation is
    backslash-escaped. Runs of whitespace become one space, so text never starts a new block.
    """
    text = re.sub(r"\s+", " ", text)
    text = "".join(_HTML.get(char, char) for char in text)
    return _BACKSLASHED.sub(r"\\\1", text)


def escape_text(text: str, labels: frozenset[str] = frozenset()) -> str:
    """Escape ``text``, keeping footnote references and linking bare http(s) URLs.

    A ``[^label]`` whose label is in ``labels`` stays a footnote reference; one with an unknown
    label is escaped like any other text (it renders as ``[^x]``). A bare ``http``/``https``
    URL becomes an autolink; any other scheme (``javascript:``) stays inert text.
    """
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        label = match.group(1)
        if label is not None and label not in labels:
            continue
        out.append(escape_inline(text[last : match.start()]))
        out.append(f"[^{label}]" if label is not None else f"<{match.group(0)}>")
        last = match.end()
    out.append(escape_inline(text[last:]))
    return "".join(out).strip()

