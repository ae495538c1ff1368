"""``vdiplo-site candidates``: each detector on crafted text, the known-name rule, the CLI, and
the real sources (robust to the gazetteer growing while these tests are written)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import mwparserfromhell
import pytest
from jieba.posseg import POSTokenizer, pair

from conftest import ROOT, crafted_spec, make_project
from vdiplo_site.candidates import (
    Candidate,
    drop_fragments,
    find_candidates,
    format_candidate,
    is_known,
    pos_names,
    quoted_terms,
)
from vdiplo_site.cli import main
from vdiplo_site.entities.gazetteer import load_not_entities
from vdiplo_site.glosses import GlossTagger, gloss_pairs, name_tagger, trim_name
from vdiplo_site.model import Block, Document, Entity, Footnote, Section, document_text
from vdiplo_site.readers.wikitext import link_names
from vdiplo_site.segment import dictionary_verbs, make_tokenizer

JAPAN = Entity(id="japan", type="country", name="日本", aliases=("日方",))
EXCHANGE = Entity(id="jtea", type="actor", kind="organisation", name="日本台灣交流協會")
LAI = Entity(
    id="lai-ching-te",
    type="actor",
    kind="person",
    name="賴清德",
    scoped_aliases=(("mofa-2024-review", ("賴總統",)),),
)
ENTITIES = (JAPAN, EXCHANGE, LAI)


@pytest.fixture(scope="module")
def tagger():
    """The gloss tagger over the private tokenizer with :data:`ENTITIES`."""
    return GlossTagger.over(make_tokenizer(ENTITIES))


def test_dictionary_verbs_are_the_verbs_of_jiebas_tagger():
    """The verbs read from jieba's dictionary file are exactly those ``jieba.posseg`` tags."""
    table = POSTokenizer(make_tokenizer(ENTITIES)).word_tag_tab
    verbs = dictionary_verbs()
    assert verbs == {word for word, tag in table.items() if tag.startswith("v")}
    assert {"加入", "支持"} <= verbs and "日本" not in verbs


@pytest.fixture(scope="module")
def folded_tagger():
    """The tagger :func:`pos_names` needs: folded gazetteer names as words."""
    return name_tagger(ENTITIES)


# --- detector 1: jieba part of speech -------------------------------------------------------


def test_pos_names_finds_people_and_places_without_footnote_refs(folded_tagger):
    found = pos_names("美國總統拜登與德國總理梅克爾在北京會面[^12]。", folded_tagger)
    assert ("拜登", "pos:nr") in found
    assert ("北京", "pos:ns") in found
    assert all(len(word) >= 2 and "[" not in word for word, _ in found)


def test_pos_names_keeps_gazetteer_words_whole(folded_tagger):
    """The private tokenizer knows 日本台灣交流協會, so 台灣 is not cut out of it."""
    assert pos_names("日本台灣交流協會", folded_tagger) == []
    assert ("台灣", "pos:ns") in pos_names("台灣", folded_tagger)


def test_pos_names_tags_folded_text_but_returns_the_source_spelling(folded_tagger):
    """The words come back as the source writes them (Traditional), found on Simplified text."""
    found = pos_names("前總統李登輝訪問過東京與蘇聯。", folded_tagger)
    assert ("李登輝", "pos:nr") in found and ("東京", "pos:ns") in found
    assert all(word in "前總統李登輝訪問過東京與蘇聯。" for word, _ in found)


def test_pos_names_drops_short_mixed_and_glued_hmm_words():
    tagged = [
        pair("中", "ns"),
        pair("G7", "nz"),
        pair("於國", "ns"),
        pair("國際事務的", "nt"),
        pair("以色列", "ns"),
        pair("宋學文", "nr"),
        pair("會面", "n"),
        pair("吳淑珍", "nrfg"),
    ]
    tagger = SimpleNamespace(
        cut=lambda text: iter(tagged), tokenizer=SimpleNamespace(FREQ={"以色列": 2041, "於": 5})
    )
    # 以色列 starts with 以 but is a dictionary word; 於國 / 國際事務的 were made up by the HMM.
    text = "".join(word for word, _ in tagged)
    assert pos_names(text, tagger) == [("以色列", "pos:ns"), ("宋學文", "pos:nr"), ("吳淑珍", "pos:nr")]


