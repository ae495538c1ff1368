"""The values family (民主, 自由, 人權 …): the index page comparing the sources, and the
frequency table on each value's page.

A value's frequency in a source is its mentions there per 10,000 counted characters of that
source (:attr:`~vdiplo_site.knowledge.KnowledgeBase.characters`: the Han characters and Latin
letters of all its passages, notes included, web addresses left out). Only rendering here: the
mentions and the counts come from the knowledge base.
"""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..model import Entity
from .entity_subpages import MAX_PER_PAGE
from .front_matter import dump_front_matter
from .markdown_text import escape_inline
from .paths import TYPE_NAMES, entity_index_path, entity_path, entity_subpage_path, href, source_path
from .quotations import mentions_anchor

VALUE = "value"
#: Mentions are counted per this many characters.
PER = 10_000

LEAD = (
    "各來源援引的價值：每格為提及次數（每萬字次數），連結至這些提及。"
    "Which values each source invokes: each cell is mentions (per 10,000 characters), linked to them.\n"
)
COUNTING = f"""\
每萬字：該來源每 {PER:,} 字中的提及次數。字數計算該來源所有段落（標題、正文、列表與註釋）中的漢字與
拉丁字母，不計數字、標點、空白與網址。提及：價值詞指稱該價值之處，作修飾語者亦計（民主國家、區域和平）；
專有名詞（民主進步黨、聯合國安全理事會、諾貝爾和平獎）與引用文獻標題中的價值詞不計。

Per 10,000 characters: a value's mentions in a source per {PER:,} characters of that source, where the
characters are the Han characters and Latin letters of all its passages (headings, paragraphs, list
items and notes); digits, punctuation, spaces and web addresses are not counted. A mention is a
value word where it denotes the value, also as a modifier (民主國家, 區域和平); not inside a proper
name (民主進步黨, 聯合國安全理事會, 諾貝爾和平獎) or the title of a cited work.
"""


def source_counts(kb: KnowledgeBase, entity: Entity) -> dict[str, int]:
    """Source id -> the number of ``entity``'s mentions in it (every source, maybe 0)."""
    counts = dict.fromkeys(kb.source_ids, 0)
    for mention in kb.mentions_by_entity[entity.id]:
        counts[mention.source_id] += 1
    return counts


def rate(mentions: int, characters: int) -> str:
    """Mentions per :data:`PER` characters, one decimal (``—`` for a text without characters)."""
    return f"{mentions * PER / characters:.1f}" if characters else "—"


def render_values_index(kb: KnowledgeBase) -> str:
    """``kb/values/index.md``: how to read the figures, the comparison of the sources (a row
    per value, most mentioned first, each linked to its page; a column per source), and the
    counted characters of each source."""
    path = entity_index_path(VALUE)
    values = sorted(
        (e for e in kb.entities if e.type == VALUE), key=lambda e: (-len(kb.mentions_by_entity[e.id]), e.id)
    )
    front = dump_front_matter({"type": "index", "title": TYPE_NAMES[VALUE], "entities": len(values)})
    return "\n".join(
        [
            front,
            f"# {TYPE_NAMES[VALUE]}\n",
            LEAD,
            comparison_table(kb, values, path),
            "## 計算方式 How the figures are counted\n",
            COUNTING,
            characters_table(kb, path),
        ]
    )


def occurrences_href(kb: KnowledgeBase, entity: Entity, source_id: str, path: str) -> str:
    """The link from ``path`` to ``entity``'s mentions in ``source_id``: the heading over them
    on its page, or the first page they continue on when the entity has too many to list on
    its own page (:data:`.entity_subpages.MAX_PER_PAGE`)."""
    if len(kb.quotations[entity.id]) > MAX_PER_PAGE:
        return href(path, entity_subpage_path(entity, "mentions", source_id))
    return href(path, entity_path(entity), mentions_anchor(source_id))


def comparison_table(kb: KnowledgeBase, values: list[Entity], path: str) -> str:
    """A Markdown table: a row per value (linked), a column per source, and all sources; a
    cell with mentions links to them (:func:`occurrences_href`)."""
    heads = [f"[{escape_inline(kb.short_label(s))}]({href(path, source_path(s))})" for s in kb.source_ids]
    rows = [
        "| 價值 Value | " + " | ".join(heads) + " | 合計 All |",
        "|---|" + "---:|" * (len(heads) + 1),
    ]
    total_chars = sum(kb.characters[s] for s in kb.source_ids)
    for entity in values:
        counts = source_counts(kb, entity)
        cells = [
            f"[{counts[s]}（{rate(counts[s], kb.characters[s])}）]({occurrences_href(kb, entity, s, path)})"
            if counts[s]
            else f"0（{rate(0, kb.characters[s])}）"
            for s in kb.source_ids
        ]
        cells.append(f"{sum(counts.values())}（{rate(sum(counts.values()), total_chars)}）")
        link = f"[{escape_inline(entity.name)} {escape_inline(entity.english or '')}]({href(path, entity_path(entity))})"
        rows.append(f"| {link} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def characters_table(kb: KnowledgeBase, path: str) -> str:
    """A Markdown table of each source's counted characters."""
    rows = ["| 來源 Source | 字數 Characters |", "|---|---:|"]
    rows += [
        f"| [{escape_inline(kb.label(s))}]({href(path, source_path(s))}) | {kb.characters[s]:,} |"
        for s in kb.source_ids
    ]
    return "\n".join(rows) + "\n"


def frequency_section(kb: KnowledgeBase, entity: Entity, path: str) -> str:
    """The section of a value's page giving its mentions and frequency in every source (empty
    for an entity of another family)."""
    if entity.type != VALUE:
        return ""
    counts = source_counts(kb, entity)
    index = href(path, entity_index_path(VALUE))
    lines = [
        "## 各來源的頻率 Frequency by source\n",
        f"每萬字的計算方式見[價值總表]({index})。How the figures are counted: see the [values index]({index}).\n",
        "| 來源 Source | 提及 Mentions | 每萬字 Per 10,000 characters |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| [{escape_inline(kb.label(s))}]({href(path, source_path(s))}) | {counts[s]} | "
        f"{rate(counts[s], kb.characters[s])} |"
        for s in kb.source_ids
    ]
    return "\n".join(lines) + "\n"
