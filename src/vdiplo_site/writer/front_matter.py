"""YAML front matter, written one way: safe_dump, Unicode kept, keys in the given order.

libyaml's C dumper and loader are used when PyYAML was built with them (they are many times
faster on kb/'s thousands of pages); the pure-Python ones otherwise. Both emit the same bytes
for the plain values pages hold (a test compares them).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

#: The fastest safe dumper and loader this PyYAML has.
SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_OPEN = "---\n"
_CLOSE = "\n---\n"
#: The top-level ``title`` entry of a front matter: its line and any indented continuation.
_TITLE = re.compile(r"^title:.*(?:\n[ \t].*)*", re.MULTILINE)


def dump_front_matter(fields: dict[str, Any], dumper: type[yaml.SafeDumper] = SafeDumper) -> str:
    """Return ``fields`` as a front-matter block (``---`` lines included, trailing newline).

    Input: a mapping of plain values (str, int, None, lists of those); key order is kept as
    given, so callers fix the order. ``dumper``: a safe dumper class (libyaml's by default
    when available). Output is deterministic for equal input, and the same with either dumper.
    """
    body = yaml.dump(fields, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"{_OPEN}{body}---\n"


def split_front_matter(page: str) -> tuple[str, str]:
    """Split a page written with :func:`dump_front_matter` into its front matter's YAML (its
    lines without the ``---`` ones, each ending in a newline) and the Markdown after it.

    Raises:
        ValueError: the page does not start with a closed front-matter block.
    """
    if not page.startswith(_OPEN):
        raise ValueError("page has no front matter")
    end = page.find(_CLOSE, len(_OPEN) - 1)
    if end < 0:
        raise ValueError("page's front matter is not closed")
    return page[len(_OPEN) : max(end + 1, len(_OPEN))], page[end + len(_CLOSE) :]


def load_front_matter(page: str) -> dict[str, Any]:
    """Parse the front matter of a page written by :func:`dump_front_matter` (a mapping; empty
    for an empty block).

    Raises:
        ValueError: the page does not start with a closed front-matter block.
    """
    return yaml.load(split_front_matter(page)[0], Loader=SafeLoader) or {}


def title_entry(page: str) -> str:
    """The YAML text of the top-level ``title`` entry of a page written by
    :func:`dump_front_matter` (``""`` if it has none), without parsing the rest: equal titles
    give equal text (the dump is deterministic), and :func:`load_title` parses it.

    Raises:
        ValueError: the page does not start with a closed front-matter block.
    """
    found = _TITLE.search(split_front_matter(page)[0])
    return found.group() if found else ""


def load_title(page: str) -> Any:
    """The front matter's ``title`` of a page written by :func:`dump_front_matter` (``None``
    if it has none); much faster than :func:`load_front_matter` on a large front matter.

    Raises:
        ValueError: the page does not start with a closed front-matter block.
    """
    entry = title_entry(page)
    return (yaml.load(entry, Loader=SafeLoader) or {}).get("title") if entry else None
