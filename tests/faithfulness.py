"""Measures of faithfulness shared by the reader tests and the whole-source tests.

A *Chinese text unit* is a run of text between punctuation, symbols or line breaks that holds
at least two Han characters. Spaces inside a run do not split it and are ignored when comparing
(002's PDF dump inserts spaces between CJK characters). A unit is *intact* when it appears,
whitespace removed, inside the whitespace-free text of the converted document.
"""

from __future__ import annotations

import re
import unicodedata

import mwparserfromhell

from vdiplo_site.model import Document, iter_passages
from vdiplo_site.readers.wikitext_convert import resolve_conversions
from vdiplo_site.text import HAN as HAN_RANGES

HAN = re.compile(f"[{HAN_RANGES}]")
#: Templates MediaWiki renders without visible text whatever their parameters:
#: ``{{NoteTA|G1=政治|1=zh-hans:…;zh-hant:…}}`` declares the article's conversion groups and rules
#: (a hidden element, read by the language converter); ``{{Short description|…}}`` sets the page's
#: description for search engines and apps; ``{{Anchor|名}}`` an invisible link target; ``{{r|名}}``
#: reuses a named ``<ref>`` (its marker shows, the name does not). Their parameters are not text
#: of the page.
HIDDEN_TEMPLATES = frozenset({"noteta", "short description", "anchor", "anchors", "r"})
#: Navigation boxes and sidebars (``{{Navbox|title=…|list1=…}}``, ``{{Sidebar|…}}``): page
#: furniture shared by a family of articles, which the issue asks the reader to drop; their
#: parameters are not text of the article.
NAVIGATION_PREFIXES = ("navbox", "sidebar")
#: Inline maintenance marks: Wikipedia shows a fixed mark (``[來源請求]``, ``[需要解釋]``), never
#: their named parameters (``{{Citation needed|date=2024年1月|reason=…}}``: the date files the
#: page in a tracking category, the reason is a tooltip). Positional parameters still count.
MAINTENANCE_MARKS = frozenset(
    {
        "fact",
        "citation needed",
        "cn",
        "來源請求",
        "来源请求",
        "clarify",
        "dubious",
        "when",
        "who",
        "which",
        "by whom",
        "vague",
        "page needed",
        "failed verification",
        "verify source",
        "according to whom",
    }
)
#: ``[[ja:…]]``: an interlanguage link (a language code, no leading colon) is listed beside the
#: page, in the languages menu, not shown in its text.
LANGUAGE_LINK = re.compile(r"\s*[a-z]{2,3}(?:-[a-z]+)*:")
RAW_MARKUP = ("[[", "]]", "{{", "}}", "<ref", "</ref", "<sup>", "|thumb", "'''", "<br")


def _splits(char: str) -> bool:
    """Whether ``char`` ends a text unit (punctuation, symbol, or a line break)."""
    return char in "\n\r" or unicodedata.category(char)[0] in "PS"


URL = re.compile(r"(?:https?|ftp)://\S+")


def text_units(text: str) -> list[str]:
    """Return the Chinese text units of ``text`` in order, whitespace removed from each.

    URLs are boundaries too: a URL is not Chinese text, and a wikitext ``[url title]`` only has
    a space between the URL and the title.
    """
    units, current = [], []
    for char in URL.sub("\n", text) + "\n":
        if _splits(char):
            unit = re.sub(r"\s+", "", "".join(current))
            if len(HAN.findall(unit)) >= 2:
                units.append(unit)
            current = []
        else:
            current.append(char)
    return units


def visible_wikitext(source_text: str) -> str:
    """The text a reader of a wiki page sees, by mwparserfromhell's own ``strip_code``.

    Link targets, template names, files, categories and interlanguage links are not visible;
    link labels, template parameters (``{{Fact|…}}``, ``{{seealso|…}}``, each on its own line)
    and each ``<ref>``'s content (shown as a footnote) are. External links, references and
    parameters are set apart by line breaks, as they are separate elements on the page. This is
    the reference the wikitext reader is measured against: computed with the library, not with
    our reader.

    Templates that show nothing whatever their parameters (:data:`HIDDEN_TEMPLATES`, NoteTA's
    conversion tables) and navigation boxes (:data:`NAVIGATION_PREFIXES`) show nothing here
    either, and inline maintenance marks
    (:data:`MAINTENANCE_MARKS`) only their positional parameters.

    Language-converter markup ``-{zh-hans:…;zh-tw:…}-`` is first resolved to the one variant a
    reader of the Taiwan (zh-tw) view sees, with the reader's own
    :func:`~vdiplo_site.readers.wikitext_convert.resolve_conversions` (tested on its own):
    the page never shows both variants.
    """
    code = mwparserfromhell.parse(resolve_conversions(source_text))
    for link in code.filter_wikilinks():
        if re.match(
            r"(?i)\s*(file|image|category|檔案|文件|图像|圖像|分類|分类):", str(link.title)
        ) or LANGUAGE_LINK.match(str(link.title)):
            _replace(code, link, "\n")
    for link in code.filter_external_links():
        _replace(code, link, f"\n{link.title or ''}\n")
    for template in code.filter_templates():
        key = str(template.name).strip().casefold().replace("_", " ")
        if key in HIDDEN_TEMPLATES or key.startswith(NAVIGATION_PREFIXES):
            _replace(code, template, "\n")
            continue
        shown = [p for p in template.params if key not in MAINTENANCE_MARKS or not p.showkey]
        params = "\n".join(str(param.value) for param in shown)
        _replace(code, template, f"\n{params}\n")
    for ref in code.filter_tags(matches=lambda node: str(node.tag).lower() == "ref"):
        _replace(code, ref, f"\n{ref.contents or ''}\n")
    return code.strip_code(normalize=True, collapse=False)


def _replace(code, node, text: str) -> None:
    """Replace ``node`` in ``code`` if it is still there (a parent may have been replaced)."""
    try:
        code.replace(node, text, recursive=True)
    except ValueError:
        pass


def source_units_text(fmt: str, source_text: str) -> str:
    """The text whose units a source's page must keep: visible text for wikitext, else raw."""
    return visible_wikitext(source_text) if fmt == "wikitext" else source_text


def squash(text: str) -> str:
    """``text`` with all whitespace removed."""
    return re.sub(r"\s+", "", text)


def document_text(document: Document) -> str:
    """All text a reader can see on a source's page: its title (the manifest's label, the page's
    heading), every passage (headings, blocks, notes, footnote references kept) and the
    categories."""
    passages = (passage.text for passage in iter_passages(document))
    return "\n".join([document.spec.label, *passages, *document.tags])


def intact_ratio(source_text: str, converted_text: str) -> tuple[float, list[str]]:
    """Share of the source's units found intact in the converted text, and the missing units."""
    units = text_units(source_text)
    haystack = squash(converted_text)
    missing = [unit for unit in units if unit not in haystack]
    return (1 - len(missing) / len(units)) if units else 1.0, missing
