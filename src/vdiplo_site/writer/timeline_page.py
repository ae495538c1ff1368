"""One timeline of the five sources (``kb/views/timeline.md``).

A row per dated sentence of :attr:`~vdiplo_site.knowledge.KnowledgeBase.timeline`: the entity
timelines hold the same sentence once per entity it names, so rows with the same date, passage
and quoted text are merged and list every entity. The table carries a marker for
``assets/table-tools.js`` (filter by source and entity, sort by date); without script it is the
whole table, in date order.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import KnowledgeBase
from .markdown_text import escape_cell, escape_inline
from .paths import TIMELINE, entity_path, href, source_path
from .view_page import view_opening


@dataclass(frozen=True)
class TimelineRow:
    """A dated sentence and the entities it names.

    Attributes:
        date: as :class:`~vdiplo_site.knowledge.DatedQuotation` gives it (``2007-10``, ``1980s``).
        source_id, passage_id: where the sentence is.
        text: the quoted sentence.
        entity_ids: the entities whose timeline holds it, in gazetteer order.
    """

    date: str
    source_id: str
    passage_id: str
    text: str
    entity_ids: tuple[str, ...]


def timeline_rows(kb: KnowledgeBase) -> tuple[TimelineRow, ...]:
    """Every dated sentence of ``kb`` once, sorted by date, then source (manifest order),
    passage id and text."""
    merged: dict[tuple[str, str, str, str], list[str]] = {}
    for entity in kb.entities:
        for dated in kb.timeline.get(entity.id, ()):
            q = dated.quotation
            merged.setdefault((dated.date, q.source_id, q.passage_id, q.text), []).append(entity.id)
    order = {source_id: i for i, source_id in enumerate(kb.source_ids)}
    keys = sorted(merged, key=lambda k: (k[0], order[k[1]], k[2], k[3]))
    return tuple(TimelineRow(*key, tuple(merged[key])) for key in keys)


def render_timeline(kb: KnowledgeBase) -> str:
    """``kb/views/timeline.md``: how the rows were chosen, and a table of date, source (short
    label), the sentence linked to its passage, and the entities it names (linked)."""
    rows = timeline_rows(kb)
    table = [
        "| 日期 Date | 來源 Source | 句子 Sentence | 條目 Entities |",
        "|---|---|---|---|",
    ]
    for row in rows:
        passage = href(TIMELINE, source_path(row.source_id), row.passage_id)
        source = (
            f"[{escape_inline(kb.short_label(row.source_id))}]({href(TIMELINE, source_path(row.source_id))})"
        )
        sentence = f"{escape_cell(row.text)} [{row.passage_id}]({passage})"
        entities = "、".join(
            f"[{escape_inline(kb.entity(e).name)}]({href(TIMELINE, entity_path(kb.entity(e)))})"
            for e in row.entity_ids
        )
        table.append(f"| {escape_inline(row.date)} | {source} | {sentence} | {entities} |")
    return "\n".join(
        [
            view_opening(
                "時間線 Timeline",
                {"rows": len(rows)},
                "五篇來源中標有日期的句子，依日期排列；每句連結至其段落。日期為句子所寫的日期（年、月、日，"
                "或年代、期間），不取引用文獻或註釋出處的日期。"
                "The sentences of the five sources that carry a date, in date order, each linked to its "
                "passage; the date is the one the sentence writes, never that of a cited work.\n",
            ),
            '篩選與排序 Filter and sort：\n{: .vd-table-tools data-filter="1 3" data-sort="0" }\n',
            "\n".join(table) + "\n",
        ]
    )
