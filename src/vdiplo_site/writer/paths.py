"""Where pages live in kb/, and the one function that makes links between them."""

from __future__ import annotations

from ..model import Entity

TYPE_DIRS = {"country": "countries", "actor": "actors", "concept": "concepts", "value": "values"}
TYPE_NAMES = {
    "country": "國家與地區 Countries",
    "actor": "行為者 Actors",
    "concept": "概念 Concepts",
    "value": "價值 Values",
}
ACTOR_KIND_NAMES = {"person": "人物 person", "organisation": "組織 organisation"}
HOME = "index.md"
SOURCES_INDEX = "sources/index.md"
#: The whole-corpus views (kb/views/): the two MOFA reviews compared, one timeline, the network, the map.
REVIEW_COMPARISON = "views/mofa-reviews.md"
TIMELINE = "views/timeline.md"
NETWORK = "views/network.md"
NETWORK_DATA = "views/network.json"
MAP = "views/map.md"


def entity_path(entity: Entity) -> str:
    """``countries/japan.md``-style path of an entity's page, relative to kb/."""
    return f"{TYPE_DIRS[entity.type]}/{entity.id}.md"


def entity_subpage_path(entity: Entity, kind: str, key: str, part: int = 1) -> str:
    """Path of a page a large entity's list continues on, relative to kb/:
    ``countries/taiwan/mentions/<source id>.md`` or ``countries/taiwan/timeline/<year>.md``;
    part 2 and later of one key: ``….<part>.md`` (ids and years hold no dot)."""
    suffix = f".{part}" if part > 1 else ""
    return f"{TYPE_DIRS[entity.type]}/{entity.id}/{kind}/{key}{suffix}.md"


def entity_index_path(entity_type: str) -> str:
    """``countries/index.md``-style path of the index page of one entity type."""
    return f"{TYPE_DIRS[entity_type]}/index.md"


def source_path(source_id: str) -> str:
    """``sources/<id>.md``: path of a source's page, relative to kb/."""
    return f"sources/{source_id}.md"


def href(from_path: str, to_path: str, anchor: str = "") -> str:
    """The relative Markdown link from one kb/ page to another, with an optional ``#anchor``.

    Both paths are relative to kb/ (``index.md``, ``sources/x.md``, ``countries/japan.md``).
    A folder's index page links to the pages of its own folder by file name (``japan.md``);
    every other link climbs to kb/'s root and descends (``../countries/japan.md``). Every link
    the writers make goes through here.
    """
    from_dir, _, from_name = from_path.rpartition("/")
    to_dir, _, to_name = to_path.rpartition("/")
    if from_name == "index.md" and from_dir and from_dir == to_dir:
        target = to_name
    else:
        target = "../" * from_path.count("/") + to_path
    return f"{target}#{anchor}" if anchor else target
