"""Entity pages and cross-links on the real project: faithful quotes, links to every source."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from vdiplo_site.manifest import load_manifest
from vdiplo_site.model import strip_footnote_refs
from vdiplo_site.passages import iter_passages
from vdiplo_site.pipeline import Project, generate_kb, normalise_documents, read_documents
from vdiplo_site.writer.front_matter import load_front_matter

EXTENSIONS = ["attr_list", "admonition", "footnotes", "tables", "toc"]
ENTITY_DIRS = ("countries", "actors", "concepts")
# A link to a passage: a paragraph (p-3-2), a heading (s-3) or a footnote (fn:12).
PASSAGE_LINK = re.compile(r"^\.\./sources/[a-z0-9-]+\.md#(p-\d+-\d+|s-\d+|fn:[^/\s]+)$")


@pytest.fixture(scope="module")
def pages():
    return generate_kb(Project(ROOT))


@pytest.fixture(scope="module")
def passage_text():
    """(source id, passage id) -> the passage's text without footnote references."""
    docs = normalise_documents(read_documents(load_manifest(ROOT / "sources" / "sources.yaml")))
    return {(d.spec.id, p.id): strip_footnote_refs(p.text) for d in docs for p in iter_passages(d)}


def entity_pages(pages):
    return {path: page for path, page in pages.items()
            if path.split("/")[0] in ENTITY_DIRS and not path.endswith("index.md")}


def html(page: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(page.split("\n---\n", 1)[1], extensions=EXTENSIONS), "html.parser")


def test_entity_front_matter(pages):
    for path, page in entity_pages(pages).items():
        meta = load_front_matter(page)
        assert list(meta)[:8] == ["type", "id", "title", "english", "kind", "aliases", "sources", "mentions"]
        assert path == f"{ {'country': 'countries', 'actor': 'actors', 'concept': 'concepts'}[meta['type']]}/{meta['id']}.md"


def test_every_entity_page_links_a_passage_in_every_source_that_mentions_it(pages):
    for path, page in entity_pages(pages).items():
        meta = load_front_matter(page)
        links = {a["href"] for a in html(page).find_all("a")}
        for source_id in meta["sources"]:
            assert any(PASSAGE_LINK.match(h) and f"/{source_id}.md#" in h for h in links), (path, source_id)
        passage_links = [h for h in links if PASSAGE_LINK.match(h)]
        assert bool(passage_links) == bool(meta["mentions"]), path


def test_every_quotation_is_the_source_text_of_its_passage(pages, passage_text):
    """Each mention line: its quoted text (split at the elision marks) stands in the passage."""
    for path, page in entity_pages(pages).items():
        for item in html(page).select("li, blockquote"):
            link = item.find("a", href=PASSAGE_LINK)
            if link is None:
                continue
            source_id = link["href"].split("/")[-1].split(".md#")[0]
            passage = passage_text[(source_id, link["href"].split("#")[1])]
            quoted = item.get_text().replace(link.get_text(), "").rstrip().removesuffix("—")
            passage = re.sub(r"\s+", " ", passage)  # the page shows any run of spaces as one
            for piece in (p.strip() for p in quoted.split("…")):
                assert not piece or piece in passage, (path, piece[:40])
            assert item.find("mark") is not None, path


def test_source_pages_link_each_entity_once_per_section(pages):
    known = set(entity_pages(pages))
    for spec in load_manifest(ROOT / "sources" / "sources.yaml"):
        soup = html(pages[f"sources/{spec.id}.md"])
        section, seen, count = None, set(), 0
        for element in soup.find_all(["h2", "h3", "h4", "h5", "a"]):
            if element.name != "a":
                section, seen = element.get("id"), set()
                continue
            target = element.get("href", "")
            if not target.startswith("../") or target.split("/")[1] not in ENTITY_DIRS:
                continue
            assert target[3:] in known
            assert (section, target) not in seen, (spec.id, section, target)
            seen.add((section, target))
            count += 1
        assert count > 0, spec.id


def test_every_entity_is_mentioned_somewhere(pages):
    """No dead gazetteer entries: each entity page quotes at least one mention."""
    unmentioned = [path for path, page in entity_pages(pages).items() if load_front_matter(page)["mentions"] == 0]
    assert unmentioned == []
