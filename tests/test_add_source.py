"""Bring your own source: ``vdiplo-site add`` and the plain formats it brings in (Markdown,
plain text), end to end in a crafted project: add -> build -> page, search and mentions."""

from __future__ import annotations

import pytest
import yaml

from conftest import FIXTURES, ROOT, crafted_spec, make_project
from vdiplo_site.add_source import guess_format, guess_language, source_id_for, with_entry
from vdiplo_site.cli import main
from vdiplo_site.errors import GazetteerError
from vdiplo_site.formats import FORMATS
from vdiplo_site.gazetteer_write import NewEntry, entry_text, parse_choice
from vdiplo_site.gazetteer_write import with_entry as with_gazetteer_entry
from vdiplo_site.manifest import load_manifest
from vdiplo_site.model import Document

BYO = FIXTURES / "byo"
MARKDOWN = BYO / "taiwan-japan-notes.md"
PLAIN = BYO / "eu-values-memo.txt"
BASE = "一、 測試標題\n\n（一） 小節\n\n1. 台美持續強化重要議題實質合作。\n".encode()


def convert(fmt: str, text: str) -> Document:
    source_format = FORMATS[fmt]
    return source_format.normalise(source_format.read(crafted_spec(fmt), text))


def outline(document: Document) -> list[tuple[int, str, list[tuple[str, int, str]]]]:
    return [(s.level, s.heading, [(b.kind, b.level, b.text) for b in s.blocks]) for s in document.sections]


# --- the format guess -------------------------------------------------------------------------


def test_the_format_is_guessed_from_the_content_with_how_sure():
    markdown = guess_format(MARKDOWN.read_text(encoding="utf-8"))
    plain = guess_format(PLAIN.read_text(encoding="utf-8"))
    wiki = guess_format((FIXTURES / "wikitext" / "lead-eu" / "input.txt").read_text(encoding="utf-8"))
    assert (markdown.format, plain.format, wiki.format) == ("markdown", "plain-text", "wikitext")
    assert markdown.confidence >= 0.8 and wiki.confidence >= 0.8
    assert plain.confidence == 0.9 and "outline" in plain.reason
    assert guess_format("只有一段文字，沒有標記。\n\n第二段。\n").confidence == 0.6


def test_language_and_id_guesses():
    assert guess_language(PLAIN.read_text(encoding="utf-8")) == "zh-Hant"
    assert (
        guess_language("欧洲联盟与台湾的价值连结备忘，欧洲议会多次通过决议，支持参与国际组织。") == "zh-Hans"
    )
    assert source_id_for("My Paper.v2.md", set(), b"x") == "my-paper"
    assert source_id_for("my-paper.md", {"my-paper"}, b"x") == "my-paper-2"
    assert source_id_for("價值外交.txt", set(), b"x").startswith("source-")
    assert source_id_for("index.md", set(), b"x") == "index-2"


def test_a_new_entry_is_indented_as_the_manifest_writes_its_entries():
    indented = "sources:\n  - id: a\n    file: a.txt\n"
    flush = "sources:\n- id: a\n  file: a.txt\n"
    entry = "- id: b\n  file: b.txt\n"
    assert with_entry(indented, entry).endswith("\n  - id: b\n    file: b.txt\n")
    assert with_entry(flush, entry).endswith("\n- id: b\n  file: b.txt\n")
    for text in (indented, flush):
        assert [s["id"] for s in yaml.safe_load(with_entry(text, entry))["sources"]] == ["a", "b"]


# --- plain text -------------------------------------------------------------------------------


def test_plain_text_headings_by_outline_numbering_and_paragraphs_by_blank_lines():
    text = (
        "標題行\n\n一、前言\n\n第一段第一行\n第一段第二行。\n\n（一）緣起\n內文。\n\n"
        "1. 加強合作\n2. 深化交流\n\n（二）發揮空間大：\n\n二、結論\n\n1. 本段是編號段落，不是標題。\n"
    )
    assert outline(convert("plain-text", text)) == [
        (0, "", [("paragraph", 0, "標題行")]),
        (1, "一、前言", [("paragraph", 0, "第一段第一行第一段第二行。")]),
        (
            2,
            "（一）緣起",
            [
                ("paragraph", 0, "內文。"),
                ("paragraph", 0, "1. 加強合作"),
                ("paragraph", 0, "2. 深化交流"),
                ("paragraph", 0, "（二）發揮空間大："),
            ],
        ),
        (1, "二、結論", [("paragraph", 0, "1. 本段是編號段落，不是標題。")]),
    ]


