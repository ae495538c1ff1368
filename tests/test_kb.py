"""kb/ is deterministic (byte for byte across hash seeds), fresh (the committed files equal a
fresh build), well-formed, and every source is in the navigation."""

from __future__ import annotations

import posixpath

import pytest
import yaml

from conftest import ROOT, make_project
from vdiplo_site.cli import main
from vdiplo_site.mkdocs_plugin.nav import with_source_pages, without_absent_pages
from vdiplo_site.writer.front_matter import (
    SafeDumper,
    dump_front_matter,
    load_front_matter,
    load_title,
    split_front_matter,
    title_entry,
)
from vdiplo_site.writer.paths import href
from vdiplo_site.writer.tree import differing_paths, read_tree


def test_builds_under_different_hash_seeds_are_byte_identical(real_site, real_kb_reseeded):
    """Two `vdiplo-site build` processes, PYTHONHASHSEED 1 and 2, write the same kb/ tree."""
    first, second = read_tree(real_site.parent / "kb"), read_tree(real_kb_reseeded)
    assert len(first) > 400
    assert differing_paths(first, second) == []


def test_committed_kb_is_fresh(real_files):
    stale = differing_paths(real_files.values(), read_tree(ROOT / "kb"))
    assert not stale, f"kb/ differs from a fresh build in {stale}; run 'vdiplo-site build'"


def test_check_names_every_stale_file(tmp_path, capsys):
    """`vdiplo-site check` exits 1 and names a changed, an added and a removed kb/ file."""
    review = "一、 測試標題\n\n1. 台美持續強化重要議題實質合作。\n".encode()
    root = make_project(tmp_path, {"demo": ("mofa-review", review)})
    assert main(["--root", str(root), "build", "--kb-only"]) == 0
    assert main(["--root", str(root), "check"]) == 0
    (root / "kb" / "index.md").write_text("changed", encoding="utf-8")
    (root / "kb" / "extra.md").write_text("added", encoding="utf-8")
    (root / "kb" / "assets" / "extra.css").unlink()
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 1
    named = [line.split(":")[0] for line in capsys.readouterr().err.splitlines()]
    assert named == ["kb/assets/extra.css", "kb/extra.md", "kb/index.md"]


def test_front_matter_round_trips_quotes_colons_and_nulls():
    fields = {
        "type": "source",
        "title": "「價值共同體」: 台日 #1",
        "authors": ["陳文甲"],
        "year": None,
        "notes": ["- a list marker", "key: value"],
    }
    page = dump_front_matter(fields) + "# x\n"
    assert load_front_matter(page) == fields
    assert page.startswith("---\n") and "\n---\n# x" in page


def test_front_matter_is_the_same_with_and_without_libyaml(real_files):
    """Every kb/ page's front matter, and crafted awkward values, dump to the same bytes with
    libyaml's dumper as with the pure-Python one (the build uses libyaml when it has it)."""
    assert SafeDumper is yaml.CSafeDumper, "PyYAML without libyaml: the comparison would be vacuous"
    crafted = {
        "title": "「價值共同體」: 台日 #1 'quoted' \"double\" \u00e9 \t tab",
        "list": ["- a list marker", "key: value", "", " lead", "trail ", "yes", "null", "0x1F", "1e3"],
        "long": "長" * 600 + " word" * 200,
        "year": None,
        "count": 12,
    }
    pages = [load_front_matter(f.text) for path, f in sorted(real_files.items()) if path.endswith(".md")]
    assert len(pages) > 400
    for fields in [crafted, *pages]:
        assert dump_front_matter(fields) == dump_front_matter(fields, yaml.SafeDumper)


def test_the_title_alone_is_the_title_of_the_whole_front_matter(real_files):
    pages = [f.text for path, f in sorted(real_files.items()) if path.endswith(".md")]
    for page in pages:
        assert load_title(page) == load_front_matter(page).get("title")
    long = dump_front_matter({"type": "x", "title": "長 " * 800 + "end", "titles": ["a"]}) + "body\n"
    assert load_title(long) == "長 " * 800 + "end" and title_entry(long).count("\n") >= 1
    assert load_title(dump_front_matter({"type": "x"})) is None


