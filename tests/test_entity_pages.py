"""Entity pages and cross-links on the real project: faithful quotes, links to every source."""

from __future__ import annotations

import posixpath
import re

import markdown
import pytest
from bs4 import BeautifulSoup

from vdiplo_site.model import strip_footnote_refs
from vdiplo_site.writer import entity_index, entity_subpages
from vdiplo_site.writer.front_matter import load_front_matter
from vdiplo_site.writer.pages import render_pages
from vdiplo_site.writer.paths import TYPE_DIRS, entity_path

EXTENSIONS = ["attr_list", "admonition", "footnotes", "tables", "toc"]
ENTITY_DIRS = tuple(TYPE_DIRS.values())  # countries, actors, concepts, values
# A link to a passage: a paragraph (p-3-2), a heading (s-3) or a footnote (fn:12).
PASSAGE_LINK = re.compile(r"^\.\./sources/[a-z0-9-]+\.md#(p-\d+-\d+|s-\d+|fn:[^/\s]+)$")


def html(page: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(page.split("\n---\n", 1)[1], extensions=EXTENSIONS), "html.parser")


@pytest.fixture(scope="module")
def entity_pages(real_kb, real_files):
    """Entity page path -> (entity, front matter, rendered HTML), for every entity."""
    out = {}
    for entity in real_kb.entities:
        page = real_files[entity_path(entity)].text
        out[entity_path(entity)] = (entity, load_front_matter(page), html(page))
    return out


def mention_items(soup: BeautifulSoup) -> list:
    """The list items of the page's 提及 Mentions section."""
    heading = soup.find("h2", string=re.compile("^提及"))
    items = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        items += element.find_all("li") if element.name == "ul" else []
    return items


def test_front_matter_states_names_and_counts_the_page_shows(real_kb, entity_pages):
    """Name, aliases, sources and the mention count in the front matter match the page body."""
    for path, (entity, meta, soup) in entity_pages.items():
        assert (meta["type"], meta["id"], meta["title"]) == (entity.type, entity.id, entity.name), path
        assert meta["aliases"] == list(entity.surface_forms()[1:])
        marks = sum(len(item.find_all("mark")) for item in mention_items(soup))
        assert meta["mentions"] == marks == len(real_kb.mentions_by_entity[entity.id]), path
        counts = {h.get_text(): h for h in soup.find_all("h3")}
        assert len(counts) == len(meta["sources"]), path


def test_every_entity_page_links_a_passage_in_every_source_that_mentions_it(entity_pages):
    for path, (_, meta, soup) in entity_pages.items():
        links = {a["href"] for a in soup.find_all("a")}
        for source_id in meta["sources"]:
            assert any(PASSAGE_LINK.match(h) and f"/{source_id}.md#" in h for h in links), (path, source_id)
        passage_links = [h for h in links if PASSAGE_LINK.match(h)]
        assert bool(passage_links) == bool(meta["mentions"] or meta["cited_works"]), path


def test_every_quotation_is_the_source_text_of_its_passage(real_kb, entity_pages):
    """Each quoted line: its text (split at the elision marks) stands in the linked passage."""
    quoted_lines = 0
    for path, (_, _, soup) in entity_pages.items():
        for item in soup.select("li, tr"):
            link = item.find("a", href=PASSAGE_LINK)
            if link is None:
                continue
            source_id = link["href"].split("/")[-1].split(".md#")[0]
            passage = strip_footnote_refs(real_kb.passages[(source_id, link["href"].split("#")[1])].text)
            cells = item.find_all("td")
            quote = cells[1] if cells else item
            for label in quote.find_all("strong"):  # a fact's label (英文 English name…) is no quote
                label.extract()
            quoted = quote.get_text().replace(link.get_text(), "").lstrip("：").rstrip().removesuffix("—")
            passage = re.sub(r"\s+", " ", passage)  # the page shows any run of spaces as one
            for piece in (p.strip() for p in quoted.split("…")):
                assert not piece or piece in passage, (path, piece[:40])
            assert quote.find("mark") is not None, path
            quoted_lines += 1
    assert quoted_lines > len(entity_pages)


