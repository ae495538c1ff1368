"""Named stages, each announced with its time (as Sphinx announces its build phases).

Every stage logs one INFO record on the ``vdiplo_site.stages`` logger, ``"<name>: <s> s"``,
carrying ``stage`` (the name) and ``seconds`` (wall time, a float) as record attributes, so
that ``vdiplo-site -v`` prints them and a benchmark can collect them (:class:`StageTimes`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the ``with`` body and log it as stage ``name`` (only when it succeeds)."""
    start = time.perf_counter()
    yield
    seconds = time.perf_counter() - start
    log.info("%s: %.2f s", name, seconds, extra={"stage": name, "seconds": seconds})


class StageTimes(logging.Handler):
    """Collects the stage records logged while it is attached (see :meth:`collect`).

    Attributes:
        times: ``(stage name, seconds)`` in the order the stages ended.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.times: list[tuple[str, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep a stage record's name and seconds (other records are ignored)."""
        stage_name, seconds = getattr(record, "stage", None), getattr(record, "seconds", None)
        if isinstance(stage_name, str) and isinstance(seconds, float):
            self.times.append((stage_name, seconds))

    @classmethod
    @contextmanager
    def collect(cls) -> Iterator[StageTimes]:
        """Attach a collector to the stages logger for the ``with`` body (INFO enabled)."""
        collector = cls()
        previous = log.level
        log.addHandler(collector)
        log.setLevel(logging.INFO)
        try:
            yield collector
        finally:
            log.removeHandler(collector)
            log.setLevel(previous)
