"""MkDocs' pages read and rendered in worker processes (``mkdocs_plugin/parallel_pages.py``):
the site is byte for byte the one a single process builds, a worker's warnings still fail the
strict build, and a worker's error or death stops it."""

from __future__ import annotations

import logging
import os

import mkdocs.commands.build
import pytest
from mkdocs.plugins import BasePlugin

from conftest import make_project
from vdiplo_site import workers
from vdiplo_site.build import build
from vdiplo_site.errors import BuildError
from vdiplo_site.mkdocs_plugin.parallel_pages import page_events_local
from vdiplo_site.project import Project
from vdiplo_site.site_build import FINGERPRINT, run_mkdocs
from vdiplo_site.writer.tree import read_tree

A = "一、 以價值外交團結民主夥伴\n\n1. 台美持續強化重要議題實質合作。\n".encode()
B = "一、 深化與歐洲夥伴合作\n\n1. 台歐關係穩定發展。\n".encode()

pytestmark = pytest.mark.skipif(workers.cores() < 2, reason="needs two cores for worker processes")


def from_workers(records: list[logging.LogRecord], text: str) -> list[logging.LogRecord]:
    """The records whose message holds ``text`` and that another process made."""
    return [r for r in records if text in r.getMessage() and r.process != os.getpid()]


def test_pages_built_in_workers_equal_those_built_in_one_process(tmp_path, monkeypatch, caplog):
    root = make_project(tmp_path / "p", {"a": ("mofa-review", A), "b": ("mofa-review", B)})
    with caplog.at_level(logging.DEBUG, logger="mkdocs.commands.build"):
        build(Project(root))
    assert from_workers(caplog.records, "Building page sources/a.md")  # rendered in a worker
    project = Project(root)
    monkeypatch.setattr(workers, "cores", lambda: 1)
    run_mkdocs(project.mkdocs_config, project.kb_dir, tmp_path / "one-process")
    parallel = [file for file in read_tree(project.site_dir) if file.path != FINGERPRINT]
    assert len(parallel) > 20 and parallel == list(read_tree(tmp_path / "one-process"))


@pytest.fixture
def docs(tmp_path):
    """A small MkDocs project (Material, no plugins) with six pages; returns its config."""
    (tmp_path / "docs").mkdir()
    for n in range(6):
        (tmp_path / "docs" / f"page{n}.md").write_text(f"# Page {n}\n\n[next](page{n + 1}.md)\n" * (n + 1))
    (tmp_path / "docs" / "page6.md").write_text("# Last\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\ntheme: {name: material}\nplugins: []\nvalidation: {links: {not_found: warn}}\n"
    )
    return config


def test_a_warning_in_a_worker_fails_the_strict_build(docs, tmp_path, caplog):
    (docs.parent / "docs" / "page3.md").write_text("# Three\n\n[gone](missing.md)\n")
    with pytest.raises(BuildError, match="MkDocs build failed"):
        run_mkdocs(docs, docs.parent / "docs", tmp_path / "site")
    assert from_workers(caplog.records, "missing.md")


def test_an_error_in_a_worker_stops_the_build_naming_the_page(docs, tmp_path, caplog):
    (docs.parent / "docs" / "page2.md").write_bytes(b"# Two \xff\xfe\n")
    with pytest.raises(UnicodeDecodeError) as raised:
        run_mkdocs(docs, docs.parent / "docs", tmp_path / "site")
    assert from_workers(caplog.records, "Error reading page 'page2.md'")
    assert any("in a worker process" in note for note in raised.value.__notes__)


def test_a_worker_that_dies_stops_the_build_with_one_error(docs, tmp_path, monkeypatch):
    build_page = mkdocs.commands.build._build_page

    def dying(page, *args, **kwargs):
        if page.file.src_uri == "page4.md":
            os._exit(1)
        build_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs.commands.build, "_build_page", dying)
    with pytest.raises(BuildError, match="worker process ended abruptly"):
        run_mkdocs(docs, docs.parent / "docs", tmp_path / "site")


def test_a_plugin_unknown_to_us_means_one_process(docs):
    from mkdocs.config import load_config

    config = load_config(str(docs))
    assert page_events_local(config)
    config.plugins["someone-elses"] = BasePlugin()  # its page events might keep state anywhere
    assert not page_events_local(config)
    config = load_config(str(docs))
    docs.write_text(docs.read_text().replace("plugins: []", "plugins: [search]"))
    config = load_config(str(docs))
    config.plugins.on_config(config)
    assert not page_events_local(config)  # Material's search, indexing every page
