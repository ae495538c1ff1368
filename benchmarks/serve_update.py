"""Benchmark: from saving a gazetteer edit to the open page showing it, under `vdiplo-site serve`.

Usage: python benchmarks/serve_update.py [--edits N] [--kind english|alias] [--no-browser]

Copies the project's inputs (sources/, mkdocs.yml, and kb/ so that the first build links its
unchanged files) into a temporary folder, starts `vdiplo-site serve` there on a free port of
127.0.0.1, waits until it serves, opens the entity page of Australia in headless Chromium
(Debian's /usr/bin/chromium through Playwright, as the browser tests launch it; skipped with
--no-browser or when it is not installed) and then, N times (default 5), edits Australia's
gazetteer entry (``english``: a new English name; ``alias``: a new alias the texts never write,
which changes the tokenizer, so every source is matched again) and measures, from the moment the
file is written:

- build start: when serve printed that it is building (the watcher's delay);
- each build stage, as serve prints it, and the build's own total;
- served: when the page's HTML fetched from the server first holds the edit;
- browser: when the open page (reloaded by MkDocs' livereload) shows the edit in its DOM;
- serve cpu: the CPU time serve and its workers used meanwhile (rebuild, reloaded page), which
  other work on the machine does not change as it changes the wall-clock figures.

Prints each edit's figures and the median of each, with the machine's load (``uptime``), since
other work may share the cores. The goal: browser at most 3 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from search_browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = Path("sources/gazetteer/countries.yaml")
PAGE = "countries/australia/"
ENTRY = "- id: australia\n  name: 澳洲\n  english: Australia\n  aliases: [澳大利亞, Australia]\n"
STAGE = re.compile(r"^  (\S+(?: \S+)?)\s+([0-9.]+) s")
TIMEOUT = 120.0
#: Seconds between one edit showing and the next (a person reads the page before editing again;
#: serve removes the trees a rebuild replaced a second after it).
PAUSE = 3.0


class ServeLog:
    """The lines a running serve prints (stdout and stderr), each with when it arrived."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        assert process.stdout is not None
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            with self.lock:
                self.lines.append((time.monotonic(), line.rstrip("\n")))

    def since(self, start: float) -> list[tuple[float, str]]:
        """The lines that arrived at or after ``start``."""
        with self.lock:
            return [(t, line) for t, line in self.lines if t >= start]

    def wait_for(self, pattern: str, start: float, timeout: float = TIMEOUT) -> tuple[float, re.Match]:
        """The first line after ``start`` (monotonic seconds) matching ``pattern``, and when it
        came. Raises SystemExit, with serve's last lines, after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for when, line in self.since(start):
                if match := re.search(pattern, line):
                    return when, match
            time.sleep(0.02)
        tail = "\n".join(line for _, line in self.since(0)[-20:])
        raise SystemExit(f"serve never printed {pattern!r}; its last lines:\n{tail}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 free now (another process may take it before serve binds it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_project(scratch: Path) -> Path:
    """The project's inputs and its kb/, copied into ``scratch``."""
    copy = scratch / "project"
    shutil.copytree(ROOT / "sources", copy / "sources")
    shutil.copytree(ROOT / "kb", copy / "kb")
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    return copy


def edited_entry(kind: str, marker: str) -> str:
    """Australia's gazetteer entry with ``marker`` in a new English name or a new alias."""
    if kind == "english":
        return ENTRY.replace("english: Australia\n", f"english: Australia {marker}\n")
    return ENTRY.replace("aliases: [澳大利亞, Australia]", f"aliases: [澳大利亞, Australia, 澳洲{marker}]")


