"""The gazetteer: the real one's coverage and faithfulness, and the loader's errors."""

from __future__ import annotations

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


def write(folder, **files):
    for name in FILES:
        (folder / name).write_text(files.get(name.split(".")[0], "entities: []\n"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"countries": "entities: [{id: Japan, name: 日本}]"}, "id must be lower-case"),
        ({"countries": "entities: [{id: japan, name: 日本, colour: red}]"}, "unknown field(s) colour"),
        ({"countries": "entities: [{id: japan}]"}, "lacks id or name"),
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
            "unknown source",
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


@pytest.mark.parametrize("entry", ["{name: 日方}", "{name: 日方, reason: ''}", "{reason: 只有理由}", "日方"])
def test_not_entity_without_name_or_reason_is_refused(tmp_path, entry):
    write(tmp_path)
    (tmp_path / "not-entities.yaml").write_text(f"not_entities: [{entry}]", encoding="utf-8")
    with pytest.raises(GazetteerError, match="entry 1 needs a name and a reason"):
        load_not_entities(tmp_path, ())


def test_not_entity_that_is_an_entity_is_refused(tmp_path):
    write(tmp_path, countries="entities: [{id: japan, name: 日本}]")
    (tmp_path / "not-entities.yaml").write_text("not_entities: [{name: 日本, reason: x}]", encoding="utf-8")
    with pytest.raises(GazetteerError, match="surface form of an entity"):
        load_not_entities(tmp_path, load_gazetteer(tmp_path))
