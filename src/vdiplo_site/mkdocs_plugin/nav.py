"""The site's navigation lists the source pages from the manifest, so ``mkdocs.yml`` names none.

``mkdocs.yml``'s ``nav`` holds the section of sources as a list starting with
``sources/index.md``; :func:`with_source_pages` appends ``sources/<id>.md`` of every source of
the manifest, in manifest order, that is not listed yet. Adding a source (``vdiplo-site add``)
thus needs no edit of ``mkdocs.yml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..manifest import load_manifest

#: The page that marks the section of sources in ``nav``.
SOURCES_INDEX = "sources/index.md"


def with_source_pages(nav: list[Any] | None, manifest: Path) -> list[Any] | None:
    """``nav`` (MkDocs' ``nav`` setting, as loaded) with every source page of ``manifest``.

    Input: the ``nav`` list (``None`` when ``mkdocs.yml`` has none: MkDocs then lists every
    page itself and nothing is added) and the manifest's path. Output: a new list in which the
    section whose list starts with ``sources/index.md`` ends with the source pages it lacked,
    in manifest order; the rest unchanged. A nav without that section is returned as is.

    Raises:
        ManifestError: the manifest is not valid (the build reports it before MkDocs runs).
    """
    if nav is None:
        return None
    pages = [f"sources/{spec.id}.md" for spec in load_manifest(manifest)]
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            ((title, section),) = entry.items()
            if isinstance(section, list) and section[:1] == [SOURCES_INDEX]:
                entry = {title: [*section, *(page for page in pages if page not in section)]}
        out.append(entry)
    return out
