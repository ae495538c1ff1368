"""The co-occurrence network of the entities (``kb/views/network.md`` and its data,
``kb/views/network.json``).

Two entities co-occur when one passage (heading, block or note) names both (discourse
mentions, as :attr:`~vdiplo_site.knowledge.KnowledgeBase.neighbours` counts them); here the
passages are also counted per source, so the browser can show one source's network, and
values are kept (``neighbours`` leaves them out of other entities' lists; the drawing shows
them on demand).
``assets/network.js`` draws the data (linked from the paragraph marked ``.vd-network``) with the vendored Cytoscape.js; the page's table is the
same network as text (for screen readers and without script), and its rows are the nodes in
the data's order, so the script takes each node's link from the table.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from ..knowledge import KnowledgeBase
from ..model import Entity
from .markdown_text import escape_inline
from .paths import NETWORK, NETWORK_DATA, TYPE_NAMES, entity_path, href, source_path
from .view_page import view_opening

#: Neighbours a row of the table lists (the entity's page lists more).
TABLE_NEIGHBOURS = 5


@dataclass(frozen=True)
class Edge:
    """Two entities named together, with the passages that name both, per source.

    Attributes:
        first, second: entity ids, ``first < second``.
        passages: source id -> passages of that source naming both (sources with none left
            out), in manifest order.
    """

    first: str
    second: str
    passages: dict[str, int]

    @property
    def total(self) -> int:
        """Passages of all sources naming both."""
        return sum(self.passages.values())


def cooccurrence(kb: KnowledgeBase) -> tuple[Edge, ...]:
    """Every pair of entities sharing a passage, sorted by ids."""
    named: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity_id, mentions in kb.mentions_by_entity.items():
        for m in mentions:
            named[(m.source_id, m.passage_id)].add(entity_id)
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (source_id, _), entity_ids in named.items():
        for pair in combinations(sorted(entity_ids), 2):
            pairs[pair][source_id] += 1
    order = kb.source_ids
    return tuple(
        Edge(a, b, {s: pairs[(a, b)][s] for s in order if pairs[(a, b)][s]}) for a, b in sorted(pairs)
    )


def network_nodes(kb: KnowledgeBase) -> tuple[Entity, ...]:
    """The entities the sources mention, most mentioned first (then by id): the nodes, in the
    order of the data and of the table."""
    mentioned = (e for e in kb.entities if kb.mentions_by_entity[e.id])
    return tuple(sorted(mentioned, key=lambda e: (-len(kb.mentions_by_entity[e.id]), e.id)))


def network_data(kb: KnowledgeBase) -> bytes:
    """``kb/views/network.json``: ``sources`` (id, short label), ``types`` (type -> name),
    ``nodes`` (id, name, type, mentions, indexes of the sources naming it) and ``edges``
    (``[node index, node index, {source index: passages}]``); compact, keys sorted."""
    nodes = network_nodes(kb)
    index = {e.id: i for i, e in enumerate(nodes)}
    source_index = {s: i for i, s in enumerate(kb.source_ids)}
    data = {
        "sources": [{"id": s, "label": kb.short_label(s)} for s in kb.source_ids],
        "types": TYPE_NAMES,
        "nodes": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "mentions": len(kb.mentions_by_entity[e.id]),
                "sources": [source_index[s] for s in kb.sources_by_entity[e.id]],
            }
            for e in nodes
        ],
        "edges": [
            [
                index[edge.first],
                index[edge.second],
                {str(source_index[s]): n for s, n in edge.passages.items()},
            ]
            for edge in cooccurrence(kb)
        ],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def render_network_page(kb: KnowledgeBase) -> str:
    """``kb/views/network.md``: what the network shows, the drawing's place (filled by
    ``assets/network.js``), and the table: a row per node (data order) with its type,
    mentions, sources (short labels) and most shared neighbours."""
    nodes = network_nodes(kb)
    rows = [
        "| 條目 Entity | 類型 Type | 提及 Mentions | 來源 Sources | 共同出現最多 Most shared passages |",
        "|---|---|---:|---|---|",
    ]
    for entity in nodes:
        sources = "、".join(
            f"[{escape_inline(kb.short_label(s))}]({href(NETWORK, source_path(s))})"
            for s in kb.sources_by_entity[entity.id]
        )
        neighbours = "、".join(
            f"[{escape_inline(kb.entity(n.entity_id).name)}]({href(NETWORK, entity_path(kb.entity(n.entity_id)))})"
            f"（{n.passages}）"
            for n in kb.neighbours.get(entity.id, ())[:TABLE_NEIGHBOURS]
        )
        rows.append(
            f"| [{escape_inline(entity.name)}]({href(NETWORK, entity_path(entity))}) | {TYPE_NAMES[entity.type]} "
            f"| {len(kb.mentions_by_entity[entity.id])} | {sources} | {neighbours} |"
        )
    return "\n".join(
        [
            view_opening(
                "網絡 Network",
                {"nodes": len(nodes)},
                "同一段落中共同出現的條目：點為條目（大小依提及次數），線連接同一段落提及的兩個條目（粗細依段落數）。"
                "點選一點前往其頁面。下表以文字列出同一網絡。"
                "Entities named in the same passage: a node per entity (sized by mentions), a line "
                "between two entities one passage names (thicker for more passages); select a node "
                "to open its page. The table below lists the same network as text.\n",
            ),
            f"網絡資料 The network's data：[network.json]({href(NETWORK, NETWORK_DATA)})\n{{: .vd-network }}\n",
            "## 條目與其共同出現 Entities and what they are named with\n",
            '篩選與排序 Filter and sort：\n{: .vd-table-tools data-filter="1 3" data-sort="0 2" }\n',
            "\n".join(rows) + "\n",
        ]
    )
