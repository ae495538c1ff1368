"""Forked workers (``workers.py``): results in order, a worker's log records handled here, its
errors raised here, a dead worker reported as one build error."""

from __future__ import annotations

import logging
import os

import pytest

from vdiplo_site import workers
from vdiplo_site.errors import BuildError
from vdiplo_site.workers import Background, map_in_order

pytestmark = pytest.mark.skipif(workers.cores() < 2, reason="needs two cores for worker processes")
log = logging.getLogger("vdiplo_site.test_workers")


def square_and_warn(n: int) -> tuple[int, int]:
    log.warning("squaring %d", n)
    if n == 13:
        raise ValueError("unlucky")
    if n == 66:
        os._exit(1)
    return n * n, os.getpid()


def test_map_gives_results_in_order_and_handles_worker_records_here(caplog):
    results = map_in_order(square_and_warn, list(range(8)))
    assert [square for square, _ in results] == [n * n for n in range(8)]
    assert {pid for _, pid in results} - {os.getpid()}  # computed in other processes
    messages = [r.getMessage() for r in caplog.records if r.process != os.getpid()]
    assert messages == [f"squaring {n}" for n in range(8)]  # item order, whatever the timing


def test_an_error_in_a_worker_is_raised_here_after_its_records(caplog):
    with pytest.raises(ValueError, match="unlucky") as raised:
        map_in_order(square_and_warn, [1, 13, 2])
    assert "squaring 13" in caplog.text
    assert any("in a worker process" in note for note in raised.value.__notes__)


def test_a_dead_worker_is_one_build_error():
    with pytest.raises(BuildError, match="worker process ended abruptly"):
        map_in_order(square_and_warn, [1, 66, 2])


def test_background_result_records_and_errors(caplog):
    job = Background(square_and_warn, 7)
    ((square, pid),) = [job.result()]
    assert square == 49 and pid != os.getpid()
    assert [r.getMessage() for r in caplog.records if r.process == pid] == ["squaring 7"]
    with pytest.raises(ValueError, match="unlucky"):
        Background(square_and_warn, 13).result()
    with pytest.raises(BuildError, match="worker process ended abruptly"):
        Background(square_and_warn, 66).result()


def test_background_computes_here_on_one_core(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 1)
    assert Background(square_and_warn, 3).result() == (9, os.getpid())
