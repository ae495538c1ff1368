"""Where pages live in kb/, and relative links between them."""

from __future__ import annotations

from ..model import Entity

TYPE_DIRS = {"country": "countries", "actor": "actors", "concept": "concepts"}
TYPE_NAMES = {"country": "國家與地區 Countries", "actor": "行為者 Actors", "concept": "概念 Concepts"}
ACTOR_KIND_NAMES = {"person": "人物 person", "organisation": "組織 organisation"}


def entity_path(entity: Entity) -> str:
    """``countries/japan.md``-style path of an entity's page, relative to kb/."""
    return f"{TYPE_DIRS[entity.type]}/{entity.id}.md"


def source_path(source_id: str) -> str:
    """``sources/<id>.md``: path of a source's page, relative to kb/."""
    return f"sources/{source_id}.md"


def href(from_path: str, to_path: str, anchor: str = "") -> str:
    """Relative Markdown link from one kb/ page to another (both one folder deep or at the top)."""
    depth = from_path.count("/")
    target = "../" * depth + to_path
    return f"{target}#{anchor}" if anchor else target
