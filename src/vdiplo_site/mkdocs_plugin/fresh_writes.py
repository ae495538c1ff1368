"""The fresh-writes MkDocs plugin: an incremental build never writes into the previous ``site/``.

An incremental build (:mod:`vdiplo_site.site_build`) starts from hard links to the previous
``site/``'s files, which is much faster than copying them. MkDocs writes a file by opening it
for writing, which would change the previous ``site/``'s file too (the same inode) before the
new site is swapped in; a failed build would then leave a changed previous ``site/``. Once
MkDocs has read every page, this plugin unlinks every file it is about to write, so that each
write creates a new file. It is added programmatically (no entry point) to incremental builds
only; writes of our own after MkDocs (the search index, the worker, the build record) unlink
first themselves (:func:`write_fresh`).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import BasePlugin

from ..search.files import INDEX_DIR
from ..search.site_index import MATERIAL_INDEX

#: The name the plugin is registered under in an incremental build's configuration.
NAME = "vdiplo-fresh-writes"
#: The search index Material's search plugin writes (on_post_build), relative to the site.
MATERIAL_INDEX_PATH = f"{INDEX_DIR}/{MATERIAL_INDEX}"


def write_fresh(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as a new file: an existing file (possibly a hard link
    shared with another tree) is unlinked first, never written through."""
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


class FreshWritesPlugin(BasePlugin):
    """Unlinks, in ``on_env`` (after pages are read, before anything is written), every output
    file MkDocs' dirty build will write: modified pages and static files (MkDocs' own test,
    ``File.is_modified``), the theme's static templates (``sitemap.xml`` with its ``.gz``), the
    extra templates and Material's search index."""

    def on_env(self, env, *, config, files):
        """Unlink the outputs MkDocs will write (see the class docstring); return ``env``."""
        site = Path(config["site_dir"])
        outputs = [Path(file.abs_dest_path) for file in files if file.is_modified()]
        for template in config.theme.static_templates:
            outputs.append(site / template)
            if template == "sitemap.xml":
                outputs.append(site / "sitemap.xml.gz")
        outputs.append(site / MATERIAL_INDEX_PATH)  # written by Material's search plugin after the pages
        for template in config.extra_templates:
            file = files.get_file_from_path(template)
            if file is not None:
                outputs.append(Path(file.abs_dest_path))
        for output in outputs:
            if output.is_file() and not output.is_symlink():
                os.unlink(output)
        return env
