"""Tests of the `wikitext` reader and its normalisation steps (source: 價值觀外交, Wikipedia).

Golden tests read excerpts of the real article from ``tests/fixtures/wikitext/<case>/input.txt``
and compare the normalised document with ``expected.json`` in the same folder.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from conftest import FIXTURES, crafted_spec
from faithfulness import RAW_MARKUP, document_text, intact_ratio, visible_wikitext
from vdiplo_site.errors import SourceFormatError
from vdiplo_site.formats import FORMATS
from vdiplo_site.manifest import read_source_text
from vdiplo_site.model import FOOTNOTE_REF, Block, Citation, Document, Section
from vdiplo_site.normalise.wikitext import drop_empty_sections, join_paragraph_lines
from vdiplo_site.readers import strict_templates
from vdiplo_site.readers.wikitext import WikitextReader
from vdiplo_site.readers.wikitext_refs import split_publisher_date

CASES = FIXTURES / "wikitext"
SOURCE_ID = "wikipedia-value-based-diplomacy"
WIKI_MARKUP = ("[http", "''", "==", "|", "<", "&lt;", "&amp;")
REF = FOOTNOTE_REF
normalise = FORMATS["wikitext"].normalise


def convert(text: str) -> Document:
    """Read ``text`` as wikitext and normalise it."""
    spec = crafted_spec("wikitext")
    return normalise(WikitextReader().read(spec, text))


def document_json(document: Document) -> dict:
    """The parts of ``document`` a golden file pins: sections, blocks, footnotes, tags."""
    return {
        "sections": [
            {
                "heading": s.heading,
                "level": s.level,
                "blocks": [
                    {"kind": b.kind, "text": b.text, "level": b.level, "lacks_citation": b.lacks_citation}
                    for b in s.blocks
                ],
            }
            for s in document.sections
        ],
        "footnotes": [
            {
                "label": f.label,
                "text": f.text,
                "missing": f.missing,
                "citation": asdict(f.citation) if f.citation else None,
            }
            for f in document.footnotes
        ],
        "tags": list(document.tags),
    }


def crude(*blocks: Block, heading: str = "", level: int = 0) -> Document:
    """A one-section document of ``blocks`` as the reader leaves it."""
    return Document(
        spec=crafted_spec("wikitext"), sections=(Section(heading=heading, level=level, blocks=blocks),)
    )


# --- golden tests on excerpts of the real article ------------------------------------------


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_golden(case: str) -> None:
    folder = CASES / case
    document = convert((folder / "input.txt").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert document_json(document) == expected


def test_lead_keeps_english_name_and_drops_bold_and_navboxes() -> None:
    document = convert((CASES / "lead-eu" / "input.txt").read_text(encoding="utf-8"))
    lead = document.sections[0]
    assert (lead.heading, lead.level, len(lead.blocks)) == ("", 0, 1)
    assert lead.blocks[0].text.startswith(
        "價值觀外交、價值外交、價值取向外交、或價值導向外交（英語：Value Oriented Diplomacy or "
        "Value Diplomacy or Value-based Diplomacy），有時亦稱為原則外交（Principled Diplomacy）等，"
        "通常指奠基於尊重普世價值的外交政策方針，強調對自由、民主、人權、法治等基本權利"
    )


def test_named_ref_reuse_points_to_the_same_footnote() -> None:
    document = convert((CASES / "lead-eu" / "input.txt").read_text(encoding="utf-8"))
    eu = document.sections[1]
    assert eu.heading == "歐洲聯盟"
    assert "這項承諾亦適用於其對外政策。[^6][^2]歐盟成員國" in eu.blocks[1].text
    assert document.footnotes[1].citation.publisher == "More Europe: External Cultural Relations"
    assert [f.label for f in document.footnotes] == ["1", "2", "3", "4", "5", "6", "7"]


def test_wayback_gives_archive_url_and_day() -> None:
    document = convert((CASES / "lead-eu" / "input.txt").read_text(encoding="utf-8"))
    note = document.footnotes[-1]
    assert note.citation == Citation(
        title="德國‧總統23日訪中國料提人權",
        url="http://news.sinchew.com.my/node/36428",
        publisher="星洲日報",
        date="2007-05-22",
        archive_url=("https://web.archive.org/web/20131020230133/http://news.sinchew.com.my/node/36428"),
        archive_date="2013-10-20",
    )
    assert "(存檔 2013-10-20: https://web.archive.org/web/20131020230133/" in note.text


def test_fact_keeps_text_marks_it_and_flags_the_block() -> None:
    document = convert((CASES / "fact" / "input.txt").read_text(encoding="utf-8"))
    (block,) = document.sections[0].blocks
    assert block.lacks_citation is True
    assert block.text.startswith(
        "美國的影響力促進了菲律賓、南韓與臺灣等亞太國家在1980年代的民主化。［來源請求］美國在1989年"
    )


def test_dead_link_is_noted_as_text() -> None:
    document = convert((CASES / "norway-dead-link" / "input.txt").read_text(encoding="utf-8"))
    assert document.footnotes[0].text == (
        "Kristian Stokke, Discursive constructions and institutional practices of Norway's peace "
        "engagement (http://meridian.aag.org/callforpapers/program/AbstractDetail.cfm?"
        "AbstractID=37088)"
        "（失效連結，2018年2月）, 2011"
    )
    assert document.footnotes[0].citation.date == "2011"


def test_references_tail_items_tags_and_no_empty_section() -> None:
    document = convert((CASES / "references-tail" / "input.txt").read_text(encoding="utf-8"))
    headings = [(s.heading, s.level, s.notes) for s in document.sections]
    # 引用 holds only {{Reflist}}: it stays, as the place of the notes
    assert headings == [("参考文献", 1, False), ("引用", 2, True), ("来源", 2, False), ("參見", 1, False)]
    first = document.sections[2].blocks[0]
    assert (first.kind, first.level, first.text) == (
        "item",
        0,
        (
            "李明峻：冷戰後的日本對中政策 (http://www.tisanet.org/quarterly/5_3_3.pdf)，"
            "《台灣國際研究季刊》，2009/秋季號，頁51-72"
        ),
    )
    assert document.tags[:3] == ("外交", "美國外交", "歐盟外交")
    assert len(document.tags) == 9


# --- reader details on crafted inputs ---------------------------------------------------


def test_links_files_lists_and_levels() -> None:
    text = (
        "intro [[a|label]] and [[Target]] [[:en:X_y|X]]\n[[檔案:p.png|缩略图|說明]]\n"
        "== H ==\n=== Sub ===\n* one\n** two\n# three\n"
    )
    document = convert(text)
    assert [(s.heading, s.level) for s in document.sections] == [("", 0), ("H", 1), ("Sub", 2)]
    assert document.sections[0].blocks == (  # a framed image's caption is a paragraph of its own
        Block(kind="paragraph", text="intro label and Target X"),
        Block(kind="paragraph", text="說明"),
    )
    assert [(b.kind, b.level, b.text) for b in document.sections[2].blocks] == [
        ("item", 0, "one"),
        ("item", 1, "two"),
        ("item", 0, "three"),
    ]


def test_ref_used_before_definition_and_undefined_ref() -> None:
    document = convert('a<ref name="x"/> b<ref name="x">[http://e.org T], P, 2001</ref> c<ref name="y"/>\n')
    assert document.sections[0].blocks[0].text == "a[^1] b[^1] c[^2]"
    assert document.footnotes[0].text == "T (http://e.org), P, 2001"
    assert document.footnotes[1].missing is True


def test_unknown_template_in_strict_mode_names_file_and_line() -> None:
    with (
        strict_templates(["crafted"]),
        pytest.raises(SourceFormatError, match=r":3: unsupported template \{\{Mystery\}\}"),
    ):
        WikitextReader().read(crafted_spec("wikitext", path=Path("x.wiki")), "a\n\nb {{Mystery}}\n")


def test_unknown_templates_show_their_arguments_and_are_listed_once(caplog) -> None:
    text = "甲{{Mystery|乙丙|width=30em|quote=引文}}丁{{Mystery|戊}}{{Other}}\n"
    document = WikitextReader().read(crafted_spec("wikitext", path=Path("x.wiki")), text)
    # positional arguments, and named ones that hold Chinese text; layout (width=30em) is not text
    assert document.sections[0].blocks[0].text == "甲乙丙 引文丁戊"
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning.endswith(
        "x.wiki: templates shown by their arguments (unknown to the reader): {{Mystery}} x2, {{Other}} x1"
    )


def test_text_without_article_text_is_an_error() -> None:
    with pytest.raises(SourceFormatError, match="no article text"):
        WikitextReader().read(crafted_spec("wikitext"), "{{Politics}}\n[[Category:X]]\n")


def test_split_publisher_date_spellings() -> None:
    assert split_publisher_date("，自由時報, 2002年8月27日") == ("自由時報", "2002年8月27日")
    assert split_publisher_date(", 白宮, December 10, 2009") == ("白宮", "December 10, 2009")
    assert split_publisher_date(", 在線報導, 14.05.2012") == ("在線報導", "14.05.2012")
    assert split_publisher_date("，中華民國外交部") == ("中華民國外交部", None)
    assert split_publisher_date(", 1993") == (None, "1993")


# --- one test per normalisation step ----------------------------------------------------


def test_join_paragraph_lines() -> None:
    document = crude(
        Block("line", "civil"),
        Block("line", "society"),
        Block("line", ""),
        Block("line", "甲乙", lacks_citation=True),
        Block("line", "丙丁"),
        Block("see_also", "參見：A"),
        Block("line", "戊己"),
        Block("item", "x"),
        Block("line", ""),
    )
    assert join_paragraph_lines(document).sections[0].blocks == (
        Block("paragraph", "civil society"),
        Block("paragraph", "甲乙丙丁", lacks_citation=True),
        Block("see_also", "參見：A"),
        Block("paragraph", "戊己"),
        Block("item", "x"),
    )


def test_drop_empty_sections() -> None:
    spec = crafted_spec("wikitext")
    item = Block("item", "李明峻")
    document = Document(
        spec=spec,
        sections=(
            Section("", 0),
            Section("参考文献", 1),
            Section("引用", 2),
            Section("来源", 2, (item,)),
            Section("空", 1),
        ),
    )
    assert [(s.heading, s.level) for s in drop_empty_sections(document).sections] == [
        ("参考文献", 1),
        ("来源", 2),
    ]


# --- the whole real source --------------------------------------------------------------


@pytest.fixture(scope="module")
def real(real_kb) -> tuple[str, Document]:
    document = real_kb.document(SOURCE_ID)
    return read_source_text(document.spec), document


def test_whole_source_structure(real) -> None:
    _, document = real
    assert [(s.heading, s.level) for s in document.sections] == [
        ("", 0),
        ("美國", 1),
        ("歐洲聯盟", 1),
        ("德國", 1),
        ("挪威", 1),
        ("日本", 1),
        ("中華民國（臺灣）", 1),
        ("大韓民國（韓國）", 1),
        ("参考文献", 1),
        ("引用", 2),
        ("来源", 2),
        ("參見", 1),
    ]
    kinds = [b.kind for s in document.sections for b in s.blocks]
    assert set(kinds) == {"paragraph", "item", "see_also"}
    assert kinds.count("see_also") == 5 and kinds.count("item") == 13
    assert document.tags == (
        "外交",
        "美國外交",
        "歐盟外交",
        "德国外交",
        "挪威外交",
        "日本外交",
        "台灣外交",
        "中華民國外交",
        "韩国外交",
    )
    flagged = [b for s in document.sections for b in s.blocks if b.lacks_citation]
    assert len(flagged) == 1 and "民主化。［來源請求］" in flagged[0].text


def test_whole_source_footnotes(real) -> None:
    _, document = real
    labels = [f.label for f in document.footnotes]
    assert labels == [str(n) for n in range(1, 72)]
    refs = [
        r for s in document.sections for t in [s.heading, *(b.text for b in s.blocks)] for r in REF.findall(t)
    ]
    assert len(refs) == 78
    assert set(refs) == set(labels)
    assert list(dict.fromkeys(refs)) == labels  # listed in order of first reference
    assert not any(f.missing or REF.search(f.text) for f in document.footnotes)
    assert all(f.citation and f.citation.url and f.citation.title for f in document.footnotes)
    assert sum(1 for f in document.footnotes if f.citation.archive_url) == 20
    assert sum("（失效連結，" in f.text for f in document.footnotes) == 6


def test_whole_source_has_no_markup_and_no_wraps(real) -> None:
    _, document = real
    text = document_text(document)
    assert [m for m in RAW_MARKUP + WIKI_MARKUP if m in text] == []
    assert "Category:" not in text and "thumb" not in text
    blocks = [b.text for s in document.sections for b in s.blocks]
    assert all("\n" not in t and t == t.strip() and "  " not in t for t in blocks)


def test_whole_source_faithfulness(real) -> None:
    """>= 99.5% of the units a wiki reader sees (mwparserfromhell's strip_code) are intact.

    Nothing is missing: the 引用 heading stays, with the page's footnote list under it.
    """
    source, document = real
    ratio, missing = intact_ratio(visible_wikitext(source), document_text(document))
    assert missing == []
    assert ratio >= 0.995
