"""The search's file names and the engine's JavaScript source (no V8 loaded here).

The MkDocs plugin, the site index and the terminal runner all read these; only
:mod:`.runner` starts an embedded V8.
"""

from __future__ import annotations

from importlib.resources import files as package_files

#: The search data file written into kb/ (and kept out of the site by the plugin).
DATA = "search-data.json"
ENGINE = "engine.js"
WORKER = "worker.js"


def engine_source() -> str:
    """The JavaScript source of the search engine (shared by the site's worker and the runner)."""
    return (package_files("vdiplo_site.search") / ENGINE).read_text(encoding="utf-8")


def worker_source() -> str:
    """The site's search worker: the engine followed by the message-protocol wrapper."""
    wrapper = (package_files("vdiplo_site.search") / WORKER).read_text(encoding="utf-8")
    return engine_source() + "\n" + wrapper
