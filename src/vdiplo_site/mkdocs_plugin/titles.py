"""The ``vdiplo-titles`` MkDocs plugin: page titles are printed as text, never parsed as HTML.

kb/ front matter holds titles as plain text (a source's label, an entity's name), like every
other text of the document model. MkDocs' and mkdocs-material's templates print a page title
unescaped (Jinja's autoescape is off) in ``<title>``, the header, the navigation of every page,
the footer and tabs. The curated files refuse markup characters in names and labels; this
plugin makes the title path inert even if one got through. It also completes the navigation
those titles are shown in: the source pages are listed from the manifest (:mod:`.nav`).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from ..project import Project
from ..writer.front_matter import load_title, split_front_matter
from .nav import with_source_pages, without_absent_pages


def inert_title(title: object) -> Markup:
    """``title`` as HTML-escaped text that Jinja prints as is.

    Input: the plain-text title (or one already escaped, which is kept). Output: a
    :class:`~markupsafe.Markup` whose characters ``<>&"'`` are entities; being Markup, a
    template's ``| e`` does not escape it twice.
    """
    return escape(title)


class VdiploTitlesPlugin(BasePlugin):
    """Escapes each page's front-matter title once, as soon as the page is read; lists the
    source pages of the manifest in the navigation."""

    def on_config(self, config):
        """Append the manifest's source pages to the navigation's section of sources
        (:func:`.nav.with_source_pages`); the manifest is ``sources/sources.yaml`` beside
        ``mkdocs.yml``. Drop the optional pages this corpus lacks (:func:`.nav.without_absent_pages`)."""
        manifest = Project(Path(config.config_file_path).parent).manifest
        nav = with_source_pages(config.nav, manifest)
        config.nav = without_absent_pages(nav, Path(config.docs_dir))
        return config

    def on_nav(self, nav, *, config, files):
        """Read the front matter of every page MkDocs will not read itself (in an incremental
        build, the unchanged ones: MkDocs leaves them without a title), so that each title is
        known (and inert) in the navigation. Pages MkDocs reads get theirs in
        :meth:`on_page_markdown`. Of a kb/ page's front matter only the title is parsed (the
        navigation needs nothing else: :func:`~vdiplo_site.writer.front_matter.load_title`); a
        page without front matter is read as MkDocs reads it."""
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None or file.is_modified():
                continue
            try:
                source = file.content_string
                title = load_title(source)
                page.meta = {} if title is None else {"title": title}
                page.markdown = split_front_matter(source)[1].lstrip("\n")
            except ValueError:
                page.read_source(config)
            if "title" in page.meta:
                page.meta["title"] = inert_title(page.meta["title"])
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config, files) -> str:
        """Replace the front matter's ``title`` by its escaped form. ``page.title`` returns it,
        so ``<title>``, header, navigation and footer of every page print the escaped text.

        A title MkDocs derives from a page's first heading (a page without front-matter
        title; kb/ has none) is already HTML from Markdown's escaping and is left alone.
        """
        if "title" in page.meta:
            page.meta["title"] = inert_title(page.meta["title"])
        return markdown
