"""The sharded search index (search/postings.py, search/shards.py, index.js), run in V8 as
`vdiplo-site search` runs it: the files it is cut into, what a query fetches, results that do
not depend on how the index is cut or on what was fetched before, and clear errors."""

from __future__ import annotations

import hashlib
import itertools
import json
import random

import pytest

from conftest import ROOT
from test_search_engine import crafted_data
from vdiplo_site.cache import Cache
from vdiplo_site.cli import main
from vdiplo_site.search import postings, postings_cache
from vdiplo_site.search.postings import decode, encode, utf16_view
from vdiplo_site.search.runner import SearchFailed, SearchRunner, load_search_data
from vdiplo_site.search.shards import Sizes, build_index, key_shard, utf16_order

#: Files of a few dozen bytes: every query then spans several files of each kind.
TINY = Sizes(keys=60, latin=40, vocab=10, docs_per_file=2)

DOCS = [
    ("sources/a.md", "p-1-1", "臺灣與日本", "臺灣與日本的安全合作。臺灣海峽的和平。", "passage", []),
    ("sources/a.md", "p-1-2", "臺灣與日本", "第二軌道外交的功能：民間交流。", "passage", []),
    ("sources/a.md", "fn:1", "註 1", "台湾海峡危机（1996）。", "note", []),
    ("sources/b.md", "p-1-1", "Five Eyes", "the Five Eyes alliance and the EU; Europe, euro.", "passage", []),
    ("sources/b.md", "p-1-2", "Five Eyes", "five-eyes, eyes five, neutral Eurasia.", "passage", []),
    ("countries/taiwan.md", "", "臺灣", "國家與地區 · Taiwan · 台灣", "entity", ["臺灣", "Taiwan", "台灣"]),
    ("actors/five-eyes.md", "", "五眼聯盟", "行為者 · Five Eyes", "entity", ["五眼聯盟", "Five Eyes"]),
]
VOCAB = {"台湾", "日本", "安全合作", "合作", "海峡", "和平", "外交", "功能", "五眼联盟"}


def runner(sizes: Sizes = TINY, docs=DOCS, vocab=VOCAB, **options) -> SearchRunner:
    data = crafted_data(docs, vocab)
    return SearchRunner(data, build_index(data, lambda page: page, sizes), **options)


def test_numbers_round_trip_and_the_engine_decodes_them_alike():
    numbers = [0, 1, 31, 32, 1023, 1024, 4095, 4096, 32767, 10**6, 2**31]
    numbers += random.Random(3).sample(range(10**7), 50)
    text = encode(numbers)
    assert decode(text) == numbers
    js = runner()._v8.eval(f"JSON.stringify(VdiploSearch.decode({json.dumps(text)}))")
    assert json.loads(str(js)) == numbers
    with pytest.raises(ValueError, match="negative"):
        encode([3, -1])


def test_each_key_vocabulary_word_and_document_is_in_the_file_its_layout_names():
    data = crafted_data(DOCS, VOCAB)
    index = build_index(data, lambda page: page, TINY)
    layout, files = index.layout, {f.path: json.loads(f.text) for f in index.files}
    assert layout.key_shards > 3 and len(layout.latin_chunks) > 3 and layout.vocab_shards > 3
    keys = [(n, row[0]) for n in range(layout.key_shards) for row in files[f"keys/{n}.json"]]
    assert all(key_shard(key, layout.key_shards) == n for n, key in keys)
    assert {"台湾", "安全合作", "台", "=台湾", "=five eyes"} <= {key for _, key in keys}
    tokens = [row[0] for n in range(len(layout.latin_chunks)) for row in files[f"latin/{n}.json"]]
    assert tokens == sorted(tokens, key=utf16_order) and {"eu", "europe", "five-eyes"} <= set(tokens)
    starts = [files[f"latin/{n}.json"][0][0] for n in range(len(layout.latin_chunks))]
    assert starts == list(layout.latin_chunks)
    for word in ("台湾", "安全合作"):
        assert word in files[f"vocab/{ord(word[0]) % layout.vocab_shards}.json"]
    rows = [row for n in range(4) for row in files[f"docs/{n}.json"]]
    assert layout.docs_per_file == 2 and [len(files[f"docs/{n}.json"]) for n in range(4)] == [2, 2, 2, 1]
    assert [r[:3] for r in rows] == [list(d[:3]) for d in DOCS]


