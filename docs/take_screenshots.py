"""Take the README's screenshots of the views: ``python docs/take_screenshots.py site docs/views``.

Serves the built site on 127.0.0.1, opens each view in headless Debian Chromium (Playwright),
sets its filters as a reader would, and writes one PNG per view.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"


def _timeline(page: Page) -> None:
    page.locator(".vd-table-tools select").nth(1).select_option(label="日本")


def _actors(page: Page) -> None:
    page.locator(".vd-table-tools select").nth(0).select_option(label="人物 person")
    page.locator("th button", has_text="提及").click()
    page.locator("th button", has_text="提及").click()


def _network(page: Page) -> None:
    page.wait_for_function("document.querySelector('.vd-network').dataset.nodes")
    page.locator(".vd-network-tools select").select_option(label="外交部 2024")
    page.wait_for_timeout(1500)
    page.locator(".vd-network-tools").scroll_into_view_if_needed()


def _neighbourhood(page: Page) -> None:
    page.locator("h2", has_text="Related entities").scroll_into_view_if_needed()


def _simplified(page: Page) -> None:
    page.locator(".vd-script-switch").click()
    page.wait_for_function("document.documentElement.dataset.script === 'simplified'")


def _comparison(page: Page) -> None:
    page.locator("h2", has_text="台美").scroll_into_view_if_needed()


#: (file name, path, what a reader does first)
VIEWS = [
    ("comparison.png", "/views/mofa-reviews/", None),
    ("comparison-side-by-side.png", "/views/mofa-reviews/", _comparison),
    ("timeline.png", "/views/timeline/", _timeline),
    ("actors.png", "/actors/", _actors),
    ("values.png", "/values/", None),
    ("network.png", "/views/network/", _network),
    ("neighbourhood.png", "/countries/japan/", _neighbourhood),
    ("map.png", "/views/map/", None),
    ("simplified.png", "/views/map/", _simplified),
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


def main(site: str, out: str) -> None:
    """Write the screenshots of the site at ``site`` into the folder ``out``."""
    handler = functools.partial(_QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        for name, path, act in VIEWS:
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.goto(base + path, wait_until="networkidle")
            if act:
                act(page)
            page.wait_for_timeout(500)
            page.screenshot(path=str(Path(out) / name))
            page.context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
