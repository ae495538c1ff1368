"""The template and markup families of Chinese Wikipedia articles, one crafted article.

``tests/fixtures/wikitext-families/families.wiki`` was written for this test (a fictional
country, not a copy of an article): NoteTA, a short description, an infobox, citation
templates, ``{{efn}}`` with a ``<ref>`` inside, ``{{sfn}}``, language and link templates,
flags, ``{{convert}}``, ``{{transl}}``, hatnotes, a wikitable with spans and cell templates
(attributes written before one), a table in a layout ``<div>``, a gallery, ``<poem>``,
``<blockquote>``, comments, magic words, categories and an interlanguage link. Each family is
asserted as a reader of the article sees it; the whole page is measured with the project's
faithfulness measure.
"""

from __future__ import annotations

import logging

import pytest

from conftest import FIXTURES, crafted_spec
from faithfulness import RAW_MARKUP, document_text, intact_ratio, text_units, visible_wikitext
from vdiplo_site.errors import SourceFormatError
from vdiplo_site.formats import FORMATS
from vdiplo_site.model import CELL, FOOTNOTE_REF, Document
from vdiplo_site.readers import strict_templates

ARTICLE = FIXTURES / "wikitext-families" / "families.wiki"


def read() -> tuple[str, Document]:
    text = ARTICLE.read_text(encoding="utf-8")
    source_format = FORMATS["wikitext"]
    return text, source_format.normalise(source_format.read(crafted_spec("wikitext"), text))


@pytest.fixture(scope="module")
def article() -> tuple[str, Document]:
    return read()


def blocks(document: Document, kind: str) -> list[str]:
    return [block.text for section in document.sections for block in section.blocks if block.kind == kind]


def tables(document: Document) -> list[list[list[str]]]:
    """The document's tables, each a list of rows (a table starts at a header row)."""
    out: list[list[list[str]]] = []
    for section in document.sections:
        previous = ""
        for block in section.blocks:
            if block.kind.startswith("table"):
                if block.kind == "table_head" or not previous.startswith("table"):
                    out.append([])
                out[-1].append(block.text.split(CELL))
            previous = block.kind
    return out


def test_every_visible_unit_is_on_the_page(article):
    text, document = article
    ratio, missing = intact_ratio(visible_wikitext(text), document_text(document))
    assert missing == []
    assert ratio == 1.0
    page = document_text(document)
    assert not [markup for markup in RAW_MARKUP if markup in page]
    for hidden in ("__TOC__", "這段註解", "en:Republic", "File:", "峰會", "簡短說明", "Ceshi"):
        assert hidden not in page  # magic word, comment, interlanguage link, NoteTA, short description


def test_infobox_is_a_table_of_its_fields_with_its_notes(article):
    _, document = article
    infobox = tables(document)[0]
    assert infobox[0] == ["conventional_long_name", "測試共和國"]
    assert ["capital", "首都城"] in infobox
    assert infobox[2][1].startswith("約三百萬人[^")


def test_text_templates_show_what_wikipedia_shows(article):
    _, document = article
    lead = blocks(document, "paragraph")[0]
    assert lead.startswith("測試共和國（英語：Republic of Test；République de Test）")
    assert "與中華民國及美國往來密切" in lead  # {{flag|…}} the name, {{flagicon|…}} nothing
    assert "其面積約1200 km2，首都人口逾百萬。" in lead  # {{convert}}, {{nowrap}}
    assert "國名又作Cèshì、中文：測試國，測試語言（Test language）為官方語言[^" in lead
    history = blocks(document, "paragraph")[1]
    assert history == "憲法規定，建國於1990年5月20日，首任總統為張三（Zhang San）。［來源請求］"


def test_hatnotes_are_lines(article):
    _, document = article
    assert blocks(document, "see_also") == ["主條目：歷史概要（測試共和國歷史）", "參見：虛構國家列表"]


