"""Index pages of entities by type: name, English name, mentions, sources."""

from __future__ import annotations

from ..model import Entity, KnowledgeBase, Mention
from .front_matter import dump_front_matter
from .markdown_text import escape_inline
from .paths import ACTOR_KIND_NAMES, TYPE_DIRS, TYPE_NAMES, href, source_path


def render_entity_index(kb: KnowledgeBase, entity_type: str, mentions: dict[str, list[Mention]]) -> str:
    """``kb/<type dir>/index.md``: a table of the type's entities, most mentioned first.

    Columns: name (linked), English name, kind (actors), number of mentions, sources
    (linked). Ties are broken by id, so the order is deterministic.
    """
    path = f"{TYPE_DIRS[entity_type]}/index.md"
    labels = {doc.spec.id: doc.spec.label for doc in kb.documents}
    order = [doc.spec.id for doc in kb.documents]
    entities = sorted((e for e in kb.entities if e.type == entity_type), key=lambda e: (-len(mentions[e.id]), e.id))
    kind = entity_type == "actor"
    head = "| 名稱 Name | English |" + (" 種類 Kind |" if kind else "") + " 提及 Mentions | 來源 Sources |"
    rows = [head, "|---|---|" + ("---|" if kind else "") + "---:|---|"]
    for entity in entities:
        rows.append(_row(entity, mentions[entity.id], labels, order, path, kind))
    front = dump_front_matter({"type": "index", "title": TYPE_NAMES[entity_type], "entities": len(entities)})
    return "\n".join([front, f"# {TYPE_NAMES[entity_type]}\n", "\n".join(rows) + "\n"])


def _row(entity: Entity, mentions: list[Mention], labels: dict[str, str], order: list[str], path: str, kind: bool) -> str:
    sources = [s for s in order if any(m.source_id == s for m in mentions)]
    linked = "、".join(f"[{escape_inline(labels[s])}]({href(path, source_path(s))})" for s in sources)
    cells = [f"[{escape_inline(entity.name)}]({entity.id}.md)", escape_inline(entity.english or "")]
    if kind:
        cells.append(ACTOR_KIND_NAMES[entity.kind or ""] if entity.kind else "")
    cells += [str(len(mentions)), linked]
    return "| " + " | ".join(cells) + " |"
