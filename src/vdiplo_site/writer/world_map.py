"""The map of the countries the sources mention (``kb/views/map.md``), drawn at build time.

Geometry: Natural Earth's 1:50m admin-0 countries as the npm package world-atlas 2.0.2
publishes them (TopoJSON, vendored in ``writer/data/``), projected with PROJ's Equal Earth
(pyproj) into an inline SVG. A country entity is drawn when a feature has its English name
(:data:`FEATURE_NAMES` lists the gazetteer names Natural Earth writes otherwise); it is shaded
by its mentions, and marked with a circle sized by them. Regions, seas and cities the sources
name have no shape here and are listed in the table only. The table's rows are the marked
countries in order, so ``assets/figure-links.js`` can open a row's page from its shape.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files as package_files

from pyproj import Transformer

from ..knowledge import KnowledgeBase
from ..model import Entity
from .markdown_text import escape_inline
from .paths import MAP, entity_path, href
from .view_page import view_opening

ATLAS = "data/world-atlas-2.0.2/countries-50m.json"
#: Gazetteer English name -> Natural Earth's name, where they differ.
FEATURE_NAMES = {
    "United States": "United States of America",
    "Czech Republic": "Czechia",
    "Eswatini": "eSwatini",
    "Holy See": "Vatican",
    "Marshall Islands": "Marshall Is.",
    "Saint Kitts and Nevis": "St. Kitts and Nevis",
    "Saint Vincent and the Grenadines": "St. Vin. and Gren.",
}
WIDTH = 960
#: Shades of the mentioned countries, fewest mentions first (by powers of 4).
SHADES = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
UNMENTIONED = "#e8e8e8"

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    """A country entity with its mentions and, if Natural Earth has it, its projected rings.

    Attributes:
        entity: the gazetteer entry.
        mentions: its discourse mentions in all sources.
        rings: projected outer and inner rings, in SVG units (empty: no shape on the map).
    """

    entity: Entity
    mentions: int
    rings: tuple[Ring, ...]


@cache
def _atlas() -> dict:
    return json.loads((package_files("vdiplo_site.writer") / ATLAS).read_text(encoding="utf-8"))


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs decoded (delta-encoded, quantized) into longitude/latitude."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> Ring:
    """A ring joined from arcs (a negative index ``~i`` is arc ``i`` reversed)."""
    ring: Ring = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


@cache
def _frame() -> tuple[Transformer, float, float, float]:
    """The Equal Earth transformer, the projected half width and half height of the world
    (metres), and the scale to SVG units."""
    project = Transformer.from_crs("EPSG:4326", "+proj=eqearth +datum=WGS84", always_xy=True)
    half_width, _ = project.transform(180.0, 0.0)
    _, half_height = project.transform(0.0, 90.0)
    return project, half_width, half_height, WIDTH / (2 * half_width)


def map_height() -> int:
    """The map's height in SVG units for :data:`WIDTH`."""
    _, _, half_height, scale = _frame()
    return math.ceil(2 * half_height * scale)


@cache
def feature_rings() -> dict[str, tuple[Ring, ...]]:
    """Natural Earth name -> the country's rings projected to Equal Earth, scaled to
    :data:`WIDTH` SVG units wide (y down), rounded to whole units (about 40 km) with repeated
    points dropped."""
    topology = _atlas()
    arcs = _arcs(topology)
    project, half_width, half_height, scale = _frame()
    shapes: dict[str, tuple[Ring, ...]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry["type"], []
        )
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                lon, lat = zip(*_ring(arcs, indexes), strict=True)
                xs, ys = project.transform(lon, lat)
                points: Ring = []
                for x, y in zip(xs, ys, strict=True):
                    point = (round((x + half_width) * scale), round((half_height - y) * scale))
                    if not points or point != points[-1]:
                        points.append(point)
                rings.extend(_cut_at_antimeridian(points))
        shapes[geometry["properties"]["name"]] = tuple(rings)
    return shapes


def _cut_at_antimeridian(ring: Ring) -> list[Ring]:
    """``ring`` cut where it crosses the antimeridian (Natural Earth's Russia, Fiji and
    Antarctica run from one edge of the map to the other, a jump of over half its width):
    the runs between the jumps, each closed on itself; the ring itself when it has none."""
    runs: list[Ring] = [[]]
    for point in ring:
        if runs[-1] and abs(point[0] - runs[-1][-1][0]) > WIDTH / 2:
            runs.append([])
        runs[-1].append(point)
    if len(runs) > 1:  # the ring is closed: its last run continues its first
        runs[0] = runs.pop() + runs[0]
    return runs