def test_notes_from_refs_citations_efn_and_sfn(article):
    _, document = article
    notes = {note.label: note.text for note in document.footnotes}
    assert list(notes.values()) == [
        "人口統計報告. 統計局. 2024年5月1日",  # in the infobox; the access date shows
        "王, 小明. 虛構國家研究. 測試出版社. 2020. 12",
        "本條目為測試用的虛構內容。",  # {{efn}}
        "王 2020, p. 15",  # {{sfn}}
        "地圖出自測試地圖集。",  # in a framed image's caption, used again in the text
        "加入時的名稱為「測試國」[^7]。",  # an {{efn}} in a table, a <ref> inside it: its own note
        "加入紀錄. 測試組織",  # {{Template:Cite web|…}}
    ]
    referred = {
        label
        for section in document.sections
        for b in section.blocks
        for label in FOOTNOTE_REF.findall(b.text)
    }
    referred |= {label for note in document.footnotes for label in FOOTNOTE_REF.findall(note.text)}
    assert referred == set(notes)
    headings = [(section.heading, section.notes) for section in document.sections[-2:]]
    assert headings == [("注釋", True), ("參考資料", True)]  # the first takes the notes


def test_tables_with_spans_cell_templates_and_a_layout_div(article):
    _, document = article
    relations, events = tables(document)[1:]
    assert relations == [
        ["國家", "建交", "現況"],
        ["日本", "1991年", "是"],
        ["歐洲", "1992年", "已斷交"],
        ["", "1995年", "部分"],
        ["其他地區|無資料", "", "不適用"],
        ["大洋洲", "2001年", "觀察中待確認"],  # rowspan="2" {{Yes|2001年}}: attributes, then the cell
        ["非洲", "", "研議中"],
    ]
    assert events == [["年份", "事件"], ["2001年", "加入測試組織[^6]"]]


def test_gallery_poem_blockquote_small_and_span(article):
    _, document = article
    paragraphs = blocks(document, "paragraph")
    assert "我們的國家建立在自由之上。" in paragraphs
    assert "山高水長， 國泰民安。" in paragraphs
    assert "首都城的街景 測試共和國國旗" in paragraphs  # the gallery's captions
    assert "測試共和國的地理位置圖[^5]" in paragraphs  # a framed image's caption, a line of its own
    assert "國旗以紅色為底[^5]。" in paragraphs  # an inline image shows no caption
    assert "以上資料截至2024年。僅供測試" in paragraphs


def test_list_defined_notes_in_a_references_tag():
    text = (
        'A段<ref name="a"/>與B段<ref name="b"/>。\n\n== 參考 ==\n<references>\n'
        '<ref name="a">甲出處。</ref>\n<ref name="b">乙出處。</ref>\n<ref name="c">未用。</ref>\n</references>\n'
    )
    source_format = FORMATS["wikitext"]
    document = source_format.normalise(source_format.read(crafted_spec("wikitext"), text))
    assert [(note.text, note.missing) for note in document.footnotes] == [
        ("甲出處。", False),
        ("乙出處。", False),
    ]


def test_unknown_templates_are_listed_once_with_counts_and_strict_stops(caplog):
    with caplog.at_level(logging.WARNING):
        read()
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning.endswith("(unknown to the reader): {{測試模板甲}} x2")
    with strict_templates(["crafted"]), pytest.raises(SourceFormatError, match="測試模板甲"):
        read()


def convert(text: str) -> Document:
    source_format = FORMATS["wikitext"]
    return source_format.normalise(source_format.read(crafted_spec("wikitext"), text))


def test_disambiguation_hatnotes_show_their_chinese_arguments():
    document = convert("{{Otheruses|subject=測試邊界|other=其他用法|width=1}}\n本文。\n")
    assert blocks(document, "see_also") == ["其他用法：測試邊界、其他用法"]


def test_tables_in_a_row_stay_apart_and_a_layout_cell_with_text_keeps_it():
    document = convert(
        '{| class="wikitable"\n! 項目\n|-\n| 甲\n|}\n{|\n| 乙 ||\n{| class="wikitable"\n| 丙\n|}\n|}\n'
    )
    # the layout cell keeps its place (empty), its table follows the table that holds it
    assert tables(document) == [[["項目"], ["甲"]], [[""], ["乙", ""]], [[""], ["丙"]]]


