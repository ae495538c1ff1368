"""Every page of kb/ rendered from one knowledge base: the writers' single entry point."""

from __future__ import annotations

from importlib.resources import files as package_files

from ..knowledge import KnowledgeBase
from .bibliography import BIBLIOGRAPHY, render_bibliography
from .citations import citation_files
from .entity_index import render_entity_index
from .entity_page import render_entity_page
from .entity_subpages import render_entity_subpages
from .home_page import render_home_page, render_sources_index
from .paths import HOME, SOURCES_INDEX, TYPE_DIRS, entity_index_path, entity_path, source_path
from .previews import render_previews
from .source_page import render_source_page
from .tree import KbFile
from .values_index import VALUE, render_values_index

#: Files of ``vdiplo_site/writer/assets/`` copied into ``kb/assets/`` (named in mkdocs.yml).
ASSETS = (
    "extra.css",
    "passage-links.js",
    "cite-passage.js",
    "floating-ui.core.umd.min.js",
    "floating-ui.dom.umd.min.js",
    "floating-ui.LICENSE.txt",
    "previews.js",
)


def render_pages(kb: KnowledgeBase) -> tuple[KbFile, ...]:
    """The home page, the sources index, the bibliography, the entity-link previews' data, the assets, a page per source (and its citation files)
    and per entity (with
    the pages a large entity's lists continue on), and an index per entity type (the values'
    compares the sources), in that order (deterministic for equal input)."""
    specs = tuple(document.spec for document in kb.documents)
    files = [
        KbFile.page(HOME, render_home_page(specs)),
        KbFile.page(SOURCES_INDEX, render_sources_index(specs)),
        KbFile.page(BIBLIOGRAPHY, render_bibliography(kb)),
        render_previews(kb),
    ]
    files += [
        KbFile(f"assets/{name}", (package_files("vdiplo_site.writer") / "assets" / name).read_bytes())
        for name in ASSETS
    ]
    files += [KbFile.page(source_path(doc.spec.id), render_source_page(kb, doc)) for doc in kb.documents]
    files += [file for doc in kb.documents for file in citation_files(doc.spec)]
    files += [KbFile.page(entity_path(entity), render_entity_page(kb, entity)) for entity in kb.entities]
    files += [file for entity in kb.entities for file in render_entity_subpages(kb, entity)]
    files += [KbFile.page(entity_index_path(t), render_entity_index(kb, t)) for t in TYPE_DIRS if t != VALUE]
    files.append(KbFile.page(entity_index_path(VALUE), render_values_index(kb)))
    return tuple(files)
