"""Text defects a reader met (issue 12), tested on the built site of the real sources and on
small crafted inputs: whole web addresses, the {{Fact}} mark, the 2024 review's points and
title, notes headings, spacing kept at line breaks, quote windows, the home page's text."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import crafted_spec
from vdiplo_site.entities.context import quote, sentence_span
from vdiplo_site.formats import FORMATS
from vdiplo_site.model import Document, Footnote, Mention, strip_footnote_refs
from vdiplo_site.normalise.pdf_dump_notes import join_split_addresses
from vdiplo_site.text import join_wrapped
from vdiplo_site.writer.markdown_text import escape_text

SOURCES = (
    "wikipedia-value-based-diplomacy",
    "chen-taiwan-japan-community-of-values",
    "second-track-diplomacy-global-governance",
    "mofa-2024-review",
    "mofa-2023-review",
)
# What may follow a whole address in a note: the end, a space, a closing bracket or punctuation.
_AFTER_ADDRESS = re.compile(r"$|[\s)）>\]。，；、,;]")
# The rest of an address the dump cut off with a space (`` 000601.htm``).
_ADDRESS_TAIL = re.compile(r"\s+[A-Za-z0-9_\-./]*\.(?:s?html?|php|aspx?)\b")


@pytest.fixture(scope="module")
def pages(real_site) -> dict[str, BeautifulSoup]:
    """Each source's built page."""
    return {
        source_id: BeautifulSoup(
            (real_site / "sources" / source_id / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        for source_id in SOURCES
    }


def _toc(soup: BeautifulSoup) -> list[str]:
    return [" ".join(a.get_text().split()) for a in soup.select("nav.md-nav--secondary a")]


# --- web addresses --------------------------------------------------------------------------


def test_every_address_in_every_note_is_one_whole_link(pages):
    checked = 0
    for source_id, soup in pages.items():
        for note in soup.select('li[id^="fn:"]'):
            text = note.get_text()
            links = [a for a in note.find_all("a") if (a.get("href") or "").startswith("http")]
            for found in re.finditer(r"https?://", text):
                owner = [
                    a for a in links if a.get_text().startswith(text[found.start() : found.start() + 12])
                ]
                assert owner, (source_id, note["id"], text[found.start() : found.start() + 60])
                checked += 1
            for link in links:
                after = "".join(str(s) for s in link.next_siblings if isinstance(s, str))[:30]
                assert _AFTER_ADDRESS.match(after), (source_id, note["id"], link.get_text(), after)
                assert not _ADDRESS_TAIL.match(after), (source_id, note["id"], link.get_text(), after)
    assert checked >= 90  # measured: 94 addresses in the notes of the five sources


@pytest.mark.parametrize(
    ("source_id", "note", "address"),
    [
        ("chen-taiwan-japan-community-of-values", "17", "https://www.rfi.fr/tw/國際/20240524-日本政府-g7 國家都挺台參加世衛大會"),
        ("chen-taiwan-japan-community-of-values", "26", "https://tw.news.yahoo.com/工業局-台日半導體產業鏈聯手-成全球智慧製造夥伴-123838167.html"),
        ("second-track-diplomacy-global-governance", "4", "http://www.mofa.gov.tw/tien/speech000601.htm"),
        ("second-track-diplomacy-global-governance", "44", "http://www.dsis.org.tw/pubs/magz/1st/per1.htm"),
        ("second-track-diplomacy-global-governance", "40", "http://www.mofa.gov.tw/newmofa/history/majorspeeches/speech901004.htm"),
    ],
)  # fmt: skip
def test_cut_addresses_are_whole_links(pages, source_id, note, address):
    (link,) = [
        a for a in pages[source_id].find(id=f"fn:{note}").find_all("a") if a["href"].startswith("http")
    ]
    assert link.get_text() == address
    assert unquote(link["href"]) == address and " " not in link["href"]


def test_an_address_with_cjk_and_a_space_links_whole_and_encoded():
    address = "https://www.rfi.fr/tw/國際/g7 國家"
    out = escape_text(f"〈甲〉，{address}。", addresses=(address,))
    assert (
        out
        == "〈甲〉，[https://www\\.rfi\\.fr/tw/國際/g7 國家](https://www.rfi.fr/tw/%E5%9C%8B%E9%9A%9B/g7%20%E5%9C%8B%E5%AE%B6)。"
    )
    assert escape_text("javascript:alert(1) 國家", addresses=("javascript:alert(1)",)).startswith(
        "javascript:"
    )


def test_join_split_addresses_mends_a_space_inside_an_address_only():
    spec = crafted_spec("pdf-dump")
    notes = (
        Footnote("4", "〈談人權外交〉，錄自外交部網站 http://www.mofa.gov.tw/tien/speech 000601.htm"),
        Footnote("5", "見 http://www.a.org/ 頁 12。"),
    )
    mended = join_split_addresses(Document(spec=spec, sections=(), footnotes=notes)).footnotes
    assert [note.text for note in mended] == [
        "〈談人權外交〉，錄自外交部網站 http://www.mofa.gov.tw/tien/speech000601.htm",
        "見 http://www.a.org/ 頁 12。",
    ]


def test_plain_links_records_addresses_plain_text_cannot_delimit():
    text = "# 甲\n\n正文。<sup>1</sup>\n\n<sup>1</sup> 〈乙〉，<https://a.tw/國際/g7 國家>。見 <https://b.tw/x>。\n"
    document = FORMATS["pdf-paper"].normalise(FORMATS["pdf-paper"].read(crafted_spec("pdf-paper"), text))
    (note,) = document.footnotes
    assert note.addresses == ("https://a.tw/國際/g7 國家",)
    assert note.text == "〈乙〉，https://a.tw/國際/g7 國家。見 https://b.tw/x。"


# --- {{Fact}} -------------------------------------------------------------------------------


def test_fact_marks_only_the_text_it_wraps(pages):
    passage = pages["wikipedia-value-based-diplomacy"].find(id="p-1-5")
    (marked,) = passage.select("span.vd-lacks-citation")
    assert (
        marked.get_text() == "美國的影響力促進了菲律賓、南韓與臺灣等亞太國家在1980年代的民主化。［來源請求］"
    )
    assert "美國在1989年六四天安門事件後" in passage.get_text()
    assert "vd-lacks-citation" not in (passage.get("class") or [])


def test_a_marked_text_never_cuts_a_link():
    out = escape_text("甲乙丙丁。", links=(), marked=("甲乙",))
    assert out == '<span class="vd-lacks-citation" title="來源請求 Citation needed">甲乙</span>丙丁。'


# --- the 2024 review ------------------------------------------------------------------------


def test_2024_points_of_parts_two_and_three_are_headings_in_the_toc(pages):
    soup = pages["mofa-2024-review"]
    toc = _toc(soup)
    for title in (
        "(一)聯合友盟及理念相近國家，反制中共無端阻撓與打壓。",
        "(三)提升各議題領域實質貢獻，凝聚支持我國際組織參與。",
        "(一) 建立整合跨部會資源機制，積極實現「經濟日不落國」。",
        "(一)運用軟實力推動公眾外交，加強宣傳我優質國際形象。",
    ):
        assert title in toc
        assert any(h.get_text().strip().startswith(title) for h in soup.select("article h3"))
    assert not [li for li in soup.select("article li[id^=p-]") if li.get_text().startswith("(")]


def test_2024_title_is_the_page_title_not_a_passage(pages):
    soup = pages["mofa-2024-review"]
    assert soup.select_one("article h1").get_text().strip().startswith("2024 年外交工作回顧")
    assert soup.find(id="p-0-1").get_text().startswith("以「總合外交」打造民主、和平、繁榮的新台灣")
    passages = soup.select("article [id^='p-']")
    assert passages and not [p["id"] for p in passages if "外交工作回顧" in p.get_text()]


# --- notes headings -------------------------------------------------------------------------


def test_wiki_keeps_its_citations_heading_with_the_notes_under_it(pages):
    soup = pages["wikipedia-value-based-diplomacy"]
    heading = soup.find(id="notes")
    assert heading.name == "h3" and heading.get_text().strip().startswith("引用")
    assert "footnote" in heading.find_next_sibling().get("class")
    toc = _toc(soup)
    assert toc.index("参考文献") < toc.index("引用") < toc.index("来源")


@pytest.mark.parametrize("source_id", SOURCES[:3])
def test_notes_are_in_the_toc(pages, source_id):
    soup = pages[source_id]
    assert soup.select('nav.md-nav--secondary a[href="#notes"]')
    assert soup.find(id="notes").find_next_sibling("div", class_="footnote")


# --- spacing at line breaks -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_id", "where", "text"),
    [
        ("chen-taiwan-japan-community-of-values", "fn:13", "(2023 年 7 月 17 日)"),
        ("mofa-2023-review", None, "已逾 40 位"),
        ("mofa-2023-review", None, "而蔡總統 3 月「民主夥伴共榮之旅」"),
        ("mofa-2023-review", None, "蔡總統3月率團訪問"),  # unspaced in the source: stays so
    ],
)
def test_spacing_around_numbers_is_the_sources(pages, source_id, where, text):
    soup = pages[source_id]
    assert text in (soup.find(id=where) if where else soup.select_one("article")).get_text()


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("而蔡總統 3", "月「民主", "而蔡總統 3 月「民主"),
        ("迄今已逾", "40 位美國", "迄今已逾 40 位美國"),
        ("(2023 年 7", "月 17 日)", "(2023 年 7 月 17 日)"),
        ("蔡總統3", "月率團", "蔡總統3月率團"),
        ("civil", "society", "civil society"),
        ("全球", "治理", "全球治理"),
    ],
)
def test_join_wrapped_reads_a_break_at_a_spaced_number_as_a_space(left, right, joined):
    assert join_wrapped(left, right) == joined