def test_plain_text_without_numbering_is_one_lead_of_paragraphs():
    assert outline(convert("plain-text", "甲段\n續行\n\n\n乙段\n")) == [
        (0, "", [("paragraph", 0, "甲段續行"), ("paragraph", 0, "乙段")])
    ]


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_sections_items_tables_and_footnotes():
    document = convert("markdown", MARKDOWN.read_text(encoding="utf-8"))
    sections = outline(document)
    assert [(level, heading) for level, heading, _ in sections] == [
        (1, "台日價值夥伴關係筆記"),
        (2, "一、合作背景"),
        (2, "二、觀察"),
    ]
    assert sections[0][2] == [
        (
            "paragraph",
            0,
            "本筆記整理台灣與日本在價值外交上的合作。兩國共享民主、自由與人權等普世價值，並在印太地區推動法治與和平[^1]。",
        )
    ]
    assert ("item", 1, "2011 年東日本大震災後，台灣民間捐款踴躍") in sections[1][2]
    assert ("table_head", 0, "領域\t合作項目") in sections[2][2]
    assert ("table_row", 0, "經濟\t供應鏈韌性") in sections[2][2]
    assert "書寫時以粗體標示重點。" in sections[2][2][-1][2]
    assert [(n.label, n.text) for n in document.footnotes] == [("1", "參見外交部 2024 年外交工作回顧。")]


def test_markdown_html_and_images_are_not_text():
    document = convert(
        "markdown", "段落<script>alert(1)</script>文字![圖說](x.png)[連結](https://x.example)。\n"
    )
    assert outline(document) == [(0, "", [("paragraph", 0, "段落alert(1)文字連結。")])]


