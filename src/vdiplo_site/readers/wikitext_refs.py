"""Footnotes of wikitext sources: ``<ref>`` tags, named re-use, and their structured citations.

Quirks handled: a named ref ``<ref name="EU">…</ref>`` is re-used elsewhere as
``<ref name="EU"/>`` (the same note, so the same label); a ref's content is free text around an
external link ``[url title]``, followed by ``{{webarchive|url=|date=}}``, ``{{Wayback|url=|date=}}``
or ``{{dead link|date=}}`` and by a publisher and a date in several spellings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mwparserfromhell.nodes import ExternalLink, Tag, Template
from mwparserfromhell.wikicode import Wikicode

from ..model import Citation, Footnote

# Dates as the refs write them, most specific first: 2002年8月27日, 2008/5/24-25, 2012-6-6,
# 2012.02.02, 14.05.2012, 11/28/2007, December 10, 2009, 17 June 2011, 2004年, 1993.
_DATE = re.compile(
    r"(?<!\d)(?:"
    r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"
    r"|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2}(?:-\d{1,2})?)?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"
    r"|[A-Z][a-z]+ \d{1,2}, \d{4}"
    r"|\d{1,2} [A-Z][a-z]+ \d{4}"
    r"|\d{4}"
    r")(?!\d)"
)
_SEPARATORS = " ,，、;；:：\u3000"
ARCHIVE_TEMPLATES = ("webarchive", "wayback")


def template_key(template: Template) -> str:
    """Return a template's name as MediaWiki matches it: trimmed, ``_`` as space, case-folded,
    without a ``Template:`` namespace (``{{Template:Cite web|…}}`` is ``{{Cite web|…}}``)."""
    key = " ".join(str(template.name).strip().replace("_", " ").casefold().split())
    namespace, colon, rest = key.partition(":")
    if colon and namespace.strip() in ("template", "模板", "样板", "模版"):
        return rest.strip()
    return key


def param(template: Template, name: str | int) -> str | None:
    """Return the trimmed value of parameter ``name`` of ``template`` (``None`` if absent/empty)."""
    if not template.has(name):
        return None
    value = str(template.get(name).value).strip()
    return value or None


def archive_of(template: Template) -> tuple[str | None, str | None]:
    """Return ``(archive_url, archive_date)`` of a ``{{webarchive}}`` or ``{{Wayback}}`` template.

    ``{{webarchive|url=<archive url>|date=2013-10-21}}`` gives both as written;
    ``{{Wayback|url=<original url>|date=20131020230133}}`` names the original page and a Wayback
    Machine timestamp, so the archive URL is the one the template links to
    (``https://web.archive.org/web/<timestamp>/<url>``) and the date is the timestamp's day.
    """
    url, date = param(template, "url"), param(template, "date")
    if template_key(template) != "wayback":
        return url, date
    archive_url = f"https://web.archive.org/web/{date}/{url}" if url and date else None
    if date and re.fullmatch(r"\d{8,14}", date):
        date = f"{date[:4]}-{date[4:6]}-{date[6:8]}"
    return archive_url, date


def split_publisher_date(tail: str) -> tuple[str | None, str | None]:
    """Split the plain text after a ref's title link into ``(publisher, date)``.

    The date is the last date-like run of ``tail`` (see ``_DATE``); the publisher is what
    precedes it, trimmed of separators. Example: ``"，自由時報, 2002年8月27日"`` ->
    ``("自由時報", "2002年8月27日")``; ``", 1993"`` -> ``(None, "1993")``.
    """
    matches = list(_DATE.finditer(tail))
    date = matches[-1].group(0) if matches else None
    before = tail[: matches[-1].start()] if matches else tail
    publisher = before.strip(_SEPARATORS)
    return publisher or None, date


def citation_of(contents: Wikicode, plain: Callable[[Wikicode | list], str]) -> Citation:
    """Return the structured citation of a ref's ``contents``.

    ``plain`` renders nodes as plain text with link labels only and without archive or dead-link
    notes. A ref holding a citation template (``{{cite web|…}}``) has its fields
    (:func:`.wikitext_citations.citation_fields`). Otherwise the title and URL come from the first external link; publisher and date from the
    text after it; archive URL and date from the first ``{{webarchive}}``/``{{Wayback}}``.
    """
    from .wikitext_citations import citation_fields, is_citation  # (it imports this module)

    for template in contents.filter_templates(recursive=False):
        if is_citation(template_key(template)):
            return citation_fields(template, plain)
    nodes = list(contents.nodes)
    links = [(i, n) for i, n in enumerate(nodes) if isinstance(n, ExternalLink)]
    archive_url = archive_date = None
    for template in contents.filter_templates(recursive=False):
        if template_key(template) in ARCHIVE_TEMPLATES:
            archive_url, archive_date = archive_of(template)
            break
    if not links:
        return Citation(
            date=split_publisher_date(plain(nodes))[1], archive_url=archive_url, archive_date=archive_date
        )
    link_at, link = links[0]
    publisher, date = split_publisher_date(plain(nodes[link_at + 1 :]))
    return Citation(
        title=plain(link.title) if link.title is not None else None,
        url=str(link.url).strip(),
        publisher=publisher,
        date=date,
        archive_url=archive_url,
        archive_date=archive_date,
    )


@dataclass
class _Note:
    """A footnote being collected: its label and, once its content is seen, text and citation."""

    label: str
    text: str | None = None
    citation: Citation | None = None


class FootnoteRegistry:
    """Collects the footnotes of one document in order of first reference.

    Labels are ``"1"``, ``"2"``… in order of first use; every use of a named ref gets the label
    of its first use, wherever its content is written.
    """

    def __init__(self) -> None:
        self._notes: list[_Note] = []
        self._named: dict[str, _Note] = {}

    def reference(
        self, tag: Tag, render: Callable[[Wikicode], str], plain: Callable[[Wikicode | list], str]
    ) -> str:
        """Register one ``<ref>`` tag and return the label its ``[^label]`` reference uses.

        ``render`` renders the ref's content as the footnote's text; ``plain`` is passed to
        :func:`citation_of`. The content of a re-used name's first definition wins.
        """
        name = str(tag.get("name").value).strip() if tag.has("name") else ""
        note = self._named.get(name) if name else None
        if note is None:
            note = _Note(label=str(len(self._notes) + 1))
            self._notes.append(note)
            if name:
                self._named[name] = note
        has_content = not tag.self_closing and tag.contents is not None
        if note.text is None and has_content and str(tag.contents).strip():
            note.text = render(tag.contents)
            note.citation = citation_of(tag.contents, plain)
        return note.label

    def is_named(self, name: str) -> bool:
        """Whether a ``<ref name=…>`` of that name has been used (list-defined notes give
        their text only to names the article uses: a note nothing refers to breaks the page)."""
        return name in self._named

    def footnotes(self) -> tuple[Footnote, ...]:
        """Return the footnotes; a name used but never given content is ``missing``."""
        return tuple(
            Footnote(label=n.label, text=n.text, citation=n.citation)
            if n.text is not None
            else Footnote(label=n.label, text="", missing=True)
            for n in self._notes
        )
