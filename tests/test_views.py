"""The whole-corpus views as written to kb/: the two MOFA reviews compared, the timeline, the
entity indexes' filter markers and short source labels."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter

import pytest

from conftest import make_project
from vdiplo_site.errors import BuildError
from vdiplo_site.model import strip_footnote_refs
from vdiplo_site.pipeline import gather
from vdiplo_site.project import Project
from vdiplo_site.writer.front_matter import load_front_matter
from vdiplo_site.writer.neighbourhood_svg import DRAWN
from vdiplo_site.writer.network_page import cooccurrence
from vdiplo_site.writer.pages import render_pages
from vdiplo_site.writer.paths import MAP, NETWORK, NETWORK_DATA, REVIEW_COMPARISON, TIMELINE, entity_path
from vdiplo_site.writer.review_comparison import (
    EARLIER,
    LATER,
    LEAD_KEY,
    TOPICS,
    section_with,
    source_counts,
    topic_counts,
    topic_sections,
)
from vdiplo_site.writer.timeline_page import timeline_rows
from vdiplo_site.writer.world_map import (
    SHADES,
    UNMENTIONED,
    WIDTH,
    _cut_at_antimeridian,
    countries,
    feature_rings,
    shade,
)

LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_every_pairing_rests_on_a_word_both_reviews_write_in_a_heading(real_kb):
    for topic in TOPICS:
        for source_id, word in ((EARLIER, topic.earlier), (LATER, topic.later)):
            sections = topic_sections(real_kb.document(source_id), word)
            if word is None or topic.key == LEAD_KEY:
                continue
            assert any(topic.key in s.heading for s in sections), (topic.key, source_id, word)


def test_a_topic_is_located_by_its_heading_word_not_by_an_anchor(real_kb):
    # the shallowest heading holding the word: （一）台美夥伴關係…, not 3. 台美持續強化…
    assert real_kb.document(EARLIER).sections[section_with(real_kb.document(EARLIER), "台美")].level == 2
    with pytest.raises(BuildError, match="no heading holds '新南向' in mofa-2023-review"):
        topic_sections(real_kb.document(EARLIER), "新南向")


def test_a_topic_spans_its_sub_sections_only(real_kb):
    taiwan_us = topic_sections(real_kb.document(EARLIER), "台美")
    assert [s.anchor for s in taiwan_us] == ["s-2", "s-3", "s-4", "s-5"]
    assert [s.anchor for s in topic_sections(real_kb.document(LATER), "")] == ["s-0"]


def test_topic_counts_are_the_mentions_in_the_topics_passages(real_kb):
    sections = topic_sections(real_kb.document(LATER), "台美")
    counts = topic_counts(real_kb, LATER, sections)
    ids = {s.anchor for s in sections} | {b.passage_id for s in sections for b in s.blocks}
    usa = sum(
        1 for m in real_kb.mentions_by_entity["united-states"] if m.source_id == LATER and m.passage_id in ids
    )
    assert counts["united-states"] == usa > 0
    whole = source_counts(real_kb, LATER)
    assert all(whole[e] >= n for e, n in counts.items())


def test_comparison_page_lists_entities_named_in_one_year_only(real_kb, real_files):
    page = real_files[REVIEW_COMPARISON].text
    new = page.split("### 2024 年新提及")[1].split("### 2024 年不再提及")[0]
    gone = page.split("### 2024 年不再提及")[1].split("\n## ")[0]
    earlier, later = source_counts(real_kb, EARLIER), source_counts(real_kb, LATER)
    assert "(../countries/palau.md)" in new and "(../countries/palau.md)" not in gone  # 帛琉: 2024 only
    for block, present, absent in ((new, later, earlier), (gone, earlier, later)):
        ids = [link.rsplit("/", 1)[1].removesuffix(".md") for link in LINK.findall(block)]
        assert ids and all(present[i] and not absent[i] for i in ids)
        assert f"共 {len(ids)} 個條目" in block


def test_comparison_page_quotes_every_passage_of_a_topic_linked(real_kb, real_files):
    page = real_files[REVIEW_COMPARISON].text
    for source_id in (EARLIER, LATER):
        for section in topic_sections(real_kb.document(source_id), "台歐"):
            for block in section.blocks:
                assert f"](../sources/{source_id}.md#{block.passage_id})" in page
    assert len(load_front_matter(page)) and load_front_matter(page)["topics"] == len(TOPICS)


def test_both_reviews_link_the_comparison_and_the_others_do_not(real_files):
    for source_id in real_files:
        if source_id.startswith("sources/") and not source_id.endswith("index.md"):
            linked = "](../views/mofa-reviews.md)" in real_files[source_id].text
            assert linked == (source_id in (f"sources/{EARLIER}.md", f"sources/{LATER}.md")), source_id


def test_timeline_merges_a_sentence_shared_by_entities(real_kb):
    rows = timeline_rows(real_kb)
    per_entity = sum(len(found) for found in real_kb.timeline.values())
    assert sum(len(r.entity_ids) for r in rows) == per_entity
    assert len(rows) < per_entity
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    for row in rows:
        passage = real_kb.passages[(row.source_id, row.passage_id)]
        quoted = row.text.replace("…", "")
        assert quoted[:8] in strip_footnote_refs(passage.text)


def test_timeline_page_links_each_row_to_its_passage(real_kb, real_files):
    page = real_files[TIMELINE].text
    body = [line for line in page.splitlines() if line.startswith("| ") and not line.startswith("| 日期")]
    rows = timeline_rows(real_kb)
    assert len(body) == len(rows) == load_front_matter(page)["rows"]
    for line, row in zip(body, rows, strict=True):
        assert f"](../sources/{row.source_id}.md#{row.passage_id})" in line
        assert f"[{real_kb.short_label(row.source_id)}]" in line
    assert 'data-filter="1 3"' in page


def test_indexes_show_short_source_labels_and_carry_the_filter_marker(real_kb, real_files):
    actors = real_files["actors/index.md"].text
    assert 'data-filter="2 4" data-sort="0 3"' in actors
    long_labels = Counter(real_kb.label(s) for s in real_kb.source_ids)
    for label in long_labels:
        if label not in {real_kb.short_label(s) for s in real_kb.source_ids}:
            assert label not in actors
    assert 'data-filter="3" data-sort="0 2"' in real_files["countries/index.md"].text


def test_a_corpus_without_both_reviews_has_a_timeline_and_no_comparison(tmp_path):
    root = make_project(tmp_path, {"demo": ("mofa-review", "一、 台美\n\n2020年台美合作。\n".encode())})
    kb = gather(Project(root))
    assert kb.short_label("demo") == kb.label("demo") == "測試文本"  # no short_label: the label
    paths = {file.path for file in render_pages(kb)}
    assert TIMELINE in paths and REVIEW_COMPARISON not in paths
    home = next(f for f in render_pages(kb) if f.path == "index.md").text
    assert "mofa-reviews.md" not in home and "views/timeline.md" in home


def test_network_edges_are_the_knowledge_bases_neighbours_split_by_source(real_kb):
    edges = cooccurrence(real_kb)
    totals = {(e.first, e.second): e.total for e in edges}
    for entity_id, ranked in real_kb.neighbours.items():
        for n in ranked:
            assert totals[tuple(sorted((entity_id, n.entity_id)))] == n.passages
    # kb.neighbours leaves values out of other entities' neighbours; the network keeps them
    values = {e.id for e in real_kb.entities if e.type == "value"}
    without = [e for e in edges if not {e.first, e.second} & values]
    with_values = sum(1 for e in edges if len({e.first, e.second} & values) == 1)
    assert sum(len(r) for r in real_kb.neighbours.values()) == 2 * len(without) + with_values
    assert any(len(e.passages) > 1 for e in edges)


def test_network_data_nodes_are_the_tables_rows_in_order(real_kb, real_files):
    data = json.loads(real_files[NETWORK_DATA].data)
    page = real_files[NETWORK].text
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert len(rows) == len(data["nodes"]) == load_front_matter(page)["nodes"]
    for row, node in zip(rows, data["nodes"], strict=True):
        assert f"/{node['id']}.md)" in row.split(" | ")[0]
    assert "(../views/network.json)" in page and "{: .vd-network }" in page
    assert len(real_files[NETWORK_DATA].data) < 1_000_000


def test_an_entity_page_draws_its_neighbourhood(real_kb, real_files):
    page = real_files["countries/japan.md"].text
    figure = next(
        line
        for line in page.splitlines()
        if line.startswith('<figure class="vd-linked vd-neighbourhood-figure">')
    )
    ranked = real_kb.neighbours["japan"][:DRAWN]
    assert figure.count("<circle") == len(ranked) + 1
    for n in ranked:
        assert f">{real_kb.entity(n.entity_id).name}</text>" in figure
        assert f">{n.passages}</text>" in figure
    unlinked = next(e for e in real_kb.entities if not real_kb.neighbours.get(e.id))
    assert "vd-neighbourhood" not in real_files[entity_path(unlinked)].text


def test_neighbourhood_nodes_point_at_the_related_list_in_its_order(real_kb, real_files):
    page = real_files["countries/japan.md"].text
    after = page.split('<figure class="vd-linked vd-neighbourhood-figure">', 1)[1].split("</figure>", 1)
    items = [line for line in after[1].splitlines() if line.startswith("- [")]
    for row, n in enumerate(real_kb.neighbours["japan"][:DRAWN]):
        node = after[0].split(f'data-row="{row}"', 1)[1].split("</g>", 1)[0]
        name = real_kb.entity(n.entity_id).name
        assert f">{name}</text>" in node and items[row].startswith(f"- [{name}](")


def test_map_shades_and_marks_the_mentioned_countries_linked_by_row(real_kb, real_files):
    page = real_files[MAP].text
    marked = [c for c in countries(real_kb) if c.rings]
    assert {"taiwan", "japan", "united-states", "czech-republic"} <= {c.entity.id for c in marked}
    rows = page.split("## 地圖上的國家")[1].split("## ")[0]
    links = [line for line in rows.splitlines() if line.startswith("| [")]
    assert len(links) == len(marked) == load_front_matter(page)["countries"]
    for row, country in enumerate(marked):
        assert f"/{country.entity.id}.md)" in links[row]
        assert f'data-row="{row}"><title>{country.entity.name}：{country.mentions}</title>' in page
    taiwan = marked[0]
    assert taiwan.entity.id == "taiwan" and f'fill="{shade(taiwan.mentions)}" data-row="0"' in page
    shapeless = page.split("## 無地圖形狀的地區與地點")[1]
    assert "(../countries/indo-pacific.md)" in shapeless and "(../countries/taiwan.md)" not in shapeless


def test_shades_grow_with_mentions():
    assert shade(0) == UNMENTIONED
    assert [shade(n) for n in (1, 3, 4, 16, 64, 256, 10_000)] == [
        SHADES[0],
        SHADES[0],
        SHADES[1],
        SHADES[2],
        SHADES[3],
        SHADES[4],
        SHADES[4],
    ]


def test_antimeridian_crossings_are_cut_into_closed_runs():
    ring = [(950, 10), (955, 12), (5, 12), (8, 20), (3, 30), (952, 30), (950, 10)]
    assert _cut_at_antimeridian(ring) == [
        [(952, 30), (950, 10), (950, 10), (955, 12)],
        [(5, 12), (8, 20), (3, 30)],
    ]
    assert all(
        abs(a[0] - b[0]) <= WIDTH / 2
        for rings in feature_rings().values()
        for r in rings
        for a, b in itertools.pairwise(r)
    )
