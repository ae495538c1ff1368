"""Wikitext markup that is neither a template's text nor a link's label: short-citation notes
(``{{sfn}}``), behaviour switches (``__TOC__``), image options and captions' framing, and
interlanguage link prefixes.
"""

from __future__ import annotations

from mwparserfromhell.nodes import Template

from .wikitext_refs import param

#: Short citations (``{{sfn|王|2020|p=15}}``): a note ``王 2020, p. 15``; the same arguments, the same note.
SHORT_NOTES = frozenset({"sfn", "sfnp", "harvnb", "sfnm"})


def note_of(template: Template, key: str) -> tuple[str | None, str]:
    """The name and wikitext of the note a note template makes: ``{{efn|name=a|text}}`` ->
    ``("a", "text")``; ``{{sfn|王|2020|p=15}}`` -> ``("sfn 王 2020 15", "王 2020, p. 15")``."""
    if key not in SHORT_NOTES:
        return param(template, "name"), str(template.get(1).value) if template.has(1) else ""
    cited = " ".join(str(p.value).strip() for p in template.params if not p.showkey)
    pages = next(
        (param(template, name) for name in ("p", "pp", "page", "pages", "loc") if param(template, name)), None
    )
    return f"{key} {cited} {pages or ''}".strip(), f"{cited}, p. {pages}" if pages else cited


#: Behaviour switches (magic words): they set how the page works and show nothing.
BEHAVIOUR_SWITCHES = (
    "__TOC__",
    "__NOTOC__",
    "__FORCETOC__",
    "__NOEDITSECTION__",
    "__NEWSECTIONLINK__",
    "__NONEWSECTIONLINK__",
    "__NOGALLERY__",
    "__HIDDENCAT__",
    "__INDEX__",
    "__NOINDEX__",
    "__STATICREDIRECT__",
    "__DISAMBIG__",
    "__NOTITLECONVERT__",
    "__NOTC__",
    "__NOCONTENTCONVERT__",
    "__NOCC__",
    "__EXPECTUNUSEDCATEGORY__",
)


def without_switches(text: str) -> str:
    """``text`` without the behaviour switches it holds (``__TOC__``: mwparserfromhell keeps them as text)."""
    if "__" in text:
        for switch in BEHAVIOUR_SWITCHES:
            text = text.replace(switch, "")
    return text


#: Image options that frame an image, showing its caption (English and Chinese spellings).
FRAMES = frozenset({"thumb", "thumbnail", "frame", "framed", "缩略图", "縮圖", "縮略圖", "有框", "框"})
#: Other image options: placement and size; ``alt=``, ``link=``… are options too.
_IMAGE_OPTIONS = frozenset(
    {"left", "right", "center", "centre", "none", "upright", "border", "frameless", "baseline", "middle"}
    | {
        "sub",
        "super",
        "top",
        "text-top",
        "bottom",
        "text-bottom",
        "左",
        "右",
        "居中",
        "无",
        "無",
        "无框",
        "無框",
    }
)


def is_image_option(text: str) -> bool:
    """Whether one ``|``-part of an image link is an option rather than its caption."""
    key, equals, _ = text.partition("=")
    size = text.casefold().removesuffix("px").replace("x", "")
    return (
        text.casefold() in FRAMES
        or text.casefold() in _IMAGE_OPTIONS
        or (text.casefold().endswith("px") and size.isdigit())
        or text.casefold().startswith("upright")
        or bool(equals and key.strip().isascii() and key.strip().isalpha() and " " not in key.strip())
    )


def is_language_link(prefix: str) -> bool:
    """Whether a link prefix is a language code (``en``, ``ja``, ``zh-yue``, ``be-tarask``):
    ``[[en:Title]]`` without a leading colon is an interlanguage link, shown beside the page,
    not in its text."""
    first, *rest = prefix.strip().split("-")
    return (
        2 <= len(first) <= 3
        and first.isascii()
        and first.isalpha()
        and first.islower()
        and all(part.isascii() and part.isalpha() for part in rest)
    )


def unindented_tables(text: str) -> str:
    """``text`` with the indentation colons before a table's opening removed (``::{| …``).

    Quirk: MediaWiki opens a table after indentation (``:{|`` shows an indented table);
    mwparserfromhell reads ``{|`` as a table only at the start of a line, and would leave the
    whole table as text. The colons are layout only; line numbers stay as they were.
    """
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.startswith(":") and line.lstrip(": \t").startswith("{|"):
            lines[number] = line.lstrip(": \t")
    return "\n".join(lines)
