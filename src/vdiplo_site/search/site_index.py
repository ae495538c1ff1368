"""The site's search index and worker, made from the search data (renderer-specific glue).

mkdocs-material's page script loads ``search/search_index.json`` on every page and hands its
``config`` and ``docs`` to the search worker. Ours holds no documents: its ``config`` carries
the sharded index's layout (``config.vdiplo``, a few kilobytes), and the worker fetches the
index's other files from ``search/`` as queries need them (:mod:`.shards`).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import INDEX_DIR
from .shards import FOLDERS, IndexFile, SearchIndex

#: Material's index file, in the index's folder.
MATERIAL_INDEX = "search_index.json"


@dataclass(frozen=True)
class SiteIndex:
    """What the site's search needs besides the worker.

    Attributes:
        material: Material's ``search_index.json`` content (``{"config", "docs"}``).
        files: the sharded index's files (paths relative to ``site/search/``).
    """

    material: dict[str, Any]
    files: tuple[IndexFile, ...]


def with_material_config(index: SearchIndex, material_config: dict[str, Any]) -> SiteIndex:
    """Material's index shape holding our layout, and the sharded index's files.

    Args:
        index: the sharded index of the search data (:func:`.shards.build_index`, with each
            kb/ page's URL relative to the site root as a result's location).
        material_config: the ``config`` of the index Material's own plugin wrote (language,
            separator: kept, since Material's page highlighting reads them).

    Returns:
        Material's index with ``config.vdiplo`` (the layout) and no ``docs``; the files.
    """
    config = {**material_config, "vdiplo": index.layout.as_json()}
    return SiteIndex({"config": config, "docs": []}, index.files)


def write_site_index(site_dir: Path, index: SiteIndex) -> None:
    """Write ``index`` under ``site_dir/search/`` (Material's file is replaced), writing only
    the files whose text changed and removing the index's files it no longer has, so that an
    incremental build (MkDocs' dirty mode, on hard links to the previous site's files) keeps no
    file of an older index. A file is unlinked before it is written: never written through a
    link."""
    folder = site_dir / INDEX_DIR
    _write_changed(folder / MATERIAL_INDEX, _json(index.material))
    wanted = {folder / file.path for file in index.files}
    for name in FOLDERS:
        for path in (folder / name).rglob("*"):  # nothing when the folder is absent
            if path.is_file() and path not in wanted:
                path.unlink()
    for file in index.files:
        _write_changed(folder / file.path, file.text)


def _write_changed(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as a new file, unless ``path`` already holds it."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_bytes(data)


def index_url_from(worker: Path, site_dir: Path) -> str:
    """The URL of ``site_dir/search/`` relative to the worker script ``worker`` (in the site),
    ending in ``/`` (e.g. ``../../../search/``)."""
    relative = posixpath.relpath((site_dir / INDEX_DIR).as_posix(), worker.parent.as_posix())
    return relative + "/"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
