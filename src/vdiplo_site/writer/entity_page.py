"""The page of one entity: structural facts, definitions, mentions by source, related, timeline.

Every sentence on the page is either a structural fact from the gazetteer (name, type, alias)
or a quotation from a source with a link to its passage.
"""

from __future__ import annotations

from collections import Counter

from ..entities.context import dates, is_definition, quote, sentence_span
from ..model import Entity, KnowledgeBase, Mention
from ..passages import Passage
from .front_matter import dump_front_matter
from .markdown_text import escape_inline
from .paths import ACTOR_KIND_NAMES, TYPE_NAMES, entity_path, href, source_path

MAX_DEFINITIONS = 6
MAX_RELATED = 15


def quoted(block: Passage, mentions: list[Mention]) -> str:
    """The mentions' sentence, escaped, with each mention wrapped in ``<mark>``."""
    q = quote(block.text, mentions)
    out, cursor = [], 0
    for start, end in q.marks:
        out += [escape_inline(q.text[cursor:start]), "<mark>", escape_inline(q.text[start:end]), "</mark>"]
        cursor = end
    return "".join(out) + escape_inline(q.text[cursor:])


def by_sentence(mentions: list[Mention], blocks: dict[tuple[str, str], Passage]) -> list[list[Mention]]:
    """Group mentions (in order) so that mentions in one sentence of one passage go together."""
    groups: dict[tuple[str, str, tuple[int, int]], list[Mention]] = {}
    for m in mentions:
        span = sentence_span(blocks[(m.source_id, m.passage_id)].text, m)
        groups.setdefault((m.source_id, m.passage_id, span), []).append(m)
    return list(groups.values())


def _place(passage_id: str) -> str:
    """A reader's name for a passage id: ¶3-2 (paragraph), §3 (heading), 註 12 (footnote)."""
    if passage_id.startswith("fn:"):
        return f"註 {passage_id[3:]}"
    if passage_id.startswith("s-"):
        return f"§{passage_id[2:]}"
    return f"¶{passage_id[2:]}"


class EntityPage:
    """Renders entity pages of one knowledge base (lookups are built once, in ``__init__``).

    Args:
        kb: the knowledge base; mentions: entity id -> mentions; blocks: (source id, passage
            id) -> block; related: entity id -> Counter of co-occurring entity ids.
    """

    def __init__(self, kb: KnowledgeBase, mentions: dict[str, list[Mention]],
                 blocks: dict[tuple[str, str], Passage], related: dict[str, Counter[str]]):
        self.kb, self.mentions, self.blocks, self.related = kb, mentions, blocks, related
        self.entities = {entity.id: entity for entity in kb.entities}
        self.labels = {doc.spec.id: doc.spec.label for doc in kb.documents}
        self.source_order = [doc.spec.id for doc in kb.documents]

    def render(self, entity: Entity) -> str:
        """The Markdown page of ``entity`` (front matter first)."""
        path = entity_path(entity)
        mentions = self.mentions[entity.id]
        sources = [s for s in self.source_order if any(m.source_id == s for m in mentions)]
        front = {
            "type": entity.type, "id": entity.id, "title": entity.name, "english": entity.english,
            "kind": entity.kind, "aliases": list(entity.surface_forms()[1:]),
            "sources": sources, "mentions": len(mentions),
        }
        heading = escape_inline(entity.name) + (f" {escape_inline(entity.english)}" if entity.english else "")
        parts = [dump_front_matter(front), f"# {heading}\n", self._facts(entity)]
        groups = by_sentence(mentions, self.blocks)
        parts += [self._definitions(entity, groups, path), self._by_source(groups, sources, path),
                  self._related(entity, path), self._timeline(groups, path)]
        return "\n".join(part for part in parts if part)

    def _link(self, mention: Mention, path: str) -> str:
        label = escape_inline(f"{self.labels[mention.source_id]} {_place(mention.passage_id)}")
        return f"[{label}]({href(path, source_path(mention.source_id), mention.passage_id)})"

    def _facts(self, entity: Entity) -> str:
        rows = [f"- **類型 Type**：{TYPE_NAMES[entity.type]}"]
        if entity.kind:
            rows.append(f"- **種類 Kind**：{ACTOR_KIND_NAMES[entity.kind]}")
        if entity.english:
            rows.append(f"- **英文名稱 English**：{escape_inline(entity.english)}")
        aliases = [alias for alias in dict.fromkeys(entity.aliases) if alias != entity.name]
        if aliases:
            rows.append("- **別名 Aliases**：" + "、".join(escape_inline(a) for a in aliases))
        for scope, scoped in entity.scoped_aliases:
            rows.append(f"- **於《{escape_inline(self.labels.get(scope, scope))}》稱 In this source**："
                        + "、".join(escape_inline(a) for a in scoped))
        return "\n".join(rows) + "\n"

    def _definitions(self, entity: Entity, groups: list[list[Mention]], path: str) -> str:
        defining = [[m for m in group if is_definition(self.blocks[(m.source_id, m.passage_id)].text, m, entity)]
                    for group in groups]
        found = [group for group in defining if group]
        if not found:
            return ""
        lines = ["## 定義與說明 How the sources define it\n"]
        for group in found[:MAX_DEFINITIONS]:
            m = group[0]
            lines.append(f"- {quoted(self.blocks[(m.source_id, m.passage_id)], group)} — {self._link(m, path)}")
        lines.append("")
        return "\n".join(lines)

    def _by_source(self, groups: list[list[Mention]], sources: list[str], path: str) -> str:
        if not groups:
            return "## 提及 Mentions\n\n（五篇來源均未提及。Not mentioned in the sources.）\n"
        lines = ["## 提及 Mentions\n"]
        for source_id in sources:
            here = [group for group in groups if group[0].source_id == source_id]
            lines.append(f"### {escape_inline(self.labels[source_id])}（{sum(map(len, here))}）\n")
            for group in here:
                m = group[0]
                lines.append(f"- {quoted(self.blocks[(m.source_id, m.passage_id)], group)} {self._link(m, path)}")
            lines.append("")
        return "\n".join(lines)

    def _related(self, entity: Entity, path: str) -> str:
        ranked = sorted(self.related.get(entity.id, Counter()).items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            return ""
        lines = ["## 相關條目 Related entities\n", "同一段落中共同出現的條目（段落數）。Entities mentioned in the same passages (number of passages).\n"]
        for other_id, count in ranked[:MAX_RELATED]:
            other = self.entities[other_id]
            lines.append(f"- [{escape_inline(other.name)}]({href(path, entity_path(other))})（{count}）")
        return "\n".join(lines) + "\n"

    def _timeline(self, groups: list[list[Mention]], path: str) -> str:
        entries = []
        for group in groups:
            m = group[0]
            for date in dates(quote(self.blocks[(m.source_id, m.passage_id)].text, group).text):
                entries.append((date, self.source_order.index(m.source_id), m.passage_id, m.start, group))
        if not entries:
            return ""
        lines = ["## 時間軸 Timeline\n", "| 日期 Date | 原文 Passage | 出處 Source |", "|---|---|---|"]
        for date, _, _, _, group in sorted(entries, key=lambda e: e[:4]):
            m = group[0]
            sentence = quoted(self.blocks[(m.source_id, m.passage_id)], group).replace("|", "\\|")
            lines.append(f"| {date} | {sentence} | {self._link(m, path)} |")
        return "\n".join(lines) + "\n"
