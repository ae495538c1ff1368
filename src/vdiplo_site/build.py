"""Write the knowledge base out: ``kb/`` (Markdown and search data) and ``site/`` (MkDocs).

Everything is gathered (:func:`.pipeline.gather`) and rendered before anything is written;
``kb/`` and ``site/`` are replaced together (:func:`.writer.swap.swap`) only when the whole build
has succeeded, so a failed build leaves the previous pair intact. One build runs at a time
(:func:`.writer.lock.build_lock`), and each starts by finishing or clearing what a killed one
left (:func:`.writer.swap.recover`) and, in the background, removing the trees the previous one
replaced (:class:`.writer.swap.TrashRemoval`). ``site/`` is always built from the ``kb/`` beside it, or
absent. Its dates come from ``SOURCE_DATE_EPOCH`` (0 when unset), so equal input gives a
byte-identical ``site/``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from .cache import FOLDER as CACHE_FOLDER
from .cache import Cache
from .errors import BuildError
from .knowledge import KnowledgeBase
from .pipeline import gather
from .project import Project
from .search.data import dump_search_data
from .search.files import DATA
from .site_build import EPOCH, build_site
from .stages import stage
from .workers import Background
from .writer.lock import build_lock
from .writer.pages import render_pages
from .writer.swap import JOURNAL, Move, TrashRemoval, recover, staging_prefix, swap
from .writer.tree import KbFile, differing_paths, read_tree, stage_tree

log = logging.getLogger(__name__)

#: The generated trees, replaced together.
TREES = ("kb", "site")


def kb_files(kb: KnowledgeBase, cache: Cache | None = None) -> tuple[KbFile, ...]:
    """Every file of ``kb/``: the rendered pages and assets, and the search data (``cache`` may
    hold mention lists and the vocabulary from an earlier build). The search data is made in a
    forked child while the pages are rendered here (:class:`.workers.Background`)."""
    cache = cache or Cache(None)
    search = Background(_search_data, (kb, cache))
    try:
        pages = render_pages(kb, cache)
        text, used = search.result()
    finally:
        search.stop()  # a child still running (the pages failed) is ended; else nothing
    cache.used |= used
    return (*pages, KbFile.page(DATA, text))


def _search_data(job: tuple[KnowledgeBase, Cache]) -> tuple[str, set[Path]]:
    """The search data's JSON text, and the cache entries used making it (a child's are sent
    back to be kept)."""
    kb, cache = job
    return dump_search_data(kb, cache), cache.used


def project_cache(project: Project) -> Cache:
    """The project's build cache (``.vdiplo-cache/`` beside ``kb/``)."""
    return Cache(project.root / CACHE_FOLDER)


def source_date_epoch() -> int:
    """The build time for MkDocs' dates (sitemap ``lastmod``, ``sitemap.xml.gz`` header), in
    seconds since 1970: ``SOURCE_DATE_EPOCH`` when set and not empty (reproducible-builds.org),
    else 0, so that the site never depends on the wall clock.

    Raises:
        BuildError: the variable is not a whole number from 0 to 2**32 - 1 (gzip's limit).
    """
    raw = os.environ.get(EPOCH, "").strip()
    if not raw:
        return 0
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) >= 2**32:
        raise BuildError(None, f"{EPOCH}={raw!r} is not a whole number of seconds from 0 to 2**32 - 1")
    return int(raw)


def build(project: Project, *, site: bool = True) -> None:
    """Regenerate ``kb/`` and (if ``site``) build ``site/``; replace both together on success.

    Stages: gather's, then render, stage kb, mkdocs, replace (each logged with its time). With
    ``site`` false, a ``site/`` built from a ``kb/`` that this build changes is removed in the
    same swap (``site/`` is always built from the ``kb/`` beside it, or absent).

    Raises:
        VdiploError: any input or build problem, or another build holds the lock; ``kb/`` and
            ``site/`` are then unchanged.
    """
    epoch = source_date_epoch()
    with build_lock(project.root), TrashRemoval(project.root):
        recover(project.root, TREES)
        cache = project_cache(project)
        kb = gather(project, cache)
        with stage("render"):
            files = kb_files(kb, cache)
        with stage("stage kb"):
            staged_kb = stage_tree(files, project.root, staging_prefix("kb"), project.kb_dir)
        staged_site = project.root / staged_kb.name.replace(staging_prefix("kb"), staging_prefix("site"))
        try:
            if site:
                with stage("mkdocs"):
                    incremental = build_site(project, files, staged_kb, staged_site, epoch, cache)
                log.info("site built %s", "incrementally (only changed pages)" if incremental else "in full")
            with stage("replace"):
                swap(project.root, _moves(project, files, staged_kb, staged_site if site else None))
        finally:
            if not (project.root / JOURNAL).exists():  # else the next build finishes the swap
                for leftover in (staged_kb, staged_site):
                    if leftover.exists():
                        shutil.rmtree(leftover)
        cache.prune()
    log.info("wrote %d kb files%s", len(files), " and the site" if site else "")


def _moves(
    project: Project, files: tuple[KbFile, ...], staged_kb: Path, staged_site: Path | None
) -> list[Move]:
    """The swap of a build: the new ``kb/``, and the new ``site/``, or none, or its removal
    (a kb-only build that changes ``kb/`` removes the ``site/`` built from the old one)."""
    moves = [Move("kb", staged_kb.name)]
    if staged_site is not None:
        moves.append(Move("site", staged_site.name))
    elif project.site_dir.exists() and differing_paths(files, read_tree(project.kb_dir)):
        log.warning("removing site/: it was built from the previous kb/ (run 'vdiplo-site build')")
        moves.append(Move("site", None))
    return moves


def stale_kb_paths(project: Project) -> list[str]:
    """Paths of ``kb/`` that differ from a fresh generation (added, removed or changed).

    Returns an empty list when the committed ``kb/`` is byte-identical to a fresh build. Holds
    the build lock, and first finishes a swap a killed build left (:func:`.writer.swap.recover`).

    Raises:
        VdiploError: an input problem, or another build holds the lock.
    """
    with build_lock(project.root):
        recover(project.root, TREES)
        cache = project_cache(project)
        stale = differing_paths(kb_files(gather(project, cache), cache), read_tree(project.kb_dir))
        cache.prune()
        return stale
