"""Write the knowledge base out: ``kb/`` (Markdown and search data) and ``site/`` (MkDocs).

Everything is gathered (:func:`.pipeline.gather`) and rendered before anything is written;
``kb/`` and ``site/`` are replaced together (:func:`.writer.swap.swap`) only when the whole build
has succeeded, so a failed build leaves the previous pair intact. One build runs at a time
(:func:`.writer.lock.build_lock`), and each starts by finishing or clearing what a killed one
left (:func:`.writer.swap.recover`). ``site/`` is always built from the ``kb/`` beside it, or
absent. Its dates come from ``SOURCE_DATE_EPOCH`` (0 when unset), so equal input gives a
byte-identical ``site/``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BuildError
from .knowledge import KnowledgeBase
from .pipeline import gather
from .project import Project
from .search.data import dump_search_data
from .search.files import DATA
from .stages import stage
from .writer.lock import build_lock
from .writer.pages import render_pages
from .writer.swap import JOURNAL, Move, recover, staging_prefix, swap
from .writer.tree import KbFile, differing_paths, read_tree, stage_tree

log = logging.getLogger(__name__)

#: The generated trees, replaced together.
TREES = ("kb", "site")
EPOCH = "SOURCE_DATE_EPOCH"


def kb_files(kb: KnowledgeBase) -> tuple[KbFile, ...]:
    """Every file of ``kb/``: the rendered pages and assets, and the search data."""
    return (*render_pages(kb), KbFile.page(DATA, dump_search_data(kb)))


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


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """Set environment variable ``name`` to ``value`` for the ``with`` body, then restore it."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[name]
        else:
            os.environ[name] = previous


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, epoch: int = 0) -> None:
    """Build the site from ``docs_dir`` into ``site_dir`` with MkDocs in strict mode, dated
    ``epoch`` (seconds since 1970, passed to MkDocs as ``SOURCE_DATE_EPOCH``).

    Raises:
        BuildError: MkDocs reported an error or, being strict, a warning (the message names
            the config file; MkDocs has logged the details).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        with _environment(EPOCH, str(epoch)):
            mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(config_file, f"MkDocs build failed: {exc}") from None


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
    with build_lock(project.root):
        recover(project.root, TREES)
        kb = gather(project)
        with stage("render"):
            files = kb_files(kb)
        with stage("stage kb"):
            staged_kb = stage_tree(files, project.root, staging_prefix("kb"))
        staged_site = project.root / staged_kb.name.replace(staging_prefix("kb"), staging_prefix("site"))
        try:
            if site:
                with stage("mkdocs"):
                    run_mkdocs(project.mkdocs_config, staged_kb, staged_site, epoch)
            with stage("replace"):
                swap(project.root, _moves(project, files, staged_kb, staged_site if site else None))
        finally:
            if not (project.root / JOURNAL).exists():  # else the next build finishes the swap
                for leftover in (staged_kb, staged_site):
                    if leftover.exists():
                        shutil.rmtree(leftover)
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
        return differing_paths(kb_files(gather(project)), read_tree(project.kb_dir))
