"""The offline copy (`vdiplo-site build --offline` -> site-offline/) works opened from disk, in
headless Debian Chromium over file://: links open pages (no directory listings) and search
answers from the index inlined into its worker, which runs in the vendored iframe shim."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from conftest import make_project
from test_browser import ARGS, CHROMIUM
from vdiplo_site.cli import main
from vdiplo_site.search.files import worker_source

REVIEW = "一、 以價值外交團結民主夥伴\n\n（一） 深化合作\n\n1. 五眼聯盟支持台灣。\n".encode()


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("offline")
    (root / "sources" / "gazetteer").mkdir(parents=True)
    (root / "sources" / "gazetteer" / "countries.yaml").write_text(
        "entities:\n  - {id: taiwan, name: 台灣, english: Taiwan, aliases: [臺灣]}\n", encoding="utf-8"
    )
    make_project(root, {"demo": ("mofa-review", REVIEW)})
    assert main(["--root", str(root), "build", "--offline", "-q"]) == 0
    return root / "site-offline"


def test_offline_worker_carries_the_index_files_safely():
    source = worker_source("../../../search/", {"docs/0.json": '{"t": "</script>\u2028"}'})
    assert 'var VDIPLO_FILES = {"docs/0.json":"{\\"t\\": \\"\\u003c/script>\\u2028\\"}"};' in source
    assert "var VDIPLO_FILES" not in worker_source("../../../search/")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
def test_offline_copy_browses_and_searches_from_disk(offline_site):
    assert not (offline_site / "sources" / "demo").is_dir()  # page.html, not folder/index.html
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page()
        page.goto((offline_site / "index.html").as_uri())
        page.click("article table a[href='sources/demo.html']")
        page.wait_for_url("**/sources/demo.html")
        assert "以價值外交團結民主夥伴" in page.locator("article").inner_text()
        page.keyboard.press("/")
        search = page.locator("input.md-search__input")
        for _ in range(20):  # Material reads the box on keyup and focus; fill() gives neither
            search.fill("台灣")
            search.dispatch_event("keyup")
            search.blur()
            search.focus()
            try:
                page.wait_for_selector("a.md-search-result__link", timeout=500)
                break
            except PlaywrightTimeout:  # the worker gets its index when search first opens
                pass
        result = page.locator("a.md-search-result__link").first
        assert result.get_attribute("href").startswith((offline_site / "countries" / "taiwan.html").as_uri())
        result.click()
        page.wait_for_url("**/countries/taiwan.html?h=*")
        assert "台灣" in page.locator("article h1").inner_text()
        browser.close()
