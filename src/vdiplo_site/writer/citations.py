"""Citations of a source and its passages, and its reference files, made from the manifest.

Each source's manifest entry becomes one CSL-JSON record holding only what the manifest states
(a ``null`` year, publisher or author stays absent, never guessed; a source without a title is
named by its label, which says the text states none). citeproc-py renders the record in the
official CSL styles vendored in ``csl/`` (APA 7th edition, Chicago author-date, GB/T 7714-2015
author-date; CC BY-SA 3.0, see ``csl/README.md``); bibtexparser and rispy write the same record
as BibTeX and RIS.

A passage's permanent link is not known when the site is built (it may be served from any
address), so the rendered citations hold :data:`PERMALINK`, which the page's script replaces
with the passage's address when a reader copies one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import as_file, files
from typing import Any

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from ..model import SourceSpec
from .tree import KbFile

#: Stands for the passage's permanent link in a rendered citation (replaced in the browser).
PERMALINK = "https://permalink.invalid/"
#: Folder of kb/ holding each source's citation files.
CITATIONS_DIR = "citations"
#: The reference files of a source, as (name, file suffix).
CITATION_FORMATS = (("BibTeX", ".bib"), ("RIS", ".ris"), ("CSL-JSON", ".json"))


@dataclass(frozen=True)
class CitationStyle:
    """A citation style offered to readers.

    Attributes:
        key: short ASCII name used in the page's data (``apa``).
        name: what the control shows (``APA 7``).
        file: the vendored CSL file in ``csl/``.
        locale: the CSL locale its terms come from (``en-US``, ``zh-CN``).
    """

    key: str
    name: str
    file: str
    locale: str


STYLES = (
    CitationStyle("apa", "APA 7", "apa.csl", "en-US"),
    CitationStyle("chicago", "Chicago", "chicago-author-date.csl", "en-US"),
    CitationStyle(
        "gbt7714", "GB/T 7714-2015", "china-national-standard-gb-t-7714-2015-author-date.csl", "zh-CN"
    ),
)
# The manifest's kinds as CSL item types, BibTeX entry types and RIS reference types.
_CSL_TYPES = {"encyclopedia article": "entry-encyclopedia", "journal article": "article-journal"}
_BIBTEX_TYPES = {"encyclopedia article": "misc", "journal article": "article"}
_RIS_TYPES = {"encyclopedia article": "ENCYC", "journal article": "JOUR", "government review": "RPRT"}


def author_name(author: str) -> str:
    """The name in a manifest author entry, without the affiliation that follows a comma
    (``陳文甲 (Wen-Chia Chen), 開南大學…`` -> ``陳文甲 (Wen-Chia Chen)``)."""
    return author.split(",")[0].strip()


def csl_record(spec: SourceSpec, url: str | None = None) -> dict[str, Any]:
    """``spec`` as a CSL-JSON item: only the fields the manifest states (and ``url`` if given).

    The encyclopedia's publisher is its container (中文維基百科); the others' is the publisher.
    """
    record: dict[str, Any] = {
        "id": spec.id,
        "type": _CSL_TYPES.get(spec.kind or "", "report"),
        "title": spec.title or spec.label,
        "language": spec.language,
    }
    if spec.authors:
        record["author"] = [{"literal": author_name(a)} for a in spec.authors]
    if spec.publisher:
        record["container-title" if spec.kind == "encyclopedia article" else "publisher"] = spec.publisher
    if spec.year is not None:
        record["issued"] = {"date-parts": [[spec.year]]}
    if url:
        record["URL"] = url
    return record


def render_citations(spec: SourceSpec) -> dict[str, str]:
    """The reference-list entry of ``spec`` in each of :data:`STYLES`, by key, as plain text
    with :data:`PERMALINK` for the passage's address."""
    out = {}
    for style in STYLES:
        source = CiteProcJSON([csl_record(spec, PERMALINK)])
        bibliography = CitationStylesBibliography(_style(style), source, formatter.plain)
        bibliography.register(Citation([CitationItem(spec.id)]))
        out[style.key] = str(bibliography.bibliography()[0])
    return out


@cache
def _style(style: CitationStyle) -> CitationStylesStyle:
    """The parsed CSL file of ``style`` (parsed once per process)."""
    with as_file(files("vdiplo_site.writer") / "csl" / style.file) as path:
        return CitationStylesStyle(str(path), locale=style.locale, validate=False)


def bibtex(spec: SourceSpec) -> str:
    """``spec`` as one BibTeX entry (key: the source id), written by bibtexparser."""
    fields = [Field("title", spec.title or spec.label)]
    if spec.authors:
        fields.append(Field("author", " and ".join("{" + author_name(a) + "}" for a in spec.authors)))
    if spec.publisher:
        fields.append(Field("publisher", spec.publisher))
    if spec.year is not None:
        fields.append(Field("year", str(spec.year)))
    fields.append(Field("language", spec.language))
    library = bibtexparser.Library([Entry(_BIBTEX_TYPES.get(spec.kind or "", "techreport"), spec.id, fields)])
    return bibtexparser.write_string(library)


def ris(spec: SourceSpec) -> str:
    """``spec`` as one RIS record, written by rispy."""
    entry: dict[str, Any] = {
        "type_of_reference": _RIS_TYPES.get(spec.kind or "", "GEN"),
        "title": spec.title or spec.label,
    }
    if spec.authors:
        entry["authors"] = [author_name(a) for a in spec.authors]
    if spec.publisher:
        entry["publisher"] = spec.publisher
    if spec.year is not None:
        entry["year"] = str(spec.year)
    entry["language"] = spec.language
    return rispy.dumps([entry])


@lru_cache(maxsize=64)
def citation_files(spec: SourceSpec) -> tuple[KbFile, ...]:
    """The files of ``spec`` under ``kb/citations/``: ``<id>.bib``, ``<id>.ris``, ``<id>.json``
    (CSL-JSON) and ``<id>.cite.json`` (the style key -> citation text the page's script copies).
    Made once per process for equal ``spec`` (citeproc takes a tenth of a second a source, which
    ``serve`` would spend on every rebuild).
    """
    base = f"{CITATIONS_DIR}/{spec.id}"
    styles = {
        "styles": {s.key: s.name for s in STYLES},
        "citations": render_citations(spec),
        "permalink": PERMALINK,
    }
    return (
        KbFile.page(f"{base}.bib", bibtex(spec)),
        KbFile.page(f"{base}.ris", ris(spec)),
        KbFile.page(f"{base}.json", _json([csl_record(spec)])),
        KbFile.page(f"{base}.cite.json", _json(styles)),
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
