"""Curated values that reach page titles, navigation and code spans stay text in a real browser.

Runs headless Debian Chromium (as test_browser.py) on small crafted sites: no dialog may fire.
The first site is rendered from a knowledge base built in memory, past the manifest and
gazetteer validation that refuses such names (see test_curated_inputs.py), so that it tests
the second line of defence: the ``vdiplo-titles`` plugin and the writers' escaping.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from conftest import crafted_spec, make_project
from test_browser import ARGS, CHROMIUM, type_query
from vdiplo_site.build import kb_files
from vdiplo_site.cli import main
from vdiplo_site.model import Block, Document, Entity, Section
from vdiplo_site.passages import assign_passage_ids
from vdiplo_site.pipeline import knowledge_base

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")

LABEL = '</title><script>alert("label")</script>'
NAMES = {"tag": '<script>alert("name")</script>', "img": '"><img src=x onerror=alert("img")>'}
FILE = "a`b<img src=x onerror=alert(1)>.txt"  # as in the issue: the img goes live
SITE_NAME = "價值外交知識庫"


def mkdocs_build(root: Path) -> Path:
    """Build ``root/kb`` into ``root/site`` with the project's MkDocs configuration."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(root / "mkdocs.yml"), docs_dir=str(root / "kb"), site_dir=str(root / "site")))
    return root / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A site whose source label and entity names are script, rendered without validation."""
    root = make_project(tmp_path_factory.mktemp("titles"), {})
    document = Document(
        spec=crafted_spec("mofa-review", source_id="hostile", label=LABEL, title=LABEL),
        sections=(Section("一、 標題", 1, (Block("paragraph", "台美持續強化合作。"),)),),
    )
    entities = (
        Entity(id="tag", type="country", name=NAMES["tag"]),
        Entity(id="img", type="actor", kind="person", name=NAMES["img"]),
    )
    for file in kb_files(knowledge_base((assign_passage_ids(document),), entities)):
        (root / "kb" / file.path).parent.mkdir(parents=True, exist_ok=True)
        (root / "kb" / file.path).write_bytes(file.data)
    return mkdocs_build(root)


@pytest.fixture(scope="module")
def file_name_site(tmp_path_factory) -> Path:
    """A site built by ``vdiplo-site build`` whose source file name holds a backtick and HTML."""
    data = "一、 測試標題\n\n1. 台美持續強化重要議題實質合作。\n".encode()
    root = make_project(tmp_path_factory.mktemp("file") / "project", {"demo": ("mofa-review", data)})
    (root / "sources" / "demo.txt").rename(root / "sources" / FILE)
    manifest = root / "sources" / "sources.yaml"
    text = manifest.read_text(encoding="utf-8").replace("file: demo.txt", f'file: "{FILE}"')
    manifest.write_text(text, encoding="utf-8")
    assert hashlib.sha256(data).hexdigest() in text
    assert main(["--root", str(root), "build"]) == 0
    return root / "site"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page_of(browser):
    """``page_of(site)``: one browser page with ``site`` served on an ephemeral local port,
    and the page's ``goto`` taking a path. Every dialog the page opens is recorded: the test
    fails if one fired."""
    dialogs: list[str] = []
    servers, pages = [], []

    def open_site(site: Path):
        handler = functools.partial(QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        page = browser.new_page(base_url=f"http://127.0.0.1:{server.server_address[1]}")
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        pages.append(page)
        return page

    yield open_site
    for page in pages:
        page.close()
    for server in servers:
        server.shutdown()
    assert dialogs == [], "a curated value ran as script"


def assert_no_injected_markup(page) -> None:
    page.wait_for_timeout(100)  # let an injected handler run (onerror fires after load)
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("script", has_text="alert").count() == 0


def test_hostile_titles_are_text_in_title_header_and_navigation(hostile_site, page_of):
    page = page_of(hostile_site)
    titles = {"/sources/hostile/": LABEL, "/countries/tag/": NAMES["tag"], "/actors/img/": NAMES["img"]}
    for path in ["/", "/actors/", *titles]:
        page.goto(path)
        assert_no_injected_markup(page)
        navigation = page.locator("nav.md-nav--primary").inner_text()
        assert LABEL in navigation and NAMES["tag"] in navigation and NAMES["img"] in navigation
        if path in titles:
            assert page.title() == f"{titles[path]} - {SITE_NAME}"
            assert page.locator(".md-header__topic .md-ellipsis").last.inner_text().strip() == titles[path]


def test_search_results_show_hostile_titles_as_text(hostile_site, page_of):
    page = page_of(hostile_site)
    page.goto("/")
    page.keyboard.press("/")
    type_query(page, "alert")
    titles = page.locator(".md-search-result__article h1").all_inner_texts()
    assert any(title.endswith(" › " + NAMES["tag"]) for title in titles), titles
    assert_no_injected_markup(page)


def test_backtick_in_a_file_name_stays_in_its_code_span(file_name_site, page_of):
    page = page_of(file_name_site)
    page.goto("/sources/demo/")
    assert_no_injected_markup(page)
    assert FILE in page.locator("article .admonition code").all_inner_texts()