def test_a_table_inside_a_data_cell_follows_its_table_whose_rows_stay_together():
    document = convert(
        '{| class="wikitable"\n! 年度 !! 預算 !! 細項\n|-\n| 2021年 || 1,100萬 ||\n{| class="wikitable"\n'
        "| 內嵌 || 細目\n|}\n|-\n| 2022年 || 1,200萬 || 無\n|}\n"
    )
    assert tables(document) == [
        [["年度", "預算", "細項"], ["2021年", "1,100萬", ""], ["2022年", "1,200萬", "無"]],
        [[""], ["內嵌", "細目"]],
    ]


def test_definition_and_indented_lines_are_items_and_behaviour_switches_show_nothing():
    document = convert(
        "__NOTOC__\n; 定義詞 : 定義內容\n: 縮排文字\n{{Col-begin}}\n{{Col-2}}\n左欄。\n{{Col-end}}\n"
    )
    assert blocks(document, "item") == ["定義詞 定義內容", "縮排文字"]
    assert blocks(document, "paragraph") == ["左欄。"]


def test_tag_ref_notes_and_flag_templates_by_country_code():
    document = convert(
        '注釋{{#tag:ref|以標籤寫的註釋。|name=t}}與重用<ref name="t"/>；{{flag|JPN}}與{{USA}}。\n{{reflist}}\n'
    )
    assert blocks(document, "paragraph") == ["注釋[^1]與重用[^1]；日本與美國。"]
    assert [note.text for note in document.footnotes] == ["以標籤寫的註釋。"]


def test_flag_templates_show_the_chinese_name_for_iso_codes_and_english_names():
    document = convert(
        "{{flagcountry|Guatemala}}、{{flag|BLZ}}、{{flag|MH}}、{{flag|GER}}、{{flag|巴拉圭}}、"
        "{{flag|Narnia}}與{{flag|Japan|日本國}}。\n"
    )
    # CLDR's zh-Hant-TW names; the country data templates' own codes (IOC's GER) first; a
    # Chinese name, an unknown name and a shown label as written.
    assert blocks(document, "paragraph") == ["瓜地馬拉、貝里斯、馬紹爾群島、德國、巴拉圭、Narnia與日本國。"]


def test_cells_with_attribute_templates_and_sort_keys():
    document = convert(
        '{| class="wikitable"\n! 政黨 !! 席次\n|-\n| {{Party color cell|甲黨}} | 甲黨 || 61\n'
        '|-\n|style="{{ts|c}}"| 乙黨 || {{sort|52|五十二}}\n|-\n! scope="row" | 丙黨\n| 8\n|}\n'
    )
    assert tables(document) == [[["政黨", "席次"], ["甲黨", "61"], ["乙黨", "五十二"], ["丙黨", "8"]]]


def test_generic_infobox_pairs_labels_and_data_and_an_embedded_infobox_shows_its_fields():
    document = convert(
        "{{Infobox\n|above = 測試市\n|label1 = 首都\n|data1 = 臺北\n|label2 = 人口\n"
        "|data2 = 兩百萬{{Infobox person|embed=yes|name=市長甲|party=甲黨}}\n|image = [[File:x.png]]\n}}\n本文。\n"
    )
    assert tables(document) == [
        [["above", "測試市"], ["首都", "臺北"], ["人口", "兩百萬name：市長甲；party：甲黨"]]
    ]
    assert blocks(document, "paragraph") == ["本文。"]


def test_template_links_and_cell_marks():
    document = convert("以{{tl|Main}}標示，{{tick}}通過、{{cross}}未過、{{Y}}與{{N}}。\n")
    assert blocks(document, "paragraph") == ["以Main標示，✓通過、✗未過、是與否。"]


def test_a_table_after_indentation_colons_is_a_table():
    document = convert('說明\n::{| class="wikitable"\n|-\n! 名稱 !! 值\n|-\n| 甲 || "0.2"\n|}\n後文。\n')
    assert tables(document) == [[["名稱", "值"], ["甲", '"0.2"']]]
    assert blocks(document, "paragraph") == ["說明", "後文。"]


