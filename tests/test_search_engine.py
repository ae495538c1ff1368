"""The search engine (engine.js, run in V8 as `vdiplo-site search` runs it): folding,
segmentation, fallback, ranking and safe snippets, on crafted data and on the real kb/.
The sharded index itself (files, retrieval, errors) is tested in test_search_index.py."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from vdiplo_site.cli import main
from vdiplo_site.search.folding import fold, fold_map
from vdiplo_site.search.runner import SearchRunner, load_search_data, visible
from vdiplo_site.search.shards import Sizes, build_index


def crafted_data(docs, vocab=(), texts_for_fold=()):
    """Search data over crafted docs (each a (page, anchor, title, text, kind, names) tuple)."""
    rows = [dict(zip(("page", "anchor", "title", "text", "kind", "names"), d, strict=True)) for d in docs]
    pairs = fold_map([*texts_for_fold, *(r["text"] + r["title"] for r in rows)])
    return {
        "version": 1,
        "fold": "".join(t + s for t, s in pairs.items()),
        "vocab": sorted(vocab),
        "docs": rows,
    }


def crafted(docs, vocab=(), texts_for_fold=(), sizes=None):
    """A runner over crafted docs (each a (page, anchor, title, text, kind, names) tuple), its
    index cut into files of ``sizes`` (default: the site's)."""
    data = crafted_data(docs, vocab, texts_for_fold)
    return SearchRunner(data, build_index(data, lambda page: page, sizes or Sizes()))


@pytest.fixture(scope="module")
def real():
    return SearchRunner(load_search_data(ROOT / "kb"))


def test_python_and_javascript_fold_alike():
    pairs = fold_map(["臺灣梅克爾晉見ＷＨＯ"])
    runner = crafted([("a.md", "", "t", "臺灣梅克爾晉見ＷＨＯ", "source", [])])
    for text in ("臺灣梅克爾晉見ＷＨＯ", "台湾 Merkel", "晋見"):
        assert runner._v8.eval(f"engine.fold({text!r})") == fold(text, pairs)
    assert fold("臺灣Ｍｅｒｋｅｌ", pairs) == "台湾merkel"


def test_segmentation_uses_the_vocabulary_and_keeps_unknown_runs_together():
    runner = crafted(
        [("a.md", "p-1-1", "t", "價值共同體下的台日關係", "passage", [])],
        vocab={"价值共同体", "台日", "关系"},
    )
    assert runner.segment("價值共同體台日關係") == ["价值共同体", "台日", "关系"]
    # 愛 folds only when the indexed text needs it (here it does not occur).
    assert runner.segment("珍愛民主 Five Eyes 3.45") == ["珍愛民主", "five", "eyes", "3.45"]


def test_unknown_term_falls_back_to_bigrams():
    runner = crafted(
        [
            ("a.md", "p-1-1", "t", "第二軌道外交的功能", "passage", []),
            ("a.md", "p-1-2", "t", "國際關係", "passage", []),
        ]
    )
    hits = runner.search("軌道外交功能")
    assert hits[0].location == "a.md#p-1-1"


def test_all_terms_rank_before_some_and_word_order_does_not_matter():
    runner = crafted(
        [
            ("a.md", "p-1-1", "t", "台日安全對話", "passage", []),
            ("a.md", "p-1-2", "t", "台日經濟合作與安全合作", "passage", []),
            ("b.md", "p-1-1", "t", "經濟合作", "passage", []),
        ],
        vocab={"台日", "安全", "合作"},
    )
    assert [h.location for h in runner.search("台日安全合作")][:1] == ["a.md#p-1-2"]
    assert [h.location for h in runner.search("合作 安全 台日")][:1] == ["a.md#p-1-2"]


def test_entity_page_ranks_first_for_its_names_in_either_script_or_english():
    runner = crafted(
        [
            ("sources/s.md", "p-1-1", "德國", "梅克爾會見達賴。梅克爾再訪。", "passage", []),
            (
                "actors/merkel.md",
                "",
                "安格拉·梅克爾",
                "Angela Merkel · 梅克爾",
                "entity",
                ["安格拉·梅克爾", "Angela Merkel", "梅克爾"],
            ),
        ]
    )
    for query in ("梅克爾", "梅克尔", "Merkel", "angela merkel"):
        assert runner.search(query)[0].location == "actors/merkel.md", query


def test_latin_terms_match_at_word_starts_only():
    runner = crafted(
        [
            ("a.md", "p-1-1", "t", "the EU and Europe", "passage", []),
            ("a.md", "p-1-2", "t", "neutral", "passage", []),
        ]
    )
    assert {h.location for h in runner.search("eu")} == {"a.md#p-1-1"}


def test_snippets_escape_source_text_and_mark_matches():
    runner = crafted([("a.md", "p-1-1", "<b>t</b>", "<script>alert(1)</script> 日本 & 台灣", "passage", [])])
    item = runner.raw("日本")["items"][0][0]
    assert "<script" not in item["text"] and "&lt;script&gt;" in item["text"]
    assert "<mark>日本</mark>" in item["text"] and "&amp;" in item["text"]
    assert item["title"] == "&lt;b&gt;t&lt;/b&gt;"


def test_group_leader_lands_on_its_passage_without_a_fragment():
    """Material shows a result whose location has no '#' as the result proper: the best
    passage of each page is given as ?p=<id>, the page's other passages as #<id>."""
    runner = crafted(
        [("a.md", "p-1-1", "t", "日本與日本", "passage", []), ("a.md", "p-1-2", "t", "日本", "passage", [])]
    )
    group = runner.raw("日本")["items"][0]
    assert [item["location"] for item in group] == ["a.md?p=p-1-1", "a.md#p-1-2"]


@pytest.mark.parametrize(
    ("query", "where", "must"),
    [
        ("价值外交", "concepts/value-diplomacy.md", "價值外交"),
        ("梅克尔", "actors/angela-merkel.md", "梅克爾"),
        ("Five Eyes", "actors/five-eyes.md", "五眼聯盟"),
        ("北約", "actors/nato.md", "北大西洋公約組織"),
        ("吳淑珍 珍愛民主", "sources/second-track-diplomacy-global-governance.md#p-", "珍愛民主"),
        ("3.45 億美元", "sources/mofa-2023-review.md#p-", "3.45 億美元"),
    ],
)
def test_real_queries_land_where_expected(real, query, where, must):
    first = real.search(query, 1)[0]
    assert first.location.startswith(where), first
    assert must in first.title + first.snippet


def test_cli_search_prints_the_engine_results(capsys):
    assert main(["--root", str(ROOT), "search", "梅克尔", "--top", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(" 1. 行為者 Actors › 安格拉·梅克爾 — kb/actors/angela-merkel.md")
    assert out[2].startswith(" 2. ") and "#p-" in out[2]


def test_cli_search_without_built_kb_says_so(capsys, tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "search", "日本"]) == 1
    err = capsys.readouterr().err
    assert "search-data.json" in err and "run 'vdiplo-site build' first" in err


def test_cli_search_outside_a_project_says_no_project_was_found(capsys, tmp_path):
    assert main(["--root", str(tmp_path), "search", "日本"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "no vdiplo-site project found" in err[0] and "build" not in err[0]


@pytest.mark.parametrize("query", ["zzzz", "   "])
def test_cli_search_without_results_says_so_and_exits_1(capsys, query):
    assert main(["--root", str(ROOT), "search", query]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("no results")


def material_highlight(item):
    """The ``?h=`` Material's result list puts on a result's link: its found terms' keys, joined
    by spaces (what the landing page then highlights)."""
    return " ".join(key for key, found in item["terms"].items() if found).strip()


@pytest.mark.parametrize(
    ("query", "tidy", "highlight"),
    [
        ("  NATO", "NATO", "NATO"),
        ("NATO   ", "NATO", "NATO"),
        ("\tNATO\n", "NATO", "NATO"),
        ("   梅克爾", "梅克爾", "梅克爾"),
        ("\u3000梅克爾 ", "梅克爾", "梅克爾"),
        ("  梅克爾   NATO  ", "梅克爾 NATO", "梅克爾 NATO"),
        ("  soft   power ", "soft power", "soft power"),  # one glossary phrase (issue 10)
    ],
)
def test_extra_whitespace_changes_nothing_and_pages_highlight_the_real_terms(real, query, tidy, highlight):
    result = real.raw(query)
    assert result["items"] and result == real.raw(tidy)
    assert {material_highlight(item) for group in result["items"] for item in group} == {highlight}


def test_hits_are_plain_text_decoded_once():
    runner = crafted([("a.md", "p-1-1", "<b>O'Neil</b> &lt;", '日本 & "台灣" <i>', "passage", [])])
    hit = runner.search("日本")[0]
    assert (hit.title, hit.snippet) == ("<b>O'Neil</b> &lt;", '日本 & "台灣" <i>')


def test_runner_refuses_fewer_than_one_result():
    with pytest.raises(ValueError, match="top"):
        crafted([("a.md", "p-1-1", "t", "日本", "passage", [])]).search("日本", 0)


def test_visible_escapes_every_control_character_and_nothing_else():
    for code in [*range(0x20), *range(0x7F, 0xA0), 0xD800, 0xDFFF]:
        shown = visible(f"a{chr(code)}b")
        assert shown == "a" + ascii(chr(code))[1:-1] + "b" and shown.isprintable(), hex(code)
    kept = " ~\xa0¶日本…「」\u3000\\x1b"
    assert visible(kept) == kept
    assert visible("\x1b[31m") == "\\x1b[31m"


@pytest.mark.parametrize("top", ["0", "-5", "1.5", "ten", "５", "1e3"])
def test_cli_search_rejects_a_top_that_is_not_a_positive_whole_number(capsys, top):
    with pytest.raises(SystemExit) as stop:
        main(["--root", str(ROOT), "search", "日本", "--top", top])
    assert stop.value.code == 2
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if "error:" in line]
    assert len(errors) == 1 and "--top" in errors[0] and repr(top) in errors[0], captured.err
    assert captured.out == ""


def test_cli_search_prints_plain_text_and_no_control_character(capsys, tmp_path):
    title = "<b>O'Neil</b> \x1b[31mred\x1b[0m &lt;"
    text = "日本 & 台灣 \x1b]0;owned\x07 \x9b2J\x7f\x00 tab\there\nline\r\x85"
    data = crafted_data([("a.md", "p-1-1", title, text, "passage", [])])
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "search-data.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["--root", str(tmp_path), "search", "日本"]) == 0
    out = capsys.readouterr().out
    assert out == (
        " 1. <b>O'Neil</b> \\x1b[31mred\\x1b[0m &lt; — kb/a.md#p-1-1\n"
        "    日本 & 台灣 \\x1b]0;owned\\x07 \\x9b2J\\x7f\\x00 tab\\there\\nline\\r\\x85\n"
    )
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out)
