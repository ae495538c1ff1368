"""Whole-source faithfulness, measured on what a reader sees: each kb/ source page rendered.

For each real source: >= 99.5% of its Chinese text units appear intact on its page, no raw
markup remains, every footnote reference resolves and every footnote is referenced, with the
counts each source has.
"""

from __future__ import annotations

import re
from itertools import pairwise

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from faithfulness import RAW_MARKUP, intact_ratio, source_units_text
from vdiplo_site.manifest import load_manifest, read_source_text
from vdiplo_site.text import ends_sentence, is_cjk

SPECS = {spec.id: spec for spec in load_manifest(ROOT / "sources" / "sources.yaml")}
# label -> (footnotes present with text, footnotes the source references but lacks)
FOOTNOTES = {
    "wikipedia-value-based-diplomacy": (71, 0),
    "chen-taiwan-japan-community-of-values": (28, 0),
    "second-track-diplomacy-global-governance": (45, 12),
    "mofa-2024-review": (0, 0),
    "mofa-2023-review": (0, 0),
}
EXTENSIONS = ["attr_list", "admonition", "footnotes", "tables", "toc"]


@pytest.fixture(scope="module")
def rendered(real_files) -> dict[str, BeautifulSoup]:
    """Each source page's body rendered to HTML, as a reader's browser would get it."""
    out = {}
    for source_id in SPECS:
        body = real_files[f"sources/{source_id}.md"].text.split("\n---\n", 1)[1]
        out[source_id] = BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")
    return out


def source_content(soup: BeautifulSoup) -> BeautifulSoup:
    """The page without the metadata admonition (which is ours, not the source's)."""
    for admonition in soup.select("div.admonition"):
        admonition.decompose()
    return soup


@pytest.mark.parametrize("source_id", sorted(SPECS))
def test_chinese_text_units_are_intact(rendered, source_id):
    text = source_content(rendered[source_id]).get_text()
    spec = SPECS[source_id]
    ratio, missing = intact_ratio(source_units_text(spec.format, read_source_text(spec)), text)
    assert ratio >= 0.995, f"{source_id}: {ratio:.4f} intact; missing e.g. {missing[:10]}"


@pytest.mark.parametrize("source_id", sorted(SPECS))
def test_no_raw_markup_remains(rendered, source_id):
    text = rendered[source_id].get_text()
    for token in (*RAW_MARKUP, "[^", "</sup>", "{: #", "**"):
        assert token not in text, f"{source_id}: {token!r} left in the page"
    assert not re.search(r"^#{1,6} ", text, re.MULTILINE), f"{source_id}: a Markdown heading left as text"


@pytest.mark.parametrize("source_id", sorted(SPECS))
def test_footnotes_resolve_with_expected_counts(rendered, source_id):
    soup = rendered[source_id]
    notes = soup.select('li[id^="fn:"]')
    present, missing = FOOTNOTES[source_id]
    lacking = [n for n in notes if "missing from the source" in n.get_text()]
    assert (len(notes) - len(lacking), len(lacking)) == (present, missing)
    referenced = {a["href"][1:] for a in soup.select("a.footnote-ref")}
    assert referenced == {note["id"] for note in notes}, f"{source_id}: unreferenced or unresolved notes"


@pytest.mark.parametrize("source_id", sorted(SPECS))
def test_every_passage_has_a_unique_anchor(rendered, source_id):
    ids = [el["id"] for el in rendered[source_id].select('[id^="p-"]')]
    assert ids and len(ids) == len(set(ids))
    assert all(re.fullmatch(r"p-\d+-\d+", i) for i in ids)


@pytest.fixture(scope="module")
def documents(real_kb):
    """The real sources read and normalised, by id."""
    return {doc.spec.id: doc for doc in real_kb.documents}


@pytest.mark.parametrize("source_id", sorted(SPECS))
def test_no_paragraph_is_hard_wrapped_or_cut_in_two(documents, source_id):
    """No block holds a line break, and no two paragraphs are halves of one cut sentence.

    A cut shows as a paragraph ending on a CJK character without sentence-final punctuation,
    followed by a paragraph that goes on in CJK. The lead (title lines) is exempt.
    """
    cuts = []
    for section in documents[source_id].sections:
        blocks = section.blocks
        assert all("\n" not in block.text for block in blocks)
        if section.level == 0:
            continue
        for first, second in pairwise(blocks):
            if first.kind == second.kind == "paragraph":
                end = re.sub(r"(\[\^\w+\])+$", "", first.text)
                if not ends_sentence(end) and is_cjk(end[-1]) and is_cjk(second.text[0]):
                    cuts.append((first.passage_id, end[-20:], second.text[:20]))
    assert cuts == []
