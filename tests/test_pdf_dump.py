"""The `pdf-dump` reader and its normalisation steps (source 002: a two-column PDF dumped to text).

Golden tests run the reader and named steps on excerpts of the real source stored under
``tests/fixtures/pdf-dump/<case>/input.txt`` and compare with ``expected.json``; each step also has
its own test with specific assertions; the whole-source test checks faithfulness and the counts.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES, crafted_spec
from faithfulness import RAW_MARKUP, document_text, intact_ratio, text_units
from vdiplo_site.errors import SourceFormatError
from vdiplo_site.formats import FORMATS
from vdiplo_site.manifest import read_source_text
from vdiplo_site.model import FOOTNOTE_REF, Block, Document, Footnote, Section
from vdiplo_site.normalise import pdf_dump as steps
from vdiplo_site.normalise.pdf_dump_headings import heading_level
from vdiplo_site.normalise.pdf_dump_lines import join_lines
from vdiplo_site.readers.pdf_dump import PdfDumpReader
from vdiplo_site.text import CJK

CASES = FIXTURES / "pdf-dump"
SOURCE_ID = "second-track-diplomacy-global-governance"
FORMAT = FORMATS["pdf-dump"]
STEP_NAMES = {step.__name__: step for step in FORMAT.steps}
REFERENCE = FOOTNOTE_REF
CJK_GAP = re.compile(rf"[{CJK}][ \t\u00a0]+[{CJK}]")


def read_case(case: str) -> Document:
    """The reader's document for fixture ``case``."""
    text = (CASES / case / "input.txt").read_text(encoding="utf-8")
    return PdfDumpReader().read(crafted_spec("pdf-dump", case), text)


def run(document: Document, *names: str) -> Document:
    """Apply the named steps, in the given order."""
    for name in names:
        document = STEP_NAMES[name](document)
    return document


def dump(document: Document) -> dict:
    """The document as plain JSON-like data (what expected.json holds)."""
    return {
        "sections": [
            {"heading": s.heading, "level": s.level, "blocks": [[b.kind, b.text] for b in s.blocks]}
            for s in document.sections
        ],
        "footnotes": [[f.label, f.text, f.missing] for f in document.footnotes],
    }


def lines(document: Document) -> list[str]:
    """All block texts of the document, in order."""
    return [b.text for s in document.sections for b in s.blocks]


# --- golden tests ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_golden(case):
    expected = json.loads((CASES / case / "expected.json").read_text(encoding="utf-8"))
    assert dump(run(read_case(case), *expected["steps"])) == expected["document"]


def test_golden_cases_cover_every_step():
    used = set()
    for path in CASES.glob("*/expected.json"):
        used.update(json.loads(path.read_text(encoding="utf-8"))["steps"])
    assert used == set(STEP_NAMES)


# --- reader ---------------------------------------------------------------------------------


def test_reader_keeps_raw_lines_and_hands_over_the_notes():
    document = read_case("opening")
    (body,) = document.sections
    notes = document.raw_notes
    assert (body.heading, body.level) == ("", 0)
    assert {b.kind for b in body.blocks + notes} == {"line"}
    assert len(body.blocks) == 88  # the blank spacing lines are gone
    assert body.blocks[0].text == " 壹、前言 "  # edge spaces kept: they carry structure
    assert body.blocks[1].text == " 自從中華民國政府播遷至台灣開始，則"
    assert notes[0].text == "1.根據高朗教授的研究指出，從 1972至"
    assert len(notes) == 31
    assert document.footnotes == ()


def test_the_format_turns_raw_notes_into_resolved_footnotes():
    """Reader and steps together: the hand-over is used up and every reference resolves."""
    text = "壹、前言\n\n 正文一句。1 另一句。\n\n【註釋】\n\n1.同前註。\n"
    document = FORMAT.normalise(FORMAT.read(crafted_spec("pdf-dump"), text))
    assert document.raw_notes == ()
    assert document.footnotes == (Footnote("1", "同前註。"),)
    assert [b.text for s in document.sections for b in s.blocks] == ["正文一句。[^1]另一句。"]


@pytest.mark.parametrize("text", ["", "  \n\n \n"])
def test_reader_rejects_blank_text(text):
    with pytest.raises(SourceFormatError, match="blank"):
        PdfDumpReader().read(crafted_spec("pdf-dump"), text)


def test_reader_rejects_notes_without_body():
    with pytest.raises(SourceFormatError, match="no body text") as error:
        PdfDumpReader().read(crafted_spec("pdf-dump"), "\n【註釋】 \n\n1.同前註。\n")
    assert error.value.line == 2


# --- one test per step ------------------------------------------------------------------------


