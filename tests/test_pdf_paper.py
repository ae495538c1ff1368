"""The ``pdf-paper`` reader and its normalisation steps (source 001, 陳文甲's article).

Golden tests run reader + steps on excerpts of the real text (``tests/fixtures/pdf-paper/``);
one test per step runs that step alone on a crafted document; the whole-source test checks the
faithfulness targets on the real file.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES, crafted_spec
from faithfulness import RAW_MARKUP, document_text, intact_ratio
from vdiplo_site.errors import SourceFormatError
from vdiplo_site.formats import FORMATS
from vdiplo_site.manifest import read_source_text
from vdiplo_site.model import FOOTNOTE_REF, Block, Document, Footnote, Section
from vdiplo_site.normalise import pdf_paper
from vdiplo_site.readers.pdf_paper import PdfPaperReader

CASES = FIXTURES / "pdf-paper"
SOURCE_ID = "chen-taiwan-japan-community-of-values"
REFERENCE = FOOTNOTE_REF
normalise = FORMATS["pdf-paper"].normalise
FORMAT_MARKUP = ("<sup", "</sup", "**", "---", "<http", "](", "\\")


def read_raw(text: str) -> Document:
    """The reader's crude document for ``text`` (no normalisation)."""
    return PdfPaperReader().read(crafted_spec("pdf-paper"), text)


def fixture_text(case: str) -> str:
    return (CASES / case / "input.txt").read_text(encoding="utf-8")


def as_json(document: Document) -> dict:
    """The shape stored in ``expected.json``."""
    return {
        "sections": [
            {"heading": s.heading, "level": s.level, "blocks": [b.text for b in s.blocks]}
            for s in document.sections
        ],
        "footnotes": [
            {"label": n.label, "text": n.text, **({"missing": True} if n.missing else {})}
            for n in document.footnotes
        ],
    }


def doc(*sections: Section, notes: tuple[Footnote, ...] = ()) -> Document:
    return Document(spec=crafted_spec("pdf-paper"), sections=sections, footnotes=notes)


def para(*texts: str) -> tuple[Block, ...]:
    return tuple(Block(kind="paragraph", text=text) for text in texts)


def all_blocks(document: Document) -> list[str]:
    return [block.text for section in document.sections for block in section.blocks]


# --- golden tests on excerpts of the real text --------------------------------------------


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_golden(case):
    document = normalise(read_raw(fixture_text(case)))
    expected = json.loads((CASES / case / "expected.json").read_text(encoding="utf-8"))
    assert as_json(document) == expected


def test_golden_page_cut_sentence_and_note_over_page():
    document = normalise(read_raw(fixture_text("note-over-page-break")))
    blocks = all_blocks(document)
    assert any("共同價值觀的共同體。[^3]在中美關係及台海問題上，「價值共同體」則代表" in b for b in blocks)
    notes = {n.label: n.text for n in document.footnotes}
    assert notes["3"].endswith('Alliance," History Research, Vol.8, No.2 (2020), p. 33.')
    assert [n.label for n in document.footnotes] == ["1", "2", "3", "4"]


# --- the reader ---------------------------------------------------------------------------


def test_reader_sorts_lines_into_body_and_notes():
    raw = read_raw(fixture_text("note-over-page-break"))
    assert [(s.heading, s.level) for s in raw.sections] == [
        ("壹、前言", 2),
        ("貳、台日「價值共同體」之體現", 2),
    ]
    notes = {n.label: n.text for n in raw.footnotes}
    assert notes["3"] == (
        'S. István, "The European Union and Latin America: A Bi-regional Strategic Alliance,"'
        " *History*\n*Research*, Vol.8, No.2 (2020), p. 33."
    )
    blocks = all_blocks(raw)
    assert blocks[1].endswith("<sup>3</sup>在中美關係及台海問")
    assert blocks[2].startswith("題上，「價值共同體」則代表")
    assert len(blocks) == 6


def test_reader_body_resuming_with_a_reference_is_body():
    raw = read_raw(fixture_text("body-resumes-with-reference"))
    blocks = all_blocks(raw)
    assert blocks[2].endswith("此外，還有「台日執政黨 2+2 實體對話」，")
    assert blocks[3].startswith("<sup>14</sup>「日華議員懇談會」，<sup>15</sup>以及 2025 年")
    notes = {n.label: n.text for n in raw.footnotes}
    assert notes["13"].endswith(
        "《中央廣播電台》(2023 年 7\n月 17 日)，<https://www.rti.org.tw/news/view/id/2173751>。"
    )
    assert notes["14"].startswith("台日「2+2」實體對話是指")
    assert [n.label for n in raw.footnotes] == ["11", "12", "13", "14", "15", "16"]


