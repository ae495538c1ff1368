"""What a reader does in a real browser: open the home page, follow a source, land on a passage.

Runs headless Debian Chromium (``/usr/bin/chromium``) through Playwright against the built site
served on 127.0.0.1. Skipped only where no Chromium is installed (CI installs it).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# fmt: off
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
# fmt: on

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")


@pytest.fixture(scope="module")
def base_url(real_site):
    """The real project's site (built once per session) served on an ephemeral local port."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(real_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def test_reader_goes_from_home_to_a_passage(base_url, browser):
    page = browser.new_page()
    page.goto(base_url + "/")
    page.click("article table a[href='sources/chen-taiwan-japan-community-of-values/']")
    page.wait_for_url("**/sources/chen-taiwan-japan-community-of-values/")
    assert "價值共同體" in page.locator("article h1").inner_text()
    first = page.locator('article p[id^="p-"]').nth(3)
    anchor = first.get_attribute("id")
    page.goto(f"{base_url}/sources/chen-taiwan-japan-community-of-values/#{anchor}")
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert page.locator(f"#{anchor}").is_visible()
    page.close()


def test_footnote_reference_jumps_to_its_note(base_url, browser):
    page = browser.new_page()
    page.goto(base_url + "/sources/wikipedia-value-based-diplomacy/")
    page.locator("a.footnote-ref").first.click()
    assert page.evaluate("location.hash") == "#fn:1"
    assert page.locator("li#fn\\:1").is_visible()
    page.close()


def test_passage_has_a_permalink(base_url, browser):
    page = browser.new_page()
    page.goto(base_url + "/sources/mofa-2024-review/")
    passage = page.locator('article p[id^="p-"]').first
    passage.hover()
    link = passage.locator("a.vd-passage-link")
    assert link.get_attribute("href") == "#" + passage.get_attribute("id")
    assert link.is_visible()
    page.close()


def type_query(page, query: str) -> None:
    """Type ``query`` into Material's search box (open on ``page``) until its results show.

    The box is emptied first (with a keystroke, which Material reads) and the previous
    results are waited away, so that the results found are this query's, never stale ones.
    """
    page.fill("input.md-search__input", "")
    page.keyboard.press("End")
    page.wait_for_selector("a.md-search-result__link", state="detached", timeout=5_000)
    for _ in range(20):  # the worker gets the index when search first opens
        page.fill("input.md-search__input", "")
        page.fill("input.md-search__input", query)
        page.keyboard.press("End")  # Material reads the query on keyup
        try:
            page.wait_for_selector("a.md-search-result__link", timeout=500)
            return
        except PlaywrightTimeout:  # the worker was not ready yet: type the query again
            pass
    pytest.fail(f"no search result for {query!r}")


LANDED = """() => {
    const article = document.querySelector('article');
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    const range = document.createRange();
    range.setStart(target || article, 0);
    range.setEnd(article, article.childNodes.length);
    return range.toString().replace(/\\s+/g, ' ').slice(0, 600);
}"""


def test_search_result_click_lands_on_the_passage(base_url, browser):
    """A reader types a query, clicks the first result and lands on its passage."""
    page = browser.new_page()
    page.goto(base_url + "/")
    page.keyboard.press("/")
    type_query(page, "日本台灣交流協會")
    page.locator("a.md-search-result__link").first.click()
    page.wait_for_load_state("load")
    page.wait_for_timeout(100)
    landed = page.evaluate(LANDED)
    page.close()
    assert "日本台灣交流協會" in landed


@pytest.mark.parametrize(("query", "term"), [("   梅克爾", "梅克爾"), ("  NATO", "NATO")])
def test_search_with_extra_spaces_highlights_the_term_where_it_lands(base_url, browser, query, term):
    """Spaces around a query do not spoil the result's ?h= nor Material's highlighting."""
    page = browser.new_page()
    page.goto(base_url + "/")
    page.keyboard.press("/")
    type_query(page, query)
    link = page.locator("a.md-search-result__link").first
    assert parse_qs(urlsplit(link.get_attribute("href")).query, keep_blank_values=True)["h"] == [term]
    link.click()
    page.wait_for_load_state("load")
    page.wait_for_selector("article mark[data-md-highlight]", state="attached")
    marked = page.locator("article mark[data-md-highlight]").all_inner_texts()
    page.close()
    assert any(term in text for text in marked), marked


@pytest.fixture(scope="module")
def search(base_url, browser):
    """``search(query)``: type ``query`` into the search box of one open page (its worker loaded
    once), follow the first result in a second page, and return the first 600 characters of the
    article from where the reader lands."""
    searching, reading = browser.new_page(), browser.new_page()
    searching.goto(base_url + "/")
    searching.keyboard.press("/")

    def run(query: str) -> str:
        type_query(searching, query)
        href = searching.locator("a.md-search-result__link").first.get_attribute("href")
        reading.goto(urljoin(searching.url, href))
        reading.wait_for_load_state("load")
        reading.wait_for_timeout(50)
        return reading.evaluate(LANDED)

    yield run
    searching.close()
    reading.close()


