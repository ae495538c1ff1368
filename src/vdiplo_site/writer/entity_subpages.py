"""The pages a large entity's lists continue on (an entity named thousands of times in a large
corpus): its mentions in each source, its timeline year by year, and the cited works that name
it, source by source.

An entity whose quoted sentences (or dated sentences) outnumber
:data:`MAX_PER_PAGE` lists them on pages of their own, keyed by something stable
(the source; the year), so that a change in one source changes only that source's page.
A key with more rows than a page holds continues on numbered parts. Like the entity's page,
every line is a quotation linked to its passage; each page links back to the entity's page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..knowledge import CitedWork, DatedQuotation, KnowledgeBase, Quotation
from ..model import Entity
from .front_matter import dump_front_matter
from .markdown_text import escape_inline
from .paths import entity_path, entity_subpage_path, href
from .quotations import cited_table, mention_list, timeline_table
from .tree import KbFile

Row = TypeVar("Row")
#: Most quotations (or timeline rows) a page lists; an entity with more lists them on pages of
#: their own and its page links to them.
MAX_PER_PAGE = 500


@dataclass(frozen=True)
class Part(Generic[Row]):
    """One page of a large entity's list.

    Attributes:
        kind: ``mentions``, ``timeline`` or ``cited``.
        key: what the page holds: a source id, or a year (``2024``, ``1990s``).
        number: the part of that key's rows (from 1); ``parts``: how many parts the key has.
        rows: the quotations or dated quotations on this page.
    """

    kind: str
    key: str
    number: int
    parts: int
    rows: tuple[Row, ...]


def mention_parts(kb: KnowledgeBase, entity: Entity) -> list[Part[Quotation]]:
    """The mention pages of ``entity``: per source, in manifest order (none if it fits its page)."""
    return _parts("mentions", kb.quotations[entity.id], lambda q: q.source_id)


def timeline_parts(kb: KnowledgeBase, entity: Entity) -> list[Part[DatedQuotation]]:
    """The timeline pages of ``entity``: per year, in date order (none if it fits its page)."""
    return _parts("timeline", kb.timeline[entity.id], lambda entry: year_key(entry.date))


def cited_parts(kb: KnowledgeBase, entity: Entity) -> list[Part[CitedWork]]:
    """The cited-work pages of ``entity``: per source, in manifest order (none if they fit its page)."""
    return _parts("cited", kb.cited_works[entity.id], lambda work: work.quotation.source_id)


def year_key(date: str) -> str:
    """The timeline page a date goes on: its (first) year, or its decade (``1990s``)."""
    return date[:4] + ("s" if date.endswith("s") else "")


def part_path(entity: Entity, part: Part) -> str:
    """Where ``part`` lives in kb/ (see :func:`.paths.entity_subpage_path`)."""
    return entity_subpage_path(entity, part.kind, part.key, part.number)


def render_entity_subpages(kb: KnowledgeBase, entity: Entity) -> tuple[KbFile, ...]:
    """Every mention page and timeline page of ``entity`` (none when its lists fit its page)."""
    files = [
        _page(kb, entity, part, mention_list, f"提及於《{kb.label(part.key)}》")
        for part in mention_parts(kb, entity)
    ]
    files += [
        _page(kb, entity, part, timeline_table, f"時間軸 {part.key}") for part in timeline_parts(kb, entity)
    ]
    files += [
        _page(kb, entity, part, cited_table, f"《{kb.label(part.key)}》引用文獻中的名稱")
        for part in cited_parts(kb, entity)
    ]
    return tuple(files)


def _parts(kind: str, rows: Sequence[Row], key_of: Callable[[Row], str]) -> list[Part[Row]]:
    """``rows`` grouped by key (in order of first appearance), each group cut into parts."""
    per_page = MAX_PER_PAGE
    if len(rows) <= per_page:
        return []
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(key_of(row), []).append(row)
    parts = []
    for key, found in groups.items():
        count = -(-len(found) // per_page)
        parts += [
            Part(kind, key, n, count, tuple(found[(n - 1) * per_page : n * per_page]))
            for n in range(1, count + 1)
        ]
    return parts


def _page(
    kb: KnowledgeBase, entity: Entity, part: Part, render: Callable[..., list[str]], what: str
) -> KbFile:
    """One page: front matter, title, links back and to the key's other parts, the rows."""
    path = part_path(entity, part)
    title = f"{entity.name}：{what}" + (f"（{part.number}/{part.parts}）" if part.parts > 1 else "")
    front = {
        "type": part.kind,
        "entity": entity.id,
        "key": part.key,
        "title": title,
        "part": part.number,
        "parts": part.parts,
    }
    links = [f"[{escape_inline(entity.name)}]({href(path, entity_path(entity))})"]
    if part.number > 1:
        links.append(
            f"[← {part.number - 1}]({href(path, entity_subpage_path(entity, part.kind, part.key, part.number - 1))})"
        )
    if part.number < part.parts:
        links.append(
            f"[{part.number + 1} →]({href(path, entity_subpage_path(entity, part.kind, part.key, part.number + 1))})"
        )
    body = "\n".join(render(kb, part.rows, path)) + "\n"
    text = "\n".join(
        [dump_front_matter(front), f"# {escape_inline(title)}\n", " · ".join(links) + "\n", body]
    )
    return KbFile.page(path, text)
