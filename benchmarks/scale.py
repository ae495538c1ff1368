"""Benchmark: how the build and the site's search grow with the corpus (×1, ×10, ×50).

Usage: python benchmarks/scale.py [--factors 1 10 50] [--query 梅克爾] [--keep]

For each factor N, a scratch copy of the project holds every source N times: the original and
N-1 copies under new ids (``<id>-x<k>``, same text and digest, so the vocabulary does not grow).
`vdiplo-site -v build` runs on it in its own process and the benchmark prints:

* the build's wall and CPU seconds (user + system of the build process) and peak RSS;
* the time of each stage, as the build logs it (``vdiplo_site.stages``);
* kb/'s size and its largest page;
* what the browser downloads for search: every file under ``site/search/`` and the worker
  (raw and gzip), and, in headless Chromium (Debian's), the first search: time from opening
  the home page to the search box being ready, the query's latency, and the bytes the page
  fetched for search up to its first results.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

from search_browser import CHROMIUM, CHROMIUM_ARGS, SearchSession
from search_sites import search_files, serve

ROOT = Path(__file__).resolve().parents[1]
STAGE = re.compile(r"vdiplo_site\.stages: (.+?): (\d+\.\d+) s")


@dataclass(frozen=True)
class BuildFigures:
    """One build of a scaled corpus."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    stages: tuple[tuple[str, float], ...]
    kb_mb: float
    largest_page: tuple[str, int]


def scaled_project(scratch: Path, factor: int) -> Path:
    """A copy of the project whose manifest lists every source ``factor`` times."""
    project = scratch / f"x{factor}"
    shutil.copytree(ROOT / "sources", project / "sources")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    manifest = project / "sources" / "sources.yaml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    copies = [
        {**copy.deepcopy(entry), "id": f"{entry['id']}-x{k}", "label": f"{entry['label']} ({k})"}
        for k in range(2, factor + 1)
        for entry in data["sources"]
    ]  # deep: no YAML aliases
    data["sources"] += copies
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def build(project: Path) -> BuildFigures:
    """Run `vdiplo-site -v build` on ``project`` in its own process and measure it."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "vdiplo_site.cli", "--root", str(project), "-v", "build"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"build of {project} failed:\n{output[-3000:]}")
    pages = [
        (p.relative_to(project / "kb").as_posix(), p.stat().st_size) for p in (project / "kb").rglob("*.md")
    ]
    return BuildFigures(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
        stages=tuple((name, float(seconds)) for name, seconds in STAGE.findall(output)),
        kb_mb=sum(size for _, size in pages) / 1e6,
        largest_page=max(pages, key=lambda page: page[1]),
    )


def first_search(site: Path, query: str) -> tuple[float, float | None, int]:
    """(ms to a ready search box, ms of the first query, bytes fetched for search) in Chromium."""
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        session = SearchSession(browser, base_url)
        session.open()
        run = session.search(query)
        fetched = sum(
            size
            for url, size in session.downloads.items()
            if "/search/" in url or "/workers/" in url and size > 0
        )
        ready = session.ready_ms
        session.close()
        browser.close()
    return ready, run.latency_ms, fetched


def report(factor: int, figures: BuildFigures, site: Path, query: str) -> None:
    """Print the figures of one factor."""
    print(
        f"\n×{factor}: build {figures.wall_s:.1f} s wall, {figures.cpu_s:.1f} s CPU, "
        f"peak RSS {figures.peak_rss_mb:.0f} MB"
    )
    print("  stages: " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in figures.stages))
    print(
        f"  kb/: {figures.kb_mb:.1f} MB of Markdown; largest page {figures.largest_page[0]} "
        f"({figures.largest_page[1] / 1e6:.2f} MB)"
    )
    files = search_files(site)
    print(
        f"  search files: {sum(f.size for f in files) / 1e3:,.0f} KB raw, "
        f"{sum(f.gzip_size for f in files) / 1e3:,.0f} KB gzip ({len(files)} files)"
    )
    ready, latency, fetched = first_search(site, query)
    shown = f"{latency:.0f} ms" if latency is not None else "no result"
    print(
        f"  first search for {query!r} in Chromium: search ready {ready / 1e3:.2f} s after load, "
        f"query {shown}, {fetched / 1e3:,.0f} KB fetched for search"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--query", default="梅克爾")
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="vdiplo-scale-"))
    try:
        for factor in args.factors:
            project = scaled_project(scratch, factor)
            report(factor, build(project), project / "site", args.query)
            if not args.keep:
                shutil.rmtree(project)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
