"""MkDocs' pages read and rendered on every core, in forked worker processes.

MkDocs reads every page (Markdown to HTML, ``_populate_page``), then renders every page into
the theme and writes it (``_build_page``), one page after another; on the real sources the
two loops are most of a site build. While :func:`pages_on_every_core` is active, MkDocs' two
per-page functions only note the page; the notes are then worked through by
:func:`vdiplo_site.workers.map_in_order` (forked workers inherit the configuration, files and
navigation MkDocs has built, so nothing of that is pickled):

- the reading, in ``on_env`` (MkDocs' first event after its reading loop): each worker reads
  its pages with MkDocs' own function and sends back what the reading sets on a page (its
  Markdown, metadata, HTML, table of contents, title from its first heading, its anchors and
  its links to other pages' anchors), which is set on the page here, so that the navigation,
  the theme's templates and MkDocs' anchor check see every page as if read here;
- the rendering, when MkDocs' loop reaches its last page: each worker renders and writes its
  pages with MkDocs' own function.

Records the workers log (MkDocs' warnings among them) are handled here, so strict mode counts
them; an error in a worker stops the build as it would here. Pages are handed out in batches
of about equal size, the largest first, so the workers finish together. Where a page event of
a configured plugin could keep state outside the page (any plugin but ours, Material's ``offline`` plugin and Material's
search with its indexing skipped: :mod:`.material_search`), everything is done here, in order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from material.plugins.offline.plugin import OfflinePlugin
from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..workers import cores, map_in_order, shared
from .fresh_writes import FreshWritesPlugin
from .material_search import ConfigOnlyIndex
from .plugin import VdiploSearchPlugin
from .template_cache import TemplateCachePlugin
from .titles import VdiploTitlesPlugin

#: The name the plugin is registered under while :func:`pages_on_every_core` is active.
NAME = "vdiplo-parallel-pages"
#: What MkDocs' reading of a page sets on it (besides its links to anchors, sent by path).
READ_STATE = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")
#: Plugins whose page events change nothing but the page (the template cache has none).
_PAGE_LOCAL = (VdiploSearchPlugin, VdiploTitlesPlugin, FreshWritesPlugin, TemplateCachePlugin, OfflinePlugin)


@contextmanager
def pages_on_every_core(config: MkDocsConfig) -> Iterator[None]:
    """For the ``with`` body (one ``mkdocs.commands.build.build(config)``), read and render
    ``config``'s pages in worker processes (see the module docstring).

    Raises (from the build): whatever MkDocs raises for a page; PluginError if MkDocs' page
    loop changed so that pages were left unrendered.
    """
    plugin = ParallelPagesPlugin(mkdocs_build._populate_page, mkdocs_build._build_page)
    config.plugins[NAME] = plugin
    mkdocs_build._populate_page = plugin.note_read
    mkdocs_build._build_page = plugin.note_build
    try:
        yield
    finally:
        mkdocs_build._populate_page, mkdocs_build._build_page = plugin.populate, plugin.build_page


def page_events_local(config: MkDocsConfig) -> bool:
    """Whether every configured plugin's page events change nothing but the page (so a page may
    be read and rendered in another process): ours, Material's ``offline``, and Material's
    ``search`` when disabled or skipping pages (:class:`.material_search.ConfigOnlyIndex`)."""
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            if plugin.config.enabled and not isinstance(
                getattr(plugin, "search_index", None), ConfigOnlyIndex
            ):
                return False
        elif not isinstance(plugin, (*_PAGE_LOCAL, ParallelPagesPlugin)):
            return False
    return True


class ParallelPagesPlugin(BasePlugin):
    """Holds the pages MkDocs' loops noted and works them through (see the module docstring).

    Args:
        populate: MkDocs' ``_populate_page`` (reads one page).
        build_page: MkDocs' ``_build_page`` (renders and writes one page).
    """

    def __init__(self, populate: Any, build_page: Any) -> None:
        self.populate, self.build_page = populate, build_page
        self.reads: list[Page] = []
        self.builds: list[tuple[Page, bool]] = []
        self.read_args: tuple[Any, ...] = ()

    def note_read(self, page: Page, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
        """Stands for ``_populate_page``: note ``page`` (unless a dirty build skips it)."""
        if not (dirty and not page.file.is_modified()):
            self.reads.append(page)
        self.read_args = (config, files, dirty)

    def note_build(
        self,
        page: Page,
        config: MkDocsConfig,
        doc_files: Any,
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        """Stands for ``_build_page``: note ``page`` (unless a dirty build skips it); on the
        last page of ``doc_files``, render every noted page."""
        if not (dirty and not page.file.is_modified()):
            self.builds.append((page, excluded))
        if page is doc_files[-1].page:
            pages, self.builds = self.builds, []
            share = (self.build_page, pages, (config, doc_files, nav, env, dirty))
            batches = _batches([p for p, _ in pages])
            map_in_order(_build_batch, batches, share=share, parallel=page_events_local(config))

    @event_priority(100)  # before any other plugin's on_env sees the pages
    def on_env(self, env, *, config, files):
        """Read every noted page (in workers); set what each reading set on its page."""
        pages, self.reads = self.reads, []
        batches = _batches(pages)
        share = (self.populate, pages, self.read_args)
        states = map_in_order(_read_batch, batches, share=share, parallel=page_events_local(config))
        for batch, batch_states in zip(batches, states, strict=True):
            for index, state in zip(batch, batch_states, strict=True):
                _restore(pages[index], state, files)
        return env

    @event_priority(100)
    def on_post_build(self, *, config):
        """Refuse to finish with pages noted and never rendered (MkDocs' loop has changed)."""
        if self.builds or self.reads:
            raise PluginError(
                f"{NAME}: {len(self.builds) + len(self.reads)} pages were never read or rendered"
            )


#: Batches of pages per core: enough for the cores to finish together, few enough that
#: handing them out costs little.
BATCHES_PER_CORE = 8


def _batches(pages: list[Page]) -> list[tuple[int, ...]]:
    """Indexes of ``pages`` in batches of about equal size (a page's time is about its size):
    the pages sorted largest first and dealt out in turn, the batch of the largest first."""
    order = sorted(range(len(pages)), key=lambda i: (-_size(pages[i]), i))
    count = min(len(order), BATCHES_PER_CORE * cores())
    return [tuple(order[k::count]) for k in range(count)]


def _size(page: Page) -> int:
    if page.markdown is not None:
        return len(page.markdown)
    try:
        return os.path.getsize(page.file.abs_src_path or "")
    except OSError:
        return 0


def _read_batch(batch: tuple[int, ...]) -> list[dict[str, Any]]:
    """In a worker: read the pages of ``batch`` with MkDocs' function; return what it set on
    each (:func:`_read_state`)."""
    populate, pages, args = shared()
    for index in batch:
        populate(pages[index], *args)
    return [_read_state(pages[index]) for index in batch]


def _read_state(page: Page) -> dict[str, Any]:
    """What MkDocs' reading set on ``page`` (its links to anchors keyed by path)."""
    state = {name: getattr(page, name, None) for name in READ_STATE}
    links = page.links_to_anchors
    state["links_to_anchors"] = (
        None if links is None else {f.src_uri: anchors for f, anchors in links.items()}
    )
    return state


def _restore(page: Page, state: dict[str, Any], files: Files) -> None:
    """Set on ``page`` what reading it in a worker set (links keyed by this process's files)."""
    links = state.pop("links_to_anchors")
    for name, value in state.items():
        setattr(page, name, value)
    if links is not None:
        page.links_to_anchors = {files.src_uris[uri]: anchors for uri, anchors in links.items()}


def _build_batch(batch: tuple[int, ...]) -> None:
    """In a worker: render and write the pages of ``batch`` with MkDocs' function."""
    build_page, pages, (config, doc_files, nav, env, dirty) = shared()
    for index in batch:
        page, excluded = pages[index]
        build_page(page, config, doc_files, nav, env, dirty, excluded=excluded)
