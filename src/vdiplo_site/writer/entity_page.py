"""The page of one entity: structural facts, definitions, English names in the sources, mentions
by source, the cited works that name it, related entities, timeline.

Every sentence on the page is either a structural fact from the gazetteer (name, type, alias)
or a quotation from a source with a link to its passage. The page only renders what the
knowledge base holds (:class:`~vdiplo_site.knowledge.KnowledgeBase`); it analyses no text.
"""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..model import Entity
from . import entity_subpages
from .front_matter import dump_front_matter
from .markdown_text import escape_inline
from .neighbourhood_svg import neighbourhood_svg
from .paths import ACTOR_KIND_NAMES, TYPE_NAMES, entity_path, href
from .quotations import cited_table, marked, mention_list, passage_link, timeline_table
from .values_index import frequency_section

MAX_DEFINITIONS = 6
MAX_RELATED = 15
MAX_ENGLISH = 4


def render_entity_page(kb: KnowledgeBase, entity: Entity) -> str:
    """The Markdown page of ``entity`` (front matter first), at :func:`.paths.entity_path`."""
    path = entity_path(entity)
    front = {
        "type": entity.type,
        "id": entity.id,
        "title": entity.name,
        "english": entity.english,
        "kind": entity.kind,
        "aliases": list(entity.surface_forms()[1:]),
        "sources": list(kb.sources_by_entity[entity.id]),
        "mentions": len(kb.mentions_by_entity[entity.id]),
        "cited_works": len(kb.cited_works[entity.id]),
    }
    heading = escape_inline(entity.name) + (f" {escape_inline(entity.english)}" if entity.english else "")
    parts = [
        dump_front_matter(front),
        f"# {heading}\n",
        _facts(kb, entity, path),
        frequency_section(kb, entity, path),
        _definitions(kb, entity, path),
        _english_names(kb, entity, path),
        _by_source(kb, entity, path),
        _cited(kb, entity, path),
        _related(kb, entity, path),
        _timeline(kb, entity, path),
    ]
    return "\n".join(part for part in parts if part)


def _facts(kb: KnowledgeBase, entity: Entity, path: str) -> str:
    rows = [f"- **類型 Type**：{TYPE_NAMES[entity.type]}"]
    if entity.kind:
        rows.append(f"- **種類 Kind**：{ACTOR_KIND_NAMES[entity.kind]}")
    if entity.english:
        rows.append(f"- **英文名稱 English**：{escape_inline(entity.english)}")
    aliases = [alias for alias in dict.fromkeys(entity.aliases) if alias != entity.name]
    if aliases:
        rows.append("- **別名 Aliases**：" + "、".join(escape_inline(a) for a in aliases))
    for scope, scoped in entity.scoped_aliases:
        label = kb.label(scope) if scope in kb.source_ids else scope
        rows.append(
            f"- **於《{escape_inline(label)}》稱 In this source**："
            + "、".join(escape_inline(a) for a in scoped)
        )
    return "\n".join(rows) + "\n"


def _definitions(kb: KnowledgeBase, entity: Entity, path: str) -> str:
    found = kb.definitions[entity.id]
    if not found:
        return ""
    lines = ["## 定義與說明 How the sources define it\n"]
    lines += [f"- {marked(q)} — {passage_link(kb, q, path)}" for q in found[:MAX_DEFINITIONS]]
    lines.append("")
    return "\n".join(lines)


def _english_names(kb: KnowledgeBase, entity: Entity, path: str) -> str:
    """Where a source glosses the name in English: after the definitions, so that a reader (and
    search) landing on the page top reaches the definitions first."""
    found = kb.english_names[entity.id][:MAX_ENGLISH]
    if not found:
        return ""
    lines = ["## 來源中的英文名稱 English names in the sources\n"]
    lines += [f"- {marked(name.quotation)} — {passage_link(kb, name.quotation, path)}" for name in found]
    lines.append("")
    return "\n".join(lines)


