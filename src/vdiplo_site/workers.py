"""Work spread over every core: a function mapped over items in forked worker processes.

Used by the stages whose cost grows with the corpus (mention matching, the search
vocabulary). Workers are forked from the running process, so they share what it has built
(the private jieba tokenizer, the gazetteer) through :func:`shared`, without pickling it;
items and results are pickled. Results come back in item order, so the output is the same as
mapping in one process. Where ``fork`` is unavailable, or the work is small, everything runs
here.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_shared: Any = None


def shared() -> Any:
    """What the running :func:`map_in_order` call shares with its function (``None`` outside)."""
    return _shared


def cores() -> int:
    """The number of CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_in_order(
    func: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    share: Any = None,
    parallel: bool = True,
    workers: int | None = None,
) -> list[Result]:
    """``[func(item) for item in items]``, on every core when ``parallel``.

    Args:
        func: a module-level function (workers find it by name); it may read :func:`shared`.
        items: the pieces of work (picklable), each a few seconds of work at most.
        share: the object :func:`shared` returns while the map runs (not pickled: workers
            inherit it when they are forked).
        parallel: whether to use worker processes (when there are at least two cores, two
            items, and ``fork``).
        workers: how many processes (default: :func:`cores`).

    Raises:
        whatever ``func`` raises.
    """
    global _shared
    _shared = share
    try:
        workers = min(workers or cores(), len(items))
        if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return [func(item) for item in items]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(func, items))
    finally:
        _shared = None
