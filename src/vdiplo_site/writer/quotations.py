"""Quotations as Markdown: a marked sentence, its passage link, lists grouped by source,
timeline rows and cited-work rows (shared by an entity's page and the pages a large entity's
lists continue on).

Mention lists are most of the rendering of a large corpus; while :func:`kept_lists` is in
effect, each list is kept in the build cache under a digest of everything it shows (the page
path, the sources' ids and labels, each quotation's place, text and marks, and the code), so
a rebuild renders only the lists whose quotations changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..cache import CODE_DIGEST, Cache, digest
from ..knowledge import CitedWork, DatedQuotation, KnowledgeBase, Quotation
from .markdown_text import escape_inline
from .paths import href, source_path


def marked(quotation: Quotation) -> str:
    """The quotation's text, escaped, with each mention wrapped in ``<mark>``."""
    text, out, cursor = quotation.text, [], 0
    for start, end in quotation.marks:
        out += [escape_inline(text[cursor:start]), "<mark>", escape_inline(text[start:end]), "</mark>"]
        cursor = end
    return "".join(out) + escape_inline(text[cursor:])


def place(passage_id: str) -> str:
    """A reader's name for a passage id: ¶3-2 (paragraph), §3 (heading), 註 12 (footnote)."""
    if passage_id.startswith("fn:"):
        return f"註 {passage_id[3:]}"
    if passage_id.startswith("s-"):
        return f"§{passage_id[2:]}"
    return f"¶{passage_id[2:]}"


def passage_link(kb: KnowledgeBase, quotation: Quotation, path: str) -> str:
    """A link from page ``path`` to the quotation's passage, labelled ``<source> ¶3-2``."""
    label = escape_inline(f"{kb.label(quotation.source_id)} {place(quotation.passage_id)}")
    return f"[{label}]({href(path, source_path(quotation.source_id), quotation.passage_id)})"


def by_source(quotations: tuple[Quotation, ...], order: tuple[str, ...]) -> list[tuple[str, list[Quotation]]]:
    """``(source id, its quotations)`` for each source in ``order`` that ``quotations`` quote."""
    grouped: dict[str, list[Quotation]] = {}
    for quotation in quotations:
        grouped.setdefault(quotation.source_id, []).append(quotation)
    return [(source_id, grouped[source_id]) for source_id in order if source_id in grouped]


def mentions_anchor(source_id: str) -> str:
    """The anchor of the heading over an entity's mentions in one source (``mentions-<id>``)."""
    return f"mentions-{source_id}"


_LISTS: ContextVar[Cache | None] = ContextVar("vdiplo_mention_lists", default=None)
_NAMESPACE = "mention-lists"


@contextmanager
def kept_lists(cache: Cache | None) -> Iterator[None]:
    """Keep :func:`mention_list`'s lists in ``cache`` (``None``: not at all) for the ``with`` body."""
    token = _LISTS.set(cache)
    try:
        yield
    finally:
        _LISTS.reset(token)


def mention_list(kb: KnowledgeBase, quotations: tuple[Quotation, ...], path: str) -> list[str]:
    """Markdown lines: per source (manifest order) a ``###`` heading with its number of
    mentions (anchor :func:`mentions_anchor`), then one item per quotation, marked and linked
    to its passage (from the build cache when :func:`kept_lists` holds one and the list is there)."""
    cache = _LISTS.get()
    if cache is None:
        return _mention_list(kb, quotations, path)
    key = _list_key(kb, quotations, path)
    stored = cache.get(_NAMESPACE, key)
    if isinstance(stored, list) and all(isinstance(line, str) for line in stored):
        return stored
    lines = _mention_list(kb, quotations, path)
    cache.put(_NAMESPACE, key, lines)
    return lines


def _list_key(kb: KnowledgeBase, quotations: tuple[Quotation, ...], path: str) -> str:
    """A digest of all a mention list shows (see the module docstring)."""
    quoted = {q.mentions[0].source_id for q in quotations}
    sources = [part for sid in kb.source_ids if sid in quoted for part in (sid, kb.label(sid))]
    parts = [
        part
        for q in quotations
        for part in (
            q.mentions[0].source_id,
            q.mentions[0].passage_id,
            q.text,
            repr(q.marks),
            str(len(q.mentions)),
        )
    ]
    return digest(_NAMESPACE, CODE_DIGEST, path, str(len(sources)), *sources, *parts)


def _mention_list(kb: KnowledgeBase, quotations: tuple[Quotation, ...], path: str) -> list[str]:
    """:func:`mention_list`, rendered."""
    lines = []
    for source_id, here in by_source(quotations, kb.source_ids):
        count = sum(len(q.mentions) for q in here)
        lines.append(
            f"### {escape_inline(kb.label(source_id))}（{count}） {{#{mentions_anchor(source_id)}}}\n"
        )
        lines += [f"- {marked(q)} {passage_link(kb, q, path)}" for q in here]
        lines.append("")
    return lines


def timeline_table(kb: KnowledgeBase, entries: tuple[DatedQuotation, ...], path: str) -> list[str]:
    """Markdown lines of a timeline table: date, the marked sentence, the link to its passage."""
    lines = ["| 日期 Date | 原文 Passage | 出處 Source |", "|---|---|---|"]
    for entry in entries:
        sentence = marked(entry.quotation).replace("|", "\\|")
        lines.append(f"| {entry.date} | {sentence} | {passage_link(kb, entry.quotation, path)} |")
    return lines


def cited_table(kb: KnowledgeBase, works: tuple[CitedWork, ...], path: str) -> list[str]:
    """Markdown lines of a table of cited works: the work's date (empty when the source gives
    none), its title as written with the entity's names marked, the link to its passage."""
    lines = ["| 日期 Date | 題名 Title | 出處 Source |", "|---|---|---|"]
    for work in works:
        title = marked(work.quotation).replace("|", "\\|")
        lines.append(f"| {work.date or ''} | {title} | {passage_link(kb, work.quotation, path)} |")
    return lines
