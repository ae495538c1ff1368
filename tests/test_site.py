"""The built site: `mkdocs build --strict` is clean and shows the five sources, attributed."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_real_copy
from vdiplo_site.manifest import load_manifest


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real project built (strict) into a temporary copy."""
    return build_real_copy(tmp_path_factory.mktemp("project"))


def page(site, *parts) -> BeautifulSoup:
    return BeautifulSoup((site.joinpath(*parts) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_home_lists_the_five_sources_with_attribution(site):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    specs = load_manifest(ROOT / "sources" / "sources.yaml")
    links = {a["href"] for a in soup.select("article table a")}
    assert links == {f"sources/{spec.id}/" for spec in specs}
    assert "CC BY-SA 4.0" in soup.get_text()
    assert soup.find("html")["lang"] == "zh-TW"


def test_each_source_page_has_title_metadata_and_passages(site):
    for spec in load_manifest(ROOT / "sources" / "sources.yaml"):
        soup = page(site, "sources", spec.id)
        assert soup.select_one("article h1").get_text(strip=True).startswith(spec.label[:6])
        assert len(soup.select('article [id^="p-"]')) > 10
        assert spec.licence.split()[0] in soup.get_text()


def test_search_index_is_built_with_chinese_segmentation(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(doc["text"] for doc in index["docs"])
    assert "價值\u200b外交" in text or "\u200b價值\u200b" in text  # jieba's segments
    assert index["config"]["lang"] == ["zh"]