def countries(kb: KnowledgeBase) -> tuple[Country, ...]:
    """The country entities the sources mention, most mentioned first (then by id)."""
    shapes = feature_rings()
    found = [
        Country(
            e,
            len(kb.mentions_by_entity[e.id]),
            shapes.get(FEATURE_NAMES.get(e.english or "", e.english or ""), ()),
        )
        for e in kb.entities
        if e.type == "country" and kb.mentions_by_entity[e.id]
    ]
    return tuple(sorted(found, key=lambda c: (-c.mentions, c.entity.id)))


def shade(mentions: int) -> str:
    """The fill of a country with ``mentions`` mentions (1–3, 4–15, 16–63, 64–255, 256+)."""
    return SHADES[min(len(SHADES) - 1, int(math.log(mentions, 4)))] if mentions else UNMENTIONED


def _path(rings: tuple[Ring, ...]) -> str:
    return "".join("M" + "L".join(f"{x:g} {y:g}" for x, y in ring) + "Z" for ring in rings if len(ring) > 2)


def _centre(rings: tuple[Ring, ...]) -> tuple[float, float]:
    """The centre of the bounding box of the largest ring (by its bounding box)."""

    def extent(ring: Ring) -> tuple[float, float, float, float]:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return min(xs), min(ys), max(xs), max(ys)

    x0, y0, x1, y1 = max((extent(r) for r in rings), key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    return (x0 + x1) / 2, (y0 + y1) / 2


def map_svg(kb: KnowledgeBase) -> str:
    """The map as one line of inline SVG in a ``<figure class="vd-linked">``: every Natural
    Earth country (unmentioned ones grey), then a circle per mentioned country with a shape
    (area proportional to its mentions), each shape and circle with ``data-row`` (its row in
    the table) and a ``<title>`` of name and mentions."""
    marked = [c for c in countries(kb) if c.rings]
    row = {c.entity.id: i for i, c in enumerate(marked)}
    by_name = {FEATURE_NAMES.get(c.entity.english or "", c.entity.english): c for c in marked}
    shapes, circles = [], []
    for name, rings in sorted(feature_rings().items()):
        country = by_name.get(name)
        if country is None:
            shapes.append(f'<path d="{_path(rings)}" fill="{UNMENTIONED}"/>')
            continue
        title = f"<title>{escape(country.entity.name)} {escape(name)}：{country.mentions}</title>"
        shapes.append(
            f'<path d="{_path(rings)}" fill="{shade(country.mentions)}" data-row="{row[country.entity.id]}">{title}</path>'
        )
    most = max((c.mentions for c in marked), default=1)
    for country in marked:
        x, y = _centre(country.rings)
        r = 2 + 14 * math.sqrt(country.mentions / most)
        title = f"<title>{escape(country.entity.name)}：{country.mentions}</title>"
        circles.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="vd-map-mark" data-row="{row[country.entity.id]}">'
            f"{title}</circle>"
        )
    height = map_height()
    return (
        f'<figure class="vd-linked vd-map"><svg viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'role="img" aria-label="各國被提及次數地圖；文字版見下表 (countries by mentions; the table below lists them)">'
        f'<g stroke="#fff" stroke-width="0.3">{"".join(shapes)}</g><g>{"".join(circles)}</g></svg></figure>\n'
    )


def render_map_page(kb: KnowledgeBase) -> str:
    """``kb/views/map.md``: the map, then a table of the countries on it (the map's rows, in
    order) and a table of the places the sources mention that have no shape on it."""
    found = countries(kb)
    marked = [c for c in found if c.rings]
    shapeless = [c for c in found if not c.rings]

    def row(country: Country) -> str:
        entity = country.entity
        return (
            f"| [{escape_inline(entity.name)}]({href(MAP, entity_path(entity))}) | "
            f"{escape_inline(entity.english or '')} | {country.mentions} |"
        )

    head = "| 名稱 Name | English | 提及 Mentions |\n|---|---|---:|"
    return "\n".join(
        [
            view_opening(
                "地圖 Map",
                {"countries": len(marked)},
                "來源提及的國家：顏色與圓圈大小依提及次數（所有來源合計）；點選國家前往其頁面。"
                "Countries the sources mention, shaded and marked by their mentions in all sources; "
                "select a country to open its page. 底圖 Base map: Natural Earth 1:50m (world-atlas 2.0.2), "
                "Equal Earth projection.\n",
            ),
            map_svg(kb),
            "## 地圖上的國家 Countries on the map\n",
            head,
            *(row(c) for c in marked),
            "",
            "## 無地圖形狀的地區與地點 Regions and places without a shape\n",
            head,
            *(row(c) for c in shapeless),
            "",
        ]
    )
