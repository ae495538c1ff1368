"""Mention detection, on small crafted gazetteers: longest match at token boundaries, scopes."""

from __future__ import annotations

import jieba

from conftest import crafted_spec
from vdiplo_site.entities import all_mentions
from vdiplo_site.entities.all_mentions import find_all_mentions
from vdiplo_site.entities.context import quote, sentence_span
from vdiplo_site.entities.declarations import bind, find_declarations
from vdiplo_site.entities.mentions import find_mentions, inner_names, match_text, surface_index
from vdiplo_site.model import Block, Document, Entity, Mention, Passage, Section, iter_passages
from vdiplo_site.passages import assign_passage_ids
from vdiplo_site.segment import (
    _load_cached_dictionary,
    base_tokenizer,
    make_tokenizer,
    tokens,
    user_dictionary,
)

ENTITIES = (
    Entity("japan", "country", "日本", "Japan", aliases=("日方",)),
    Entity("jtea", "actor", "日本台灣交流協會", kind="organisation", aliases=("日本交流協會",)),
    Entity("lai", "actor", "賴清德", kind="person", scoped_aliases=(("review-2024", ("賴總統",)),)),
    Entity("five-eyes", "concept", "五眼聯盟", "Five Eyes", aliases=("Five Eyes",)),
    Entity("eu", "actor", "歐洲聯盟", "European Union", kind="organisation", aliases=("歐盟", "EU")),
)
TOKENIZER = make_tokenizer(ENTITIES)


def found(text: str, source_id: str = "other") -> list[tuple[str, str]]:
    return [(eid, text[s:e]) for eid, s, e in match_text(text, surface_index(ENTITIES, source_id), TOKENIZER)]


def test_longer_name_wins_over_the_name_inside_it():
    assert found("日本台灣交流協會與日本交流協會及日本") == [
        ("jtea", "日本台灣交流協會"),
        ("jtea", "日本交流協會"),
        ("japan", "日本"),
    ]


def test_scoped_alias_matches_only_in_its_source():
    assert found("賴總統出訪", "review-2024") == [("lai", "賴總統")]
    assert found("賴總統出訪", "review-2023") == []


def test_alias_with_space_and_latin_word_boundaries():
    assert found("五眼聯盟（Five Eyes）及 EU 與 EUR") == [
        ("five-eyes", "五眼聯盟"),
        ("five-eyes", "Five Eyes"),
        ("eu", "EU"),
    ]


def test_footnote_references_never_match():
    eu_as_label = (Entity("x", "concept", "12"),)
    forms = surface_index(eu_as_label, "s")
    assert match_text("合作[^12]與12", forms, make_tokenizer(eu_as_label)) == [("x", 8, 10)]


def test_user_dictionary_holds_every_form_without_spaces_sorted():
    lines = user_dictionary(ENTITIES)
    words = [line.rsplit(" ", 1)[0] for line in lines]
    assert words == sorted(words) and "賴總統" in words and "Five Eyes" not in words


def test_find_mentions_gives_passage_and_section():
    document = assign_passage_ids(
        Document(
            spec=crafted_spec("mofa-review", "review-2024"),
            sections=(Section("一、台日", 1, (Block("paragraph", "賴總統訪問日本。"),)),),
        )
    )
    assert find_mentions(document, ENTITIES, TOKENIZER) == (
        Mention("lai", "review-2024", "p-1-1", "s-1", 0, 3, "賴總統"),
        Mention("japan", "review-2024", "p-1-1", "s-1", 5, 7, "日本"),
    )


def mention(text: str, surface: str, entity_id: str = "x") -> Mention:
    start = text.index(surface)
    return Mention(entity_id, "s", "p-1-1", "s-1", start, start + len(surface), surface)


def test_quote_cuts_the_sentence_and_marks_mentions():
    text = "前一句。所謂「價值共同體」係指社群[^2]，例如歐盟。後一句。"
    m = mention(text, "價值共同體")
    assert sentence_span(text, m) == (4, text.index("後"))
    q = quote(text, [m])
    assert q.text == "所謂「價值共同體」係指社群，例如歐盟。"
    assert q.text[q.marks[0][0] : q.marks[0][1]] == "價值共同體"


def test_long_sentences_are_elided_around_the_mention():
    text = "甲" * 400 + "日本" + "乙" * 400 + "。"
    q = quote(text, [mention(text, "日本")])
    assert q.text.startswith("…") and q.text.endswith("…") and len(q.text) < 340


def test_the_corpus_stage_gives_the_same_mentions_on_every_core(monkeypatch):
    """Chunks (a source cut in several) matched in forked workers join back to exactly the
    one-process result."""
    texts = ["日本與歐盟合作。" * 40, "價值共同體", "日本[^1]的價值共同體與歐盟。" * 30]
    documents = tuple(
        assign_passage_ids(
            Document(
                spec=crafted_spec("mofa-review", f"s{i}"),
                sections=(Section("", 0, (Block("paragraph", text),) * 20),),
            )
        )
        for i, text in enumerate(texts)
    )
    serial = find_all_mentions(documents, ENTITIES, workers=1)
    assert len(serial) > 1000
    monkeypatch.setattr(all_mentions, "CHUNK_CHARS", 1_000)
    assert len(list(all_mentions._chunks(documents))) > len(documents)
    assert find_all_mentions(documents, ENTITIES, workers=2, min_parallel_chars=0) == serial


# --- issue 9: declared abbreviations, names merged by the segmenter, office titles -----------