def test_reader_notes_without_a_rule():
    raw = read_raw(fixture_text("notes-without-rule"))
    assert [n.label for n in raw.footnotes] == ["5", "6", "7", "8"]
    blocks = all_blocks(raw)
    assert blocks[2].endswith("台日關係進入一個嶄新階段，過去")
    assert blocks[3].startswith("在印太戰略之前，日本對中國的政策")


def test_reader_url_line_continues_unfinished_note():
    raw = read_raw(fixture_text("note-url-line"))
    notes = {n.label: n.text for n in raw.footnotes}
    assert notes["9"].endswith(
        "(2022 年 12 月 7 日)，\n<https://www.wealth.com.tw/articles/070f0d23-bf57-42cd-8c3f-e443ef239280>。"
    )
    assert "\n" not in notes["10"]


def test_reader_drops_rule_after_abstract():
    raw = read_raw(fixture_text("front-matter"))
    abstract = raw.sections[3]
    assert abstract.heading == "摘要 / Abstract"
    assert [b.text[:8] for b in abstract.blocks] == [
        "隨著中國年來在印",
        "化發展融合等新階",
        "In recen",
        "**關鍵詞：**",
        "**Keywor",
    ]
    assert raw.footnotes == ()


def test_reader_two_space_line_break_keeps_note_together():
    raw = read_raw(fixture_text("hard-line-break"))
    notes = {n.label: n.text for n in raw.footnotes}
    assert notes["28"].endswith(
        "（2024年3月2日），\n<https://www.voacantonese.com/a/taiwan-chip-companies-decouple-"
        "from-china-and-flock-to-japan-to-set-up-factories-20240229/7511097.html>。"
    )
    assert all_blocks(raw)[1].startswith("台日關係在「價值共同體」的基礎上")


def test_reader_referenced_note_never_given_is_missing():
    raw = read_raw("## 壹、前言\n\n正文。<sup>1</sup>\n")
    assert raw.footnotes == (Footnote(label="1", text="", missing=True),)


def test_reader_raises_without_body():
    spec = crafted_spec("pdf-paper")
    with pytest.raises(SourceFormatError, match="no body paragraph") as error:
        PdfPaperReader().read(spec, "## 學術論文\n\n---\n\n")
    assert str(spec.path) in str(error.value)


# --- one test per normalisation step ------------------------------------------------------


def test_join_broken_lines():
    document = doc(
        Section("", 0, para("（2024年3月2日），\n<https://www.voacantonese.com/a/x.html>。")),
        notes=(Footnote("3", 'Alliance," *History*\n*Research*, Vol.8'),),
    )
    out = pdf_paper.join_broken_lines(document)
    assert all_blocks(out) == ["（2024年3月2日），<https://www.voacantonese.com/a/x.html>。"]
    assert out.footnotes[0].text == 'Alliance," *History* *Research*, Vol.8'


def test_convert_note_references():
    document = doc(
        Section(
            "",
            0,
            para(
                "而非直接的雙邊合作。<sup>11</sup> 另外，台灣",
                "並將美國勢力排除在外，<sup>4</sup>對於長期",
                "Region) <sup>6</sup> and",
            ),
        )
    )
    assert all_blocks(pdf_paper.convert_note_references(document)) == [
        "而非直接的雙邊合作。[^11]另外，台灣",
        "並將美國勢力排除在外，[^4]對於長期",
        "Region)[^6] and",
    ]


def test_strip_emphasis():
    document = doc(
        Section("**五、文化交流與深化合作**", 3, para("**關鍵詞：**價值共同體、台日關係", "2 * 3 = 6")),
        notes=(Footnote("11", 'Taiwan," *Asia Policy*, Vol.29 (2022)'),),
    )
    out = pdf_paper.strip_emphasis(document)
    assert out.sections[0].heading == "五、文化交流與深化合作"
    assert all_blocks(out) == ["關鍵詞：價值共同體、台日關係", "2 * 3 = 6"]
    assert out.footnotes[0].text == 'Taiwan," Asia Policy, Vol.29 (2022)'


