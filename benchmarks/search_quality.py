"""Benchmark: search quality and speed of Material's own search ("stock") beside ours.

Usage: python benchmarks/search_quality.py [--limit-queries N] [--keep] [--json PATH]

Copies sources/, kb/ and mkdocs.yml to a temporary directory and builds two sites with
`mkdocs build --strict`: "ours" from mkdocs.yml as configured, "stock" from the same config with
the `vdiplo-search` plugin entry removed (until that plugin exists both are the same build); a
third, "pagefind", is the stock site indexed by Pagefind's extended binary and searched through
Pagefind's own API (search_pagefind.py; --no-pagefind leaves it out).
Each site is served on 127.0.0.1; in one headless Chromium page per site, every query of
benchmarks/search_queries.yaml is typed into Material's search box and the ranked result links
are read. A result at rank k succeeds when the query's `must` text is visible within the first
600 characters after the point the link lands on (see search_landing.py). Prints success@1,
success@10, MRR, per-kind success, latency (keyup to rendered results), queries without results,
the size of the search data, and the queries ours fails.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from search_browser import CHROMIUM, CHROMIUM_ARGS, SearchSession
from search_landing import Lander, Landing, normalise, succeeds
from search_pagefind import PagefindSession, pagefind_build, pagefind_files
from search_sites import Build, FileSize, build_both, copy_project, search_files, serve

ROOT = Path(__file__).resolve().parents[1]
QUERIES = Path(__file__).with_name("search_queries.yaml")
KINDS = (
    "concept",
    "person",
    "organisation",
    "place",
    "simplified",
    "english",
    "two-term",
    "fact",
    "mainland",
    "question",
    "english-phrase",
    "title",
)
TOP = 10


@dataclass(frozen=True)
class Query:
    """One benchmark query (see search_queries.yaml)."""

    text: str
    kind: str
    must: str
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    """One query on one build."""

    query: Query
    latency_ms: float | None
    """Keyup to rendered results; None when nothing was rendered within the timeout."""
    meta: str
    result_count: int
    """Number of result links rendered (all of them, not only the top 10)."""
    landings: tuple[Landing, ...]
    """The top-10 links resolved, rank 1 first."""
    hits: tuple[bool, ...]
    """Per rank: whether ``must`` is visible at the landing."""
    fetched_bytes: int = 0
    """Bytes of search files (under search/) the page fetched for this query (the page's
    cache keeps files fetched for earlier queries)."""

    @property
    def first_hit(self) -> int | None:
        """1-based rank of the first success in the top 10, or None."""
        return next((rank for rank, hit in enumerate(self.hits, 1) if hit), None)


@dataclass(frozen=True)
class Side:
    """Everything measured for one build."""

    build: Build
    outcomes: tuple[Outcome, ...]
    ready_ms: float
    """performance.now() when the search worker was ready (from navigation start)."""
    files: tuple[FileSize, ...]
    downloads: dict[str, int]
    anchors_missing: int


def load_queries(path: Path, limit: int | None) -> list[Query]:
    """Read and check the query file; raise ValueError naming the file and the bad entry."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    queries = []
    for number, entry in enumerate(entries, 1):
        query = Query(str(entry["query"]), entry["kind"], str(entry["must"]), entry.get("note", ""))
        if query.kind not in KINDS or not 2 <= len(query.must) <= 20 or not query.text.strip():
            raise ValueError(
                f"{path}: query {number} ({query.text!r}): kind must be one of {KINDS}, must 2-20 characters"
            )
        queries.append(query)
    return queries[:limit] if limit else queries


def musts_missing(site: Path, queries: list[Query]) -> list[Query]:
    """Queries whose ``must`` is on no page of ``site`` (a typo in the query file, or a kb change)."""
    pages = []
    for path in site.rglob("*.html"):
        text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
        pages.append(normalise(text))
    return [q for q in queries if not any(normalise(q.must) in page for page in pages)]


def run_query(session: SearchSession | PagefindSession, lander: Lander, query: Query) -> Outcome:
    before = len(session.responses)
    run = session.search(query.text)
    fetched = sum(max(n, 0) for url, n in session.responses[before:] if "/search/" in url)
    landings = tuple(lander.land(href) for href in run.links[:TOP])
    hits = tuple(succeeds(landing, query.must) for landing in landings)
    return Outcome(query, run.latency_ms, run.meta, len(run.links), landings, hits, fetched)


