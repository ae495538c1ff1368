"""Our computation of Python-Markdown's link-bracket table equals Python-Markdown's own."""

from __future__ import annotations

import random

import pytest
from markdown.inlinepatterns import LinkInlineProcessor

from conftest import ROOT
from vdiplo_site.mkdocs_plugin.link_brackets import bracket_ends, faster_link_brackets

upstream = getattr(LinkInlineProcessor, "_findBracketEnds", None)
pytestmark = pytest.mark.skipif(upstream is None, reason="this Python-Markdown has no bracket table")


@pytest.mark.parametrize(
    "text", ["", "[", "]", "[a](b)", "[[a]b]c]", "]][[", "[a [b] c", "x[^1]y[a](b.md#c)"]
)
def test_crafted_brackets(text):
    assert bracket_ends(text) == upstream(text)


def test_random_brackets():
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice("[]a") for _ in range(rng.randint(0, 24)))
        assert bracket_ends(text) == upstream(text), text


def test_real_kb_pages():
    pages = sorted((ROOT / "kb").rglob("*.md"))[:60]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert bracket_ends(text) == upstream(text), page


def test_in_place_only_for_the_with_body():
    with faster_link_brackets():
        assert LinkInlineProcessor._findBracketEnds is bracket_ends
    assert LinkInlineProcessor._findBracketEnds is upstream