# --- quotes on entity pages -----------------------------------------------------------------


def _mention(text: str, surface: str) -> Mention:
    start = text.index(surface)
    return Mention("x", "s", "p-1-1", "s-1", start, start + len(surface), surface)


def test_a_question_mark_in_an_address_or_title_does_not_end_the_sentence():
    text = "甲。Cultural relations (http://www.moreeurope.org/?q=doc), Value-diplomacy or Realism? : An Analysis。乙"
    assert quote(text, [_mention(text, "Value-diplomacy")]).text == text[2:-1]
    assert sentence_span("他問?日本答。", _mention("他問?日本答。", "日本")) == (3, 7)


def test_a_long_sentence_is_cut_at_a_clause_edge_not_inside_a_word():
    text = "前" * 200 + "，國務院編列 1 億美元援台預算，" + "後" * 200 + "。"
    q = quote(text, [_mention(text, "援台")])
    assert q.text.startswith("…國務院編列") and q.text.endswith("，…")


def test_no_quote_on_an_entity_page_starts_or_ends_inside_a_word(real_kb):
    cut = 0
    for quotations in real_kb.quotations.values():
        for quotation in quotations:
            passage = strip_footnote_refs(real_kb.passages[(quotation.source_id, quotation.passage_id)].text)
            body = quotation.text.removeprefix("…").removesuffix("…")
            at = passage.find(body)
            assert at >= 0, quotation.text
            if quotation.text.startswith("…"):
                cut += 1
                assert passage[at - 1] in "，、；：「」『』《》〈〉（）()" or passage[at - 1].isspace(), (
                    quotation.text[:20]
                )
    assert cut > 0


def test_the_state_department_quote_keeps_its_verb(real_files):
    page = real_files["actors/us-department-of-state.md"].text
    assert "<mark>國務院</mark>編列 1 億美元" in page


# --- the home page --------------------------------------------------------------------------


def test_home_page_chinese_is_not_hard_wrapped(real_site):
    soup = BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    intro = soup.select_one("article p").get_text()
    assert "可搜尋、可逐段引用" in intro
    assert not re.search(
        r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s|\s(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])",
        intro,
    )
