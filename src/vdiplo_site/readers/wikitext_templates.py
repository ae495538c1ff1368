"""Template families of Chinese Wikipedia articles, as a reader of the article sees them.

Seed 000 uses a handful of templates (:mod:`.wikitext_render` handles them); other articles use
many more. The common families:

* page furniture, dropped: language-conversion tables (``{{NoteTA}}``), hatnotes (``{{Main}}``,
  ``{{Further}}``, ``{{About}}``, ``{{Otheruses}}``), infoboxes (``{{Infobox …}}``,
  ``{{… 信息框}}``), navigation boxes and sidebars, maintenance banners (``{{Refimprove}}``,
  ``{{Multiple issues}}``, ``{{Expand …}}``, stubs), sorting keys and other magic words
  (:func:`is_dropped`);
* citations (``{{cite web}}``, ``{{cite news}}``, ``{{cite book}}``, ``{{citation}}``…): a note's
  text as authors, title, work, publisher, date and URL (:func:`citation_text`), its fields a
  :class:`~vdiplo_site.model.Citation` (:func:`citation_fields`);
* text templates whose visible text is one of their arguments: ``{{lang|en|Text}}`` -> ``Text``,
  ``{{lang-ja|…}}`` -> ``日語：…``, ``{{link-en|北約|NATO}}`` -> ``北約（NATO）``, ``{{le|…}}``,
  ``{{tsl|en|NATO|北約}}`` -> ``北約（NATO）`` (:data:`SHOWS`);
* notes: ``{{efn|…}}`` and ``{{NoteTag|…}}`` are notes as ``<ref>`` is (:data:`NOTE_TEMPLATES`);
  ``{{rp|528}}`` shows the page after a note reference (``:528``);
* table cells: ``{{yes}}`` -> 是, ``{{no}}`` -> 否, ``{{partial}}`` -> 部分 (or the argument they are
  given, ``{{yes|已簽署}}`` -> 已簽署), :data:`CELL_WORDS`.

Anything else is *unknown*: the reader shows its positional arguments and names it once in a
warning (or stops, when strict). Language-converter markup ``-{…}-`` is resolved before parsing
(:func:`resolve_conversions`).
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Template

from ..text import HAN

#: Page furniture by exact (case-folded) name.
DROPPED_NAMES = frozenset(
    {
        "noteta",
        "better source",
        "what",
        "dubious",
        "clarify",
        "when",
        "who",
        "which",
        "by whom",
        "vague",
        "verify source",
        "failed verification",
        "page needed",
        "full citation needed",
        "according to whom",
        "校对翻译",
        "校對翻譯",
        "roughtranslation",
        "translating",
        "notmandarin",
        "tone",
        "advert",
        "prose",
        "oftenupdate",
        "refbegin",
        "refend",
        "div col",
        "div col end",
        "col-begin",
        "col-break",
        "col-end",
        "clr",
        "refimprove",
        "more citations needed",
        "unreferenced",
        "multiple issues",
        "多個問題",
        "多个问题",
        "copyedit",
        "orphan",
        "wikify",
        "cleanup",
        "current",
        "update",
        "citation style",
        "expert",
        "notability",
        "pov",
        "original research",
        "authority control",
        "規範控制",
        "规范控制",
        "portal",
        "portal bar",
        "commons",
        "commons category",
        "commonscat",
        "wikisource",
        "wikiquote",
        "short description",
        "toc",
        "toc right",
        "tocright",
        "toclimit",
        "clear",
        "-",
        "reflist",
        "references",
        "notelist",
        "good article",
        "featured article",
        "use dmy dates",
        "use mdy dates",
        "coord missing",
        "stub",
        "substub",
        "flagicon",
        "flagdeco",
    }
)
#: Page furniture by name prefix (infoboxes, navboxes, sidebars, banners, protection).
DROPPED_PREFIXES = (
    "contains ",
    "col-",
    "cleanup",
    "unreferenced",
    "reflist",
    "notefoot",
    "infobox",
    "navbox",
    "sidebar",
    "expand",
    "pp-",
    "merge",
    "refimprove",
    "portal",
    "citation style",
)
#: …and by name suffix (``{{日本政治信息框}}``, ``{{Japan-stub}}``, ``{{美國外交導航}}``).
DROPPED_SUFFIXES = ("信息框", "資訊框", "-stub", "小作品", "導航", "导航", "navbox", "sidebar", "模板")
#: Magic words written like templates: ``{{DEFAULTSORT:…}}``, ``{{DISPLAYTITLE:…}}``.
MAGIC_WORDS = ("defaultsort:", "displaytitle:", "#")

#: Templates that make a note of their first argument, as ``<ref>`` does (``{{efn|…}}``).
NOTE_TEMPLATES = frozenset(
    {"efn", "efn-ua", "efn-lr", "efn-la", "notetag", "note tag", "refnest", "ref label"}
)

#: Table-cell templates: the word the cell shows when the template has no argument.
CELL_WORDS = {
    "yes": "是",
    "y": "是",
    "yes2": "是",
    "no": "否",
    "n": "否",
    "no2": "否",
    "partial": "部分",
    "some": "部分",
    "dunno": "未知",
    "unknown": "未知",
    "n/a": "不適用",
    "na": "不適用",
    "tba": "待公布",
}

#: Table-cell templates that show their argument (``{{free|CC0}}``); without one they show a
#: word of Wikipedia's that the reader does not know, so they stay unknown (and listed).
CELL_TEXTS = frozenset(
    {"free", "nonfree", "depends", "nightly", "incorrect", "beta", "dropped", "unofficial", "optional"}
    | {"sometimes", "rare", "usually", "good", "bad", "okay", "planned", "maybe", "deprecated"}
)
#: Templates that show their second argument (the first is a colour or a sort key).
SECOND_ARGUMENT = frozenset({"color", "colour", "font color", "legend", "sort", "hs", "sortname", "ntsh"})
#: Templates whose arguments are the items of a list.
LISTS = frozenset({"ubl", "unbulleted list", "hlist", "bulleted list", "ordered list", "collapsible list"})
#: Quotations: the quoted text, then who said it and where.
QUOTES = frozenset(
    {"quote", "quotation", "cquote", "blockquote", "quote box", "rquote", "centered pull quote"}
)
#: ``{{en}}``, ``{{zh-tw}}`` after an external link: the language of the page it links to.
LANGUAGE_ICONS = {
    "en": "英文",
    "en icon": "英文",
    "ja": "日文",
    "ja icon": "日文",
    "ko": "韓文",
    "de": "德文",
    "fr": "法文",
    "ru": "俄文",
    "zh": "中文",
    "zh icon": "中文",
    "zh-cn": "簡體中文",
    "zh-hans": "簡體中文",
    "zh-tw": "繁體中文",
    "zh-hant": "繁體中文",
    "zh-hk": "繁體中文",
}
#: Date templates: ``{{Start date|2017|8|28}}`` -> ``2017年8月28日`` (the date, without the age).
DATES = frozenset(
    {"bd", "birth date", "death date", "start date", "end date", "date", "dts"}
    | {"start date and age", "birth date and age", "death date and age", "end date and age"}
)

#: `{{lang-xx|…}}` and `{{link-xx|…}}`: the language's name, as Wikipedia shows it.
LANGUAGE_NAMES = {
    "en": "英語",
    "ja": "日語",
    "ko": "韓語",
    "de": "德語",
    "fr": "法語",
    "es": "西班牙語",
    "ru": "俄語",
    "it": "義大利語",
    "pt": "葡萄牙語",
    "nl": "荷蘭語",
    "pl": "波蘭語",
    "lt": "立陶宛語",
    "cs": "捷克語",
    "uk": "烏克蘭語",
    "la": "拉丁語",
    "ar": "阿拉伯語",
    "vi": "越南語",
    "zh": "中文",
}


#: Hatnotes that name other articles, shown as one line: ``{{Main|A|B}}`` -> ``主條目：A、B``.
HATNOTES = {
    "main": "主條目",
    "main article": "主條目",
    "主條目": "主條目",
    "主条目": "主條目",
    "further": "延伸閱讀",
    "further information": "延伸閱讀",
    "details": "詳細內容",
    "seealso": "參見",
    "see also": "參見",
    "參見": "參見",
    "参见": "參見",
    "about": "其他用法",
    "otheruses": "其他用法",
    "other uses": "其他用法",
    "for": "其他用法",
    "redirect": "其他用法",
    "dablink": "其他用法",
    "hatnote": "其他用法",
    "distinguish": "易混淆",
}
#: Infoboxes by name prefix or suffix (``{{Infobox OS}}``, ``{{日本政治信息框}}``, ``{{Taxobox}}``).
INFOBOX_PREFIXES = ("infobox", "taxobox", "chembox", "drugbox", "speciesbox")
INFOBOX_SUFFIXES = ("信息框", "資訊框", "资讯框", "infobox")


def is_infobox(key: str) -> bool:
    """Whether the template named ``key`` is an infobox (shown as a table of its fields)."""
    return key.startswith(INFOBOX_PREFIXES) or key.endswith(INFOBOX_SUFFIXES)


def is_dropped(key: str) -> bool:
    """Whether the template named ``key`` (:func:`.wikitext_refs.template_key`) is page
    furniture (NoteTA, hatnotes, infoboxes, navigation, maintenance, magic words)."""
    return (
        key in DROPPED_NAMES
        or key.startswith(DROPPED_PREFIXES)
        or key.endswith(DROPPED_SUFFIXES)
        or key.startswith(MAGIC_WORDS)
    )


def shown_argument(template: Template, key: str, render) -> str | None:
    """The visible text of a text template (see the module docstring), or ``None`` for a
    template of no such family. ``render`` renders a parameter value as text."""

    def arg(number: int) -> str:
        return render(template.get(number).value) if template.has(number) else ""

    if key == "lang":
        return arg(2)
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
    if key in LISTS:  # {{ubl|甲|乙}}: the items
        return "、".join(text for p in template.params if not p.showkey and (text := render(p.value)))
    if key in QUOTES:
        return _quote(template, render)
    if key in ("zh", "chinese", "lang-zh-hant"):  # {{zh|t=臺灣|s=台湾|p=Táiwān}}: each form given
        named = (render(template.get(n).value) for n in ("t", "s", "c", "p", "l") if template.has(n))
        return "，".join(text for text in (arg(1), *named) if text)
    if key == "nihongo":  # {{nihongo|English|日本語|rōmaji}}: English（日本語，rōmaji）
        inside = "，".join(text for text in (arg(2), arg(3)) if text)
        return f"{arg(1)}（{inside}）" if inside and arg(1) else arg(1) or inside
    if key == "ruby":  # {{ruby|漢字|かんじ}}: the text and its reading
        return f"{arg(1)}（{arg(2)}）" if arg(2) else arg(1)
    if key in LANGUAGE_ICONS and not template.params:  # {{en}} after a link: the link's language
        return f"（{LANGUAGE_ICONS[key]}）"
    if key in ("flag", "flagcountry", "flagu"):  # a flag and the country's name: the name
        return arg(1)
    if key == "!":  # a literal |
        return "|"
    if key == "transl":  # {{transl|zh|Cèshì}}, {{transl|zh|ISO|Cèshì}}: the transliteration
        return arg(3) or arg(2)
    if key in ("convert", "cvt"):  # {{convert|1200|km2}}: the quantity as written, its unit
        return " ".join(text for p in template.params if not p.showkey and (text := render(p.value)))
    if key == "rp":  # page numbers after a note reference: Wikipedia shows ":528"
        return f":{arg(1)}"
    if key in DATES:
        return "".join(f"{arg(n)}{unit}" for n, unit in ((1, "年"), (2, "月"), (3, "日")) if arg(n))
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

#: ``-{…}-``: language-converter markup; the group is the inside, without flags.
_CONVERSION = re.compile(r"-\{(?:([A-Za-z;]+)\|)?(.*?)\}-", re.DOTALL)
#: Variants in order of preference: the Traditional forms, Taiwan's first.
VARIANTS = ("zh-tw", "zh-hant", "zh-hk", "zh-mo", "zh", "zh-hans", "zh-cn", "zh-sg", "zh-my")


def resolve_conversions(text: str) -> str:
    """Resolve Chinese Wikipedia's converter markup to the Traditional (Taiwan) text.

    Quirk: Chinese Wikipedia writes variant-specific text as ``-{zh-hans:…;zh-hant:…}-`` (shown
    in the reader's variant), protects text from conversion as ``-{…}-`` and declares rules as
    ``-{H|…}-`` / ``-{A|…}-``. The result keeps the zh-tw form, else zh-hant, zh-hk, zh-mo,
    the plain text, then the Simplified forms (:data:`VARIANTS`); a rule-only ``H`` (or ``-``)
    block shows nothing; ``A`` shows its text as well. Line breaks inside are kept as line
    breaks (so line numbers of later errors stay right).
    """

    def resolve(match: re.Match[str]) -> str:
        flags, inside = match.group(1) or "", match.group(2)
        breaks = "\n" * inside.count("\n")
        if "H" in flags or "-" in flags:
            return breaks
        pairs = (part.partition(":") for part in inside.split(";"))
        variants = {
            code.strip().lower(): value for code, _, value in pairs if code.strip().lower() in VARIANTS
        }
        if not variants:
            return inside
        return next(variants[code] for code in VARIANTS if code in variants).strip() + breaks

    return _CONVERSION.sub(resolve, text)
