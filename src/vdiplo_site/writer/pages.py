"""Every page of kb/ rendered from one knowledge base: the writers' single entry point."""

from __future__ import annotations

from importlib.resources import files as package_files

from ..cache import Cache
from ..knowledge import KnowledgeBase
from .bibliography import BIBLIOGRAPHY, render_bibliography
from .citations import citation_files
from .entity_index import render_entity_index
from .entity_page import render_entity_page
from .entity_subpages import render_entity_subpages
from .home_page import render_home_page, render_sources_index
from .network_page import network_data, render_network_page
from .paths import (
    HOME,
    MAP,
    NETWORK,
    NETWORK_DATA,
    REVIEW_COMPARISON,
    SOURCES_INDEX,
    TIMELINE,
    TYPE_DIRS,
    entity_index_path,
    entity_path,
    source_path,
)
from .previews import render_previews
from .quotations import kept_lists
from .review_comparison import compared, render_review_comparison
from .source_page import render_source_page
from .timeline_page import render_timeline
from .tree import KbFile
from .values_index import VALUE, render_values_index
from .world_map import render_map_page

#: Files of ``vdiplo_site/writer/assets/`` copied into ``kb/assets/`` (the scripts and styles
#: named in mkdocs.yml; the vendored libraries with their licences, which network.js loads on
#: the network page only and script-switch.js once a reader asks for Simplified characters).
ASSETS = (
    "extra.css",
    "passage-links.js",
    "table-tools.js",
    "network.js",
    "figure-links.js",
    "script-switch.js",
    "vendor/cytoscape-3.34.4/cytoscape.min.js",
    "vendor/cytoscape-3.34.4/LICENSE",
    "vendor/opencc-js-1.4.2/t2cn.js",
    "vendor/opencc-js-1.4.2/LICENSE",
    "vendor/opencc-js-1.4.2/THIRD_PARTY_LICENSES.txt",
    "vendor/opencc-js-1.4.2/Apache-2.0.txt",
    "cite-passage.js",
    "floating-ui.core.umd.min.js",
    "floating-ui.dom.umd.min.js",
    "floating-ui.LICENSE.txt",
    "previews.js",
)


def render_pages(kb: KnowledgeBase, cache: Cache | None = None) -> tuple[KbFile, ...]:
    """The home page, the sources index, the bibliography, the entity-link previews' data, the
    assets, a page per source (and its citation files) and per entity (with
    the pages a large entity's lists continue on), and an index per entity type (the values'
    compares the sources), then the whole-corpus views (the two reviews compared, when the
    knowledge base holds both; the timeline, the network and its data, the map), in that order
    (deterministic for equal input). ``cache``: the build cache, where mention lists are kept
    (:func:`.quotations.kept_lists`)."""
    with kept_lists(cache):
        return _render_pages(kb)


def _render_pages(kb: KnowledgeBase) -> tuple[KbFile, ...]:
    specs = tuple(document.spec for document in kb.documents)
    files = [
        KbFile.page(HOME, render_home_page(specs, compared(kb.source_ids))),
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
    if compared(kb.source_ids):
        files.append(KbFile.page(REVIEW_COMPARISON, render_review_comparison(kb)))
    files.append(KbFile.page(TIMELINE, render_timeline(kb)))
    files.append(KbFile.page(NETWORK, render_network_page(kb)))
    files.append(KbFile(NETWORK_DATA, network_data(kb)))
    files.append(KbFile.page(MAP, render_map_page(kb)))
    return tuple(files)