def test_plain_links():
    notes = (
        Footnote(
            "12", "《中央廣播電台》(2021 年 12 月 1 日)，<https://www.rti.org.tw/news/view/id/2118277>。"
        ),
        Footnote(
            "19",
            "(2023 年 3 月 16 日)，"
            "[https://subsite.mofa.gov.tw/aeaf/News\\\\_Content.aspx?n=5827&s=107839]"
            "(https://subsite.mofa.gov.tw/aeaf/News_Content.aspx?n=5827&s=107839)。",
        ),
    )
    out = pdf_paper.plain_links(doc(Section("", 0, para("正文。")), notes=notes))
    assert [n.text for n in out.footnotes] == [
        "《中央廣播電台》(2021 年 12 月 1 日)，https://www.rti.org.tw/news/view/id/2118277。",
        "(2023 年 3 月 16 日)，https://subsite.mofa.gov.tw/aeaf/News_Content.aspx?n=5827&s=107839。",
    ]


def test_join_page_cut_paragraphs():
    document = doc(
        Section(
            "摘要 / Abstract",
            1,
            para(
                "共同推動科技創新與產業升級，共同增進民間文",
                "化發展融合等新階段。",
                "關鍵詞：價值共同體、台日關係",
                "Keywords: Community of Values",
            ),
        ),
        Section(
            "二、民主法治",
            2,
            para(
                "此外，還有「台日執政黨 2+2 實體對話」，",
                "[^14]「日華議員懇談會」，[^15]以及兵推。",
                "共同體。[^3]",
                "題上，",
                "開南大學公共事務管理研究所副教授",
                "Associate Professor",
            ),
        ),
    )
    out = pdf_paper.join_page_cut_paragraphs(document)
    assert [b.text for b in out.sections[0].blocks] == [
        "共同推動科技創新與產業升級，共同增進民間文化發展融合等新階段。",
        "關鍵詞：價值共同體、台日關係",
        "Keywords: Community of Values",
    ]
    assert [b.text for b in out.sections[1].blocks] == [
        "此外，還有「台日執政黨 2+2 實體對話」，[^14]「日華議員懇談會」，[^15]以及兵推。",
        "共同體。[^3]",
        "題上，開南大學公共事務管理研究所副教授",
        "Associate Professor",
    ]


def test_lead_front_matter():
    document = doc(
        Section("學術論文", 2),
        Section("「價值共同體」下的台日關係新階段", 1),
        Section("The New Phase", 2, para("陳文甲 Wen-Chia Chen", "Kainan University")),
        Section("摘要 / Abstract", 3, para("隨著中國")),
        Section("壹、前言", 2, para("近年")),
    )
    out = pdf_paper.lead_front_matter(document)
    assert [(s.heading, s.level) for s in out.sections] == [
        ("", 0),
        ("摘要 / Abstract", 3),
        ("壹、前言", 2),
    ]
    assert [b.text for b in out.sections[0].blocks] == [
        "學術論文",
        "「價值共同體」下的台日關係新階段",
        "The New Phase",
        "陳文甲 Wen-Chia Chen",
        "Kainan University",
    ]
    unnumbered = doc(Section("", 0, para("a")), Section("Notes", 2, para("b")))
    assert pdf_paper.lead_front_matter(unnumbered) == unnumbered


def test_level_headings():
    headings = [
        ("", 0),
        ("摘要 / Abstract", 3),
        ("壹、前言", 2),
        ("參、台日關係的新階段", 2),
        ("一、區域安全", 3),
        ("(一) 情報", 1),
        ("二、民主法治", 2),
        ("四、文化交流", 4),
        ("肆、「價值共同體」的影響", 2),
        ("五、文化交流與深化合作", 3),
    ]
    out = pdf_paper.level_headings(doc(*(Section(h, level) for h, level in headings)))
    assert [s.level for s in out.sections] == [0, 1, 1, 1, 2, 3, 2, 2, 1, 2]
    assert [s.level for s in pdf_paper.level_headings(doc(Section("六、對中國的影響", 2))).sections] == [1]


def test_order_footnotes():
    document = doc(
        Section("", 0, para("甲。[^2]乙。[^1]")),
        Section("壹、前言", 1, para("丙。[^2][^3]")),
        notes=(
            Footnote("1", "one"),
            Footnote("9", "unreferenced"),
            Footnote("3", "three"),
            Footnote("2", "two"),
        ),
    )
    assert [n.label for n in pdf_paper.order_footnotes(document).footnotes] == ["2", "1", "3", "9"]


# --- the whole real source ----------------------------------------------------------------


@pytest.fixture(scope="module")
def real(real_kb):
    document = real_kb.document(SOURCE_ID)
    return read_source_text(document.spec), document


def test_whole_source_faithful(real):
    text, document = real
    ratio, missing = intact_ratio(text, document_text(document))
    assert missing == []
    assert ratio >= 0.995


