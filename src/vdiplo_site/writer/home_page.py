"""The home page and the sources index: what the knowledge base is, and its sources."""

from __future__ import annotations

from ..model import SourceSpec
from .front_matter import dump_front_matter
from .markdown_text import escape_inline
from .paths import (
    HOME,
    MAP,
    NETWORK,
    REVIEW_COMPARISON,
    SOURCES_INDEX,
    TIMELINE,
    TYPE_DIRS,
    TYPE_NAMES,
    entity_index_path,
    href,
    source_path,
)
from .source_metadata import UNSTATED, count_words, kind_name

#: The home page's own text. Chinese is not hard-wrapped: a line break inside Chinese text
#: renders as a space (「可搜尋、 可逐段」), so each Chinese paragraph is one line.
_INTRO_ZH = (
    "本知識庫收錄{zh}篇討論「價值外交」（價值觀外交，value diplomacy）的中文文本，逐字轉換為可閱讀、"
    "可搜尋、可逐段引用的網頁。每一段落都有固定錨點，可直接連結；註釋保留於原處。本站只呈現來源文本本身："
    "不增刪、不改寫，文本未載的資訊一律標示為「文本未載」。"
)
_INTRO_EN = (
    "This knowledge base presents {en} Chinese texts on *value diplomacy* as faithful, searchable web "
    "pages. Every passage has a stable anchor you can link to, and every note is kept. The site adds "
    "nothing the sources do not say; where a source does not state something, the site says so."
)
INTRO = f"{_INTRO_ZH}\n\n{_INTRO_EN}\n"


def source_row(spec: SourceSpec, page: str) -> str:
    """One Markdown table row for ``spec`` on the kb/ page ``page``."""
    authors = "；".join(escape_inline(a) for a in spec.authors) or UNSTATED
    return (
        f"| [{escape_inline(spec.label)}]({href(page, source_path(spec.id))}) "
        f"| {kind_name(spec.kind)} "
        f"| {authors} | {escape_inline(spec.publisher) if spec.publisher else UNSTATED} "
        f"| {spec.year or UNSTATED} |"
    )


def source_table(specs: tuple[SourceSpec, ...], page: str) -> str:
    """A Markdown table of all sources in manifest order, for the kb/ page ``page``."""
    head = "| 來源 Source | 類型 Kind | 作者 Authors | 出版者 Publisher | 年份 Year |\n|---|---|---|---|---|"
    return "\n".join([head, *(source_row(spec, page) for spec in specs)]) + "\n"


def attributions(specs: tuple[SourceSpec, ...], page: str) -> str:
    """A bullet list of each source's licence or attribution note (CC BY-SA for Wikipedia)."""
    lines = [
        f"- [{escape_inline(spec.label)}]({href(page, source_path(spec.id))})：{escape_inline(spec.licence) if spec.licence else UNSTATED}"
        for spec in specs
    ]
    return "\n".join(lines) + "\n"


def families(page: str) -> str:
    """A bullet list linking the index page of each entity family (countries, actors, concepts,
    values), for the kb/ page ``page``."""
    notes = {"value": "：各來源援引的價值及其比較 (which values each source invokes, compared)"}
    lines = [f"- [{TYPE_NAMES[t]}]({href(page, entity_index_path(t))}){notes.get(t, '')}" for t in TYPE_DIRS]
    return "\n".join(lines) + "\n"


def views(page: str, reviews: bool) -> str:
    """A bullet list linking the whole-corpus views, for the kb/ page ``page``; the reviews'
    comparison only if ``reviews`` (the knowledge base holds both reviews)."""
    lines = [
        f"- [時間線 Timeline]({href(page, TIMELINE)})：五篇來源中標有日期的句子 (every dated sentence)",
        f"- [網絡 Network]({href(page, NETWORK)})：同一段落中共同出現的條目 (entities named in the same passage)",
        f"- [地圖 Map]({href(page, MAP)})：來源提及的國家 (the countries the sources mention)",
    ]
    if reviews:
        lines.insert(
            0,
            f"- [2023 ↔ 2024 外交工作回顧對照 The two MOFA reviews compared]({href(page, REVIEW_COMPARISON)})",
        )
    return "\n".join(lines) + "\n"


def render_home_page(specs: tuple[SourceSpec, ...], reviews: bool = False) -> str:
    """The site's home page (``kb/index.md``): purpose, sources with metadata, the entity
    families, the whole-corpus views (the reviews' comparison if ``reviews``), attribution."""
    front = dump_front_matter({"type": "home", "title": "價值外交知識庫 Value Diplomacy Knowledge Base"})
    return "\n".join(
        [
            front,
            "# 價值外交知識庫\n",
            INTRO.format(**count_words(len(specs))),
            "## 來源 Sources\n",
            source_table(specs, HOME),
            "## 條目 Entities\n",
            families(HOME),
            "## 總覽 Views\n",
            views(HOME, reviews),
            "## 授權與出處 Licences and attribution\n",
            attributions(specs, HOME),
        ]
    )


def render_sources_index(specs: tuple[SourceSpec, ...]) -> str:
    """The sources section's index page (``kb/sources/index.md``)."""
    front = dump_front_matter({"type": "index", "title": "來源 Sources"})
    return "\n".join(
        [
            front,
            "# 來源 Sources\n",
            source_table(specs, SOURCES_INDEX),
            "## 授權與出處 Licences and attribution\n",
            attributions(specs, SOURCES_INDEX),
        ]
    )
