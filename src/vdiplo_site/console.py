"""What the command line prints while it works: each build stage with its time, a progress bar
over MkDocs' pages, and columns aligned by display width.

The build itself only logs (:mod:`.stages`, and MkDocs' own ``Building page …`` debug records);
:class:`BuildReport` turns those records into lines on a stream, so the library stays silent
when used from Python, and ``vdiplo-site -q`` attaches nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from tqdm import tqdm
from wcwidth import wcswidth

from .stages import log as stages_log

#: MkDocs' logger of its build, and the prefix of the debug record it logs for each page it renders.
MKDOCS_BUILD_LOGGER = "mkdocs.commands.build"
_PAGE_RECORD = "Building page "
_READ_RECORD = "Reading: "
#: Width of the stage-name column.
NAME_WIDTH = 10


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns, counting wide (CJK)
    characters as two columns (wcwidth); text already wider is returned unchanged."""
    return text + " " * max(0, width - max(wcswidth(text), 0))


def columns(rows: Sequence[tuple[str, str]], indent: int = 2, gap: int = 2) -> str:
    """Two-column text: each ``(left, right)`` on one line, the right column aligned by display
    width (a Chinese word takes two columns), as in ``--help``'s examples."""
    width = max(max(wcswidth(left), 0) for left, _ in rows) + gap
    return "\n".join((" " * indent + pad(left, width) + right).rstrip() for left, right in rows)


class BuildReport(logging.Handler):
    """Prints a build's stages to ``stream``: ``"  <stage>  <seconds> s"`` as each ends, and a
    progress bar while MkDocs renders pages (on a terminal only: tqdm leaves it out elsewhere).

    Attach it with :meth:`attached`. Attributes: ``pages`` (pages MkDocs rendered), ``started``
    (``time.perf_counter()`` when attached).
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__(level=logging.INFO)
        self.stream = stream
        self.pages = 0
        self.started = time.perf_counter()
        self._read = 0
        self._phase = ""
        self._passed_level = logging.WARNING
        self._bar: tqdm | None = None

    def emit(self, record: logging.LogRecord) -> None:
        """Print a stage record (others are ignored), closing the page bar first."""
        name, seconds = getattr(record, "stage", None), getattr(record, "seconds", None)
        if not isinstance(name, str) or not isinstance(seconds, float):
            return
        self._close_bar()
        self._read = 0
        extra = f"  ({self.pages} pages rendered)" if name == "mkdocs" else ""
        print(f"  {pad(name, NAME_WIDTH)} {seconds:6.2f} s{extra}", file=self.stream, flush=True)

    def _count_page(self, record: logging.LogRecord) -> bool:
        """On MkDocs' build logger: advance the bar on each page MkDocs reads (Markdown to HTML)
        and then renders (into the theme); pass on only records of the level the logger had
        before (see :meth:`attached`)."""
        if record.levelno == logging.DEBUG:
            message = record.getMessage()
            if message.startswith(_READ_RECORD):
                self._advance("read")
            elif message.startswith(_PAGE_RECORD):
                self._advance("render")
        return record.levelno >= self._passed_level

    def _advance(self, phase: str) -> None:
        if self._bar is not None and self._phase != phase:
            self._close_bar()
        if self._bar is None:
            self._phase = phase
            self._bar = tqdm(
                total=self._read or None,  # pages read, known when rendering starts
                desc=f"  mkdocs: {phase}",
                unit="page",
                file=self.stream,
                leave=False,
                disable=None,  # only on a terminal
            )
        if phase == "read":
            self._read += 1
        else:
            self.pages += 1
        self._bar.update()

    def _close_bar(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    @contextmanager
    def attached(self) -> Iterator[BuildReport]:
        """Receive stage records and MkDocs' page records for the ``with`` body; other records of
        MkDocs' logger keep their previous level."""
        mkdocs_log = logging.getLogger(MKDOCS_BUILD_LOGGER)
        previous_stages, previous_mkdocs = stages_log.level, mkdocs_log.level
        self._passed_level = mkdocs_log.getEffectiveLevel()
        stages_log.addHandler(self)
        stages_log.setLevel(logging.INFO)
        stages_log.propagate = False  # printed here, not again by a root handler (-v)
        mkdocs_log.addFilter(self._count_page)
        mkdocs_log.setLevel(logging.DEBUG)
        self.started = time.perf_counter()
        try:
            yield self
        finally:
            self._close_bar()
            stages_log.removeHandler(self)
            stages_log.setLevel(previous_stages)
            stages_log.propagate = True
            mkdocs_log.removeFilter(self._count_page)
            mkdocs_log.setLevel(previous_mkdocs)

    @property
    def seconds(self) -> float:
        """Wall seconds since :meth:`attached` began."""
        return time.perf_counter() - self.started


def progress(items: Iterable, stream: TextIO | None, description: str, total: int) -> Iterable:
    """``items``, with a progress bar on ``stream`` while they are consumed (a terminal only;
    ``stream`` None: no bar)."""
    if stream is None:
        return items
    return tqdm(items, desc=description, total=total, file=stream, leave=False, disable=None)