def test_remove_spaces_between_cjk():
    document = run(read_case("cjk-spaces"), "remove_spaces_between_cjk")
    got = lines(document)
    assert got[3] == "之間的外交互動，任何國際組織、"  # was "之 間 的 外 交 互 動 ， 任 何 …"
    assert got[4] == "NGOs、MNCs、或個人，都有可能成為參"
    assert got[10] == "生機。  "  # edge spaces stay
    assert got[11] == "  在國內方面，自2000年陳水扁政府執政"
    crafted = Document(
        spec=crafted_spec("pdf-dump"),
        sections=(
            Section(
                "",
                0,
                (
                    Block("line", "府組織（NGOs）與公民社會力量（ civil "),
                    Block("line", "件：（ 1）世界性議題；（ 2）跨國界的溝"),
                ),
            ),
        ),
    )
    assert lines(steps.remove_spaces_between_cjk(crafted)) == [
        "府組織（NGOs）與公民社會力量（civil ",  # Latin phrase spacing is left to the join
        "件：（1）世界性議題；（2）跨國界的溝",
    ]


def test_mark_note_references():
    document = run(read_case("opening"), "remove_spaces_between_cjk", "mark_note_references")
    got = lines(document)
    assert got[10] == "民共和國（以下簡稱中共）之後。[^1]在參"
    assert got[12] == "敗退的窘境，[^2]失去了多數聯合國專門機"
    assert got[5] == "敗，分別是1971年我國宣布退出聯合國以"  # a year is no note
    assert got[21] == "在國際社會的影響力盡失。自 1970年代"
    assert got[75] == "和平的價值與重要性。[^5] "  # the line's trailing space stays
    assert REFERENCE.findall("".join(got)) == ["1", "2", "3", "4", "5"]
    notes = document.raw_notes
    assert notes[0].text.startswith("1.根據")  # the 【註釋】 lines are not touched


@pytest.mark.parametrize(
    ("line", "expected", "marked", "following"),
    [
        ("十四個，41 而我國迄 93 年 4 月底止，已", 41, "十四個，[^41]而我國迄 93 年 4 月底止，已", 42),
        ("並且以積極的方式 45 來協助我國加入。", 45, "並且以積極的方式[^45]來協助我國加入。", 46),
        ("合作的活動」 21。石之瑜教授根據美國", 21, "合作的活動」[^21]。石之瑜教授根據美國", 22),
        ("時的重要參考： 31 （一）發揮空間大：", 31, "時的重要參考：[^31]（一）發揮空間大：", 32),
        ("society）36 是全球治理格局中重要的中介", 36, "society）[^36]是全球治理格局中重要的中介", 37),
        ("（problem-solving）的功能。40 以 NGOs", 40, "（problem-solving）的功能。[^40]以 NGOs", 41),
        ("件：（1）世界性議題；（2）跨國界的溝", 1, "件：（1）世界性議題；（2）跨國界的溝", 1),
        ("邦交國佔有率由29％降為21％；", 29, "邦交國佔有率由29％降為21％；", 29),
        ("十四個，41 而我國迄 93 年 4 月底止，已", 40, "十四個，41 而我國迄 93 年 4 月底止，已", 40),
    ],
)
def test_mark_notes_in_line(line, expected, marked, following):
    assert steps.mark_notes_in_line(line, expected) == (marked, following)


def test_split_sections_rejoins_a_wrapped_heading():
    document = run(read_case("headings"), "remove_spaces_between_cjk", "split_sections")
    assert [(s.heading, s.level, len(s.blocks)) for s in document.sections] == [
        ("", 0, 8),
        ("參、全球治理對於我國進行第二軌道外交之意義", 1, 0),
        ("一、全球治理的起源與意義", 2, 0),
        ("（一）全球治理的起源", 3, 7),
    ]
    assert {b.kind for s in document.sections for b in s.blocks} == {"line"}


def test_split_sections_leaves_inline_enumerations_in_the_text():
    document = run(read_case("enumerations-column-break"), "remove_spaces_between_cjk", "split_sections")
    assert [(s.heading, s.level) for s in document.sections] == [("", 0)]
    assert " （三）跨國及跨政府關係（Transnational " in lines(document)
    assert " （四）國際組織的角色（Role of  " in lines(document)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("壹、前言", 1),
        ("柒、結語", 1),
        ("一、命題─國際現象的轉變", 2),
        ("（三）公民社會（civil society）的力量", 3),
        ("（一）發揮空間大：", 0),
        ("（四）國際組織的角色（Role of", 0),
        ("第三、外交策略的轉變。", 0),
        ("（二）議題聯結（issue-linking）與外溢", 3),
        ("一、", 0),
    ],
)
def test_heading_level(text, level):
    assert heading_level(text) == level


