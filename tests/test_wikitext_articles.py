"""Wikitext beyond seed 000: Chinese Wikipedia articles with the template families of other
articles (NoteTA, hatnotes, infoboxes, citation templates, notes, cell templates, wikitables,
converter markup).

The articles in ``tests/fixtures/wikitext-articles/`` were written for these tests in the style
of Chinese Wikipedia (table-heavy, list-defined references, layout tables side by side); they
are not copies of real articles. Measured with the project's faithfulness measure
(:mod:`faithfulness`): every unit a reader of the page sees is on the converted page, except the
units of the page furniture the reader drops by design, listed per article with the reason.
"""

from __future__ import annotations

import logging
import re

import markdown
import mwparserfromhell
import pytest

from conftest import FIXTURES, crafted_spec
from faithfulness import RAW_MARKUP, document_text, intact_ratio, visible_wikitext
from vdiplo_site.errors import SourceFormatError
from vdiplo_site.formats import FORMATS
from vdiplo_site.model import CELL, FOOTNOTE_REF, Document
from vdiplo_site.passages import assign_passage_ids
from vdiplo_site.pipeline import knowledge_base
from vdiplo_site.readers import strict_templates
from vdiplo_site.readers.wikitext_convert import resolve_conversions
from vdiplo_site.writer.source_page import render_source_page

ARTICLES = FIXTURES / "wikitext-articles"
#: Units of each article that the converted page leaves out on purpose: a list-defined note no
#: text refers to (Wikipedia shows an error there; on our page it would break the build). NoteTA's conversion
#: groups and the short description are not visible text (the measure leaves them out); infobox
#: fields are a table; a portal bar is a line (主題：…).
DROPPED = {
    "summit-for-democracy": [],
    "diplomatic-allies": ["未被引用的註釋"],
}
#: Navigation boxes named without a family marker: shown by their (absent) arguments, listed.
UNKNOWN = {
    "summit-for-democracy": "{{美國外交政策}} x1",
    "diplomatic-allies": "{{中華民國外交}} x1",
}


def read(name: str) -> tuple[str, Document]:
    text = (ARTICLES / f"{name}.wiki").read_text(encoding="utf-8")
    source_format = FORMATS["wikitext"]
    return text, source_format.normalise(source_format.read(crafted_spec("wikitext"), text))


def rows(document: Document) -> list[tuple[str, list[str]]]:
    return [
        (block.kind, block.text.split(CELL))
        for section in document.sections
        for block in section.blocks
        if block.kind.startswith("table")
    ]


def wikitable_rows(document: Document) -> list[tuple[str, list[str]]]:
    """The rows of the article's wikitables: those after the lead's infobox table."""
    infobox = next(
        i for i, block in enumerate(document.sections[0].blocks) if not block.kind.startswith("table")
    )
    return rows(document)[infobox:]


@pytest.mark.parametrize("name", sorted(DROPPED))
def test_article_text_is_intact_but_for_the_dropped_furniture(name):
    text, document = read(name)
    ratio, missing = intact_ratio(visible_wikitext(text), document_text(document))
    assert missing == DROPPED[name]  # every other unit is on the page
    assert ratio >= 0.98  # (a short article: one unused note weighs more than in a long one)
    assert not [markup for markup in RAW_MARKUP if markup in document_text(document)]


@pytest.mark.parametrize("name", sorted(DROPPED))
def test_every_ref_and_note_template_is_a_note(name):
    text, document = read(name)
    code = mwparserfromhell.parse(text)
    refs = code.filter_tags(matches=lambda node: str(node.tag).lower() == "ref")
    named = {str(ref.get("name").value).strip() for ref in refs if ref.has("name")} - {"unused"}
    distinct = len(named) + sum(1 for ref in refs if not ref.has("name"))
    efn = {
        str(t.get("name").value) if t.has("name") else id(t)
        for t in code.filter_templates()
        if t.name.strip() == "efn"
    }
    assert len(document.footnotes) == distinct + len(efn)
    assert all(note.text and not note.missing for note in document.footnotes)
    used = {
        label
        for passage in document.sections
        for block in passage.blocks
        for label in FOOTNOTE_REF.findall(block.text)
    }
    assert used == {note.label for note in document.footnotes}  # a note nothing refers to fails MkDocs


@pytest.mark.parametrize("name", sorted(UNKNOWN))
def test_unknown_templates_are_listed_once_with_counts(name, caplog):
    with caplog.at_level(logging.WARNING):
        read(name)
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning.endswith(f"(unknown to the reader): {UNKNOWN[name]}")
    with strict_templates(["crafted"]), pytest.raises(SourceFormatError, match="unsupported template"):
        read(name)


def test_tables_are_tables_with_cell_templates_as_the_reader_sees_them():
    _, document = read("summit-for-democracy")
    table = wikitable_rows(document)
    assert table[0] == ("table_head", ["屆次", "日期", "形式", "主辦國", "臺灣是否受邀"])
    assert table[1] == ("table_row", ["第一屆", "2021年12月9日－10日", "線上", "美國", "是"])
    assert table[2][1][3] == "美國、哥斯大黎加、荷蘭、大韓民國、尚比亞"
    assert table[2][1][4] == "受邀，由政務委員出席"
    assert table[3][1][4].startswith("受邀參加部分場次[^")
    assert ("table_row", ["[[中華人民共和國]]"]) not in table
    assert table[6][1][:2] == ["中華人民共和國", "否"]
    assert table[9][1][1] == "不適用"


