"""Citation templates of Chinese Wikipedia (``{{cite web}}``, ``{{cite news}}``, ``{{citation}}``…):
the note a reader sees (:func:`citation_text`) and its structured fields (:func:`citation_fields`).
"""

from __future__ import annotations

from mwparserfromhell.nodes import Template

from ..model import Citation
from .wikitext_refs import param

CITATION_PREFIXES = ("cite ", "cite_", "citation", "引用", "vcite")
#: Citation parameters read as authors, in order (``last``/``first`` pairs are joined).
_AUTHORS = ("author", "authors", "author1", "last", "last1", "作者")
_WORK = (
    "work",
    "website",
    "newspaper",
    "journal",
    "magazine",
    "periodical",
    "agency",
    "series",
    "encyclopedia",
)
_DATE = ("date", "year", "publication-date")
_ARCHIVE_URL = ("archive-url", "archiveurl")
_ARCHIVE_DATE = ("archive-date", "archivedate")


def is_citation(key: str) -> bool:
    """Whether ``key`` names a citation template (``cite web``, ``Cite news``, ``citation``…)."""
    return key.startswith(CITATION_PREFIXES)


def _first(template: Template, names: tuple[str, ...], render) -> str | None:
    for name in names:
        value = param(template, name)
        if value:
            return render(template.get(name).value) or None
    return None


def _authors(template: Template, render) -> str | None:
    last, first = _first(template, ("last", "last1"), render), _first(template, ("first", "first1"), render)
    if last:
        return f"{last}, {first}" if first else last
    return _first(template, _AUTHORS, render)


def citation_fields(template: Template, render) -> Citation:
    """The :class:`Citation` of a citation template; ``render`` renders a parameter's value as
    plain text. ``url``/``archive-url`` as written; work (or publisher) as ``publisher``."""
    return Citation(
        title=_first(template, ("title", "script-title", "trans-title", "標題"), render),
        url=param(template, "url"),
        publisher=_first(template, (*_WORK, "publisher"), render),
        date=_first(template, _DATE, render),
        archive_url=_first(template, _ARCHIVE_URL, lambda value: str(value).strip()),
        archive_date=_first(template, _ARCHIVE_DATE, render),
    )


#: Citation parameters that show no text of their own: links (the URL is shown once, the archive
#: as ``(存檔 date: url)``), switches and formatting (``df``, ``url-status``, ``mode``…).
_NOT_SHOWN = frozenset(
    {
        "url",
        *_ARCHIVE_URL,
        *_ARCHIVE_DATE,
        "df",
        "deadurl",
        "dead-url",
        "url-status",
        "mode",
        "ref",
        "postscript",
        "name-list-style",
        "name-list-format",
        "author-mask",
        "display-authors",
        "bot",
        "fix-attempted",
        "access",
        "url-access",
        "lay-url",
        "chapter-url",
        "script-title",
    }
)


def citation_text(template: Template, render) -> str:
    """A citation template as the note a reader sees: ``authors. title. work. publisher. date. url``
    (each part only when given), then its other shown parameters in the order written (pages,
    quote, language, further authors, editors, the access date…), then the archive, e.g.
    ``{{cite web|title=外交部新聞稿|publisher=外交部|date=2024-01-02|url=https://…}}`` ->
    ``外交部新聞稿. 外交部. 2024-01-02. https://…``. Links, switches and formatting parameters
    (:data:`_NOT_SHOWN`) show no text."""
    used: set[str] = set(_NOT_SHOWN)

    def first(names: tuple[str, ...]) -> str | None:
        used.update(names)
        return _first(template, names, render)

    authors = _authors(template, render)
    used.update(("last", "last1", "first", "first1", *_AUTHORS))
    shown = [
        authors,
        first(("title", "script-title", "標題")),
        first(("trans-title",)),
        first(_WORK),
        first(("publisher", "location", "place")),
        first(_DATE),
    ]
    for extra in template.params:
        name = str(extra.name).strip()
        if name not in used and (text := render(extra.value)):
            used.add(name)
            shown.append(text)
    shown.append(param(template, "url"))
    archive = _first(template, _ARCHIVE_URL, lambda value: str(value).strip())
    text = ". ".join(part for part in shown if part)
    if archive:
        when = _first(template, _ARCHIVE_DATE, render)
        text += f" (存檔{' ' + when if when else ''}: {archive})"
    return text
