"""What the whole-corpus view pages (kb/views/) share: their opening."""

from __future__ import annotations

from .front_matter import dump_front_matter


def view_opening(title: str, figures: dict[str, int], lead: str) -> str:
    """The start of a whole-corpus view page: front matter (``type: view``, ``title`` and the
    page's ``figures``, e.g. ``{"rows": 73}``), the ``# title`` heading and the lead paragraph
    (Markdown, ending in a newline)."""
    front = dump_front_matter({"type": "view", "title": title, **figures})
    return f"{front}\n# {title}\n\n{lead}"
