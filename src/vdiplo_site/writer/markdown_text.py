"""Escaping plain source text into inert Markdown.

Source text is data, never markup: every character Markdown or HTML would interpret is escaped,
so ``<script>``, ``javascript:`` links, ``*stars*`` or a leading ``1.`` render as the literal text
the source has. The only markup kept is a footnote reference ``[^label]`` whose label is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote

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
# Characters an address keeps unencoded in a link target (RFC 3986 reserved and unreserved,
# ``%`` for its own escapes); brackets, spaces and CJK characters are percent-encoded.
_URL_SAFE = "-._~:/?#@!$&'*+,;=%"
_MARK_OPEN = '<span class="vd-lacks-citation" title="來源請求 Citation needed">'


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


def web_target(address: str) -> str:
    """A web address as a Markdown link target: characters a target cannot hold (spaces,
    brackets, CJK characters) percent-encoded, the rest (``%`` escapes too) kept."""
    return quote(address, safe=_URL_SAFE)


def escape_text(
    text: str,
    labels: frozenset[str] = frozenset(),
    links: Sequence[SpanLink] = (),
    addresses: Sequence[str] = (),
    marked: Sequence[str] = (),
) -> str:
    """Escape ``text``, keeping footnote references, linking web addresses and given spans.

    A ``[^label]`` whose label is in ``labels`` stays a footnote reference; one with an unknown
    label is escaped like any other text (it renders as ``[^x]``). A bare ``http``/``https``
    URL becomes an autolink; any other scheme (``javascript:``) stays inert text. Each of
    ``addresses`` (substrings of ``text``: web addresses whose end plain text does not show,
    holding CJK characters or a space) becomes one whole link, its target percent-encoded.
    ``links`` are spans of ``text`` (sorted, not overlapping) that become ``[text](href)``; one
    overlapping an address is dropped. Each of ``marked`` (a substring of ``text``, the
    source's ``{{Fact}}`` text) is wrapped in ``<span class="vd-lacks-citation">``.
    """
    spans = [(link.start, link.end, link.href) for link in links]
    for address in addresses:
        if not address.startswith(("http://", "https://")):
            continue
        start = text.find(address)
        while start >= 0:
            spans = [s for s in spans if s[1] <= start or s[0] >= start + len(address)]
            spans.append((start, start + len(address), web_target(address)))
            start = text.find(address, start + len(address))
    opens, closes = _mark_edges(text, marked, spans)
    by_start = {start: (end, target) for start, end, target in spans}
    points = sorted({0, len(text), *opens, *closes, *by_start, *(end for _, end, _ in spans)})
    out, done = [], 0
    for left, right in pairwise(points):
        if left < done:  # inside a link already written
            continue
        out += ["</span>"] * (left in closes) + [_MARK_OPEN] * (left in opens)
        if left in by_start:
            done, target = by_start[left]
            out.append(f"[{escape_inline(text[left:done])}]({target})")
        else:
            out.append(_escape_plain(text[left:right], labels))
            done = right
    out += ["</span>"] * (len(text) in closes)
    return "".join(out).strip()


def _mark_edges(
    text: str, marked: Sequence[str], spans: Sequence[tuple[int, int, str]]
) -> tuple[set[int], set[int]]:
    """Where the ``marked`` texts open and close, moved out of any link span they cut."""
    opens, closes = set(), set()
    for piece in marked:
        start = text.find(piece)
        if not piece or start < 0:
            continue
        end = start + len(piece)
        for link_start, link_end, _ in spans:
            if link_start < start < link_end:
                start = link_start
            if link_start < end < link_end:
                end = link_end
        opens.add(start)
        closes.add(end)
    return opens, closes


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
