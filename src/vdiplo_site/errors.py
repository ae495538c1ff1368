"""Error hierarchy: every error names the file (and line where known) and the problem.

The CLI turns a :class:`VdiploError` into one line on stderr and exit status 1.
"""

from __future__ import annotations

from pathlib import Path


class VdiploError(Exception):
    """Base class: a problem with the project's inputs that stops a build.

    Args:
        path: the file the problem is in (``None`` when no file is involved).
        message: what is wrong, one sentence, no trailing newline.
        line: 1-based line number in ``path`` where known.
    """

    def __init__(self, path: Path | str | None, message: str, line: int | None = None):
        self.path = Path(path) if path is not None else None
        self.message = message
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """Return ``"<file>[:<line>]: <message>"`` (or just the message without a file)."""
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class ManifestError(VdiploError):
    """The source manifest (``sources/sources.yaml``) is malformed or names a bad entry."""


class SourceFileError(VdiploError):
    """A source file is missing, empty, not UTF-8, or does not match its recorded sha256."""


class SourceFormatError(VdiploError):
    """A source's text does not have the structure its reader expects, or its format is unknown."""


class BuildError(VdiploError):
    """Writing ``kb/`` or running MkDocs failed."""


class GazetteerError(VdiploError):
    """A gazetteer file is malformed, or two entities claim the same surface form."""