def test_a_posting_list_holds_every_position_of_its_key_in_every_field():
    data = crafted_data(DOCS, VOCAB)
    fold = postings.Folder(dict(zip(data["fold"][0::2], data["fold"][1::2], strict=True)))
    docs = [postings.fields(doc, fold) for doc in data["docs"]]
    found = postings.build_postings(docs, postings.KeyFinder(data["vocab"]))
    # per document: gap from the previous one, flags (1 text, 2 title, 8 names, 16 note), text
    # length, then per field: count, first position, gaps
    assert decode(found["台湾"]) == [
        *(1, 3, 19, 2, 0, 11, 1, 0),  # sources/a.md#p-1-1: text at 0 and 11, title at 0
        *(1, 2, 15, 1, 0),  # p-1-2: in its title only
        *(1, 17, 13, 1, 0),  # fn:1, a note: text at 0
        *(3, 11, 19, 1, 17, 1, 0, 2, 0, 10),  # the entity: text at 17, title at 0, names at 0 and 10
    ]
    assert decode(found["=台湾"]) == [6, 0, 19]  # the entity whose name it is
    assert decode(found["europe"]) == [4, 1, 48, 1, 35]  # a Latin token where a word starts


def test_postings_made_in_chunks_of_documents_are_those_made_at_once(monkeypatch):
    """A large corpus is indexed in chunks of pages (on every core): the chunks' postings,
    joined, are the postings of the whole."""
    data = crafted_data(DOCS * 5, VOCAB)
    monkeypatch.setattr(postings_cache, "CHUNK_MODULUS", 2**60)
    whole = build_index(data, lambda page: page, TINY)
    monkeypatch.setattr(postings_cache, "CHUNK_MODULUS", 1)
    assert len(postings_cache.chunk_runs([doc["page"] for doc in data["docs"]])) == 5 * 4
    assert build_index(data, lambda page: page, TINY) == whole


def test_chunks_end_at_pages_chosen_by_their_paths_alone():
    """A chunk ends after a page whose path digest is a multiple of 16: a page added or removed
    moves no other chunk's bounds."""
    pages = [f"sources/s{n}.md" for n in range(200) for _ in range(n % 3 + 1)]

    def ends(pages):
        runs = postings_cache.chunk_runs(pages)
        assert runs[0][0] == 0 and runs[-1][1] == len(pages)
        assert all(a[1] == b[0] and pages[a[1] - 1] != pages[b[0]] for a, b in itertools.pairwise(runs))
        return [pages[end - 1] for _, end in runs[:-1]]

    chosen = ends(pages)
    assert 6 <= len(chosen) <= 30
    assert all(int(hashlib.sha256(page.encode()).hexdigest()[:16], 16) % 16 == 0 for page in chosen)
    inner = next(page for page in pages if page not in chosen)
    assert ends([page for page in pages if page != inner]) == chosen
    assert ends([page for page in pages if page != chosen[2]]) == chosen[:2] + chosen[3:]