def test_the_measure_leaves_out_what_no_reader_sees():
    """NoteTA's conversion groups, a short description, interlanguage links and a maintenance
    mark's named parameters are not text of the page (a hidden element, page metadata, the
    languages menu, a tracking category); template parameters are, named ones of other
    templates too."""
    source = (
        "{{NoteTA|G1=政治|1=zh-hans:峰会;zh-hant:峰會}}{{Short description|簡介文字}}\n正文{{Fact|存疑}}"
        "[[ja:日本語版]]{{Citation needed|date=2024年1月|reason=來源不明}}{{Quote|text=引文內容}}\n"
        "{{Navbox|title=導航|list1=[[甲國]]}}{{Sidebar|title=側欄}}\n"
    )
    assert text_units(visible_wikitext(source)) == ["正文", "存疑", "引文內容"]


def test_date_templates_in_their_two_forms():
    document = convert(
        "於{{date|2014-08-29|iso}}停止，{{release date|2013|12|20}}發布，{{Start date and age|2017|08|28|df=yes}}更新。\n"
    )
    assert blocks(document, "paragraph") == ["於2014-08-29停止，2013年12月20日發布，2017年08月28日更新。"]


def test_a_collapsible_list_shows_its_title_and_items():
    document = convert("成員{{collapsible list|title=其他成員|戊國|己國}}。\n")
    assert blocks(document, "paragraph") == ["成員其他成員：戊國、己國。"]


def test_list_and_quotation_templates_starting_a_line_are_paragraphs_of_their_own():
    document = convert(
        "成員如下：\n{{Plainlist|\n* 甲國\n* 乙國\n}}\n{{ubl|丙國|丁國}}\n"
        "{{Quote box|quote=我們必須合作。|source=某官員}}\n有人批評{{ubl|戊|己}}之說。\n"
        "<gallery>\nFile:Y.jpg|畫廊圖說\n</gallery>\n"
    )
    assert blocks(document, "paragraph") == [
        "成員如下：",
        "甲國 乙國",
        "丙國、丁國",
        "我們必須合作。——某官員",
        "有人批評戊、己之說。",  # inside a sentence it stays inline
        "畫廊圖說",
    ]


def test_r_reuses_named_notes_anchor_shows_nothing_and_as_of_is_a_date():
    document = convert(
        '{{Anchor|錨點}}甲<ref name="a">甲的來源。</ref>，乙{{r|a}}，{{As of|2024|1}}丙{{r|b|a}}。\n'
        '{{reflist|refs=<ref name="b">乙的來源。</ref>}}\n'
    )
    assert blocks(document, "paragraph") == ["甲[^1]，乙[^1]，截至2024年1月丙[^2][^1]。"]
    assert [note.text for note in document.footnotes] == ["甲的來源。", "乙的來源。"]


def test_a_note_inside_an_argument_read_twice_is_one_note():
    # nihongo reads its first argument twice; its <ref> is one note, not an orphan and a copy
    document = convert("{{nihongo|東京<ref>東京的來源。</ref>|とうきょう}}。\n{{reflist}}\n")
    assert blocks(document, "paragraph") == ["東京[^1]（とうきょう）。"]
    assert [note.text for note in document.footnotes] == ["東京的來源。"]


def test_notelist_refs_give_list_defined_notes_and_a_bare_language_icon_its_language():
    document = convert(
        '甲{{efn|name=a}}，[https://example.org 乙]{{zh}}。\n{{notelist|refs=<ref name="a">甲的說明。</ref>}}\n'
    )
    assert blocks(document, "paragraph") == ["甲[^1]，乙 (https://example.org)（中文）。"]
    assert [note.text for note in document.footnotes] == ["甲的說明。"]


def test_a_hatnotes_named_arguments_other_than_labels_are_shown():
    document = convert("{{Otheruses|subject=測試邊界|label=標籤說明}}\n本文。\n")
    assert blocks(document, "see_also") == ["其他用法：測試邊界、標籤說明"]
