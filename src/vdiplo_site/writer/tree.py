"""Writing a whole generated tree atomically, and comparing it with what is on disk."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..errors import BuildError


def stage_tree(files: dict[str, str | bytes], parent: Path, prefix: str) -> Path:
    """Write ``files`` (relative POSIX path -> text or bytes) into a new temporary folder.

    Returns the folder, created inside ``parent`` so that a later rename is atomic on the
    same file system. Text is written as UTF-8 with ``\\n`` line ends, so equal input gives
    byte-identical files.
    """
    parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    for relative, content in sorted(files.items()):
        target = staged / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)
    return staged


def replace_tree(staged: Path, destination: Path) -> None:
    """Move ``staged`` into place as ``destination``, replacing any previous tree.

    The old tree is first renamed aside and removed only after the new one is in place, so
    an interruption never leaves ``destination`` half-written.

    Raises:
        BuildError: a rename failed (the previous tree is restored where possible).
    """
    old = destination.with_name(destination.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    try:
        if destination.exists():
            destination.rename(old)
        staged.rename(destination)
    except OSError as exc:
        if old.exists() and not destination.exists():
            old.rename(destination)
        raise BuildError(destination, f"could not replace the generated tree: {exc}") from None
    if old.exists():
        shutil.rmtree(old)


def read_tree(root: Path) -> dict[str, bytes]:
    """All files below ``root`` as relative POSIX path -> bytes (empty when ``root`` is absent)."""
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
