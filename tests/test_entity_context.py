"""The text rules behind entity pages, on small crafted texts: dates and the date that governs a
sentence, titles of cited works and references in notes, definitions and English glosses."""

from __future__ import annotations

from conftest import crafted_spec
from vdiplo_site.entities.cited_titles import bracketed_titles, reference_spans, title_spans
from vdiplo_site.entities.dating import citation_date, dates, governing_date
from vdiplo_site.entities.defining import definition_span, english_gloss
from vdiplo_site.model import Block, Citation, Document, Footnote, Mention, Section
from vdiplo_site.passages import assign_passage_ids


def mention(text: str, surface: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention("x", "s", "p-1-1", "s-1", start, start + len(surface), surface)


def test_dates_keep_the_precision_the_text_gives():
    assert dates("2007年9月21日與 2024 年 8 月、2003年及1990年代，民國88年、13月") == [
        "2007-09-21",
        "2024-08",
        "2003",
        "1990s",
    ]
    assert dates("2019 年 13 月") == ["2019"]
    assert dates("從 1972至1974年間；從 1975年到 1988年之間") == ["1972–1974", "1975–1988"]


def test_nianDai_is_a_decade_only_when_it_is_one():
    assert dates("吳淑珍女士此行是繼2001年代替總統陳水扁赴法國") == ["2001"]
    assert dates("2000年代表團訪日") == ["2000"]
    assert dates("自 1970年代起") == ["1970s"]


def test_citation_dates_in_the_forms_wikipedia_refs_use():
    assert citation_date("2002年08月26日") == "2002-08-26"
    assert citation_date("2011-09-16") == "2011-09-16"
    assert citation_date("2005/10/27") == "2005-10-27"
    assert citation_date("June 05, 1989") == "1989-06-05"
    assert citation_date("17 June 2011") == "2011-06-17"
    assert citation_date("1993") == "1993"
    assert citation_date("秋季號") is None


def governing(text: str, surface: str, excluded=()) -> str | None:
    m = mention(text, surface)
    return governing_date(text, (0, len(text)), [m.start], excluded)


def test_the_date_of_the_mentions_clause_governs():
    text = "出身共產主義東德、1989年柏林圍牆被拆之後投身民主運動、於2005年成為德國總理的梅克爾標舉「新自由主義」，強調「價值觀外交」。"
    assert governing(text, "價值觀外交") is None
    assert governing(text, "柏林圍牆") == "1989"
    assert governing(text, "梅克爾") == "2005"
    assert governing("吳淑珍女士此行是繼2001年代替總統陳水扁赴法國。", "陳水扁") == "2001"


def test_a_leading_date_or_time_frame_governs_later_clauses():
    assert governing("2012年，梅克爾訪中，造訪廣州媒體。", "廣州") == "2012"
    text = "1996年時，我國為會員，中共只參加一個；1977年時，我國只剩十個，中共則參加了二十一個。"
    assert governing_date(text, (0, len(text)), [mention(text, "中共", 1).start], ()) == "1977"
    text = "根據研究指出，從 1972至1974年間，我國的佔有率由29％降為21％。"
    assert governing(text, "我國") == "1972–1974"


def test_names_do_not_date_and_enumerations_share_a_clause():
    text = "行政院長游錫堃於2004年10月於「台日論壇2004年台北會議」致詞時表示。"
    assert governing(text, "台北") == "2004-10"
    text = "美國的影響力促進了菲律賓、南韓與臺灣等亞太國家在1980年代的民主化。"
    assert governing(text, "菲律賓") == "1980s"
    assert governing("在1988年之前，我國的邦交佔有率維持不變。", "我國") == "1988 之前"


def test_dates_in_excluded_spans_are_never_read():
    text = "〈日本參議員拜會〉，《民進黨新聞中心》(2024 年 2 月 19 日)。"
    assert governing(text, "民進黨", [(0, len(text))]) is None


def test_bracketed_titles_and_an_article_title_closed_twice():
    text = (
        "陳文甲，〈陳文甲專欄〉當前美日同盟戰略需求托舉下的台日關係〉，《中央廣播電台》（2022 年 4 月 22 日）"
    )
    spans = bracketed_titles(text)
    assert [text[s.start : s.end] for s in spans] == [
        "〈陳文甲專欄〉當前美日同盟戰略需求托舉下的台日關係〉",
        "《中央廣播電台》",
    ]
    assert spans[0].holds(*_span(text, "美日同盟")) and not spans[1].holds(*_span(text, "中央廣播電台"))
    speech = "在美國以「台灣民主化與美國精神的價值同盟」為題演說；發表題為「民之所欲」的演說"
    assert [speech[s.start : s.end] for s in bracketed_titles(speech)] == [
        "「台灣民主化與美國精神的價值同盟」",
        "「民之所欲」",
    ]
    two = "〈甲〉與〈乙〉"
    assert [two[s.start : s.end] for s in bracketed_titles(two)] == ["〈甲〉", "〈乙〉"]


def _span(text: str, surface: str) -> tuple[int, int]:
    return text.index(surface), text.index(surface) + len(surface)


def _document() -> Document:
    return assign_passage_ids(
        Document(
            spec=crafted_spec("wikitext"),
            sections=(
                Section(
                    "",
                    0,
                    (
                        Block("see_also", "參見：昭昭天命、美国支持的威权政体列表"),
                        Block("paragraph", "《美國憲法》保障自由；『價值同盟』關係。"),
                    ),
                ),
            ),
            footnotes=(
                Footnote(
                    "1",
                    "冷戰後的日本對中政策 (http://x.org)，《台灣國際研究季刊》",
                    Citation("冷戰後的日本對中政策", date="2009"),
                ),
                Footnote(
                    "2",
                    "1996年時，我國為會員。相關資料可參閱：高朗，《外交》，台北：五南圖書出版公司，1994年。",
                ),
            ),
        )
    )


def test_title_spans_of_a_document():
    document = _document()
    spans = title_spans(document)
    see_also, paragraph = (block.text for block in document.sections[0].blocks)
    assert [see_also[s.start : s.end] for s in spans["p-0-1"]] == ["昭昭天命", "美国支持的威权政体列表"]
    assert spans["p-0-1"][1].holds(*_span(see_also, "美国"))
    assert not spans["p-0-1"][0].holds(*_span(see_also, "昭昭天命"))
    assert [paragraph[s.start : s.end] for s in spans["p-0-2"]] == ["《美國憲法》"]  # 『』 is no title mark
    assert not spans["p-0-2"][0].holds(*_span(paragraph, "美國憲法"))
    note = document.footnotes[0].text
    assert [(note[s.start : s.end], s.date) for s in spans["fn:1"]] == [
        ("冷戰後的日本對中政策", "2009"),
        ("《台灣國際研究季刊》", "2009"),
    ]
    assert [s.date for s in spans["fn:2"]] == ["1994"]


def test_reference_spans_leave_a_notes_own_text():
    document = _document()
    references = reference_spans(document)
    assert references["fn:1"] == ((0, len(document.footnotes[0].text)),)
    text = document.footnotes[1].text
    assert [text[a:b] for a, b in references["fn:2"]] == [text[text.index("相關") :]]


def defined(text: str, surface: str, nth: int = 0) -> bool:
    return definition_span(text, mention(text, surface, nth)) is not None


def test_definitions_need_the_entity_as_what_is_defined():
    for text, surface in (
        ("「價值共同體」係指具有共同價值觀的社群。", "價值共同體"),
        ("所謂「價值共同體」，即社群。", "價值共同體"),
        ("價值共同體通常指社群。", "價值共同體"),
        ("認為第二軌道外交是一種非官方的互動方式。", "第二軌道外交"),
        ("王振軒教授認為第二軌道外交泛指以非政府組織為主題的活動。", "第二軌道外交"),
        ("但若干形式的非正式外交，即所謂「第二軌道外交」，進行方式係由卸任總統。", "第二軌道外交"),
        ("至於脆弱性，意指行為者受到損害的程度。", "脆弱性"),
        ("價值外交（英語：Value Diplomacy），有時亦稱為原則外交等，通常指奠基於普世價值的外交。", "價值外交"),
        ("價值外交（英語：Value Diplomacy），有時亦稱為原則外交等，通常指奠基於普世價值的外交。", "原則外交"),
    ):
        assert defined(text, surface), (text, surface)
    for text, surface in (
        ("中國的「戰略機遇期」是指一個特定的歷史階段。", "中國"),
        ("中國利用所謂的「戰略機遇期」，提升影響力。", "戰略機遇期"),
        ("民主和平論的多項研究即指出自由與和平相輔相成。", "民主和平論"),
        ("價值共同體（community of values）在國際政治中常見。", "價值共同體"),
        ("台日形成價值共同體。", "價值共同體"),
    ):
        assert not defined(text, surface), (text, surface)


def test_what_is_x_quotes_the_answer_too():
    text = "何謂「第二軌道外交」？根據朱雲漢教授的定義為，「以非政府組織為主體的活動」。石之瑜教授另有看法。"
    assert definition_span(text, mention(text, "第二軌道外交")) == (0, text.index("石"))


def test_an_announced_definition_quotes_the_next_sentence():
    text = "對於「全球治理」的定義，該委員會的定義最具權威。該委員會認為：「治理是各種方式的總稱。」後句。"
    assert definition_span(text, mention(text, "全球治理")) == (0, text.index("總稱。") + 3)


def test_english_glosses():
    text = (
        "第二軌道外交（Second Track Diplomacy）與歐盟（EU）、價值外交（英語：Value Diplomacy）及日本（eds.）"
    )
    assert english_gloss(text, mention(text, "第二軌道外交"))[0] == "Second Track Diplomacy"
    assert english_gloss(text, mention(text, "歐盟")) == ("EU", text.index("、"))
    assert english_gloss(text, mention(text, "價值外交"))[0] == "Value Diplomacy"
    assert english_gloss(text, mention(text, "日本")) is None
    assert english_gloss("見 http://a.org（x）", mention("見 http://a.org（x）", "a.org")) is None
