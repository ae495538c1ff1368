"""Template families of Chinese Wikipedia articles, as a reader of the article sees them.

Seed 000 uses a handful of templates (:mod:`.wikitext_render` handles them); other articles use
many more (their names are in :mod:`.wikitext_names`). The common families:

* page furniture, dropped: language-conversion tables (``{{NoteTA}}``), navigation boxes and
  sidebars, maintenance banners and inline tags (``{{Refimprove}}``, ``{{Multiple issues}}``,
  ``{{Expand …}}``, ``{{Dubious}}``, stubs), column layout, sorting keys and other magic words
  (:func:`.wikitext_names.is_dropped`);
* hatnotes and portal boxes: one line (``主條目：…``, ``其他用法：…``, ``主題：…``), see
  :meth:`.wikitext_render.InlineRenderer.see_also`; infoboxes: a table of their fields;
* citations (``{{cite web}}``, ``{{cite news}}``, ``{{citation}}``…): the note's text and its
  fields (:mod:`.wikitext_citations`); ``{{efn}}``, ``{{NoteTag}}``, ``{{sfn}}``,
  ``{{#tag:ref}}`` are notes as ``<ref>`` is; ``{{rp|528}}`` shows the page after a note
  reference (``:528``);
* text templates, by what they show (:func:`shown_argument`): ``{{lang|en|Text}}`` -> ``Text``,
  ``{{lang-ja|…}}`` -> ``日語：…``, ``{{link-en|北約|NATO}}`` -> ``北約（NATO）``,
  ``{{tsl|en|NATO|北約}}`` the same, ``{{flag|JPN}}`` -> ``日本``, ``{{convert|3|km}}``,
  quotations, lists, dates;
* table cells: ``{{yes}}`` -> 是, ``{{no}}`` -> 否, ``{{partial}}`` -> 部分 (or the argument they are
  given, ``{{yes|已簽署}}`` -> 已簽署).

Anything else is *unknown*: the reader shows its arguments (:func:`visible_arguments`) and names
it once in a warning (or stops, when strict). Language-converter markup ``-{…}-`` is resolved
before parsing (:func:`.wikitext_convert.resolve_conversions`).
"""

from __future__ import annotations

import re
from functools import cache

from mwparserfromhell.nodes import Template

from ..text import HAN
from .wikitext_names import (
    CELL_TEXTS,
    CELL_WORDS,
    DATES,
    LANGUAGE_ICONS,
    LANGUAGE_NAMES,
    LISTS,
    QUOTES,
    SECOND_ARGUMENT,
    country_name,
)


def shown_argument(template: Template, key: str, render) -> str | None:
    """The visible text of a text template (see the module docstring), or ``None`` for a
    template of no such family. ``render`` renders a parameter value as text.

    Each argument is rendered once, however often a family's rule reads it: rendering registers
    the ``<ref>`` notes inside it, and a second rendering would register them again (an orphan
    note, which MkDocs' strict build refuses).
    """

    @cache
    def arg(number: int) -> str:
        return render(template.get(number).value) if template.has(number) else ""

    if key == "lang":
        return arg(2)
    if key == "as of":  # {{As of|2024|1}}: 截至2024年1月
        date = "".join(f"{arg(n)}{unit}" for n, unit in ((1, "年"), (2, "月"), (3, "日")) if arg(n))
        return f"截至{date}" if date else ""
    if key.startswith("lang-"):
        name = LANGUAGE_NAMES.get(key[5:])
        return f"{name}：{arg(1)}" if name else arg(1)
    if key.startswith("link-") or key in ("le", "ill", "tsl", "interlanguage link"):
        return _interlanguage_link(key, arg, render(template.get("lt").value) if template.has("lt") else "")
    if key in CELL_WORDS:
        return arg(1) or CELL_WORDS[key]
    if (key in CELL_TEXTS or key.startswith("table-")) and arg(1):  # {{free|CC0}}, {{nightly|2.0}}
        return arg(1)
    if key in ("url", "official website", "official"):  # {{URL|https://…|label}}: the label, else the address
        return arg(2) or arg(1)
    if key in (
        "nowrap",
        "nobr",
        "small",
        "big",
        "smaller",
        "larger",
        "center",
        "lang-zh",
        "abbr",
        "tooltip",
        "sup",
        "sub",
        "plainlist",
        "flatlist",
        "hant",
        "hans",
        "nts",
        "nowrap begin",
    ):
        return arg(1)
    if key in SECOND_ARGUMENT:  # {{color|red|文字}}, {{sort|key|文字}}: the second, else the first
        return arg(2) or arg(1)
    if key in LISTS:  # {{ubl|甲|乙}}: the items; {{collapsible list|title=成員|甲|乙}}: 成員：甲、乙
        items = "、".join(text for p in template.params if not p.showkey and (text := render(p.value)))
        title = render(template.get("title").value) if template.has("title") else ""
        return f"{title}：{items}" if title and items else title or items
    if key in QUOTES:
        return _quote(template, render)
    if key in LANGUAGE_ICONS and not template.params:  # {{en}}, {{zh}} after a link: its language
        return f"（{LANGUAGE_ICONS[key]}）"
    if key in ("zh", "chinese", "lang-zh-hant"):  # {{zh|t=臺灣|s=台湾|p=Táiwān}}: each form given
        named = (render(template.get(n).value) for n in ("t", "s", "c", "p", "l") if template.has(n))
        return "，".join(text for text in (arg(1), *named) if text)
    if key == "nihongo":  # {{nihongo|English|日本語|rōmaji}}: English（日本語，rōmaji）
        inside = "，".join(text for text in (arg(2), arg(3)) if text)
        return f"{arg(1)}（{inside}）" if inside and arg(1) else arg(1) or inside
    if key == "ruby":  # {{ruby|漢字|かんじ}}: the text and its reading
        return f"{arg(1)}（{arg(2)}）" if arg(2) else arg(1)
    if key in ("flag", "flagcountry", "flagu"):  # a flag and the country's name: the name
        return arg(2) or country_name(arg(1))
    if key in ("tl", "tlx", "tlp", "tl2", "template link"):  # {{tl|Main}}: the template's name
        return arg(1)
    if key == "!":  # a literal |
        return "|"
    if key == "transl":  # {{transl|zh|Cèshì}}, {{transl|zh|ISO|Cèshì}}: the transliteration
        return arg(3) or arg(2)
    if key in ("convert", "cvt"):  # {{convert|1200|km2}}: the quantity as written, its unit
        return " ".join(text for p in template.params if not p.showkey and (text := render(p.value)))
    if key == "rp":  # page numbers after a note reference: Wikipedia shows ":528"
        return f":{arg(1)}"
    if key in DATES:  # {{Start date|1990|5|20}} -> 1990年5月20日; {{date|2014-08-29|iso}} -> 2014-08-29
        if not arg(1).isdigit():
            return arg(1)
        parts = ((1, "年"), (2, "月"), (3, "日"))
        return "".join(f"{arg(n)}{unit}" for n, unit in parts if arg(n).isdigit())
    return None


