"""Benchmark: time of each build stage and of the whole build, beside a plain `mkdocs build`.

Usage: python benchmarks/build_stages.py [--runs N]

Prints, for the real sources, the median over N runs (default 3) of: reading (manifest, bytes
checks, readers), normalisation (steps + passage ids), mentions (gazetteer, tokenizer, matching),
writing (rendering kb/ pages and search data, staging them on disk), MkDocs (strict build of the staged kb/), and the total; then, each in its own process
(imports and jieba's start-up included), `vdiplo-site build` on a copy of the project beside a
plain `mkdocs build --strict` of the same committed kb/ with the same mkdocs.yml.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vdiplo_site.entities.gazetteer import load_gazetteer
from vdiplo_site.manifest import load_manifest
from vdiplo_site.pipeline import (
    Project,
    link_entities,
    normalise_documents,
    read_documents,
    render_kb,
    run_mkdocs,
)
from vdiplo_site.writer.tree import stage_tree

ROOT = Path(__file__).resolve().parents[1]


def one_build(project: Project, scratch: Path) -> dict[str, float]:
    """Run the pipeline's stages once, writing into ``scratch``; return seconds per stage."""
    times = {}
    start = time.perf_counter()
    specs = load_manifest(project.manifest)
    documents = read_documents(specs)
    times["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    documents = normalise_documents(documents)
    times["normalise"] = time.perf_counter() - mark
    mark = time.perf_counter()
    kb = link_entities(documents, load_gazetteer(project.gazetteer, frozenset(s.id for s in specs)))
    times["mentions"] = time.perf_counter() - mark
    mark = time.perf_counter()
    staged = stage_tree(render_kb(kb), scratch, "kb-")
    times["write"] = time.perf_counter() - mark
    mark = time.perf_counter()
    run_mkdocs(project.mkdocs_config, staged, scratch / f"site-{staged.name}")
    times["mkdocs"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    return times


def plain_mkdocs(project: Project, scratch: Path) -> float:
    """Seconds of `mkdocs build --strict` on the committed kb/ (a separate process)."""
    site = scratch / f"plain-{time.monotonic_ns()}"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                    str(project.mkdocs_config), "-d", str(site)], check=True, cwd=project.root)
    return time.perf_counter() - start


def whole_cli(project: Project, scratch: Path) -> float:
    """Seconds of `vdiplo-site build` in its own process, on a copy of the project."""
    copy = scratch / f"project-{time.monotonic_ns()}"
    shutil.copytree(project.root / "sources", copy / "sources")
    shutil.copy(project.mkdocs_config, copy / "mkdocs.yml")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vdiplo_site.cli", "--root", str(copy), "build"], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    project = Project(ROOT)
    scratch = Path(tempfile.mkdtemp(prefix="vdiplo-bench-"))
    try:
        one_build(project, scratch)  # warm-up: jieba's dictionary cache, imports
        runs = [one_build(project, scratch) for _ in range(args.runs)]
        plain = [plain_mkdocs(project, scratch) for _ in range(args.runs)]
        cli = [whole_cli(project, scratch) for _ in range(args.runs)]
    finally:
        shutil.rmtree(scratch)
    print(f"build stages, median of {args.runs} runs (seconds)")
    for stage in ("read", "normalise", "mentions", "write", "mkdocs", "total"):
        print(f"  {stage:<10} {statistics.median(run[stage] for run in runs):8.3f}")
    print("whole commands in their own process, median (seconds)")
    print(f"  vdiplo-site build                    {statistics.median(cli):8.3f}")
    print(f"  plain mkdocs build of the same kb/   {statistics.median(plain):8.3f}")


if __name__ == "__main__":
    main()