def test_postings_kept_between_builds_are_reused_only_where_nothing_they_depend_on_changed(
    tmp_path, monkeypatch
):
    """Each chunk's postings are cached by its documents' content; a chunk is indexed again only
    when a document of it changed. A vocabulary word added or removed is patched into (or out
    of) the cached postings of the chunks that hold it. The index always equals one made
    without the cache."""
    monkeypatch.setattr(postings_cache, "CHUNK_MODULUS", 1)  # a chunk per page
    indexed: list[tuple[int, int]] = []
    run_postings = postings._run_postings
    monkeypatch.setattr(postings, "_run_postings", lambda run: (indexed.append(run), run_postings(run))[1])
    docs = [(f"p{n}.md", *doc[1:]) for n, doc in enumerate(DOCS * 2)]

    def build(docs, vocab):
        indexed.clear()
        data = crafted_data(docs, vocab)
        cached = build_index(data, lambda page: page, TINY, Cache(tmp_path / "cache"))
        starts = sorted(start for start, _ in indexed)
        assert cached == build_index(data, lambda page: page, TINY)
        return starts

    assert build(docs, VOCAB) == list(range(14))
    assert build(docs, VOCAB) == []
    docs[8] = (*docs[8][:3], "第二軌道外交的功能：民間往來。", *docs[8][4:])
    assert build(docs, VOCAB) == [8]
    assert build(docs, VOCAB | {"海峡危机"}) == []  # a new key in the notes' chunks (2 and 9)
    assert build(docs, VOCAB - {"安全合作"}) == []  # 安全合作 dropped from 0 and 7, 海峡危机 from 2 and 9
    assert build(docs, VOCAB - {"安全合作"}) == []
    docs[9] = (*docs[9][:3], "台湾海峡危机，海峡危机。", *docs[9][4:])
    assert build(docs, VOCAB | {"海峡危机", "第二轨道"}) == [9]


QUERIES = [
    "臺灣",
    "台湾 日本",
    "安全合作台灣",
    "軌道外交功能",
    "five eyes",
    "eu",
    "Five-Eyes",
    "和平 海峽",
    "1996",
]


def test_results_do_not_depend_on_how_the_index_is_cut_or_what_was_fetched_before():
    """Ranking uses the whole corpus's statistics: tiny files, site-sized files and a fresh
    engine give the same results, scores included."""
    small, large = runner(TINY), runner(Sizes())
    for query in QUERIES:
        fresh = runner(TINY).raw(query)
        assert fresh["items"], query
        assert small.raw(query) == large.raw(query) == fresh, query


def test_a_term_spread_over_several_files_is_found_by_joining_its_pairs():
    """第二軌道 is no vocabulary word and no word starts inside it: it is one term, found by
    joining the positions of its pairs, which lie in different files."""
    engine = runner()
    layout = build_index(crafted_data(DOCS, VOCAB), lambda page: page, TINY).layout
    shards = {key_shard(pair, layout.key_shards) for pair in ("第二", "二轨", "轨道")}
    assert len(shards) >= 2
    assert engine.segment("第二軌道") == ["第二轨道"]
    assert [hit.location for hit in engine.search("第二軌道")] == ["sources/a.md#p-1-2"]
    assert {f"keys/{n}.json" for n in shards} <= set(engine.loaded())


def test_a_frequent_term_ranks_every_document_holding_it_by_tf_idf():
    docs = [
        ("sources/f.md", f"p-1-{k}", "t", "台灣" * (1 + k % 5) + "。其他文字" * 3, "passage", [])
        for k in range(45)
    ]
    docs.append(("sources/f.md", "p-2-1", "t", "日本", "passage", []))
    engine = runner(TINY, docs=docs, vocab={"台湾"})
    hits = engine.search("台灣", top=100)
    assert len(hits) == 45 and all("台灣" in hit.snippet for hit in hits)
    assert hits[0].location == "sources/f.md#p-1-4" and hits[0].score > hits[-1].score
    assert engine.raw("台灣") == runner(Sizes(), docs=docs, vocab={"台湾"}).raw("台灣")


@pytest.mark.parametrize(("query", "expected"), [("臺灣海峽", "台湾海峡"), ("台湾海峡", "臺灣海峽")])
def test_simplified_and_traditional_find_each_other_across_files(query, expected):
    engine = runner()
    found = {hit.location for hit in engine.search(query)}
    assert {"sources/a.md#p-1-1", "sources/a.md#fn:1"} <= found, found


def test_a_latin_term_matches_every_token_it_starts_across_files():
    engine = runner()
    hits = engine.search("eu")
    assert {h.location for h in hits} == {"sources/b.md#p-1-1", "sources/b.md#p-1-2"}
    marked = engine.raw("eu")["items"][0][0]["text"]
    assert "<mark>EU</mark>" in marked and "<mark>Eu</mark>rope" in marked and "n<mark>eu" not in marked
    assert len([p for p in engine.loaded() if p.startswith("latin/")]) >= 2


