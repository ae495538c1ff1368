"""The build cache: exact JSON round trips, and a rebuild that re-reads only what changed."""

from __future__ import annotations

import hashlib

import pytest

from conftest import make_project
from vdiplo_site import pipeline
from vdiplo_site.cache import Cache
from vdiplo_site.codec import document_from_json, document_to_json, mentions_from_json, mentions_to_json
from vdiplo_site.formats import FORMATS
from vdiplo_site.pipeline import gather
from vdiplo_site.project import Project
from vdiplo_site.search.data import dump_search_data

REVIEW = "一、 以價值外交團結民主夥伴\n\n1. 台美持續強化重要議題實質合作，日本亦然。\n".encode()
GAZETTEER = "entities:\n  - {id: japan, name: 日本, english: Japan, aliases: [日方]}\n"


def test_documents_and_mentions_round_trip_exactly(real_kb):
    for document in real_kb.documents:
        assert document_from_json(document_to_json(document), document.spec) == document
    assert mentions_from_json(mentions_to_json(real_kb.mentions)) == real_kb.mentions


@pytest.fixture
def project(tmp_path):
    root = make_project(
        tmp_path, {"a": ("mofa-review", REVIEW), "b": ("mofa-review", REVIEW.replace(b"1.", b"2."))}
    )
    (root / "sources" / "gazetteer" / "countries.yaml").write_text(GAZETTEER, encoding="utf-8")
    return Project(root)


def reads(monkeypatch) -> list[str]:
    """Record the ids of the sources the mofa-review reader parses from now on."""
    seen: list[str] = []
    reader = FORMATS["mofa-review"].reader
    original = type(reader).read

    def read(self, spec, text):
        seen.append(spec.id)
        return original(self, spec, text)

    monkeypatch.setattr(type(reader), "read", read)
    return seen


def edit(project: Project, source_id: str, data: bytes) -> None:
    """Change a source's text and record its new digest in the manifest."""
    path = project.root / "sources" / f"{source_id}.txt"
    manifest = project.manifest.read_text(encoding="utf-8")
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(data)
    project.manifest.write_text(manifest.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")


def test_a_rebuild_reads_only_the_changed_source_and_gives_the_same_record(project, monkeypatch):
    cache = Cache(project.root / ".vdiplo-cache")
    first = gather(project, cache)
    seen = reads(monkeypatch)
    assert gather(project, Cache(project.root / ".vdiplo-cache")) == first
    assert seen == []  # every document and its mentions came from the cache
    edit(project, "b", REVIEW.replace(b"1.", b"2.") + "3. 日方表示支持。\n".encode())
    again = gather(project, Cache(project.root / ".vdiplo-cache"))
    assert seen == ["b"]
    assert again == gather(project)  # the same as without any cache
    assert any(m.source_id == "b" and m.surface == "日方" for m in again.mentions)


def test_a_changed_gazetteer_rematches_without_rereading(project, monkeypatch):
    gather(project, Cache(project.root / ".vdiplo-cache"))
    seen = reads(monkeypatch)
    countries = project.gazetteer / "countries.yaml"
    countries.write_text(
        GAZETTEER + "  - {id: usa, name: 美國, english: United States, aliases: [台美]}\n", "utf-8"
    )
    kb = gather(project, Cache(project.root / ".vdiplo-cache"))
    assert seen == []
    assert [m.surface for m in kb.mentions if m.entity_id == "usa"] == ["台美", "台美"]


def test_new_code_or_a_damaged_entry_is_never_served(project, monkeypatch):
    folder = project.root / ".vdiplo-cache"
    gather(project, Cache(folder))
    for entry in (folder / "documents").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    seen = reads(monkeypatch)
    assert gather(project, Cache(folder)) == gather(project)
    assert sorted(seen) == ["a", "a", "b", "b"]  # damaged: read again (and once more, uncached)
    seen.clear()
    monkeypatch.setattr(pipeline, "CODE_DIGEST", "another version of the code")
    gather(project, Cache(folder))
    assert sorted(seen) == ["a", "b"]


def test_the_search_vocabulary_comes_from_the_cache_unchanged(project):
    cache = Cache(project.root / ".vdiplo-cache")
    kb = gather(project, cache)
    first = dump_search_data(kb, cache)
    assert list((project.root / ".vdiplo-cache" / "vocabulary").glob("*.json"))
    assert dump_search_data(kb, Cache(project.root / ".vdiplo-cache")) == first == dump_search_data(kb)


def test_prune_keeps_only_what_the_build_used(project):
    folder = project.root / ".vdiplo-cache"
    gather(project, Cache(folder))
    edit(project, "a", REVIEW + "2. 再一段。\n".encode())
    cache = Cache(folder)
    gather(project, cache)
    cache.prune()
    assert len(list((folder / "documents").glob("*.json"))) == 2
    assert len(list((folder / "mentions").glob("*.json"))) == 2


def test_kept_mention_lists_render_the_same_pages_and_change_with_what_they_show(
    real_kb, tmp_path, monkeypatch
):
    """Mention lists kept in the cache give the same kb/ pages; a list is rendered again when
    anything it shows changes (here: a source's label)."""
    from dataclasses import replace

    from vdiplo_site.writer import quotations
    from vdiplo_site.writer.pages import render_pages

    plain = render_pages(real_kb)
    rendered: list[str] = []
    render = quotations._mention_list
    monkeypatch.setattr(
        quotations, "_mention_list", lambda kb, q, path: (rendered.append(path), render(kb, q, path))[1]
    )
    assert render_pages(real_kb, Cache(tmp_path)) == plain
    assert len(rendered) > 100
    rendered.clear()
    assert render_pages(real_kb, Cache(tmp_path)) == plain and rendered == []
    document = real_kb.documents[0]
    relabelled = replace(document, spec=replace(document.spec, label="新標籤"))
    kb = replace(real_kb, documents=(relabelled, *real_kb.documents[1:]))
    pages = {f.path: f.text for f in render_pages(kb, Cache(tmp_path))}
    assert rendered and all("新標籤" in pages[path] for path in set(rendered))
