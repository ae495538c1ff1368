"""The spine: manifest -> read -> normalise -> passages -> write ``kb/`` -> MkDocs -> ``site/``.

Each stage is a function called once per build; everything is gathered before anything is
written, and ``kb/`` and ``site/`` are replaced only when the whole build has succeeded, so a
failed build leaves the previous ones intact.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path

from .entities.gazetteer import load_gazetteer
from .entities.mentions import find_mentions
from .entities.relations import cooccurrence, mentions_by_entity, passages
from .errors import BuildError
from .manifest import load_manifest, read_source_text
from .model import Document, Entity, KnowledgeBase, SourceSpec
from .normalise import normalise
from .passages import assign_passage_ids
from .readers import reader_for
from .search.data import dump_search_data
from .segment import make_tokenizer
from .writer.cross_links import first_mention_links
from .writer.entity_index import render_entity_index
from .writer.entity_page import EntityPage
from .writer.home_page import render_home_page, render_sources_index
from .writer.paths import TYPE_DIRS, entity_path
from .writer.source_page import render_source_page
from .writer.tree import replace_tree, stage_tree

log = logging.getLogger(__name__)

#: Files of ``vdiplo_site/writer/assets/`` copied into ``kb/assets/`` (named in mkdocs.yml).
ASSETS = ("extra.css", "passage-links.js")


@dataclass(frozen=True)
class Project:
    """Where a project's inputs and outputs live.

    Attributes:
        root: the project folder (holds ``mkdocs.yml``, ``sources/``, ``kb/``, ``site/``).
    """

    root: Path

    @property
    def manifest(self) -> Path:
        """``sources/sources.yaml``."""
        return self.root / "sources" / "sources.yaml"

    @property
    def gazetteer(self) -> Path:
        """``sources/gazetteer/``: the curated entities."""
        return self.root / "sources" / "gazetteer"

    @property
    def kb_dir(self) -> Path:
        """The generated Markdown (committed)."""
        return self.root / "kb"

    @property
    def site_dir(self) -> Path:
        """The built HTML site."""
        return self.root / "site"

    @property
    def mkdocs_config(self) -> Path:
        """``mkdocs.yml``."""
        return self.root / "mkdocs.yml"


def read_documents(specs: tuple[SourceSpec, ...]) -> tuple[Document, ...]:
    """Read every source with its format's reader (checks bytes first; see ``manifest``).

    Raises:
        SourceFileError, SourceFormatError: a source is missing, changed, not UTF-8, or of an
            unknown format or unexpected structure.
    """
    return tuple(reader_for(spec).read(spec, read_source_text(spec)) for spec in specs)


def normalise_documents(documents: tuple[Document, ...]) -> tuple[Document, ...]:
    """Apply each format's normalisation steps, then assign stable passage ids."""
    return tuple(assign_passage_ids(normalise(document)) for document in documents)


def link_entities(documents: tuple[Document, ...], entities: tuple[Entity, ...]) -> KnowledgeBase:
    """Detect every entity mention in every document and gather the knowledge base."""
    tokenizer = make_tokenizer(entities)
    mentions = tuple(m for document in documents for m in find_mentions(document, entities, tokenizer))
    return KnowledgeBase(documents=documents, entities=entities, mentions=mentions)


def render_kb(kb: KnowledgeBase) -> dict[str, str | bytes]:
    """All pages of ``kb/`` as relative path -> content (deterministic for equal input)."""
    specs = tuple(document.spec for document in kb.documents)
    pages: dict[str, str | bytes] = {
        "index.md": render_home_page(specs),
        "sources/index.md": render_sources_index(specs),
    }
    for asset in ASSETS:
        pages[f"assets/{asset}"] = (package_files("vdiplo_site.writer") / "assets" / asset).read_bytes()
    by_id = {entity.id: entity for entity in kb.entities}
    for document in kb.documents:
        links = first_mention_links(document.spec.id, kb.mentions, by_id)
        pages[f"sources/{document.spec.id}.md"] = render_source_page(document, links)
    grouped = mentions_by_entity(kb)
    writer = EntityPage(kb, grouped, passages(kb), cooccurrence(kb))
    for entity in kb.entities:
        pages[entity_path(entity)] = writer.render(entity)
    for entity_type, folder in TYPE_DIRS.items():
        pages[f"{folder}/index.md"] = render_entity_index(kb, entity_type, grouped)
    pages["search-data.json"] = dump_search_data(kb)
    return pages


def generate_kb(project: Project) -> dict[str, str | bytes]:
    """Run manifest -> read -> normalise -> mentions -> render; return ``kb/``'s files (nothing written)."""
    specs = load_manifest(project.manifest)
    entities = load_gazetteer(project.gazetteer, frozenset(spec.id for spec in specs))
    return render_kb(link_entities(normalise_documents(read_documents(specs)), entities))


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """Build the site from ``docs_dir`` into ``site_dir`` with MkDocs in strict mode.

    Raises:
        BuildError: MkDocs reported an error or, being strict, a warning (the message names
            the config file; MkDocs has logged the details).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(config_file, f"MkDocs build failed: {exc}") from None


def build(project: Project, *, site: bool = True) -> None:
    """Regenerate ``kb/`` and (if ``site``) build ``site/``; replace both only on success.

    Raises:
        VdiploError: any input or build problem; ``kb/`` and ``site/`` are then unchanged.
    """
    pages = generate_kb(project)
    staged_kb = stage_tree(pages, project.root, ".kb-staging-")
    staged_site = project.root / (staged_kb.name.replace("kb", "site", 1))
    try:
        if site:
            run_mkdocs(project.mkdocs_config, staged_kb, staged_site)
        replace_tree(staged_kb, project.kb_dir)
        if site:
            replace_tree(staged_site, project.site_dir)
    finally:
        for leftover in (staged_kb, staged_site):
            if leftover.exists():
                shutil.rmtree(leftover)
    log.info("wrote %d kb files%s", len(pages), " and the site" if site else "")


def stale_kb_paths(project: Project) -> list[str]:
    """Paths of ``kb/`` that differ from a fresh generation (added, removed or changed).

    Returns an empty list when the committed ``kb/`` is byte-identical to a fresh build.
    """
    from .writer.tree import read_tree

    fresh = {path: (c.encode("utf-8") if isinstance(c, str) else c) for path, c in generate_kb(project).items()}
    on_disk = read_tree(project.kb_dir)
    return sorted(path for path in fresh.keys() | on_disk.keys() if fresh.get(path) != on_disk.get(path))
