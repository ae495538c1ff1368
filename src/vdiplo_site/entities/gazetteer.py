"""The gazetteer: ``sources/gazetteer/*.yaml`` parsed into entities.

One file per type (and, for actors, per kind): ``countries.yaml``, ``organisations.yaml``,
``people.yaml``, ``concepts.yaml``, ``values.yaml``. Each is a YAML mapping ``{"entities": [entry, …]}``
validated against :class:`GazetteerFile`; type and kind come from the file. Curated data holds
names, types and aliases only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from ..errors import GazetteerError
from ..model import Entity
from ..schema import Alias, CuratedModel, Id, Name, Prose, ShortAlias, refuse, validate
from ..yaml_file import CuratedYaml, Loc, read_curated_yaml

#: file name -> (type, kind)
FILES = {
    "countries.yaml": ("country", None),
    "organisations.yaml": ("actor", "organisation"),
    "people.yaml": ("actor", "person"),
    "concepts.yaml": ("concept", None),
    "values.yaml": ("value", None),
}
TYPES = ("country", "actor", "concept", "value")


class EntityEntry(CuratedModel):
    """One gazetteer entry, as written.

    ``aliases`` are surface forms of two characters or more; ``short_aliases`` the deliberate
    one-character forms (each one matches wherever that character stands, so each is a
    decision); ``scoped_aliases`` maps a source id to forms that stand for the entity in that
    source only; ``not_within`` lists longer words holding one of its forms in which that form
    does not stand for it (自由 in 自由時報), each holding a form; ``query_aliases`` are names
    readers type that the sources never write (mainland forms no conversion table has: 布什 for
    布希; abbreviations: AIT), for search only, never matched in the texts.
    """

    id: Id
    name: Alias
    english: Name | None = None
    aliases: list[Alias] = Field(default_factory=list)
    short_aliases: list[ShortAlias] = Field(default_factory=list)
    scoped_aliases: dict[Id, list[Alias]] = Field(default_factory=dict)
    not_within: list[Alias] = Field(default_factory=list)
    query_aliases: list[Alias] = Field(default_factory=list)


class GazetteerFile(CuratedModel):
    """One gazetteer file: ``{"entities": [entry, …]}`` (the list may be empty)."""

    entities: list[EntityEntry]


@dataclass(frozen=True)
class _Placed:
    """An entity with where its entry stands, for errors found across entries and files."""

    entity: Entity
    entry: EntityEntry
    doc: CuratedYaml
    index: int


def load_gazetteer(folder: Path, source_ids: frozenset[str] = frozenset()) -> tuple[Entity, ...]:
    """Load every gazetteer file in ``folder``, sorted by type then id.

    Args:
        folder: ``sources/gazetteer``.
        source_ids: ids of the manifest's sources; a scoped alias must name one of them
            (not checked when empty).

    Raises:
        GazetteerError: one line ``<file>:<line>: <field>: <problem>`` (entries counted from
            1): a file is missing or not YAML, holds an anchor or alias, an entry lacks
            ``id``/``name``, has an unknown field or one of the wrong type (a string where a
            list belongs), a name or alias is blank, padded, holds markup characters or is
            shorter than two characters outside ``short_aliases``, an id is not ASCII, is
            reserved (``index``) or repeats, a ``not_within`` word holds none of its forms, a scoped alias names an unknown source, or one
            surface form is given to two entities (in the same scope).
    """
    placed: list[_Placed] = []
    for file_name, type_kind in FILES.items():
        doc = read_curated_yaml(folder / file_name, GazetteerError, "gazetteer file")
        entries = validate(GazetteerFile, doc, GazetteerError).entities
        for index, entry in enumerate(entries):
            for scope in entry.scoped_aliases:
                if source_ids and scope not in source_ids:
                    loc = ("entities", index, "scoped_aliases", scope)
                    raise refuse(doc, loc, f"no source has the id {scope!r}", GazetteerError)
            _check_not_within(entry, doc, index)
            placed.append(_Placed(_entity(entry, type_kind), entry, doc, index))
    _check_unique(placed)
    return tuple(sorted((p.entity for p in placed), key=lambda e: (TYPES.index(e.type), e.id)))


def _entity(entry: EntityEntry, type_kind: tuple[str, str | None]) -> Entity:
    """The :class:`Entity` of a validated entry of a file of ``(type, kind)``."""
    entity_type, kind = type_kind
    return Entity(
        id=entry.id,
        type=entity_type,
        name=entry.name,
        english=entry.english,
        kind=kind,
        aliases=(*entry.aliases, *entry.short_aliases),
        scoped_aliases=tuple((scope, tuple(forms)) for scope, forms in sorted(entry.scoped_aliases.items())),
        not_within=tuple(entry.not_within),
        query_aliases=tuple(entry.query_aliases),
    )


def _check_not_within(entry: EntityEntry, doc: CuratedYaml, index: int) -> None:
    """Raise if a ``not_within`` word holds none of the entry's forms, or is one of them."""
    forms = [form for _, form, _ in _forms(entry)]
    for i, word in enumerate(entry.not_within):
        if word in forms or not any(form in word for form in forms):
            loc = ("entities", index, "not_within", i)
            message = f"{word!r} must be a longer word holding one of the entity's forms"
            raise refuse(doc, loc, message, GazetteerError)