def follow(page, href: str) -> str:
    """Open ``href`` like a reader clicking it; return the fragment shown once it has loaded."""
    page.goto(href, wait_until="load", timeout=10_000)
    page.wait_for_timeout(50)
    return page.evaluate("location.hash.slice(1)")


def run_side(browser, build: Build, queries: list[Query], pagefind: bool = False) -> Side:
    """Serve one build and run every query in one page (through Pagefind's API if ``pagefind``)."""
    with serve(build.site) as base_url:
        session = PagefindSession(browser, base_url) if pagefind else SearchSession(browser, base_url)
        follower = browser.new_page()
        lander = Lander(base_url, lambda href: follow(follower, href))
        try:
            session.open()
            outcomes = []
            for query in queries:
                try:
                    outcomes.append(run_query(session, lander, query))
                except (PlaywrightError, OSError) as error:  # report, reopen the page, go on
                    print(
                        f"  [{build.name}] {query.text!r}: {type(error).__name__}: {error}", file=sys.stderr
                    )
                    outcomes.append(Outcome(query, None, "error", 0, (), ()))
                    session.recover()
            downloads = dict(session.downloads)
        finally:
            session.close()
            follower.close()
    missing = sum(landing.anchor_missing for o in outcomes for landing in o.landings)
    files = pagefind_files(build.site) if pagefind else search_files(build.site)
    return Side(build, tuple(outcomes), session.ready_ms, tuple(files), downloads, missing)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def metrics(outcomes: tuple[Outcome, ...]) -> dict[str, float]:
    """success@1, success@10 and MRR over ``outcomes``."""
    n = len(outcomes) or 1
    return {
        "success@1": sum(o.first_hit == 1 for o in outcomes) / n,
        "success@10": sum(o.first_hit is not None for o in outcomes) / n,
        "MRR": sum(1 / o.first_hit for o in outcomes if o.first_hit) / n,
    }


def summary(side: Side) -> dict[str, object]:
    """The figures printed for one build."""
    latencies = [o.latency_ms for o in side.outcomes if o.latency_ms is not None]
    figures: dict[str, object] = dict(metrics(side.outcomes))
    for kind in KINDS:
        of_kind = tuple(o for o in side.outcomes if o.query.kind == kind)
        if of_kind:
            kind_metrics = metrics(of_kind)
            figures[f"{kind} (n={len(of_kind)}) @1 / @10"] = (
                kind_metrics["success@1"],
                kind_metrics["success@10"],
            )
    figures["latency median (ms)"] = statistics.median(latencies) if latencies else math.nan
    figures["latency p90 (ms)"] = percentile(latencies, 0.9) if latencies else math.nan
    figures["queries with no results"] = sum(
        o.result_count == 0 and o.latency_ms is not None for o in side.outcomes
    )
    figures["timeouts / errors"] = sum(o.latency_ms is None for o in side.outcomes)
    fetched = [float(o.fetched_bytes) for o in side.outcomes if o.latency_ms is not None]
    figures["search files fetched per query, median (KB)"] = (
        statistics.median(fetched) / 1e3 if fetched else math.nan
    )
    figures["search files fetched per query, max (KB)"] = max(fetched) / 1e3 if fetched else math.nan
    figures["search ready after load (ms)"] = side.ready_ms
    figures["links to missing anchors"] = side.anchors_missing
    return figures


