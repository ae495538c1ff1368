"""The search's file names and the engine's JavaScript source (no V8 loaded here).

The MkDocs plugin, the site index and the terminal runner all read these; only
:mod:`.runner` starts an embedded V8.
"""

from __future__ import annotations

import json
from importlib.resources import files as package_files

#: The search data file written into kb/ (and kept out of the site by the plugin).
DATA = "search-data.json"
#: The engine's sources, in load order: the index reader, then the engine proper.
ENGINE = ("index.js", "engine.js")
WORKER = "worker.js"
#: The folder of the site (beside Material's search_index.json) that holds the index's files.
INDEX_DIR = "search"


def _source(name: str) -> str:
    return (package_files("vdiplo_site.search") / name).read_text(encoding="utf-8")


def engine_source() -> str:
    """The JavaScript source of the search engine (shared by the site's worker and the runner)."""
    return "\n".join(_source(name) for name in ENGINE)


def worker_source(index_url: str, inlined: dict[str, str] | None = None) -> str:
    """The site's search worker: the engine, then the message-protocol wrapper.

    Args:
        index_url: the URL of the index's folder relative to the worker script (e.g.
            ``../../../search/``), so that the site works under any base path.
        inlined: for a copy opened from disk (file://, where the worker cannot fetch), every
            file of the index's folder, path relative to it -> text; the worker reads these.
    """
    bundle = "" if inlined is None else f"var VDIPLO_FILES = {_script_json(inlined)};\n"
    return f"{engine_source()}\nvar VDIPLO_INDEX = {json.dumps(index_url)};\n{bundle}{_source(WORKER)}"


def _script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a script (no ``</script>``, no U+2028/U+2029)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