def _quote(template: Template, render) -> str:
    """``{{quote|text|who|where}}``, ``{{quote box|quote=…|author=…|source=…}}`` ->
    ``text——who，where``."""

    def first(*names: str | int) -> str:
        return next((render(template.get(n).value) for n in names if template.has(n)), "")

    text = first("text", "quote", "quotetext", 1)
    by = "，".join(
        part for part in (first("author", "sign", "person", 2), first("source", "title", 3)) if part
    )
    return f"{text}——{by}" if by else text


def _interlanguage_link(key: str, arg, label: str) -> str:
    """An interlanguage link as the text it shows, then the article it names and the foreign
    title in brackets when they differ from that text: ``{{link-en|中文|English|shown}}`` ->
    ``shown（中文，English）``, ``{{tsl|en|English|中文|shown}}`` the same,
    ``{{ill|中文|en|English}}`` -> ``中文（English）``, ``{{le|北約|NATO}}`` -> ``北約（NATO）``.

    Quirk: the local article's name is not shown by Wikipedia when a display text is given,
    but it is the source's text (and what the link leads to), so it stays, in the brackets.
    """
    if key == "tsl":
        foreign, target, shown = arg(2), arg(3) or arg(2), arg(4)
    elif key in ("ill", "interlanguage link"):
        target, foreign, shown = arg(1), arg(3), label or arg(4)
    else:
        target, foreign, shown = arg(1), arg(2), arg(3)
    shown = shown or target
    extra = [name for name in dict.fromkeys((target, foreign)) if name and name != shown]
    return f"{shown}（{'，'.join(extra)}）" if extra else shown


#: Infobox fields that set its layout, not text of the article.
INFOBOX_LAYOUT = frozenset(
    {"embed", "child", "subbox", "bodyclass", "bodystyle", "width", "float", "autoheaders"}
    | {"image_size", "imagesize", "logo_size", "size", "alt", "image_alt", "caption_size", "map_size"}
)


def infobox_fields(template: Template, render) -> list[tuple[str, str]]:
    """An infobox's fields that show text, in order: ``(name, value)``, the name as written
    (``developer``, ``首都``). A generic ``{{Infobox|label1=首都|data1=臺北}}`` pairs each
    ``dataN`` with its ``labelN``: ``("首都", "臺北")``. A field whose value shows nothing (an
    image) is left out, and so are layout fields (:data:`INFOBOX_LAYOUT`: ``embed=yes``…)."""
    values = [
        (str(p.name).strip() if p.showkey else "", render(p.value))
        for p in template.params
        if str(p.name).strip().casefold() not in INFOBOX_LAYOUT
    ]
    labels = {name[5:]: value for name, value in values if name.startswith("label") and name[5:].isdigit()}
    data = {name[4:] for name, value in values if name.startswith("data") and name[4:].isdigit() and value}
    fields = []
    for name, value in values:
        if not value or (name.startswith("label") and name[5:] in data):
            continue
        if name.startswith("data") and name[4:].isdigit():
            name = labels.get(name[4:], name)
        fields.append((" ".join(name.split()), value))
    return fields


def visible_arguments(template: Template, render) -> str:
    """What an unknown template shows at most: its positional arguments' text, then the named
    ones that hold Chinese text (``|quote=…``, ``|title=…``: text shown; ``|width=30em``,
    ``|align=right``: layout, not shown), in the order written, joined by a space."""
    shown = []
    for param in template.params:
        text = render(param.value)
        if text and (not param.showkey or HAN_CHARACTER.search(text)):
            shown.append(text)
    return " ".join(shown)


HAN_CHARACTER = re.compile(f"[{HAN}]")
