"""The gazetteer: the real one's coverage and faithfulness, and the loader's errors."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import ROOT
from vdiplo_site.entities.gazetteer import FILES, load_gazetteer, load_not_entities
from vdiplo_site.errors import GazetteerError
from vdiplo_site.model import document_text

FOLDER = ROOT / "sources" / "gazetteer"


@pytest.fixture(scope="module")
def real(real_kb):
    return real_kb.entities, {d.spec.id: document_text(d) for d in real_kb.documents}


def test_coverage_meets_the_targets(real):
    entities, _ = real
    counts = Counter(entity.type for entity in entities)
    assert counts["country"] >= 40 and counts["actor"] >= 60 and counts["concept"] >= 40, counts


def test_every_alias_occurs_in_the_sources(real):
    """Aliases are surface forms the sources use (the canonical and English names may not be)."""
    entities, texts = real
    corpus = "\n".join(texts.values())
    unused = [(e.id, a) for e in entities for a in e.aliases if a not in corpus and a != e.english]
    assert unused == []
    for entity in entities:
        for source_id, aliases in entity.scoped_aliases:
            assert all(alias in texts[source_id] for alias in aliases), (entity.id, source_id)


def test_query_aliases_are_for_search_only(real_kb):
    """Names readers type that the sources never write (布什, AIT): the search's alias map takes
    them to the names the texts use; they are never surface forms, so never mentions."""
    aliases = json.loads((ROOT / "kb" / "search-data.json").read_text(encoding="utf-8"))["aliases"]
    bush = real_kb.entity("george-w-bush")
    assert "布什" in bush.query_aliases and "布什" not in bush.surface_forms()
    assert aliases["布什"] == ["小布希"] and aliases["ait"] == ["美国在台协会"]
    queried = {alias for e in real_kb.entities for alias in e.query_aliases}
    assert queried and not [m for m in real_kb.mentions if m.surface in queried]


def write(folder, **files):
    for name in FILES:
        (folder / name).write_text(files.get(name.split(".")[0], "entities: []\n"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"countries": "entities: [{id: Japan, name: 日本}]"}, "entities[1].id: must be lower-case"),
        (
            {"countries": "entities: [{id: japan, name: 日本, colour: red}]"},
            "entities[1].colour: unknown field",
        ),
        ({"countries": "entities: [{id: japan}]"}, "entities[1].name: required field is missing"),
        (
            {
                "countries": "entities: [{id: japan, name: 日本, aliases: [日方]}]",
                "people": "entities: [{id: japan, name: 日本人}]",
            },
            "'japan' appears twice",
        ),
        (
            {
                "countries": "entities: [{id: japan, name: 日本}]",
                "organisations": "entities: [{id: jp-gov, name: 日本政府, aliases: [日本]}]",
            },
            "given to both",
        ),
        (
            {"people": "entities: [{id: lai, name: 賴清德, scoped_aliases: {nowhere: [賴總統]}}]"},
            "entities[1].scoped_aliases.nowhere: no source has the id 'nowhere'",
        ),
        ({"concepts": "entities: [{id: x, name: [unclosed"}, "malformed gazetteer file"),
    ],
)
def test_bad_gazetteer_files_are_refused(tmp_path, files, message):
    write(tmp_path, **files)
    with pytest.raises(GazetteerError) as error:
        load_gazetteer(tmp_path, frozenset({"somewhere"}))
    assert message in error.value.one_line()


def test_missing_gazetteer_file(tmp_path):
    write(tmp_path)
    (tmp_path / "people.yaml").unlink()
    with pytest.raises(GazetteerError, match="gazetteer file not found"):
        load_gazetteer(tmp_path)


def test_same_scoped_title_may_mean_different_people_in_different_sources(tmp_path):
    write(
        tmp_path,
        people="entities: [{id: wu, name: 吳釗燮, scoped_aliases: {a: [部長]}},"
        " {id: lin, name: 林佳龍, scoped_aliases: {b: [部長]}}]",
    )
    entities = load_gazetteer(tmp_path, frozenset({"a", "b"}))
    assert [e.surface_forms("a") for e in entities] == [("林佳龍",), ("吳釗燮", "部長")]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{name: 日方}", "not_entities[1].reason: required field is missing"),
        ("{name: 日方, reason: ''}", "not_entities[1].reason: must not be blank"),
        ("{reason: 只有理由}", "not_entities[1].name: required field is missing"),
        ("日方", "not_entities[1]: expected a mapping"),
    ],
)
def test_not_entity_without_name_or_reason_is_refused(tmp_path, entry, problem):
    write(tmp_path)
    (tmp_path / "not-entities.yaml").write_text(f"# kept out\nnot_entities: [{entry}]", encoding="utf-8")
    with pytest.raises(GazetteerError) as error:
        load_not_entities(tmp_path, ())
    assert error.value.one_line().startswith(f"{tmp_path / 'not-entities.yaml'}:2: {problem}")


def test_not_entity_that_is_an_entity_is_refused(tmp_path):
    write(tmp_path, countries="entities: [{id: japan, name: 日本}]")
    (tmp_path / "not-entities.yaml").write_text("not_entities: [{name: 日本, reason: x}]", encoding="utf-8")
    with pytest.raises(GazetteerError, match="surface form of an entity"):
        load_not_entities(tmp_path, load_gazetteer(tmp_path))


def test_short_alias_is_a_deliberate_field(tmp_path):
    write(tmp_path, countries="entities: [{id: usa, name: 美國, aliases: [美方], short_aliases: [美]}]")
    (entity,) = load_gazetteer(tmp_path)
    assert entity.aliases == ("美方", "美") and entity.surface_forms() == ("美國", "美方", "美")


def test_error_names_the_line_of_the_bad_alias(tmp_path):
    write(tmp_path, people="# people\nentities:\n- id: lai\n  name: 賴清德\n  aliases:\n  - 賴總統\n  - 賴\n")
    with pytest.raises(GazetteerError) as error:
        load_gazetteer(tmp_path)
    assert error.value.one_line().startswith(
        f"{tmp_path / 'people.yaml'}:7: entities[1].aliases[2]: must be at least 2 characters"
    )


def test_real_gazetteer_needs_no_short_alias(real):
    entities, _ = real
    assert all(len(form) >= 2 for entity in entities for form in entity.surface_forms())
