"""The gazetteer: ``sources/gazetteer/*.yaml`` parsed into entities.

One file per type (and, for actors, per kind): ``countries.yaml``, ``organisations.yaml``,
``people.yaml``, ``concepts.yaml``. Each is a YAML mapping ``{"entities": [entry, …]}``; an
entry has ``id``, ``name``, ``english`` (or null), ``aliases`` (list) and optional
``scoped_aliases`` (mapping source id -> list of aliases). Type and kind come from the file.
Curated data holds names, types and aliases only.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import GazetteerError
from ..model import ID, Entity
from ..yaml_file import read_yaml_list

#: file name -> (type, kind)
FILES = {
    "countries.yaml": ("country", None),
    "organisations.yaml": ("actor", "organisation"),
    "people.yaml": ("actor", "person"),
    "concepts.yaml": ("concept", None),
}
TYPES = ("country", "actor", "concept")
FIELDS = {"id", "name", "english", "aliases", "scoped_aliases"}


def load_gazetteer(folder: Path, source_ids: frozenset[str] = frozenset()) -> tuple[Entity, ...]:
    """Load every gazetteer file in ``folder``, sorted by type then id.

    Args:
        folder: ``sources/gazetteer``.
        source_ids: ids of the manifest's sources; a scoped alias must name one of them
            (not checked when empty).

    Raises:
        GazetteerError: a file is missing or not YAML, an entry lacks ``id``/``name`` or has an
            unknown field, an id is not ASCII or repeats, a scoped alias names an unknown source, or one surface form is given
            to two entities (in the same scope). The message names the file and entry.
    """
    entities: list[Entity] = []
    for file_name, (entity_type, kind) in FILES.items():
        path = folder / file_name
        raw = read_yaml_list(path, "entities", GazetteerError, "gazetteer file")
        entities.extend(_entity(path, (entity_type, kind), i, e, source_ids) for i, e in enumerate(raw, 1))
    _check_unique(folder, entities)
    return tuple(sorted(entities, key=lambda e: (TYPES.index(e.type), e.id)))


def _entity(
    path: Path, type_kind: tuple[str, str | None], index: int, entry: object, source_ids: frozenset[str]
) -> Entity:
    """Validate entry ``index`` of ``path`` and build its :class:`Entity`."""
    where = f"entry {index}"
    if not isinstance(entry, dict):
        raise GazetteerError(path, f"{where} is not a mapping")
    where = f"entry {index} ({entry.get('id')})"
    unknown = sorted(set(entry) - FIELDS)
    if unknown or not entry.get("id") or not entry.get("name"):
        problem = f"unknown field(s) {', '.join(unknown)}" if unknown else "lacks id or name"
        raise GazetteerError(path, f"{where}: {problem}")
    if not ID.match(str(entry["id"])):
        raise GazetteerError(path, f"{where}: id must be lower-case ASCII, digits, '-'")
    entity_type, kind = type_kind
    scoped = entry.get("scoped_aliases") or {}
    for scope in scoped:
        if source_ids and scope not in source_ids:
            raise GazetteerError(path, f"{where}: scoped alias for unknown source {scope!r}")
    return Entity(
        id=str(entry["id"]),
        type=entity_type,
        name=str(entry["name"]),
        english=entry.get("english"),
        kind=kind,
        aliases=tuple(str(a) for a in entry.get("aliases") or ()),
        scoped_aliases=tuple(
            (str(s), tuple(str(a) for a in aliases)) for s, aliases in sorted(scoped.items())
        ),
    )


def _check_unique(folder: Path, entities: list[Entity]) -> None:
    """Raise if an id repeats or a surface form belongs to two entities in one scope."""
    ids: set[str] = set()
    owners: dict[tuple[str | None, str], str] = {}
    for entity in entities:
        if entity.id in ids:
            raise GazetteerError(folder, f"entity id {entity.id!r} appears twice")
        ids.add(entity.id)
        scoped = [(scope, alias) for scope, aliases in entity.scoped_aliases for alias in aliases]
        for key in [(None, form) for form in (entity.name, *entity.aliases)] + scoped:
            if key in owners and owners[key] != entity.id:
                raise GazetteerError(
                    folder, f"surface form {key[1]!r} is given to both {owners[key]!r} and {entity.id!r}"
                )
            owners[key] = entity.id


NOT_ENTITIES = "not-entities.yaml"


def load_not_entities(folder: Path, entities: tuple[Entity, ...]) -> dict[str, str]:
    """Names deliberately kept out of the gazetteer, with their reasons (``not-entities.yaml``).

    Returns name -> reason (empty when the file is absent). The candidate report leaves these
    names out, so that what it still lists is unexplained.

    Raises:
        GazetteerError: the file is not a ``{"not_entities": [{name, reason}, …]}`` mapping, an
            entry lacks its name or reason, or a name is also a surface form of an entity.
    """
    path = folder / NOT_ENTITIES
    if not path.exists():
        return {}
    entries = read_yaml_list(path, "not_entities", GazetteerError, "not-entities file")
    forms = {form for entity in entities for form in entity.surface_forms()}
    explained: dict[str, str] = {}
    for index, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("reason"):
            raise GazetteerError(path, f"entry {index} needs a name and a reason")
        if str(entry["name"]) in forms:
            raise GazetteerError(path, f"entry {index} ({entry['name']}) is a surface form of an entity")
        explained[str(entry["name"])] = str(entry["reason"])
    return explained
