"""Staging a whole generated tree (see :mod:`.swap` for putting it in place), and comparing
it with what is on disk."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class KbFile:
    """One generated file of kb/.

    Attributes:
        path: relative POSIX path inside kb/ (``sources/x.md``, ``assets/extra.css``).
        data: the file's bytes (pages are UTF-8 with ``\\n`` line ends).
    """

    path: str
    data: bytes

    @classmethod
    def page(cls, path: str, text: str) -> KbFile:
        """A text page, encoded as UTF-8."""
        return cls(path, text.encode("utf-8"))

    @property
    def text(self) -> str:
        """The file decoded as UTF-8.

        Raises:
            UnicodeDecodeError: the file is binary.
        """
        return self.data.decode("utf-8")


def stage_tree(files: Iterable[KbFile], parent: Path, prefix: str, previous: Path | None = None) -> Path:
    """Write ``files`` into a new temporary folder and return it.

    The folder is created inside ``parent`` so that a later rename is atomic on the same file
    system; equal input gives byte-identical files. The folder and files get the modes the
    process umask gives new ones (0755 and 0644 under the usual 022). A file equal (bytes and
    mode) to the one at its path in ``previous`` (the tree being replaced) is a hard link to
    it: faster than writing, and it keeps that file's modification time, by which an
    incremental site build tells unchanged pages (:mod:`vdiplo_site.site_build`). Nothing may
    write into the staged tree afterwards.
    """
    parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    mask = _umask()
    staged.chmod(0o777 & ~mask)  # mkdtemp's 0700 would become the mode of kb/
    for file in sorted(files, key=lambda f: f.path):
        target = staged / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if previous is None or not _link_if_equal(previous / file.path, target, file.data, 0o666 & ~mask):
            target.write_bytes(file.data)
    return staged


def _link_if_equal(current: Path, target: Path, data: bytes, mode: int) -> bool:
    """Hard-link ``target`` to ``current`` if that is a regular file holding ``data`` with
    permission bits ``mode``; return whether it did."""
    try:
        info = current.lstat()
        if not stat.S_ISREG(info.st_mode) or stat.S_IMODE(info.st_mode) != mode or info.st_size != len(data):
            return False
        if current.read_bytes() != data:
            return False
        os.link(current, target)
    except OSError:
        return False
    return True


def _umask() -> int:
    """The process umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def read_tree(root: Path) -> tuple[KbFile, ...]:
    """All files below ``root``, sorted by path (empty when ``root`` is absent)."""
    if not root.is_dir():
        return ()
    return tuple(
        KbFile(p.relative_to(root).as_posix(), p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file()
    )


def differing_paths(fresh: Iterable[KbFile], on_disk: Iterable[KbFile]) -> list[str]:
    """Paths whose bytes differ between two trees, or that only one holds (sorted)."""
    a = {file.path: file.data for file in fresh}
    b = {file.path: file.data for file in on_disk}
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))
