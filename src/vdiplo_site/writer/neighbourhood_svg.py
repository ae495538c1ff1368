"""A small static picture of an entity's neighbourhood, drawn at build time for its page.

The entity in the middle, its most shared neighbours (:attr:`~vdiplo_site.knowledge.
KnowledgeBase.neighbours`) on a circle around it, each line as thick as the passages they
share, and the number written on it. Only names and counts of the record; the names are
HTML-escaped. The page's list of related entities below it links the same names, in the same
order: ``assets/figure-links.js`` opens a node's page from its item.
"""

from __future__ import annotations

import math
from html import escape

from ..knowledge import KnowledgeBase
from ..model import Entity

#: Neighbours drawn around the entity.
DRAWN = 10
WIDTH, HEIGHT, RADIUS = 520, 300, 115
COLOURS = {"country": "#1f77b4", "actor": "#d62728", "concept": "#2ca02c", "value": "#9467bd"}


def neighbourhood_svg(kb: KnowledgeBase, entity: Entity) -> str:
    """A ``<figure>`` holding an inline SVG of ``entity`` and up to :data:`DRAWN` neighbours
    (most shared first, clockwise from the top), on one line each so Markdown keeps it as one
    HTML block; empty when the entity has no neighbour. Coordinates in SVG user units, one
    decimal, so the output is byte-identical for equal input."""
    ranked = kb.neighbours.get(entity.id, ())[:DRAWN]
    if not ranked:
        return ""
    cx, cy = WIDTH / 2, HEIGHT / 2
    most = ranked[0].passages
    lines, nodes = [], []
    for i, neighbour in enumerate(ranked):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ranked)
        x, y = cx + RADIUS * 1.8 * math.cos(angle), cy + RADIUS * math.sin(angle)
        width = 1 + 5 * neighbour.passages / most
        other = kb.entity(neighbour.entity_id)
        lines.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#999" stroke-width="{width:.1f}"/>'
            f'<text x="{(cx + x) / 2:.1f}" y="{(cy + y) / 2:.1f}" class="vd-n-count">{neighbour.passages}</text>'
        )
        nodes.append(_node(other, x, y, 7, i))
    nodes.append(_node(entity, cx, cy, 11, None))
    label = f"{escape(entity.name)}與同段落共同出現最多的 {len(ranked)} 個條目 (the entities sharing most passages with it)"
    svg = (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{label}" class="vd-neighbourhood">'
        + "".join(lines)
        + "".join(nodes)
        + "</svg>"
    )
    return f'<figure class="vd-linked vd-neighbourhood-figure">{svg}</figure>\n'


def _node(entity: Entity, x: float, y: float, r: int, row: int | None) -> str:
    """A node's circle and name; a neighbour's (``row``: its place in the list of related
    entities that follows the figure) with ``data-row``, for ``assets/figure-links.js``."""
    colour = COLOURS.get(entity.type, "#555")
    linked = f' data-row="{row}"' if row is not None else ""
    return (
        f'<g{linked}><circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}"/>'
        f'<text x="{x:.1f}" y="{y + r + 13:.1f}" text-anchor="middle">{escape(entity.name)}</text></g>'
    )
