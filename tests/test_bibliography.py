"""The bibliography page on the built site: every note of every source, grouped by source, each
linked back to the passages citing it; the wiki's {{cite …}} fields shown as a structured entry."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from vdiplo_site.writer.bibliography import citing_passages


@pytest.fixture(scope="module")
def page(real_site) -> BeautifulSoup:
    return BeautifulSoup(
        (real_site / "bibliography" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def _section(page: BeautifulSoup, heading: str) -> list:
    found = [h for h in page.select("article h2") if h.get_text().strip().startswith(heading)]
    assert found, heading
    return found[0].find_next_sibling("ul").find_all("li", recursive=False)


def test_every_note_with_text_is_listed_by_source_and_linked_back(page, real_kb):
    for document in real_kb.documents:
        notes = [note for note in document.footnotes if not note.missing]
        if not notes:
            continue
        entries = _section(page, document.spec.label)
        assert len(entries) == len(notes), document.spec.id
        citing = citing_passages(document)
        for entry, note in zip(entries, notes, strict=True):
            links = [a["href"] for a in entry.find_all("a")]
            assert links[0].endswith(f"/sources/{document.spec.id}/#fn:{note.label}")
            for passage in citing[note.label]:
                assert any(link.endswith(f"/sources/{document.spec.id}/#{passage}") for link in links)


def test_wiki_citations_are_structured_with_title_link_publisher_and_archive(page, real_kb):
    wiki = real_kb.document("wikipedia-value-based-diplomacy")
    entries = _section(page, wiki.spec.label)
    structured = [(entry, note) for entry, note in zip(entries, wiki.footnotes, strict=True) if note.citation]
    assert structured
    for entry, note in structured:
        if note.citation.title and note.citation.url:
            wanted = " ".join(note.citation.title.split())
            (title,) = [a for a in entry.find_all("a") if " ".join(a.get_text().split()) == wanted]
            assert title["href"].startswith("http")
        if note.citation.archive_url:
            assert any(a.get_text().startswith("存檔") for a in entry.find_all("a"))


def test_the_page_is_in_the_navigation_and_says_what_no_source_shares(page):
    assert any("參考文獻" in a.get_text() for a in page.select("nav.md-nav--primary a"))
    assert "No work is cited by more than one source" in page.get_text()