# --- detector 2: wikilinks -------------------------------------------------------------------


def test_link_names_targets_and_labels_without_namespaces():
    wikitext = (
        "[[美國|美國]]、[[基本權_(憲法學)|基本權利]]，[[德國#歷史|德]]"
        "[[File:Flag.svg|thumb|[[中華民國]]國旗]][[Category:外交]][[:en:Value diplomacy]]"
        "<ref>[[自由時報]]</ref>[[Angela_Merkel]]"
    )
    assert list(link_names(mwparserfromhell.parse(wikitext))) == [
        "美國",
        "基本權",
        "基本權利",
        "德國",
        "中華民國",
        "自由時報",
        "Angela Merkel",
    ]


# --- detector 3: 中文（English） glosses -----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("美國和日本的五眼聯盟（Five Eyes）", [("五眼聯盟", "Five Eyes")]),
        ("加入北大西洋公約組織（NATO）[^3]", [("北大西洋公約組織", "NATO")]),
        ("會見裴洛西 (Nancy Pelosi)。", [("會見裴洛西", "Nancy Pelosi")]),  # 會見: not jieba's verb
        ("支持和平演變（Peaceful Evolution）", [("和平演變", "Peaceful Evolution")]),
        ("並與裴洛西 (Nancy Pelosi)會談", [("裴洛西", "Nancy Pelosi")]),
        ("特別是在世界衛生組織（WHO）", [("世界衛生組織", "WHO")]),
        ("日本的企業如信越化學工業和東京威力科創（TEL）", [("東京威力科創", "TEL")]),
        ("中華人民共和國（PRC）", [("中華人民共和國", "PRC")]),  # 和 inside 共和 is no cut
        ("建立「價值同盟」（Alliance of Values）", [("價值同盟", "Alliance of Values")]),
        ("網址（http://example.org）", []),
        ("價值（The values captured in the Universal Declaration are the same values）", []),
        ("的（EU）", []),
    ],
)
def test_gloss_pairs(tagger, text, expected):
    """The name is cut after particles and conjunctions (as tokens) and a leading verb."""
    assert gloss_pairs(text, tagger) == expected


def test_trim_name_caps_length_at_token_boundaries(tagger):
    run = "新自由主義學派所主張複合互賴理論國際建制"  # 20 characters, no cut word
    name = trim_name(run, tagger)
    assert 2 <= len(name) <= 12 and run.endswith(name)
    assert trim_name("美國與日本", tagger) == "日本"
    assert trim_name("的", tagger) == ""


# --- detector 4: quoted terms ------------------------------------------------------------------


def test_quoted_terms():
    text = "「價值外交」與『自由之家』及《外交事務》，「我們支持民主，反對威權」、「美」與「一個非常非常非常長的引號內容啊」"
    assert quoted_terms(text) == ["價值外交", "自由之家", "外交事務"]


# --- the known-name rule ---------------------------------------------------------------------

FORMS = ("日本", "日方", "日本台灣交流協會", "美國", "Value Diplomacy")


@pytest.mark.parametrize(
    "name, texts, known",
    [
        ("日本", [], True),  # a form itself
        ("value diplomacy", [], True),  # case does not matter
        ("日本與美國", [], True),  # only forms and a conjunction
        ("日本、美國", [], True),
        ("日本政府", [], False),  # a form plus other words
        ("交流協會", ["日本台灣交流協會成立"], True),  # only ever inside a form
        ("台灣", ["日本台灣交流協會與台灣"], False),  # also stands alone
        ("台灣", ["日本台灣交流協會"], True),
        ("德國", ["德國"], False),  # unrelated to every form
    ],
)
def test_is_known(name, texts, known):
    assert is_known(name, FORMS, texts) is known


