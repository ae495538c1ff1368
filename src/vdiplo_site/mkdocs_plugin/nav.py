"""The site's navigation lists the source pages from the manifest, so ``mkdocs.yml`` names none.

``mkdocs.yml``'s ``nav`` holds the section of sources as a list starting with
``sources/index.md``; :func:`with_source_pages` appends ``sources/<id>.md`` of every source of
the manifest, in manifest order, that is not listed yet. Adding a source (``vdiplo-site add``)
thus needs no edit of ``mkdocs.yml``. :func:`without_absent_pages` drops the pages of
:data:`OPTIONAL_PAGES` that a corpus does not have.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..manifest import load_manifest
from ..writer.paths import REVIEW_COMPARISON

#: Pages the writer makes only for some corpora (the two MOFA reviews compared: only when the
#: manifest holds both); ``nav`` may name them, and drops them where they were not written.
OPTIONAL_PAGES = frozenset({REVIEW_COMPARISON})

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


def without_absent_pages(nav: list[Any] | None, docs_dir: Path) -> list[Any] | None:
    """``nav`` without the entries naming a page of :data:`OPTIONAL_PAGES` that ``docs_dir``
    (``kb/``) lacks, at any depth (an entry is a path, ``{title: path}`` or ``{title: [...]}``).

    Input: MkDocs' ``nav`` setting (``None``: returned as is) and the docs folder. Output: a new
    list; a section left empty is dropped too. Any other missing page stays, for MkDocs' strict
    build to report."""
    if nav is None:
        return None

    def absent(page: object) -> bool:
        return isinstance(page, str) and page in OPTIONAL_PAGES and not (docs_dir / page).is_file()

    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if isinstance(value, list):
                kept = without_absent_pages(value, docs_dir)
                if kept:
                    out.append({title: kept})
                continue
            if absent(value):
                continue
        elif absent(entry):
            continue
        out.append(entry)
    return out
