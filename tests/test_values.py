"""The values family on the generated pages: a page per value, the index comparing the sources
(figures checked against counts made here from the passages), navigation, related entities."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from conftest import ROOT
from vdiplo_site.writer.front_matter import load_front_matter
from vdiplo_site.writer.paths import entity_path

VALUES_INDEX = "values/index.md"
# A link from a value page to a passage: a paragraph, a heading or a footnote.
PASSAGE_LINK = re.compile(r"\]\(\.\./sources/[a-z0-9-]+\.md#(p-\d+-\d+|s-\d+|fn:[^)\s]+)\)")
# Counted characters, defined here again from the page's words: Han characters and Latin
# letters, footnote markers and web addresses left out.
HAN_OR_LATIN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
)


@pytest.fixture(scope="module")
def values(real_kb):
    return [entity for entity in real_kb.entities if entity.type == "value"]


def expected_figures(real_kb, values):
    """(value id, source id) -> mentions, and source id -> characters, counted from the passages."""
    ids = {value.id for value in values}
    counts = Counter(
        (m.entity_id, m.source_id)
        for m in real_kb.mentions
        if m.entity_id in ids and not real_kb.in_cited_title(m)
    )
    characters = Counter()
    for (source_id, _), passage in real_kb.passages.items():
        text = re.sub(r"https?://[^\s)）]+", "", re.sub(r"\[\^[^\]\s]+\]", "", passage.text))
        characters[source_id] += len(HAN_OR_LATIN.findall(text))
    return counts, characters


def table_rows(page: str) -> dict[str, list[str]]:
    """Value page link -> the cells of its row in the comparison table."""
    table = page.split("## 計算方式")[0]
    rows = {}
    for line in table.splitlines():
        link = re.match(r"^\| \[[^\]]+\]\(([a-z0-9-]+\.md)\) \| (.+) \|$", line)
        if link:
            rows[link.group(1)] = link.group(2).split(" | ")
    return rows


def test_the_comparison_table_gives_the_counts_of_the_passages(real_kb, real_files, values):
    page = real_files[VALUES_INDEX].text
    assert load_front_matter(page)["entities"] == len(values)
    counts, characters = expected_figures(real_kb, values)
    rows = table_rows(page)
    assert set(rows) == {f"{value.id}.md" for value in values}
    for value in values:
        cells = rows[f"{value.id}.md"]
        assert len(cells) == len(real_kb.source_ids) + 1
        for source_id, cell in zip(real_kb.source_ids, cells, strict=False):
            n = counts[(value.id, source_id)]
            figure = f"{n}（{n * 10000 / characters[source_id]:.1f}）"
            anchor = f"mentions-{source_id}"
            expected = f"[{figure}]({value.id}.md#{anchor})" if n else figure  # linked to its mentions
            assert cell == expected, (value.id, source_id)
            if n:
                assert f" {{#{anchor}}}" in real_files[f"values/{value.id}.md"].text
        total = sum(counts[(value.id, s)] for s in real_kb.source_ids)
        assert cells[-1].startswith(f"{total}（"), value.id
    for source_id in real_kb.source_ids:
        assert f"| {characters[source_id]:,} |" in page
    assert "漢字與\n拉丁字母" in page and "Han characters and Latin letters" in page


def test_a_page_per_value_quotes_its_mentions_with_links_to_passages(real_kb, real_files, values):
    counts, _ = expected_figures(real_kb, values)
    for value in values:
        page = real_files[entity_path(value)].text
        assert entity_path(value) == f"values/{value.id}.md"
        meta = load_front_matter(page)
        assert (meta["type"], meta["title"]) == ("value", value.name)
        assert meta["mentions"] == sum(counts[(value.id, s)] for s in real_kb.source_ids)
        assert "## 各來源的頻率 Frequency by source" in page
    democracy = real_files["values/democracy.md"].text
    assert len(PASSAGE_LINK.findall(democracy)) >= 100
    assert "<mark>民主</mark>" in democracy and "民主進步黨" not in democracy


def test_the_values_family_is_on_the_home_page_and_in_the_navigation(real_files):
    assert "](values/index.md)" in real_files["index.md"].text
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert {"價值 Values": VALUES_INDEX} in nav


def test_no_value_is_a_related_entity_of_another_entity(real_kb, real_files, values):
    links = {f"../values/{value.id}.md" for value in values}
    for entity in real_kb.entities:
        related = {n.entity_id for n in real_kb.neighbours.get(entity.id, ())}
        assert not related & {value.id for value in values}, entity.id
        page = real_files[entity_path(entity)].text
        section = page.split("## 相關條目", 1)[1].split("\n## ", 1)[0] if "## 相關條目" in page else ""
        assert not any(link in section for link in links), entity.id
