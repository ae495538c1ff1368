"""Glue to mkdocs-material's search plugin: keep its interface, skip its page indexing.

Material's search plugin segments every page with jieba to build an index that the
``vdiplo-search`` plugin then replaces with ours (about half of an MkDocs build's time). Its
configuration (language, separator) is still written, because Material's search UI reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from material.plugins.search.plugin import SearchIndex, SearchPlugin


class ConfigOnlyIndex(SearchIndex):
    """Material's search index without entries: it writes only the ``config`` part."""

    def add_entry_from_context(self, page: Any) -> None:
        """Index nothing (our plugin writes the documents after the build)."""


def skip_page_indexing(plugins: Iterable[object]) -> bool:
    """Give Material's search plugin, if configured, an index that skips pages.

    Input: the configured plugin instances (``config.plugins.values()``), after Material's
    plugin has run its ``on_config``. Returns whether Material's search plugin was found.
    """
    found = False
    for plugin in plugins:
        if isinstance(plugin, SearchPlugin) and hasattr(plugin, "search_index"):
            plugin.search_index = ConfigOnlyIndex(**plugin.config)
            found = True
    return found


def offline_enabled(plugins: Iterable[object]) -> bool:
    """Whether Material's ``offline`` plugin is configured and enabled (a copy to open from disk:
    no directory URLs, Material's index inlined as ``search_index.js``, the worker in an iframe)."""
    from material.plugins.offline.plugin import OfflinePlugin

    return any(isinstance(plugin, OfflinePlugin) and plugin.config.enabled for plugin in plugins)
