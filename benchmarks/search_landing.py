"""Where a search result lands, and whether the wanted text is visible there.

The landing point of a result link is the element whose id is the URL's fragment. A link without
a fragment is followed in the browser, since a page's scripts may take the reader on (the site's
passage-links.js turns a search result's ``?p=<id>`` into ``#<id>``); the fragment the browser
shows after loading is then the landing point, or the top of ``article.md-content__inner`` when
there is none (a fragment naming no element is counted).
The text a reader sees there is the article's text from that element onwards, whitespace
collapsed and the "¶" permalinks removed; a result succeeds when the query's ``must`` occurs in
its first 600 characters. Pages are fetched once per URL from the local server and parsed with
BeautifulSoup (the static HTML: what the site serves before any script runs).
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

WINDOW = 600
FETCH_TIMEOUT_S = 10
_SPACE = re.compile(r"\s+")
_SKIPPED = (Comment,)


def normalise(text: str) -> str:
    """Collapse whitespace and drop the "¶" permalink characters."""
    return _SPACE.sub(" ", text.replace("¶", "")).strip()


@dataclass(frozen=True)
class PageText:
    """The article text of one page and where each id'd element starts in it."""

    text: str
    """The article's raw text (strings in document order)."""
    offsets: dict[str, int] = field(default_factory=dict)
    """Element id -> offset in ``text`` of the element's first character."""


@dataclass(frozen=True)
class Landing:
    """One result link resolved to the text a reader sees."""

    url: str
    """The link's path and fragment, relative to the site root (for reports)."""
    text: str
    """The first 600 normalised characters from the landing point."""
    anchor_missing: bool
    """True when the fragment names no element of the article."""


def article_text(html: str) -> PageText:
    """Walk ``article.md-content__inner`` once: its text and the offset of every id."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup.body or soup
    parts: list[str] = []
    length = 0
    offsets: dict[str, int] = {}
    for node in article.descendants:
        if isinstance(node, Tag):
            anchor = node.get("id")
            if isinstance(anchor, str) and anchor and anchor not in offsets:
                offsets[anchor] = length
        elif isinstance(node, NavigableString) and not isinstance(node, _SKIPPED):
            if node.parent is not None and node.parent.name in ("script", "style"):
                continue
            parts.append(str(node))
            length += len(parts[-1])
    return PageText("".join(parts), offsets)


class Lander:
    """Resolves result links on one served site, caching each page's text.

    ``follow`` (href -> the fragment the browser shows after loading it) is used for links
    without a fragment; without it such links land at the top of the page.
    """

    def __init__(self, base_url: str, follow=None) -> None:
        self.base_url = base_url.rstrip("/")
        self._pages: dict[str, PageText] = {}
        self._follow = follow
        self._followed: dict[str, str] = {}

    def _page(self, url: str) -> PageText:
        if url not in self._pages:
            with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_S) as response:
                self._pages[url] = article_text(response.read().decode("utf-8"))
        return self._pages[url]

    def land(self, href: str) -> Landing:
        """The landing of an absolute result href (query string such as ``?h=`` ignored)."""
        parts = urllib.parse.urlsplit(href)
        page_url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        page = self._page(page_url)
        fragment = urllib.parse.unquote(parts.fragment)
        if not fragment and parts.query and self._follow is not None:
            key = urllib.parse.urlunsplit(
                (parts.scheme, parts.netloc, parts.path, _without_highlight(parts.query), "")
            )
            if key not in self._followed:
                self._followed[key] = urllib.parse.unquote(self._follow(href))
            fragment = self._followed[key]
        offset = page.offsets.get(fragment, 0) if fragment else 0
        missing = bool(fragment) and fragment not in page.offsets
        shown = normalise(page.text[offset : offset + 40 * WINDOW])[:WINDOW]
        relative = parts.path.removeprefix(urllib.parse.urlsplit(self.base_url).path) or "/"
        return Landing(relative + (f"#{fragment}" if fragment else ""), shown, missing)


def _without_highlight(query: str) -> str:
    """The query string without Material's ``h`` (highlight) parameter, for caching."""
    pairs = [(k, v) for k, v in urllib.parse.parse_qsl(query) if k != "h"]
    return urllib.parse.urlencode(pairs)


def succeeds(landing: Landing, must: str) -> bool:
    """True when ``must`` (whitespace-normalised) is in the landing's first 600 characters."""
    return normalise(must) in landing.text
