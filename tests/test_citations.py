"""Citations: per source BibTeX, RIS and CSL-JSON files that standard parsers read, citations
rendered by citeproc-py from the manifest without invented metadata, and the 引用 Cite control
that copies one with the passage's permanent link (headless Chromium on the built site)."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy

from conftest import ROOT
from test_browser import CHROMIUM, base_url, browser  # noqa: F401  (fixtures)
from vdiplo_site.manifest import load_manifest
from vdiplo_site.writer.citations import PERMALINK, STYLES, render_citations

SPECS = {spec.id: spec for spec in load_manifest(ROOT / "sources" / "sources.yaml")}


@pytest.mark.parametrize("source_id", sorted(SPECS))
def test_citation_files_parse_with_standard_parsers(real_files, source_id):
    spec = SPECS[source_id]
    library = bibtexparser.parse_string(real_files[f"citations/{source_id}.bib"].text)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == source_id and entry["title"] == (spec.title or spec.label)
    (record,) = rispy.loads(real_files[f"citations/{source_id}.ris"].text)
    assert record["title"] == (spec.title or spec.label)
    (item,) = json.loads(real_files[f"citations/{source_id}.json"].text)
    assert item["id"] == source_id and item["title"] == (spec.title or spec.label)
    # unknown stays unknown: no year, author or publisher the manifest does not state
    assert ("issued" in item) == (spec.year is not None) and ("year" in entry.fields_dict) == (
        spec.year is not None
    )
    assert ("author" in item) == bool(spec.authors) and ("authors" in record) == bool(spec.authors)
    assert ("publisher" in record) == bool(spec.publisher)


def test_citations_come_from_the_manifest_and_the_csl_styles():
    cited = render_citations(SPECS["chen-taiwan-japan-community-of-values"])
    assert set(cited) == {style.key for style in STYLES}
    for text in cited.values():
        assert "陳文甲" in text and "「價值共同體」下的台日關係新階段" in text and PERMALINK in text
    assert "(n.d.)" in cited["apa"]  # the manifest records no year: APA's own "no date"
    assert "[J/OL]" in cited["gbt7714"]  # GB/T 7714's document type for an online journal article
    unnamed = render_citations(SPECS["second-track-diplomacy-global-governance"])
    assert all("文本未載題名" in text for text in unnamed.values())  # the label says it has no title


def test_the_cite_control_copies_the_citation_with_the_passage_link(base_url, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.goto(base_url + "/sources/chen-taiwan-japan-community-of-values/")
    button = page.locator("#p-3-2 .vd-cite-button")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    expected = render_citations(SPECS["chen-taiwan-japan-community-of-values"])
    link = f"{base_url}/sources/chen-taiwan-japan-community-of-values/#p-3-2"
    for style in STYLES:
        page.locator(f"#p-3-2 .vd-cite-style[data-style='{style.key}']").click()
        page.wait_for_function("document.querySelector('#p-3-2 .vd-cite-status').textContent !== ''")
        assert page.evaluate("navigator.clipboard.readText()") == expected[style.key].replace(PERMALINK, link)
    # keyboard: the control is a button reached and opened from the keyboard
    page.locator("#p-3-3 .vd-cite-button").focus()
    page.keyboard.press("Enter")
    assert page.locator("#p-3-3 .vd-cite-menu").is_visible()
    context.close()


def test_source_pages_link_their_citation_files(real_site):
    html = (real_site / "sources" / "mofa-2024-review" / "index.html").read_text(encoding="utf-8")
    for suffix in (".bib", ".ris", ".json"):
        assert f'href="../../citations/mofa-2024-review{suffix}"' in html
    assert (Path(real_site) / "citations" / "mofa-2024-review.bib").is_file()
