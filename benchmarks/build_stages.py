"""Benchmark: time of each build stage and of the whole build, beside a plain `mkdocs build`.

Usage: python benchmarks/build_stages.py [--runs N]

Prints, for the real sources, the median over N runs (default 3) of each stage of
`vdiplo_site.build.build` on a copy of the project, as the build itself logs them (gather's
manifest, gazetteer, read, normalise, mentions and lookups; then render, stage kb, mkdocs,
replace) and the total; then, each in its own process (imports and jieba's start-up included),
`vdiplo-site build` on a copy of the project beside a plain `mkdocs build --strict` of the same
committed kb/ with stock Material search (mkdocs.yml without our plugins: Material's search
plugin segments every page with jieba), in wall and CPU seconds, and the ratio of the two
(the goal: at most 0.6).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

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


#: Our MkDocs plugins, left out of the stock configuration.
OUR_PLUGINS = ("vdiplo-search", "vdiplo-titles")


def stock_config(project: Project, scratch: Path) -> Path:
    """``mkdocs.yml`` without our plugins (Material's own search indexes every page), reading
    the committed kb/."""
    config = yaml.safe_load(project.mkdocs_config.read_text(encoding="utf-8"))
    config["plugins"] = [
        plugin
        for plugin in config["plugins"]
        if (plugin if isinstance(plugin, str) else next(iter(plugin))) not in OUR_PLUGINS
    ]
    config["docs_dir"] = str(project.kb_dir)
    path = scratch / "stock-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run ``command``; return its wall and CPU (user + system, its children's included) seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def plain_mkdocs(project: Project, scratch: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `mkdocs build --strict` with stock Material search on the
    committed kb/ (a separate process)."""
    site = scratch / f"plain-{time.monotonic_ns()}"
    config = stock_config(project, scratch)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    return timed([*command, "-f", str(config), "-d", str(site)], cwd=project.root)


def whole_cli(project: Project, scratch: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `vdiplo-site build -q` in its own process, on a fresh copy of the
    project (no build cache, no previous site: a full build)."""
    copy = copy_project(project, scratch)
    return timed([sys.executable, "-m", "vdiplo_site.cli", "--root", str(copy), "build", "-q"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    project = Project(ROOT)
    scratch = Path(tempfile.mkdtemp(prefix="vdiplo-bench-"))
    try:
        one_build(project, scratch)  # warm-up: jieba's dictionary cache, imports
        runs = [one_build(project, scratch) for _ in range(args.runs)]
        plain, cli = [], []
        for _ in range(args.runs):  # side by side, alternating, so that load affects both alike
            plain.append(plain_mkdocs(project, scratch))
            cli.append(whole_cli(project, scratch))
    finally:
        shutil.rmtree(scratch)
    print(f"build stages, median of {args.runs} runs (seconds)")
    for stage in runs[0]:
        print(f"  {stage:<10} {statistics.median(run[stage] for run in runs):8.3f}")
    print("whole commands in their own process, median (seconds)          wall      CPU")
    ours = [statistics.median(times) for times in zip(*cli, strict=True)]
    stock = [statistics.median(times) for times in zip(*plain, strict=True)]
    print(f"  vdiplo-site build (full)                              {ours[0]:8.3f} {ours[1]:8.3f}")
    print(f"  plain mkdocs build, stock Material search, same kb/   {stock[0]:8.3f} {stock[1]:8.3f}")
    print(
        f"  ratio (goal: at most 0.6)                             {ours[0] / stock[0]:8.2f} {ours[1] / stock[1]:8.2f}"
    )


if __name__ == "__main__":
    main()
