"""The mention cases of issue 9, on the generated pages of the real project: a source's declared
abbreviations, names merged by the segmenter, and office titles that hold a body's name."""

from __future__ import annotations

import re

import pytest

from vdiplo_site.candidates import declared_abbreviations, format_declaration

PAPER = "second-track-diplomacy-global-governance"


def page(real_files, path: str) -> str:
    return real_files[path].text


def passage_link(source_id: str, passage_id: str) -> str:
    return f"../sources/{source_id}.md#{passage_id}"


def test_the_papers_declared_zhonggong_is_the_prc(real_kb, real_files):
    """中華人民共和國（以下簡稱中共）: the paper's 中共 (美國與中共建交 in ¶1-1, all of ¶21-3) go
    to the PRC page, none to the Chinese Communist Party page."""
    ours = [m for m in real_kb.mentions if m.source_id == PAPER and m.surface == "中共"]
    assert len(ours) >= 30 and {m.entity_id for m in ours} == {"china"}
    china = page(real_files, "countries/china.md")
    assert passage_link(PAPER, "p-21-3") in china
    assert re.search(r"美國與<mark>中共</mark>建交", china)
    assert passage_link(PAPER, "") not in page(real_files, "actors/chinese-communist-party.md")
    # elsewhere 中共 keeps the gazetteer's meaning
    assert any(m.entity_id == "chinese-communist-party" for m in real_kb.mentions if m.surface == "中共")


def test_declarations_are_listed_in_the_candidate_report(real_kb):
    lines = [format_declaration(d) for d in declared_abbreviations(real_kb.documents, real_kb.entities)]
    assert f"{PAPER}\t中共\tchina\tp-1-1\t中華人民共和國" in lines
    assert f"{PAPER}\t我國\ttaiwan\tp-1-1\t中華民國" in lines


@pytest.mark.parametrize(
    ("source_id", "passage_id"),
    [
        ("mofa-2023-review", "p-11-1"),  # 日本政府多次…重申台海和平穩定
        ("wikipedia-value-based-diplomacy", "p-5-1"),  # 日本首相安倍晋三
    ],
)
def test_japan_is_found_inside_words_the_segmenter_merged(real_files, source_id, passage_id):
    assert passage_link(source_id, passage_id) in page(real_files, "countries/japan.md")


def test_a_name_inside_a_longer_word_is_not_a_mention(real_kb):
    """發展中國家 (developing countries) holds 中國 only as a piece of jieba's word."""
    for m in real_kb.mentions:
        text = real_kb.passages[(m.source_id, m.passage_id)].text
        assert text[m.start - 2 : m.end + 1] != "發展中國家", m


@pytest.mark.parametrize(
    ("source_id", "body", "title"),
    [
        ("wikipedia-value-based-diplomacy", "ministry-of-foreign-affairs-taiwan", "外交部長"),
        ("wikipedia-value-based-diplomacy", "executive-yuan", "行政院長"),
        ("mofa-2023-review", "german-federal-ministry-of-education-and-research", "德國聯邦教育暨研究部長"),
    ],
)
def test_an_office_title_does_not_mention_the_body(real_kb, real_files, source_id, body, title):
    """外交部長, 行政院長, 德國聯邦教育暨研究部長 name the office-holder: no mention, no link.
    (The German ministry is named only in its minister's title, so it has no gazetteer entry.)"""
    text = page(real_files, f"sources/{source_id}.md")
    assert title in re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # the title is on the page
    assert not re.search(re.escape(title[:-1]) + r"\]\([^)]*\)長", text)  # its body's name no link
    for m in real_kb.mentions:
        if m.source_id == source_id and m.entity_id == body:
            text = real_kb.passages[(m.source_id, m.passage_id)].text
            assert text[m.start : m.end + 1] != title, m
