"""Benchmark: how the build and the site's search grow with the corpus (×1, ×10, ×50).

Usage: python benchmarks/scale.py [--factors 1 10 50] [--query 梅克爾 …] [--no-search] [--keep]
       python benchmarks/scale.py --sites SITE… [--query …]   (search figures of kept builds)

For each factor N, a scratch copy of the project holds every source N times: the original and
N-1 copies under new ids (``<id>-x<k>``, same text and digest, so the vocabulary does not grow).
`vdiplo-site -v build` runs on it in its own process and the benchmark prints:

* the build's wall and CPU seconds (user + system of the build process) and peak RSS;
* the time of each stage, as the build logs it (``vdiplo_site.stages``);
* kb/'s size and its largest page;
* a rebuild after one changed source (:func:`edit_one_source`: one sentence added to the last
  copy of one source): its wall time and each stage's, and their share of the full build's;
* the search files on disk: every file under ``site/search/`` and the worker (raw and gzip);
* in headless Chromium (Debian's), for each of a handful of queries of different kinds (a rare
  name, a frequent word, two terms, Simplified, English, a fact with a number), typed as the
  first query into a freshly opened page with an empty cache: the time from the start of the
  page's navigation to the first results, the keystroke-to-results latency, the bytes of search
  files every page fetches (the worker and ``search_index.json``) and the bytes of the files
  under ``search/`` the query needed; then the median and maximum over the queries.
  Bytes are Content-Length as served (uncompressed: the benchmark's server does not gzip).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
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

from search_browser import CHROMIUM, CHROMIUM_ARGS, FirstQuery, first_query, median_and_max
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


#: The source that :func:`edit_one_source` changes (its last copy), and the sentence it adds.
EDITED_SOURCE = "wikipedia-value-based-diplomacy"
ADDED_SENTENCE = "本句為基準測試所加。"


def edit_one_source(project: Path, factor: int) -> str:
    """Change one source of a scaled project as an editor would: add a sentence after the first
    full stop of the last copy of :data:`EDITED_SOURCE` (a file of its own, so the other copies
    keep their text), and record the new digest in the manifest. Returns the edited source's id.
    """
    manifest = project / "sources" / "sources.yaml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    source_id = EDITED_SOURCE if factor == 1 else f"{EDITED_SOURCE}-x{factor}"
    entry = next(e for e in data["sources"] if e["id"] == source_id)
    text = (project / "sources" / entry["file"]).read_text(encoding="utf-8")
    edited = text.replace("。", "。" + ADDED_SENTENCE, 1).encode("utf-8")
    entry["file"] = f"edited-{entry['file']}"
    (project / "sources" / entry["file"]).write_bytes(edited)
    entry["sha256"] = hashlib.sha256(edited).hexdigest()
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return source_id


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


#: The queries timed at every factor: (kind, query).
QUERIES = (
    ("rare name", "麻生太郎"),
    ("frequent word", "台灣"),
    ("two terms", "台日 安全合作"),
    ("Simplified", "价值外交"),
    ("English", "Five Eyes"),
    ("fact, number", "1971年 退出聯合國"),
)


def first_queries(site: Path, queries: tuple[tuple[str, str], ...]) -> list[FirstQuery]:
    """Each query typed as the first one into a freshly opened page (empty cache), in Chromium."""
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            return [first_query(browser, base_url, query) for _, query in queries]
        finally:
            browser.close()


def report(factor: int, figures: BuildFigures, site: Path, queries: tuple[tuple[str, str], ...]) -> None:
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
    if queries:
        report_search(site, queries)


def report_rebuild(full: BuildFigures, rebuild: BuildFigures, source_id: str) -> None:
    """Print the rebuild after one changed source beside the full build, as a share of it."""
    print(
        f"  rebuild after one changed source ({source_id}): {rebuild.wall_s:.1f} s wall "
        f"({rebuild.wall_s / full.wall_s:.0%} of the full build's {full.wall_s:.1f} s), "
        f"{rebuild.cpu_s:.1f} s CPU ({rebuild.cpu_s / full.cpu_s:.0%} of {full.cpu_s:.1f} s), "
        f"peak RSS {rebuild.peak_rss_mb:.0f} MB"
    )
    before = dict(full.stages)
    print(
        "  rebuild stages (share of the full build's): "
        + ", ".join(
            f"{name} {seconds:.1f} ({seconds / before[name]:.0%})"
            if before.get(name)
            else f"{name} {seconds:.1f}"
            for name, seconds in rebuild.stages
        )
    )


def report_search(site: Path, queries: tuple[tuple[str, str], ...]) -> None:
    """Print the search figures of one built site."""
    files = search_files(site)
    print(
        f"  search files: {sum(f.size for f in files) / 1e3:,.0f} KB raw, "
        f"{sum(f.gzip_size for f in files) / 1e3:,.0f} KB gzip ({len(files)} files)"
    )
    runs = first_queries(site, queries)
    print("  first query after opening the page (Chromium, empty cache):")
    print(
        f"    {'kind':14} {'query':18} {'found':>5} {'first result':>12} {'latency':>8} {'page KB':>8} {'query KB':>9} files"
    )
    for (kind, _), run in zip(queries, runs, strict=True):
        print(
            f"    {kind:14} {run.query:18} {'yes' if run.found else 'NO':>5} {run.first_result_ms / 1e3:>10.2f} s"
            f" {run.latency_ms:>6.0f} ms {run.page_bytes / 1e3:>8.1f} {run.query_bytes / 1e3:>9.1f} {run.query_files:>5}"
        )
    total = [float(r.page_bytes + r.query_bytes) for r in runs]
    query = [float(r.query_bytes) for r in runs]
    first = [r.first_result_ms for r in runs]
    print(
        "    median / max: bytes per query (with the page's search files) {:,.0f} / {:,.0f} KB;".format(
            *(x / 1e3 for x in median_and_max(total))
        )
        + " query files only {:,.0f} / {:,.0f} KB; first result {:.2f} / {:.2f} s".format(
            *(x / 1e3 for x in median_and_max(query)), *(x / 1e3 for x in median_and_max(first))
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--query", nargs="+", help="time these queries instead of the default ones")
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects")
    parser.add_argument("--no-search", action="store_true", help="skip the search figures (Chromium)")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the rebuild after one changed source")
    parser.add_argument(
        "--sites",
        type=Path,
        nargs="+",
        help="measure the search of these built sites (kept with --keep) only",
    )
    args = parser.parse_args()
    queries = tuple(("query", q) for q in args.query) if args.query else QUERIES
    if args.no_search:
        queries = ()
    if args.sites:
        for site in args.sites:
            print(f"\n{site}:")
            report_search(site, queries)
        return
    scratch = Path(tempfile.mkdtemp(prefix="vdiplo-scale-"))
    try:
        for factor in args.factors:
            project = scaled_project(scratch, factor)
            full = build(project)
            report(factor, full, project / "site", queries)
            if not args.no_rebuild:
                source_id = edit_one_source(project, factor)
                report_rebuild(full, build(project), source_id)
            if not args.keep:
                shutil.rmtree(project)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print(f"\nkept {scratch}")


if __name__ == "__main__":
    main()
