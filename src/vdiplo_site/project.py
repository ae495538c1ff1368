"""Where a project's inputs and outputs live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The folders and files of one project.

    Attributes:
        root: the project folder (holds ``mkdocs.yml``, ``sources/``, ``kb/``, ``site/``).
    """

    root: Path

    @property
    def manifest(self) -> Path:
        """``sources/sources.yaml``: the source manifest."""
        return self.root / "sources" / "sources.yaml"

    @property
    def gazetteer(self) -> Path:
        """``sources/gazetteer/``: the curated entities."""
        return self.root / "sources" / "gazetteer"

    @property
    def kb_dir(self) -> Path:
        """``kb/``: the generated Markdown (committed)."""
        return self.root / "kb"

    @property
    def site_dir(self) -> Path:
        """``site/``: the built HTML site."""
        return self.root / "site"

    @property
    def mkdocs_config(self) -> Path:
        """``mkdocs.yml``."""
        return self.root / "mkdocs.yml"