def test_a_phrase_with_a_space_is_settled_by_the_document_text():
    """Positions cannot tell "five eyes" from "five-eyes": the postings only bound the phrase
    bonus of the second document, which would then rank first (it holds each word twice); its
    text, fetched to settle it, puts the real phrase first."""
    docs = [
        ("a.md", "p-1-1", "t", "five-eyes; five-eyes", "passage", []),
        ("a.md", "p-1-2", "t", "five eyes", "passage", []),
    ]
    engine = runner(docs=docs, vocab=())
    assert [hit.location for hit in engine.search("five eyes")] == ["a.md#p-1-2", "a.md#p-1-1"]
    assert [hit.location for hit in engine.search("five-eyes")] == ["a.md#p-1-1"]


def test_a_query_fetches_only_the_files_it_needs(real):
    before = len(real.loaded())
    real.search("梅克爾")
    fetched = real.loaded()[before:]
    assert fetched and all(p.split("/")[0] in ("vocab", "keys", "alias", "docs") for p in fetched)
    # the alias files (a few, whatever the query) come on top of the query's own files
    own = [p for p in fetched if not p.startswith("alias/")]
    assert len(own) <= 15 and len(fetched) < len(real.paths) / 20, fetched


def test_a_missing_file_fails_the_query_with_its_name():
    engine = runner()
    engine.search("日本")
    needed = next(p for p in engine.loaded() if p.startswith("keys/"))
    broken = runner()
    broken._v8.eval(f"delete files[{json.dumps(needed)}]")
    with pytest.raises(SearchFailed, match=f"search/{needed} could not be loaded"):
        broken.search("日本")


def test_a_file_that_never_comes_fails_the_query_instead_of_hanging():
    engine = runner(timeout_s=0.5)
    engine._v8.eval(
        "for (var path in files) if (path.indexOf('keys/') === 0) files[path] = new Promise(function () {});"
    )
    with pytest.raises(SearchFailed, match="no answer within 0.5 s"):
        engine.search("日本")


def test_an_index_of_another_format_is_refused():
    engine = runner()
    with pytest.raises(Exception, match="rebuild the site"):
        engine._v8.eval("VdiploSearch.createEngine({version: 1, fold: ''}, load)")


def test_characters_outside_the_bmp_keep_positions_aligned():
    """Positions count UTF-16 code units, as JavaScript does: a phrase across an emoji still
    aligns, and a long text's snippet is cut around the real first match."""
    assert utf16_view("𠮷野家") == "\ufffd\ufffd野家"
    docs = [
        ("a.md", "p-1-1", "t", "𠮷日本🙂關係", "passage", []),
        ("a.md", "p-1-2", "t", "𠮷日本🙂🙂關係", "passage", []),
        ("a.md", "p-1-3", "t", "𠮷" * 100 + "日本" + "文" * 300, "passage", []),
    ]
    engine = runner(docs=docs, vocab={"日本", "关系"})
    scores = {hit.location: hit.score for hit in engine.search("日本🙂關係")}
    assert scores["a.md#p-1-1"] > scores["a.md#p-1-2"]
    item = next(i for g in engine.raw("日本")["items"] for i in g if i["location"].endswith("p-1-3"))
    assert item["text"] == "…" + "𠮷" * 20 + "<mark>日本</mark>" + "文" * 198 + "…"


@pytest.fixture(scope="module")
def real():
    return SearchRunner(load_search_data(ROOT / "kb"))


def test_cli_search_reports_a_failed_query_in_one_line(capsys, tmp_path, monkeypatch):
    data = crafted_data(DOCS, VOCAB)
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "search-data.json").write_text(json.dumps(data), encoding="utf-8")

    def failing(self, query, limit=60):
        raise SearchFailed(None, "search index file search/keys/1.json could not be loaded: no such file")

    monkeypatch.setattr(SearchRunner, "raw", failing)
    assert main(["--root", str(tmp_path), "search", "日本"]) == 1
    assert capsys.readouterr().err == (
        "vdiplo-site: search index file search/keys/1.json could not be loaded: no such file\n"
    )
