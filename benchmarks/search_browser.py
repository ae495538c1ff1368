"""Drive Material's search UI in headless Chromium like a reader: one page, query after query.

How a query is typed: the text is put into ``input.md-search__input`` the way an input method
commits it (value set, ``input`` event, no key event), then one real key press (End) completes
it. Material's search listens for ``keyup`` on the box, so that keystroke starts the search.
Latency is measured inside the page with ``performance.now()``: from that keyup (a capturing
listener on ``window``, which runs before Material's own) to the first DOM mutation of
``.md-search-result`` (its meta line and result list, which Material updates in one task when the
worker's answer arrives). The same code runs for both builds.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = "/usr/bin/chromium"
# fmt: off
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# fmt: on
INPUT = "input.md-search__input"
META = ".md-search-result__meta"
LINKS = ".md-search-result__list a.md-search-result__link"
READY_TIMEOUT_MS = 90_000
QUERY_TIMEOUT_MS = 10_000

_ARM = """(query) => {
  const box = document.querySelector('input.md-search__input');
  const root = document.querySelector('.md-search-result');
  const state = {t0: null, t1: null};
  window.__sq = state;
  window.addEventListener('keyup', () => { if (state.t0 === null) state.t0 = performance.now(); },
                          {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (state.t0 !== null && state.t1 === null) { state.t1 = performance.now(); observer.disconnect(); }
  });
  observer.observe(root, {childList: true, subtree: true, characterData: true});
  state.observer = observer;
  box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true}));
}"""

_READ = """(selector) => ({
  links: Array.from(document.querySelectorAll(selector), a => a.href),
  meta: (document.querySelector('.md-search-result__meta') || {}).textContent || '',
  latency: window.__sq && window.__sq.t1 !== null ? window.__sq.t1 - window.__sq.t0 : null,
})"""


@dataclass(frozen=True)
class SearchRun:
    """What one query did in the browser."""

    latency_ms: float | None
    """Keyup to rendered results, or None if no results were rendered within the timeout."""
    links: tuple[str, ...]
    """Absolute hrefs of all result links, in DOM order (rank 1 first)."""
    meta: str
    """The result meta line, e.g. 找到 12 個符合的項目 or 沒有符合的項目."""


class SearchSession:
    """One Chromium page on one built site, kept open across queries."""

    def __init__(self, browser, base_url: str) -> None:
        self.base_url = base_url
        self.context = browser.new_context()
        self.downloads: dict[str, int] = {}
        self.responses: list[tuple[str, int]] = []
        self.context.on("response", self._record)
        self.page = self.context.new_page()
        self.page.set_default_timeout(QUERY_TIMEOUT_MS)
        self.placeholder = ""
        self.ready_ms = 0.0

    def _record(self, response) -> None:
        """Remember every URL the page (or its worker) downloads, with its Content-Length."""
        length = response.headers.get("content-length")
        self.downloads[response.url] = int(length) if length and length.isdigit() else -1
        self.responses.append((response.url, self.downloads[response.url]))

    def open(self) -> None:
        """Load the home page, open search with "/", and wait until the worker has its index."""
        self.page.goto(self.base_url + "/", wait_until="load")
        config = self.page.evaluate("JSON.parse(document.getElementById('__config').textContent)")
        self.placeholder = config["translations"]["search.result.placeholder"]
        self.page.keyboard.press("/")
        self.page.wait_for_selector(INPUT + ":focus", timeout=QUERY_TIMEOUT_MS)
        self.page.wait_for_function(
            "([sel, text]) => document.querySelector(sel).textContent === text",
            arg=[META, self.placeholder],
            timeout=READY_TIMEOUT_MS,
        )
        self.ready_ms = self.page.evaluate("performance.now()")

    def _clear(self) -> None:
        """Empty the box (a real End keystroke) and wait for Material's empty state."""
        if self.page.input_value(INPUT) == "":
            return
        self.page.evaluate(
            "() => { const b = document.querySelector('input.md-search__input');"
            " b.value = ''; b.dispatchEvent(new Event('input', {bubbles: true})); }"
        )
        self.page.press(INPUT, "End")
        self.page.wait_for_function(
            "([sel, text]) => document.querySelector(sel).textContent === text"
            " && !document.querySelector('.md-search-result__list').children.length",
            arg=[META, self.placeholder],
            timeout=QUERY_TIMEOUT_MS,
        )

    def search(self, query: str) -> SearchRun:
        """Type ``query`` and return the latency and the ranked result links."""
        self._clear()
        self.page.evaluate(_ARM, query)
        self.page.press(INPUT, "End")
        timed_out = False
        try:
            self.page.wait_for_function("window.__sq.t1 !== null", timeout=QUERY_TIMEOUT_MS)
        except PlaywrightTimeout:
            timed_out = True
        state = self.page.evaluate(_READ, LINKS)
        if timed_out:
            self.page.evaluate("window.__sq.observer.disconnect()")
            return SearchRun(None, (), state["meta"])
        return SearchRun(state["latency"], tuple(state["links"]), state["meta"])

    def recover(self) -> None:
        """After an error: reload the home page and reopen search."""
        self.open()

    def close(self) -> None:
        self.context.close()


