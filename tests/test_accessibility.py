"""Accessibility of one page of each kind, checked by axe-core in a real browser, and no request
from any of them to another host.

axe-core comes from the pinned ``axe-playwright-python`` package (its bundled ``axe.min.js``;
nothing is fetched at test time). It runs, with all its rules, in headless Debian Chromium
(launched as in ``test_browser.py``) on the built site served on 127.0.0.1; a violation of
impact "serious" or "critical" fails the test. Every request of the pages goes through a route
that lets only 127.0.0.1 through: a request to any other host is refused and fails the test.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from test_browser import ARGS, CHROMIUM, type_query

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")

#: axe-core as bundled by the pinned axe-playwright-python, and its version.
AXE_SCRIPT = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
AXE_VERSION = AXE_SCRIPT[: AXE_SCRIPT.index("\n")].removeprefix("/*! axe v").strip()

#: The impacts that fail the test.
FAILING = ("serious", "critical")


@dataclass(frozen=True)
class State:
    """A state of the site to check.

    Attributes:
        kind: what it shows (the test id).
        path: the path to open, from the site's root.
        search: a query to type into the search box once the page is open, or None.
        dark: True to check the page in the dark colour scheme (Material's "slate").
    """

    kind: str
    path: str
    search: str | None = None
    dark: bool = False


#: One page of each kind, checked in this order in one page of the browser. The source page is
#: opened on a passage, as a link or a search result lands, so that the framed target is checked
#: too; a concept page is checked again in the dark scheme, last (the choice persists).
STATES = [
    State("home", "/"),
    State("sources index", "/sources/"),
    State("source page", "/sources/wikipedia-value-based-diplomacy/#p-1-1"),
    State("country", "/countries/lithuania/"),
    State("actor", "/actors/shinzo-abe/"),
    State("concept", "/concepts/soft-power/"),
    State("entity index", "/countries/"),
    State("reviews compared", "/views/mofa-reviews/"),
    State("timeline", "/views/timeline/"),
    State("network", "/views/network/"),
    State("map", "/views/map/"),
    State("search results", "/", search="價值外交"),
    State("concept, dark scheme", "/concepts/soft-power/", dark=True),
]


def failing_violations(page: Page) -> list[str]:
    """Run axe-core (all rules) on the document open in ``page``.

    Returns one line per violation of impact "serious" or "critical", in axe's order:
    ``rule [impact] help: target, …`` (at most five targets of each). Raises playwright's Error
    if the page cannot run the script.
    """
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} [{violation['impact']}] {violation['help']}: "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in FAILING
    ]


def refuse_other_hosts(context: BrowserContext) -> list[str]:
    """Route every request of ``context``: 127.0.0.1 goes through, any other host is refused
    (nothing is sent). Returns the list the refused URLs are appended to."""
    refused: list[str] = []

    def route(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return refused


def open_state(page: Page, base_url: str, state: State) -> None:
    """Open ``state`` in ``page`` (palette switched, query typed, results shown).

    Raises AssertionError if the page does not answer 200.
    """
    response = page.goto(base_url + state.path)
    assert response is not None and response.status == 200, f"{state.path}: {response and response.status}"
    page.wait_for_load_state("load")
    if state.dark:
        page.locator("label[for='__palette_1']").click()
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    if state.search is not None:
        page.keyboard.press("/")
        type_query(page, state.search)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def base_url(real_site) -> Iterator[str]:
    """The real project's site served on an ephemeral port of 127.0.0.1."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(real_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def reader() -> Iterator[tuple[Page, list[str]]]:
    """``(page, refused)``: one page of headless Debian Chromium, launched once for the module,
    whose requests to hosts other than 127.0.0.1 are refused and appended to ``refused``."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context()
        refused = refuse_other_hosts(context)
        yield context.new_page(), refused
        browser.close()


@pytest.mark.parametrize("state", STATES, ids=[state.kind for state in STATES])
def test_page_has_no_serious_accessibility_violation_nor_third_party_request(base_url, reader, state):
    page, refused = reader
    refused.clear()
    open_state(page, base_url, state)
    violations = failing_violations(page)
    assert not violations, f"axe-core {AXE_VERSION} on the {state.kind}:\n" + "\n".join(violations)
    assert not refused, f"the {state.kind} asked other hosts for {refused}"


def test_crafted_page_fails_the_check(base_url, reader):
    """axe finds an image without alternative text and a nameless button (critical), and the
    route refuses a script from another host (a crafted page put on the site's origin, in the
    same browser page)."""
    page, refused = reader
    refused.clear()
    page.goto(base_url + "/404.html")
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>'
        '<script src="https://cdn.example.com/x.js"></script></main></body></html>'
    )
    violations = failing_violations(page)
    assert [line.split(" ")[0] for line in violations] == ["button-name", "image-alt"], violations
    assert refused == ["https://cdn.example.com/x.js"]