def test_source_pages_link_each_entity_once_per_section(real_kb, real_files):
    known = {entity_path(entity) for entity in real_kb.entities}
    for source_id in real_kb.source_ids:
        soup = html(real_files[f"sources/{source_id}.md"].text)
        section, seen, count = None, set(), 0
        for element in soup.find_all(["h2", "h3", "h4", "h5", "a"]):
            if element.name != "a":
                section, seen = element.get("id"), set()
                continue
            target = element.get("href", "")
            if not target.startswith("../") or target.split("/")[1] not in ENTITY_DIRS:
                continue
            assert target[3:] in known
            assert (section, target) not in seen, (source_id, section, target)
            seen.add((section, target))
            count += 1
        assert count > 0, source_id


def test_every_entity_is_mentioned_somewhere(entity_pages):
    """No dead gazetteer entries: each entity page quotes at least one mention, or a cited work
    naming it."""
    unmentioned = [
        path for path, (_, meta, _) in entity_pages.items() if meta["mentions"] == meta["cited_works"] == 0
    ]
    assert unmentioned == []


def test_an_entity_with_more_quotations_than_a_page_holds_continues_on_pages(real_kb, monkeypatch):
    """With a page size of 20, 臺灣's quoted sentences move to a page per source (in parts of
    20), its dated ones (more than 20) to a page per year and the cited works naming it to a
    page per source: each sentence is on exactly one page, its page links them all, and every
    link resolves."""
    monkeypatch.setattr(entity_subpages, "MAX_PER_PAGE", 20)
    files = {file.path: file.text for file in render_pages(real_kb)}
    main = html(files["countries/taiwan.md"])
    subpages = {path: html(text) for path, text in files.items() if path.startswith("countries/taiwan/")}
    mention_pages = sorted(p for p in subpages if p.startswith("countries/taiwan/mentions/"))
    assert {p.split("/")[-1].split(".")[0] for p in mention_pages} == set(real_kb.sources_by_entity["taiwan"])
    assert any(p.endswith(".2.md") for p in mention_pages)  # a source with more than 20 continues
    items = [li for p in mention_pages for li in subpages[p].select("li")]
    assert len(items) == len(real_kb.quotations["taiwan"])
    assert sum(len(li.find_all("mark")) for li in items) == len(real_kb.mentions_by_entity["taiwan"])
    years = [p for p in subpages if p.startswith("countries/taiwan/timeline/")]
    assert sum(len(subpages[p].select("tbody tr")) for p in years) == len(real_kb.timeline["taiwan"])
    cited = [p for p in subpages if p.startswith("countries/taiwan/cited/")]
    assert sum(len(subpages[p].select("tbody tr")) for p in cited) == len(real_kb.cited_works["taiwan"]) > 20
    linked = {
        posixpath.normpath(posixpath.join("countries", a["href"])) for a in main.find_all("a", href=True)
    }
    assert set(subpages) <= linked, "the entity's page links every page its lists continue on"
    for path, soup in [("countries/taiwan.md", main), *subpages.items()]:
        for link in soup.find_all("a", href=True):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link["href"].split("#")[0]))
            assert target in files, (path, link["href"])
    assert not main.select("li mark"), "the main page lists no quotation itself"
    fits = next(e for e in real_kb.entities if 10 <= len(real_kb.quotations[e.id]) <= 20)  # still one page
    listed = [li for li in html(files[entity_path(fits)]).select("li") if li.find("mark")]
    assert len(listed) >= len(real_kb.quotations[fits.id])
    assert not any(p.startswith(entity_path(fits).removesuffix(".md") + "/") for p in files)


def test_an_index_row_links_a_few_sources_and_counts_the_rest(real_kb, monkeypatch):
    monkeypatch.setattr(entity_index, "MAX_SOURCES", 2)
    page = html(entity_index.render_entity_index(real_kb, "country"))
    row = next(tr for tr in page.select("tr") if tr.find("a", string=real_kb.entity("taiwan").name))
    sources = row.find_all("td")[-1]
    assert len(sources.find_all("a")) == 2
    assert f"（+{len(real_kb.sources_by_entity['taiwan']) - 2}）" in sources.get_text()
