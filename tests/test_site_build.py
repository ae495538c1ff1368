"""Incremental site builds: only changed pages are rendered, and the result is exactly what a
full build gives; anything else a page depends on (pages, titles, config) means a full build."""

from __future__ import annotations

import hashlib

import pytest

from conftest import full_build_of, make_project
from vdiplo_site.build import build
from vdiplo_site.project import Project
from vdiplo_site.site_build import FINGERPRINT
from vdiplo_site.writer.swap import TRASH
from vdiplo_site.writer.tree import differing_paths, read_tree

A = "一、 以價值外交團結民主夥伴\n\n1. 台美持續強化重要議題實質合作。\n".encode()
B = "一、 深化與歐洲夥伴合作\n\n1. 台歐關係穩定發展。\n".encode()


@pytest.fixture
def project(tmp_path) -> Project:
    root = make_project(tmp_path / "p", {"a": ("mofa-review", A), "b": ("mofa-review", B)})
    build(Project(root))
    return Project(root)


def page_time(project: Project, source_id: str) -> int:
    return (project.site_dir / "sources" / source_id / "index.html").stat().st_mtime_ns


def edit(project: Project, source_id: str, data: bytes) -> None:
    path = project.root / "sources" / f"{source_id}.txt"
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(data)
    text = project.manifest.read_text(encoding="utf-8")
    project.manifest.write_text(text.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")


def test_a_changed_source_renders_only_its_pages_and_equals_a_full_build(project, tmp_path):
    unchanged = page_time(project, "a")
    edit(project, "b", B + "2. 新增一段。\n".encode())
    build(project)
    assert page_time(project, "a") == unchanged  # not rendered again
    assert "新增一段" in (project.site_dir / "sources" / "b" / "index.html").read_text(encoding="utf-8")
    assert (project.site_dir / FINGERPRINT).is_file()
    assert differing_paths(read_tree(project.site_dir), read_tree(full_build_of(project, tmp_path))) == []


EUROPE = "entities:\n  - {id: europe, name: 歐洲, english: Europe, aliases: []}\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Europe, aliases: []", "Continental Europe, aliases: []"),  # the texts are not matched again
        ("Europe, aliases: []", "Continental Europe, aliases: [台歐]"),  # they are
    ],
    ids=["english name", "english name and alias"],
)
def test_a_gazetteer_edit_rebuilds_only_its_pages_and_equals_a_full_build(project, tmp_path, old, new):
    """What ``serve`` does on a saved gazetteer edit: a rebuild in the same process (its
    tokenizer, parsed YAML, decoded records, lookups and compiled templates kept) of only the
    pages the edit changes, giving the kb/ and site/ a full build of the edited inputs gives."""
    gazetteer = project.root / "sources" / "gazetteer" / "countries.yaml"
    gazetteer.write_text(EUROPE, encoding="utf-8")
    build(project)
    unchanged, before = page_time(project, "a"), read_tree(project.site_dir)
    gazetteer.write_text(EUROPE.replace(old, new), encoding="utf-8")
    build(project)
    assert page_time(project, "a") == unchanged  # an incremental build
    changed = differing_paths(read_tree(project.site_dir), before)
    assert "countries/europe/index.html" in changed
    assert "sources/a/index.html" not in changed
    page = (project.site_dir / "countries" / "europe" / "index.html").read_text(encoding="utf-8")
    assert "Continental Europe" in page
    assert ("<mark>台歐</mark>關係" in page) == ("台歐" in new)
    full = full_build_of(project, tmp_path)
    assert differing_paths(read_tree(project.kb_dir), read_tree(full.parent / "kb")) == []
    assert differing_paths(read_tree(project.site_dir), read_tree(full)) == []


def test_an_incremental_build_never_writes_into_the_previous_site(project):
    """The incremental build starts from hard links to site/'s files: every file it writes
    (changed pages, sitemap, 404 page, search index and worker, build record) must be a new
    file, so the previous site/ (now in the trash) keeps every byte it had."""
    before = read_tree(project.site_dir)
    edit(project, "b", B + "2. 新增一段。\n".encode())
    build(project)
    (previous,) = [p for p in (project.root / TRASH).iterdir() if p.name.startswith("site.old")]
    assert differing_paths(read_tree(previous), before) == []
    changed = differing_paths(read_tree(project.site_dir), before)
    assert "sources/b/index.html" in changed and "sources/a/index.html" not in changed
    assert (project.site_dir / "sources" / "a" / "index.html").stat().st_nlink == 2  # linked, not copied


@pytest.mark.parametrize("change", ["new source", "new title", "config"])
def test_anything_else_a_page_depends_on_means_a_full_build(project, change):
    unchanged = page_time(project, "a")
    if change == "new source":
        (project.root / "sources" / "c.txt").write_bytes(A)
        entry = project.manifest.read_text(encoding="utf-8").split("- ", 2)[1].replace("id: a", "id: c")
        project.manifest.write_text(
            project.manifest.read_text(encoding="utf-8") + "- " + entry.replace("file: a.txt", "file: c.txt"),
            encoding="utf-8",
        )
    elif change == "new title":
        project.manifest.write_text(
            project.manifest.read_text(encoding="utf-8").replace("label: 測試文本", "label: 新標題", 1),
            encoding="utf-8",
        )
    else:
        project.mkdocs_config.write_text(
            project.mkdocs_config.read_text(encoding="utf-8") + "\nextra: {x: 1}\n", encoding="utf-8"
        )
    build(project)
    assert page_time(project, "a") != unchanged  # rendered again: a full build


def test_a_damaged_record_means_a_full_build(project):
    unchanged = page_time(project, "a")
    (project.site_dir / FINGERPRINT).write_text("{", encoding="utf-8")
    build(project)
    assert page_time(project, "a") != unchanged
