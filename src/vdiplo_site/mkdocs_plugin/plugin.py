"""The ``vdiplo-search`` MkDocs plugin: replaces Material's search index and worker with ours.

It hooks these events: ``on_config`` (Material's search plugin, which must come first in
``plugins``, keeps its interface but indexes no page: :mod:`.material_search`), ``on_files``
(keep ``search-data.json`` out of the site, remember each page's URL, and start building the
sharded index in a forked child, :class:`vdiplo_site.workers.Background`, while MkDocs renders
the pages), ``on_build_error`` (stop that child) and ``on_post_build``
(after Material's plugin has written its index's configuration: ours replaces it, with the
sharded index's files beside it in ``search/``; with Material's ``offline`` plugin, for a copy
opened from disk, those files are also inlined into the worker, which cannot fetch there). The logic lives in :mod:`vdiplo_site.search`.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from ..cache import Cache
from ..search.files import DATA, worker_source
from ..search.shards import SearchIndex, build_index
from ..search.site_index import MATERIAL_INDEX, index_url_from, with_material_config, write_site_index
from ..workers import Background
from .fresh_writes import write_fresh
from .material_search import offline_enabled, skip_page_indexing


class VdiploSearchPlugin(BasePlugin):
    """Chinese search for the knowledge base inside mkdocs-material's search interface.

    Attributes:
        cache: the build cache, where the index's postings are kept between builds (set by
            :func:`vdiplo_site.site_build.run_mkdocs`; ``None``, as under a plain
            ``mkdocs build``: everything is indexed).
    """

    cache: Cache | None = None
    index: Background[tuple[SearchIndex, set[Path]]] | None = None

    def on_config(self, config):
        """Stop Material's search plugin from indexing pages (ours replaces its index)."""
        if not skip_page_indexing(config.plugins.values()):
            raise PluginError(
                "vdiplo-search: list Material's 'search' plugin before 'vdiplo-search' in plugins"
            )
        return config

    def on_files(self, files, *, config):
        """Drop ``search-data.json`` from the site's files; record page URLs by kb path; start
        building the sharded index."""
        data = files.get_file_from_path(DATA)
        if data is None:
            raise PluginError(f"vdiplo-search: {DATA} not found in docs_dir (run 'vdiplo-site build')")
        self.data_path = Path(data.abs_src_path)
        files.remove(data)
        self.urls = {file.src_uri: file.url for file in files.documentation_pages()}
        self.index = Background(_sharded_index, self)
        return files

    def on_build_error(self, *, error):
        """Stop building the sharded index (the build has failed)."""
        if self.index is not None:
            self.index.stop()

    def on_post_build(self, *, config):
        """Write our index over Material's (with the sharded index's files beside it) and our
        worker over Material's worker."""
        site = Path(config["site_dir"])
        index_path = site / "search" / MATERIAL_INDEX
        workers = sorted((site / "assets" / "javascripts" / "workers").glob("search*.js"))
        if not index_path.exists() or len(workers) != 1:
            raise PluginError(
                "vdiplo-search: Material's search index or worker not found; "
                "list 'search' before 'vdiplo-search' in plugins"
            )
        material = json.loads(index_path.read_text(encoding="utf-8"))
        if self.index is None:
            raise PluginError("vdiplo-search: the search index was never started (no on_files event)")
        index, used = self.index.result()
        if self.cache is not None:
            self.cache.used |= used
        write_site_index(site, with_material_config(index, material["config"]))
        inlined = _index_files(index_path.parent) if offline_enabled(config.plugins.values()) else None
        write_fresh(workers[0], worker_source(index_url_from(workers[0], site), inlined))
        workers[0].with_name(workers[0].name + ".map").unlink(missing_ok=True)  # Material's, stale


def _sharded_index(plugin: VdiploSearchPlugin) -> tuple[SearchIndex, set[Path]]:
    """The sharded index of ``plugin``'s search data (its pages' URLs as locations, its cache),
    and the cache entries used (a child's are sent back to be kept)."""
    data = json.loads(plugin.data_path.read_text(encoding="utf-8"))
    index = build_index(data, plugin.urls.__getitem__, cache=plugin.cache)
    return index, set() if plugin.cache is None else plugin.cache.used


def _index_files(folder: Path) -> dict[str, str]:
    """The sharded index's files in ``folder`` (``site/search/``), path relative to it -> text;
    Material's own ``search_index.*`` left out (the page loads that itself)."""
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.json"))
        if path.parent != folder
    }