def _forms(entry: EntityEntry) -> list[tuple[str | None, str, Loc]]:
    """``(scope, form, field)`` of each surface form of ``entry`` (scope ``None``: everywhere)."""
    forms: list[tuple[str | None, str, Loc]] = [(None, entry.name, ("name",))]
    for field in ("aliases", "short_aliases"):
        forms += [(None, alias, (field, i)) for i, alias in enumerate(getattr(entry, field))]
    for scope, scoped in entry.scoped_aliases.items():
        forms += [(scope, alias, ("scoped_aliases", scope, i)) for i, alias in enumerate(scoped)]
    return forms


def _check_unique(placed: list[_Placed]) -> None:
    """Raise if an id repeats or a surface form belongs to two entities in one scope."""
    ids: dict[str, _Placed] = {}
    owners: dict[tuple[str | None, str], str] = {}
    for item in placed:
        entity_id, here = item.entity.id, ("entities", item.index)
        if entity_id in ids:
            first = ids[entity_id]
            where = f"{first.doc.path.name}:{first.doc.line(('entities', first.index, 'id'))}"
            raise refuse(
                item.doc,
                (*here, "id"),
                f"entity id {entity_id!r} appears twice (also {where})",
                GazetteerError,
            )
        ids[entity_id] = item
        for scope, form, field in _forms(item.entry):
            key = (scope, form)
            if key in owners and owners[key] != entity_id:
                message = f"surface form {form!r} is given to both {owners[key]!r} and {entity_id!r}"
                raise refuse(item.doc, (*here, *field), message, GazetteerError)
            owners[key] = entity_id


NOT_ENTITIES = "not-entities.yaml"


class NotEntity(CuratedModel):
    """A name the candidate report finds that is deliberately not an entity, and why."""

    name: Name
    reason: Prose


class NotEntitiesFile(CuratedModel):
    """``not-entities.yaml``: ``{"not_entities": [{name, reason}, …]}``."""

    not_entities: list[NotEntity]


def load_not_entities(folder: Path, entities: tuple[Entity, ...]) -> dict[str, str]:
    """Names deliberately kept out of the gazetteer, with their reasons (``not-entities.yaml``).

    Returns name -> reason (empty when the file is absent). The candidate report leaves these
    names out, so that what it still lists is unexplained.

    Raises:
        GazetteerError: one line ``not-entities.yaml:<line>: <field>: <problem>``: the file is
            not a :class:`NotEntitiesFile`, an entry lacks its name or reason, or a name is also
            a surface form of an entity.
    """
    path = folder / NOT_ENTITIES
    if not path.exists():
        return {}
    doc = read_curated_yaml(path, GazetteerError, "not-entities file")
    entries = validate(NotEntitiesFile, doc, GazetteerError).not_entities
    forms = {form for entity in entities for form in entity.surface_forms()}
    explained: dict[str, str] = {}
    for index, entry in enumerate(entries):
        if entry.name in forms:
            loc = ("not_entities", index, "name")
            raise refuse(doc, loc, f"{entry.name!r} is a surface form of an entity", GazetteerError)
        explained[entry.name] = entry.reason
    return explained