def cell(value: object) -> str:
    if isinstance(value, tuple):
        return " / ".join(cell(v) for v in value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else (f"{value:.2f}" if value <= 1 else f"{value:.0f}")
    return str(value)


def print_table(*sides: Side) -> None:
    figures = [summary(side) for side in sides]
    width = max(len(k) for k in figures[0]) + 2
    print(f"\n{'':{width}}" + "".join(f"{side.build.name:>16}" for side in sides))
    for key in figures[0]:
        print(f"{key:{width}}" + "".join(f"{cell(f.get(key, '')):>16}" for f in figures))
    size = {side.build.name: sum(f.gzip_size for f in side.files) for side in sides}
    p90 = {side.build.name: figures[k]["latency p90 (ms)"] for k, side in enumerate(sides)}
    print(
        f"\nours / stock: gzipped search data {size['ours'] / size['stock']:.2f}x, "
        f"latency p90 {float(str(p90['ours'])) / float(str(p90['stock'])):.2f}x"
    )
    for side in sides:
        print(f"\nSearch data, {side.build.name} (plugins: {', '.join(side.build.plugins)}):")
        groups: dict[str, list[FileSize]] = {}
        for file in side.files:
            folder = file.path.rsplit("/", 1)[0] + "/*" if file.path.count("/") >= 2 else file.path
            groups.setdefault(folder, []).append(file)
        for folder, files in groups.items():
            shown = files[0].path if len(files) == 1 else f"{folder} ({len(files)} files)"
            print(
                f"  {shown:60} {sum(f.size for f in files):>10,} B {sum(f.gzip_size for f in files):>10,} B gzip"
            )
        print(
            f"  {'total':60} {sum(f.size for f in side.files):>10,} B "
            f"{sum(f.gzip_size for f in side.files):>10,} B gzip"
        )
        fetched: dict[str, list[int]] = {}
        for url, downloaded in side.downloads.items():
            if "search" in url.lower() or re.search(r"\.(json|bin|wasm|dat|txt|gz)(\?|$)", url):
                path = url.split("/", 3)[-1]
                folder = path.rsplit("/", 1)[0] + "/*" if path.count("/") >= 2 else path
                fetched.setdefault(folder, []).append(max(downloaded, 0))
        for folder, sizes in sorted(fetched.items()):
            print(f"  downloaded by the page: {folder:45} {sum(sizes):>10,} B in {len(sizes)} files")


def print_failures(side: Side) -> None:
    failed = [o for o in side.outcomes if o.first_hit is None]
    print(
        f"\nFailures of {side.build.name} ({len(failed)} of {len(side.outcomes)}): "
        "query | kind | must | top-3 landings"
    )
    for o in failed:
        top = ", ".join(landing.url for landing in o.landings[:3]) or f"({o.meta or 'no results'})"
        print(f"  {o.query.text} | {o.query.kind} | {o.query.must} | {top}")


def write_json(path: Path, sides: tuple[Side, ...]) -> None:
    data = {
        side.build.name: {
            "plugins": side.build.plugins,
            "summary": summary(side),
            "files": [asdict(f) for f in side.files],
            "downloads": side.downloads,
            "queries": [
                {
                    "query": o.query.text,
                    "kind": o.query.kind,
                    "must": o.query.must,
                    "latency_ms": o.latency_ms,
                    "meta": o.meta,
                    "results": o.result_count,
                    "first_hit": o.first_hit,
                    "landings": [asdict(x) for x in o.landings],
                }
                for o in side.outcomes
            ],
        }
        for side in sides
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def run(args: argparse.Namespace) -> None:
    queries = load_queries(args.queries, args.limit_queries)
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="vdiplo-search-bench-"))
    stock, ours = build_both(copy_project(ROOT, scratch))
    pagefind = None if args.no_pagefind else pagefind_build(stock)
    print(f"Built the sites in {time.perf_counter() - started:.1f} s under {scratch}")
    if "vdiplo-search" not in ours.plugins:
        print("Note: mkdocs.yml lists no vdiplo-search plugin yet, so ours is the stock build.")
    for query in musts_missing(ours.site, queries):
        print(f"Warning: must {query.must!r} of {query.text!r} is on no page of ours", file=sys.stderr)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            sides: tuple[Side, ...] = (run_side(browser, stock, queries), run_side(browser, ours, queries))
            if pagefind is not None:
                sides += (run_side(browser, pagefind, queries, pagefind=True),)
        finally:
            browser.close()
    print_table(*sides)
    print_failures(sides[1])
    if args.json:
        write_json(args.json, sides)
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"\n{len(queries)} queries, total {time.perf_counter() - started:.1f} s"
        + (f"; kept {scratch}" if args.keep else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=("example: python benchmarks/search_quality.py --limit-queries 20 --json /tmp/search.json"),
    )
    parser.add_argument("--limit-queries", type=int, metavar="N", help="run only the first N queries")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy and the sites")
    parser.add_argument(
        "--no-pagefind", action="store_true", help="leave out Pagefind (pip install 'pagefind[extended]')"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write all results as JSON")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="query file (default: %(default)s)")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
