"""Search as readers ask (issue 10): mainland usage, questions, English phrases, people by title
and organisations by abbreviation, and where each result comes from. On the real kb/ (the
engine in V8, as `vdiplo-site search` runs it) and on crafted data."""

from __future__ import annotations

import pytest

from conftest import ROOT
from vdiplo_site.model import Document, Section, SourceSpec
from vdiplo_site.search.aliases import changed_core, english_form, mainland_forms
from vdiplo_site.search.data import section_paths, short_label
from vdiplo_site.search.folding import fold_map
from vdiplo_site.search.runner import SearchRunner, load_search_data
from vdiplo_site.search.shards import Sizes, build_index
from vdiplo_site.writer.paths import TYPE_NAMES


@pytest.fixture(scope="module")
def real():
    return SearchRunner(load_search_data(ROOT / "kb"))


def first_landing(runner: SearchRunner, query: str, must: str, top: int = 10) -> int | None:
    """1-based rank of the first result whose text holds ``must``, or None."""
    for rank, hit in enumerate(runner.search(query, top), 1):
        if must in hit.snippet:
            return rank
    return None


@pytest.mark.parametrize(
    ("query", "must"),
    [
        ("图瓦卢", "吐瓦魯"),  # OpenCC tw2sp and MediaWiki both
        ("芯片", "晶片"),  # a part of the jieba word 先進晶片研究中心
        ("撒切尔夫人", "柴契爾夫人"),  # MediaWiki's table only
        ("斯威士兰", "史瓦帝尼"),  # MediaWiki's table only
        ("汤加", "東加"),  # the table knows it only in 東加王國
        ("人工智能", "人工智慧"),
    ],
)
def test_mainland_usage_finds_the_taiwanese_word(real, query, must):
    assert first_landing(real, query, must, 3), [h.snippet[:40] for h in real.search(query, 3)]


def test_mainland_forms_come_from_the_tables():
    assert "图瓦卢" in mainland_forms("吐瓦魯") and "撒切尔" in mainland_forms("柴契爾")
    assert mainland_forms("日本") == {"日本"}


def test_changed_core_keeps_two_characters_of_a_one_character_change():
    assert changed_core("汤加王国", "东加王国") == ("汤加", "东加")
    assert changed_core("图瓦卢", "吐瓦鲁") == ("图瓦卢", "吐瓦鲁")
    assert changed_core("新西兰", "纽西") == ("", "")


@pytest.mark.parametrize(
    ("query", "must", "rank"),
    [
        ("什麼是價值共同體", "係指具有共同價值觀", 2),
        ("自由與繁榮之弧是誰提出的", "所倡議自由與繁榮之弧", 3),
        ("總合外交是什麼策略", "總合外交", 1),
        ("台灣能參加世界衛生大會嗎", "世衛大會", 1),  # 世衛大會 is the entity 世界衛生大會
        ("什麼是戰略機遇期", "是指一個特定的歷史階段", 3),
    ],
)
def test_question_words_are_no_terms(real, query, must, rank):
    found = first_landing(real, query, must)
    assert found is not None and found <= rank, [h.snippet[:40] for h in real.search(query, 5)]


def test_a_what_is_question_prefers_the_defining_passage():
    docs = [
        ("a.md", "p-1-1", "t", "北約與北約再次開會，北約很忙。", "passage", []),
        ("a.md", "p-1-2", "t", "所謂北約，是一個軍事同盟。", "passage", []),
    ]
    runner = crafted(docs, ["北约"])
    assert runner.search("北約")[0].location == "a.md#p-1-1"
    assert runner.search("什麼是北約")[0].location == "a.md#p-1-2"
    assert runner.search("北約是什麼？")[0].location == "a.md#p-1-2"


def test_a_question_needs_not_hold_every_word():
    docs = [
        ("a.md", "p-1-1", "t", "台灣以觀察員身分出席世界衛生大會。", "passage", []),
        ("a.md", "p-1-2", "t", "台灣能源。", "passage", []),
    ]
    runner = crafted(docs, ["台湾", "世界卫生大会", "参加"])
    assert runner.search("台灣能參加世界衛生大會嗎")[0].location == "a.md#p-1-1"


@pytest.mark.parametrize(
    ("query", "must"),
    [
        ("蔡英文", "蔡總統"),  # the 2023 review writes 蔡總統 only
        ("賴清德", "賴總統"),  # the 2024 review writes 賴總統 only
        ("Tsai Ing-wen", "蔡總統"),
    ],
)
def test_a_passage_is_found_by_the_names_of_what_it_mentions(real, query, must):
    hits = real.search(query, 10)
    assert any(must in h.snippet and "#p-" in h.location for h in hits), [h.snippet[:30] for h in hits]


@pytest.mark.parametrize(
    ("query", "must"),
    [("reciprocity", "互惠"), ("civil society", "公民社會"), ("complex interdependence", "複合互賴")],
)
def test_english_phrases_find_their_glossed_chinese(real, query, must):
    hits = real.search(query, 10)
    assert any(must in h.snippet and query not in h.snippet.lower() for h in hits), [
        h.snippet[:30] for h in hits
    ]


def test_english_form_is_lower_case_words():
    assert english_form("Second-Track  Diplomacy") == "second-track diplomacy"
    assert english_form("（AIT）") == "ait"


def test_every_result_says_where_it_comes_from(real, real_kb):
    hits = real.search("立陶宛", 20)
    labels = tuple(short_label(d.spec.label) for d in real_kb.documents) + tuple(TYPE_NAMES.values())
    assert all(h.title.startswith(labels) for h in hits), [h.title for h in hits]
    assert any(h.title.count(" › ") >= 2 for h in hits)


def test_short_label_cuts_a_long_descriptive_label_at_its_colon():
    assert short_label("2024 年外交工作回顧") == "2024 年外交工作回顧"
    assert (
        short_label("第二軌道外交與全球治理：扁政府時期的個案研究（文本未載題名）")
        == "第二軌道外交與全球治理"
    )


def test_section_paths_follow_levels():
    spec = SourceSpec(
        "x", "x.txt", "mofa-review", "x", "x", None, (), None, None, "report", "zh-Hant", "-", "0" * 64
    )
    sections = (
        Section("", 0, (), "s-0"),
        Section("一、甲", 1, (), "s-1"),
        Section("（一）乙", 2, (), "s-2"),
        Section("（二）丙", 2, (), "s-3"),
        Section("二、丁", 1, (), "s-4"),
    )
    paths = section_paths(Document(spec=spec, sections=sections))
    assert paths == {
        "s-0": (),
        "s-1": ("一、甲",),
        "s-2": ("一、甲", "（一）乙"),
        "s-3": ("一、甲", "（二）丙"),
        "s-4": ("二、丁",),
    }


def crafted(docs, vocab=()):
    """A runner over crafted docs ((page, anchor, title, text, kind, names) tuples)."""
    rows = [dict(zip(("page", "anchor", "title", "text", "kind", "names"), d, strict=True)) for d in docs]
    pairs = fold_map([r["text"] + r["title"] + "什麼誰嗎參加衛" for r in rows])
    data = {
        "version": 1,
        "fold": "".join(t + s for t, s in pairs.items()),
        "vocab": sorted(vocab),
        "docs": rows,
    }
    return SearchRunner(data, build_index(data, lambda page: page, Sizes()))
