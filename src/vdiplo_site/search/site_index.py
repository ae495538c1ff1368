"""The site's search index and worker, made from the search data (renderer-specific glue).

mkdocs-material loads ``search/search_index.json`` and hands its ``config`` and ``docs`` to the
search worker; these functions give it our documents and our worker instead of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def site_index(
    data: dict[str, Any], material_config: dict[str, Any], page_url: Callable[[str], str]
) -> dict[str, Any]:
    """Material's index shape ``{"config", "docs"}`` holding our search data.

    Args:
        data: the search data (``kb/search-data.json``).
        material_config: the ``config`` of the index Material's own plugin wrote (language,
            separator: kept, since Material's page highlighting reads them).
        page_url: kb/ page path -> the page's URL relative to the site root.

    Returns:
        the index: ``config`` gains ``vdiplo`` (fold map and vocabulary); each doc gets its
        page's URL as ``location`` (anchors stay separate; the engine joins them).
    """
    docs = []
    for doc in data["docs"]:
        entry = {
            "location": page_url(doc["page"]),
            "anchor": doc["anchor"],
            "title": doc["title"],
            "text": doc["text"],
            "kind": doc["kind"],
        }
        for optional in ("names", "context"):
            if doc[optional]:
                entry[optional] = doc[optional]
        docs.append(entry)
    config = {
        **material_config,
        "vdiplo": {"version": data["version"], "fold": data["fold"], "vocab": data["vocab"]},
    }
    return {"config": config, "docs": docs}