_ARM_FIRST = """(query) => {
  const box = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const none = JSON.parse(document.getElementById('__config').textContent).translations['search.result.none'];
  // Material sends the box's value when its worker is ready or on keyup, whichever comes
  // later: the clock starts when the query is in the box.
  const state = {t0: performance.now(), t1: null};
  window.__sq = state;
  const done = () => list.children.length > 0 || meta.textContent === none;
  const observer = new MutationObserver(() => {
    if (state.t1 === null && done()) { state.t1 = performance.now(); observer.disconnect(); }
  });
  observer.observe(meta.parentNode, {childList: true, subtree: true, characterData: true});
  box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true}));
}"""


@dataclass(frozen=True)
class FirstQuery:
    """A query typed as soon as a freshly opened page lets one type (empty browser cache)."""

    query: str
    found: bool
    """Whether results (not "no results") were shown before the timeout."""
    first_result_ms: float
    """From the start of the page's navigation to the results shown."""
    latency_ms: float
    """From the query being in the box to the results shown (includes waiting for the search
    to be ready)."""
    page_bytes: int
    """Bytes of search files the page fetched whatever the query: the worker and search_index.json."""
    query_bytes: int
    """Bytes of the other files under search/: what this query needed."""
    query_files: int
    """How many such files."""


def first_query(browser, base_url: str, query: str) -> FirstQuery:
    """Open the home page in a new context, press "/" and type ``query`` at once; measure."""
    session = SearchSession(browser, base_url)
    page = session.page
    page.goto(base_url + "/", wait_until="load")
    page.keyboard.press("/")
    page.wait_for_selector(INPUT + ":focus", timeout=QUERY_TIMEOUT_MS)
    page.evaluate(_ARM_FIRST, query)
    page.press(INPUT, "End")
    try:
        page.wait_for_function("window.__sq.t1 !== null", timeout=READY_TIMEOUT_MS)
        state = page.evaluate("[window.__sq.t0, window.__sq.t1]")
        found = page.locator(LINKS).count() > 0
    except PlaywrightTimeout:
        state, found = [0.0, float("nan")], False
    page.wait_for_timeout(200)  # let late responses be recorded
    search = [
        (url, max(size, 0)) for url, size in session.responses if "/search/" in url or "/workers/" in url
    ]
    always = [(u, n) for u, n in search if "/workers/" in u or u.endswith("/search_index.json")]
    needed = [(u, n) for u, n in search if (u, n) not in always]
    session.close()
    return FirstQuery(
        query,
        found,
        state[1],
        state[1] - state[0],
        sum(n for _, n in always),
        sum(n for _, n in needed),
        len(needed),
    )


def median_and_max(values: list[float]) -> tuple[float, float]:
    """(median, maximum) of ``values`` (nan, nan when empty)."""
    return (statistics.median(values), max(values)) if values else (float("nan"), float("nan"))
