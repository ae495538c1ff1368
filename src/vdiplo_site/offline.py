"""The offline copy, ``site-offline/``: the site of the current ``kb/``, to open from disk.

Opened over file:// (from a folder, a zip or a USB stick), the published site fails twice: its
links end in folders (``use_directory_urls``), which the browser shows as directory listings,
and its search cannot start a worker or fetch its index files, which Chromium refuses on
file://. The offline copy is rendered from the same ``kb/`` with the same ``mkdocs.yml`` plus
Material's ``offline`` plugin, which links ``page.html`` files and inlines Material's search
configuration as a script; our search plugin then inlines the sharded index into the worker
(:func:`.search.files.worker_source`), and the worker runs in the vendored iframe-worker shim
(:mod:`.vendor`) instead of a third-party copy. Nothing is fetched from any host.
"""

from __future__ import annotations

import tempfile
from importlib.resources import files as package_files
from pathlib import Path

import yaml

from .project import Project
from .site_build import run_mkdocs

#: The offline copy's folder, beside ``site/``.
FOLDER = "site-offline"
#: Where the shim goes in the copy (``extra.polyfills`` loads it before Material's scripts).
SHIM = "assets/javascripts/iframe-worker-shim.js"


def offline_config(project: Project, folder: Path) -> Path:
    """Write into ``folder`` the project's ``mkdocs.yml`` with Material's ``offline`` plugin
    (after ``search``) and the vendored shim as its polyfill; return its path."""
    config = yaml.safe_load(project.mkdocs_config.read_text(encoding="utf-8"))
    plugins = config["plugins"]
    names = [plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in plugins]
    plugins.insert(names.index("search") + 1 if "search" in names else 0, "offline")
    config.setdefault("extra", {})["polyfills"] = [SHIM]
    path = folder / "mkdocs-offline.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_offline(project: Project, epoch: int = 0) -> Path:
    """Render the project's current ``kb/`` into ``site-offline/`` (replaced only when the build
    succeeds) and return that folder.

    Raises:
        BuildError: MkDocs reported an error or, being strict, a warning.
    """
    target = project.root / FOLDER
    with tempfile.TemporaryDirectory(prefix=".site-offline-", dir=project.root) as scratch:
        staged = Path(scratch) / FOLDER
        run_mkdocs(offline_config(project, Path(scratch)), project.kb_dir, staged, epoch)
        shim = staged / SHIM
        shim.parent.mkdir(parents=True, exist_ok=True)
        shim.write_bytes((package_files("vdiplo_site.vendor") / "iframe-worker-shim.js").read_bytes())
        old = Path(scratch) / "old"
        if target.exists():
            target.rename(old)
        staged.rename(target)
    return target