def test_whole_source_no_raw_markup(real):
    _, document = real
    texts = [s.heading for s in document.sections[1:]] + all_blocks(document)
    texts += [n.text for n in document.footnotes]
    assert document.sections[0].heading == ""
    for text in texts:
        assert "\n" not in text and text == text.strip() and text
        assert not any(mark in text for mark in RAW_MARKUP), text
        assert not any(mark in text for mark in FORMAT_MARKUP), text
        assert not text.startswith("#") and not re.search(r"(?<![\w*])\*\w", text), text


def test_whole_source_structure(real):
    _, document = real
    assert [(s.heading, s.level) for s in document.sections] == [
        ("", 0),
        ("摘要 / Abstract", 1),
        ("壹、前言", 1),
        ("貳、台日「價值共同體」之體現", 1),
        ("參、台日關係的新階段", 1),
        ("一、區域安全", 2),
        ("二、民主法治", 2),
        ("三、經貿科技", 2),
        ("四、文化交流", 2),
        ("肆、「價值共同體」的影響", 1),
        ("一、區域穩定與和平", 2),
        ("二、全球民主陣營之強化", 2),
        ("三、促進區域經濟穩定性", 2),
        ("四、科技創新與產業升級", 2),
        ("五、文化交流與深化合作", 2),
        ("六、對中國的影響", 2),
        ("伍、結語", 1),
    ]
    assert [b.text for b in document.sections[0].blocks] == [
        "學術論文",
        "「價值共同體」下的台日關係新階段",
        'The New Phase of Taiwan-Japan Relations under the "Community of Shared Values"',
        "陳文甲 Wen-Chia Chen",
        "開南大學公共事務管理研究所副教授",
        "Associate Professor of Department of Public Affairs and Management",
        "Kainan University",
    ]
    abstract = [b.text for b in document.sections[1].blocks]
    assert len(abstract) == 4 and abstract[1].startswith("In recent years, China's expansion")
    assert abstract[2:] == [
        "關鍵詞：價值共同體、台日關係、印太戰略、安全合作、經濟合作",
        (
            "Keywords: Community of Values, Taiwan-Japan Relations, Indo-Pacific Strategy, "
            "Security Cooperation, Economic Cooperation"
        ),
    ]
    assert len(all_blocks(document)) == 50
    assert all(b.kind == "paragraph" for s in document.sections for b in s.blocks)


def test_whole_source_no_paragraph_cut_by_page_break(real):
    _, document = real
    blocks = all_blocks(document)
    joins = [
        "共同增進民間文化發展融合等新階段。",
        "在中美關係及台海問題上，",
        "為了國家安全與利益的需要，以及提高",
        "進入一個嶄新階段，過去在印太戰略之前",
        "再者，日本依賴美日安全同盟",
        "實體對話」，[^14]「日華議員懇談會」",
        "主要受到中日關係以及中國政治干預",
        "展示台日對民主價值觀的堅定承諾",
        "台灣先進電子產品和半導體為日本",
        "製造設備及研發方面擁有顯著優勢",
        "創造了有利條件；未來",
        "將更有效防止中國片面改變",
        "具有明顯的互補優勢，台灣擁有",
        "未來隨著文化交流的持續深化",
    ]
    for join in joins:
        assert sum(join in b for b in blocks) == 1, join
    assert blocks[-1] == "責任編輯：蔡旻綦"
    fields = ("關鍵詞", "Keywords", "責任編輯")
    assert all(b.endswith(("。", ".", "]")) for b in blocks[7:] if not b.startswith(fields))


def test_whole_source_footnotes(real):
    _, document = real
    labels = [n.label for n in document.footnotes]
    assert labels == [str(i) for i in range(1, 29)]
    assert not any(n.missing for n in document.footnotes)
    texts = [s.heading for s in document.sections] + all_blocks(document)
    references = REFERENCE.findall("\n".join(texts))
    assert sorted(set(references), key=int) == labels
    assert len(references) == 28
    assert not REFERENCE.search("\n".join(n.text for n in document.footnotes))
    notes = {n.label: n.text for n in document.footnotes}
    assert notes["3"].endswith('Strategic Alliance," History Research, Vol.8, No.2 (2020), p. 33.')
    assert notes["13"].endswith("(2023 年 7 月 17 日)，https://www.rti.org.tw/news/view/id/2173751。")
    assert notes["9"].endswith(
        "(2022 年 12 月 7 日)，https://www.wealth.com.tw/articles/070f0d23-bf57-42cd-8c3f-e443ef239280。"
    )
    assert notes["19"].endswith("https://subsite.mofa.gov.tw/aeaf/News_Content.aspx?n=5827&s=107839。")
