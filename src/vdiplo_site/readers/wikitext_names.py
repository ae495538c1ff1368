"""Names of the template families of Chinese Wikipedia articles (as :func:`.wikitext_refs.template_key`
gives them: case-folded, ``_`` as a space): page furniture, notes, hatnotes, infoboxes, cell
templates and the other text templates :mod:`.wikitext_templates` renders.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.core import get_global

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
        "更新",
        "anchor",
        "anchors",
        "increase",
        "decrease",
        "steady",
        "copy edit",
        "rough translation",
        "not mandarin",
        "translation",
        "dead end",
        "very long",
        "unbalanced",
        "globalize",
        "third-party",
        "primary sources",
        "self-published",
        "fansite",
        "howto",
        "trivia",
        "weasel",
        "peacock",
        "undue",
        "disputed",
        "importance",
        "special characters",
        "recentism",
        "living",
        "sticky header",
        "static row numbers",
        "table-sticky",
        "row hover highlight",
        "reflist-talk",
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
    "blp ",
    "lead ",
    "use ",
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
    "citation style",
)
#: …and by name suffix (``{{日本政治信息框}}``, ``{{Japan-stub}}``, ``{{美國外交導航}}``).
DROPPED_SUFFIXES = ("信息框", "資訊框", "-stub", "小作品", "導航", "导航", "navbox", "sidebar", "模板")
#: Magic words written like templates: ``{{DEFAULTSORT:…}}``, ``{{DISPLAYTITLE:…}}``.
MAGIC_WORDS = ("defaultsort:", "displaytitle:", "#")

#: Templates that make a note of their first argument, as ``<ref>`` does (``{{efn|…}}``,
#: ``{{#tag:ref|…|name=…}}``: the parser function that writes a ``<ref>``).
NOTE_TEMPLATES = frozenset(
    {"efn", "efn-ua", "efn-lr", "efn-la", "notetag", "note tag", "refnest", "refn", "ref label", "#tag:ref"}
)

#: Table-cell templates: the word (or mark) the cell shows when the template has no argument.
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
    "tick": "✓",
    "check mark": "✓",
    "ya": "✓",
    "cross": "✗",
    "xmark": "✗",
    "x mark": "✗",
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
#: Templates MediaWiki renders as a block (a list, a quotation box) when they start a line: a
#: paragraph of their own, not joined to the lines before and after them.
BLOCK_TEMPLATES = LISTS | QUOTES | frozenset({"plainlist", "flatlist"})
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
    {"bd", "birth date", "death date", "start date", "end date", "date", "dts", "release date"}
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


#: Hatnotes and portal boxes that name other pages, shown as one line: ``{{Main|A|B}}`` ->
#: ``主條目：A、B``, ``{{Portal bar|政治|臺灣}}`` -> ``主題：政治、臺灣``.
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
    "portal": "主題",
    "portal bar": "主題",
    "portal-inline": "主題",
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


#: Country codes of flag templates (``{{USA}}``, ``{{flag|JPN}}``): the name Wikipedia shows
#: beside the flag, in the Taiwan (zh-tw) form.
COUNTRY_CODES = {
    "USA": "美國",
    "JPN": "日本",
    "CHN": "中國",
    "PRC": "中華人民共和國",
    "ROC": "中華民國",
    "TWN": "臺灣",
    "KOR": "韓國",
    "ROK": "大韓民國",
    "GBR": "英國",
    "UK": "英國",
    "FRA": "法國",
    "GER": "德國",
    "DEU": "德國",
    "RUS": "俄羅斯",
    "IND": "印度",
    "AUS": "澳洲",
    "CAN": "加拿大",
    "ITA": "義大利",
    "ESP": "西班牙",
    "NED": "荷蘭",
    "NOR": "挪威",
    "PHI": "菲律賓",
    "VIE": "越南",
    "THA": "泰國",
    "SGP": "新加坡",
    "MAS": "馬來西亞",
    "INA": "印尼",
    "NZL": "紐西蘭",
    "EU": "歐洲聯盟",
    "ROC-TW": "中華民國（臺灣）",
    "ROK-KOR": "大韓民國（韓國）",
}


@cache
def _cldr_territories() -> dict[str, str]:
    """Territory names in Taiwan's Traditional Chinese (CLDR, through Babel), keyed by what a
    flag template's argument may be: the ISO 3166 alpha-2 and alpha-3 codes and the English
    name, all upper-cased (``{"GT": "瓜地馬拉", "GTM": "瓜地馬拉", "GUATEMALA": "瓜地馬拉"}``)."""
    chinese = Locale.parse("zh_Hant_TW").territories
    names: dict[str, str] = {}
    for code, english in Locale("en").territories.items():
        if code in chinese and code.isalpha():
            names.setdefault(english.upper(), chinese[code])
            names[code.upper()] = chinese[code]
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and targets and targets[0] in chinese:
            names.setdefault(alias.upper(), chinese[targets[0]])
    return names


def country_name(argument: str) -> str:
    """The name Chinese Wikipedia shows beside a flag for a flag template's country argument
    (``{{flag|JPN}}``, ``{{flagcountry|Guatemala}}``, ``{{flag|日本}}``), in the Taiwan form.

    Input: the argument as written. Output: :data:`COUNTRY_CODES`'s name (the codes Wikipedia's
    country data templates use, IOC's among them), else CLDR's zh-Hant-TW name for an ISO 3166
    code or an English country name, else the argument unchanged (a Chinese name is shown as
    written). Raises nothing.
    """
    key = argument.strip().upper()
    return COUNTRY_CODES.get(key) or _cldr_territories().get(key) or argument
