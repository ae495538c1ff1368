"""Entity pages and cross-links on the real project: faithful quotes, links to every source."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from vdiplo_site.manifest import load_manifest
from vdiplo_site.pipeline import Project, generate_kb, normalise_documents, read_documents
from vdiplo_site.writer.front_matter import load_front_matter

EXTENSIONS = ["attr_list", "admonition", "footnotes", "tables", "toc"]
ENTITY_DIRS = ("countries", "actors", "concepts")
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")


@pytest.fixture(scope="module")
def pages():
    return generate_kb(Project(ROOT))


@pytest.fixture(scope="module")
def passage_text():
    """(source id, passage id) -> the passage's text without footnote references."""
    docs = normalise_documents(read_documents(load_manifest(ROOT / "sources" / "sources.yaml")))
    return {(d.spec.id, b.passage_id): FOOTNOTE_REF.sub("", b.text)
            for d in docs for s in d.sections for b in s.blocks}


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
            assert any(h.startswith(f"../sources/{source_id}.md#p-") for h in links), (path, source_id)
        passage_links = [h for h in links if "#p-" in h]
        assert bool(passage_links) == bool(meta["mentions"]), path


def test_every_quotation_is_the_source_text_of_its_passage(pages, passage_text):
    """Each mention line: its quoted text (split at the elision marks) stands in the passage."""
    for path, page in entity_pages(pages).items():
        for item in html(page).select("li, blockquote"):
            link = item.find("a", href=re.compile(r"#p-\d+-\d+$"))
            if link is None:
                continue
            source_id = link["href"].split("/")[-1].split(".md#")[0]
            passage = passage_text[(source_id, link["href"].split("#")[1])]
            quoted = item.get_text().replace(link.get_text(), "").replace("—", "")
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
