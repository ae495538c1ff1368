"""Sites for the search benchmark: copy the project, build "stock" and "ours", serve, measure.

"ours" is the project's mkdocs.yml as configured; "stock" is the same config with every plugin
entry named ``vdiplo-search`` removed, i.e. Material's own search alone. Both are built from a
copy of sources/, kb/ and mkdocs.yml in a temporary directory, never in the working tree.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

OUR_PLUGIN = "vdiplo-search"
COPIED = ("sources", "kb", "mkdocs.yml")
BUILD_TIMEOUT_S = 600
WORKER_GLOB = "assets/javascripts/workers/search*.js"


@dataclass(frozen=True)
class Build:
    """One built site."""

    name: str
    """``stock`` or ``ours``."""
    config: Path
    """The MkDocs config file it was built from (inside the temporary copy)."""
    site: Path
    """The built site directory."""
    plugins: tuple[str, ...]
    """Names of the plugins in its config, in order."""


@dataclass(frozen=True)
class FileSize:
    """Size of one search-related file of a built site."""

    path: str
    """Path relative to the site directory."""
    size: int
    """Bytes on disk."""
    gzip_size: int
    """Bytes after gzip (level 6, as a typical web server would send it)."""


def plugin_name(entry: object) -> str:
    """The name of a ``plugins`` entry: a plain string or a one-key mapping."""
    if isinstance(entry, dict):
        return next(iter(entry))
    return str(entry)


def copy_project(root: Path, scratch: Path) -> Path:
    """Copy what a build needs (sources/, kb/, mkdocs.yml) into ``scratch/project``."""
    project = scratch / "project"
    project.mkdir()
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    return project


def write_stock_config(config: Path) -> Path:
    """Write ``mkdocs.stock.yml`` beside ``config``: the same config without our search plugin."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"] = [p for p in data.get("plugins") or [] if plugin_name(p) != OUR_PLUGIN]
    stock = config.with_name("mkdocs.stock.yml")
    stock.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return stock


def config_plugins(config: Path) -> tuple[str, ...]:
    """Plugin names listed in an MkDocs config file."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    return tuple(plugin_name(p) for p in data.get("plugins") or [])


def build_both(project: Path) -> tuple[Build, Build]:
    """Build stock and ours in parallel (``mkdocs build --strict``); raise if either fails."""
    ours_config = project / "mkdocs.yml"
    stock_config = write_stock_config(ours_config)
    wanted = {"stock": stock_config, "ours": ours_config}
    running = {}
    for name, config in wanted.items():
        site = project.parent / f"site-{name}"
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config),
            "-d",
            str(site),
        ]
        running[name] = (
            site,
            subprocess.Popen(
                command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            ),
        )
    builds = {}
    for name, (site, process) in running.items():
        output, _ = process.communicate(timeout=BUILD_TIMEOUT_S)
        if process.returncode != 0:
            raise RuntimeError(f"mkdocs build of {name} ({wanted[name].name}) failed:\n{output}")
        builds[name] = Build(name, wanted[name], site, config_plugins(wanted[name]))
    return builds["stock"], builds["ours"]


def search_files(site: Path) -> list[FileSize]:
    """Every file under site/search/ plus the search worker script(s), with plain and gzip sizes."""
    search_dir = site / "search"
    paths = sorted(p for p in search_dir.rglob("*") if p.is_file()) if search_dir.is_dir() else []
    paths += sorted(p for p in site.glob(WORKER_GLOB) if p.is_file())
    sizes = []
    for path in paths:
        data = path.read_bytes()
        sizes.append(
            FileSize(path.relative_to(site).as_posix(), len(data), len(gzip.compress(data, compresslevel=6)))
        )
    return sizes


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without request logging; a bounded socket timeout. HTTP/1.1, so that a
    browser keeps its connections open between requests, and no Nagle delay (the handler
    writes headers and body separately: with Nagle's algorithm each response of a kept-open
    connection waits for the client's delayed acknowledgement), as any real static host."""

    timeout = 10
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        return


class _QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that does not print a connection the browser closed or reset (it does
    so with kept-open connections when a page or context closes)."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at an ephemeral port; yield its base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