def test_join_paragraphs_keeps_a_column_break_inside_its_paragraph():
    document = run(
        read_case("enumerations-column-break"),
        "remove_spaces_between_cjk",
        "split_sections",
        "join_paragraphs",
    )
    paragraphs = lines(document)
    assert [p[:8] for p in paragraphs] == [
        "間外交議題的設定",
        "（三）跨國及跨政",
        "（四）國際組織的",
        "由以上論述得知，",
    ]
    assert "相互依賴，甚至牽一髮而動全身" in paragraphs[3]  # " 賴，" starts a column, not a paragraph
    assert "（Transnational and Transgovernmental Relations）" in paragraphs[1]
    assert "（Role of International Organization）" in paragraphs[2]
    assert all("\n" not in p and p == p.strip() for p in paragraphs)
    assert {b.kind for s in document.sections for b in s.blocks} == {"paragraph"}


def test_collect_notes_by_number_despite_the_scrambled_order():
    document = run(read_case("notes-scrambled"), "remove_spaces_between_cjk", "collect_notes")
    assert document.raw_notes == ()  # the hand-over is used up
    notes = {f.label: f.text for f in document.footnotes}
    assert list(notes) == ["29", "39", "40", "30", "31", "41", "42", "43"]
    assert notes["29"].endswith(
        "宋學文，〈第二軌道外交與台灣安全——理論的依據與實務的建議〉，宋學文主編，前揭書，頁17。"
    )
    assert notes["39"] == "石之瑜，〈免國於患者行其下？〉，宋學文主編，前揭書，頁38-39。"
    assert notes["40"] == (
        "田弘茂，〈我國多元外交〉，錄自於外交部網站 http://www.mofa.gov.tw/"
        "newmofa/history/majorspeeches/speech901004.htm"
    )  # not a note "4."
    assert notes["30"] == "宋學文，〈議題聯結與兩岸關係之研究〉，頁31。"


@pytest.mark.parametrize(
    ("text", "raw_left", "raw_right", "joined"),
    [
        ("（ civil", "（ civil ", "society power）的活化", "（ civil society power）的活化"),
        ("公民社會力量", "公民社會力量", "（civil", "公民社會力量（civil"),
        ("speech90100", "speech90100", "4.htm ", "speech901004.htm"),
        ("頁 172-", "中：必中出版社， 2003年，頁 172-", "173。  ", "頁 172-173。"),
        (
            "網站 http://www.mofa.gov.tw/",
            "網站 http://www.mofa.gov.tw/ ",
            "newmofa/history",
            "網站 http://www.mofa.gov.tw/newmofa/history",
        ),
        ("S.Nye,Jr.", "S.Nye,Jr. ", "Power and", "S.Nye,Jr. Power and"),
    ],
)
def test_join_lines(text, raw_left, raw_right, joined):
    assert join_lines(text, raw_left, raw_right) == joined


def test_collect_notes_splits_two_notes_sharing_a_line():
    document = run(read_case("notes-shared-line"), "remove_spaces_between_cjk", "collect_notes")
    notes = {f.label: f.text for f in document.footnotes}
    assert list(notes) == ["33", "34", "46", "35", "36", "47"]
    assert notes["34"] == "David Held et al.，前揭書。沈宗瑞‧高少凡‧許湘濤‧陳淑鈴譯。頁12。"
    assert notes["46"].startswith("宋學文，〈從國際建制與美國自由霸權探討全球治理")
    assert notes["47"].endswith("這次美國行的象徵意義更是重大。⋯⋯吳淑珍去年代表陳總")


def test_collect_notes_rejects_text_before_the_first_note():
    document = PdfDumpReader().read(crafted_spec("pdf-dump"), "正文。\n\n【註釋】\n\n同前註。\n")
    with pytest.raises(SourceFormatError, match="before the first note"):
        steps.collect_notes(document)


def _with_notes(text: str, *notes: Footnote) -> Document:
    return Document(
        spec=crafted_spec("pdf-dump"),
        sections=(Section("壹、前言", 1, (Block("paragraph", text),)),),
        footnotes=notes,
    )


def test_resolve_footnotes_orders_by_reference_and_marks_absent_notes_missing():
    document = steps.resolve_footnotes(
        _with_notes("之後。[^2]在參，[^1]失去。[^3]", Footnote("1", "甲。"), Footnote("2", "乙。"))
    )
    assert document.footnotes == (
        Footnote("2", "乙。"),
        Footnote("1", "甲。"),
        Footnote("3", "", missing=True),
    )


def test_resolve_footnotes_rejects_a_note_never_referenced():
    with pytest.raises(SourceFormatError, match="never referenced"):
        steps.resolve_footnotes(_with_notes("之後。[^1]", Footnote("1", "甲。"), Footnote("9", "乙。")))


