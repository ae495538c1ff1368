"""A faster, equal computation of Python-Markdown's link-bracket table, used while we build.

Python-Markdown (3.x, ``markdown.inlinepatterns.LinkInlineProcessor._findBracketEnds``) finds
where the text of a link (``[text](url)``) ends by computing, for every index of the text it
is matching, the index just past the ``]`` that closes a bracket opened before it. It does so
character by character in Python, and again each time the text changes, which it does after
every link it replaces: on kb/ pages, whose passages hold many entity links, that table was
a quarter of all Markdown conversion. :func:`bracket_ends` returns the same table, computed
over the brackets only (found by a regular expression) and filled in slices.
:func:`faster_link_brackets` puts it in place for the ``with`` body, only on a Python-Markdown
that has the method; the HTML is unchanged (a test compares the two on crafted and real text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from markdown.inlinepatterns import LinkInlineProcessor

_BRACKET = re.compile(r"[\[\]]")


def bracket_ends(data: str) -> list[int | None]:
    """For each index of ``data`` (and ``len(data)``): the index just past the ``]`` that
    closes a bracket opened before that index, or ``None`` if it never closes; equal to
    Python-Markdown's ``LinkInlineProcessor._findBracketEnds(data)``.

    Every index between two brackets has the same bracket depth and so the same answer: the
    indexes are taken in runs (each ending at a bracket), and a run waits on a stack until a
    ``]`` brings the depth below its own.
    """
    ends: list[int | None] = [None] * (len(data) + 1)
    waiting: list[tuple[int, int, int]] = []  # (first index, last index, depth) of a run
    depth, first = 0, 0
    for match in _BRACKET.finditer(data):
        at = match.start()
        waiting.append((first, at, depth))
        first = at + 1
        if data[at] == "[":
            depth += 1
            continue
        depth -= 1
        while waiting and waiting[-1][2] > depth:
            start, last, _ = waiting.pop()
            ends[start : last + 1] = [at + 1] * (last + 1 - start)
    return ends


@contextmanager
def faster_link_brackets() -> Iterator[None]:
    """Use :func:`bracket_ends` for Python-Markdown's link brackets in the ``with`` body (where
    its version computes that table at all; else change nothing)."""
    original = LinkInlineProcessor.__dict__.get("_findBracketEnds")
    if not isinstance(original, staticmethod):
        yield
        return
    LinkInlineProcessor._findBracketEnds = staticmethod(bracket_ends)
    try:
        yield
    finally:
        LinkInlineProcessor._findBracketEnds = original
