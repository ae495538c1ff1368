"""kb/ is deterministic, fresh (the committed files equal a fresh build), and well-formed."""

from __future__ import annotations

import yaml

from conftest import ROOT
from vdiplo_site.manifest import load_manifest
from vdiplo_site.pipeline import Project, generate_kb, stale_kb_paths
from vdiplo_site.writer.front_matter import dump_front_matter, load_front_matter

PROJECT = Project(ROOT)


def test_generation_is_deterministic():
    assert generate_kb(PROJECT) == generate_kb(PROJECT)


def test_committed_kb_is_fresh():
    stale = stale_kb_paths(PROJECT)
    assert not stale, f"kb/ differs from a fresh build in {stale}; run 'vdiplo-site build'"


def test_front_matter_round_trips():
    fields = {"type": "source", "title": "「價值共同體」: 台日", "authors": ["陳文甲"], "year": None}
    assert load_front_matter(dump_front_matter(fields) + "# x\n") == fields
    assert list(load_front_matter(dump_front_matter(fields))) == list(fields)


def test_source_pages_have_required_front_matter():
    pages = generate_kb(PROJECT)
    for spec in load_manifest(PROJECT.manifest):
        meta = load_front_matter(pages[f"sources/{spec.id}.md"])
        assert meta["type"] == "source"
        assert meta["id"] == spec.id
        assert meta["title"] == spec.label
        assert meta["sha256"] == spec.sha256
        assert meta["source_title"] == spec.title
        assert meta["kind"] == spec.kind and meta["licence"] == spec.licence


def test_every_source_page_is_in_the_nav():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = yaml.safe_dump(config["nav"], allow_unicode=True)
    for spec in load_manifest(PROJECT.manifest):
        assert f"sources/{spec.id}.md" in listed
