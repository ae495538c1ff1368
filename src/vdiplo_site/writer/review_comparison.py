"""The 2023 and 2024 MOFA reviews side by side (``kb/views/mofa-reviews.md``).

The two reviews treat the same fields (台美, 台歐, 台日 …) under differently numbered headings.
:data:`TOPICS` pairs their sections by hand, each side located by a word of its heading (not by
its anchor, which moves when a review's reading changes); every pairing is justified by a word
both headings (or one of their sub-headings) write, and a test checks it. The page shows only structural
facts of the record: the paired headings, per-topic entity mention counts for each year, the
entities one review names and the other does not, and the passages of each topic quoted whole,
each linked to its place on the source page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import zip_longest

from ..errors import BuildError
from ..knowledge import KnowledgeBase
from ..model import Document, Section, strip_footnote_refs
from .front_matter import dump_front_matter
from .markdown_text import escape_cell, escape_inline
from .paths import REVIEW_COMPARISON, TYPE_NAMES, entity_path, href, source_path

#: The two compared sources: (earlier, later).
EARLIER, LATER = "mofa-2023-review", "mofa-2024-review"
YEARS = {EARLIER: "2023", LATER: "2024"}


@dataclass(frozen=True)
class Topic:
    """A field both reviews may treat, and the section each gives it.

    Attributes:
        key: the word that justifies the pairing: it occurs in the heading of each paired
            section or of one of its sub-sections (``台美``).
        earlier, later: a word of the heading of each review's section (:func:`section_with`),
            which is taken with its sub-sections (up to the next heading of the same or a
            higher level); ``""`` is the lead before the first heading; ``None`` when that
            review has no such section.
    """

    key: str
    earlier: str | None
    later: str | None


#: The pairs, in the later review's order; a key the lead sections have no heading for is
#: ``篇首`` (the lead) and needs no heading word.
TOPICS = (
    Topic("篇首", "", ""),
    Topic("邦誼", None, "邦誼"),
    Topic("台美", "台美", "台美"),
    Topic("台歐", "台歐", "台歐"),
    Topic("台日", "台日", "台日"),
    Topic("新南向", None, "新南向"),
    Topic("民主陣營", "民主陣營", "民主陣營"),
    Topic("經貿外交", None, "經貿外交"),
    Topic("發聲", "國際能見度", "發聲"),  # 2023: 三、國際能見度…, whose (三) 以…向國際社會發聲
    Topic("便民", "便民", "便民"),
    Topic("結語", "結語", "結語"),
)
LEAD_KEY = "篇首"


def compared(source_ids: tuple[str, ...]) -> bool:
    """Whether both compared reviews are among ``source_ids`` (else there is no comparison
    page)."""
    return EARLIER in source_ids and LATER in source_ids


def comparison_note(source_id: str, source_ids: tuple[str, ...]) -> str:
    """The line a compared review's page shows under its metadata, linking the comparison
    (empty for any other source, or when the knowledge base lacks one of the reviews)."""
    if source_id not in YEARS or not compared(source_ids):
        return ""
    target = href(source_path(source_id), REVIEW_COMPARISON)
    return f"與另一年度回顧逐節對照：[2023 ↔ 2024 外交工作回顧對照 The two reviews compared]({target})\n"


def section_with(document: Document, word: str) -> int:
    """The index in ``document.sections`` of the first of the shallowest sections whose heading
    holds ``word`` (``台美``: （一）台美夥伴關係…, not its sub-section 3. 台美持續強化…); ``""``
    is the lead (the section before the first heading).

    Raises:
        BuildError: no heading of ``document`` holds ``word``, or it has no lead (the review's
            text changed).
    """
    sections = document.sections
    holding = [i for i, s in enumerate(sections) if (word in s.heading if word else s.level == 0)]
    if not holding:
        what = f"heading holds {word!r}" if word else "lead precedes the first heading"
        raise BuildError(None, f"review comparison: no {what} in {document.spec.id}")
    return min(holding, key=lambda i: (sections[i].level, i))


def topic_sections(document: Document, word: str | None) -> tuple[Section, ...]:
    """The section of ``document`` located by ``word`` (:func:`section_with`) and its
    sub-sections, in order (empty for ``None``); the lead (``""``) alone, without the sections
    after it.

    Raises:
        BuildError: no heading of ``document`` holds ``word``.
    """
    if word is None:
        return ()
    sections = document.sections
    start = section_with(document, word)
    if sections[start].level == 0:
        return (sections[start],)
    end = start + 1
    while end < len(sections) and sections[end].level > sections[start].level:
        end += 1
    return sections[start:end]


def _passage_ids(sections: tuple[Section, ...]) -> set[str]:
    ids = {s.anchor for s in sections if s.heading}
    return ids | {b.passage_id for s in sections for b in s.blocks}


def topic_counts(kb: KnowledgeBase, source_id: str, sections: tuple[Section, ...]) -> Counter[str]:
    """Entity id -> its discourse mentions in the headings and blocks of ``sections`` of
    source ``source_id``."""
    ids = _passage_ids(sections)
    return Counter(
        m.entity_id
        for mentions in kb.mentions_by_entity.values()
        for m in mentions
        if m.source_id == source_id and m.passage_id in ids
    )


def source_counts(kb: KnowledgeBase, source_id: str) -> Counter[str]:
    """Entity id -> its discourse mentions anywhere in source ``source_id``."""
    return Counter(
        m.entity_id
        for mentions in kb.mentions_by_entity.values()
        for m in mentions
        if m.source_id == source_id
    )


def render_review_comparison(kb: KnowledgeBase) -> str:
    """``kb/views/mofa-reviews.md``: the paired sections with their mention totals, the
    entities only one review names, then per topic a table of entity mention counts by year
    and the passages side by side."""
    earlier, later = kb.document(EARLIER), kb.document(LATER)
    front = dump_front_matter(
        {"type": "view", "title": "2023 ↔ 2024 外交工作回顧對照", "topics": len(TOPICS)}
    )
    parts = [
        front,
        "# 2023 ↔ 2024 外交工作回顧對照 The 2023 and 2024 MOFA reviews compared\n",
        (
            f"[{escape_inline(kb.label(EARLIER))}]({href(REVIEW_COMPARISON, source_path(EARLIER))})與"
            f"[{escape_inline(kb.label(LATER))}]({href(REVIEW_COMPARISON, source_path(LATER))})"
            "按主題對照：每列為兩篇中標題含同一詞的章節（含其子節），數字為條目在該章節中的提及次數。"
            "Sections of the two reviews whose headings share a word, with the entity mentions in "
            "each (sub-sections included).\n"
        ),
        "## 章節對照 Sections aligned\n",
        _alignment_table(kb, earlier, later),
        "## 只見於一年的條目 Entities named in one year only\n",
        _only_in(kb, LATER, EARLIER, "2024 年新提及（2023 年未提及） New in 2024 (not named in 2023)"),
        _only_in(
            kb,
            EARLIER,
            LATER,
            "2024 年不再提及（僅見於 2023 年） No longer named in 2024 (named in 2023 only)",
        ),
    ]
    for topic in TOPICS:
        parts.append(_topic_section(kb, topic, earlier, later))
    return "\n".join(parts)


def _heading_link(kb: KnowledgeBase, source_id: str, sections: tuple[Section, ...]) -> str:
    if not sections:
        return "（無對應章節 no such section）"
    first = sections[0]
    text = escape_inline(first.heading) if first.heading else "篇首 Lead"
    target = href(REVIEW_COMPARISON, source_path(source_id), first.anchor if first.heading else "")
    if not first.heading and first.blocks:
        target = href(REVIEW_COMPARISON, source_path(source_id), first.blocks[0].passage_id)
    return f"[{text}]({target})"


def _alignment_table(kb: KnowledgeBase, earlier: Document, later: Document) -> str:
    rows = [
        "| 主題 Topic | 2023 章節 Section | 2023 提及 Mentions | 2024 章節 Section | 2024 提及 Mentions |",
        "|---|---|---:|---|---:|",
    ]
    for topic in TOPICS:
        cells = [f"[{topic.key}](#{_topic_anchor(topic)})"]
        for document, word in ((earlier, topic.earlier), (later, topic.later)):
            sections = topic_sections(document, word)
            total = sum(topic_counts(kb, document.spec.id, sections).values())
            cells += [_heading_link(kb, document.spec.id, sections), str(total) if sections else "—"]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def _topic_anchor(topic: Topic) -> str:
    return f"topic-{TOPICS.index(topic) + 1}"


def _entity_link(kb: KnowledgeBase, entity_id: str) -> str:
    entity = kb.entity(entity_id)
    return f"[{escape_inline(entity.name)}]({href(REVIEW_COMPARISON, entity_path(entity))})"


def _only_in(kb: KnowledgeBase, present: str, absent: str, title: str) -> str:
    """A list, by entity type, of the entities ``present`` names and ``absent`` does not, each
    with its mentions in ``present``, most mentioned first."""
    counts, other = source_counts(kb, present), source_counts(kb, absent)
    only = [e for e in kb.entities if counts[e.id] and not other[e.id]]
    lines = [f"### {title}\n", f"共 {len(only)} 個條目 entities.\n"]
    for entity_type, type_name in TYPE_NAMES.items():
        of_type = sorted((e for e in only if e.type == entity_type), key=lambda e: (-counts[e.id], e.id))
        if of_type:
            listed = "、".join(f"{_entity_link(kb, e.id)}（{counts[e.id]}）" for e in of_type)
            lines.append(f"- **{type_name}**：{listed}")
    return "\n".join(lines) + "\n"


def _topic_section(kb: KnowledgeBase, topic: Topic, earlier: Document, later: Document) -> str:
    sides = (topic_sections(earlier, topic.earlier), topic_sections(later, topic.later))
    counts = (topic_counts(kb, EARLIER, sides[0]), topic_counts(kb, LATER, sides[1]))
    ids = sorted(set(counts[0]) | set(counts[1]), key=lambda i: (-(counts[0][i] + counts[1][i]), i))
    parts = [f"## {topic.key} {{#{_topic_anchor(topic)}}}\n"]
    if ids:
        rows = ["| 條目 Entity | 2023 | 2024 |", "|---|---:|---:|"]
        rows += [f"| {_entity_link(kb, i)} | {counts[0][i]} | {counts[1][i]} |" for i in ids]
        parts.append("\n".join(rows) + "\n")
    parts.append(_side_by_side(sides))
    return "\n".join(parts)


def _cell(source_id: str, passage_id: str, text: str) -> str:
    target = href(REVIEW_COMPARISON, source_path(source_id), passage_id)
    quoted = escape_cell(strip_footnote_refs(text))
    return f"{quoted} [{YEARS[source_id]} {passage_id}]({target})"


def _passages(source_id: str, sections: tuple[Section, ...]) -> list[str]:
    """A cell per heading (bold) and per block of ``sections``, in order."""
    cells = []
    for section in sections:
        if section.heading:
            cells.append(f"**{_cell(source_id, section.anchor, section.heading)}**")
        cells += [_cell(source_id, b.passage_id, b.text) for b in section.blocks]
    return cells


def _side_by_side(sides: tuple[tuple[Section, ...], tuple[Section, ...]]) -> str:
    """A two-column table: the topic's headings and passages of 2023 and of 2024, row by row
    in each review's order (a row pairs positions, not meanings)."""
    left, right = _passages(EARLIER, sides[0]), _passages(LATER, sides[1])
    rows = ["| 2023 | 2024 |", "|---|---|"]
    rows += [f"| {a} | {b} |" for a, b in zip_longest(left, right, fillvalue="")]
    return "\n".join(rows) + "\n"
