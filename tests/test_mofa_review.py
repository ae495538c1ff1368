"""The `mofa-review` format: MOFA's 2024 review (003) and 2023 review (004).

Golden tests on excerpts of both texts (``tests/fixtures/mofa-review/<case>/``), one test per
normalisation step, the reader's error paths, and whole-source tests on the real texts.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from dataclasses import replace

import pytest

from conftest import FIXTURES, crafted_spec
from faithfulness import RAW_MARKUP, document_text, intact_ratio
from vdiplo_site.errors import SourceFormatError
from vdiplo_site.formats import FORMATS
from vdiplo_site.manifest import read_source_text
from vdiplo_site.model import Block, Document, Section, iter_passages
from vdiplo_site.normalise import mofa_review as steps
from vdiplo_site.normalise.mofa_review_sections import split_title
from vdiplo_site.readers.mofa_review import MofaReviewReader

SPEC = crafted_spec("mofa-review")
normalise = FORMATS["mofa-review"].normalise
CASES = sorted(path.name for path in (FIXTURES / "mofa-review").iterdir() if path.is_dir())


def read(text: str) -> Document:
    return MofaReviewReader().read(SPEC, text)


def lines_doc(*lines: str) -> Document:
    """A reader-shaped document: one lead section of raw ``line`` blocks."""
    blocks = tuple(Block(kind="line", text=line) for line in lines)
    return Document(spec=SPEC, sections=(Section(heading="", level=0, blocks=blocks),))


def texts(document: Document) -> list[str]:
    return [block.text for block in document.sections[0].blocks]


def outline(document: Document) -> list[dict]:
    return [
        {
            "heading": s.heading,
            "level": s.level,
            "blocks": [{"kind": b.kind, "text": b.text} for b in s.blocks],
        }
        for s in document.sections
    ]


# --- registration and golden excerpts -------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_golden_excerpt(case):
    folder = FIXTURES / "mofa-review" / case
    document = normalise(read((folder / "input.txt").read_text(encoding="utf-8")))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert outline(document) == expected


def test_golden_cases_cover_both_reviews():
    assert {case[:4] for case in CASES} == {"2023", "2024"}


# --- reader ---------------------------------------------------------------------------------


def test_reader_keeps_raw_physical_lines():
    document = read(" 一、 奠基於民主價值 \n\n（Ursula \r\nvon der Leyen）")
    assert len(document.sections) == 1
    assert document.sections[0].heading == "" and document.sections[0].level == 0
    assert texts(document) == [" 一、 奠基於民主價值 ", "", "（Ursula ", "von der Leyen）"]
    assert {block.kind for block in document.sections[0].blocks} == {"line"}


def test_reader_rejects_blank_text():
    with pytest.raises(SourceFormatError, match="blank") as error:
        read(" \n\n  \n")
    assert str(SPEC.path) in str(error.value)


def test_text_without_parts_is_refused():
    with pytest.raises(SourceFormatError, match=r"no top-level numbered heading \(一、…\)") as error:
        normalise(read("(一) 邦誼穩固，互惠共榮\n\n1. 高層互訪，成效斐然。\n"))
    assert str(SPEC.path) in str(error.value)


# --- step 1: lift_running_header ------------------------------------------------------------

CUT = (
    "另賴總統於 12 月以印太地區友邦為首次出訪地點，率團出訪馬紹爾群島、吐瓦魯以及",
    "",
    "2024 年外交工作回顧",
    "",
    "帛琉，完成「繁榮南島 智慧永續」之旅。",
)

# The lines left around a removed header: the page break's lines, rejoined by a later step.
LIFTED = ["", "以「總合外交」打造民主、和平、繁榮的新台灣", "", CUT[0], "", "", CUT[4]]


def test_lift_running_header_removes_it_and_states_the_title_once():
    document = steps.lift_running_header(
        lines_doc("", "以「總合外交」打造民主、和平、繁榮的新台灣", "", *CUT, "", "2024 年外交工作回顧")
    )
    blocks = document.sections[0].blocks
    assert blocks[0] == Block(kind="paragraph", text="2024 年外交工作回顧")
    assert [b.text for b in blocks[1:]] == [*LIFTED, ""]


def test_lift_running_header_leaves_the_title_to_the_page_when_the_label_states_it():
    document = lines_doc("", "以「總合外交」打造民主、和平、繁榮的新台灣", "", *CUT)
    document = replace(document, spec=replace(SPEC, label="2024 年外交工作回顧"))
    blocks = steps.lift_running_header(document).sections[0].blocks
    assert [b.text for b in blocks] == LIFTED


def test_numbered_items_as_points_unlists_numbered_items_only():
    document = lines_doc("- (一)聯合友盟，反制打壓。本年 8 月…", "- 一般項目", "(二) 不動")
    assert texts(steps.numbered_items_as_points(document)) == [
        "(一)聯合友盟，反制打壓。本年 8 月…",
        "- 一般項目",
        "(二) 不動",
    ]


def test_numbered_items_become_headings_like_part_four():
    document = normalise(read("一、甲部分\n\n- (一)聯合友盟，反制打壓。\n本年 8 月我透過友邦協助。\n"))
    assert [(s.heading, s.level) for s in document.sections] == [
        ("一、甲部分", 1),
        ("(一)聯合友盟，反制打壓。", 2),
    ]
    assert [b.text for b in document.sections[1].blocks] == ["本年 8 月我透過友邦協助。"]


def test_lift_running_header_keeps_a_title_the_text_states_at_its_top():
    document = steps.lift_running_header(lines_doc("2024 年外交工作回顧：以「總合外交」", "", *CUT))
    assert texts(document) == ["2024 年外交工作回顧：以「總合外交」", "", CUT[0], "", "", CUT[4]]


def test_lift_running_header_is_harmless_without_a_header():
    document = lines_doc(" 2023年外交工作回顧： ", "", "台灣自信廣獲肯定，國際整體挺台力量再創新高  ")
    assert steps.lift_running_header(document) == document


# --- step 2: strip_bold ---------------------------------------------------------------------


def test_strip_bold():
    document = steps.strip_bold(
        lines_doc(
            "- (一) **建立整合跨部會資源機制，積極實現「經濟日不落國」。**",
            "協助籌設行政院「經濟外交工作小組」",
        )
    )
    assert texts(document) == [
        "- (一) 建立整合跨部會資源機制，積極實現「經濟日不落國」。",
        "協助籌設行政院「經濟外交工作小組」",
    ]


# --- step 3: join_hard_wraps ----------------------------------------------------------------


def test_join_hard_wraps_joins_004_lines_into_paragraphs_and_headings():
    document = steps.join_hard_wraps(
        lines_doc(
            " 2023年外交工作回顧： ",
            "",
            "台灣自信廣獲肯定，國際整體挺台力量再創新高  ",
            "",
            " ",
            "",
            "2023 年我國面臨的國際情勢與外部挑戰依舊嚴峻，除了中國",
            "",
            "不斷透過軍事恫嚇、灰色地帶衝突。 ",
            "",
            " ",
            "",
            "一、 奠基於民主價值，台灣與理念相近夥伴持續深化實質",
            "",
            "合作 ",
            "",
            "（二） 台歐關係史上最佳，快速發展 ",
            " 1. 與歐洲各國續深化交流。3 月德國聯邦教育暨研究部",
            "",
            "長 Bettina Stark-Watzinger 訪台；歐盟執委會主席馮德萊恩（Ursula ",
            "",
            "von der Leyen）、外交暨安全政策高級代表波瑞爾",
            "",
            "協助興建聯外橋樑、防空避難所及兒童運動學校等。",
            "",
            "截至2023年11月底，已逾1億。 ",
        )
    )
    assert [t for t in texts(document) if t != " "] == [
        "2023年外交工作回顧：台灣自信廣獲肯定，國際整體挺台力量再創新高",
        "2023 年我國面臨的國際情勢與外部挑戰依舊嚴峻，除了中國不斷透過軍事恫嚇、灰色地帶衝突。",
        "一、 奠基於民主價值，台灣與理念相近夥伴持續深化實質合作",
        "（二） 台歐關係史上最佳，快速發展",
        (
            "1. 與歐洲各國續深化交流。3 月德國聯邦教育暨研究部長 Bettina Stark-Watzinger 訪台；"
            "歐盟執委會主席馮德萊恩（Ursula von der Leyen）、外交暨安全政策高級代表波瑞爾"
            "協助興建聯外橋樑、防空避難所及兒童運動學校等。截至2023年11月底，已逾1億。"
        ),
    ]
    assert texts(document)[1::2] == [" "] * 5  # a separator after each joined block


def test_join_hard_wraps_is_harmless_on_003():
    document = lines_doc("", "(一) 邦誼穩固，互惠共榮", "", "1. 高層互訪，成效斐然。", "", *CUT)
    assert steps.join_hard_wraps(document) == document


# --- step 4: join_page_breaks ---------------------------------------------------------------


def test_join_page_breaks_rejoins_cut_paragraphs_and_headings():
    document = steps.join_page_breaks(
        lines_doc(
            "",
            "以「總合外交」打造民主、和平、繁榮的新台灣",
            "",
            "2024 年我國仍舊面臨嚴峻挑戰。",
            "",
            CUT[0],
            "",
            "",
            CUT[4],
            "",
            "出席駐美代表處舉辦《台灣關係法》立法",
            "",
            "45 週年酒會，表達對台美堅實夥伴關係的支持。",
            "",
            "具體展現對我國國際組織參與支持；",
            "",
            "針對中國本年片面變更 M503 航線，有效強化。",
            "",
            "(五) 新南向政策，不斷深化",
            "",
            "我駐孟買辦事處 10 月正式揭牌對外運作。",
            "",
            "四、總合外交：宣揚我軟實力、提升國際形象；積極向外發",
            "",
            "聲，凝聚友我力量；總合外交能量，發揮外交戰力",
            "",
            "(一)運用軟實力推動公眾外交，加強宣傳我優質國際形象。",
            "",
            "結語",
            "",
            "展望 2025 年。",
        )
    )
    assert texts(document) == [
        "以「總合外交」打造民主、和平、繁榮的新台灣",
        "2024 年我國仍舊面臨嚴峻挑戰。",
        CUT[0] + CUT[4],
        "出席駐美代表處舉辦《台灣關係法》立法 45 週年酒會，表達對台美堅實夥伴關係的支持。",
        "具體展現對我國國際組織參與支持；針對中國本年片面變更 M503 航線，有效強化。",
        "(五) 新南向政策，不斷深化",
        "我駐孟買辦事處 10 月正式揭牌對外運作。",
        "四、總合外交：宣揚我軟實力、提升國際形象；積極向外發聲，凝聚友我力量；總合外交能量，發揮外交戰力",
        "(一)運用軟實力推動公眾外交，加強宣傳我優質國際形象。",
        "結語",
        "展望 2025 年。",
    ]


def test_join_page_breaks_continues_a_list_item_lazily():
    document = steps.join_page_breaks(
        lines_doc(
            "- (一)聯合友盟及理念相近國家，反制中共無端阻撓與打壓。",
            "本年 8 月我透過 3 友邦及澳紐協助，順利赴東加王國。",
            "- (二)台灣各界齊心援烏克蘭，彰顯我國際人道援助精神。",
            "",
            "我國持續善用我國 5G 電信技術。",
        )
    )
    assert texts(document) == [
        "- (一)聯合友盟及理念相近國家，反制中共無端阻撓與打壓。本年 8 月我透過 3 友邦及澳紐協助，順利赴東加王國。",
        "- (二)台灣各界齊心援烏克蘭，彰顯我國際人道援助精神。",
        "我國持續善用我國 5G 電信技術。",
    ]


def test_join_page_breaks_keeps_finished_blocks_and_separators():
    title = Block(kind="paragraph", text="2024 年外交工作回顧")
    document = Document(
        spec=SPEC,
        sections=(
            Section(
                heading="",
                level=0,
                blocks=(
                    title,
                    Block("line", "2023年外交工作回顧：台灣自信廣獲肯定"),
                    Block("line", " "),
                    Block("line", "三、 國際能見度大幅提升"),
                    Block("line", " "),
                    Block("line", "外交部積極向各國爭取便利入境措施等。"),
                ),
            ),
        ),
    )
    result = steps.join_page_breaks(document).sections[0].blocks
    assert result[0] == title
    assert [b.text for b in result[1:]] == [
        "2023年外交工作回顧：台灣自信廣獲肯定",
        "三、 國際能見度大幅提升",
        "外交部積極向各國爭取便利入境措施等。",
    ]


# --- step 5: tighten_marker_gaps ------------------------------------------------------------


def test_tighten_marker_gaps():
    document = steps.tighten_marker_gaps(
        lines_doc(
            "一、 奠基於民主價值",
            "（一） 台美夥伴關係堅若磐石",
            "(一) 邦誼穩固，互惠共榮",
            "四、 WHO 參與",
            "「繁榮南島 智慧永續」之旅",
        )
    )
    assert texts(document) == [
        "一、奠基於民主價值",
        "（一）台美夥伴關係堅若磐石",
        "(一) 邦誼穩固，互惠共榮",
        "四、 WHO 參與",
        "「繁榮南島 智慧永續」之旅",
    ]


# --- step 6: build_sections -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1. 高層互訪，成效斐然。", ("1. 高層互訪，成效斐然。", "")),
        (
            "1. 美國行政部門持續以具體行動挺台。拜登政府上任後，均獲重視。",
            ("1. 美國行政部門持續以具體行動挺台。", "拜登政府上任後，均獲重視。"),
        ),
        (
            "3. 台日強化經貿關係並推進海務漁業交流：本年 2 月在東京舉行會議。",
            ("3. 台日強化經貿關係並推進海務漁業交流：", "本年 2 月在東京舉行會議。"),
        ),
        (
            "一、以民主為基礎的價值外交：持續鞏固邦交關係，提升與友好國家連結",
            ("一、以民主為基礎的價值外交：持續鞏固邦交關係，提升與友好國家連結", ""),
        ),
        ("1. 推動「甲。」乙丙。", ("1. 推動「甲。」", "乙丙。")),
    ],
)
def test_split_title(text, expected):
    assert split_title(text) == expected


def test_build_sections():
    title = Block(kind="paragraph", text="2024 年外交工作回顧")
    document = Document(
        spec=SPEC,
        sections=(
            Section(
                heading="",
                level=0,
                blocks=(
                    title,
                    *(
                        Block("line", line)
                        for line in (
                            "以「總合外交」打造新台灣",
                            "一、以民主為基礎的價值外交",
                            "(一) 邦誼穩固，互惠共榮",
                            "1. 高層互訪，成效斐然。",
                            "賴總統就職典禮。",
                            "(二) 台灣人民力挺烏克蘭。鑒於戰爭膠著。",
                            "二、同盟外交",
                            "- (一)聯合友盟。本年 8 月。",
                            "- (二)台灣各界齊心援烏克蘭。",
                            "結語",
                            "展望。",
                        )
                    ),
                ),
            ),
        ),
    )
    assert outline(steps.build_sections(document)) == [
        {
            "heading": "",
            "level": 0,
            "blocks": [
                {"kind": "paragraph", "text": "2024 年外交工作回顧"},
                {"kind": "paragraph", "text": "以「總合外交」打造新台灣"},
            ],
        },
        {"heading": "一、以民主為基礎的價值外交", "level": 1, "blocks": []},
        {"heading": "(一) 邦誼穩固，互惠共榮", "level": 2, "blocks": []},
        {
            "heading": "1. 高層互訪，成效斐然。",
            "level": 3,
            "blocks": [{"kind": "paragraph", "text": "賴總統就職典禮。"}],
        },
        {
            "heading": "(二) 台灣人民力挺烏克蘭。",
            "level": 2,
            "blocks": [{"kind": "paragraph", "text": "鑒於戰爭膠著。"}],
        },
        {
            "heading": "二、同盟外交",
            "level": 1,
            "blocks": [
                {"kind": "item", "text": "(一)聯合友盟。本年 8 月。"},
                {"kind": "item", "text": "(二)台灣各界齊心援烏克蘭。"},
            ],
        },
        {"heading": "結語", "level": 1, "blocks": [{"kind": "paragraph", "text": "展望。"}]},
    ]


def test_build_sections_never_skips_a_level():
    document = steps.build_sections(lines_doc("一、 標題", "1. 甲。", "2. 乙。", "(一) 丙", "1. 丁"))
    assert [(s.heading, s.level) for s in document.sections] == [
        ("一、 標題", 1),
        ("1. 甲。", 2),
        ("2. 乙。", 2),
        ("(一) 丙", 2),
        ("1. 丁", 3),
    ]


def test_build_sections_leaves_a_structured_document_alone():
    document = Document(spec=SPEC, sections=(Section("一、標題", 1, (Block("paragraph", "甲。"),)),))
    assert steps.build_sections(document) == document


# --- whole sources --------------------------------------------------------------------------

WHOLE = {
    "mofa-2024-review": {
        "levels": {0: 1, 1: 5, 2: 15, 3: 12},
        "kinds": {"paragraph": 28},
        # the running header is the page's title (the manifest's label): no passage repeats it
        "lead": ["以「總合外交」打造民主、和平、繁榮的新台灣"],
        "title_in_text": 0,
        "one_block": [
            "率團出訪馬紹爾群島、吐瓦魯以及帛琉，完成「繁榮南島 智慧永續」之旅",
            "出席駐美代表處舉辦《台灣關係法》立法 45 週年酒會，表達對台美堅實夥伴關係的支持。",
            "德國國會情報監督小組副主席暨外交委員會成員齊舍偉特",
            "期間晉見賴總統、蕭副總統；前首相野田佳彥眾議員",
            "具體展現對我國國際組織參與支持；針對中國本年片面變更 M503 航線",
            "設置「INGO在臺灣設點專區」",
            "本年 8 月我透過 3 友邦及澳紐協助",
            "協助籌設行政院「經濟外交工作小組」",
        ],
        "headings": [
            (
                "一、以民主為基礎的價值外交：持續鞏固邦交關係，深化與理念相近夥伴實質合作，提升與友好國家連結",
                1,
            ),
            ("1. 高層互訪，成效斐然。", 3),
            ("(五) 新南向政策，不斷深化", 2),
            (
                "四、總合外交：宣揚我軟實力、提升國際形象；積極向外發聲，凝聚友我力量；總合外交能量，發揮外交戰力",
                1,
            ),
            ("(一)運用軟實力推動公眾外交，加強宣傳我優質國際形象。", 2),
            # parts 二 and 三 write their points as list items: headings like part 四's
            ("(一)聯合友盟及理念相近國家，反制中共無端阻撓與打壓。", 2),
            ("(三) 擴大雙多邊戰略合作連結，強化民主產業供應鏈合作。", 2),
            ("結語", 1),
        ],
    },
    "mofa-2023-review": {
        "levels": {0: 1, 1: 5, 2: 8, 3: 9},
        "kinds": {"paragraph": 18},
        "lead": ["2023年外交工作回顧：台灣自信廣獲肯定，國際整體挺台力量再創新高"],
        "title_in_text": 1,
        "one_block": [
            "嚴峻，除了中國不斷透過軍事恫嚇",
            "美國務卿布林肯（Antony Blinken）5 月發表",
            "歐盟執委會主席馮德萊恩（Ursula von der Leyen）、外交暨安全政策",
            "聯邦教育暨研究部長 Bettina Stark-Watzinger 訪台",
            "兒童運動學校等。截至2023年11月底",
        ],
        "headings": [
            ("一、奠基於民主價值，台灣與理念相近夥伴持續深化實質合作", 1),
            ("（一）台美夥伴關係堅若磐石，全面穩健推進", 2),
            ("1. 美國行政部門持續以具體行動挺台。", 3),
            ("3. 台日強化經貿關係並推進海務漁業交流：", 3),
            ("(一) 台灣人民與政府力挺烏克蘭，共同捍衛民主前線。", 2),
            ("四、持續精進為民服務工作和便民措施。", 1),
            ("結語", 1),
        ],
    },
}


@pytest.fixture(scope="module")
def converted(real_kb):
    return {
        source_id: (read_source_text(real_kb.document(source_id).spec), real_kb.document(source_id))
        for source_id in WHOLE
    }


@pytest.mark.parametrize("source_id", sorted(WHOLE))
def test_whole_source_is_faithful(converted, source_id):
    text, document = converted[source_id]
    ratio, missing = intact_ratio(text, document_text(document))
    assert ratio >= 0.995 and missing == [], missing  # measured: 1.0, nothing missing
    assert document.footnotes == () and document.tags == ()
    for section in document.sections:
        for piece in (section.heading, *(block.text for block in section.blocks)):
            assert "\n" not in piece and "**" not in piece and piece == piece.strip()
            assert not any(markup in piece for markup in RAW_MARKUP), piece


@pytest.mark.parametrize("source_id", sorted(WHOLE))
def test_whole_source_structure(converted, source_id):
    _, document = converted[source_id]
    want = WHOLE[source_id]
    assert dict(Counter(s.level for s in document.sections)) == want["levels"]
    assert dict(Counter(b.kind for s in document.sections for b in s.blocks)) == want["kinds"]
    levels = [s.level for s in document.sections]
    assert levels[0] == 0 and all(b <= a + 1 for a, b in itertools.pairwise(levels))
    headings = [(s.heading, s.level) for s in document.sections]
    assert all(heading in headings for heading in want["headings"])


@pytest.mark.parametrize("source_id", sorted(WHOLE))
def test_whole_source_has_no_page_header_or_hard_wrap(converted, source_id):
    _, document = converted[source_id]
    want = WHOLE[source_id]
    lead = [block.text for block in document.sections[0].blocks]
    assert lead[: len(want["lead"])] == want["lead"]
    # the title is stated at most once, at the top; no running header is left anywhere else
    passages = "\n".join(passage.text for passage in iter_passages(document))
    assert passages.count("外交工作回顧") == want["title_in_text"]
    blocks = [block.text for section in document.sections for block in section.blocks]
    for fragment in want["one_block"]:
        assert sum(fragment in text for text in blocks) == 1, fragment


def test_2023_numbered_paragraph_keeps_its_body_under_its_title(converted):
    _, document = converted["mofa-2023-review"]
    by_heading = {s.heading: s for s in document.sections}
    ukraine = by_heading["(一) 台灣人民與政府力挺烏克蘭，共同捍衛民主前線。"]
    assert [b.text[:10] for b in ukraine.blocks] == ["鑒於俄烏戰爭持續膠著"]
    assert by_heading["1. 美國行政部門持續以具體行動挺台。"].blocks[0].text.startswith("拜登政府上任後，")