def served_after(url: str, marker: str, start: float) -> float:
    """Seconds from ``start`` until the HTML served at ``url`` holds ``marker`` (the server holds
    a request back while a rebuild is running, so this is when the new page is served).
    Raises SystemExit after :data:`TIMEOUT` seconds."""
    while time.monotonic() < start + TIMEOUT:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            if marker in response.read().decode("utf-8"):
                return time.monotonic() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {marker!r}")


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) the process ``pid`` and its ended children (the workers it
    forks) have used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(n) for n in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def one_edit(project: Path, log: ServeLog, url: str, page, kind: str, n: int, pid: int) -> dict[str, float]:
    """Make edit number ``n`` and measure it (see the module docstring); ``page``: the open
    Playwright page, or ``None``."""
    marker = f"Edit{n}x{os.getpid()}"
    path = project / GAZETTEER
    text = path.read_text(encoding="utf-8")
    current = re.search(r"- id: australia\n(?:  .*\n)+", text)
    assert current is not None, "Australia's entry not found"
    new = text.replace(current[0], edited_entry(kind, marker))
    figures: dict[str, float] = {}
    result: dict[str, float] = {}
    cpu = cpu_seconds(pid)
    start = time.monotonic()
    path.write_text(new, encoding="utf-8")
    fetcher = threading.Thread(target=lambda: result.update(served=served_after(url + PAGE, marker, start)))
    fetcher.start()
    if page is not None:
        needle = marker if kind == "english" else f"澳洲{marker}"
        page.wait_for_function(
            "n => document.body !== null && document.body.innerText.includes(n)",
            arg=needle,
            timeout=TIMEOUT * 1000,
        )
        result["browser"] = time.monotonic() - start
    fetcher.join()
    began, _ = log.wait_for(r"^building kb/", start)
    ended, match = log.wait_for(r"^built kb/ and site/ in ([0-9.]+) s", start)
    figures["build start"] = began - start
    for when, line in log.since(start):
        if when <= ended and (stage := STAGE.match(line)):
            figures[stage[1]] = float(stage[2])
    figures["build"] = float(match[1])
    figures["serve cpu"] = cpu_seconds(pid) - cpu
    figures["served"] = result["served"]
    if "browser" in result:
        figures["browser"] = result["browser"]
    for when, line in log.since(start):
        if line.startswith("vdiplo-site:"):
            print(f"  serve said: {line}")
    return figures


def main() -> None:
    """Time ``--edits`` gazetteer edits under ``vdiplo-site serve`` and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5, help="edits to time (default 5)")
    parser.add_argument("--kind", choices=("english", "alias"), default="english")
    parser.add_argument("--no-browser", action="store_true", help="time the served HTML only")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="vdiplo-serve-bench-"))
    project = copy_project(scratch)
    path = project / GAZETTEER
    assert ENTRY in path.read_text(encoding="utf-8"), "Australia's entry is not as this benchmark expects"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "vdiplo_site.cli", "--root", str(project), "serve"]
    process = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    log = ServeLog(process)
    playwright = browser = None
    try:
        began = time.monotonic()
        _, match = log.wait_for(r"serving site/ on (\S+)", 0, timeout=600)
        url = match[1]
        print(f"first build and start: {time.monotonic() - began:.1f} s; serving {url}")
        page = None
        if not args.no_browser and Path(CHROMIUM).exists():
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            page.goto(url + PAGE)
        runs = []
        for n in range(args.edits):
            time.sleep(PAUSE)
            figures = one_edit(project, log, url, page, args.kind, n, process.pid)
            runs.append(figures)
            print(f"edit {n + 1} ({args.kind}): " + ", ".join(f"{k} {v:.2f} s" for k, v in figures.items()))
        names = [name for name in runs[0] if all(name in run for run in runs)]
        print(f"median of {len(runs)} edits ({args.kind}):")
        for name in names:
            print(f"  {name:<12} {statistics.median(run[name] for run in runs):6.2f} s")
        load = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
        print(f"machine: {os.cpu_count()} cores; uptime: {load}")
    finally:
        if browser is not None:
            browser.close()
        if playwright is not None:
            playwright.stop()
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
