"""Mention detection, on small crafted gazetteers: longest match at token boundaries, scopes."""

from __future__ import annotations

from conftest import crafted_spec
from vdiplo_site.entities import all_mentions
from vdiplo_site.entities.all_mentions import find_all_mentions
from vdiplo_site.entities.context import dates, is_definition, quote, sentence_span
from vdiplo_site.entities.mentions import find_mentions, match_text, surface_index
from vdiplo_site.model import Block, Document, Entity, Mention, Section
from vdiplo_site.passages import assign_passage_ids
from vdiplo_site.segment import make_tokenizer, user_dictionary

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


def test_definitions():
    concept = Entity("x", "concept", "價值共同體", "Community of Values")
    for text in (
        "「價值共同體」係指具有共同價值觀的社群。",
        "所謂「價值共同體」，即社群。",
        "價值共同體（community of values）在國際政治中常見。",
        "價值共同體通常指社群。",
    ):
        assert is_definition(text, mention(text, "價值共同體"), concept), text
    for text in ("台日形成價值共同體。", "各國（Community）與價值共同體。"):
        assert not is_definition(text, mention(text, "價值共同體"), concept), text


def test_dates_are_normalised():
    assert dates("2007年9月21日與 2024 年 8 月、2003年及1990年代，民國88年、13月") == [
        "2007-09",
        "2024-08",
        "2003",
        "1990s",
    ]
    assert dates("2019 年 13 月") == ["2019"]


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