def test_drop_fragments_keeps_parts_that_also_stand_alone():
    society = Candidate("國際社會", ("pos:nt",), (("a", 5),))
    part = Candidate("國際社", ("pos:nt",), (("a", 5),))
    ngo = Candidate("非政府組織", ("gloss",), (("a", 5),))
    non_gov = Candidate("非政府", ("pos:nt",), (("a", 6),))
    assert drop_fragments([society, part, ngo, non_gov]) == [society, ngo, non_gov]


# --- find_candidates on crafted documents ------------------------------------------------------


def _document(source_id: str, *texts: str, note: str = "") -> Document:
    blocks = tuple(Block(kind="paragraph", text=text) for text in texts)
    footnotes = (Footnote(label="1", text=note),) if note else ()
    return Document(
        spec=crafted_spec("mofa-review", source_id), sections=(Section("", 0, blocks),), footnotes=footnotes
    )


def test_find_candidates_counts_sorts_and_filters():
    documents = (
        _document(
            "a",
            "「五眼聯盟」（Five Eyes）與日本合作[^1]。",
            "五眼聯盟、日本政府與「價值同盟」。",
            note="日本政府報告",
        ),
        _document("b", "五眼聯盟與「日本」；「日本政府」。", "「價值同盟」"),
    )
    found = find_candidates(documents, ENTITIES, min_count=2)
    assert found == [
        Candidate("五眼聯盟", ("gloss", "quoted"), (("a", 2), ("b", 1)), "Five Eyes"),
        Candidate("日本政府", ("quoted",), (("a", 2), ("b", 1))),  # footnotes count too
        Candidate("價值同盟", ("quoted",), (("a", 1), ("b", 1))),
    ]  # 日本 is in the gazetteer; equal totals sort by name
    for candidate in found:
        for source_id, count in candidate.counts:
            document = next(d for d in documents if d.spec.id == source_id)
            assert document_text(document).count(candidate.name) == count
    assert find_candidates(documents, ENTITIES, min_count=3) == found[:2]
    assert find_candidates(documents, ENTITIES, min_count=1, limit=1) == found[:1]


def test_a_fragment_goes_with_the_longer_name_even_when_that_is_explained():
    """聯網 only ever stands inside 物聯網: listed neither beside it nor once 物聯網 is explained."""
    document = replace(_document("a", "「物聯網」與「物聯網」。"), links=("聯網",))
    assert [c.name for c in find_candidates((document,), ENTITIES, min_count=1)] == ["物聯網"]
    assert find_candidates((document,), ENTITIES, min_count=1, explained={"物聯網": "a reason"}) == []


def test_format_candidate():
    line = format_candidate(Candidate("五眼聯盟", ("gloss", "quoted"), (("a", 2), ("b", 1)), "Five Eyes"))
    assert line == "3\t五眼聯盟\tFive Eyes\ta=2 b=1\tgloss,quoted"
    assert format_candidate(Candidate("台海", ("pos:ns",), (("a", 2),))).split("\t")[2] == "-"


# --- the CLI on a crafted project --------------------------------------------------------------

REVIEW = (
    "一、 以價值外交團結民主夥伴\n\n（一） 深化與五眼聯盟合作\n\n"
    "1. 賴總統與五眼聯盟（Five Eyes）代表會談，並與日本及「歐洲議會」交流。\n\n"
    "2. 五眼聯盟支持台灣，「歐洲議會」亦然。\n"
).encode()
GAZETTEER = {
    "countries.yaml": "entities:\n  - {id: japan, name: 日本, english: Japan, aliases: [日方]}\n",
    "organisations.yaml": "entities: []\n",
    "people.yaml": (
        "entities:\n  - id: lai-ching-te\n    name: 賴清德\n    english: Lai Ching-te\n"
        "    aliases: []\n    scoped_aliases: {mofa-review: [賴總統]}\n"
    ),
    "concepts.yaml": "entities:\n  - {id: value-diplomacy, name: 價值外交, english: Value diplomacy, aliases: []}\n",
}


