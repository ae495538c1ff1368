"""One build at a time per project: an exclusive ``flock`` on a lock file in the project root."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError

#: The lock file, in the project root (kept between builds: removing it would race).
LOCK = ".vdiplo-build.lock"


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock for the ``with`` body; fail at once if another process has it.

    The holder's process id is written into the lock file, so a refused build can name it. The
    lock goes with the process, so a killed build never leaves it held.

    Raises:
        BuildError: ``root`` is not a folder, the lock file cannot be created, or another build
            (or check) holds the lock; the message is one line naming the lock file.
    """
    if not root.is_dir():
        raise BuildError(root, "no such project folder")
    path = root / LOCK
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise BuildError(path, f"cannot create the build lock: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(descriptor, 32).decode("ascii", "replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            message = (
                f"another vdiplo-site build{who} is running in this project; try again when it has finished"
            )
            raise BuildError(path, message) from None
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode("ascii"))
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)