PRC = (
    Entity("china", "country", "中國", aliases=("中華人民共和國",)),
    Entity("ccp", "actor", "中國共產黨", kind="organisation", aliases=("中共",)),
    Entity("taiwan", "country", "台灣", aliases=("中華民國",)),
    Entity("mofa", "actor", "外交部", kind="organisation"),
    Entity("bmbf", "actor", "德國聯邦教育暨研究部", kind="organisation"),
    Entity("ey", "actor", "行政院", kind="organisation"),
)
DECLARING = "落於中華人民共和國（以下簡稱中共）之後。[^1]美國與中共建交；中華民國（以下簡稱「我國」）。"


def crafted_document(text: str, source_id: str) -> Document:
    return assign_passage_ids(
        Document(
            spec=crafted_spec("mofa-review", source_id),
            sections=(Section("", 0, (Block("paragraph", text),)),),
        )
    )


def test_declarations_bind_the_name_before_them_in_their_source_only():
    declarations = find_declarations(
        "paper", iter_passages(crafted_document(DECLARING, "paper")), surface_index(PRC, "paper")
    )
    assert [(d.abbreviation, d.name, d.entity_id) for d in declarations] == [
        ("中共", "中華人民共和國", "china"),
        ("我國", "中華民國", "taiwan"),
    ]
    tokenizer = make_tokenizer(PRC)
    here = find_mentions(crafted_document(DECLARING, "paper"), PRC, tokenizer)
    assert [(m.surface, m.entity_id) for m in here if m.surface in ("中共", "我國")] == [
        ("中共", "china"),  # the declaration's own X is a mention too
        ("中共", "china"),
        ("我國", "taiwan"),
    ]
    elsewhere = find_mentions(crafted_document("美國與中共建交。", "other"), PRC, tokenizer)
    assert [(m.surface, m.entity_id) for m in elsewhere] == [("中共", "ccp")]


def test_declaration_forms_and_unknown_names():
    forms = {"歐洲聯盟": "eu", "European Union": "eu"}
    texts = {
        "歐洲聯盟（簡稱歐盟）": ("歐盟", "歐洲聯盟", "eu"),
        "歐洲聯盟，以下稱為「盟方」，": ("盟方", "歐洲聯盟", "eu"),
        "歐洲聯盟[^3]（下稱歐盟）": ("歐盟", "歐洲聯盟", "eu"),
        'the European Union (hereinafter "Union")': ("Union", "European Union", "eu"),
        "亞洲開發銀行（以下簡稱亞銀）": ("亞銀", "亞洲開發銀行", None),
    }
    for text, expected in texts.items():
        passage = Passage("p-1-1", "s-1", text)
        (found,) = find_declarations("s", [passage], forms)
        assert (found.abbreviation, found.name, found.entity_id) == expected, text
        assert text[found.start : found.end] == found.abbreviation
    assert (
        bind(forms, find_declarations("s", [Passage("p", "s", "亞洲開發銀行（以下簡稱亞銀）")], forms))
        == forms
    )
    assert find_declarations("s", [Passage("p", "s", "簡稱與名稱（本文）不同。")], forms) == ()


def test_office_titles_are_not_mentions_of_the_body():
    text = "外交部長陳唐山、行政院長游錫堃、德國聯邦教育暨研究部長 Bettina 與外交部官員；中共長期打壓。"
    assert [surface for _, surface in found_in(text, PRC)] == ["外交部", "中共"]


def test_names_merged_by_the_segmenter_are_found_without_pieces_of_words(real_kb):
    forms = surface_index(real_kb.entities, "s")
    tokenizer = make_tokenizer(real_kb.entities)
    assert next(t for t, _, _ in tokens(tokenizer, "日本政府多次")) == "日本政府"  # jieba keeps it whole
    assert found_in("日本政府多次重申，日本首相安倍晋三。", forms=forms, tokenizer=tokenizer)[:2] == [
        ("japan", "日本"),
        ("japan", "日本"),
    ]
    assert inner_names("中南海", 0, forms, tokenizer) == []  # 中|南海: not the South China Sea
    assert inner_names("北大概", 0, {"北大": "pku"}, tokenizer) == []
    assert ("china", "中國") not in found_in("貸款給發展中國家", forms=forms, tokenizer=tokenizer)
    assert ("china", "中國") in found_in("中國政府", forms=forms, tokenizer=tokenizer)


def found_in(text, entities=(), forms=None, tokenizer=None):
    forms = forms if forms is not None else surface_index(entities, "s")
    tokenizer = tokenizer or make_tokenizer(entities)
    return [(eid, text[s:e]) for eid, s, e in match_text(text, forms, tokenizer)]


def test_jiebas_dictionary_read_from_its_cache_in_one_piece_is_jiebas_own():
    """:func:`base_tokenizer` reads jieba's cache file itself; jieba's own loading gives the
    same prefix dictionary. (jieba's loading first, so that its cache file exists; then the
    one-piece read itself, not :func:`base_tokenizer`, which may have been made before.)"""
    theirs = jieba.Tokenizer()
    theirs.initialize()
    ours = jieba.Tokenizer()
    assert _load_cached_dictionary(ours)
    assert ours.initialized and ours.total == theirs.total and ours.FREQ == theirs.FREQ
    assert base_tokenizer().FREQ == theirs.FREQ


def test_without_a_cache_file_jieba_loads_its_dictionary_itself(tmp_path):
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path)  # no jieba.cache there
    assert not _load_cached_dictionary(tokenizer) and not tokenizer.initialized
