"""Index pages of entities by type: name, English name, mentions, sources."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..model import Entity
from .front_matter import dump_front_matter
from .markdown_text import escape_inline
from .paths import ACTOR_KIND_NAMES, TYPE_NAMES, entity_index_path, entity_path, href, source_path

#: Most sources a row links; the entity's own page lists every source that names it.
MAX_SOURCES = 8


def render_entity_index(kb: KnowledgeBase, entity_type: str) -> str:
    """``kb/<type dir>/index.md``: a table of the type's entities, most mentioned first.

    Columns: name (linked), English name, kind (actors), number of mentions, sources
    (linked, by their short labels). Ties are broken by id, so the order is deterministic. A
    marker before the table has ``assets/table-tools.js`` add filters (sources; kind) and sort
    buttons (name, mentions).
    """
    path = entity_index_path(entity_type)
    counts = {entity_id: len(found) for entity_id, found in kb.mentions_by_entity.items()}
    entities = sorted((e for e in kb.entities if e.type == entity_type), key=lambda e: (-counts[e.id], e.id))
    kind = entity_type == "actor"
    head = "| 名稱 Name | English |" + (" 種類 Kind |" if kind else "") + " 提及 Mentions | 來源 Sources |"
    rows = [head, "|---|---|" + ("---|" if kind else "") + "---:|---|"]
    rows += [_row(kb, entity, path, kind) for entity in entities]
    front = dump_front_matter({"type": "index", "title": TYPE_NAMES[entity_type], "entities": len(entities)})
    tools = f'篩選與排序 Filter and sort：\n{{: .vd-table-tools data-filter="{"2 4" if kind else "3"}" data-sort="{"0 3" if kind else "0 2"}" }}\n'
    return "\n".join([front, f"# {TYPE_NAMES[entity_type]}\n", tools, "\n".join(rows) + "\n"])


def _row(kb: KnowledgeBase, entity: Entity, path: str, kind: bool) -> str:
    sources = kb.sources_by_entity[entity.id]
    linked = "、".join(
        f"[{escape_inline(kb.short_label(s))}]({href(path, source_path(s))})" for s in sources[:MAX_SOURCES]
    )
    if len(sources) > MAX_SOURCES:  # a large corpus: the entity's page lists them all
        linked += f"、…（+{len(sources) - MAX_SOURCES}）"
    cells = [
        f"[{escape_inline(entity.name)}]({href(path, entity_path(entity))})",
        escape_inline(entity.english or ""),
    ]
    if kind:
        cells.append(ACTOR_KIND_NAMES[entity.kind or ""] if entity.kind else "")
    cells += [str(len(kb.mentions_by_entity[entity.id])), linked]
    return "| " + " | ".join(cells) + " |"
