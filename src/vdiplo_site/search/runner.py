"""Running ``engine.js`` from Python (embedded V8), for ``vdiplo-site search`` and the tests.

The site's worker and this runner execute the same engine source, so the terminal shows the
same results as the browser.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from py_mini_racer import JSPromise, JSPromiseError, JSTimeoutException, MiniRacer

from ..errors import BuildError, VdiploError
from .files import DATA, engine_source
from .shards import SearchIndex, build_index

_TAG = re.compile(r"<[^>]+>")
#: C0 controls, DEL and C1 controls (what a terminal may take for a command: ESC, CSI, BEL…),
#: and lone surrogates (which no terminal encoding can write).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def load_search_data(kb_dir: Path) -> dict[str, Any]:
    """The search data written with kb/ (``kb/search-data.json``).

    Raises:
        BuildError: the file is missing (kb/ not built yet) or not JSON.
    """
    path = kb_dir / DATA
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(path, "search data not found; run 'vdiplo-site build' first") from None
    except json.JSONDecodeError as exc:
        raise BuildError(path, f"search data is not valid JSON: {exc.msg}", exc.lineno) from None


@dataclass(frozen=True)
class Hit:
    """One search result.

    ``title`` and ``snippet`` are the engine's HTML with tags removed and entities decoded: the
    source's own text, control characters included (see :func:`visible` before printing them).

    Attributes:
        location: where it lands: a kb/ page path, with ``#anchor`` for a passage.
        title: the result's heading (section heading, page or entity name) as plain text.
        snippet: the matching text as plain text (marks removed, ``…`` where cut).
        score: the engine's score (higher is better; 100+ means every term matched).
    """

    location: str
    title: str
    snippet: str
    score: float


class SearchFailed(VdiploError):
    """The engine could not answer a query: a file of the index is missing, or no answer came
    within the runner's timeout. The message is the engine's (it names the file)."""


class SearchRunner:
    """The engine in an embedded V8, over the sharded index of search data (``kb/search-data.json``).

    The index is built in memory (:func:`~.shards.build_index`, documents located by their kb/
    page path) and its files handed to the engine by a loader reading them from memory: the
    same retrieval code as the site's worker, which fetches them.

    Args:
        data: the parsed search data (``{"version", "fold", "vocab", "docs"}``).
        index: an index already built from ``data`` (tests pass one with small files).
        timeout_s: how long a query may take (seconds) before :class:`SearchFailed`.
    """

    def __init__(self, data: dict[str, Any], index: SearchIndex | None = None, timeout_s: float = 60):
        index = index or build_index(data, lambda page: page)
        self.timeout_s = timeout_s
        self._v8 = MiniRacer()
        self._v8.eval(engine_source())
        files = {file.path: file.text for file in index.files}
        #: The index's files (paths relative to its folder).
        self.paths = tuple(files)
        self._v8.eval(
            f"var files = {json.dumps(files)}, loaded = [];"
            "function load(path) { loaded.push(path);"
            " if (!Object.prototype.hasOwnProperty.call(files, path)) throw new Error('no such file');"
            " return files[path]; }"
            f"var engine = VdiploSearch.createEngine({json.dumps(index.layout.as_json())}, load);"
        )

    def _await(self, js: str) -> Any:
        """The JSON value the promise ``js`` resolves to; :class:`SearchFailed` if it rejects."""
        promise = self._v8.eval(f"({js}).then(JSON.stringify)")
        if not isinstance(promise, JSPromise):
            raise TypeError(f"not a promise: {js}")
        try:
            return json.loads(str(promise.get(timeout=self.timeout_s)))
        except JSPromiseError as exc:
            message = str(exc).removeprefix("JavaScript rejected promise with reason: ").splitlines()[0]
            raise SearchFailed(None, message) from None
        except JSTimeoutException:
            raise SearchFailed(None, f"no answer within {self.timeout_s} s") from None

    def raw(self, query: str, limit: int = 60) -> dict[str, Any]:
        """The engine's own result (mkdocs-material's shape: ``{"items": [[item, …], …]}``)."""
        return self._await(f"engine.search({json.dumps(query)}, {int(limit)})")

    def segment(self, query: str) -> list[str]:
        """The terms the engine cuts ``query`` into (after folding, before any fallback)."""
        return self._await(f"engine.terms({json.dumps(query)}).then(ts => ts.map(t => t.term))")

    def loaded(self) -> list[str]:
        """The index files the engine has asked for so far, in order (paths relative to the
        index's folder; each once, unless loading it failed)."""
        return json.loads(str(self._v8.eval("JSON.stringify(loaded)")))

    def search(self, query: str, top: int = 10) -> list[Hit]:
        """The first ``top`` results in the order a reader sees them (group by group).

        A group's first item lands on its passage (``?p=`` in the site, ``#`` here).

        Raises:
            ValueError: ``top`` is less than 1.
        """
        if top < 1:
            raise ValueError(f"top must be 1 or more, not {top}")
        hits = []
        for group in self.raw(query)["items"]:
            for item in group:
                location = item["location"].replace("?p=", "#")
                hits.append(Hit(location, _plain(item["title"]), _plain(item["text"]), item["score"]))
        return hits[:top]


def _plain(markup: str) -> str:
    """The engine's escaped, marked-up text as plain text (tags removed, then entities decoded)."""
    return html.unescape(_TAG.sub("", markup))


def visible(text: str) -> str:
    """``text`` safe to print to a terminal: every control character (C0, DEL, C1; newline and
    tab too) and lone surrogate shown as a Python-style escape (ESC as the four characters
    ``\\x1b``, a lone surrogate as ``\\ud800``); all else unchanged.
    """
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)