@pytest.mark.parametrize(
    ("kind", "query", "must"),
    [
        ("concept", "價值共同體", ("價值共同體",)),
        ("concept", "第二軌道外交", ("第二軌道外交",)),
        ("person", "安倍晉三", ("安倍晉三",)),
        ("person", "布林肯", ("布林肯",)),
        ("organisation", "北約", ("北大西洋公約組織",)),
        ("place", "立陶宛", ("立陶宛",)),
        ("simplified", "价值外交", ("價值外交",)),
        ("simplified", "梅克尔", ("梅克爾",)),
        ("english", "Five Eyes", ("五眼聯盟",)),
        ("english", "Soft power", ("軟實力",)),
        ("two-term", "台日 安全合作", ("台日", "安全合作")),
        ("two-term", "安全合作台日", ("台日", "安全合作")),
        ("two-term", "吳淑珍 珍愛民主", ("吳淑珍", "珍愛民主")),
        ("fact", "3.45 億美元", ("3.45 億美元",)),
        ("fact", "1971年 退出聯合國", ("1971年", "退出聯合國")),
    ],
)
def test_search_box_lands_on_the_answer(search, kind, query, must):
    landed = search(query)
    missing = [text for text in must if text not in landed]
    assert not missing, f"{kind} {query!r} landed on: {landed[:120]}"


def search_requests(context) -> list[str]:
    """The index files (under search/, Material's search_index.json aside) that pages and
    workers of ``context`` request from now on, in order (a list filled as they come)."""
    seen: list[str] = []
    context.on(
        "request",
        lambda request: (
            seen.append(urlsplit(request.url).path)
            if "/search/" in request.url and not request.url.endswith("/search_index.json")
            else None
        ),
    )
    return seen


def test_a_query_fetches_only_some_index_files(base_url, browser, real_site):
    """The worker fetches the few files of the sharded index a query needs, not the index."""
    context = browser.new_context()
    fetched = search_requests(context)
    page = context.new_page()
    page.goto(base_url + "/")
    page.keyboard.press("/")
    type_query(page, "梅克爾")
    total = sum(1 for path in (real_site / "search").rglob("*.json"))
    context.close()
    assert fetched and all(path.startswith("/search/") for path in fetched)
    assert {path.split("/")[2] for path in fetched} <= {"vocab", "keys", "alias", "docs"}
    own = [path for path in fetched if path.split("/")[2] != "alias"]  # a few, whatever the query
    assert len(own) <= 15 and len(fetched) < total / 20, (len(fetched), total)


def test_a_missing_index_file_ends_the_query_with_an_error_not_a_wait(base_url, browser):
    """A keys file the server does not have: the worker answers with no results at once and
    says which file in the console."""
    context = browser.new_context()
    context.route("**/search/keys/**", lambda route: route.fulfill(status=404, body="missing"))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(base_url + "/")
    page.keyboard.press("/")
    translations = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations")
    page.fill("input.md-search__input", "梅克爾")
    page.keyboard.press("End")
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').textContent === text",
        arg=translations["search.result.none"],
        timeout=10_000,
    )
    page.wait_for_timeout(100)
    context.close()
    assert any("search/keys/" in text and "could not be loaded: HTTP 404" in text for text in errors), errors


class _Prefixed(http.server.SimpleHTTPRequestHandler):
    """The site served under /some/base/ (anything else: 404)."""

    prefix = "/some/base/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args):
        pass


def test_search_works_under_any_base_path(browser, real_site):
    """Served under /some/base/, the worker finds the index relative to itself."""
    handler = functools.partial(_Prefixed, directory=str(real_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    fetched = search_requests(context)
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/some/base/")
        page.keyboard.press("/")
        type_query(page, "梅克爾")
        first = page.locator("a.md-search-result__link").first.get_attribute("href")
    finally:
        context.close()
        server.shutdown()
    assert urlsplit(first).path == "/some/base/actors/angela-merkel/"
    assert fetched and all(path.startswith("/some/base/search/") for path in fetched), fetched


def test_every_search_result_names_its_source_and_section(base_url, browser, real_kb):
    """Each result, the page's other matches folded under it included, is headed by its source's
    short label and section path (or an entity page's type): 立陶宛 matches list items such
    as 「1. 互訪層級，日漸提高。」 in several sources, which say nothing of where they are."""
    from vdiplo_site.search.data import short_label
    from vdiplo_site.writer.paths import TYPE_NAMES

    places = [short_label(d.spec.label) for d in real_kb.documents] + list(TYPE_NAMES.values())
    page = browser.new_page()
    page.goto(base_url + "/")
    page.keyboard.press("/")
    type_query(page, "立陶宛")
    headings = page.eval_on_selector_all(
        "a.md-search-result__link article :is(h1, h2)", "hs => hs.map(h => h.textContent.trim())"
    )
    page.close()
    assert len(headings) >= 5
    assert all(any(h.startswith(place) for place in places) for h in headings), headings
    assert any("2024 年外交工作回顧 › " in h for h in headings), headings