def _by_source(kb: KnowledgeBase, entity: Entity, path: str) -> str:
    quotations = kb.quotations[entity.id]
    if not quotations:
        return "## 提及 Mentions\n\n（各來源均未提及。Not mentioned in the sources.）\n"
    if len(quotations) <= entity_subpages.MAX_PER_PAGE:
        return "\n".join(["## 提及 Mentions\n", *mention_list(kb, quotations, path)])
    lines = [
        "## 提及 Mentions\n",
        f"{len(quotations)} 句，依來源分頁列出。Listed on a page per source.\n",
        "| 來源 Source | 提及 Mentions | 頁 Pages |",
        "|---|---:|---|",
    ]
    for source_id, parts in _by_key(entity_subpages.mention_parts(kb, entity)):
        count = sum(len(q.mentions) for part in parts for q in part.rows)
        lines.append(f"| {escape_inline(kb.label(source_id))} | {count} | {_links(entity, parts, path)} |")
    return "\n".join(lines) + "\n"


def _by_key(parts: list) -> list[tuple[str, list]]:
    """``parts`` (of :mod:`.entity_subpages`) grouped by their key, in order."""
    grouped: dict[str, list] = {}
    for part in parts:
        grouped.setdefault(part.key, []).append(part)
    return list(grouped.items())


def _links(entity: Entity, parts: list, path: str) -> str:
    """Links to each part of one key: ``[1]`` ``[2]`` …"""
    return " ".join(
        f"[{part.number}]({href(path, entity_subpages.part_path(entity, part))})" for part in parts
    )


def _cited(kb: KnowledgeBase, entity: Entity, path: str) -> str:
    """The titles of cited works that name the entity (not counted as its mentions)."""
    works = kb.cited_works[entity.id]
    if not works:
        return ""
    lines = [
        "## 引用文獻中的名稱 Cited works that name it\n",
        "來源所引著作的題名中出現此名稱；不計入提及。Titles of works the sources cite; not counted as mentions.\n",
    ]
    if len(works) <= entity_subpages.MAX_PER_PAGE:
        return "\n".join([*lines, *cited_table(kb, works, path)]) + "\n"
    lines += ["| 來源 Source | 題名 Titles | 頁 Pages |", "|---|---:|---|"]
    for source_id, parts in _by_key(entity_subpages.cited_parts(kb, entity)):
        count = sum(len(part.rows) for part in parts)
        lines.append(f"| {escape_inline(kb.label(source_id))} | {count} | {_links(entity, parts, path)} |")
    return "\n".join(lines) + "\n"


def _related(kb: KnowledgeBase, entity: Entity, path: str) -> str:
    ranked = kb.neighbours.get(entity.id, ())
    if not ranked:
        return ""
    lines = [
        "## 相關條目 Related entities\n",
        "同一段落中共同出現的條目（段落數）。Entities mentioned in the same passages (number of passages).\n",
        neighbourhood_svg(kb, entity),
    ]
    for neighbour in ranked[:MAX_RELATED]:
        other = kb.entity(neighbour.entity_id)
        lines.append(
            f"- [{escape_inline(other.name)}]({href(path, entity_path(other))})（{neighbour.passages}）"
        )
    return "\n".join(lines) + "\n"


def _timeline(kb: KnowledgeBase, entity: Entity, path: str) -> str:
    entries = kb.timeline[entity.id]
    if not entries:
        return ""
    if len(entries) > entity_subpages.MAX_PER_PAGE:
        lines = [
            "## 時間軸 Timeline\n",
            f"{len(entries)} 筆，依年分頁列出。Listed on a page per year.\n",
            "| 年 Year | 筆數 Sentences | 頁 Pages |",
            "|---|---:|---|",
        ]
        for year, parts in _by_key(entity_subpages.timeline_parts(kb, entity)):
            count = sum(len(part.rows) for part in parts)
            lines.append(f"| {year} | {count} | {_links(entity, parts, path)} |")
        return "\n".join(lines) + "\n"
    return "\n".join(["## 時間軸 Timeline\n", *timeline_table(kb, entries, path)]) + "\n"
