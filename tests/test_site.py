"""The built site: `mkdocs build --strict` is clean and shows the five sources, attributed."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from vdiplo_site.manifest import load_manifest
from vdiplo_site.writer.paths import TYPE_DIRS


@pytest.fixture(scope="module")
def site(real_site):
    """The real project built (strict) by `vdiplo-site build` into a temporary copy."""
    return real_site


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


def test_site_search_uses_our_index_and_worker(site):
    """Material's index and worker are replaced by ours (vdiplo-search plugin): its index holds
    only our sharded index's layout; the files it names are beside it in search/."""
    index_file = site / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"] and index["docs"] == []
    layout = index["config"]["vdiplo"]
    assert layout["version"] == 3 and "臺台" in layout["fold"] and layout["docs"] > 800
    assert index_file.stat().st_size < 20_000
    folder = site / "search"
    vocab = {
        w for n in range(layout["vocabShards"]) for w in json.loads((folder / f"vocab/{n}.json").read_text())
    }
    assert len(vocab) > 1000 and "价值外交" in vocab
    keys = {
        row[0]
        for n in range(layout["keyShards"])
        for row in json.loads((folder / f"keys/{n}.json").read_text())
    }
    assert {"价值外交", "台湾", "台", "=安格拉·梅克尔"} <= keys
    latin = [json.loads((folder / f"latin/{n}.json").read_text()) for n in range(len(layout["latinChunks"]))]
    assert [run[0][0] for run in latin] == layout["latinChunks"] and "nato" in {
        r[0] for run in latin for r in run
    }
    rows = [
        row
        for path in sorted(folder.glob("docs/*.json"), key=lambda p: int(p.stem))
        for row in json.loads(path.read_text())
    ]
    assert len(rows) == layout["docs"] and all(row[0].endswith("/") for row in rows)
    anchors = {row[1] for row in rows}
    assert "p-1-1" in anchors and "fn:1" in anchors
    workers = list((site / "assets" / "javascripts" / "workers").iterdir())
    assert len(workers) == 1
    worker = workers[0].read_text(encoding="utf-8")
    assert "VdiploSearch" in worker and 'var VDIPLO_INDEX = "../../../search/";' in worker
    assert not (site / "search-data.json").exists()


def resolve(site, current: str, href: str) -> tuple[str, str]:
    """Resolve a relative href from a directory-URL page ``current`` (e.g. 'sources/x/')."""
    import posixpath

    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(current, path)) + "/"
    return ("" if target == "./" else target), anchor


def round_trip(site, source_id: str) -> tuple[str, str, str] | None:
    """A round trip from source ``source_id``: a passage links an entity; the entity page links
    that entity's mention in another source; that passage links back to the entity page.

    Returns ``(entity page, other source page, anchor)`` for the first trip found, or ``None``.
    """
    start = f"sources/{source_id}/"
    for link in page(site, *start.strip("/").split("/")).select('article [id^="p-"] a[href*="../"]'):
        entity_url, _ = resolve(site, start, link["href"])
        if entity_url.split("/")[0] not in TYPE_DIRS.values():
            continue
        entity = page(site, *entity_url.strip("/").split("/"))
        for other in entity.select("article a[href*='#p-']"):
            other_url, anchor = resolve(site, entity_url, other["href"])
            if other_url == start:
                continue
            passage = page(site, *other_url.strip("/").split("/")).find(id=anchor)
            assert passage is not None, (other_url, anchor)
            if entity_url in [
                resolve(site, other_url, a["href"])[0] for a in passage.find_all("a", href=True)
            ]:
                return entity_url, other_url, anchor
    return None


@pytest.mark.parametrize("source_id", [spec.id for spec in load_manifest(ROOT / "sources" / "sources.yaml")])
def test_passage_to_entity_to_other_source_and_back(site, source_id):
    """From every source, a reader goes from a passage to an entity page, on to the same
    entity's mention in another source, and from that passage back to the entity page."""
    assert round_trip(site, source_id) is not None, f"no round trip from {source_id}"