# --- add, end to end --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A crafted project (one source, the real gazetteer, the real mkdocs.yml with its nav) to
    which the Markdown fixture is added (kb/ only) and then the plain-text one (kb/ and site/)."""
    root = tmp_path_factory.mktemp("byo") / "project"
    gazetteer = root / "sources" / "gazetteer"
    gazetteer.mkdir(parents=True)
    for path in (ROOT / "sources" / "gazetteer").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data.get("entities", []):
            entry.pop("scoped_aliases", None)  # they name the real sources, absent here
        (gazetteer / path.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    make_project(root, {"base": ("mofa-review", BASE)}, nav=True)
    outputs = [
        main(["--root", str(root), "add", str(MARKDOWN), "--kb-only"]),
        main(["--root", str(root), "add", str(PLAIN)]),
    ]
    return root, outputs


def test_add_copies_records_and_builds(added):
    root, outputs = added
    assert outputs == [0, 0]
    specs = {spec.id: spec for spec in load_manifest(root / "sources" / "sources.yaml")}
    assert list(specs) == ["base", "taiwan-japan-notes", "eu-values-memo"]
    notes, memo = specs["taiwan-japan-notes"], specs["eu-values-memo"]
    assert (notes.format, memo.format) == ("markdown", "plain-text")
    assert (root / "sources" / "taiwan-japan-notes.md").read_bytes() == MARKDOWN.read_bytes()
    for spec in (notes, memo):
        assert (spec.title, spec.year, spec.kind, spec.licence, spec.publisher) == (None,) * 5
        assert spec.language == "zh-Hant"
        assert "guessed from the content" in spec.notes[0]
    assert "nav" in yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))


def test_added_sources_have_pages_in_kb_and_site_and_the_navigation(added):
    root, _ = added
    page = (root / "kb" / "sources" / "eu-values-memo.md").read_text(encoding="utf-8")
    assert "### （一）議會往來 {#s-2}" in page
    html = (root / "site" / "sources" / "taiwan-japan-notes" / "index.html").read_text(encoding="utf-8")
    assert "人道援助：災後重建互助" in html
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="sources/eu-values-memo/"' in home and 'href="sources/taiwan-japan-notes/"' in home
    assert "本知識庫收錄三篇" in (root / "kb" / "index.md").read_text(encoding="utf-8")


def test_added_sources_are_searched(added, capsys):
    root, _ = added
    capsys.readouterr()
    assert main(["--root", str(root), "search", "半導體供應鏈"]) == 0
    assert main(["--root", str(root), "search", "歐洲議會友台決議"]) == 0
    results = capsys.readouterr().out
    assert "kb/sources/taiwan-japan-notes.md#" in results
    assert "kb/sources/eu-values-memo.md#" in results


def test_added_sources_mention_entities(added):
    root, _ = added
    japan = (root / "kb" / "countries" / "japan.md").read_text(encoding="utf-8")
    lithuania = (root / "kb" / "countries" / "lithuania.md").read_text(encoding="utf-8")
    assert "../sources/taiwan-japan-notes.md#p-" in japan
    assert "../sources/eu-values-memo.md#p-" in lithuania


def test_a_failed_add_leaves_the_project_as_it_was(tmp_path, capsys):
    root = make_project(tmp_path / "project", {"base": ("mofa-review", BASE)})
    manifest = (root / "sources" / "sources.yaml").read_bytes()
    bad = tmp_path / "notes.txt"
    bad.write_text("沒有任何編號標題的文字。\n", encoding="utf-8")
    assert main(["--root", str(root), "add", str(bad), "--format", "mofa-review", "--kb-only"]) == 1
    assert "notes.txt" in capsys.readouterr().err
    assert (root / "sources" / "sources.yaml").read_bytes() == manifest
    assert not (root / "sources" / "notes.txt").exists()
    assert main(["--root", str(root), "add", str(bad), "--format", "docx"]) == 1
    assert "unknown format 'docx'" in capsys.readouterr().err
    wiki = tmp_path / "article.wiki"
    wiki.write_text("'''甲乙'''是{{Mystery|丙丁}}。\n", encoding="utf-8")
    assert main(["--root", str(root), "add", str(wiki), "--format", "wikitext", "--strict", "--kb-only"]) == 1
    assert "article.wiki:1: unsupported template {{Mystery}}" in capsys.readouterr().err
    assert (root / "sources" / "sources.yaml").read_bytes() == manifest


def test_candidates_of_a_new_source_and_writing_the_chosen_ones(added, capsys):
    """Runs last on the shared project: it adds an entry to its gazetteer."""
    root, _ = added
    capsys.readouterr()
    argv = ["--root", str(root), "candidates", "--source", "taiwan-japan-notes", "--min-count", "1"]
    assert main([*argv, "--add", "印太經濟架構=concept"]) == 0
    out = capsys.readouterr().out
    lines = [line.split("\t") for line in out.splitlines() if "\t" in line]
    assert lines == sorted(lines, key=lambda fields: -int(fields[0]))  # ranked by count
    (found,) = [fields for fields in lines if fields[1] == "印太經濟架構"]
    assert found[2:4] == ["Indo-Pacific Economic Framework", "taiwan-japan-notes=2"]
    assert "to sources/gazetteer/concepts.yaml as 'indo-pacific-economic-framework'" in out
    concepts = (root / "sources" / "gazetteer" / "concepts.yaml").read_text(encoding="utf-8")
    assert (
        "- id: indo-pacific-economic-framework\n  name: 印太經濟架構\n  english: Indo-Pacific Economic Framework\n"
        in concepts
    )
    assert main([*argv, "--add", "印太經濟架構=concept"]) == 1  # now a known name: its form is taken
    assert "印太經濟架構" in capsys.readouterr().err


def test_a_new_entry_goes_in_id_order_in_the_files_layout():
    text = "# comment\nentities:\n- id: alpha\n  name: 甲\n- id: gamma\n  name: 丙\n"
    new_id, entry = entry_text(NewEntry("北约", "organisation", "North Atlantic Treaty Organization"))
    assert new_id == "north-atlantic-treaty-organization"
    assert (
        entry
        == "- id: north-atlantic-treaty-organization\n  name: 北約\n  english: North Atlantic Treaty Organization\n  aliases:\n  - 北约\n"
    )
    assert with_gazetteer_entry(text, "beta", "- id: beta\n").splitlines()[2:5] == [
        "- id: alpha",
        "  name: 甲",
        "- id: beta",
    ]
    with pytest.raises(GazetteerError, match="type must be one of"):
        parse_choice("甲=planet", {})
    with pytest.raises(GazetteerError, match="write it as 甲=country=English"):
        parse_choice("甲=country", {"甲": None})
    assert parse_choice("甲=Country", {"甲": "Alpha"}) == NewEntry("甲", "country", "Alpha")
