"""Replacing ``kb/`` and ``site/`` together, through a journal that a later run can finish.

A swap renames staged trees into place (each old tree goes aside as ``<name>.old`` first, and
is moved into the trash, :data:`TRASH`, last: removing a large ``site/`` takes seconds, which
the next build spends in a background thread instead, :class:`TrashRemoval`). Before the first rename, a journal (:data:`JOURNAL`, in the project root)
names every move; it is removed after the last. A process killed anywhere in between leaves
the journal, and :func:`recover` (run at the start of every build and check) rolls the swap
forward, since every staged tree it names is complete: ``kb/`` and ``site/`` are then both
new. A process killed before the journal exists leaves only staging folders, which
:func:`recover` removes: ``kb/`` and ``site/`` are both old. Safe against killed processes, not
against power loss (nothing is fsynced).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from ..errors import BuildError

log = logging.getLogger(__name__)

#: The journal of a swap in progress, in the project root.
JOURNAL = ".vdiplo-swap.json"
_PARTIAL = JOURNAL + ".tmp"
#: The folder, in the project root, where replaced trees wait to be removed.
TRASH = ".vdiplo-trash"
_NAME = re.compile(r"(?!\.\.?$)[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Move:
    """One tree of a swap.

    Attributes:
        target: the tree's folder name in the project root (``kb``, ``site``).
        staged: the staged folder's name in the project root that becomes ``target``, or
            ``None`` to remove ``target`` (e.g. a site no longer built from the new ``kb/``).
    """

    target: str
    staged: str | None

    def __post_init__(self) -> None:
        for name in (self.target, self.staged):
            if name is not None and not _NAME.fullmatch(name):
                raise ValueError(f"not a plain folder name: {name!r}")


def staging_prefix(target: str) -> str:
    """The name prefix of a staged ``target`` (``kb`` -> ``.kb-staging-``)."""
    return f".{target}-staging-"


def old_name(target: str) -> str:
    """Where the previous ``target`` waits during a swap (``kb`` -> ``kb.old``)."""
    return f"{target}.old"


def swap(root: Path, moves: Sequence[Move]) -> None:
    """Put every staged tree of ``moves`` in place in ``root``, all or (on error) none.

    Expects no ``<target>.old`` folders (run :func:`recover` first). A killed process leaves
    the journal for :func:`recover`; a failed rename rolls the swap back before raising.

    Raises:
        BuildError: a rename failed (the previous trees are back in place; if even that failed,
            the journal stays and the next build finishes the swap).
    """
    try:
        _write_journal(root, moves)
    except OSError as exc:
        raise BuildError(root / JOURNAL, f"could not write the swap journal: {exc}") from None
    try:
        _roll_forward(root, moves)
    except OSError as exc:
        _roll_back(root, moves)
        raise BuildError(root / moves[0].target, f"could not replace the generated trees: {exc}") from None
    _remove_all([root / JOURNAL])
    throw_away(root, [root / old_name(move.target) for move in moves])


def throw_away(root: Path, paths: Sequence[Path]) -> None:
    """Move each existing path (in ``root``) into ``root``'s trash (:data:`TRASH`) under a
    unique name, for :class:`TrashRemoval` to remove; one that cannot be moved is removed now.

    Raises:
        BuildError: a path could be neither moved nor removed (named).
    """
    trash = root / TRASH
    for path in paths:
        if not (path.exists() or path.is_symlink()):
            continue
        try:
            trash.mkdir(exist_ok=True)
            path.rename(trash / f"{path.name}-{uuid.uuid4().hex}")
        except OSError:
            _remove_all([path])


class TrashRemoval:
    """Empty ``root``'s trash (:data:`TRASH`) in a background thread while the ``with`` body
    runs; on leaving, wait for it. Only what the trash held on entering is removed (a swap in
    the body adds the trees it replaces, for the next build). Removal errors are ignored: what
    is left is tried again next time. Use while holding the build lock.

    Args:
        root: the project root.
    """

    def __init__(self, root: Path):
        self.trash = root / TRASH
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Self:
        try:
            entries = sorted(self.trash.iterdir())
        except OSError:
            entries = []
        if entries:
            self.thread = threading.Thread(target=_empty, args=(entries,), name="vdiplo-trash", daemon=True)
            self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.thread is not None:
            self.thread.join()


def _empty(entries: Sequence[Path]) -> None:
    """Remove each trashed tree or file, ignoring errors."""
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def recover(root: Path, targets: Sequence[str]) -> None:
    """Finish a swap a killed process left in ``root``, then remove leftovers of ``targets``.

    Leftovers are staging folders (:func:`staging_prefix`), ``<target>.old`` folders and a
    partly written journal. Call only while holding the build lock.

    Raises:
        BuildError: the journal is unreadable, names a tree that is neither staged nor in
            place, or a rename failed (the message says which).
    """
    journal = root / JOURNAL
    if journal.exists():
        moves = _read_journal(journal)
        try:
            _roll_forward(root, moves)
        except OSError as exc:
            raise BuildError(journal, f"could not finish an interrupted swap: {exc}") from None
        _remove_all([journal])
        log.warning("finished replacing %s after an interrupted build", ", ".join(m.target for m in moves))
    leftovers = [root / _PARTIAL] + [root / old_name(target) for target in targets]
    for target in targets:
        leftovers.extend(sorted(root.glob(staging_prefix(target) + "*")))
    found = [path for path in leftovers if path.exists() or path.is_symlink()]
    for leftover in found:
        log.warning("removing %s, left by an interrupted build", leftover.name)
    _remove_all(found)


def _roll_forward(root: Path, moves: Sequence[Move]) -> None:
    """Apply ``moves`` from whatever point a previous attempt reached (idempotent)."""
    for move in moves:
        target, old = root / move.target, root / old_name(move.target)
        staged = root / move.staged if move.staged else None
        if staged is not None and not staged.exists():
            if not target.exists():
                raise BuildError(root / JOURNAL, f"names {move.staged}, which is neither staged nor in place")
            continue  # already in place
        if target.exists():
            target.rename(old)
        if staged is not None:
            staged.rename(target)


def _roll_back(root: Path, moves: Sequence[Move]) -> None:
    """Undo what :func:`_roll_forward` did of ``moves``, in reverse; on failure keep the journal."""
    try:
        for move in reversed(moves):
            target, old = root / move.target, root / old_name(move.target)
            if move.staged and target.exists() and not (root / move.staged).exists():
                target.rename(root / move.staged)
            if old.exists() and not target.exists():
                old.rename(target)
        (root / JOURNAL).unlink()
    except OSError as exc:
        log.error("could not restore the previous trees (%s); the next build finishes the swap", exc)


def _write_journal(root: Path, moves: Sequence[Move]) -> None:
    """Write the journal whole: into a partial file first, then renamed into place."""
    record = {"moves": [{"target": move.target, "staged": move.staged} for move in moves]}
    partial = root / _PARTIAL
    partial.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, root / JOURNAL)


def _read_journal(journal: Path) -> tuple[Move, ...]:
    """The moves a journal names.

    Raises:
        BuildError: the journal is not the JSON :func:`_write_journal` writes.
    """
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        return tuple(Move(entry["target"], entry["staged"]) for entry in record["moves"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        message = f"unreadable swap journal ({exc}); move kb.old/site.old back by hand, then delete it"
        raise BuildError(journal, message) from None


def _remove_all(paths: Sequence[Path]) -> None:
    """Remove each path (a folder tree, a file or a link) that exists, in order.

    Raises:
        BuildError: one could not be removed (named; the next build tries again).
    """
    for path in paths:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
        except OSError as exc:
            raise BuildError(path, f"could not remove a leftover of a build: {exc.strerror or exc}") from None