def test_split_front_matter_parts_and_errors():
    page = dump_front_matter({"title": "a --- b"}) + "\n# x\n---\nbody\n"
    assert split_front_matter(page) == ("title: a --- b\n", "\n# x\n---\nbody\n")
    assert split_front_matter("---\n---\nbody") == ("", "body")
    for broken in ("# no front matter\n", "---\ntitle: x\n"):
        with pytest.raises(ValueError):
            split_front_matter(broken)


def test_source_pages_carry_their_manifest_entry(real_kb, real_files):
    for document in real_kb.documents:
        spec = document.spec
        meta = load_front_matter(real_files[f"sources/{spec.id}.md"].text)
        assert (meta["type"], meta["id"], meta["title"], meta["source_title"]) == (
            "source",
            spec.id,
            spec.label,
            spec.title,
        )
        assert (meta["sha256"], meta["kind"], meta["licence"]) == (spec.sha256, spec.kind, spec.licence)
        assert meta["footnotes"] == len(document.footnotes)


def test_every_source_page_is_in_the_nav_made_from_the_manifest(real_kb):
    """mkdocs.yml names no source page; the navigation lists them all, in manifest order."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "sources/" + real_kb.source_ids[0] not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = with_source_pages(config["nav"], ROOT / "sources" / "sources.yaml")
    (section,) = [entry["來源 Sources"] for entry in nav if "來源 Sources" in entry]
    assert section == ["sources/index.md", *(f"sources/{source_id}.md" for source_id in real_kb.source_ids)]


def test_the_nav_drops_the_review_comparison_of_a_corpus_without_both_reviews(tmp_path):
    """A corpus without the two MOFA reviews has no views/mofa-reviews.md: the navigation leaves
    it out (a strict build would stop on it); any other missing page stays for MkDocs to report."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "timeline.md").write_text("# t\n", encoding="utf-8")
    nav = without_absent_pages([*config["nav"], "missing.md"], tmp_path)
    text = yaml.safe_dump(nav, allow_unicode=True)
    assert "views/mofa-reviews.md" not in text and "views/timeline.md" in text and "missing.md" in text
    (tmp_path / "views" / "mofa-reviews.md").write_text("# r\n", encoding="utf-8")
    assert "views/mofa-reviews.md" in yaml.safe_dump(without_absent_pages(config["nav"], tmp_path))


def test_the_record_keeps_the_wiki_citations_for_the_bibliography(real_kb):
    """The wikitext reader's structured citations (``model.Citation``) reach the knowledge base,
    though no page renders them yet: the bibliography will. This fails if they are dropped."""
    notes = real_kb.document("wikipedia-value-based-diplomacy").footnotes
    cited = [note.citation for note in notes if note.citation is not None]
    assert len(cited) == len(notes) == 71
    assert all(c.title and c.url and c.url.startswith(("http://", "https://")) for c in cited)
    assert sum(1 for c in cited if c.archive_url and c.archive_date) == 20
    assert sum(1 for c in cited if c.publisher) >= 40 and sum(1 for c in cited if c.date) >= 40


@pytest.mark.parametrize(
    ("from_path", "to_path", "anchor", "link"),
    [
        ("index.md", "sources/a.md", "", "sources/a.md"),
        ("sources/index.md", "sources/a.md", "", "a.md"),  # an index links its own folder by name
        ("countries/index.md", "sources/a.md", "", "../sources/a.md"),
        ("countries/japan.md", "countries/usa.md", "", "../countries/usa.md"),
        ("countries/japan.md", "sources/a.md", "p-3-2", "../sources/a.md#p-3-2"),
        ("sources/a.md", "actors/x.md", "", "../actors/x.md"),
    ],
)
def test_href_makes_every_link_relative(from_path, to_path, anchor, link):
    assert href(from_path, to_path, anchor) == link
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), link.split("#")[0]))
    assert target == to_path
