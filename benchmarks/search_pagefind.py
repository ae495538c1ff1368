"""Pagefind (extended) beside stock Material and ours in benchmarks/search_quality.py.

The stock site is copied and indexed with Pagefind's extended binary (the ``pagefind[extended]``
Python package: Chinese segmentation), each page's ``<article>`` as its content. In one
headless Chromium page, each query goes through Pagefind's own JavaScript API
(``pagefind.search``), timed from the call to the loaded data of the first ten results. A
result lands where Pagefind points: its best sub-result (a heading's anchor), else its page.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

from search_browser import SearchRun, SearchSession
from search_sites import Build, FileSize

ROOT_SELECTOR = "article"
INDEX_TIMEOUT_S = 600

_SEARCH = """async ([query, top]) => {
  const t0 = performance.now();
  const found = await window.__pf.search(query);
  const data = await Promise.all(found.results.slice(0, top).map(r => r.data()));
  const t1 = performance.now();
  const links = data.map(d => new URL((d.sub_results && d.sub_results[0] ? d.sub_results[0].url : d.url), location.href).href);
  return {latency: t1 - t0, links, count: found.results.length};
}"""


def pagefind_build(stock: Build) -> Build:
    """A copy of the stock site with a Pagefind index (``pagefind/``); raise if indexing fails."""
    site = stock.site.parent / "site-pagefind"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(stock.site, site)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", ROOT_SELECTOR]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=INDEX_TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{done.stdout}\n{done.stderr}")
    return Build("pagefind", stock.config, site, ("pagefind (extended)",))


def pagefind_files(site: Path) -> list[FileSize]:
    """Every file of the Pagefind bundle (``pagefind/``), with plain and gzip sizes (Pagefind's
    own index files are already compressed)."""
    sizes = []
    for path in sorted(p for p in (site / "pagefind").rglob("*") if p.is_file()):
        data = path.read_bytes()
        sizes.append(
            FileSize(path.relative_to(site).as_posix(), len(data), len(gzip.compress(data, compresslevel=6)))
        )
    return sizes


class PagefindSession(SearchSession):
    """One Chromium page on the Pagefind site, with Pagefind's API loaded instead of
    Material's search box (the rest as search_browser.SearchSession)."""

    def __init__(self, browser, base_url: str, top: int = 10) -> None:
        super().__init__(browser, base_url)
        self.top = top

    def open(self) -> None:
        """Load the home page and Pagefind's API."""
        self.page.goto(self.base_url + "/", wait_until="load")
        self.page.evaluate(
            "async () => { window.__pf = await import('/pagefind/pagefind.js'); await window.__pf.init(); }"
        )
        self.ready_ms = self.page.evaluate("performance.now()")

    def search(self, query: str) -> SearchRun:
        """Run ``query``; the links of its first results (rank 1 first)."""
        state = self.page.evaluate(_SEARCH, [query, self.top])
        meta = f"{state['count']} results" if state["count"] else "no results"
        return SearchRun(state["latency"], tuple(state["links"]), meta)
