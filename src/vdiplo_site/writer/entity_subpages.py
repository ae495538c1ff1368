"""The pages a large entity's lists continue on: its mentions, and its timeline, in pages of
:data:`.entity_page.MAX_PER_PAGE` (an entity named thousands of times in a large corpus).

Page ``n`` of a list is at :func:`.paths.entity_subpage_path`; each links back to the entity's
page and to the previous and next page. Like the entity's page, every line is a quotation
linked to its passage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ..knowledge import KnowledgeBase
from ..model import Entity
from . import entity_page
from .front_matter import dump_front_matter
from .markdown_text import escape_inline
from .paths import entity_path, entity_subpage_path, href
from .quotations import mention_list, timeline_table
from .tree import KbFile

Row = TypeVar("Row")
TITLES = {"mentions": "提及 Mentions", "timeline": "時間軸 Timeline"}


def render_entity_subpages(kb: KnowledgeBase, entity: Entity) -> tuple[KbFile, ...]:
    """The mention pages and timeline pages of ``entity`` (none when its lists fit its page)."""
    mentions = _pages(kb, entity, "mentions", kb.quotations[entity.id], mention_list)
    timeline = _pages(kb, entity, "timeline", kb.timeline[entity.id], timeline_table)
    return mentions + timeline


def _pages(
    kb: KnowledgeBase,
    entity: Entity,
    kind: str,
    rows: Sequence[Row],
    render: Callable[[KnowledgeBase, tuple[Row, ...], str], list[str]],
) -> tuple[KbFile, ...]:
    """Pages of ``rows`` (``MAX_PER_PAGE`` each) when there are more than fit one page."""
    per_page = entity_page.MAX_PER_PAGE
    if len(rows) <= per_page:
        return ()
    count = -(-len(rows) // per_page)
    files = []
    for number in range(1, count + 1):
        path = entity_subpage_path(entity, kind, number)
        title = f"{entity.name}：{TITLES[kind]}（{number}/{count}）"
        front = {"type": kind, "entity": entity.id, "title": title, "page": number, "pages": count}
        chunk = tuple(rows[(number - 1) * per_page : number * per_page])
        parts = [
            dump_front_matter(front),
            f"# {escape_inline(title)}\n",
            _navigation(entity, kind, number, count, path),
        ]
        parts.append("\n".join(render(kb, chunk, path)) + "\n")
        files.append(KbFile.page(path, "\n".join(parts)))
    return tuple(files)


def _navigation(entity: Entity, kind: str, number: int, count: int, path: str) -> str:
    """Links to the entity's page and to the previous and next page of the list."""
    links = [f"[{escape_inline(entity.name)}]({href(path, entity_path(entity))})"]
    if number > 1:
        links.append(f"[← {number - 1}]({href(path, entity_subpage_path(entity, kind, number - 1))})")
    if number < count:
        links.append(f"[{number + 1} →]({href(path, entity_subpage_path(entity, kind, number + 1))})")
    return " · ".join(links) + "\n"
