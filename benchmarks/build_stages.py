"""Benchmark: time of each build stage and of the whole build, beside a plain `mkdocs build`.

Usage: python benchmarks/build_stages.py [--runs N]

Prints, for the real sources, the median over N runs (default 3) of each stage of
`vdiplo_site.build.build` on a copy of the project, as the build itself logs them (gather's
manifest, gazetteer, read, normalise, mentions and lookups; then render, stage kb, mkdocs,
replace) and the total; then, each in its own process (imports and jieba's start-up included),
`vdiplo-site build` on a copy of the project beside a plain `mkdocs build --strict` of the same
committed kb/ with the same mkdocs.yml.
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

from vdiplo_site.build import build
from vdiplo_site.project import Project
from vdiplo_site.stages import StageTimes

ROOT = Path(__file__).resolve().parents[1]


def copy_project(project: Project, scratch: Path) -> Path:
    """A fresh copy of the project's inputs (sources, mkdocs.yml) inside ``scratch``."""
    copy = scratch / f"project-{time.monotonic_ns()}"
    shutil.copytree(project.root / "sources", copy / "sources")
    shutil.copy(project.mkdocs_config, copy / "mkdocs.yml")
    return copy


def one_build(project: Project, scratch: Path) -> dict[str, float]:
    """Build a copy of the project once in this process; return seconds per logged stage."""
    copy = copy_project(project, scratch)
    start = time.perf_counter()
    with StageTimes.collect() as collected:
        build(Project(copy))
    times = dict(collected.times)
    times["total"] = time.perf_counter() - start
    return times


def plain_mkdocs(project: Project, scratch: Path) -> float:
    """Seconds of `mkdocs build --strict` on the committed kb/ (a separate process)."""
    site = scratch / f"plain-{time.monotonic_ns()}"
    start = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    subprocess.run(
        [*command, "-f", str(project.mkdocs_config), "-d", str(site)], check=True, cwd=project.root
    )
    return time.perf_counter() - start


def whole_cli(project: Project, scratch: Path) -> float:
    """Seconds of `vdiplo-site build` in its own process, on a copy of the project."""
    copy = copy_project(project, scratch)
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
    for stage in runs[0]:
        print(f"  {stage:<10} {statistics.median(run[stage] for run in runs):8.3f}")
    print("whole commands in their own process, median (seconds)")
    print(f"  vdiplo-site build                    {statistics.median(cli):8.3f}")
    print(f"  plain mkdocs build of the same kb/   {statistics.median(plain):8.3f}")


if __name__ == "__main__":
    main()
