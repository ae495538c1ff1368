"""Write the knowledge base out: ``kb/`` (Markdown and search data) and ``site/`` (MkDocs).

Everything is gathered (:func:`.pipeline.gather`) and rendered before anything is written;
``kb/`` and ``site/`` are replaced only when the whole build has succeeded, so a failed build
leaves the previous ones intact.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from .errors import BuildError
from .knowledge import KnowledgeBase
from .pipeline import gather
from .project import Project
from .search.data import dump_search_data
from .search.files import DATA
from .stages import stage
from .writer.pages import render_pages
from .writer.tree import KbFile, differing_paths, read_tree, replace_tree, stage_tree

log = logging.getLogger(__name__)


def kb_files(kb: KnowledgeBase) -> tuple[KbFile, ...]:
    """Every file of ``kb/``: the rendered pages and assets, and the search data."""
    return (*render_pages(kb), KbFile.page(DATA, dump_search_data(kb)))


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """Build the site from ``docs_dir`` into ``site_dir`` with MkDocs in strict mode.

    Raises:
        BuildError: MkDocs reported an error or, being strict, a warning (the message names
            the config file; MkDocs has logged the details).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(config_file, f"MkDocs build failed: {exc}") from None


def build(project: Project, *, site: bool = True) -> None:
    """Regenerate ``kb/`` and (if ``site``) build ``site/``; replace both only on success.

    Stages: gather's, then render, stage kb, mkdocs, replace (each logged with its time).

    Raises:
        VdiploError: any input or build problem; ``kb/`` and ``site/`` are then unchanged.
    """
    kb = gather(project)
    with stage("render"):
        files = kb_files(kb)
    with stage("stage kb"):
        staged_kb = stage_tree(files, project.root, ".kb-staging-")
    staged_site = project.root / (staged_kb.name.replace("kb", "site", 1))
    try:
        if site:
            with stage("mkdocs"):
                run_mkdocs(project.mkdocs_config, staged_kb, staged_site)
        with stage("replace"):
            replace_tree(staged_kb, project.kb_dir)
            if site:
                replace_tree(staged_site, project.site_dir)
    finally:
        for leftover in (staged_kb, staged_site):
            if leftover.exists():
                shutil.rmtree(leftover)
    log.info("wrote %d kb files%s", len(files), " and the site" if site else "")


def stale_kb_paths(project: Project) -> list[str]:
    """Paths of ``kb/`` that differ from a fresh generation (added, removed or changed).

    Returns an empty list when the committed ``kb/`` is byte-identical to a fresh build.
    """
    return differing_paths(kb_files(gather(project)), read_tree(project.kb_dir))
