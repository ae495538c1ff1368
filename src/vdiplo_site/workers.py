"""Work spread over every core: a function mapped over items in forked worker processes.

Used by the stages whose cost grows with the corpus (mention matching, the search
vocabulary). Workers are forked from the running process, so they share what it has built
(the private jieba tokenizer, the gazetteer) through :func:`shared`, without pickling it;
items and results are pickled. Results come back in item order, so the output is the same as
mapping in one process. Where ``fork`` is unavailable, or the work is small, everything runs
here.

What a worker logs is not handled there (its inherited handlers would write to the terminal
unordered, and a count of warnings, such as MkDocs' strict mode, would miss it): its records
come back with its result and are handled here, by the logger that made each, in item order.
An exception raised by ``func`` in a worker is raised here after that item's records.

:class:`Background` runs one function in a forked child while this process goes on (the
sharded search index, while MkDocs renders pages), with the same handling of its records and
errors.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .errors import BuildError

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
            items, and ``fork``, and this process is not a worker itself).
        workers: how many processes (default: :func:`cores`).

    Raises:
        whatever ``func`` raises (in a worker: after the records it logged are handled here).
        BuildError: a worker process ended without sending its result back (killed, or out
            of memory).
    """
    global _shared
    _shared = share
    try:
        workers = min(workers or cores(), len(items))
        if not parallel or workers < 2 or not _may_fork():
            return [func(item) for item in items]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(_replayed(pool.map(_logged, [func] * len(items), items)))
    except BrokenProcessPool as error:
        raise BuildError(None, f"a worker process ended abruptly ({error})") from None
    finally:
        _shared = None


class Background(Generic[Result]):
    """``func(argument)`` computed in a forked child process while this one goes on; its
    :meth:`result` waits for it. ``argument`` is not pickled (the child inherits it); the
    result is. Where no child can be forked (one core, no ``fork``, or this is a worker), it is
    computed here, at once.

    Raises (from :meth:`result`): whatever ``func`` raised, after the records it logged are
    handled here; BuildError if the child ended without sending its result.
    """

    def __init__(self, func: Callable[[Any], Result], argument: Any) -> None:
        self._process: Any = None
        if cores() < 2 or not _may_fork():
            self._outcome: _Outcome[Result] | None = _logged(func, argument)
            return
        self._outcome = None
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_send, args=(self._receive, send, func, argument), daemon=True)
        self._process.start()
        send.close()

    def result(self) -> Result:
        """The function's result (waiting for the child; the child's records handled here)."""
        if self._outcome is None:
            try:
                self._outcome = self._receive.recv()
            except EOFError:
                raise BuildError(None, "a worker process ended abruptly") from None
            finally:
                self.stop()
        return next(iter(_replayed([self._outcome])))

    def stop(self) -> None:
        """End the child if it is still running (a build that failed no longer needs it)."""
        if self._process is not None:
            self._receive.close()
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None


def _send(receive: Any, send: Any, func: Callable[[Any], Result], argument: Any) -> None:
    """In a :class:`Background` child: send ``func(argument)``'s outcome through ``send``.

    The child first closes its copy of the pipe's read end (``receive``, inherited by the fork):
    were the parent killed, a send into a full pipe would otherwise wait for ever on a reader that
    is the child itself; with it closed, the send fails (BrokenPipeError) and the child ends.
    """
    receive.close()
    send.send(_logged(func, argument))
    send.close()


def _may_fork() -> bool:
    """Whether this process can start workers: ``fork`` exists, and this is not itself a worker
    (a map inside a mapped function runs in its worker alone)."""
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


@dataclass(frozen=True)
class _Outcome(Generic[Result]):
    """What a worker sends back for one item: ``func``'s result or the exception it raised, and
    the log records it made meanwhile (their messages formatted, so they pickle)."""

    result: Result | None
    error: BaseException | None
    records: tuple[logging.LogRecord, ...]


def _logged(func: Callable[[Item], Result], item: Item) -> _Outcome[Result]:
    """In a worker: ``func(item)`` with every log record kept instead of handled."""
    records: list[logging.LogRecord] = []
    handle = logging.Logger.handle

    def keep(_logger: logging.Logger, record: logging.LogRecord) -> None:
        records.append(record)

    logging.Logger.handle = keep  # type: ignore[method-assign,assignment]
    try:
        return _Outcome(func(item), None, tuple(map(_portable, records)))
    except Exception as error:  # noqa: BLE001 - sent back and raised in the parent
        error.add_note("in a worker process:\n" + traceback.format_exc().rstrip())
        return _Outcome(None, error, tuple(map(_portable, records)))
    finally:
        logging.Logger.handle = handle  # type: ignore[method-assign]


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """``record`` with its message formatted and its arguments and traceback dropped (as
    :class:`logging.handlers.QueueHandler` prepares one), so that it pickles."""
    portable = logging.makeLogRecord(record.__dict__)
    portable.msg, portable.args = record.getMessage(), None
    if record.exc_info and not record.exc_text:
        portable.exc_text = logging.Formatter().formatException(record.exc_info)
    portable.exc_info = None
    return portable


def _replayed(outcomes: Iterable[_Outcome[Result]]) -> Iterable[Result]:
    """Each outcome's result, after its records are handled by their loggers here; its
    exception raised instead of a result."""
    for outcome in outcomes:
        for record in outcome.records:
            logging.getLogger(record.name).handle(record)
        if outcome.error is not None:
            raise outcome.error
        yield outcome.result  # type: ignore[misc]
