"""Forked workers (``workers.py``): results in order, a worker's log records handled here, its
errors raised here, a dead worker reported as one build error."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

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


ORPHAN = """
import os, sys, time
from vdiplo_site.workers import Background

def large(_):
    print(os.getpid(), flush=True)  # the child's pid, for the test
    return "x" * 4_000_000  # more than a pipe holds: the send waits for a reader

job = Background(large, None)
time.sleep(60)
"""


def test_a_background_child_ends_when_its_parent_is_killed():
    """A killed parent (serve ended by SIGTERM/SIGKILL) must not leave its child blocked for
    ever on a send into the pipe."""
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        time.sleep(0.5)  # the child is now blocked in its send
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                state = Path(f"/proc/{child}/stat").read_text().split(")")[-1].split()[0]
            except FileNotFoundError:
                break
            if state == "Z":  # ended, not yet reaped by init
                break
            time.sleep(0.1)
        else:
            os.kill(child, signal.SIGKILL)
            pytest.fail("the Background child outlived its killed parent")
    finally:
        parent.kill()