# --- the whole source -------------------------------------------------------------------------

HEADINGS = [
    ("壹、前言", 1),
    ("貳、分析架構", 1),
    ("一、命題─國際現象的轉變", 2),
    ("二、理論支持", 2),
    ("（一）多元溝通管道（multiple channels）", 3),
    ("（二）議題聯結（issue-linking）", 3),
    ("（三）公民社會（civil society）的力量", 3),
    ("三、實例探討", 2),
    ("四、理論與實務對話－策略的轉變", 2),
    ("參、全球治理對於我國進行第二軌道外交之意義", 1),
    ("一、全球治理的起源與意義", 2),
    ("（一）全球治理的起源", 3),
    ("（二）全球治理的意義", 3),
    ("二、第二軌道外交的定義與功能", 2),
    ("（一）第二軌道外交的定義", 3),
    ("（二）第二軌道外交的功能", 3),
    ("三、全球治理對於第二軌道外交之影響", 2),
    ("四、全球治理對於我國進行第二軌道外交的意義", 2),
    ("伍、個案研究", 1),
    ("陸、政策建議", 1),
    ("一、我國從事第二軌道外交的限制", 2),
    ("二、我國從事第二軌道外交的機會", 2),
    ("三、政策建議", 2),
    ("柒、結語", 1),
]
PRESENT = [str(n) for n in [*range(1, 37), *range(39, 48)]]
MISSING = [str(n) for n in [37, 38, *range(48, 58)]]


@pytest.fixture(scope="module")
def real(real_kb):
    document = real_kb.document(SOURCE_ID)
    return read_source_text(document.spec), document


def as_seen(text: str) -> str:
    """``text`` with each footnote reference shown as its number, as the page shows it."""
    return REFERENCE.sub(r"\1", text)


def test_whole_source_is_faithful(real):
    text, document = real
    converted = document_text(document)
    # Every unit is there; only the 【註釋】 title is gone (its notes are the footnotes).
    ratio, missing = intact_ratio(text, as_seen(converted))
    assert missing == ["註釋"]
    assert ratio >= 0.995
    # Measured on the raw "[^N]" text, the units an inline note number starts ("1 在參") no
    # longer match; each is intact once its number is read as the reference it became.
    ratio, missing = intact_ratio(text, converted)
    assert len(text_units(text)) == 2701 and len(missing) == 37 and ratio > 0.986
    squashed = re.sub(r"\s+", "", converted)
    for unit in missing:
        if unit != "註釋":
            assert any(
                re.sub(rf"(?<!\d){n}(?!\d)", f"[^{n}]", unit, count=1) in squashed for n in PRESENT + MISSING
            ), unit


def test_whole_source_structure(real):
    _, document = real
    assert [(s.heading, s.level) for s in document.sections] == HEADINGS
    blocks = [b for s in document.sections for b in s.blocks]
    assert len(blocks) == 65 and {b.kind for b in blocks} == {"paragraph"}
    texts = [s.heading for s in document.sections] + [b.text for b in blocks]
    texts += [f.text for f in document.footnotes]
    for piece in texts:
        assert "\n" not in piece and piece == piece.strip()
        assert not any(markup in piece for markup in RAW_MARKUP)
    body = texts[: len(HEADINGS) + len(blocks)]
    assert not [gap.group() for piece in body for gap in CJK_GAP.finditer(piece)]
    assert "（civil society power）" in blocks[1].text  # Latin phrases keep their space


def test_whole_source_footnotes(real):
    _, document = real
    body = "".join(b.text for s in document.sections for b in s.blocks)
    references = REFERENCE.findall(body)
    assert references == [str(n) for n in range(1, 58)]  # each referenced once, in order
    assert [f.label for f in document.footnotes] == references  # ordered by first reference
    notes = {f.label: f for f in document.footnotes}
    assert [label for label, f in notes.items() if f.text and not f.missing] == PRESENT
    assert [label for label, f in notes.items() if f.missing and f.text == ""] == MISSING
    assert not any(REFERENCE.search(f.text) for f in document.footnotes)
    assert notes["29"].text.endswith(
        "〈第二軌道外交與台灣安全——理論的依據與實務的建議〉，宋學文主編，前揭書，頁17。"
    )
    assert notes["34"].text.endswith("陳淑鈴譯。頁12。")
    assert notes["46"].text.startswith("宋學文，〈從國際建制")
    assert notes["47"].text.endswith("吳淑珍去年代表陳總")  # the source ends mid-note
    assert notes["16"].text.endswith("網站 http://www.npf.org.tw/PUBLICATION/CL/091/CL-R-091-052.htm")
    assert "1971年" in body and "29％" in notes["1"].text and "93 年 4 月" in body
