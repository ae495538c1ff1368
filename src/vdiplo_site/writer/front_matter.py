"""YAML front matter, written one way: safe_dump, Unicode kept, keys in the given order."""

from __future__ import annotations

from typing import Any

import yaml


def dump_front_matter(fields: dict[str, Any]) -> str:
    """Return ``fields`` as a front-matter block (``---`` lines included, trailing newline).

    Input: a mapping of plain values (str, int, None, lists of those); key order is kept as
    given, so callers fix the order. Output is deterministic for equal input.
    """
    body = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n"


def load_front_matter(page: str) -> dict[str, Any]:
    """Parse the front matter of a page written by :func:`dump_front_matter`.

    Raises:
        ValueError: the page does not start with a front-matter block.
    """
    if not page.startswith("---\n"):
        raise ValueError("page has no front matter")
    end = page.index("\n---\n", 4)
    return yaml.safe_load(page[4:end]) or {}