@pytest.fixture
def crafted_project(tmp_path):
    root = make_project(tmp_path, {"mofa-review": ("mofa-review", REVIEW)})
    (root / "sources" / "gazetteer").mkdir(exist_ok=True)  # make_project may create it
    for name, text in GAZETTEER.items():
        (root / "sources" / "gazetteer" / name).write_text(text, encoding="utf-8")
    return root


def test_cli_lists_candidates(capsys, crafted_project):
    assert main(["--root", str(crafted_project), "candidates", "--min-count", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split("\t")[1]: line.split("\t") for line in lines}
    assert rows["五眼聯盟"][:4] == ["3", "五眼聯盟", "Five Eyes", "mofa-review=3"]
    assert "gloss" in rows["五眼聯盟"][4].split(",")
    assert lines[0].startswith("3\t五眼聯盟\t")
    assert rows["歐洲議會"][:4] == ["2", "歐洲議會", "-", "mofa-review=2"]
    assert not {"日本", "賴總統", "價值外交"} & rows.keys()
    assert main(["--root", str(crafted_project), "candidates", "--limit", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == lines[:1]


def test_cli_reports_a_missing_gazetteer_in_one_line(capsys, crafted_project):
    (crafted_project / "sources" / "gazetteer" / "people.yaml").unlink()
    assert main(["--root", str(crafted_project), "candidates"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "people.yaml" in err[0] and "not found" in err[0]


# --- the real sources --------------------------------------------------------------------------

#: A name of the sources for each detector, each an entity of the real gazetteer:
#: name -> the evidence that must find it once the gazetteer lacks it.
REDISCOVER = {"安倍晉三": "pos:nr", "中央通訊社": "wikilink", "五眼聯盟": "gloss", "印太戰略": "quoted"}


@pytest.fixture(scope="module")
def real(real_kb):
    """Candidates (min_count 1) over the real knowledge base, with its gazetteer."""
    return find_candidates(real_kb.documents, real_kb.entities, min_count=1)


@pytest.fixture(scope="module")
def rediscovered(real_kb):
    """Candidates over the real documents with a gazetteer lacking every entity a form of which
    holds a name of :data:`REDISCOVER`: name -> candidate."""
    entities = [
        e
        for e in real_kb.entities
        if not any(name in form for name in REDISCOVER for form in e.surface_forms())
    ]
    assert len(entities) < len(real_kb.entities)
    return {c.name: c for c in find_candidates(real_kb.documents, entities, min_count=1)}


def test_real_candidates_are_new_and_counted(real, real_kb):
    forms = {form.casefold() for entity in real_kb.entities for form in entity.surface_forms()}
    texts = {document.spec.id: document_text(document) for document in real_kb.documents}
    assert len(real) > 100, "the real sources should yield candidates"
    for candidate in real:
        assert candidate.name.casefold() not in forms
        assert candidate.counts == tuple(
            (sid, text.count(candidate.name)) for sid, text in texts.items() if candidate.name in text
        )
    assert [(-c.total, c.name) for c in real] == sorted((-c.total, c.name) for c in real)


@pytest.mark.parametrize(("name", "evidence"), sorted(REDISCOVER.items()))
def test_each_detector_rediscovers_a_name_taken_out_of_the_gazetteer(rediscovered, name, evidence):
    assert name in rediscovered, f"{name} not proposed once the gazetteer lacks it"
    assert evidence in rediscovered[name].evidence


#: "Frequent" for the report's check: a name found this often in all sources together.
FREQUENT = 4


def test_real_report_has_no_frequent_unexplained_name(real, real_kb):
    """Every name found at least FREQUENT times is in the gazetteer or explained in
    not-entities.yaml with a reason; every explained name does occur in the sources."""
    explained = load_not_entities(ROOT / "sources" / "gazetteer", real_kb.entities)
    unexplained = [(c.total, c.name) for c in real if c.total >= FREQUENT and c.name not in explained]
    assert unexplained == []
    text = "".join(document_text(document) for document in real_kb.documents)
    assert [name for name in explained if name not in text] == []
