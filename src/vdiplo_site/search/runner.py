"""Running ``engine.js`` from Python (embedded V8), for ``vdiplo-site search`` and the tests.

The site's worker and this runner execute the same engine source, so the terminal shows the
same results as the browser.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from py_mini_racer import MiniRacer

from ..errors import BuildError
from .files import DATA, engine_source

_TAG = re.compile(r"<[^>]+>")


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

    Attributes:
        location: where it lands: a kb/ page path, with ``#anchor`` for a passage.
        title: the result's heading (section heading, page or entity name).
        snippet: the matching text as plain text (marks removed, ``…`` where cut).
        score: the engine's score (higher is better; 100+ means every term matched).
    """

    location: str
    title: str
    snippet: str
    score: float


class SearchRunner:
    """The engine loaded with search data (``kb/search-data.json``) in an embedded V8.

    Args:
        data: the parsed search data (``{"fold", "vocab", "docs"}``); each doc's location is
            its kb/ page path.
    """

    def __init__(self, data: dict[str, Any]):
        self._v8 = MiniRacer()
        self._v8.eval(engine_source())
        docs = [{**doc, "location": doc["page"]} for doc in data["docs"]]
        config = {"fold": data["fold"], "vocab": data["vocab"]}
        self._v8.eval(f"var engine = VdiploSearch.createEngine({json.dumps(config)}, {json.dumps(docs)});")

    def raw(self, query: str, limit: int = 60) -> dict[str, Any]:
        """The engine's own result (mkdocs-material's shape: ``{"items": [[item, …], …]}``)."""
        return json.loads(
            str(self._v8.eval(f"JSON.stringify(engine.search({json.dumps(query)}, {int(limit)}))"))
        )

    def segment(self, query: str) -> list[str]:
        """The terms the engine cuts ``query`` into (after folding)."""
        js = f"JSON.stringify(engine.segment(engine.fold({json.dumps(query)})).map(t => t.term))"
        return json.loads(str(self._v8.eval(js)))

    def search(self, query: str, top: int = 10) -> list[Hit]:
        """The first ``top`` results in the order a reader sees them (group by group).

        A group's first item lands on its passage (``?p=`` in the site, ``#`` here).
        """
        hits = []
        for group in self.raw(query)["items"]:
            for item in group:
                location = item["location"].replace("?p=", "#")
                text = _TAG.sub("", item["text"]).replace("&lt;", "<").replace("&gt;", ">")
                text = text.replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")
                hits.append(Hit(location, _TAG.sub("", item["title"]), text, item["score"]))
        return hits[:top]
