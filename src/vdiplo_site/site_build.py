"""Building ``site/`` with MkDocs: in full, or only the pages whose kb/ file changed.

A full build renders every page into an empty folder. An incremental build starts from hard
links to the current ``site/``'s files (the search index's files are then rewritten only where
they changed, :func:`.search.site_index.write_site_index`) and lets MkDocs render only the pages whose kb/ file changed (MkDocs' ``dirty`` mode, which
compares modification times: an unchanged kb/ file is staged as a hard link to the kb/ file
it equals, :func:`.writer.tree.stage_tree`, so it keeps its time);
every file it writes is unlinked first (:mod:`.mkdocs_plugin.fresh_writes`), so the current
``site/`` is never changed through a link. It is used only when nothing else a page depends on has changed: the
same pages with the same titles (the navigation), the same ``mkdocs.yml``, the same code and
versions of MkDocs and Material (the date goes only into the sitemap, which every build
writes anew); these are recorded in ``site/`` itself
(:data:`FINGERPRINT`), so the record always describes the ``site/`` beside it. Otherwise, and
whenever ``site/`` is absent, the build is full.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from .cache import CODE_DIGEST, Cache, digest
from .errors import BuildError
from .mkdocs_plugin.fresh_writes import NAME as FRESH_WRITES
from .mkdocs_plugin.fresh_writes import FreshWritesPlugin, write_fresh
from .mkdocs_plugin.template_cache import NAME as TEMPLATE_CACHE
from .mkdocs_plugin.template_cache import TemplateCachePlugin
from .project import Project
from .writer.front_matter import title_entry
from .writer.tree import KbFile

log = logging.getLogger(__name__)

#: The record of what a ``site/`` was built from (a file of the built site).
FINGERPRINT = ".vdiplo-build.json"
EPOCH = "SOURCE_DATE_EPOCH"
_DIRTY_WARNING = "A 'dirty' build is being performed"
#: The name of our search plugin in ``mkdocs.yml``.
SEARCH_PLUGIN = "vdiplo-search"


def fingerprint(project: Project, files: tuple[KbFile, ...]) -> dict[str, str]:
    """What every page of a site depends on besides its own kb/ file, as digests."""
    pages = [(f.path, title_entry(f.text)) for f in files if f.path.endswith(".md")]
    return {
        "code": CODE_DIGEST,
        "tools": digest(version("mkdocs"), version("mkdocs-material")),
        "config": digest(project.mkdocs_config.read_bytes()),
        "pages": digest(*(part for page in sorted(pages) for part in page)),
    }


def build_site(
    project: Project,
    files: tuple[KbFile, ...],
    staged_kb: Path,
    staged_site: Path,
    epoch: int,
    cache: Cache | None = None,
) -> bool:
    """Build the site of ``staged_kb`` (holding ``files``) into ``staged_site``; ``cache``: the
    build cache (the search index's postings are kept there).

    Returns whether the build was incremental (see the module docstring).

    Raises:
        BuildError: MkDocs reported an error or, being strict, a warning.
    """
    record = fingerprint(project, files)
    incremental = _previous_record(project.site_dir) == record and project.kb_dir.is_dir()
    if incremental:
        link_tree(project.site_dir, staged_site)
    run_mkdocs(project.mkdocs_config, staged_kb, staged_site, epoch, dirty=incremental, cache=cache)
    write_fresh(staged_site / FINGERPRINT, json.dumps(record, sort_keys=True) + "\n")
    return incremental


def link_tree(source: Path, target: Path) -> None:
    """Make ``target`` a tree of hard links to ``source``'s files (folders are created with the
    modes the umask gives, symbolic links copied as links).

    Whoever writes into ``target`` must unlink a file before writing it (else the write changes
    ``source`` too). Raises OSError (e.g. ``source`` and ``target`` on different file systems).
    A third of the time of :func:`shutil.copytree` with :func:`os.link`, which also copies
    every folder's times and modes.
    """
    os.mkdir(target)
    with os.scandir(source) as entries:
        for entry in entries:
            linked = target / entry.name
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), linked)
            elif entry.is_dir():
                link_tree(Path(entry.path), linked)
            else:
                os.link(entry.path, linked)


def _previous_record(site: Path) -> dict[str, str] | None:
    try:
        return json.loads((site / FINGERPRINT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    epoch: int = 0,
    *,
    dirty: bool = False,
    cache: Cache | None = None,
) -> None:
    """Build the site from ``docs_dir`` into ``site_dir`` with MkDocs in strict mode, dated
    ``epoch`` (seconds since 1970, passed to MkDocs as ``SOURCE_DATE_EPOCH``); ``dirty``:
    render only pages whose source is newer than their output, unlinking each file before it
    is written (``site_dir``'s files may be hard links: :func:`link_tree`). Pages are read and
    rendered on every core (:mod:`.mkdocs_plugin.parallel_pages`), links' brackets found faster
    (:mod:`.mkdocs_plugin.link_brackets`). ``cache``: handed
    to the ``vdiplo-search`` plugin, if configured, for its postings.

    Raises:
        BuildError: MkDocs reported an error or, being strict, a warning (the message names
            the config file; MkDocs has logged the details).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .mkdocs_plugin.link_brackets import faster_link_brackets
    from .mkdocs_plugin.parallel_pages import pages_on_every_core
    from .mkdocs_plugin.plugin import VdiploSearchPlugin

    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        config.plugins[TEMPLATE_CACHE] = TemplateCachePlugin()
        if dirty:
            config.plugins[FRESH_WRITES] = FreshWritesPlugin()
        search = config.plugins.get(SEARCH_PLUGIN)
        if isinstance(search, VdiploSearchPlugin):
            search.cache = cache
        with (
            _environment(EPOCH, str(epoch)),
            _without_dirty_warning(),
            pages_on_every_core(config),
            faster_link_brackets(),
        ):
            mkdocs_build(config, dirty=dirty)
    except MkDocsException as exc:
        raise BuildError(config_file, f"MkDocs build failed: {exc}") from None


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


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale; ours checks it does not (the
    fingerprint), so the warning must not fail the strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        """``False`` (drop) for MkDocs' dirty-build warning, ``True`` for any other record."""
        return not record.getMessage().startswith(_DIRTY_WARNING)


@contextmanager
def _without_dirty_warning() -> Iterator[None]:
    logger = logging.getLogger("mkdocs.commands.build")
    dropping = _DropDirtyWarning()
    logger.addFilter(dropping)
    try:
        yield
    finally:
        logger.removeFilter(dropping)