def test_layout_tables_side_by_side_become_tables_of_their_own():
    _, document = read("diplomatic-allies")
    heads = [cells for kind, cells in wikitable_rows(document) if kind == "table_head"]
    assert heads == [
        ["國家", "首都", "駐外館處"],
        ["國家", "首都", "駐外館處"],
        ["領域", "代表計畫", "是否涵蓋全部邦交國"],
    ]
    countries = [cells[0] for kind, cells in wikitable_rows(document) if kind == "table_row"][:12]
    assert countries[0] == "貝里斯" and countries[-1] == "教廷"  # {{flagicon}} shows no text
    assert rows(document)[-1] == ("table_row", ["人道援助（天災後重建）", "", "依需要提供"])  # colspan=2
    captions = [b.text for s in document.sections for b in s.blocks if b.kind == "paragraph"]
    assert "拉丁美洲及加勒比地區" in captions


def test_citation_templates_are_notes_with_their_fields():
    _, document = read("summit-for-democracy")
    first = document.footnotes[0]
    assert first.text.startswith("The Summit for Democracy. 白宮. 2021-12-09")
    assert first.citation is not None
    assert (first.citation.title, first.citation.publisher, first.citation.date) == (
        "The Summit for Democracy",
        "白宮",
        "2021-12-09",
    )
    assert any("存檔 2024-03-20: https://web.archive.org/" in note.text for note in document.footnotes)


def test_list_defined_references_are_notes_if_the_article_refers_to_them():
    _, document = read("diplomatic-allies")
    assert any(note.text.startswith("不含以「台北經濟文化辦事處」") for note in document.footnotes)
    assert not any("未被引用" in note.text for note in document.footnotes)


def test_hatnotes_and_portal_bars_are_lines():
    _, document = read("summit-for-democracy")
    lines = [b.text for section in document.sections for b in section.blocks if b.kind == "see_also"]
    assert lines == ["主條目：民主", "參見：價值外交、民主國家共同體", "主題：政治、國際關係"]


def test_converter_markup_resolves_to_the_taiwan_form():
    assert resolve_conversions("時任-{zh-hans:数字;zh-tw:數位;zh-hk:數碼}-政務委員") == "時任數位政務委員"
    assert resolve_conversions("連-{zh-hans:接;zh-hant:線}-") == "連線"
    assert resolve_conversions("-{zh-cn:流控制传输协议; zh-hk:串流控制傳輸協定;}-") == "串流控制傳輸協定"
    assert resolve_conversions("保護-{C++}-與-{H|zh-hans:软件;zh-tw:軟體}-規則") == "保護C++與規則"
    assert resolve_conversions("-{zh-hans:甲\n乙;zh-hant:丙}-後") == "丙\n後"
    assert resolve_conversions("-{T|zh-hans:标题;zh-hant:標題}-正文") == "正文"  # a title rule shows nothing


def test_language_and_link_templates_show_their_text():
    _, document = read("summit-for-democracy")
    lead = next(b.text for b in document.sections[0].blocks if b.kind == "paragraph")
    assert "（英語：Summit for Democracy）" in lead
    assert "數位政務委員" in lead
    body = document_text(document)
    assert "重建美國領導力（Restoring American leadership）" in body
    assert "「democracies versus autocracies」" in body
    assert re.search(r"\[\^\d+\]:65。", body)  # {{rp|65}}: the page after the note reference


def test_table_rows_render_as_a_table_each_row_an_anchored_passage():
    _, document = read("summit-for-democracy")
    document = assign_passage_ids(document)
    page = render_source_page(knowledge_base((document,), ()), document)
    html = markdown.markdown(page, extensions=["tables", "attr_list", "footnotes"])
    assert html.count("<table>") == 3  # the infobox's, and the article's two
    first_row = wikitable_rows(document)[1]
    assert first_row[1][0] == "第一屆"
    assert re.search(
        r'<td><span id="p-1-\d+" class="vd-row"></span>第一屆</td>\s*<td>2021年12月9日－10日</td>', html
    )
    assert "<th></th>" not in html  # both tables have a header row


def test_cells_spanning_rows_and_columns_keep_the_columns_aligned():
    text = (
        '{| class="wikitable"\n! 版本 !! 文件 !! 日期\n|-\n| rowspan="2" | 3.0 || 甲 || 1992\n|-\n'
        "| 乙 || 1994\n|-\n| colspan=2 | 丙 || 2000\n|}\n"
    )
    document = FORMATS["wikitext"].normalise(FORMATS["wikitext"].read(crafted_spec("wikitext"), text))
    assert [cells for _, cells in rows(document)] == [
        ["版本", "文件", "日期"],
        ["3.0", "甲", "1992"],
        ["", "乙", "1994"],
        ["丙", "", "2000"],
    ]


def test_link_templates_show_their_display_text():
    text = "{{le|國際資訊技術標準委員會|International Committee for Information Technology Standards|L2}}與{{tsl|en|Datagram TLS|資料包傳輸層安全}}\n"
    document = FORMATS["wikitext"].normalise(FORMATS["wikitext"].read(crafted_spec("wikitext"), text))
    assert document.sections[0].blocks[0].text == (
        "L2（國際資訊技術標準委員會，International Committee for Information Technology Standards）"
        "與資料包傳輸層安全（Datagram TLS）"
    )
